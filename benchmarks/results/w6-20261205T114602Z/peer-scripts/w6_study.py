#!/usr/bin/python3
"""W6 "whole study": the study of a Cohort spec (presets/smoke.yaml) as a user would otherwise assemble it in Python.

Same grid, same task generators (ported from Cohort's tasks module), same training (batch, iterations, Adam lr,
global-norm clipping, masked MSE, initialisation), same analyses (probe activations of trained and untrained
networks, spectra, fixed points of the trained networks at each task's analysis inputs, their Jacobian eigenvalues
and a saddle-to-attractor topology), same comparisons (CKA, SVCCA, Procrustes within each task; DSA over all
networks; classical MDS; linear separability with permutation tests), then everything written to HDF5. Built from:
  PyTorch (nn.RNN tanh, nn.GRU, nn.LSTM; the UGRNN as a small torch module, Collins et al. 2017),
  FixedPointFinderTorch (mattgolub/fixed-point-finder, outside the repositories: --fff),
  NumPy for CKA / SVCCA / Procrustes / MDS, the DSA reference (mitchellostrow/DSA, outside the repositories:
  --dsa, with the import shims of setup_peers.sh) with its default score (Wasserstein, as Cohort's default),
  scikit-learn for the cross-validated logistic regression and its permutation test, h5py for the files.
Random numbers cannot be shared with Java: the tasks, initialisations and samples follow the same distributions,
not the same draws, so networks are comparable in distribution (their final losses and accuracies are reported).

  PYTHONPATH=/tmp/peers-shims:/tmp/peers-src/mitchellostrow+DSA \\
    /usr/bin/python3 w6_study.py presets/smoke.yaml --threads 1 --out /tmp/w6-peer-t1

Times every phase (training; probe activations and spectra; fixed points with their Jacobians' eigenvalues and
topology; distance matrices; MDS and separability; I/O = writing the HDF5 files), wall
(time.perf_counter) and CPU (time.process_time: user + system of all the process's threads), and writes
results/w6_t{threads}.json (or --json).
"""
import argparse, json, os, sys, time, zlib
import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import set_threads, env_info, write_json, require_optimised_blas

HERE = os.path.dirname(os.path.abspath(__file__))


# ------------------------------------------------------------------------------------------------------ the spec
def read_spec(path):
    """The subset of a Cohort study spec this peer implements (presets/smoke.yaml and benchmarks/peers/w6-medium.yaml);
    defaults as in Cohort's SpecReader (validation_batches 4, start_noise 0.05, success 0.9)."""
    import yaml
    s = yaml.safe_load(open(path))
    g, t, a, c = s["grid"], s["training"], s["analysis"], s["comparisons"]
    listify = lambda v: v if isinstance(v, list) else [v]
    tasks = []
    for entry in g["task"]:
        (name, params), = entry.items()
        tasks.append((name, params or {}))
    init = g.get("init", {"kind": "orthogonal", "gain": 1.0})
    assert init["kind"] == "orthogonal", "this peer implements the orthogonal recurrent init only"
    return {
        "study": s["study"], "seed": s.get("seed", 0), "tasks": tasks, "archs": listify(g["architecture"]),
        "activation": listify(g.get("activation", "tanh")), "units": listify(g["units"]), "gain": init["gain"],
        "seeds": g.get("seeds", 1), "iterations": t["iterations"], "batch": t["batch"], "lr": t["lr"],
        "clip": t.get("clip", 0), "validate_every": t.get("validate_every", 50),
        "validation_batches": t.get("validation_batches", 4), "untrained": a.get("untrained", False),
        "fixed_points": a.get("fixed_points", False), "initial_states": a.get("initial_states", 128),
        "start_noise": a.get("start_noise", 0.05), "spectrum": a.get("spectrum", False),
        "topology": a.get("topology", False), "probe_trials": max(a.get("probe_trials", 16), 8),
        "success": 0.9, "metrics": c["metrics"], "mds_dimensions": c.get("mds_dimensions", 2),
        "separability": c.get("separability", []), "permutations": c.get("permutations", 100)}


