#!/usr/bin/python3
"""W6 summary: reads what w6-side-by-side.sh left in its results directory and writes summary.txt (per-phase table,
ratio Python core-seconds / Cohort core-seconds, networks per core-hour) and networks.tsv (final validation loss and
accuracy and the fixed points of every network, both sides).

  /usr/bin/python3 w6_summary.py RESULTS_DIR STUDIES_DIR

RESULTS_DIR holds cohort_w{W}_r{R}.{log,time} and peer_t{W}_r{R}.{json,time}; STUDIES_DIR holds the study
directories cohort_w{W}_r{R}/ (their study.h5 is read for the per-network table).
Core-seconds = user + system seconds of the whole process (/usr/bin/time), every thread, start-up included.
"""
import glob, json, os, re, sys
import numpy as np

PHASES = [  # (row, Cohort 'timing:' phases summed, peer phases summed)
    ("training", ["runs > training"], ["training"]),
    ("probe activations, spectra", ["runs > probe activations and spectra (untrained and trained)"],
     ["probe activations and spectra"]),
    ("fixed points, Jacobians, topology", ["runs > fixed points, topology and measures"], ["fixed points and topology"]),
    ("distance matrices (CKA, SVCCA, Procrustes, DSA)", ["consolidation > distance matrices"], ["distance matrices"]),
    ("MDS, separability (100 permutations)", ["consolidation > MDS and separability"], ["MDS and separability"]),
    ("I/O (HDF5 files written and read)", ["runs > writing run files", "consolidation > reading run files",
                                           "consolidation > writing study.h5"], ["I/O"]),
]


def read_time(path):
    wall, user, sys_ = (float(v) for v in open(path).read().split()[-3:])
    return wall, user + sys_


def cohort_phases(log):
    out = {}
    for line in open(log):
        m = re.match(r"timing: (.*): wall ([0-9.]+) s, cpu ([0-9.]+) s", line)
        if m:
            out[m.group(1)] = (float(m.group(2)), float(m.group(3)))
    return out


def cohort_networks(study_h5):
    import h5py
    rows = {}
    with h5py.File(study_h5, "r") as f:
        for rid, g in f["runs"].items():
            a = g.attrs
            fps, cand = [], 0
            if "inputs" in g:
                groups = [g["inputs"][k]["fixed_points"] for k in g["inputs"] if "fixed_points" in g["inputs"][k]]
            else:
                groups = [g["fixed_points"]] if "fixed_points" in g else []
            for fp in groups:
                fa = fp.attrs
                fps.append(f"{int(fa['count'])}/{int(fa['fixed'])}/{int(fa['stable'])} of {int(fa['candidates'])}")
                cand += int(fa["candidates"])
            rows[rid] = (float(a["final_loss"]), float(a["final_accuracy"]), "; ".join(fps), cand)
    return rows


