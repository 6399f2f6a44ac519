package nn.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nn.core.Activation;
import nn.core.Init;
import nn.core.Layer;
import nn.core.Loss;
import nn.lang.Literal;
import nn.lang.NnError;
import nn.lang.Option;
import nn.lang.Ref;
import nn.lang.Stmt;
import nn.lang.Word;
import nn.lang.Suggest;

/** Building the network and the example: layer, assignments, input, target, loss. */
final class ModelCommands {
    private ModelCommands() { }

    /** Names a layer may not take: they already mean something. */
    static final Set<String> RESERVED = Set.of("x", "y", "E", "input", "target", "loss", "net", "lr", "o_pre");

    /** Learning-rate names, as courses write them: {@code μ = 0.1}. */
    static final Set<String> LEARNING_RATE = Set.of("lr", "μ", "mu", "η", "eta", "alpha", "learning_rate");

    /** A layer of this many bytes of parameters is refused before anything is allocated. */
    static long memoryLimit() { return Runtime.getRuntime().maxMemory() / 4; }

    static void layer(Stmt.Layer s, Args a, Context ctx) {
        State st = ctx.state();
        Activation act = Activation.byName(s.activation().text());
        if (act == null) {
            String hint = Suggest.hint(s.activation().text(), Activation.names());
            throw new NnError(s.activation().pos(), "unknown activation '" + s.activation().text() + "'",
                    hint != null ? hint : "activations: " + String.join(", ", Activation.names()));
        }
        if (s.in() <= 0 || s.out() <= 0) throw new NnError(s.shapePos(), "a layer needs at least one input and one neuron", null);
        int k = st.net.depth();
        if (k > 0 && st.net.outputSize() != s.in()) {
            Layer prev = st.net.layer(k - 1);
            throw new NnError(s.shapePos(), "fan-in " + s.in() + " does not match the previous layer's size " + prev.out,
                    "layer " + (k - 1) + " is " + prev.activation.id + " " + prev.in + "->" + prev.out + ", so this layer must be " + prev.out + "->" + s.out());
        }
        long bytes = Layer.bytesFor(s.in(), s.out());
        if ((long) s.in() * s.out() > Integer.MAX_VALUE - 16 || bytes * 3 > memoryLimit()) {
            // the figures compared are the ones shown: three times the weights against the limit (not the whole heap)
            throw new NnError(s.shapePos(), "a " + s.in() + "->" + s.out() + " layer is too large: its weights alone need " + Format.bytes(bytes)
                    + ", and with its gradients and training buffers about " + Format.bytes(Math.multiplyHigh(bytes, 3) != 0 ? Long.MAX_VALUE : bytes * 3)
                    + "; a layer may take at most " + Format.bytes(memoryLimit()) + " here (a quarter of the " + Format.bytes(Runtime.getRuntime().maxMemory())
                    + " heap: every statement works on a copy)", "run java with a larger -Xmx, or use a smaller layer");
        }
        String alias = s.alias() == null ? null : s.alias().text();
        if (alias != null) {
            if (RESERVED.contains(alias) || alias.matches("[Wwbza]_?\\d+") || alias.contains("/")) {
                throw new NnError(s.alias().pos(), "'" + alias + "' already names something else", "choose a name like h, h1, hidden, out");
            }
            for (Layer l : st.net.layers()) {
                if (alias.equals(l.name)) throw new NnError(s.alias().pos(), "another layer is already named " + alias, null);
            }
        }
        if (a.has("slope") && act != Activation.LEAKY_RELU) throw new NnError(a.pos("slope", s.pos()), "slope= is a setting of leaky_relu", null);
        double param = act == Activation.LEAKY_RELU ? a.number("slope", Activation.DEFAULT_LEAKY_SLOPE) : 0;
        Layer.Bias bias = switch (a.choice("bias", "true")) {
            case "false", "none", "no" -> Layer.Bias.NONE;
            case "shared", "one" -> Layer.Bias.SHARED;
            default -> Layer.Bias.PER_NEURON;
        };
        Layer layer = new Layer(alias, act, param, s.in(), s.out(), bias);
        Init.byDefault(layer, k);
        if (st.init != null) st.init.apply(layer, k);
        st.net.add(layer);
        st.forgetPasses();
        if (st.x != null && k == 0 && st.x.kind() != nn.core.Value.Kind.MATRIX && st.x.size() != s.in()) st.x = null;
        String b = switch (bias) {
            case PER_NEURON -> ", b" + k + " has " + s.out();
            case SHARED -> ", b" + k + " is one bias shared by its neurons";
            case NONE -> ", no biases";
        };
        ctx.info("layer " + k + (alias != null ? " (" + alias + ")" : "") + ": " + act.id + " " + s.in() + "->" + s.out()
                + ", W" + k + " is " + s.out() + "×" + s.in() + b);
    }

