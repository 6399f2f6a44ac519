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

    static final List<Command<?>> TABLE = List.of(
            Command.reads(Stmt.Show.class, InspectCommands::show),
            Command.reads(Stmt.Expect.class, InspectCommands::expect),
            Command.changes(Stmt.Precision.class, InspectCommands::precision),
            Command.changes(Stmt.Trace.class, InspectCommands::trace),
            Command.reads(Stmt.Help.class, InspectCommands::help));

    private static void show(Stmt.Show s, Context ctx) {
        State st = ctx.state();
        for (Ref r : s.refs()) {
            if (r.name().equals("net") && !r.indexed()) {
                ctx.emit(netTable(st));
                continue;
            }
            if (ModelCommands.LEARNING_RATE.contains(r.name()) && st.lr != null) {
                ctx.emit(new Output.Shown(r.name(), Value.scalar(st.lr), st.precision, null));
                continue;
            }
            Binding b = resolveShown(s, r, st);
            Value v = Values.get(b, st, r.pos());
            ctx.emit(new Output.Shown(b.label(), v, st.precision, staleNote(b, st)));
        }
    }

    /**
     * A name to show. A bare word at a statement's start that is no name but close to a statement ({@code forwrd})
     * was meant as that statement: say so rather than list names.
     */
    private static Binding resolveShown(Stmt.Show s, Ref r, State st) {
        try {
            return Names.resolve(r, st.net);
        } catch (NnError e) {
            boolean bare = s.refs().size() == 1 && s.pos().line() == r.pos().line() && s.pos().column() == r.pos().column();
            List<String> statements = new ArrayList<>(StatementTable.keywords());
            statements.add("quit");
            String hint = bare && !r.indexed() && !r.derivative() ? Suggest.hint(r.name(), statements) : null;
            if (hint == null) throw e;
            throw new NnError(r.pos(), "unknown statement or name '" + r.text() + "'", hint);
        }
    }

    /** Values of the last passes, shown after the parameters changed, say so. */
    static String staleNote(Binding b, State st) {
        boolean recorded = b.gradient() || b.kind() == Binding.Kind.PRE || b.kind() == Binding.Kind.ACT
                || b.kind() == Binding.Kind.LOSS || b.kind() == Binding.Kind.LOCAL;
        return recorded && st.stale ? "computed before the parameters changed" : null;
    }

    static Output.Table netTable(State st) {
        List<List<String>> rows = new ArrayList<>();
        for (int k = 0; k < st.net.depth(); k++) {
            Layer l = st.net.layer(k);
            String act = l.activation.id + (l.activation == Activation.LEAKY_RELU ? " (slope " + Format.plain(l.param) + ")" : "");
            rows.add(List.of(String.valueOf(k), l.name == null ? "" : l.name, act, l.in + "->" + l.out,
                    l.out + "×" + l.in + (l.frozenW ? " (frozen)" : ""), l.out + (l.frozenB ? " (frozen)" : ""), String.valueOf(l.parameterCount())));
        }
        Loss loss = st.net.loss();
        String footer = "total " + st.net.parameterCount() + " parameters; loss " + loss.id + " (" + loss.formula + ")";
        if (!st.lossHistory.isEmpty()) footer += "; last loss " + Format.number(st.lossHistory.get(st.lossHistory.size() - 1), Math.max(st.precision, 4));
        if (st.net.isEmpty()) footer = "no layers yet: add one with `layer relu 3->2`";
        return new Output.Table(List.of("layer", "name", "activation", "shape", "W", "b", "params"), rows, footer);
    }

    private static void expect(Stmt.Expect s, Context ctx) {
        State st = ctx.state();
        Ref r = s.ref();
        boolean rate = ModelCommands.LEARNING_RATE.contains(r.name()) && !r.indexed() && st.lr != null;
        // the learning rate set by `μ = 0.1` is a session setting, not a network value: no binding, no hints
        Binding b = rate ? null : Names.resolve(r, st.net);
        Value actual = rate ? Value.scalar(st.lr) : Values.get(b, st, r.pos());
        String label = rate ? r.name() : b.label();
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

    private static void precision(Stmt.Precision s, Context ctx) {
        Literal d = s.digits();
        double v = d.scalar();
        if (v != Math.rint(v) || v < 0 || v > 17) throw new NnError(d.pos(), "precision is a whole number of decimals from 0 to 17", null);
        ctx.state().precision = (int) v;
        ctx.info("values are shown with " + (int) v + " decimals");
    }

    private static void trace(Stmt.Trace s, Context ctx) {
        String m = s.mode().text();
        if (!m.equals("on") && !m.equals("off")) throw new NnError(s.mode().pos(), "trace is `trace on` or `trace off`", null);
        ctx.state().trace = m.equals("on");
        ctx.info("trace " + m + (m.equals("on") ? ": forward, backward, update and step print every value they compute" : ""));
    }

    private static void help(Stmt.Help s, Context ctx) {
        StringBuilder b = new StringBuilder();
        if (s.topic() == null) {
            b.append("Statements (help STATEMENT for syntax and an example):\n");
            int w = 0;
            for (StatementTable.Entry e : StatementTable.ENTRIES) w = Math.max(w, e.keyword().length());
            for (StatementTable.Entry e : StatementTable.ENTRIES) {
                String k = e.keyword().equals("=") ? "NAME = VALUE" : e.keyword();
                b.append(String.format("  %-" + Math.max(w, 12) + "s  %s%n", k, e.summary()));
            }
            b.append("Also: help names, help activations, help losses, help values");
            ctx.emit(new Output.Block(b.toString()));
            return;
        }
        String t = s.topic().text();
        switch (t) {
            case "names" -> {
                b.append("Names (this network): ").append(String.join(", ", Names.all(ctx.state().net).stream().limit(40).toList()));
                b.append("\nW{k}, b{k}: layer k's weights and biases; w{k}{i}{j}: weight of neuron i from input j; b{k}{i}\n");
                b.append("z{k}/a{k} (or NAME_pre/NAME for a layer `as NAME`): pre-activation and activation; o_pre, o: the output layer's\n");
                b.append("E: the loss; x, y: input and target; dE/dNAME: any gradient; NAME[i], W0[i,j]: elements; do/do_pre: local derivatives\n");
                b.append("accuracy: the share of rows classified right on the data set last evaluated (`evaluate xor`)");
            }
            case "activations" -> {
                for (Activation a : Activation.values()) b.append(String.format("  %-11s %s   derivative: %s%n", a.id, a.formula, a.derivativeFormula));
                b.setLength(b.length() - 1);
            }
            case "losses", "loss" -> {
                for (Loss l : Loss.values()) b.append(String.format("  %-14s %s   %s%n", l.id, l.formula, l.gradientFormula));
                b.setLength(b.length() - 1);
            }
            case "values" -> b.append("Numbers: 0.5  .5  -1.2  −1.2  1e-3  7/10\n")
                    .append("Vectors: [0.9, 0.2, 0.5]  [0.9 0.2 0.5]  [0.9; 0.2; 0.5] (column)\n")
                    .append("Matrices (one row per neuron): [[0.2, -1.2, 0.9], [-0.5, -1.2, 0.3]]  [0.2 -1.2 0.9; -0.5 -1.2 0.3]\n")
                    .append("  \\begin{bmatrix} 0.2 & -1.2 & 0.9 \\\\ -0.5 & -1.2 & 0.3 \\end{bmatrix}   (brackets may span lines)");
            default -> {
                StatementTable.Entry e = StatementTable.find(t);
                if (e == null) {
                    List<String> topics = new ArrayList<>(StatementTable.keywords());
                    topics.addAll(StatementTable.HELP_TOPICS);
                    throw new NnError(s.topic().pos(), "no help for '" + t + "'", Suggest.hint(t, topics));
                }
                b.append(e.syntax()).append("\n  ").append(e.summary()).append("\n  example: ").append(e.example());
            }
        }
        ctx.emit(new Output.Block(b.toString()));
    }
}