# ------------------------------------------------------------------------------------------------------ the tasks
# Ported from cohort.tasks.catalog.FlipFlop and ContextIntegration (time-major [T][B][D], mask 1 everywhere).
class FlipFlop:
    name = "flipflop"

    def __init__(self, bits=3, steps=64, p=0.5, margin=0.5):
        self.bits, self.steps, self.p, self.margin = bits, steps, p, margin
        self.inputs, self.outputs = bits, bits

    def sample(self, batch, rng):
        T, K = self.steps, self.bits
        pulse = rng.random((T, batch, K)) < self.p
        pulse[0] = True                                          # force-first-pulse = yes (FlipFlopData)
        sign = np.where(rng.random((T, batch, K)) < 0.5, 1.0, -1.0)
        x = np.where(pulse, sign, 0.0)
        last = np.maximum.accumulate(np.where(pulse, np.arange(T)[:, None, None], 0), axis=0)
        y = np.take_along_axis(x, last, axis=0)                  # sign of the last pulse at or before t
        return x.astype(np.float32), y.astype(np.float32), np.ones_like(y, np.float32)

    def analysis_inputs(self):
        return [np.zeros(self.inputs)]

    def accuracy(self, out, y, mask):
        """Fraction of trials in which output*target >= margin at every scored step with target != 0."""
        scored = (y != 0) & (mask > 0)
        ok = np.where(scored, out * y >= self.margin, True).all(axis=(0, 2))
        has = scored.any(axis=(0, 2))
        return float(ok[has].mean()) if has.any() else 1.0


class ContextIntegration:
    name = "context-integration"

    def __init__(self, steps=25, dt=0.04, bias=0.01, noise=0.025, rel=0.2):
        self.steps, self.bias = steps, bias
        self.sigma = noise / np.sqrt(dt)
        self.tol = rel * np.sqrt(steps * self.sigma ** 2 + 5.0 * steps ** 2 * bias ** 2)
        self.inputs, self.outputs = 4, 1

    def sample(self, batch, rng):
        T = self.steps
        x = np.zeros((T, batch, 4))
        b = self.bias * 2 * (rng.standard_normal((batch, 2)) - 0.5)
        x[:, :, 0:2] = b[None] + self.sigma * rng.standard_normal((T, batch, 2))
        c = rng.integers(0, 2, batch)
        x[:, np.arange(batch), 2 + c] = 1.0
        x = x.astype(np.float32)
        y = np.cumsum(x[:, np.arange(batch), c].astype(np.float64), axis=0)[..., None]
        return x, y.astype(np.float32), np.ones((T, batch, 1), np.float32)

    def analysis_inputs(self):
        return [np.array([0, 0, 1.0, 0]), np.array([0, 0, 0, 1.0])]

    def accuracy(self, out, y, mask):
        rms = np.sqrt((((out - y) ** 2) * mask).sum(axis=(0, 2)) / mask.sum(axis=(0, 2)))
        right = rms <= self.tol
        clear = np.abs(y[-1, :, 0]) > self.tol
        right &= ~clear | (np.sign(out[-1, :, 0]) == np.sign(y[-1, :, 0]))
        return float(right.mean())


def make_task(name, params):
    if name == "flipflop":
        return FlipFlop(bits=params.get("bits", 3), steps=params.get("steps", 64),
                        p=params.get("pulse-probability", 0.5))
    if name == "context-integration":
        return ContextIntegration(steps=params.get("steps", 25))
    raise ValueError(name)


