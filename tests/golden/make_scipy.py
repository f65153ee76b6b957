#!/usr/bin/python3
"""Reference iteration and evaluation counts of SciPy's minimize on Rosenbrock from (-1.2, 1).

Run with Debian's interpreter (it has python3-scipy 1.10):  /usr/bin/python3 tests/golden/make_scipy.py
Writes tests/golden/scipy.json, which tests/native/second_order_test.cpp compares our cg, bfgs,
lbfgs and newton against (within 1.5x). The stopping rule is the same on both sides:
||grad f||_inf <= gtol (SciPy's CG and BFGS use exactly this; L-BFGS-B's pgtol is the same
quantity without bounds, and its ftol test is set to rounding level so gtol decides).
"""
import json
import os

import numpy as np
import scipy
from scipy.optimize import minimize, rosen, rosen_der, rosen_hess

X0 = np.array([-1.2, 1.0])
GTOL = 1e-8
RUNS = [
    ("cg", "CG", {"gtol": GTOL}),
    ("bfgs", "BFGS", {"gtol": GTOL}),
    ("lbfgs", "L-BFGS-B", {"gtol": GTOL, "ftol": 1e-15, "maxcor": 10}),
    ("newton", "Newton-CG", {"xtol": 1e-10}),
]

out = {"scipy": scipy.__version__, "problem": "rosenbrock", "x0": X0.tolist(), "gtol": GTOL, "methods": {}}
for ours, method, opts in RUNS:
    kw = {"jac": rosen_der}
    if method == "Newton-CG":
        kw["hess"] = rosen_hess
    r = minimize(rosen, X0, method=method, options=opts, **kw)
    assert r.success, (method, r.message)
    assert np.abs(r.x - 1).max() < 1e-6, (method, r.x)
    out["methods"][ours] = {
        "scipy_method": method,
        "options": opts,
        "nit": int(r.nit),
        "nfev": int(r.nfev),
        "njev": int(r.njev),
        "x": r.x.tolist(),
    }

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "scipy.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(json.dumps(out["methods"], indent=1))