def main(res, studies):
    cohort = sorted(glob.glob(os.path.join(res, "cohort_w*_r*.log")))
    keys = sorted({re.search(r"_w(\d+)_r(\d+)", p).groups() for p in cohort}, key=lambda k: (int(k[1]), int(k[0])))
    lines = []
    spec = open(os.path.join(res, "spec.yaml")).read() if os.path.exists(os.path.join(res, "spec.yaml")) else ""
    study = re.search(r"^study: (\S+)", spec, re.M)
    figures = []
    for w, r in keys:
        c_log, c_time = os.path.join(res, f"cohort_w{w}_r{r}.log"), os.path.join(res, f"cohort_w{w}_r{r}.time")
        p_json, p_time = os.path.join(res, f"peer_t{w}_r{r}.json"), os.path.join(res, f"peer_t{w}_r{r}.time")
        if not (os.path.exists(c_time) and os.path.exists(p_json) and os.path.exists(p_time)):
            lines.append(f"round {r}, {w} worker(s)/thread(s): incomplete, skipped")
            continue
        cp = cohort_phases(c_log)
        pj = json.load(open(p_json))
        pp = {k: (v["wall"], v["cpu"]) for k, v in pj["phases_s"].items()}
        cw, cc = read_time(c_time)
        pw, pc = read_time(p_time)
        n = pj["networks"]
        lines.append("")
        lines.append(f"round {r}: Cohort --workers {w} vs Python --threads {w} ({n} networks; CPU = user + system "
                     f"seconds, all threads; wall in brackets)")
        lines.append(f"  {'phase':<50} {'Cohort CPU s (wall)':>22} {'Python CPU s (wall)':>22} {'Python/Cohort':>14}")
        sc = sp = 0.0
        for row, cnames, pnames in PHASES:
            c = [sum(cp.get(k, (0, 0))[i] for k in cnames) for i in (0, 1)]
            p = [sum(pp.get(k, (0, 0))[i] for k in pnames) for i in (0, 1)]
            sc += c[1]
            sp += p[1]
            ratio = f"{p[1] / c[1]:.1f}x" if c[1] > 0.005 else "-"
            lines.append(f"  {row:<50} {c[1]:>11.1f} ({c[0]:>7.1f}) {p[1]:>11.1f} ({p[0]:>7.1f}) {ratio:>14}")
        lines.append(f"  {'other (JVM/Python start-up, JIT, GC, run setup)':<50} {cc - sc:>11.1f} {'':>9} "
                     f"{pc - sp:>11.1f}")
        lines.append(f"  {'whole process (/usr/bin/time)':<50} {cc:>11.1f} ({cw:>7.1f}) {pc:>11.1f} ({pw:>7.1f}) "
                     f"{pc / cc:>13.2f}x")
        lines.append("  (per-network phases are summed over the networks: with 2 workers their wall can exceed the process's)")
        lines.append(f"  networks per core-hour (CPU): Cohort {n / (cc / 3600):.0f}, Python {n / (pc / 3600):.0f}; "
                     f"per wall hour: Cohort {n / (cw / 3600):.0f}, Python {n / (pw / 3600):.0f}")
        figures.append((w, r, pc / cc, pw / cw))
    head = [f"W6 whole study side by side: {study.group(1) if study else '?'} spec, "
            f"Python core-seconds / Cohort core-seconds (goal >= 3x):"]
    for w, r, cpu_ratio, wall_ratio in figures:
        head.append(f"  {w} worker(s)/thread(s), round {r}: {cpu_ratio:.2f}x CPU ({wall_ratio:.2f}x wall) -> goal "
                    + ("met" if cpu_ratio >= 3 else "NOT met"))
    # per-network outcomes, both sides (first round of each side at the lowest worker count)
    net_lines = ["id\tcohort_val_loss\tcohort_val_acc\tcohort_fixed_points(kept/fixed/stable of candidates)"
                 "\tpython_val_loss\tpython_val_acc\tpython_fixed_points(kept/fixed/stable of starts)"]
    if keys:
        w, r = keys[0]
        h5 = os.path.join(studies, f"cohort_w{w}_r{r}", "study.h5")
        pj = os.path.join(res, f"peer_t{w}_r{r}.json")
        if os.path.exists(h5) and os.path.exists(pj):
            co = cohort_networks(h5)
            peer = {x["id"]: x for x in json.load(open(pj))["runs"]}
            solved_c = solved_p = cand_c = cand_p = 0
            for rid in peer:
                c = co.get(rid, (np.nan, np.nan, "", 0))
                cand_c += c[3]
                cand_p += sum(f["n_candidates"] for f in peer[rid]["fixed_points"])
                p = peer[rid]
                pf = "; ".join(f"{f['n_kept']}/{f['n_fixed']}/{f['n_stable']} of {f['n_candidates']}"
                               for f in p["fixed_points"])
                net_lines.append(f"{rid}\t{c[0]:.3g}\t{c[1]:.3f}\t{c[2]}\t{p['final_loss']:.3g}\t"
                                 f"{p['final_accuracy']:.3f}\t{pf}")
                solved_c += c[1] >= 0.9
                solved_p += p["final_accuracy"] >= 0.9
            head.append(f"  networks solved (validation accuracy >= 0.9): Cohort {solved_c}/{len(peer)}, "
                        f"Python {solved_p}/{len(peer)} (per network: networks.tsv)")
            head.append(f"  fixed-point candidates optimised: Cohort {cand_c} (drawn starts, driven and settled states, "
                        f"saddle-search restarts), Python {cand_p} (FixedPointFinder from the drawn starts)")
    open(os.path.join(res, "networks.tsv"), "w").write("\n".join(net_lines) + "\n")
    text = "\n".join(head + lines) + "\n"
    open(os.path.join(res, "summary.txt"), "w").write(text)
    print(text)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