# ------------------------------------------------------------------------------------------------------ the networks
class UGRNN(nn.Module):
    """Collins, Sohl-Dickstein & Sussillo 2017 (as cohort.models.cells.Ugrnn): g = sigmoid(W_g h + U_g x + b_g),
    c = tanh(W_c h + U_c x + b_c), h' = g*h + (1-g)*c. Called like nn.RNN: (x [T,B,I], h0 [1,B,N]) -> (h [T,B,N], hT)."""
    batch_first = False

    def __init__(self, inputs, hidden):
        super().__init__()
        self.hidden_size = hidden
        self.weight_ih = nn.Parameter(torch.empty(2 * hidden, inputs))
        self.weight_hh = nn.Parameter(torch.empty(2 * hidden, hidden))
        self.bias = nn.Parameter(torch.zeros(2 * hidden))

    def forward(self, x, h0=None):
        N = self.hidden_size
        h = torch.zeros(x.shape[1], N, dtype=x.dtype) if h0 is None else h0[0]
        xi = x @ self.weight_ih.T + self.bias
        hs = []
        for t in range(x.shape[0]):
            z = xi[t] + h @ self.weight_hh.T
            g = torch.sigmoid(z[:, :N])
            h = g * h + (1 - g) * torch.tanh(z[:, N:])
            hs.append(h)
        return torch.stack(hs), h.unsqueeze(0)


class LSTMState(nn.Module):
    """nn.LSTM with its state [h; c] as one vector, so FixedPointFinderTorch (which accepts 'any wrapper class that
    matches output, h_n = nn.RNN(input, h0)') can search the LSTM's full state."""
    batch_first = False

    def __init__(self, lstm):
        super().__init__()
        self.lstm = lstm
        self.hidden_size = lstm.hidden_size

    def forward(self, x, s0):
        N = self.hidden_size
        out, (h, c) = self.lstm(x, (s0[..., :N].contiguous(), s0[..., N:].contiguous()))
        return out, torch.cat([h, c], -1)


class Net(nn.Module):
    def __init__(self, arch, inputs, hidden, outputs, gain, gen):
        super().__init__()
        self.arch, self.N = arch, hidden
        if arch == "vanilla":
            self.rnn, gates = nn.RNN(inputs, hidden, nonlinearity="tanh"), 1
        elif arch == "gru":
            self.rnn, gates = nn.GRU(inputs, hidden), 3
        elif arch == "lstm":
            self.rnn, gates = nn.LSTM(inputs, hidden), 4
        elif arch == "ugrnn":
            self.rnn, gates = UGRNN(inputs, hidden), 2
        else:
            raise ValueError(arch)
        self.out = nn.Linear(hidden, outputs)
        # Cohort's defaults for a non-uniform init (InitOptions.defaults): recurrent blocks orthogonal with gain g, one
        # per gate; input weights N(0, 1/I); readout N(0, 1/N); biases 0; +1 on the LSTM forget gate and the UGRNN
        # update gate (the cell's defaultGateBias)
        with torch.no_grad():
            W_ih = self.rnn.weight_ih_l0 if arch != "ugrnn" else self.rnn.weight_ih
            W_hh = self.rnn.weight_hh_l0 if arch != "ugrnn" else self.rnn.weight_hh
            W_ih.normal_(0, 1 / inputs ** 0.5, generator=gen)
            for k in range(gates):
                nn.init.orthogonal_(W_hh[k * hidden:(k + 1) * hidden], gain=gain)
            for name, p in self.rnn.named_parameters():
                if "bias" in name:
                    p.zero_()
            if arch == "lstm":
                self.rnn.bias_ih_l0[hidden:2 * hidden] = 1.0      # gate order i, f, g, o
            if arch == "ugrnn":
                self.rnn.bias[:hidden] = 1.0                        # g first, then c
            self.out.weight.normal_(0, 1 / hidden ** 0.5, generator=gen)
            self.out.bias.zero_()

    def forward(self, x):
        h, _ = self.rnn(x)
        return self.out(h), h

    def state_module(self):
        """The map F(s, x) in FixedPointFinder's calling convention, on the full state (LSTM: [h; c])."""
        return LSTMState(self.rnn) if self.arch == "lstm" else self.rnn

    def state_size(self):
        return 2 * self.N if self.arch == "lstm" else self.N


def run_states(fmod, x, S):
    """Full-state trajectory [B, T, S] of fmod on inputs x [T, B, I] from the zero state (step by step, so the LSTM's
    cell state is recorded too)."""
    with torch.no_grad():
        s = torch.zeros(1, x.shape[1], S)
        out = []
        for t in range(x.shape[0]):
            _, s = fmod(x[t:t + 1], s)
            out.append(s[0])
        return torch.stack(out, 1).double().numpy()