    static void loss(Stmt.Command s, Args a, Context ctx) {
        State st = ctx.state();
        Word name = a.word("NAME");
        if (name == null) { // `loss` alone names E, as `show loss` does
            ctx.emit(new Output.Shown("E", Values.get(new Binding(Binding.Kind.LOSS, -1, -1, -1, false, "E"), st, s.pos()), st.precision, null));
            return;
        }
        Loss loss = Loss.byName(name.text());
        if (loss == null) {
            String hint = Suggest.hint(name.text(), Loss.names());
            throw new NnError(name.pos(), "unknown loss '" + name.text() + "'", hint != null ? hint : "losses: " + String.join(", ", Loss.names()));
        }
        boolean sum = a.choice("reduction", st.net.sums() ? "sum" : "mean").equals("sum");
        st.net.setLoss(loss);
        st.net.setSum(sum);
        st.forgetPasses();
        // PyTorch's per-element losses (MSELoss, BCELoss, BCEWithLogitsLoss) with reduction='sum' add up every element:
        // no 1/n over the outputs either
        String formula = sum && loss.perOutput() && loss.formula.contains("(1/n) ") ? loss.formula.replace("(1/n) ", "") : loss.formula;
        ctx.info("loss " + loss.id + ": " + formula + (a.has("reduction") ? " (a batch's loss is the " + (sum ? "sum" : "mean") + " over its examples)" : ""));
    }

    static void input(Stmt.Command s, Args a, Context ctx) { setInput(ctx.state(), literal(a.expr("VALUE"), ctx.state())); }

    static void target(Stmt.Command s, Args a, Context ctx) {
        State st = ctx.state();
        if (a.has("class")) {
            if (a.given("VALUE")) throw new NnError(a.pos("class", s.pos()), "give the target as numbers or as class=N, not both", null);
            long c = a.whole("class", 0);
            int n = st.net.outputSize();
            if (st.net.isEmpty()) throw new NnError(a.pos("class", s.pos()), "a class target needs the network's output layer, to know how many classes there are", "add the layers first");
            if (c >= n) throw new NnError(a.pos("class", s.pos()), "class " + c + " does not exist: the output layer has " + n + " neurons (classes 0 to " + (n - 1) + ")", null);
            double[] y = new double[n];
            y[(int) c] = 1;
            st.y = nn.core.Value.vector(y);
            if (st.pass != null) st.stale = true;
            ctx.info("y = class " + c + " (one-hot: " + Format.inline(st.y, 0) + "), as PyTorch's CrossEntropyLoss takes a class index");
            return;
        }
        if (!a.given("VALUE")) throw new NnError(s.pos(), "target needs a value, e.g. `target [0]`, or a class, `target class=2`", null);
        setTarget(st, literal(a.expr("VALUE"), st));
    }

    /** A value argument as numbers: a literal as written, or an expression's value. */
    static Literal literal(nn.lang.Expr e, State st) {
        if (e instanceof Literal l) return l;
        nn.core.Value v = Expressions.value(st, e);
        Literal.Form form = switch (v.kind()) {
            case SCALAR -> Literal.Form.SCALAR;
            case VECTOR -> Literal.Form.VECTOR;
            case MATRIX -> Literal.Form.MATRIX;
        };
        int[] d = new int[v.size()];
        java.util.Arrays.fill(d, -2);
        return new Literal(form, v.rows(), v.cols(), v.data().clone(), d, "value", e.pos());
    }

    /** x: a vector of the network's inputs (one example), a matrix with one example per row (a batch), or a number. */
    static void setInput(State st, Literal v) {
        int n = st.net.isEmpty() ? -1 : st.net.inputSize();
        st.x = example(v, n, "x", n < 0 ? null : "layer 0 takes " + n + " inputs");
        if (st.pass != null) st.stale = true;
    }

    static void setTarget(State st, Literal v) {
        int n = st.net.isEmpty() ? -1 : st.net.outputSize();
        st.y = example(v, n, "y", n < 0 ? null : "the output layer has " + n + " neuron" + (n == 1 ? "" : "s"));
        if (st.pass != null) st.stale = true;
    }

