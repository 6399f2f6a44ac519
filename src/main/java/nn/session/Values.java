package nn.session;

import nn.core.Value;
import java.util.function.Consumer;
import nn.core.ForwardPass;
import java.util.Map;
import nn.core.Gradients;
import nn.core.graph.Backward;
import nn.core.graph.Node;
import nn.core.Layer;
import nn.lang.Literal;
import nn.lang.NnError;
import nn.lang.Pos;

/** Reading values by binding, and fitting written literals to the shape a name needs. */
public final class Values {
    private Values() { }

    /**
     * The current network measured on the data set `evaluate` measured last: measured again now, so that after more
     * training `accuracy` is that of the parameters as they are.
     */
    static nn.core.Evaluation accuracy(State s, Pos pos) {
        if (s.evaluated == null) {
            throw new NnError(pos, "accuracy is measured by evaluate, and nothing has been evaluated yet",
                    "run `evaluate DATA` on a data set with class labels first, e.g. `evaluate xor`, then `expect accuracy = 1`");
        }
        if (!(s.datasets.get(s.evaluated) instanceof nn.core.DataSet d)) {
            throw new NnError(pos, "the data set " + s.evaluated + " that evaluate measured is gone", "evaluate another one");
        }
        if (s.net.isEmpty() || d.inputs != s.net.inputSize() || d.outputs != s.net.outputSize()) {
            throw new NnError(pos, "the network no longer fits " + s.evaluated + ", the data set evaluate measured", "evaluate a data set that fits it");
        }
        return nn.core.Evaluation.of(s.net, d);
    }

    /** The current value a binding denotes, or an error saying what must run first. */
    public static Value get(Binding b, State s, Pos pos) {
        if (b.gradient()) return gradient(b, s, pos);
        return switch (b.kind()) {
            case INPUT -> pick(b, need(s.x, pos, "x is not set", "set it with `input [0.9, 0.2, 0.5]` or `x = [...]`"), pos);
            case TARGET -> pick(b, need(s.y, pos, "y is not set", "set it with `target [0]` or `y = 0`"), pos);
            case WEIGHTS -> {
                Layer l = s.net.layer(b.layer());
                yield b.element() ? Value.scalar(l.w(b.i(), b.j())) : Value.matrix(l.out, l.in, l.W);
            }
            case BIASES -> {
                Layer l = s.net.layer(b.layer());
                if (!l.hasBias()) throw new NnError(pos, "layer " + b.layer() + " has no biases (bias=false)", null);
                if (l.bias == Layer.Bias.SHARED) yield Value.scalar(l.b[0]);
                yield pick(b, Value.vector(l.b), pos);
            }
            case PRE -> pick(b, pass(s, pos, b.label()).preNode(b.layer()).value(), pos);
            case ACT -> pick(b, pass(s, pos, b.label()).actNode(b.layer()).value(), pos);
            case LOSS -> {
                if ("loss".equals(b.user()) && s.evaluatedLast != null && s.evaluations.containsKey(s.evaluatedLast)) {
                    yield Value.scalar(s.evaluations.get(s.evaluatedLast).meanLoss());
                }
                ForwardPass p = pass(s, pos, "E");
                if (!p.hasLoss()) throw new NnError(pos, "E is not computed: the last forward pass had no target", "set `target [...]` and run forward again");
                yield Value.scalar(p.E());
            }
            case ACCURACY -> Value.scalar(accuracy(s, pos).accuracy());
            case LOCAL -> {
                ForwardPass p = pass(s, pos, b.label());
                Layer l = p.net().layer(b.layer());
                if (!l.activation.elementwise()) {
                    throw new NnError(pos, l.activation.id + " is not elementwise: its derivative is a Jacobian matrix", "ask for dE/d" + Names.preName(s.net, b.layer()) + " instead");
                }
                Node a = p.actNode(b.layer());
                double[] d = new double[a.data.length];
                for (int i = 0; i < d.length; i++) d[i] = ((nn.core.graph.Activate) a.op).derivative(a, i);
                yield pick(b, Value.of(a.shape, d), pos);
            }
            case OPTIMIZER -> pick(b, optimizerState(b, s, pos), pos);
            case RECORD -> pick(b, recorded(b, s, pos), pos);
            case USER -> {
                Node n = Expressions.current(s).node(b.user());
                if (n == null) throw new NnError(pos, b.user() + " could not be computed (see the warning where it failed)", "define it again");
                yield pick(b, n.value(), pos);
            }
        };
    }