def spectrum(net):
    """Eigenvalues of W_hh for the vanilla RNN (Cohort: W_eff); of dF/dh at h = 0, x = 0 for the gated cells."""
    with torch.no_grad():
        if net.arch == "vanilla":
            return np.linalg.eigvals(net.rnn.weight_hh_l0.double().numpy())
    fmod, S = net.state_module(), net.state_size()
    I = net.rnn.input_size if hasattr(net.rnn, "input_size") else net.rnn.weight_ih.shape[1]
    x = torch.zeros(1, 1, I)
    J = torch.autograd.functional.jacobian(lambda s: fmod(x, s.view(1, 1, S))[1].view(S), torch.zeros(S))
    return np.linalg.eigvals(J.double().numpy())


# ------------------------------------------------------------------------------------------------------ training
def train(net, task, spec, seed):
    rng = np.random.default_rng([seed, 1])
    vrng = np.random.default_rng([seed, 2])
    val = [task.sample(spec["batch"], vrng) for _ in range(spec["validation_batches"])]
    val = [tuple(torch.from_numpy(a) for a in v) for v in val]
    opt = torch.optim.Adam(net.parameters(), lr=spec["lr"], betas=(0.9, 0.999), eps=1e-8)
    curve, window = [], []
    for it in range(1, spec["iterations"] + 1):
        x, y, m = (torch.from_numpy(a) for a in task.sample(spec["batch"], rng))
        out, _ = net(x)
        loss = (m * (out - y) ** 2).sum() / m.sum()                  # masked MSE (Cohort's MaskedMse)
        opt.zero_grad()
        loss.backward()
        if spec["clip"] > 0:
            nn.utils.clip_grad_norm_(net.parameters(), spec["clip"])
        opt.step()
        window.append(loss.item())
        if it % spec["validate_every"] == 0 or it == spec["iterations"]:
            with torch.no_grad():
                vl, va = 0.0, 0.0
                for vx, vy, vm in val:
                    vo, _ = net(vx)
                    vl += ((vm * (vo - vy) ** 2).sum() / vm.sum()).item()
                    va += task.accuracy(vo.numpy(), vy.numpy(), vm.numpy())
            curve.append((it, float(np.mean(window)), vl / len(val), va / len(val)))
            window = []
    return curve


# ------------------------------------------------------------------------------------------------------ analysis
def topology(fmod, S, inp, xs, eig_vals, eig_vecs, eps=1e-3, max_steps=5000, capture=0.25):
    """Saddle-to-attractor graph (Maheswaranathan et al. 2019), written by hand as a user would: from every unstable
    point, launch +-eps along each unstable eigenvector (real part, unit norm), iterate F until the trajectory comes
    within max(1e-3, capture * distance to the nearest other node) of a stable point, or stops moving, or max_steps."""
    radius = np.abs(eig_vals).max(1)
    stable = np.where(radius < 1)[0]
    starts, owner = [], []
    for i in np.where(radius >= 1)[0]:
        for j in np.where(np.abs(eig_vals[i]) > 1)[0]:
            v = np.real(eig_vecs[i][:, j])
            v = v / (np.linalg.norm(v) + 1e-300)
            starts += [xs[i] + eps * v, xs[i] - eps * v]
            owner += [i, i]
    census = {}
    for i in range(len(xs)):
        k = int((np.abs(eig_vals[i]) > 1).sum())
        census[k] = census.get(k, 0) + 1
    if not starts or len(stable) == 0:
        return {"census": census, "edges": [], "unresolved": len(starts), "launches": len(starts)}
    D = np.linalg.norm(xs[:, None] - xs[None], axis=-1) + np.eye(len(xs)) * 1e300
    reach = np.maximum(1e-3, capture * D[stable].min(1))
    s = torch.from_numpy(np.array(starts, np.float32)).unsqueeze(0)
    x = torch.from_numpy(np.tile(inp.astype(np.float32), (s.shape[1], 1))).unsqueeze(0)
    St = torch.from_numpy(xs[stable].astype(np.float32))
    arrived = np.full(s.shape[1], -1)
    active = np.ones(s.shape[1], bool)
    with torch.no_grad():
        for step in range(max_steps):
            _, s2 = fmod(x, s)
            moved = (s2 - s).norm(dim=-1)[0].numpy()
            s = s2
            if step % 10 == 9:
                d = torch.cdist(s[0], St).numpy()
                near = d.argmin(1)
                hit = active & (d[np.arange(len(near)), near] < reach[near])
                arrived[hit] = stable[near[hit]]
                active &= ~hit
                active &= ~(moved < 1e-10)
                if not active.any():
                    break
    edges = sorted({(int(owner[k]), int(arrived[k])) for k in range(len(owner)) if arrived[k] >= 0})
    return {"census": census, "edges": edges, "unresolved": int((arrived < 0).sum()), "launches": len(starts)}