    /** One example (a vector of n, or a number when n is 1 or unknown) or a batch (a matrix of rows of n). */
    private static nn.core.Value example(Literal lit, int n, String what, String why) {
        if (lit.form() == Literal.Form.MATRIX && lit.rows() > 1 && lit.cols() > 1 || lit.form() == Literal.Form.MATRIX && n >= 0 && lit.cols() == n && lit.rows() > 1) {
            if (n >= 0 && lit.cols() != n) {
                throw new NnError(lit.pos(), what + " has rows of " + lit.cols() + " numbers but " + (why != null ? why : "the network takes " + n),
                        lit.rows() == n ? "one example per row: this looks transposed" : "write one example per row");
            }
            return nn.core.Value.matrix(lit.rows(), lit.cols(), lit.values());
        }
        if (lit.form() == Literal.Form.SCALAR && (n < 0 || n == 1)) return nn.core.Value.scalar(lit.scalar());
        return nn.core.Value.vector(Values.vector(lit, n, what, why));
    }

    /**
     * {@code NAME = VALUE}: a parameter, the input or the target is set to the value (an expression is evaluated
     * first: {@code W0 = W0 - 0.1 * dE/dW0}); any other name becomes the user's own value, a leaf of the graph
     * ({@code z = -4}), or is bound to an expression ({@code q = x + y}), computed now and again after every change.
     */
    static void assign(Stmt.Assign s, Args a, Context ctx) {
        State st = ctx.state();
        Ref ref = s.target();
        if (s.chain().size() > 1) {
            throw new NnError(s.chain().get(0).pos(), "a chain of equations (" + ref.text() + " = … = …) is checked by `check`, not assigned",
                    "keep the last part to set the value: " + ref.text() + " = " + Signature.text(s.value()));
        }
        nn.lang.Expr e = s.value();
        if (LEARNING_RATE.contains(ref.name()) && !ref.indexed()) {
            Literal v = literal(e, st);
            if (v.form() != Literal.Form.SCALAR) throw new NnError(v.pos(), "a learning rate is one number", null);
            st.lr = v.scalar();
            ctx.info("learning rate " + Format.plain(st.lr) + " for update, step and train");
            return;
        }
        java.util.Set<String> user = Names.userNames(st);
        if (user.contains(ref.name()) || Names.isUserName(ref.name(), st)) {
            assignUser(s, ref, e, ctx);
            return;
        }
        Binding b = Names.resolve(ref, st);
        if (b.gradient() || b.kind() == Binding.Kind.LOCAL) {
            throw new NnError(ref.pos(), b.label() + " is computed by backward; it cannot be assigned", null);
        }
        Literal v = literal(e, st);
        switch (b.kind()) {
            case INPUT -> {
                if (b.element()) st.x = setElement(ref, v, "x", st.x, b); else setInput(st, v);
                if (st.pass != null) st.stale = true;
            }
            case TARGET -> {
                if (b.element()) st.y = setElement(ref, v, "y", st.y, b); else setTarget(st, v);
                if (st.pass != null) st.stale = true;
            }
            case WEIGHTS, BIASES -> setParameter(st, b, v, ctx);
            case ACCURACY -> throw new NnError(ref.pos(), "accuracy is measured by evaluate; it cannot be assigned", "to check it, write `expect accuracy = ...`");
            default -> throw new NnError(ref.pos(), b.label() + " is computed by forward; it cannot be assigned",
                    "assign parameters (W0, b0, w100), the input x or the target y");
        }
        if (st.pass == null && !st.definitions.isEmpty()) Expressions.rebuild(st, w -> ctx.emit(new Output.Warning(s.pos(), w)));
    }

    /** The user's {@code name = value}: a leaf, an expression, or (when it uses the name itself) its new value. */
    private static void assignUser(Stmt.Assign s, Ref ref, nn.lang.Expr e, Context ctx) {
        State st = ctx.state();
        String name = ref.name();
        if (ref.indexed()) {
            nn.core.Value old = st.values.get(name);
            if (old == null) {
                throw new NnError(ref.pos(), name + (st.definitions.containsKey(name) ? " is computed from an expression; assign " + name + " itself" : " is not set yet, so its elements cannot be"), null);
            }
            Binding b = Binding.user(name, ref.index().get(0), ref.index().size() > 1 ? ref.index().get(1) : -1, ref.text());
            st.values.put(name, setElement(ref, literal(e, st), name, old, b));
        } else if (e instanceof Literal l) {
            st.values.put(name, Expressions.literal(l));
            st.definitions.remove(name);
        } else if (Expressions.references(e).contains(name)) {
            // q = q - 0.1 * df/dq: computed now from the current q, and kept as q's new value (a step by hand)
            nn.core.Value v = Expressions.value(st, e);
            st.values.put(name, v);
            st.definitions.remove(name);
            ctx.emit(new Output.Shown(name, v, st.precision, null));
        } else {
            java.util.List<String> cycle = Expressions.cycle(name, e, st.definitions);
            if (cycle != null) {
                throw new NnError(e.pos(), "a cycle: " + String.join(" uses ", cycle), "an expression may use only values that do not depend on it");
            }
            st.values.remove(name);
            st.definitions.put(name, e);
        }
        resetOptimizer(st, name, ref.text(), ctx);
        java.util.Map<String, String> failed = new java.util.LinkedHashMap<>();
        Expressions.rebuild(st, w -> failed.put(w.substring(0, w.indexOf(' ')), w));
        if (failed.containsKey(name)) {
            // the new expression itself does not compute: the statement fails (its error again, at its place)
            Expressions.define(Expressions.current(st).copy(), st, name, e);
        }
        for (String w : failed.values()) ctx.emit(new Output.Warning(s.pos(), w));
        if (st.definitions.containsKey(name)) ctx.emit(new Output.Shown(name, Expressions.current(st).node(name).value(), st.precision, null));
    }

