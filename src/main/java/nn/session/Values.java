package nn.session;

import nn.core.Value;
import java.util.function.Consumer;
import nn.core.ForwardPass;
import nn.core.Gradients;
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
            case BIASES -> pick(b, s.net.layer(b.layer()).b, pos);
            case PRE -> pick(b, pass(s, pos, b.label()).z()[b.layer()], pos);
            case ACT -> pick(b, pass(s, pos, b.label()).a()[b.layer()], pos);
            case LOSS -> {
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
                double[] d = new double[l.out];
                for (int i = 0; i < l.out; i++) d[i] = l.activation.df(p.z()[b.layer()][i], p.a()[b.layer()][i], l.param);
                yield pick(b, d, pos);
            }
        };
    }

    private static Value gradient(Binding b, State s, Pos pos) {
        Gradients g = s.grads;
        if (g == null) {
            throw new NnError(pos, b.label() + " is not computed yet", s.pass == null ? "run `forward` then `backward` (or `step lr=...`)" : "run `backward` first");
        }
        int k = b.layer();
        return switch (b.kind()) {
            case INPUT -> pick(b, g.dX(), pos);
            case WEIGHTS -> {
                Layer l = g.pass().net().layer(k);
                yield b.element() ? Value.scalar(g.dW()[k][b.i() * l.in + b.j()]) : Value.matrix(l.out, l.in, g.dW()[k]);
            }
            case BIASES -> pick(b, g.dB()[k], pos);
            case PRE -> pick(b, g.dZ()[k], pos);
            case ACT -> pick(b, g.dA()[k], pos);
            default -> throw new NnError(pos, "no gradient is defined for " + b.label(), null);
        };
    }

    private static ForwardPass pass(State s, Pos pos, String what) {
        if (s.pass == null) throw new NnError(pos, what + " is not computed yet", "run `forward` (or `step lr=...`) first");
        return s.pass;
    }

    private static double[] need(double[] v, Pos pos, String message, String hint) {
        if (v == null) throw new NnError(pos, message, hint);
        return v;
    }

    private static Value pick(Binding b, double[] v, Pos pos) {
        if (b.element() && b.i() >= v.length) {
            // x and y may be set before the layers that fix their sizes, so an index can pass the name check and still miss
            throw new NnError(pos, "index out of range: " + b.label() + ", but it has " + v.length + " number" + (v.length == 1 ? "" : "s")
                    + " (0 to " + (v.length - 1) + ")", null);
        }
        return b.element() ? Value.scalar(v[b.i()]) : Value.vector(v);
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
