package nn.session;

import nn.core.Value;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import nn.core.Activation;
import nn.core.Layer;
import nn.core.Loss;
import nn.lang.Literal;
import nn.lang.NnError;
import nn.lang.Ref;
import nn.lang.Stmt;
import nn.lang.Suggest;

/** Looking at values and checking them: show, expect, precision, trace, help. */
final class InspectCommands {
    private InspectCommands() { }

    /** The word after the names that asks for every element of a big value: {@code show W0 full}. */
    static final String FULL = "full";

    static void show(Stmt.Command s, Args a, Context ctx) {
        List<Ref> refs = a.refs("NAME");
        boolean full = false;
        // `show W0 full`: the last word, unless it names a value of the user's own (full = ...)
        if (refs.size() > 1) {
            Ref last = refs.get(refs.size() - 1);
            if (last.name().equals(FULL) && !last.indexed() && !last.derivative() && !ctx.state().definitions.containsKey(FULL)) {
                full = true;
                refs = refs.subList(0, refs.size() - 1);
            }
        }
        show(s.pos(), refs, true, full, ctx);
    }

    /** A value or expression on its own: a name is shown as `show` shows it, an expression with its value. */
    static void inspect(Stmt.Inspect s, Args a, Context ctx) {
        if (s.expr() instanceof Ref r) {
            show(s.pos(), List.of(r), true, false, ctx);
            return;
        }
        State st = ctx.state();
        ctx.emit(new Output.Shown(Signature.text(s.expr()).strip(), Expressions.value(st, s.expr()), st.precision, null));
    }

    private static void show(nn.lang.Pos pos, List<Ref> refs, boolean bareAllowed, boolean full, Context ctx) {
        State st = ctx.state();
        for (Ref r : refs) {
            if (r.name().equals("net") && !r.indexed()) {
                ctx.emit(netTable(st));
                continue;
            }
            if (ModelCommands.LEARNING_RATE.contains(r.name()) && st.lr != null) {
                ctx.emit(new Output.Shown(r.name(), Value.scalar(st.lr), st.precision, null));
                continue;
            }
            Binding b = resolveShown(pos, refs, r, st);
            Value v = Values.get(b, st, r.pos());
            ctx.emit(new Output.Shown(Values.label(b, st), v, st.precision, staleNote(b, st), full));
        }
    }

    /**
     * A name to show. A bare word at a statement's start that is no name but close to a statement ({@code forwrd})
     * was meant as that statement: say so rather than list names.
     */
    private static Binding resolveShown(nn.lang.Pos pos, List<Ref> refs, Ref r, State st) {
        try {
            return Names.resolve(r, st);
        } catch (NnError e) {
            boolean bare = refs.size() == 1 && pos.line() == r.pos().line() && pos.column() == r.pos().column();
            List<String> statements = Statements.keywords();
            String hint = bare && !r.indexed() && !r.derivative() ? Suggest.hint(r.name(), statements) : null;
            if (hint == null) throw e;
            throw new NnError(r.pos(), "unknown statement or name '" + r.text() + "'", hint);
        }
    }

    /** Values of the last passes, shown after the parameters changed, say so. */
    static String staleNote(Binding b, State st) {
        boolean recorded = b.gradient() || b.kind() == Binding.Kind.PRE || b.kind() == Binding.Kind.ACT
                || b.kind() == Binding.Kind.LOSS || b.kind() == Binding.Kind.LOCAL || b.kind() == Binding.Kind.USER && st.definitions.containsKey(b.user());
        return recorded && st.stale ? "computed before the parameters changed" : null;
    }

    /**
     * {@code show net}, as Keras' {@code model.summary()} gives it: each layer with its activation, its output shape
     * (one row per example: the batch's rows when x is a batch), its W and b and their parameter count; then the
     * total, how many of them train and how many are frozen, and the loss.
     */
    static Output.Table netTable(State st) {
        List<List<String>> rows = new ArrayList<>();
        String batch = st.x != null && st.x.kind() == Value.Kind.MATRIX ? st.x.rows() + "×" : "";
        long frozen = 0;
        for (int k = 0; k < st.net.depth(); k++) {
            Layer l = st.net.layer(k);
            String act = l.activation.id + (l.activation == Activation.LEAKY_RELU ? " (slope " + Format.plain(l.param) + ")" : "");
            rows.add(List.of(String.valueOf(k), l.name == null ? "" : l.name, act, l.in + "->" + l.out, batch + l.out,
                    l.out + "×" + l.in + (l.frozenW ? " (frozen)" : ""), l.out + (l.frozenB ? " (frozen)" : ""), String.valueOf(l.parameterCount())));
            if (l.frozenW) frozen += l.W.length;
            if (l.frozenB) frozen += l.b.length;
        }
        Loss loss = st.net.loss();
        long total = st.net.parameterCount();
        String footer = "total " + total + " parameters: " + (total - frozen) + " trainable, " + frozen + " frozen"
                + "\nloss " + loss.id + ": " + loss.formula;
        if (!st.lossHistory.isEmpty()) footer += "; last loss " + Format.number(st.lossHistory.get(st.lossHistory.size() - 1), Math.max(st.precision, 4));
        if (st.net.isEmpty()) footer = "no layers yet: add one with `layer relu 3->2`";
        return new Output.Table(List.of("layer", "name", "activation", "shape", "output", "W", "b", "params"), rows, footer);
    }