    private static nn.core.Value setElement(Ref ref, Literal v, String name, nn.core.Value arr, Binding b) {
        if (arr == null) throw new NnError(ref.pos(), name + " is not set yet, so its elements cannot be", "set the whole " + name + " first");
        double[] d = arr.data().clone();
        int at;
        if (arr.kind() == nn.core.Value.Kind.MATRIX) {
            if (b.j() < 0) throw new NnError(ref.pos(), name + " is " + arr.describe() + ": write " + name + "[row, column]", null);
            if (b.i() >= arr.rows() || b.j() >= arr.cols()) throw new NnError(ref.pos(), "index out of range: " + name + " is " + arr.describe(), null);
            at = b.i() * arr.cols() + b.j();
        } else {
            int n = arr.size();
            if (b.j() >= 0) throw new NnError(ref.pos(), name + " is " + arr.describe() + ": it takes one index", null);
            if (b.i() >= n) {
                throw new NnError(ref.pos(), "index out of range: index " + b.i() + " of " + name + ", which has " + n + " (0 to " + (n - 1) + ")", null);
            }
            at = b.i();
        }
        d[at] = scalar(v, ref.text());
        return new nn.core.Value(arr.kind(), arr.rows(), arr.cols(), d);
    }

    private static double scalar(Literal v, String what) {
        if (v.size() != 1) throw new NnError(v.pos(), what + " is one number, but " + v.size() + " are given", null);
        return v.scalar();
    }

    private static void setParameter(State st, Binding b, Literal v, Context ctx) {
        Layer l = st.net.layer(b.layer());
        int k = b.layer();
        String shape = "layer " + k + " is " + l.activation.id + " " + l.in + "->" + l.out;
        if (b.kind() == Binding.Kind.WEIGHTS) {
            if (b.element()) {
                l.W[b.i() * l.in + b.j()] = scalar(v, b.label());
            } else {
                double[] w = Values.matrix(v, l.out, l.in, "W" + k, shape + ": W" + k + " has one row per neuron (" + l.out
                        + ") and one column per input (" + l.in + ")", ctx.out());
                System.arraycopy(w, 0, l.W, 0, w.length);
            }
        } else {
            if (!l.hasBias()) throw new NnError(v.pos(), "layer " + k + " has no biases (bias=false)", null);
            if (l.bias == Layer.Bias.SHARED) {
                l.b[0] = scalar(v, "b" + k + ", the layer's one shared bias,");
            } else if (b.element()) {
                l.b[b.i()] = scalar(v, b.label());
            } else {
                double[] bias = Values.vector(v, l.out, "b" + k, shape + ", one bias per neuron");
                System.arraycopy(bias, 0, l.b, 0, bias.length);
            }
        }
        if (st.pass != null) st.stale = true;
        resetOptimizer(st, (b.kind() == Binding.Kind.WEIGHTS ? "W" : "b") + k, b.label(), ctx);
    }

    /**
     * A parameter the optimizer keeps moments for was given a value: its moments belong to the old value, so the
     * optimizer starts afresh (as a new torch.optim optimizer would), and says so when it had state to lose.
     */
    static void resetOptimizer(State st, String slot, String label, Context ctx) {
        if (st.optimizer == null) return;
        if (!st.optimizer.slots().contains(slot)) return;
        OptimizerState had = st.optimizer;
        st.optimizer = null;
        if (!had.settings().name().equals("sgd")) {
            long n = had.optimizer().steps();
            ctx.info(label + " was assigned: the " + had.settings().name() + " state (" + n + " step" + (n == 1 ? "" : "s")
                    + ") is reset; the next update starts afresh");
        }
    }

    /** For error messages listing what was built. */
    static List<String> layerSummaries(State st) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < st.net.depth(); k++) out.add("layer " + k + ": " + st.net.layer(k).activation.id);
        return out;
    }
}
