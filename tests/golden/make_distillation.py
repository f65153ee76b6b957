#!/usr/bin/python3
"""Golden values of FitNets' two losses (core/nn/distillation.hpp) from PyTorch 1.13 (Debian's
python3-torch), in double precision:
  hint:    0.5 * ((r - t)**2).sum(1).mean()
  distill: (1-a)*F.cross_entropy(z, y) + a*T*T*F.kl_div(F.log_softmax(z/T, 1), F.softmax(t/T, 1), reduction='batchmean')
with their gradients with respect to r and z. Writes tests/golden/distillation.json:
  /usr/bin/python3 tests/golden/make_distillation.py > tests/golden/distillation.json
"""
import json
import torch
import torch.nn.functional as F

torch.manual_seed(13)
cases = []
for (B, K, T, a) in [(5, 3, 4.0, 0.9), (4, 5, 1.0, 0.5), (6, 2, 10.0, 0.0), (3, 4, 2.5, 1.0)]:
    z = (torch.randn(B, K, dtype=torch.float64) * 2).float().double().requires_grad_()
    t = (torch.randn(B, K, dtype=torch.float64) * 3).float().double()
    y = torch.randint(0, K, (B,))
    loss = (1 - a) * F.cross_entropy(z, y) + a * T * T * F.kl_div(F.log_softmax(z / T, 1), F.softmax(t / T, 1),
                                                                   reduction='batchmean')
    loss.backward()
    cases.append({"kind": "distill", "temperature": T, "alpha": a, "z": z.detach().tolist(), "t": t.tolist(),
                  "y": y.tolist(), "loss": loss.item(), "grad": z.grad.tolist()})
for (B, D) in [(4, 3), (7, 1)]:
    r = torch.randn(B, D, dtype=torch.float64).float().double().requires_grad_()
    t = torch.randn(B, D, dtype=torch.float64).float().double()
    loss = 0.5 * ((r - t) ** 2).sum(1).mean()
    loss.backward()
    cases.append({"kind": "hint", "r": r.detach().tolist(), "t": t.tolist(), "loss": loss.item(), "grad": r.grad.tolist()})
print(json.dumps({"source": "PyTorch " + torch.__version__ + ", tests/golden/make_distillation.py", "cases": cases}))
