"""Replays nn's optimizer cases in PyTorch (float64, autograd, torch.optim) and prints every parameter and optimizer
state after the last step, one number per line: `param CASE NAME INDEX VALUE`, `state CASE NAME INDEX VALUE`,
`loss CASE STEP VALUE`. The case file is written by nn.train.OptimizerTorchTest."""
import sys
import torch

torch.set_default_dtype(torch.float64)


def act(name, slope, z):
    if name == "relu":
        return torch.relu(z)
    if name == "leaky_relu":
        return torch.nn.functional.leaky_relu(z, slope)
    if name == "tanh":
        return torch.tanh(z)
    if name == "sigmoid":
        return torch.sigmoid(z)
    if name == "softmax":
        return torch.softmax(z, dim=1)
    if name == "linear":
        return z
    raise ValueError(name)


def loss_of(name, reduction, z, o, y):
    # each loss as PyTorch's own class where it has one, nn's reduction = PyTorch's
    if name == "half_sse":
        per_row = 0.5 * ((y - o) ** 2).sum(dim=1)
        return per_row.mean() if reduction == "mean" else per_row.sum()
    if name == "mse":
        return torch.nn.MSELoss(reduction=reduction)(o, y)
    if name == "bce":
        return torch.nn.BCELoss(reduction=reduction)(o, y)
    if name == "bce_logits":
        return torch.nn.BCEWithLogitsLoss(reduction=reduction)(z, y)
    if name == "cross_entropy_logits":
        return torch.nn.CrossEntropyLoss(reduction=reduction)(z, y)
    if name == "cross_entropy_softmax":
        per_row = -(y * torch.log(o)).sum(dim=1)
        return per_row.mean() if reduction == "mean" else per_row.sum()
    raise ValueError(name)


def run(case, lines):
    layers, params, names = [], [], []
    x = y = None
    for w in lines:
        if w[0] == "layer":
            layers.append({"act": w[1], "in": int(w[2]), "out": int(w[3]), "bias": w[4], "slope": float(w[5])})
        elif w[0] == "W":
            k = int(w[1]); l = layers[k]
            l["W"] = torch.tensor([float(v) for v in w[2:]]).reshape(l["out"], l["in"]).requires_grad_()
        elif w[0] == "b":
            k = int(w[1]); l = layers[k]
            l["b"] = torch.tensor([float(v) for v in w[2:]]).requires_grad_()
        elif w[0] in ("x", "y"):
            t = torch.tensor([float(v) for v in w[3:]]).reshape(int(w[1]), int(w[2]))
            if w[0] == "x":
                x = t
            else:
                y = t
        elif w[0] == "loss":
            loss_name, reduction = w[1], w[2]
        elif w[0] == "opt":
            opt = {"name": w[1], "lr": float(w[2]), "mu": float(w[3]), "nesterov": w[4] == "true",
                   "b1": float(w[5]), "b2": float(w[6]), "eps": float(w[7]), "wd": float(w[8])}
        elif w[0] == "steps":
            steps = int(w[1])
    for k, l in enumerate(layers):
        params.append(l["W"]); names.append("W%d" % k)
        if l["bias"] != "none":
            params.append(l["b"]); names.append("b%d" % k)
    if opt["name"] == "sgd":
        o = torch.optim.SGD(params, lr=opt["lr"], weight_decay=opt["wd"])
    elif opt["name"] == "momentum":
        o = torch.optim.SGD(params, lr=opt["lr"], momentum=opt["mu"], nesterov=opt["nesterov"], weight_decay=opt["wd"])
    else:
        o = torch.optim.Adam(params, lr=opt["lr"], betas=(opt["b1"], opt["b2"]), eps=opt["eps"], weight_decay=opt["wd"])
    for step in range(steps):
        o.zero_grad()
        a = x
        z = None
        for l in layers:
            z = a @ l["W"].T
            if l["bias"] != "none":
                z = z + l["b"]  # a shared bias has one element, broadcast over the layer's neurons
            a = act(l["act"], l["slope"], z)
        E = loss_of(loss_name, reduction, z, a, y)
        print("loss %d %d %r" % (case, step, E.item()))
        E.backward()
        o.step()
    for n, p in zip(names, params):
        for i, v in enumerate(p.detach().reshape(-1).tolist()):
            print("param %d %s %d %r" % (case, n, i, v))
        st = o.state[p]
        for key, nn_name in (("exp_avg", "m"), ("exp_avg_sq", "v"), ("momentum_buffer", "v")):
            if key in st and st[key] is not None:
                for i, v in enumerate(st[key].reshape(-1).tolist()):
                    print("state %d %s_%s %d %r" % (case, nn_name, n, i, v))


def main():
    cases, current = {}, None
    with open(sys.argv[1]) as f:
        for line in f:
            w = line.split()
            if not w:
                continue
            if w[0] == "case":
                current = int(w[1]); cases[current] = []
            else:
                cases[current].append(w)
    for c in sorted(cases):
        run(c, cases[c])


main()