    /** The label a value is shown with: its binding's, or `loss` for evaluate's loss. */
    static String label(Binding b, State s) {
        return b.kind() == Binding.Kind.LOSS && "loss".equals(b.user()) && s.evaluatedLast != null ? "loss" : b.label();
    }

    /** m, v, m̂ or v̂ of a parameter: the state the optimizer has after the last update. */
    private static Value optimizerState(Binding b, State s, Pos pos) {
        String state = b.user();
        String param = b.of();
        OptimizerState os = s.optimizer;
        String what = switch (state) {
            case "m" -> "Adam's first moment";
            case "v" -> "the second moment (Adam) or the velocity (momentum)";
            case "mhat" -> "Adam's bias-corrected first moment";
            default -> "Adam's bias-corrected second moment";
        };
        if (os == null || os.optimizer().steps() == 0) {
            throw new NnError(pos, b.label() + " (" + what + " of " + param + ") is not computed: no update with state has run", "run e.g. `update optimizer=adam lr=0.001` (or momentum) first");
        }
        int slot = os.slot(param);
        if (slot < 0) throw new NnError(pos, "the optimizer keeps no state for " + param + (os.slots().isEmpty() ? "" : "; it keeps " + String.join(", ", os.slots())), "frozen parameters are not updated");
        nn.core.Optimizer opt = os.optimizer();
        double[] data;
        if (state.endsWith("hat")) {
            if (!(opt instanceof nn.core.Adam adam)) throw new NnError(pos, b.label() + " is Adam's; the optimizer is " + os.settings().name(), null);
            data = adam.hat(state.substring(0, 1), slot);
        } else {
            data = opt.state(state, slot);
            if (data == null) throw new NnError(pos, os.settings().name() + " keeps no " + state + (opt.stateNames().isEmpty() ? " (it keeps no state)" : "; it keeps " + String.join(", ", opt.stateNames())), null);
            data = data.clone();
        }
        return Value.of(shapeOf(param, s, data.length), data);
    }

    /** A parameter's or user value's shape, for its optimizer state. */
    private static nn.core.Shape shapeOf(String param, State s, int n) {
        if (param.matches("W\\d+")) {
            Layer l = s.net.layer(Integer.parseInt(param.substring(1)));
            return nn.core.Shape.matrix(l.out, l.in);
        }
        Value v = s.values.get(param);
        if (v != null) return v.shape();
        return n == 1 && param.matches("b\\d+") && s.net.layer(Integer.parseInt(param.substring(1))).bias == Layer.Bias.SHARED ? nn.core.Shape.SCALAR : nn.core.Shape.vector(n);
    }

    /** The numbers statements printed: the last epoch's loss, evaluate's per data set, each example's and output's loss. */
    private static Value recorded(Binding b, State s, Pos pos) {
        String name = b.user();
        if (name.equals("train_loss")) {
            if (s.curve == null || s.curve.isEmpty()) throw new NnError(pos, "train_loss is the last epoch's mean loss, and nothing has been trained yet", "run `train ...` first");
            return Value.scalar(s.curve.last());
        }
        if (name.equals("test_loss")) {
            if (s.testedOn == null) {
                throw new NnError(pos, "test_loss is the test set's mean loss after the last train, and " + (s.testCurve == null ? "no train has had a test set" : "the last train had none"),
                        "train with one: train DATA epochs=N lr=RATE test=OTHER");
            }
            return Value.scalar(s.testCurve.last());
        }
        if (name.equals("E_row") || name.equals("E_o")) {
            ForwardPass p = pass(s, pos, name);
            Node n = name.equals("E_row") ? p.exampleLosses() : p.lossTerms();
            if (n == null) {
                throw new NnError(pos, name.equals("E_row") ? "E_row is not computed: the last forward pass had no target" : "E_o is not defined for " + s.net.effectiveLoss().id + " (its loss does not split by output)", null);
            }
            return n.value();
        }
        String set = name.substring(name.indexOf('_') + 1);
        nn.core.Evaluation e = s.evaluations.get(set);
        if (e == null) throw new NnError(pos, name + " is what `evaluate " + set + "` prints, and " + set + " has not been evaluated yet", "run `evaluate " + set + "` first");
        if (name.startsWith("accuracy")) {
            if (!e.classification()) throw new NnError(pos, set + " has no class labels: it has no accuracy", null);
            return Value.scalar(e.accuracy());
        }
        return Value.scalar(e.meanLoss());
    }

