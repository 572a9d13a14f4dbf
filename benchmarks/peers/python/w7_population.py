#!/usr/bin/python3
"""W7 "population pairs": all-pairs CKA and SVCCA among 1,000 networks' activations (2,000 samples x 128 units)
and angular DSA among 500 systems, the way a NumPy / DSA-reference user computes them (issue 19).

Spec: WORKLOADS.md (W7). All pairs at this scale take hours in the peer, so every per-network step runs for
every network where that is cheap (centring, norms, SVDs) and the per-pair step is timed on a random sample
of pairs and extrapolated to all N(N-1)/2 (the per-pair work does not depend on which pair it is).

  /usr/bin/python3 w7_population.py cka   --nets 1000 --pairs 2000 --threads 1
  /usr/bin/python3 w7_population.py svcca --nets 1000 --pairs 2000 --threads 1
  PYTHONPATH=/tmp/peers-shims:/tmp/peers-src/mitchellostrow+DSA \
      /usr/bin/python3 w7_population.py dsa --nets 500 --fits 6 --pairs 3 --threads 1
"""
import argparse, os, sys, time
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import set_threads, env_info, write_json
from w3_similarity import make_activations, center

HERE = os.path.dirname(os.path.abspath(__file__))


class Clock:
    """Wall (perf_counter) and CPU (process_time) seconds of a block: on a shared machine the CPU seconds are the
    comparable figure (Cohort's side reports its process CPU time too)."""
    def __enter__(self):
        self.w, self.c = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall, self.cpu = time.perf_counter() - self.w, time.process_time() - self.c


def sample_pairs(n, k, seed=13):
    rng = np.random.default_rng(seed)
    out = []
    while len(out) < k:
        i, j = rng.integers(0, n, 2)
        if i != j:
            out.append((int(min(i, j)), int(max(i, j))))
    return out


def cka(args):
    t0 = time.perf_counter()
    acts = make_activations(n_nets=args.nets)
    gen = time.perf_counter() - t0
    with Clock() as net:
        xc = [center(a) for a in acts]
        norms = [np.linalg.norm(x.T @ x) for x in xc]
    del acts
    pairs = sample_pairs(args.nets, args.pairs)
    with Clock() as pair:
        vals = [np.linalg.norm(xc[j].T @ xc[i]) ** 2 / (norms[i] * norms[j]) for i, j in pairs]
    return {"per_network_s_all": net.cpu, "per_pair_s": pair.cpu / len(pairs), "per_network_wall_s_all": net.wall,
            "per_pair_wall_s": pair.wall / len(pairs), "sampled_pairs": len(pairs),
            "mean_sampled_value": float(np.mean(vals)), "data_generation_s": gen}


def svcca(args):
    t0 = time.perf_counter()
    acts = make_activations(n_nets=args.nets)
    gen = time.perf_counter() - t0
    bases, ks = [], []
    with Clock() as net:
        for a in acts:
            u, s, _ = np.linalg.svd(center(a), full_matrices=False)
            k = int(np.searchsorted(np.cumsum(s ** 2 / np.sum(s ** 2)), 0.99) + 1)
            bases.append(np.ascontiguousarray(u[:, :k])); ks.append(k)
    del acts
    pairs = sample_pairs(args.nets, args.pairs)
    with Clock() as pair:
        vals = [np.clip(np.linalg.svd(bases[i].T @ bases[j], compute_uv=False), 0, 1).mean() for i, j in pairs]
    return {"per_network_s_all": net.cpu, "per_pair_s": pair.cpu / len(pairs), "per_network_wall_s_all": net.wall,
            "per_pair_wall_s": pair.wall / len(pairs), "sampled_pairs": len(pairs),
            "kept_dims_min_max": [min(ks), max(ks)], "mean_sampled_value": float(np.mean(vals)),
            "data_generation_s": gen}


def dsa(args):
    import torch
    import DSA as dsapkg
    from DSA import DMD, SimilarityTransformDist
    from w5_dsa import rotation_system, simulate
    rng = np.random.default_rng(7)
    trials, T, d, h = 50, 100, 128, 64
    cfg = {"n_delays": 10, "rank": 30, "iters": 1000, "lr": 0.01, "score_method": "angular"}
    xs = []
    for i in range(args.fits):  # half "A-like", half "C-like", as W5
        if i % 2 == 0:
            a = rotation_system(rng, d, rng.uniform(0.8, 0.99, h), rng.uniform(0.05, 1.0, h))
        else:
            a = rotation_system(rng, d, rng.uniform(0.5, 0.9, h), rng.uniform(1.0, 2.5, h))
        xs.append(simulate(rng, a, trials, T))
    ops, fit_s, fit_wall = [], [], []
    for x in xs:
        with Clock() as c:
            m = DMD(x, n_delays=cfg["n_delays"], rank=cfg["rank"], lamb=1e-8, device="cpu"); m.fit()
        fit_s.append(c.cpu); fit_wall.append(c.wall)
        ops.append(m.A_v.clone())
    pair_s, pair_wall, vals = [], [], []
    pairs = sample_pairs(len(ops), args.pairs, seed=5)
    for r, (i, j) in enumerate(pairs):
        torch.manual_seed(r)
        sd = SimilarityTransformDist(iters=cfg["iters"], score_method="angular", lr=cfg["lr"], device="cpu")
        with Clock() as c:
            vals.append(float(sd.fit_score(ops[i].clone(), ops[j].clone())))
        pair_s.append(c.cpu); pair_wall.append(c.wall)
    return {"per_network_fit_s": float(np.median(fit_s)), "fits_timed": len(fit_s),
            "per_network_s_all": float(np.median(fit_s)) * args.nets, "per_pair_s": float(np.median(pair_s)),
            "per_pair_s_all_sampled": pair_s, "per_pair_wall_s_all_sampled": pair_wall,
            "per_network_fit_wall_s": float(np.median(fit_wall)), "sampled_pairs": len(pairs), "sampled_values": vals,
            "config": cfg, "dsa_version": dsapkg.__version__, "note": "operators fitted once per network (the "
            "reference's DSA class refits both per comparison; here the fit is cached, the faster way to use it)"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("metric", choices=["cka", "svcca", "dsa"])
    ap.add_argument("--nets", type=int, default=1000)
    ap.add_argument("--pairs", type=int, default=2000)
    ap.add_argument("--fits", type=int, default=6)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    set_threads(args.threads)
    r = {"cka": cka, "svcca": svcca, "dsa": dsa}[args.metric](args)
    all_pairs = args.nets * (args.nets - 1) // 2
    r.update(workload="W7 population pairs", metric=args.metric, networks=args.nets, threads=args.threads,
             all_pairs=all_pairs, env=env_info(),
             all_pairs_extrapolated_s=r["per_network_s_all"] + r["per_pair_s"] * all_pairs)
    write_json(os.path.join(HERE, "results", f"w7_{args.metric}_n{args.nets}_t{args.threads}.json"), r)
    print("[w7]", args.metric, {k: v for k, v in r.items() if k not in ("env", "per_pair_s_all_sampled")}, flush=True)


if __name__ == "__main__":
    main()
