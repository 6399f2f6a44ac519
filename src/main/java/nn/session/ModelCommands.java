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
import nn.lang.Suggest;

/** Building the network and the example: layer, assignments, input, target, loss. */
final class ModelCommands {
    private ModelCommands() { }

    static final List<Command<?>> TABLE = List.of(
            Command.changes(Stmt.Layer.class, ModelCommands::layer),
            Command.changes(Stmt.Assign.class, ModelCommands::assign),
            Command.changes(Stmt.Input.class, (s, ctx) -> setInput(ctx.state(), s.value())),
            Command.changes(Stmt.Target.class, (s, ctx) -> setTarget(ctx.state(), s.value())),
            Command.changes(Stmt.Loss.class, ModelCommands::loss));

    /** Names a layer may not take: they already mean something. */
    private static final Set<String> RESERVED = Set.of("x", "y", "E", "input", "target", "loss", "net", "lr", "o_pre");

    /** Learning-rate names, as courses write them: {@code μ = 0.1}. */
    static final Set<String> LEARNING_RATE = Set.of("lr", "μ", "mu", "η", "eta", "alpha", "learning_rate");

    /** A layer of this many bytes of parameters is refused before anything is allocated. */
    static long memoryLimit() { return Runtime.getRuntime().maxMemory() / 4; }

    private static void layer(Stmt.Layer s, Context ctx) {
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
            throw new NnError(s.shapePos(), "a " + s.in() + "->" + s.out() + " layer is too large: its weights alone need " + Format.bytes(bytes)
                    + " (and training needs about three times that); this nn may use " + Format.bytes(Runtime.getRuntime().maxMemory()), "run java with a larger -Xmx, or use a smaller layer");
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
        double param = act == Activation.LEAKY_RELU ? Activation.DEFAULT_LEAKY_SLOPE : 0;
        for (Option o : s.options()) {
            if (o.key().equals("slope") && act == Activation.LEAKY_RELU && o.isNumber()) {
                param = o.number();
            } else {
                throw new NnError(o.pos(), "unknown option '" + o.key() + "' for layer",
                        act == Activation.LEAKY_RELU ? "leaky_relu takes slope=0.01" : "layer takes no options besides slope= for leaky_relu");
            }
        }
        Layer layer = new Layer(alias, act, param, s.in(), s.out());
        Init.byDefault(layer, k);
        LayerInit.apply(st, layer, k);
        st.net.add(layer);
        st.forgetPasses();
        if (st.x != null && k == 0 && st.x.length != s.in()) st.x = null;
        ctx.info("layer " + k + (alias != null ? " (" + alias + ")" : "") + ": " + act.id + " " + s.in() + "->" + s.out()
                + ", W" + k + " is " + s.out() + "×" + s.in() + ", b" + k + " has " + s.out());
    }

    private static void loss(Stmt.Loss s, Context ctx) {
        Loss loss = Loss.byName(s.name().text());
        if (loss == null) {
            String hint = Suggest.hint(s.name().text(), Loss.names());
            throw new NnError(s.name().pos(), "unknown loss '" + s.name().text() + "'", hint != null ? hint : "losses: " + String.join(", ", Loss.names()));
        }
        ctx.state().net.setLoss(loss);
        ctx.state().forgetPasses();
        ctx.info("loss " + loss.id + ": " + loss.formula);
    }

    static void setInput(State st, Literal v) {
        int n = st.net.isEmpty() ? -1 : st.net.inputSize();
        st.x = Values.vector(v, n, "x", n < 0 ? null : "layer 0 takes " + n + " inputs");
    }

    static void setTarget(State st, Literal v) {
        int n = st.net.isEmpty() ? -1 : st.net.outputSize();
        st.y = Values.vector(v, n, "y", n < 0 ? null : "the output layer has " + n + " neuron" + (n == 1 ? "" : "s"));
    }

    private static void assign(Stmt.Assign s, Context ctx) {
        State st = ctx.state();
        Ref ref = s.target();
        Literal v = s.value();
        if (LEARNING_RATE.contains(ref.name()) && !ref.indexed()) {
            if (v.form() != Literal.Form.SCALAR) throw new NnError(v.pos(), "a learning rate is one number", null);
            st.lr = v.scalar();
            ctx.info("learning rate " + Format.plain(st.lr) + " for update, step and train");
            return;
        }
        if (st.net.isEmpty() && (ref.name().equals("x") || ref.name().equals("input")) && !ref.indexed()) {
            setInput(st, v);
            return;
        }
        if (st.net.isEmpty() && (ref.name().equals("y") || ref.name().equals("target")) && !ref.indexed()) {
            setTarget(st, v);
            return;
        }
        Binding b = Names.resolve(ref, st.net);
        if (b.gradient() || b.kind() == Binding.Kind.LOCAL) {
            throw new NnError(ref.pos(), b.label() + " is computed by backward; it cannot be assigned", null);
        }
        switch (b.kind()) {
            case INPUT -> {
                if (b.element()) setElement(st, ref, v, "x", st.x, b.i()); else setInput(st, v);
            }
            case TARGET -> {
                if (b.element()) setElement(st, ref, v, "y", st.y, b.i()); else setTarget(st, v);
            }
            case WEIGHTS, BIASES -> setParameter(st, b, v, ctx);
            case ACCURACY -> throw new NnError(ref.pos(), "accuracy is measured by evaluate; it cannot be assigned", "to check it, write `expect accuracy = ...`");
            default -> throw new NnError(ref.pos(), b.label() + " is computed by forward; it cannot be assigned",
                    "assign parameters (W0, b0, w100), the input x or the target y");
        }
    }

    private static void setElement(State st, Ref ref, Literal v, String name, double[] arr, int i) {
        if (arr == null) throw new NnError(ref.pos(), name + " is not set yet, so its elements cannot be", "set the whole " + name + " first");
        if (i >= arr.length) {
            throw new NnError(ref.pos(), "index out of range: " + name + " has " + arr.length + " number" + (arr.length == 1 ? "" : "s") + " (0 to " + (arr.length - 1) + ")", null);
        }
        st.stale = st.pass != null;
        arr[i] = scalar(v, ref.text());
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
            if (b.element()) {
                l.b[b.i()] = scalar(v, b.label());
            } else {
                double[] bias = Values.vector(v, l.out, "b" + k, shape + ", one bias per neuron");
                System.arraycopy(bias, 0, l.b, 0, bias.length);
            }
        }
        if (st.pass != null) st.stale = true;
    }

    /** For error messages listing what was built. */
    static List<String> layerSummaries(State st) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < st.net.depth(); k++) out.add("layer " + k + ": " + st.net.layer(k).activation.id);
        return out;
    }
}