    // vars / whos (issue 17): every name with its shape and a few of its values

    /** Values shown of each name in {@code vars}: a few, as IPython's %whos and Octave's whos show. */
    static final int VARS_VALUES = 4;

    /**
     * {@code vars} (also {@code whos}): every name the session holds, in the order a worked example meets them (the
     * example, each layer's parameters, pre-activations and activations, the loss, the gradients, the user's own
     * values, the learning rate, the data sets), each with what it is, its shape and its first few values.
     */
    static void vars(Stmt.Command s, Args a, Context ctx) {
        State st = ctx.state();
        List<List<String>> rows = new ArrayList<>();
        java.util.function.BiConsumer<String, String> add = (name, kind) -> {
            Value v;
            try {
                v = Values.get(Names.resolve(new Ref(name, List.of(), name, s.pos()), st), st, s.pos());
            } catch (NnError e) {
                return; // not computed yet (no forward pass, no backward pass)
            }
            if (v == null) return;
            rows.add(List.of(name, kind, shape(v), few(v, st.precision)));
        };
        if (st.x != null) add.accept("x", "input");
        if (st.y != null) add.accept("y", "target");
        for (int k = 0; k < st.net.depth(); k++) {
            Layer l = st.net.layer(k);
            String layer = "layer " + k + (l.name == null ? "" : " (" + l.name + ")");
            add.accept("W" + k, layer + " weights" + (l.frozenW ? ", frozen" : ""));
            add.accept("b" + k, layer + " biases" + (l.frozenB ? ", frozen" : ""));
        }
        if (st.pass != null) {
            for (int k = 0; k < st.net.depth(); k++) {
                add.accept(Names.preName(st.net, k), "layer " + k + " pre-activation");
                add.accept(Names.actName(st.net, k), "layer " + k + " activation");
            }
            add.accept("E", "loss");
        }
        if (st.grads != null) {
            for (int k = 0; k < st.net.depth(); k++) {
                add.accept("dE/dW" + k, "gradient");
                add.accept("dE/db" + k, "gradient");
            }
        }
        for (String name : st.values.keySet()) add.accept(name, "value");
        for (String name : st.definitions.keySet()) add.accept(name, "expression");
        if (st.lr != null) rows.add(List.of("lr", "learning rate", "scalar", Format.number(st.lr, st.precision)));
        for (var e : st.datasets.entrySet()) {
            if (e.getValue() instanceof nn.core.DataSet d) {
                rows.add(List.of(e.getKey(), "data set", d.rows + " rows", d.inputs + " inputs -> " + d.outputs + " output" + (d.outputs == 1 ? "" : "s")));
            }
        }
        String footer = rows.isEmpty() ? "no names yet: start with `layer relu 3->2` or `x = [1, 2]`"
                : rows.size() + " name" + (rows.size() == 1 ? "" : "s") + "; `show NAME` for all of a value";
        ctx.emit(new Output.Table(List.of("name", "what", "shape", "values"), rows, footer));
    }

    private static String shape(Value v) {
        return switch (v.kind()) {
            case SCALAR -> "scalar";
            case VECTOR -> String.valueOf(v.size());
            default -> v.rows() + "×" + v.cols();
        };
    }

