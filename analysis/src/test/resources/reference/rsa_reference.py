#!/usr/bin/env python3
"""Reference values for Cohort's RSA (cohort.analysis.similarity.Rsa), computed with NumPy and SciPy only.

Run from this directory: python3 rsa_reference.py > rsa_reference.tsv

RDMs (upper triangles, scipy.spatial.distance.pdist order):
  correlation: pdist(X, 'correlation') = 1 - Pearson r between rows (rsatoolbox calc_rdm 'correlation')
  euclidean:   pdist(X, 'sqeuclidean') / n_units                (rsatoolbox calc_rdm 'euclidean')
Comparisons (rsatoolbox rdm.compare methods of the same names):
  spearman: scipy.stats.spearmanr (average ranks for ties)
  corr:     scipy.stats.pearsonr
  cosine:   a.b / (|a| |b|)
  tau-a:    (concordant - discordant) / (N (N - 1) / 2); scipy.stats.kendalltau (tau-b) where neither RDM has
            ties (then tau-a = tau-b), by brute force over all pairs of entries otherwise
Inputs: geom_X, geom_Y, geom_W, geom_Xr (the shared reference activations), and "ties", a 12 x 4 integer matrix
T[i, j] = (3 i + 5 j^2 + i j) mod 4, against "ties2" = (2 i + j^2 + 3 i j) mod 5, whose euclidean RDMs (exact in
binary) have 4 and 7 distinct values among 66 entries. Their correlation RDMs are left out: entries equal in exact
arithmetic differ in their last bits in SciPy, so how they rank would depend on rounding, not on the method.
"""
import itertools
import sys

import numpy as np
from scipy.spatial.distance import pdist
from scipy.stats import kendalltau, pearsonr, spearmanr


def rdm(x, kind):
    if kind == "correlation":
        assert np.all(x.std(axis=1) > 0), "a row that does not vary has no correlation distance in SciPy"
        return pdist(x, "correlation")
    return pdist(x, "sqeuclidean") / x.shape[1]


def tau_a(a, b):
    n = len(a)
    if len(np.unique(a)) == n and len(np.unique(b)) == n:
        return kendalltau(a, b).statistic
    s = 0
    for i, j in itertools.combinations(range(n), 2):
        s += np.sign(a[i] - a[j]) * np.sign(b[i] - b[j])
    return s / (n * (n - 1) / 2)


def compare(a, b, method):
    if method == "spearman":
        return spearmanr(a, b).statistic
    if method == "corr":
        return pearsonr(a, b).statistic
    if method == "cosine":
        return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))
    return tau_a(a, b)


def ties(f):
    return np.array([[f(i, j) for j in range(4)] for i in range(12)], dtype=float)


inputs = {name: np.load("geom_%s.npy" % name) for name in ("X", "Y", "W", "Xr")}
inputs["ties"] = ties(lambda i, j: (3 * i + 5 * j * j + i * j) % 4)
inputs["ties2"] = ties(lambda i, j: (2 * i + j * j + 3 * i * j) % 5)
pairs = [("X", "Y"), ("X", "W"), ("Y", "W"), ("X", "Xr"), ("ties", "ties2")]

out = sys.stdout
out.write("# a\tb\trdm\tcomparison\tsimilarity (NumPy %s, SciPy %s; see rsa_reference.py)\n"
          % (np.__version__, __import__("scipy").__version__))
for a, b in pairs:
    for kind in ("correlation", "euclidean") if a != "ties" else ("euclidean",):
        ra, rb = rdm(inputs[a], kind), rdm(inputs[b], kind)
        for method in ("spearman", "corr", "cosine", "tau-a"):
            out.write("%s\t%s\t%s\t%s\t%r\n" % (a, b, kind, method, float(compare(ra, rb, method))))
