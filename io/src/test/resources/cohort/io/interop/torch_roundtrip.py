"""PyTorch side of TorchInteropTest (run by /usr/bin/python3 with Debian's python3-torch).

usage: torch_roundtrip.py DIR

1. For each of nn.RNN(tanh), nn.RNN(relu), nn.GRU, nn.LSTM (+ nn.Linear readout) with random weights, writes the
   state_dict as DIR/KIND.npz (np.savez, the README's one-liner) and DIR/KIND.safetensors (safetensors' format,
   written by hand with struct + json when the safetensors package is missing, as on Debian), the module's
   outputs y [T][B][O] and hidden states h [T][B][N] on the shared inputs DIR/x.npy, as DIR/KIND_y.npy, KIND_h.npy.
2. For each DIR/export_*.npz and export_*.safetensors Cohort wrote, loads it with model.load_state_dict into the
   module its metadata/JSON sidecar names and writes its outputs on the same inputs as DIR/NAME_torch_y.npy.
"""
import json, os, struct, sys
import numpy as np
import torch

torch.manual_seed(1234)
torch.set_default_dtype(torch.float32)
d = sys.argv[1]
I, N, O, T, B = 3, 16, 2, 30, 5


class Model(torch.nn.Module):
    def __init__(self, kind, inputs, hidden, outputs, rnn="rnn", readout="readout", **kw):
        super().__init__()
        self.names = (rnn, readout)
        setattr(self, rnn, getattr(torch.nn, kind)(inputs, hidden, **kw))
        setattr(self, readout, torch.nn.Linear(hidden, outputs))

    def forward(self, x):
        h, _ = getattr(self, self.names[0])(x)
        return getattr(self, self.names[1])(h), h


def save_safetensors(path, tensors, metadata=None):
    try:
        from safetensors.numpy import save_file
        save_file({k: np.ascontiguousarray(v) for k, v in tensors.items()}, path, metadata=metadata)
        return
    except ImportError:
        pass
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for k, v in tensors.items():
        a = np.ascontiguousarray(v, dtype="<f4")
        b = a.tobytes()
        header[k] = {"dtype": "F32", "shape": list(a.shape), "data_offsets": [offset, offset + len(b)]}
        offset += len(b)
        blobs.append(b)
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


def load_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    meta = header.pop("__metadata__", {})
    out = {}
    for k, v in header.items():
        assert v["dtype"] == "F32", v
        b0, b1 = v["data_offsets"]
        out[k] = np.frombuffer(raw[8 + n + b0:8 + n + b1], dtype="<f4").reshape(v["shape"]).copy()
    return out, meta


x = torch.randn(T, B, I)
np.save(os.path.join(d, "x.npy"), x.numpy())

# 1. PyTorch -> Cohort
for name, kind, kw in [("rnn_tanh", "RNN", {}), ("rnn_relu", "RNN", {"nonlinearity": "relu"}),
                       ("gru", "GRU", {}), ("lstm", "LSTM", {})]:
    m = Model(kind, I, N, O, rnn="encoder", readout="fc", **kw)
    with torch.no_grad():
        for p in m.parameters():  # wider than PyTorch's default init, so the gates and nonlinearities are exercised
            p.uniform_(-0.6, 0.6)
    sd = {k: v.detach().numpy() for k, v in m.state_dict().items()}
    np.savez(os.path.join(d, name + ".npz"), **sd)
    save_safetensors(os.path.join(d, name + ".safetensors"), sd)
    with torch.no_grad():
        y, h = m(x)
    np.save(os.path.join(d, name + "_y.npy"), y.numpy())
    np.save(os.path.join(d, name + "_h.npy"), h.numpy())

# 2. Cohort -> PyTorch
for f in sorted(os.listdir(d)):
    if not f.startswith("export_") or not (f.endswith(".npz") or f.endswith(".safetensors")):
        continue
    stem = f.rsplit(".", 1)[0]
    with open(os.path.join(d, stem + ".json")) as j:
        spec = json.load(j)  # kind, inputs, hidden, outputs, nonlinearity, alpha (written by the Java test)
    if f.endswith(".npz"):
        sd = dict(np.load(os.path.join(d, f)))
    else:
        sd, meta = load_safetensors(os.path.join(d, f))
        assert meta.get("cohort.architecture") == spec["architecture"], meta
    kw = {"nonlinearity": spec["nonlinearity"]} if spec["kind"] == "RNN" else {}
    m = Model(spec["kind"], spec["inputs"], spec["hidden"], spec["outputs"], **kw)
    m.load_state_dict({k: torch.from_numpy(v) for k, v in sd.items()})
    xs = torch.from_numpy(np.load(os.path.join(d, "x_export.npy")))
    with torch.no_grad():
        if spec["alpha"] == 1.0:
            y, _ = m(xs)
        else:  # the Euler step the export's note describes: h = (1 - alpha) h + alpha f(W_ih x + b_ih + W_hh h + b_hh)
            a, f_ = spec["alpha"], torch.tanh if spec["nonlinearity"] == "tanh" else torch.relu
            W_ih, W_hh = m.rnn.weight_ih_l0, m.rnn.weight_hh_l0
            b = m.rnn.bias_ih_l0 + m.rnn.bias_hh_l0
            h = torch.zeros(xs.shape[1], spec["hidden"])
            hs = []
            for t in range(xs.shape[0]):
                h = (1 - a) * h + a * f_(xs[t] @ W_ih.T + h @ W_hh.T + b)
                hs.append(h)
            y = m.readout(torch.stack(hs))
    np.save(os.path.join(d, stem + "_torch_y.npy"), y.numpy())
print("ok", torch.__version__)
