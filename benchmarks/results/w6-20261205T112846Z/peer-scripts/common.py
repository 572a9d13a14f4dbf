"""Shared helpers for the peer benchmarks (W1-W7). Run with Debian's /usr/bin/python3."""
import json, os, platform, subprocess, time, statistics


def set_threads(n):
    """Pin BOTH PyTorch's intra-op pool and the BLAS (OpenBLAS) pool to n threads.

    Debian's torch 1.13 is built with BLAS_INFO=generic, i.e. its CPU matmuls go to the system
    libblas.so.3 (OpenBLAS 0.3.21, pthreads), whose own pool ignores torch.set_num_threads().
    """
    from threadpoolctl import threadpool_limits
    require_optimised_blas()
    lim = threadpool_limits(limits=n)  # kept alive for the process lifetime
    try:
        import torch
        torch.set_num_threads(n)
    except ImportError:
        pass
    return lim


def env_info():
    info = {"python": platform.python_version(), "machine": platform.machine()}
    try:
        info["cpu"] = [l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")][0]
    except Exception:
        pass
    info["nproc"] = os.cpu_count()
    import numpy
    info["numpy"] = numpy.__version__
    try:
        import torch
        info["torch"] = torch.__version__
    except ImportError:
        pass
    try:
        import threadpoolctl
        info["blas"] = [(d["internal_api"], d["version"], d.get("architecture"), d["num_threads"])
                        for d in threadpoolctl.threadpool_info()]
    except Exception:
        pass
    return info


def median_rate(fn, work_per_call, repeats=5, min_seconds=1.0, warmup=3):
    """Calls fn() warmup times, then `repeats` timed blocks of k calls each (k chosen so that a
    block lasts >= min_seconds). Returns dict with median/min/max of work units per second."""
    for _ in range(warmup):
        fn()
    t0 = time.perf_counter(); fn(); one = time.perf_counter() - t0
    k = max(1, int(min_seconds / max(one, 1e-9)))
    rates = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(k):
            fn()
        dt = time.perf_counter() - t0
        rates.append(work_per_call * k / dt)
    return {"median": statistics.median(rates), "min": min(rates), "max": max(rates), "calls_per_block": k,
            "repeats": repeats}


def write_json(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(obj, f, indent=1)


def require_optimised_blas():
    """Refuses to run (SystemExit) unless NumPy's and PyTorch's BLAS is an optimised one (OpenBLAS, MKL or BLIS):
    on Debian, libblas.so.3 may point at the reference BLAS (/usr/lib/x86_64-linux-gnu/blas/), whose products are
    several times slower and would make any side-by-side figure meaningless. Returns what threadpoolctl saw
    (library, version, kernel, threads) for the results JSON."""
    import numpy  # noqa: F401  (loads the BLAS)
    import threadpoolctl
    blas = [d for d in threadpoolctl.threadpool_info() if d.get("user_api") == "blas"]
    good = [d for d in blas if d.get("internal_api") in ("openblas", "mkl", "blis")]
    if not good:
        raise SystemExit("refusing to run: no optimised BLAS loaded (threadpoolctl sees %s); point libblas.so.3 at "
                         "OpenBLAS (update-alternatives --config libblas.so.3-x86_64-linux-gnu)"
                         % ([d.get("filepath") for d in blas] or "no BLAS at all"))
    return [{"library": d.get("internal_api"), "version": d.get("version"), "kernel": d.get("architecture"),
             "threads": d.get("num_threads"), "path": d.get("filepath")} for d in good]
