"""PyTorch's gradients of random nn expressions, for nn.graph.GraphGradientTest (run with /usr/bin/python3).

usage: torch_gradients.py CASES.txt
CASES.txt holds blocks: `case N`, then `leaf NAME RANK ROWS COLS v1 v2 ...` lines, then `root EXPRESSION` (Python,
over the leaves as float64 tensors that require gradients). Prints, for each case, `value N f` and one
`grad N NAME i g` line per element, every number as repr (exact).
"""
import sys
import torch

torch.set_default_dtype(torch.float64)
cases = []
current = None
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        parts = line.rstrip("\n").split(" ", 1)
        if parts[0] == "case":
            current = {"id": parts[1], "leaves": [], "root": None}
            cases.append(current)
        elif parts[0] == "leaf":
            name, rank, rows, cols, *vals = parts[1].split(" ")
            current["leaves"].append((name, int(rank), int(rows), int(cols), [float(v) for v in vals]))
        elif parts[0] == "root":
            current["root"] = parts[1]

out = []
for c in cases:
    env = {"torch": torch}
    leaves = []
    for name, rank, rows, cols, vals in c["leaves"]:
        t = torch.tensor(vals, dtype=torch.float64)
        t = t.reshape(()) if rank == 0 else t if rank == 1 else t.reshape(rows, cols)
        t.requires_grad_(True)
        env[name] = t
        leaves.append((name, t))
    f = eval(c["root"], env)
    f.backward()
    out.append("value %s %r" % (c["id"], f.item()))
    for name, t in leaves:
        g = t.grad if t.grad is not None else torch.zeros_like(t)
        for i, v in enumerate(g.reshape(-1).tolist()):
            out.append("grad %s %s %d %r" % (c["id"], name, i, v))
print("\n".join(out))