    /** The gradient a binding names: of the last backward's root, which must be the one asked for. */
    private static Value gradient(Binding b, State s, Pos pos) {
        Backward bw = s.backward;
        String root = b.root();
        if (root.equals("E") && b.kind() != Binding.Kind.USER && s.grads != null && (bw == null || Values.rootName(bw).equals("E"))) {
            return layerGradient(b, s.grads, pos);
        }
        if (bw == null) {
            throw new NnError(pos, b.label() + " is not computed yet", root.equals("E")
                    ? (s.pass == null ? "run `forward` then `backward` (or `step lr=...`)" : "run `backward` first") : "run `backward " + root + "` first");
        }
        String last = rootName(bw);
        if (!last.equals(root)) {
            throw new NnError(pos, b.label() + " is not computed: the last backward pass was of " + last, "run `backward " + (root.equals("E") ? "" : root) + "`".replace(" `", "`"));
        }
        Node n = nodeIn(bw.graph(), b, s, pos);
        double[] g = bw.of(n);
        if (g == null) {
            // the root does not depend on it: its gradient is 0, as micrograd leaves .grad at 0
            g = new double[n.data.length];
        }
        return pick(b, Value.of(n.shape, g), pos);
    }

    /** dE/dNAME of the network, read from its gradients by layer (a slip's gradients too: the hints read them here). */
    private static Value layerGradient(Binding b, Gradients g, Pos pos) {
        int k = b.layer();
        return switch (b.kind()) {
            case INPUT -> pick(b, Value.of(g.pass().inputNode().shape, g.dX()), pos);
            case WEIGHTS -> {
                Layer l = g.pass().net().layer(k);
                yield b.element() ? Value.scalar(g.dW()[k][b.i() * l.in + b.j()]) : Value.matrix(l.out, l.in, g.dW()[k]);
            }
            case BIASES -> {
                Layer l = g.pass().net().layer(k);
                if (!l.hasBias()) throw new NnError(pos, "layer " + k + " has no biases (bias=false)", null);
                yield l.bias == Layer.Bias.SHARED ? Value.scalar(g.dB()[k][0]) : pick(b, Value.vector(g.dB()[k]), pos);
            }
            case PRE -> pick(b, Value.of(g.pass().preNode(k).shape, g.dZ()[k]), pos);
            case ACT -> pick(b, Value.of(g.pass().actNode(k).shape, g.dA()[k]), pos);
            default -> throw new NnError(pos, "no gradient is defined for " + b.label(), null);
        };
    }

    /** The name the root of a backward pass goes by: E, the user's name for it, or the expression written. */
    static String rootName(Backward bw) {
        for (Map.Entry<String, Node> e : bw.graph().names().entrySet()) if (e.getValue() == bw.root()) return e.getKey();
        return bw.root().name != null ? bw.root().name : "the value backpropagated";
    }

    /** The node of g a (whole) binding denotes. */
    private static Node nodeIn(nn.core.graph.Graph g, Binding b, State s, Pos pos) {
        String name = b.node(s.net);
        Node n = name == null ? null : g.node(name);
        if (n == null) throw new NnError(pos, b.label() + " is not part of the last backward pass", "run `backward` again after `forward`");
        return n;
    }

