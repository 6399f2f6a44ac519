package nn.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nn.core.Activation;
import nn.core.ForwardPass;
import nn.core.Layer;
import nn.core.Loss;
import nn.core.Network;
import nn.core.Optimizer;
import nn.core.Value;
import nn.lang.NnError;
import nn.lang.Pos;
import nn.lang.Stmt;

/**
 * {@code export numpy "net.py"} and {@code export pytorch "net.py"}: a runnable Python program that rebuilds the
 * network with nn's exact parameters (every double written with Double.toString, which reads back as the same
 * double), runs the same forward pass, backward pass and update (the same optimizer, hyper-parameters, state and
 * rate), and prints every number as {@code NAME = [..]} under nn's own names, so that a test (or a student) can set
 * them side by side with nn's.
 *
 * <p>Which example: with {@code lr=} or optimizer options, the update those options would make now (as `step` would);
 * without them, the last update (`step`, `update`) from the parameters it started from, as `export markdown` writes
 * it; before any update, the current parameters with the session's rate (`μ = 0.1`).
 */
final class PythonExport {
    private PythonExport() { }

    /** What the program computes: the network as it starts, the example, and the update. */
    record Plan(Network net, Value x, Value y, Optimizer.Settings settings, double lr, List<String> slots, Map<String, double[]> state, long steps) { }

    static void export(Stmt.Command s, Args a, Context ctx, boolean torch) {
        State st = ctx.state();
        if (st.net.isEmpty()) throw new NnError(s.pos(), "there is no network to export yet", "add layers first, e.g. `layer relu 3->2`");
        Plan plan = plan(s.pos(), a, st);
        String text = torch ? pytorch(plan) : numpy(plan);
        java.nio.file.Path file = ExplainCommands.write(a.file("FILE"), text);
        String opt = OptimizerState.describe(plan.settings) + (plan.steps > 0 ? ", continuing from step " + plan.steps : "");
        ctx.emit(new Output.Written("wrote " + file + ": the network in " + (torch ? "PyTorch" : "NumPy") + ", forward, backward and one "
                + opt + " update with lr = " + Format.plain(plan.lr) + " (run it with python3 " + file + ")", null));
    }

    static Plan plan(Pos pos, Args a, State st) {
        boolean options = a.has("lr") || a.has("optimizer") || a.has("momentum") || a.has("nesterov") || a.has("beta1") || a.has("beta2")
                || a.has("eps") || a.has("weight_decay");
        State.LastUpdate u = st.lastUpdate;
        if (!options && u != null && u.grads() != null) {
            ForwardPass p = u.grads().pass();
            Network net = u.before();
            Value x = Value.of(p.inputNode().shape, p.x().clone());
            Value y = Value.of(p.targetNode().shape, p.y().clone());
            OptimizerState before = u.optimizerBefore();
            List<String> slots = slots(net);
            if (before == null) return new Plan(net, x, y, Optimizer.Settings.sgd(), u.lr(), slots, Map.of(), 0);
            return new Plan(net, x, y, before.settings(), u.lr(), slots, state(before, slots), before.optimizer().steps());
        }
        double lr = PassCommands.learningRate(pos, a, st, "export");
        Value x = Example.input(st, pos);
        Value y = Example.target(st, x, pos);
        if (y == null) throw new NnError(pos, "export needs a target: y is not set", "set it with `target [...]`");
        if (x.kind() == Value.Kind.SCALAR) x = Value.vector(x.data());
        if (y.kind() == Value.Kind.SCALAR) y = Value.vector(y.data());
        Optimizer.Settings settings = OptimizerState.read(a, st);
        List<String> slots = slots(st.net);
        OptimizerState now = st.optimizer;
        if (now != null && now.settings().equals(settings) && now.slots().equals(slots)) {
            return new Plan(st.net.copy(), x, y, settings, lr, slots, state(now, slots), now.optimizer().steps());
        }
        return new Plan(st.net.copy(), x, y, settings, lr, slots, Map.of(), 0);
    }

