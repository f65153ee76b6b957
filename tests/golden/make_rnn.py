#!/usr/bin/python3
"""Reference values for core/nn/recurrent (Elman) and core/nn/lstm from PyTorch 1.13 (Debian's python3-torch).

Run with Debian's interpreter:  /usr/bin/python3 tests/golden/make_rnn.py
Writes tests/golden/rnn.json. Each case is a network  torch.nn.RNN / torch.nn.LSTM (one layer,
batch_first) → torch.nn.Linear(H, K) → torch.nn.CrossEntropyLoss on the last hidden state h_L, in
float64, with:
  theta0        the flat parameters in optlab's layout: the recurrent layer's
                [W_ih, W_hh, b_ih, b_hh] (torch's own order) then the head's [W, b]
  x (B, L·D), y the minibatch (sequences flattened row by row) and its labels
  h_last, loss, grad (∂loss/∂θ, flat), dx (∂loss/∂x), hidden_grad_norms ‖∂loss/∂h_t‖ for t = 0 … L
                (Frobenius over the batch; the sequence is fed one step at a time with h_t.retain_grad()
                so that every h_t, h_0 included, is a leaf of the graph whose gradient torch reports)
  steps         for {"name": "sgd", "lr": …} and {"name": "adam", "lr": …}: θ after each of 5 steps of
                torch.optim.SGD / torch.optim.Adam on the same minibatch
"""
import json
import os

import torch

torch.manual_seed(20261130)


def flat(t):
    return [float("%.12g" % v) for v in t.detach().reshape(-1).tolist()]


def build(kind, D, H, K, nonlinearity):
    if kind == "lstm":
        rnn = torch.nn.LSTM(D, H, batch_first=True).double()
    else:
        rnn = torch.nn.RNN(D, H, nonlinearity=nonlinearity, batch_first=True).double()
    head = torch.nn.Linear(H, K).double()
    return rnn, head


def params(rnn, head):
    return [rnn.weight_ih_l0, rnn.weight_hh_l0, rnn.bias_ih_l0, rnn.bias_hh_l0, head.weight, head.bias]


def theta_of(rnn, head):
    return torch.cat([p.detach().reshape(-1) for p in params(rnn, head)])


def full_loss(rnn, head, x, y):
    out, _ = rnn(x)
    return torch.nn.functional.cross_entropy(head(out[:, -1, :]), y)


def case(name, kind, D, H, L, B, K, nonlinearity="tanh", weight_scale=1.0, forget_bias=None):
    rnn, head = build(kind, D, H, K, nonlinearity)
    with torch.no_grad():
        for p in (rnn.weight_ih_l0, rnn.weight_hh_l0):
            p.mul_(weight_scale)
        if forget_bias is not None:
            rnn.bias_ih_l0[H:2 * H] = forget_bias
    x = torch.randn(B, L, D, dtype=torch.float64, requires_grad=True)
    y = torch.randint(0, K, (B,))
    theta0 = theta_of(rnn, head)

    # Forward one step at a time to read ∂loss/∂h_t for every t.
    h = torch.zeros(1, B, H, dtype=torch.float64, requires_grad=True)
    c = torch.zeros(1, B, H, dtype=torch.float64)
    hs = [h]
    for t in range(L):
        if kind == "lstm":
            _, (h, c) = rnn(x[:, t:t + 1, :], (h, c))
        else:
            _, h = rnn(x[:, t:t + 1, :], h)
        h.retain_grad()
        hs.append(h)
    logits = head(h[0])
    loss = torch.nn.functional.cross_entropy(logits, y)
    loss.backward()
    grad = torch.cat([p.grad.reshape(-1) for p in params(rnn, head)])
    out = {"name": name, "kind": kind, "nonlinearity": nonlinearity, "D": D, "H": H, "L": L, "B": B, "K": K,
           "theta0": flat(theta0), "x": flat(x), "y": y.tolist(), "h_last": flat(h[0]), "loss": float(loss),
           "grad": flat(grad), "dx": flat(x.grad), "hidden_grad_norms": [float(s.grad.norm()) for s in hs]}

    # The same loss through the whole-sequence call must agree (it is what the optimizer steps use).
    assert abs(float(full_loss(rnn, head, x.detach(), y)) - float(loss)) < 1e-12

    out["steps"] = []
    for spec in ({"name": "sgd", "lr": 0.5}, {"name": "adam", "lr": 0.01}):
        rnn2, head2 = build(kind, D, H, K, nonlinearity)
        with torch.no_grad():
            offset = 0
            for p in params(rnn2, head2):
                n = p.numel()
                p.copy_(theta0[offset:offset + n].reshape(p.shape))
                offset += n
        ps = params(rnn2, head2)
        opt = torch.optim.SGD(ps, lr=spec["lr"]) if spec["name"] == "sgd" else torch.optim.Adam(ps, lr=spec["lr"])
        traj = []
        for _ in range(5):
            opt.zero_grad()
            full_loss(rnn2, head2, x.detach(), y).backward()
            opt.step()
            traj.append(flat(theta_of(rnn2, head2)))
        out["steps"].append({"spec": spec, "theta": traj})
    return out


cases = [
    case("elman_tanh", "rnn", D=3, H=5, L=7, B=4, K=3),
    case("elman_relu", "rnn", D=2, H=4, L=6, B=5, K=2, nonlinearity="relu", weight_scale=0.8),
    case("lstm", "lstm", D=3, H=4, L=6, B=4, K=3),
    case("lstm_forget_bias", "lstm", D=2, H=3, L=9, B=3, K=4, forget_bias=1.0),
]
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rnn.json")
with open(path, "w") as f:
    json.dump({"source": "tests/golden/make_rnn.py, torch " + torch.__version__, "cases": cases}, f)
    f.write("\n")
print("wrote", path)