    private static ForwardPass pass(State s, Pos pos, String what) {
        if (s.pass == null) throw new NnError(pos, what + " is not computed yet", "run `forward` (or `step lr=...`) first");
        return s.pass;
    }

    private static Value need(Value v, Pos pos, String message, String hint) {
        if (v == null) throw new NnError(pos, message, hint);
        return v;
    }

    /** The element (or, for a batch, the row or element) a binding picks of a value, range checked. */
    private static Value pick(Binding b, Value v, Pos pos) {
        if (!b.element()) return v;
        if (v.kind() == Value.Kind.MATRIX) {
            if (b.i() >= v.rows()) throw range(b, pos, "row " + b.i(), v.rows(), "rows");
            if (b.j() < 0) return Value.vector(java.util.Arrays.copyOfRange(v.data(), b.i() * v.cols(), (b.i() + 1) * v.cols()));
            if (b.j() >= v.cols()) throw range(b, pos, "column " + b.j(), v.cols(), "columns");
            return Value.scalar(v.get(b.i(), b.j()));
        }
        if (b.j() >= 0) {
            String label = b.label();
            throw new NnError(pos, label.substring(0, Math.max(0, label.indexOf('['))) + " is a vector: it takes one index", null);
        }
        if (v.kind() == Value.Kind.SCALAR) {
            if (b.i() == 0) return v;
            throw range(b, pos, "index " + b.i(), 1, "number");
        }
        if (b.i() >= v.size()) throw range(b, pos, "index " + b.i(), v.size(), "number");
        return Value.scalar(v.get(b.i()));
    }

    private static NnError range(Binding b, Pos pos, String what, int n, String unit) {
        // x and y may be set before the layers that fix their sizes, so an index can pass the name check and still miss
        String label = b.label();
        String name = label.indexOf('[') > 0 ? label.substring(0, label.indexOf('[')) : label;
        return new NnError(pos, "index out of range: " + what + " of " + name + ", which has " + n + " (0 to " + (n - 1) + ")", null);
    }

    // ---- literals to shapes ----

    /** A vector of {@code n} numbers ({@code n} < 0: any length). Accepts a row or column matrix and a scalar. */
    public static double[] vector(Literal lit, int n, String what, String why) {
        boolean line = lit.form() != Literal.Form.MATRIX || lit.rows() == 1 || lit.cols() == 1;
        if (!line) {
            throw new NnError(lit.pos(), what + " is a vector, but this is a " + lit.rows() + "×" + lit.cols() + " matrix", null);
        }
        if (n >= 0 && lit.size() != n) {
            throw new NnError(lit.pos(), what + " needs " + n + " number" + (n == 1 ? "" : "s") + " but " + lit.size() + (lit.size() == 1 ? " is" : " are") + " given", why);
        }
        return lit.values().clone();
    }

    /** A rows×cols matrix. A vector is taken in the only shape that fits (one row or one column), and said. */
    public static double[] matrix(Literal lit, int rows, int cols, String what, String why, Consumer<Output> out) {
        if (lit.form() == Literal.Form.MATRIX && lit.rows() == rows && lit.cols() == cols) return lit.values().clone();
        if (lit.size() == rows * cols && (rows == 1 || cols == 1)) {
            if (lit.form() != Literal.Form.SCALAR || rows * cols != 1) {
                out.accept(new Output.Info("(" + what + " is " + rows + "×" + cols + ": the " + lit.size() + " numbers are taken as its "
                        + (rows == 1 ? "one row" : "one column") + ")"));
            }
            return lit.values().clone();
        }
        String given = lit.form() == Literal.Form.MATRIX ? "a " + lit.rows() + "×" + lit.cols() + " matrix"
                : lit.form() == Literal.Form.VECTOR ? lit.size() + " numbers" : "one number";
        String hint = why;
        if (lit.form() == Literal.Form.MATRIX && lit.rows() == cols && lit.cols() == rows) {
            hint = why + "; this looks transposed: write one row per neuron";
        }
        throw new NnError(lit.pos(), what + " must be " + rows + "×" + cols + ", but " + given + (given.endsWith("s") ? " are" : " is") + " given", hint);
    }
}