    /** The first few values, on one line: "0.2, -1.2, 0.9, -0.5, …" (a matrix row by row). */
    private static String few(Value v, int precision) {
        if (v.kind() == Value.Kind.SCALAR) return Format.number(v.scalar(), precision);
        double[] d = v.data();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < Math.min(VARS_VALUES, d.length); i++) parts.add(Format.number(d[i], precision));
        if (d.length > VARS_VALUES) parts.add("…");
        return String.join(", ", parts);
    }

    /** {@code ask NAME points=N}: outside grading, the value asked and what it is worth. */
    static void ask(Stmt.Command s, Args a, Context ctx) {
        Ref r = a.ref("NAME");
        State st = ctx.state();
        Binding b = Names.resolve(r, st);
        Value v = Values.get(b, st, r.pos());
        double points = a.number("points", 1);
        ctx.emit(new Output.Shown(Values.label(b, st), v, st.precision, "asked, " + Format.plain(points) + " point" + (points == 1 ? "" : "s")));
    }

    static void expect(Stmt.Expect s, Args args, Context ctx) {
        State st = ctx.state();
        Binding b;
        Value actual;
        String label;
        if (s.subject() instanceof Ref r) {
            boolean rate = ModelCommands.LEARNING_RATE.contains(r.name()) && !r.indexed() && st.lr != null;
            // the learning rate set by `μ = 0.1` is a session setting, not a network value: no binding, no hints
            b = rate ? null : Names.resolve(r, st);
            actual = rate ? Value.scalar(st.lr) : Values.get(b, st, r.pos());
            label = rate ? r.name() : Values.label(b, st);
        } else {
            b = null;
            actual = Expressions.value(st, s.subject());
            label = Signature.text(s.subject()).strip();
        }
        Literal lit = s.value();
        if (lit.size() != actual.size()) {
            throw new NnError(lit.pos(), label + " is " + actual.describe() + ", but " + lit.size() + " number" + (lit.size() == 1 ? " is" : "s are") + " expected", null);
        }
        if (actual.kind() == Value.Kind.MATRIX && lit.form() == Literal.Form.MATRIX && (lit.rows() != actual.rows() || lit.cols() != actual.cols())) {
            throw new NnError(lit.pos(), label + " is " + actual.describe() + ", not " + lit.rows() + "×" + lit.cols(), null);
        }
        Value expected = new Value(actual.kind(), actual.rows(), actual.cols(), lit.values().clone());
        double[] tol = new double[lit.size()];
        boolean passed = true;
        for (int i = 0; i < tol.length; i++) {
            tol[i] = s.tolerance() != null ? s.tolerance().scalar() : defaultTolerance(lit.decimals()[i], st.precision);
            double a = actual.get(i);
            double e = expected.get(i);
            boolean ok = switch (s.relation()) {
                case EQ -> Math.abs(a - e) <= tol[i] * (1 + 1e-9) + 1e-300;
                case LT -> a < e;
                case GT -> a > e;
                case LE -> a <= e;
                case GE -> a >= e;
            };
            passed &= ok;
        }
        List<String> hints = List.of();
        // hints name a learner's slip, computed and true for this value (nn.explain.Mistakes)
        if (!passed && b != null && s.relation() == Stmt.Relation.EQ) hints = ExplainCommands.hints(b, expected, actual, tol, st);
        if (!passed && s.relation() == Stmt.Relation.EQ && s.tolerance() == null) {
            String cut = truncated(lit, actual, tol);
            if (cut != null) hints = concat(hints, cut);
        }
        ctx.session().countExpect(passed);
        ctx.emit(new Output.Expectation(passed, s.pos(), label, s.relation().symbol, expected, actual, tol, st.precision, hints));
    }

    /**
     * "0.082 for 0.0825828": every number that misses is the value cut off after its decimals rather than rounded (as the
     * reference prints eq. 25 and 47). The hint says so and gives the rounded value; null when that is not the slip.
     */
    static String truncated(Literal lit, Value actual, double[] tol) {
        StringBuilder rounded = new StringBuilder();
        boolean cut = false;
        for (int i = 0; i < lit.size(); i++) {
            int d = lit.decimals()[i];
            double a = actual.get(i);
            if (!Double.isFinite(a)) return null;
            if (d < 0) { // a whole number (the 0 of h = [0.29, 0]) means that number: it must hold as it is
                if (!(Math.abs(a - lit.values()[i]) <= tol[i] * (1 + 1e-9) + 1e-300)) return null;
                if (i > 0) rounded.append(", ");
                rounded.append(Format.number(lit.values()[i], 6));
                continue;
            }
            BigDecimal written = new BigDecimal(lit.values()[i]).setScale(d, RoundingMode.HALF_EVEN);
            if (!(Math.abs(a - lit.values()[i]) <= tol[i] * (1 + 1e-9) + 1e-300)) { // this element failed: cut off?
                if (new BigDecimal(a).setScale(d, RoundingMode.DOWN).compareTo(written) != 0) return null;
                cut = true;
            }
            if (i > 0) rounded.append(", ");
            rounded.append(new BigDecimal(a).setScale(d, RoundingMode.HALF_UP).toPlainString());
        }
        if (!cut) return null;
        String r = lit.size() == 1 ? rounded.toString() : "[" + rounded + "]";
        return "matches the value cut off after the last digit written instead of rounded; rounded it is " + r;
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> l = new ArrayList<>(a);
        l.add(b);
        return List.copyOf(l);
    }

    /**
     * Half a unit of the last digit written (0.526 → ±0.0005), so numbers copied from course material pass as
     * printed. A whole number (0, 1) is checked to the display precision instead (±0.0005 at precision 3): a printed
     * "0" gradient means zero, not anything within ±0.5.
     */
    static double defaultTolerance(int decimals, int precision) {
        int d = decimals >= 0 ? decimals : precision;
        return 0.5 * Math.pow(10, -d);
    }

    static void precision(Stmt.Command s, Args a, Context ctx) {
        Literal d = a.value("DIGITS");
        double v = d.scalar();
        if (v != Math.rint(v) || v < 0 || v > 17) throw new NnError(d.pos(), "precision is a whole number of decimals from 0 to 17", null);
        ctx.state().precision = (int) v;
        ctx.info("values are shown with " + (int) v + " decimals");
    }

    static void trace(Stmt.Command s, Args a, Context ctx) {
        String m = a.word("MODE").text();
        ctx.state().trace = m.equals("on");
        ctx.info("trace " + m + (m.equals("on") ? ": forward, backward, update and step print every value they compute" : ""));
    }

    static void help(Stmt.Command s, Args a, Context ctx) {
        ctx.emit(new Output.Block(Help.text(a.word("TOPIC"), ctx.state())));
    }
}