    /** The parameters an update moves, in nn's slot order: W0, b0, W1, … without the frozen ones. */
    static List<String> slots(Network net) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < net.depth(); k++) {
            Layer l = net.layer(k);
            if (!l.frozenW) out.add("W" + k);
            if (l.hasBias() && !l.frozenB) out.add("b" + k);
        }
        return out;
    }

    /** The optimizer's state by "m_W0", "v_W0" (copies). */
    private static Map<String, double[]> state(OptimizerState o, List<String> slots) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String name : slots) {
            int i = o.slot(name);
            if (i < 0) continue;
            for (String s : o.optimizer().stateNames()) {
                double[] v = o.optimizer().state(s, i);
                if (v != null) out.put(s + "_" + name, v.clone());
            }
        }
        return out;
    }

    // ---- shared pieces of both programs ----

    static String num(double v) {
        if (Double.isNaN(v)) return "float('nan')";
        if (Double.isInfinite(v)) return v > 0 ? "float('inf')" : "-float('inf')";
        return Double.toString(v);
    }

    /** A Python literal of a parameter or value: a number, [..] or [[..], ..]. */
    static String literal(double[] d, int rows, int cols, boolean scalar) {
        if (scalar) return num(d[0]);
        StringBuilder b = new StringBuilder();
        if (rows < 0) {
            row(b, d, 0, cols);
            return b.toString();
        }
        b.append('[');
        for (int r = 0; r < rows; r++) {
            if (r > 0) b.append(",\n     ");
            row(b, d, r * cols, cols);
        }
        return b.append(']').toString();
    }

    private static void row(StringBuilder b, double[] d, int off, int n) {
        b.append('[');
        for (int i = 0; i < n; i++) {
            if (i > 0) b.append(", ");
            b.append(num(d[off + i]));
        }
        b.append(']');
    }

    static String weights(Layer l) { return literal(l.W, l.out, l.in, false); }

    static String biases(Layer l) { return l.bias == Layer.Bias.SHARED ? num(l.b[0]) : literal(l.b, -1, l.b.length, false); }

    static String value(Value v) {
        return switch (v.kind()) {
            case SCALAR -> num(v.data()[0]);
            case VECTOR -> literal(v.data(), -1, v.size(), false);
            case MATRIX -> literal(v.data(), v.rows(), v.cols(), false);
        };
    }

    /** A Python string literal (names may be Unicode: ℓ1, h_pre). */
    static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 32 || c > 126) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    private static String header(Plan p, String what) {
        Network net = p.net;
        StringBuilder b = new StringBuilder();
        b.append("#!/usr/bin/env python3\n");
        b.append("# ").append(what).append(", written by nn's `export`: the network with nn's exact parameters (float64),\n");
        b.append("# one forward pass, the backward pass and one update, printed as NAME = value under nn's names.\n");
        b.append("#\n# network: ");
        for (int k = 0; k < net.depth(); k++) {
            Layer l = net.layer(k);
            if (k > 0) b.append(", ");
            b.append(l.activation.id).append(' ').append(l.in).append("->").append(l.out);
            if (l.bias == Layer.Bias.SHARED) b.append(" (shared bias)");
            if (l.bias == Layer.Bias.NONE) b.append(" (no bias)");
        }
        b.append("\n# loss: ").append(net.loss().id).append(net.effectiveLoss() != net.loss() ? " (on logits: " + net.effectiveLoss().id + ")" : "")
                .append(", ").append(net.sums() ? "summed" : "averaged").append(" over a batch's examples\n");
        b.append("# update: ").append(OptimizerState.describe(p.settings)).append(", lr = ").append(num(p.lr));
        if (p.steps > 0) b.append(", continuing from step ").append(p.steps);
        b.append("\n\nimport sys\n");
        return b.toString();
    }

    private static boolean batch(Plan p) { return p.x.kind() == Value.Kind.MATRIX; }

    // ---- NumPy ----

    static String numpy(Plan p) {
        Network net = p.net;
        int L = net.depth();
        boolean batch = batch(p);
        boolean fused = net.fusedOutput();
        Loss loss = net.effectiveLoss();
        boolean sum = net.sums();
        StringBuilder b = new StringBuilder(header(p, "The network of an nn session in NumPy"));
        b.append("import numpy as np\n\n");
        b.append("np.seterr(over=\"ignore\", divide=\"ignore\")\n");
        b.append("if hasattr(sys.stdout, \"reconfigure\"):\n    sys.stdout.reconfigure(encoding=\"utf-8\")\n\n");
        b.append("# the parameters: W{k} has one row per neuron and one column per input (nn's W0, b0, W1, ...)\n");
        b.append("P = {}\n");
        for (int k = 0; k < L; k++) {
            Layer l = net.layer(k);
            b.append("P[\"W").append(k).append("\"] = np.array(").append(weights(l)).append(")\n");
            if (l.bias == Layer.Bias.SHARED) b.append("P[\"b").append(k).append("\"] = np.array(").append(biases(l)).append(")  # one bias shared by the layer's neurons\n");
            else if (l.hasBias()) b.append("P[\"b").append(k).append("\"] = np.array(").append(biases(l)).append(")\n");
        }
        b.append("\n# the example").append(batch ? ": one row per example, the loss is the " + (sum ? "sum" : "mean") + " over the rows" : "").append('\n');
        b.append("x = np.array(").append(value(p.x)).append(")\n");
        b.append("y = np.array(").append(value(p.y)).append(")\n");
        b.append("N = ").append(batch ? p.x.rows() : 1).append("  # examples\n\n");
        b.append("""
                def sigmoid(z):
                    e = np.exp(-np.abs(z))  # two forms, so that exp never overflows
                    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


                def softmax(z):
                    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
                    return e / np.sum(e, axis=-1, keepdims=True)


                def clamped_log(v):
                    return np.maximum(np.log(v), -100.0)  # as PyTorch's BCELoss clamps its logs


                """);
        // forward
        b.append("def forward(P, x, y):\n");
        b.append("    v = {}\n");
        for (int k = 0; k < L; k++) {
            Layer l = net.layer(k);
            String in = k == 0 ? "x" : "v[\"a" + (k - 1) + "\"]";
            b.append("    # layer ").append(k).append(": ").append(l.activation.id).append(' ').append(l.in).append("->").append(l.out)
                    .append(" (nn's ").append(net.preName(k)).append(", ").append(net.actName(k)).append(")\n");
            b.append("    z = ").append(in).append(" @ P[\"W").append(k).append("\"].T").append(l.hasBias() ? " + P[\"b" + k + "\"]" : "").append('\n');
            b.append("    v[\"z").append(k).append("\"] = z\n");
            b.append("    v[\"a").append(k).append("\"] = ").append(switch (l.activation) {
                case LINEAR -> "z";
                case RELU -> "np.where(z > 0, z, 0.0)";
                case LEAKY_RELU -> "np.where(z > 0, z, " + num(l.param) + " * z)";
                case SIGMOID -> "sigmoid(z)";
                case TANH -> "np.tanh(z)";
                case SOFTMAX -> "softmax(z)";
            }).append('\n');
        }
        String o = "v[\"a" + (L - 1) + "\"]";
        String reduceOut = sum ? "np.sum" : "np.mean"; // over a row's outputs, for the per-output losses
        b.append("    o = ").append(o).append('\n');
        b.append("    # the loss of each example (E_row), then the ").append(sum ? "sum" : "mean").append(" over the examples\n");
        b.append("    v[\"E_row\"] = ").append(switch (loss) {
            case HALF_SSE -> "0.5 * np.sum((y - o) ** 2, axis=-1)";
            case MSE -> reduceOut + "((y - o) ** 2, axis=-1)";
            case BCE -> "-" + reduceOut + "(y * clamped_log(o) + (1 - y) * clamped_log(1 - o), axis=-1)";
            case CROSS_ENTROPY -> "-np.sum(np.where(y != 0, y * clamped_log(o), 0.0), axis=-1)";
            case BCE_LOGITS -> reduceOut + "(np.maximum(o, 0) - o * y + np.log1p(np.exp(-np.abs(o))), axis=-1)";
            case CROSS_ENTROPY_LOGITS -> "-np.sum(np.where(y != 0, y * (o - (np.max(o, axis=-1, keepdims=True) + np.log(np.sum(np.exp(o - np.max(o, axis=-1, keepdims=True)), axis=-1, keepdims=True)))), 0.0), axis=-1)";
        }).append('\n');
        b.append("    v[\"E\"] = ").append(sum ? "np.sum" : "np.mean").append("(v[\"E_row\"])\n");
        b.append("    return v\n\n\n");
        // backward
        b.append("def backward(P, x, y, v):\n");
        b.append("    d = {}\n");
        b.append("    g = ").append(sum || !batch ? "1.0" : "1.0 / N").append("  # dE/dE_row: ").append(sum ? "1 for a sum" : "1/N for a mean").append('\n');
        b.append("    o = ").append(o).append('\n');
        int n = net.outputSize();
        String m = sum ? "1" : String.valueOf(n);
        if (fused) {
            b.append("    # softmax and cross-entropy together: dE/dz = o·Σy − y (no division by o)\n");
            b.append("    d[\"z").append(L - 1).append("\"] = (o * np.sum(y, axis=-1, keepdims=True) - y) * g\n");
        } else {
            b.append("    d[\"a").append(L - 1).append("\"] = ").append(switch (loss) {
                case HALF_SSE -> "g * (o - y)";
                case MSE -> sum ? "g * 2 * (o - y)" : "g * 2 * (o - y) / " + n;
                case BCE -> "g * (o - y) / (" + m + " * np.maximum(o * (1 - o), 1e-12))";
                case CROSS_ENTROPY -> "np.where(y != 0, -g * y / np.maximum(o, 1e-12), 0.0)";
                case BCE_LOGITS -> "g * (sigmoid(o) - y) / " + m;
                case CROSS_ENTROPY_LOGITS -> "(softmax(o) * np.sum(y, axis=-1, keepdims=True) - y) * g";
            }).append('\n');
        }
        for (int k = L - 1; k >= 0; k--) {
            Layer l = net.layer(k);
            String a = "v[\"a" + k + "\"]", z = "v[\"z" + k + "\"]", da = "d[\"a" + k + "\"]";
            String in = k == 0 ? "x" : "v[\"a" + (k - 1) + "\"]";
            if (!(fused && k == L - 1)) {
                b.append("    d[\"z").append(k).append("\"] = ").append(switch (l.activation) {
                    case LINEAR -> da;
                    case RELU -> da + " * np.where(" + z + " > 0, 1.0, 0.0)";
                    case LEAKY_RELU -> da + " * np.where(" + z + " > 0, 1.0, " + num(l.param) + ")";
                    case SIGMOID -> da + " * (" + a + " * (1 - " + a + "))";
                    case TANH -> da + " * (1 - " + a + " * " + a + ")";
                    case SOFTMAX -> a + " * (" + da + " - np.sum(" + da + " * " + a + ", axis=-1, keepdims=True))";
                }).append('\n');
            }
            String dz = "d[\"z" + k + "\"]";
            b.append("    d[\"W").append(k).append("\"] = ").append(batch ? dz + ".T @ " + in : "np.outer(" + dz + ", " + in + ")").append('\n');
            if (l.bias == Layer.Bias.SHARED) b.append("    d[\"b").append(k).append("\"] = np.sum(").append(dz).append(")\n");
            else if (l.hasBias()) b.append("    d[\"b").append(k).append("\"] = ").append(batch ? "np.sum(" + dz + ", axis=0)" : dz).append('\n');
            if (k > 0) b.append("    d[\"a").append(k - 1).append("\"] = ").append(dz).append(" @ P[\"W").append(k).append("\"]\n");
        }
        b.append("    return d\n\n\n");
        // update
        Optimizer.Settings s = p.settings;
        b.append("# the update: ").append(OptimizerState.describe(s)).append(", as nn (and PyTorch) compute it\n");
        b.append("lr = ").append(num(p.lr)).append('\n');
        b.append("weight_decay = ").append(num(s.weightDecay())).append('\n');
        b.append("slots = [").append(String.join(", ", p.slots.stream().map(PythonExport::str).toList())).append("]  # the parameters the update moves (frozen ones are left out)\n");
        b.append("t = ").append(p.steps).append("  # updates made before this one\n");
        switch (s.name()) {
            case "momentum" -> {
                b.append("mu = ").append(num(s.momentum())).append("\nnesterov = ").append(s.nesterov() ? "True" : "False").append('\n');
                b.append("velocity = {name: np.zeros_like(P[name]) for name in slots}\n");
            }
            case "adam" -> {
                b.append("beta1, beta2, eps = ").append(num(s.beta1())).append(", ").append(num(s.beta2())).append(", ").append(num(s.eps())).append('\n');
                b.append("m = {name: np.zeros_like(P[name]) for name in slots}\n");
                b.append("v2 = {name: np.zeros_like(P[name]) for name in slots}\n");
            }
            default -> { }
        }
        for (var e : p.state.entrySet()) {
            String key = e.getKey();
            String kind = key.substring(0, key.indexOf('_')), param = key.substring(key.indexOf('_') + 1);
            String dict = s.name().equals("momentum") ? "velocity" : kind.equals("m") ? "m" : "v2";
            b.append(dict).append("[").append(str(param)).append("] = np.array(").append(stateLiteral(p.net, param, e.getValue())).append(")\n");
        }
        b.append("""


                def update(P, d):
                    global t
                    t += 1
                    for name in slots:
                        p = P[name]
                        g = d[name] + weight_decay * p if weight_decay != 0 else d[name]
                """);
        switch (s.name()) {
            case "momentum" -> b.append("""
                            velocity[name] = mu * velocity[name] + g
                            P[name] = p - lr * (g + mu * velocity[name] if nesterov else velocity[name])
                    """);
            case "adam" -> b.append("""
                            m[name] = beta1 * m[name] + (1 - beta1) * g
                            v2[name] = beta2 * v2[name] + (1 - beta2) * g * g
                            m_hat = m[name] / (1 - beta1 ** t)
                            v_hat = v2[name] / (1 - beta2 ** t)
                            P[name] = p - lr * m_hat / (np.sqrt(v_hat) + eps)
                    """);
            default -> b.append("""
                            P[name] = p - lr * g
                    """);
        }
        b.append("""


                def show(name, value):
                    print(name, "=", repr(np.asarray(value, dtype=np.float64).tolist()))


                v = forward(P, x, y)
                print("# forward")
                show("x", x)
                show("y", y)
                """);
        for (int k = 0; k < L; k++) {
            b.append("show(").append(str(net.preName(k))).append(", v[\"z").append(k).append("\"])\n");
            b.append("show(").append(str(net.actName(k))).append(", v[\"a").append(k).append("\"])\n");
        }
        b.append("show(\"E\", v[\"E\"])\n");
        b.append("d = backward(P, x, y, v)\nprint(\"# backward\")\n");
        for (int k = L - 1; k >= 0; k--) {
            if (!(fused && k == L - 1)) b.append("show(").append(str("dE/d" + net.actName(k))).append(", d[\"a").append(k).append("\"])\n");
            b.append("show(").append(str("dE/d" + net.preName(k))).append(", d[\"z").append(k).append("\"])\n");
            b.append("show(\"dE/dW").append(k).append("\", d[\"W").append(k).append("\"])\n");
            if (net.layer(k).hasBias()) b.append("show(\"dE/db").append(k).append("\", d[\"b").append(k).append("\"])\n");
        }
        b.append("update(P, d)\nprint(\"# update\")\n");
        for (int k = 0; k < L; k++) {
            b.append("show(\"W").append(k).append("\", P[\"W").append(k).append("\"])\n");
            if (net.layer(k).hasBias()) b.append("show(\"b").append(k).append("\", P[\"b").append(k).append("\"])\n");
        }
        b.append("for name in slots:\n");
        switch (s.name()) {
            case "momentum" -> b.append("    show(\"v_\" + name, velocity[name])\n");
            case "adam" -> b.append("    show(\"m_\" + name, m[name])\n    show(\"v_\" + name, v2[name])\n");
            default -> b.append("    pass\n");
        }
        b.append("v = forward(P, x, y)\nprint(\"# forward after the update\")\n");
        b.append("show(").append(str(net.actName(L - 1))).append(", v[\"a").append(L - 1).append("\"])\n");
        b.append("show(\"E\", v[\"E\"])\n");
        return b.toString();
    }

    private static String stateLiteral(Network net, String param, double[] v) {
        int k = Integer.parseInt(param.substring(1));
        Layer l = net.layer(k);
        if (param.startsWith("W")) return literal(v, l.out, l.in, false);
        return l.bias == Layer.Bias.SHARED ? num(v[0]) : literal(v, -1, v.length, false);
    }

    // ---- PyTorch ----

    static String pytorch(Plan p) {
        Network net = p.net;
        int L = net.depth();
        boolean batch = batch(p);
        boolean fused = net.fusedOutput();
        Loss loss = net.effectiveLoss();
        boolean sum = net.sums();
        String reduction = sum ? "\"sum\"" : "\"mean\"";
        StringBuilder b = new StringBuilder(header(p, "The network of an nn session in PyTorch"));
        b.append("import torch\n\n");
        b.append("torch.set_default_dtype(torch.float64)  # nn computes in double precision\n");
        b.append("if hasattr(sys.stdout, \"reconfigure\"):\n    sys.stdout.reconfigure(encoding=\"utf-8\")\n\n\n");
        b.append("class Net(torch.nn.Module):\n");
        b.append("    \"\"\"nn's layers as torch.nn.Linear: weight is nn's W{k} (one row per neuron), bias its b{k}.\"\"\"\n\n");
        b.append("    def __init__(self):\n        super().__init__()\n");
        for (int k = 0; k < L; k++) {
            Layer l = net.layer(k);
            b.append("        self.fc").append(k).append(" = torch.nn.Linear(").append(l.in).append(", ").append(l.out)
                    .append(l.bias == Layer.Bias.PER_NEURON ? "" : ", bias=False").append(")\n");
            if (l.bias == Layer.Bias.SHARED) {
                b.append("        # a bias shared by the layer's neurons: Linear has one per neuron, so the layer's one is its own parameter\n");
                b.append("        self.shared_b").append(k).append(" = torch.nn.Parameter(torch.tensor(0.0))\n");
            }
        }
        b.append("\n    def forward(self, x):\n        values = []\n");
        for (int k = 0; k < L; k++) {
            Layer l = net.layer(k);
            String in = k == 0 ? "x" : "a";
            b.append("        z = self.fc").append(k).append("(").append(in).append(")").append(l.bias == Layer.Bias.SHARED ? " + self.shared_b" + k : "").append('\n');
            b.append("        a = ").append(switch (l.activation) {
                case LINEAR -> "z";
                case RELU -> "torch.relu(z)";
                case LEAKY_RELU -> "torch.nn.LeakyReLU(negative_slope=" + num(l.param) + ")(z)";
                case SIGMOID -> "torch.sigmoid(z)";
                case TANH -> "torch.tanh(z)";
                case SOFTMAX -> "torch.softmax(z, dim=-1)";
            }).append("  # nn's ").append(net.preName(k)).append(", ").append(net.actName(k)).append('\n');
            b.append("        values += [z, a]\n");
        }
        b.append("        return values\n\n\n");
        b.append("net = Net()\nwith torch.no_grad():  # nn's exact parameters\n");
        for (int k = 0; k < L; k++) {
            Layer l = net.layer(k);
            b.append("    net.fc").append(k).append(".weight.copy_(torch.tensor(").append(weights(l)).append("))\n");
            if (l.bias == Layer.Bias.PER_NEURON) b.append("    net.fc").append(k).append(".bias.copy_(torch.tensor(").append(biases(l)).append("))\n");
            if (l.bias == Layer.Bias.SHARED) b.append("    net.shared_b").append(k).append(".copy_(torch.tensor(").append(biases(l)).append("))\n");
        }
        b.append("\n# nn's parameters by name\nparams = {\n");
        for (int k = 0; k < L; k++) {
            Layer l = net.layer(k);
            b.append("    \"W").append(k).append("\": net.fc").append(k).append(".weight,\n");
            if (l.bias == Layer.Bias.PER_NEURON) b.append("    \"b").append(k).append("\": net.fc").append(k).append(".bias,\n");
            if (l.bias == Layer.Bias.SHARED) b.append("    \"b").append(k).append("\": net.shared_b").append(k).append(",\n");
        }
        b.append("}\n\n");
        b.append("x = torch.tensor(").append(value(p.x)).append(")").append(batch ? "  # one row per example" : "").append('\n');
        b.append("y = torch.tensor(").append(value(p.y)).append(")\n");
        b.append("N = ").append(batch ? p.x.rows() : 1).append("  # examples\n\n");
        b.append("# the loss, as nn's ").append(net.loss().id).append(" with the batch's ").append(sum ? "sum" : "mean").append('\n');
        b.append("def loss_of(values):\n    z, o = values[-2], values[-1]\n");
        if (fused) {
            b.append("    # softmax then cross-entropy is CrossEntropyLoss on the logits (class probabilities as targets)\n");
            b.append("    return torch.nn.CrossEntropyLoss(reduction=").append(reduction).append(")(z, y)\n\n\n");
        } else {
            b.append("    return ").append(switch (loss) {
                case HALF_SSE -> "0.5 * torch.nn.MSELoss(reduction=\"sum\")(o, y)" + (sum || !batch ? "" : " / N") + "  # ½ Σ (y − o)² per example";
                case MSE -> "torch.nn.MSELoss(reduction=" + reduction + ")(o, y)";
                case BCE -> "torch.nn.BCELoss(reduction=" + reduction + ")(o, y)";
                case CROSS_ENTROPY -> "(-(y * torch.clamp(torch.log(o), min=-100.0)).sum(dim=-1))." + (sum ? "sum" : "mean")
                        + "()  # −Σ y log o on probabilities: no torch.nn class takes those";
                case BCE_LOGITS -> "torch.nn.BCEWithLogitsLoss(reduction=" + reduction + ")(o, y)";
                case CROSS_ENTROPY_LOGITS -> "torch.nn.CrossEntropyLoss(reduction=" + reduction + ")(o, y)  # on logits, softmax folded in";
            }).append("\n\n\n");
        }
        Optimizer.Settings s = p.settings;
        b.append("# the update: ").append(OptimizerState.describe(s)).append(", lr = ").append(num(p.lr)).append('\n');
        b.append("slots = [").append(String.join(", ", p.slots.stream().map(PythonExport::str).toList())).append("]  # what it moves (frozen parameters are left out)\n");
        b.append("optimizer = ").append(switch (s.name()) {
            case "momentum" -> "torch.optim.SGD([params[n] for n in slots], lr=" + num(p.lr) + ", momentum=" + num(s.momentum()) + ", dampening=0, nesterov="
                    + (s.nesterov() && s.momentum() > 0 ? "True" : "False") + ", weight_decay=" + num(s.weightDecay()) + ")";
            case "adam" -> "torch.optim.Adam([params[n] for n in slots], lr=" + num(p.lr) + ", betas=(" + num(s.beta1()) + ", " + num(s.beta2()) + "), eps="
                    + num(s.eps()) + ", weight_decay=" + num(s.weightDecay()) + ")";
            default -> "torch.optim.SGD([params[n] for n in slots], lr=" + num(p.lr) + ", weight_decay=" + num(s.weightDecay()) + ")";
        }).append('\n');
        if (p.steps > 0 && !p.state.isEmpty()) {
            b.append("# the optimizer's state after nn's ").append(p.steps).append(" earlier updates\n");
            for (String name : p.slots) {
                if (s.name().equals("adam")) {
                    double[] m = p.state.get("m_" + name), v = p.state.get("v_" + name);
                    if (m == null || v == null) continue;
                    b.append("optimizer.state[params[").append(str(name)).append("]] = {\"step\": torch.tensor(").append(num(p.steps))
                            .append("), \"exp_avg\": torch.tensor(").append(stateLiteral(net, name, m)).append("), \"exp_avg_sq\": torch.tensor(")
                            .append(stateLiteral(net, name, v)).append(")}\n");
                } else if (s.name().equals("momentum") && s.momentum() > 0) {
                    double[] v = p.state.get("v_" + name);
                    if (v == null) continue;
                    b.append("optimizer.state[params[").append(str(name)).append("]] = {\"momentum_buffer\": torch.tensor(").append(stateLiteral(net, name, v)).append(")}\n");
                }
            }
        }
        b.append("""


                def show(name, value):
                    print(name, "=", repr(value.detach().tolist() if torch.is_tensor(value) else value))


                values = net(x)
                for t in values:
                    t.retain_grad()
                E = loss_of(values)
                print("# forward")
                show("x", x)
                show("y", y)
                """);
        for (int k = 0; k < L; k++) {
            b.append("show(").append(str(net.preName(k))).append(", values[").append(2 * k).append("])\n");
            b.append("show(").append(str(net.actName(k))).append(", values[").append(2 * k + 1).append("])\n");
        }
        b.append("show(\"E\", E)\n");
        b.append("E.backward()\nprint(\"# backward\")\n");
        for (int k = L - 1; k >= 0; k--) {
            if (!(fused && k == L - 1)) b.append("show(").append(str("dE/d" + net.actName(k))).append(", values[").append(2 * k + 1).append("].grad)\n");
            b.append("show(").append(str("dE/d" + net.preName(k))).append(", values[").append(2 * k).append("].grad)\n");
            b.append("show(\"dE/dW").append(k).append("\", params[\"W").append(k).append("\"].grad)\n");
            if (net.layer(k).hasBias()) b.append("show(\"dE/db").append(k).append("\", params[\"b").append(k).append("\"].grad)\n");
        }
        b.append("optimizer.step()\nprint(\"# update\")\n");
        b.append("for name, p in params.items():\n    show(name, p)\n");
        if (s.name().equals("adam")) {
            b.append("for name in slots:\n    show(\"m_\" + name, optimizer.state[params[name]][\"exp_avg\"])\n    show(\"v_\" + name, optimizer.state[params[name]][\"exp_avg_sq\"])\n");
        } else if (s.name().equals("momentum") && s.momentum() > 0) {
            b.append("for name in slots:\n    show(\"v_\" + name, optimizer.state[params[name]][\"momentum_buffer\"])\n");
        }
        b.append("with torch.no_grad():\n    values = net(x)\n    E = loss_of(values)\n");
        b.append("print(\"# forward after the update\")\n");
        b.append("show(").append(str(net.actName(L - 1))).append(", values[-1])\n");
        b.append("show(\"E\", E)\n");
        return b.toString();
    }
}
