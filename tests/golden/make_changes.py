#!/usr/bin/python3
"""Reference trajectories for hyperparameter changes in the middle of a run (docs/racing.md), from
PyTorch (Debian's python3-torch 1.13).

    /usr/bin/python3 tests/golden/make_changes.py      # writes tests/golden/changes.json

Each case is a walk over Rosenbrock f(x, y) = (1 − x)² + 100 (y − x²)² in float64 from (−1.2, 1)
for 200 steps, whose spec carries "changes": at step s (after s steps) the param_group's values
are assigned, exactly as a PyTorch user changes a running optimizer:

    opt.param_groups[0]["lr"] = 0.01; opt.param_groups[0]["betas"] = (0.8, 0.99)

The optimizer's state (Adam's moments and step count, RMSProp's square average, Adagrad's sum,
the momentum buffer) is kept, so the trajectory after s shows whether our run kept it: a run that
rebuilt its optimizer at the change restarts the moment estimates and the bias correction and
lands elsewhere. θ after every step is stored ("theta", 201 points including θ₀).

Momentum is the one method where the book and PyTorch differ after an lr change: Algorithm 8.2
keeps ε inside the velocity (v ← αv − εg, θ ← θ + v), torch.optim.SGD keeps it outside
(b ← μb + g, θ ← θ − εb); with a constant ε they coincide. Its reference is the book's update
written in torch tensor operations ("reference": "formula").
"""
import json
import os

import torch

STEPS = 200
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "changes.json")


def rosenbrock(p):
    x, y = p[0], p[1]
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


class BookMomentum:
    """Algorithm 8.2: v ← αv − εg, θ ← θ + v (ε and α read from param_groups at every step)."""

    def __init__(self, params, lr, momentum):
        self.param_groups = [{"params": list(params), "lr": lr, "momentum": momentum}]
        self.v = torch.zeros_like(self.param_groups[0]["params"][0])

    def zero_grad(self):
        for p in self.param_groups[0]["params"]:
            p.grad = None

    @torch.no_grad()
    def step(self):
        g = self.param_groups[0]
        p = g["params"][0]
        self.v.mul_(g["momentum"]).sub_(g["lr"] * p.grad)
        p.add_(self.v)


def torch_set(key):
    """Our change path → the param_group key PyTorch uses."""
    return {"optimizer.lr": "lr", "optimizer.betas": "betas", "optimizer.rho": "alpha",
            "optimizer.momentum": "momentum", "optimizer.weight_decay": "weight_decay",
            "optimizer.eps": "eps"}[key]


CASES = [
    # (name, our optimizer object, torch factory, changes)
    ("adam: lr and betas at step 80", {"name": "adam", "lr": 0.05},
     lambda p: torch.optim.Adam(p, lr=0.05), "torch.optim.Adam",
     [{"step": 80, "set": {"optimizer.lr": 0.01, "optimizer.betas": [0.8, 0.99]}}]),
    ("adam: lr at steps 1 and 150", {"name": "adam", "lr": 0.02},
     lambda p: torch.optim.Adam(p, lr=0.02), "torch.optim.Adam",
     [{"step": 1, "set": {"optimizer.lr": 0.2}}, {"step": 150, "set": {"optimizer.lr": 0.005}}]),
    ("rmsprop: lr and rho at step 60", {"name": "rmsprop", "lr": 0.005, "rho": 0.9, "eps": 1e-8},
     lambda p: torch.optim.RMSprop(p, lr=0.005, alpha=0.9, eps=1e-8), "torch.optim.RMSprop",
     [{"step": 60, "set": {"optimizer.lr": 0.001, "optimizer.rho": 0.99}}]),
    ("adagrad: lr at step 100", {"name": "adagrad", "lr": 0.5, "eps": 1e-10},
     lambda p: torch.optim.Adagrad(p, lr=0.5, eps=1e-10), "torch.optim.Adagrad",
     [{"step": 100, "set": {"optimizer.lr": 0.1}}]),
    ("sgd: weight decay and lr at step 40", {"name": "sgd", "lr": 0.001},
     lambda p: torch.optim.SGD(p, lr=0.001), "torch.optim.SGD",
     [{"step": 40, "set": {"optimizer.weight_decay": 0.5, "optimizer.lr": 0.0015}}]),
    ("momentum: lr and momentum at step 50 (Algorithm 8.2)", {"name": "momentum", "lr": 0.001, "momentum": 0.9},
     lambda p: BookMomentum(p, lr=0.001, momentum=0.9), "formula",
     [{"step": 50, "set": {"optimizer.lr": 0.0005, "optimizer.momentum": 0.5}}]),
]


def run(factory, changes):
    p = torch.tensor([-1.2, 1.0], dtype=torch.float64, requires_grad=True)
    opt = factory([p])
    theta = [p.detach().clone().tolist()]
    for k in range(STEPS):
        for c in changes:
            if c["step"] == k:  # after k steps, before step k + 1
                for key, value in c["set"].items():
                    opt.param_groups[0][torch_set(key)] = tuple(value) if isinstance(value, list) else value
        opt.zero_grad()
        loss = rosenbrock(p)
        loss.backward()
        opt.step()
        theta.append(p.detach().clone().tolist())
    return theta


def main():
    torch.set_default_dtype(torch.float64)
    out = {"problem": {"name": "rosenbrock"}, "x0": [-1.2, 1.0], "steps": STEPS, "cases": []}
    for name, spec, factory, reference, changes in CASES:
        out["cases"].append({"name": name, "optimizer": spec, "reference": reference, "changes": changes,
                             "theta": run(factory, changes)})
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