def fixed_points(FPF, net, task, probe_x, spec, seed):
    fmod, S = net.state_module(), net.state_size()
    traj = run_states(fmod, probe_x, S)                              # [B, T, S]
    inputs = task.analysis_inputs()
    per_input = max(16, spec["initial_states"] // len(inputs))       # Cohort: NetworkRun.MIN_STARTS_PER_INPUT
    out = []
    for inp in inputs:
        fpf = FPF(fmod, tol_q=1e-12, tol_dq=1e-20, max_iters=5000, tol_unique=1e-3, verbose=False,
                  super_verbose=False, dtype="float32", random_seed=seed)
        x0 = fpf.sample_states(traj, n_inits=per_input, noise_scale=spec["start_noise"])
        unique, allfps = fpf.find_fixed_points(x0.astype(np.float32), inp[None].astype(np.float32))
        keep = unique.qstar < 1e-4 if unique.n else np.zeros(0, bool)  # fixed and slow points (Cohort: slowQ 1e-4)
        xs = unique.xstar[keep].astype(np.float64)
        ev = unique.eigval_J_xstar[keep] if unique.n else np.zeros((0, S))
        evec = unique.eigvec_J_xstar[keep] if unique.n else np.zeros((0, S, S))
        q = unique.qstar[keep] if unique.n else np.zeros(0)
        fixed = q < 1e-12                                            # the graph joins true fixed points only, as
        topo = (topology(fmod, S, inp, xs[fixed], ev[fixed], evec[fixed])  # Cohort's (includeSlowPoints = false)
                if spec["topology"] and fixed.any() else None)
        out.append({"input": inp, "xstar": xs, "qstar": q, "eig": ev, "iters": int(allfps.n_iters[0]),
                    "n_candidates": int(allfps.n), "n_unique": int(unique.n), "n_kept": int(len(xs)),
                    "n_fixed": int((q < 1e-12).sum()), "n_stable": int((np.abs(ev).max(1) < 1).sum()) if len(xs) else 0,
                    "topology": topo})
    return out


# ------------------------------------------------------------------------------------------------------ comparisons
def centred(X):
    return X - X.mean(0)


def cka_matrix(Xs):
    C = [centred(X) for X in Xs]
    self_norm = [np.linalg.norm(c.T @ c) for c in C]
    n = len(C)
    D = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            D[i, j] = D[j, i] = 1 - np.linalg.norm(C[j].T @ C[i]) ** 2 / (self_norm[i] * self_norm[j])
    return D


def svcca_matrix(Xs, keep=0.99):
    U = []
    for X in Xs:
        u, s, _ = np.linalg.svd(centred(X), full_matrices=False)
        frac = np.cumsum(s ** 2) / (s ** 2).sum()
        k = int(np.searchsorted(frac, keep - 1e-12) + 1)
        U.append(u[:, :k])
    n = len(U)
    D = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            r = np.clip(np.linalg.svd(U[i].T @ U[j], compute_uv=False), 0, 1)
            D[i, j] = D[j, i] = 1 - r.mean()
    return D


def procrustes_matrix(Xs):
    """Angular shape distance with alpha = 1 (Williams et al. 2021; netrep LinearMetric defaults)."""
    C = [centred(X) for X in Xs]
    nrm = [np.linalg.norm(c) for c in C]
    n = len(C)
    D = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            nuc = np.linalg.svd(C[i].T @ C[j], compute_uv=False).sum()
            D[i, j] = D[j, i] = np.arccos(np.clip(nuc / (nrm[i] * nrm[j]), -1, 1))
    return D


def dsa_matrix(trajs):
    """The reference's pairwise matrix, sequential: its parallel DMD fits need joblib >= 1.3 (Parallel(return_as=...)),
    newer than Debian's, and it scores Wasserstein pairs sequentially whatever n_jobs says."""
    from DSA import DSA
    d = DSA(trajs, n_delays=1, delay_interval=1, rank=None, lamb=1e-8, score_method="wasserstein",
            n_jobs=1, verbose=False)
    return np.asarray(d.fit_score())


def classical_mds(D, k):
    n = len(D)
    J = np.eye(n) - 1.0 / n
    B = -0.5 * J @ (D ** 2) @ J
    w, v = np.linalg.eigh(B)
    order = np.argsort(w)[::-1][:k]
    w, v = w[order], v[:, order]
    return v * np.sqrt(np.maximum(w, 0))


def separability(D, labels, k, permutations, seed, n_jobs):
    """Cross-validated accuracy of an L2 logistic regression (lambda = 0.1 on the summed log-loss, i.e. C = 10;
    features standardised on each training split) on the MDS embedding and on the distance rows, with a
    label-permutation p-value (scikit-learn's permutation_test_score), as Cohort's LinearSeparability."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, permutation_test_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from joblib import parallel_backend
    y = np.asarray(labels)
    folds = min(5, np.bincount(y).min())
    model = make_pipeline(StandardScaler(), LogisticRegression(C=10.0, max_iter=1000))
    cv = StratifiedKFold(folds, shuffle=True, random_state=seed)
    out = {}
    for name, X in (("mds", classical_mds(D, k)), ("rows", D)):
        with parallel_backend("threading", n_jobs=n_jobs):
            acc, _, p = permutation_test_score(model, X, y, cv=cv, n_permutations=permutations, random_state=seed,
                                               n_jobs=n_jobs)
        out[name] = (float(acc), float(p))
    return out


# ------------------------------------------------------------------------------------------------------ main
class Clock:
    def __init__(self):
        self.phases = {}

    def __call__(self, phase):
        clock = self

        class _C:
            def __enter__(self):
                self.w, self.c = time.perf_counter(), time.process_time()

            def __exit__(self, *a):
                w, c = clock.phases.get(phase, (0.0, 0.0))
                clock.phases[phase] = (w + time.perf_counter() - self.w, c + time.process_time() - self.c)
        return _C()


def main(args):
    lim = set_threads(args.threads)
    blas = require_optimised_blas()
    sys.path.insert(0, args.fff)
    from FixedPointFinderTorch import FixedPointFinderTorch as FPF
    import h5py
    spec = read_spec(args.spec)
    torch.manual_seed(spec["seed"])
    clock = Clock()
    t_start, c_start = time.perf_counter(), time.process_time()
    os.makedirs(os.path.join(args.out, "runs"), exist_ok=True)
    nets = []
    probes = {}
    for ti, (tname, params) in enumerate(spec["tasks"]):
        task = make_task(tname, params)
        probes[tname] = task.sample(spec["probe_trials"], np.random.default_rng([spec["seed"], 101, ti]))
    for ti, (tname, params) in enumerate(spec["tasks"]):
        task = make_task(tname, params)
        px = torch.from_numpy(probes[tname][0])
        for arch in spec["archs"]:
            for units in spec["units"]:
                for s in range(spec["seeds"]):
                    rid = f"{tname}-{arch}-tanh-n{units}-orthogonal{spec['gain']:g}-s{s}"
                    seed = zlib.crc32(f"{spec['seed']}:{rid}".encode())  # deterministic per run
                    gen = torch.Generator().manual_seed(seed)
                    torch.manual_seed(seed)
                    rec = {"id": rid, "task": tname, "architecture": arch, "units": units, "seed": s}
                    with clock("training"):
                        net = Net(arch, task.inputs, units, task.outputs, spec["gain"], gen)
                    with clock("probe activations and spectra"):   # untrained
                        with torch.no_grad():
                            rec["act_untrained"] = net(px)[1].reshape(-1, units).double().numpy()
                        if spec["spectrum"]:
                            rec["spec_untrained"] = spectrum(net)
                    with clock("training"):
                        rec["curve"] = train(net, task, spec, seed)
                    it, tl, vl, va = rec["curve"][-1]
                    rec["final_loss"], rec["final_accuracy"] = vl, va
                    rec["solved"] = va >= spec["success"]
                    with clock("probe activations and spectra"):
                        for p in net.parameters():
                            p.requires_grad_(False)
                        with torch.no_grad():
                            rec["act_trained"] = net(px)[1].reshape(-1, units).double().numpy()
                        if spec["spectrum"]:
                            rec["spec_trained"] = spectrum(net)
                    with clock("fixed points and topology"):
                        if spec["fixed_points"]:
                            rec["fps"] = fixed_points(FPF, net, task, px, spec, seed)
                    with clock("I/O"):
                        with h5py.File(os.path.join(args.out, "runs", rid + ".h5"), "w") as f:
                            for k in ("task", "architecture", "units", "seed", "final_loss", "final_accuracy", "solved"):
                                f.attrs[k] = rec[k]
                            for k, v in net.state_dict().items():
                                f["weights/" + k] = v.numpy()
                            f["training"] = np.array(rec["curve"])
                            f["activations/trained"] = rec["act_trained"].astype(np.float32)
                            f["activations/untrained"] = rec["act_untrained"].astype(np.float32)
                            if spec["spectrum"]:
                                f["spectrum/trained"] = rec["spec_trained"]
                                f["spectrum/untrained"] = rec["spec_untrained"]
                            for k, fp in enumerate(rec.get("fps", [])):
                                g = f.create_group(f"fixed_points/{k}")
                                g["input"], g["xstar"], g["qstar"], g["eigenvalues"] = fp["input"], fp["xstar"], fp["qstar"], fp["eig"]
                                if fp["topology"]:
                                    g.attrs["topology"] = json.dumps(fp["topology"])
                    fp = rec.get("fps", [])
                    print(f"{rid}: loss {vl:.3g} acc {va:.3f} | fixed points (kept/unique/fixed/stable, iters) "
                          + "; ".join(f"{f['n_kept']}/{f['n_unique']}/{f['n_fixed']}/{f['n_stable']}, {f['iters']}"
                                      for f in fp)
                          + f" | {time.perf_counter() - t_start:.1f}s", flush=True)
                    nets.append(rec)

    # population: items = trained and untrained networks, as Cohort's PopulationAnalysis
    items = []
    for r in nets:
        for trained in (True, False) if spec["untrained"] else (True,):
            items.append({"id": r["id"] + ("" if trained else "-untrained"), "task": r["task"],
                          "architecture": r["architecture"], "trained": "trained" if trained else "untrained",
                          "act": r["act_trained"] if trained else r["act_untrained"]})
    items = [it for it in items if np.ptp(it["act"], axis=0).max() > 0]   # silent networks compare to nothing
    comparisons = []
    with clock("distance matrices"):
        for metric in spec["metrics"]:
            if metric == "dsa":
                T = {}
                for it in items:
                    a = it["act"]
                    steps = probes[it["task"]][0].shape[0]
                    T[it["id"]] = a.reshape(steps, -1, a.shape[1]).transpose(1, 0, 2)   # [trials][steps][units]
                t0 = time.perf_counter()
                D = dsa_matrix([T[it["id"]] for it in items])
                comparisons.append(("dsa", "all", items, D, time.perf_counter() - t0))
                continue
            fn = {"cka": cka_matrix, "svcca": svcca_matrix, "procrustes": procrustes_matrix}[metric]
            for tname, _ in spec["tasks"]:
                scope = [it for it in items if it["task"] == tname]
                t0 = time.perf_counter()
                comparisons.append((metric, tname, scope, fn([it["act"] for it in scope]), time.perf_counter() - t0))
    with clock("MDS and separability"):
        embeddings, tests = {}, []
        for metric, scope, its, D, secs in comparisons:
            m = len(its)
            k = min(spec["mds_dimensions"], m - 1)
            embeddings[(metric, scope)] = classical_mds(D, k)
            for grouping in spec["separability"]:
                levels = list(dict.fromkeys(it[grouping] for it in its))
                for a in range(len(levels)):
                    for b in range(a + 1, len(levels)):
                        idx = [i for i, it in enumerate(its) if it[grouping] in (levels[a], levels[b])]
                        lab = [int(its[i][grouping] == levels[b]) for i in idx]
                        if min(np.bincount(lab, minlength=2)) < 2:
                            continue
                        sub = D[np.ix_(idx, idx)]
                        r = separability(sub, lab, max(1, min(k, len(idx) - 1)), spec["permutations"],
                                         spec["seed"], args.threads)
                        tests.append({"metric": metric, "scope": scope, "grouping": grouping, "a": levels[a],
                                      "b": levels[b], "mds": r["mds"], "rows": r["rows"]})
    with clock("I/O"):
        with h5py.File(os.path.join(args.out, "study.h5"), "w") as f:
            for metric, scope, its, D, secs in comparisons:
                f[f"comparisons/{metric}/{scope}/distance"] = D
                f[f"comparisons/{metric}/{scope}/items"] = np.array([it["id"] for it in its], dtype="S")
                f[f"embeddings/{metric}/{scope}"] = embeddings[(metric, scope)]
            f.attrs["separability"] = json.dumps(tests)
            f.attrs["spec"] = json.dumps(spec, default=str)
    wall, cpu = time.perf_counter() - t_start, time.process_time() - c_start
    res = {"workload": "W6 whole study (peer)", "spec": args.spec, "threads": args.threads, "env": env_info(),
           "blas_check": blas, "networks": len(nets),
           "phases_s": {k: {"wall": w, "cpu": c} for k, (w, c) in clock.phases.items()},
           "total_s": {"wall": wall, "cpu": cpu},
           "networks_per_core_hour_cpu": len(nets) / (cpu / 3600),
           "comparison_seconds": {f"{m}/{s}": secs for m, s, _, _, secs in comparisons},
           "comparison_items": {f"{m}/{s}": len(its) for m, s, its, _, _ in comparisons},
           "separability_tests": len(tests),
           "runs": [{k: r[k] for k in ("id", "final_loss", "final_accuracy", "solved")}
                    | {"fixed_points": [{k: f[k] for k in ("n_candidates", "n_unique", "n_kept", "n_fixed", "n_stable",
                                                           "iters")} | {"census": (f["topology"] or {}).get("census"),
                                                                        "unresolved": (f["topology"] or {}).get("unresolved")}
                                        for f in r.get("fps", [])]} for r in nets],
           "notes": ["CPU = time.process_time() (user + system, all threads of this process)",
                     "fixed points: FixedPointFinderTorch defaults (Adam lr 1.0, ReduceLROnPlateau, tol_q 1e-12, "
                     "max_iters 5000, float32, tol_unique 1e-3, distance-outlier exclusion), starts sampled from the "
                     "probe trajectories with FFF's sample_states + noise; trained networks only, as Cohort"]}
    print(json.dumps({k: res[k] for k in ("threads", "networks", "phases_s", "total_s", "networks_per_core_hour_cpu")},
                     indent=1))
    write_json(os.path.abspath(args.json or os.path.join(HERE, "results", f"w6_t{args.threads}.json")), res)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("spec", help="the Cohort study spec, e.g. presets/smoke.yaml")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", required=True, help="directory for the HDF5 files")
    ap.add_argument("--json", help="where to write the timing JSON (default results/w6_t{threads}.json)")
    ap.add_argument("--fff", default="/tmp/peers-src/mattgolub+fixed-point-finder")
    main(ap.parse_args())
