"""Keras side of KerasImportTest, without Keras (Debian packages none): writes HDF5 files in the layout Keras's
model.save("m.h5") and save_weights("w.h5") produce (keras/saving/legacy/hdf5_format.py: root attributes
model_config, keras_version, backend; /model_weights with layer_names; one group per layer with weight_names and
the datasets LAYER/[CELL/]kernel:0, recurrent_kernel:0, bias:0), with h5py, and computes each model's outputs in
NumPy from Keras's published equations (keras/layers/rnn/simple_rnn.py, gru.py with reset_after=True, lstm.py):

  SimpleRNN  h' = act(x K + h R + b)
  GRU        [x_z, x_r, x_h] = x K + b[0];  [r_z, r_r, r_h] = h R + b[1]
             z = sigmoid(x_z + r_z);  r = sigmoid(x_r + r_r);  hh = act(x_h + r * r_h);  h' = z * h + (1 - z) * hh
  LSTM       [i, f, c_, o] = x K + h R + b;  c' = sigmoid(f) * c + sigmoid(i) * act(c_);  h' = sigmoid(o) * act(c')
  Dense      y = h K + b

usage: keras_models.py DIR    (writes DIR/NAME.h5, DIR/NAME_y.npy on DIR/keras_x.npy, and the bad files)
"""
import json, os, sys
import numpy as np
import h5py

d = sys.argv[1]
rng = np.random.default_rng(7)
I, N, O, T, B = 3, 10, 2, 25, 4
x = rng.standard_normal((T, B, I)).astype(np.float32)
np.save(os.path.join(d, "keras_x.npy"), x)
sig = lambda v: 1 / (1 + np.exp(-v))
acts = {"tanh": np.tanh, "relu": lambda v: np.maximum(v, 0), "linear": lambda v: v}


def w(*shape):
    return rng.uniform(-0.7, 0.7, shape).astype(np.float32)


def run(kind, act, K, R, b, Kd, bd, xs):
    f = acts[act]
    h = np.zeros((xs.shape[1], R.shape[0]), np.float64)
    c = np.zeros_like(h)
    ys = []
    for t in range(xs.shape[0]):
        xt = xs[t].astype(np.float64)
        if kind == "SimpleRNN":
            h = f(xt @ K + h @ R + (0 if b is None else b))
        elif kind == "GRU":
            xz, xr, xh = np.split(xt @ K + b[0], 3, axis=1)
            rz, rr, rh = np.split(h @ R + b[1], 3, axis=1)
            z, r = sig(xz + rz), sig(xr + rr)
            h = z * h + (1 - z) * f(xh + r * rh)
        else:
            i, fg, cc, o = np.split(xt @ K + h @ R + b, 4, axis=1)
            c = sig(fg) * c + sig(i) * f(cc)
            h = sig(o) * f(c)
        ys.append(h @ Kd + bd)
    return np.array(ys)


def layer_config(kind, name, **kw):
    cfg = {"name": name, "trainable": True, "dtype": "float32", "return_sequences": True, "go_backwards": False,
           "units": kw.pop("units", N), "activation": kw.pop("activation", "tanh"), "use_bias": True}
    if kind in ("GRU", "LSTM"):
        cfg["recurrent_activation"] = "sigmoid"
    if kind == "GRU":
        cfg["reset_after"] = True
    cfg.update(kw)
    return {"class_name": kind, "config": cfg}


def dense_config(name, activation="linear"):
    return {"class_name": "Dense", "config": {"name": name, "units": O, "activation": activation, "use_bias": True}}


def save(path, layers, weights, style="sequential", weights_only=False):
    """layers: the config entries; weights: {group name: [(weight path inside the group, array)]}."""
    with h5py.File(path, "w") as f:
        if weights_only:
            g = f
        else:
            if style == "sequential":
                cfg = {"class_name": "Sequential", "config": {"name": "sequential", "layers": layers}}
            elif style == "old":
                cfg = {"class_name": "Sequential", "config": layers}
            else:
                cfg = {"class_name": "Functional", "config": {"name": "model", "layers": [
                    dict(l, name=l["config"]["name"], inbound_nodes=[]) for l in layers]}}
            f.attrs["model_config"] = json.dumps(cfg).encode("utf8")
            f.attrs["backend"] = b"tensorflow"
            f.attrs["keras_version"] = b"2.11.0"
            g = f.create_group("model_weights")
        g.attrs["layer_names"] = np.array([n.encode() for n in weights])
        for name, ws in weights.items():
            lg = g.create_group(name)
            lg.attrs["weight_names"] = np.array([p.encode() for p, _ in ws])
            for p, a in ws:
                lg.create_dataset(p, data=a)


