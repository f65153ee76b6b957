#!/usr/bin/python3
"""Reference values for core/nn/batch_norm and group_norm from PyTorch (Debian's python3-torch).

Run with Debian's interpreter:  /usr/bin/python3 tests/golden/make_norm.py
Writes tests/golden/norm.json. For each case: input x (B, C), affine γ, β, an upstream gradient g,
and PyTorch's output y, dL/dx, dL/dγ, dL/dβ for L = Σ g ⊙ y (float64 computation, printed to 9
significant digits). Batch norm also records the running statistics after the training forward and
the evaluation-mode output that uses them.
"""
import json
import os

import torch

torch.manual_seed(20240601)


def tensor_list(t):
    return [float("%.9g" % v) for v in t.detach().reshape(-1).tolist()]


def case_common(x, gamma, beta, g):
    return {"B": x.shape[0], "C": x.shape[1], "x": tensor_list(x), "gamma": tensor_list(gamma),
            "beta": tensor_list(beta), "g": tensor_list(g)}


def batch_norm_case(B, C, eps, momentum, scale=1.0, shift=0.0):
    x = (torch.randn(B, C, dtype=torch.float64) * scale + shift).requires_grad_(True)
    bn = torch.nn.BatchNorm1d(C, eps=eps, momentum=momentum).double()
    with torch.no_grad():
        bn.weight.copy_(1.0 + 0.5 * torch.randn(C, dtype=torch.float64))
        bn.bias.copy_(0.5 * torch.randn(C, dtype=torch.float64))
    g = torch.randn(B, C, dtype=torch.float64)
    bn.train()
    y = bn(x)
    (y * g).sum().backward()
    out = case_common(x, bn.weight, bn.bias, g)
    out.update({"eps": eps, "momentum": momentum, "y": tensor_list(y), "dx": tensor_list(x.grad),
                "dgamma": tensor_list(bn.weight.grad), "dbeta": tensor_list(bn.bias.grad),
                "running_mean": tensor_list(bn.running_mean), "running_var": tensor_list(bn.running_var)})
    bn.eval()
    x2 = torch.randn(B, C, dtype=torch.float64) * scale + shift
    out["x_eval"] = tensor_list(x2)
    out["y_eval"] = tensor_list(bn(x2))
    return out


def group_norm_case(B, C, G, eps):
    x = torch.randn(B, C, dtype=torch.float64).requires_grad_(True)
    gn = torch.nn.GroupNorm(G, C, eps=eps).double()
    with torch.no_grad():
        gn.weight.copy_(1.0 + 0.5 * torch.randn(C, dtype=torch.float64))
        gn.bias.copy_(0.5 * torch.randn(C, dtype=torch.float64))
    g = torch.randn(B, C, dtype=torch.float64)
    y = gn(x)
    (y * g).sum().backward()
    out = case_common(x, gn.weight, gn.bias, g)
    out.update({"groups": G, "eps": eps, "y": tensor_list(y), "dx": tensor_list(x.grad),
                "dgamma": tensor_list(gn.weight.grad), "dbeta": tensor_list(gn.bias.grad)})
    return out


def layer_norm_case(B, C, eps):
    """torch.nn.LayerNorm(C) — must equal group_norm with one group."""
    x = torch.randn(B, C, dtype=torch.float64).requires_grad_(True)
    ln = torch.nn.LayerNorm(C, eps=eps).double()
    with torch.no_grad():
        ln.weight.copy_(1.0 + 0.5 * torch.randn(C, dtype=torch.float64))
        ln.bias.copy_(0.5 * torch.randn(C, dtype=torch.float64))
    g = torch.randn(B, C, dtype=torch.float64)
    y = ln(x)
    (y * g).sum().backward()
    out = case_common(x, ln.weight, ln.bias, g)
    out.update({"groups": 1, "eps": eps, "y": tensor_list(y), "dx": tensor_list(x.grad),
                "dgamma": tensor_list(ln.weight.grad), "dbeta": tensor_list(ln.bias.grad)})
    return out


data = {
    "generator": "tests/golden/make_norm.py, torch " + torch.__version__,
    "batch_norm": [batch_norm_case(8, 6, 1e-5, 0.1), batch_norm_case(16, 13, 1e-3, 0.3, 3.0, 2.0),
                   batch_norm_case(2, 5, 1e-5, 0.1)],
    "group_norm": [group_norm_case(5, 12, 1, 1e-5), group_norm_case(5, 12, 3, 1e-5), group_norm_case(4, 16, 4, 1e-3),
                   group_norm_case(3, 6, 6, 1e-5), group_norm_case(7, 10, 2, 1e-5)],
    "layer_norm": [layer_norm_case(6, 9, 1e-5)],
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "norm.json")
with open(path, "w") as f:
    json.dump(data, f, indent=1)
print("wrote", path)