def simple(name, act, bias, style, cell_group):
    K, R, Kd, bd = w(I, N), w(N, N), w(N, O), w(O)
    b = w(N) if bias else None
    pre = "simple_rnn/simple_rnn_cell/" if cell_group else "simple_rnn/"
    ws = [(pre + "kernel:0", K), (pre + "recurrent_kernel:0", R)] + ([(pre + "bias:0", b)] if bias else [])
    layers = [layer_config("SimpleRNN", "simple_rnn", activation=act, use_bias=bias), dense_config("dense")]
    save(os.path.join(d, name + ".h5"), layers, {"simple_rnn": ws, "dense": [("dense/kernel:0", Kd),
                                                                               ("dense/bias:0", bd)]}, style)
    np.save(os.path.join(d, name + "_y.npy"), run("SimpleRNN", act, K, R, b, Kd, bd, x))


def gated(name, kind, gates, style="sequential", wrapped=False, weights_only=False, extra=None, **kw):
    K, R, Kd, bd = w(I, gates * N), w(N, gates * N), w(N, O), w(O)
    b = w(2, 3 * N) if kind == "GRU" and kw.get("reset_after", True) else w(gates * N)
    lname = kind.lower()
    ws = {lname: [(lname + "/" + lname + "_cell/kernel:0", K), (lname + "/" + lname + "_cell/recurrent_kernel:0", R),
                  (lname + "/" + lname + "_cell/bias:0", b)]}
    dname = "time_distributed" if wrapped else "dense"
    ws[dname] = [(dname + "/kernel:0", Kd), (dname + "/bias:0", bd)]
    dense = dense_config(dname)
    if wrapped:
        dense = {"class_name": "TimeDistributed", "config": {"name": dname, "layer": dense}}
    layers = [{"class_name": "InputLayer", "config": {"name": "input_1", "batch_input_shape": [None, None, I]}},
              layer_config(kind, lname, **kw), dense]
    if extra:
        extra(layers, ws)
    save(os.path.join(d, name + ".h5"), layers, ws, style, weights_only)
    if not extra and kw.get("reset_after", True):
        np.save(os.path.join(d, name + "_y.npy"), run(kind, "tanh", K, R, b, Kd, bd, x))


simple("simple_tanh", "tanh", True, "sequential", True)
simple("simple_relu_old", "relu", False, "old", False)     # Keras 2.0-era Sequential config (a list), no bias
gated("gru", "GRU", 3, wrapped=True)                        # reset_after=True, TimeDistributed(Dense)
gated("lstm", "LSTM", 4, style="functional")
gated("gru_weights_only", "GRU", 3, weights_only=True)      # save_weights: no model_config
# refused
gated("bad_gru_reset_before", "GRU", 3, reset_after=False)


def two_rnns(layers, ws):
    layers.insert(2, layer_config("LSTM", "lstm_2"))
    ws["lstm_2"] = [("lstm_2/kernel:0", w(N, 4 * N)), ("lstm_2/recurrent_kernel:0", w(N, 4 * N)),
                    ("lstm_2/bias:0", w(4 * N))]


def bidirectional(layers, ws):
    layers[1] = {"class_name": "Bidirectional", "config": {"name": "bidirectional", "layer": layers[1]}}


def softmax(layers, ws):
    layers[2]["config"]["activation"] = "softmax"


def no_dense(layers, ws):
    del layers[2]
    del ws["dense"]


gated("bad_two_rnns", "GRU", 3, extra=two_rnns)
gated("bad_bidirectional", "GRU", 3, extra=bidirectional)
gated("bad_hard_sigmoid", "LSTM", 4, recurrent_activation="hard_sigmoid")
gated("bad_softmax", "LSTM", 4, extra=softmax)
gated("bad_no_dense", "LSTM", 4, extra=no_dense)
print("ok h5py", h5py.__version__)
