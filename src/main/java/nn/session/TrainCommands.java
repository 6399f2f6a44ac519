package nn.session;

import nn.core.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import nn.core.DataSet;
import nn.core.Evaluation;
import nn.core.ForwardPass;
import nn.core.GradCheck;
import nn.core.Layer;
import nn.core.LossCurve;
import nn.explain.Chart;
import nn.explain.ChartScene;
import nn.explain.ChartText;
import nn.lang.Literal;
import nn.lang.NnError;
import nn.lang.Option;
import nn.lang.Ref;
import nn.lang.Stmt;

/** init, data, train, freeze, unfreeze, evaluate, predict, plot, gradcheck, save (the training feature). */
final class TrainCommands {
    private TrainCommands() { }

    // ---- freeze / unfreeze ----

    static void freeze(List<Ref> refs, boolean frozen, Context ctx, nn.lang.Pos pos) {
        State st = ctx.state();
        if (st.net.isEmpty()) throw new NnError(pos, "there is no network yet", "add layers first");
        List<String> changed = new ArrayList<>();
        if (refs.isEmpty()) {
            for (int k = 0; k < st.net.depth(); k++) {
                Layer l = st.net.layer(k);
                l.frozenW = frozen;
                l.frozenB = frozen;
            }
            changed.add("every parameter");
        }
        for (Ref r : refs) {
            Binding b = Names.resolve(r, st);
            if (b.gradient() || b.element()) {
                throw new NnError(r.pos(), (frozen ? "freeze" : "unfreeze") + " works on whole parameters, not " + b.label(), "e.g. freeze W0 b0, or a layer's name to freeze both");
            }
            Layer l = b.layer() >= 0 ? st.net.layer(b.layer()) : null;
            switch (b.kind()) {
                case WEIGHTS -> l.frozenW = frozen;
                case BIASES -> l.frozenB = frozen;
                case ACT -> {
                    l.frozenW = frozen;
                    l.frozenB = frozen;
                }
                default -> throw new NnError(r.pos(), b.label() + " is not a parameter", "freeze takes parameters (W0, b1) or a layer's name");
            }
            changed.add(b.kind() == Binding.Kind.ACT ? "W" + b.layer() + ", b" + b.layer() : b.label());
        }
        ctx.info((frozen ? "frozen: " : "unfrozen: ") + String.join(", ", changed)
                + (frozen ? " (update, step and train leave " + (changed.size() == 1 && !refs.isEmpty() && !changed.get(0).contains(",") ? "it" : "them") + " as they are)" : ""));
    }

    // ---- evaluate ----

    static void evaluate(Stmt.Command s, Args a, Context ctx) {
        State st = ctx.state();
        if (st.net.isEmpty()) throw new NnError(s.pos(), "there is no network to evaluate", "add layers first");
        nn.lang.Word data = a.word("DATA");
        DataSet d = TrainCommand.dataSet(data, s.pos(), st, "evaluate");
        Evaluation e = Evaluation.of(st.net, d);
        int p = Math.max(st.precision, 4);
        String of = data == null ? "the current example" : data.text();
        ctx.emit(new Output.Shown("loss", Value.scalar(e.meanLoss()), p, "mean " + st.net.loss().id + " over " + e.rows() + " row" + (e.rows() == 1 ? "" : "s") + " of " + of));
        if (e.classification()) {
            ctx.emit(new Output.Shown("accuracy", Value.scalar(e.accuracy()), p, e.correct() + " of " + e.rows() + " classified correctly"));
            if (data != null) st.evaluated = data.text(); // class labels: `accuracy` now measures on this set
        }
        // every number evaluate prints has a name: loss (until the next forward pass), loss_DATA, accuracy_DATA
        String set = data == null ? "example" : data.text();
        st.evaluations.put(set, e);
        st.evaluatedLast = set;
    }

    // ---- predict ----

    static void predict(Stmt.Command s, Args a, Context ctx) {
        State st = ctx.state();
        if (st.net.isEmpty()) throw new NnError(s.pos(), "there is no network yet", "add layers first");
        Literal v = a.value("VALUE");
        int n = st.net.inputSize();
        String label = Names.actName(st.net, st.net.depth() - 1);
        if (v.form() == Literal.Form.MATRIX && v.cols() == n && v.rows() > 1) {
            List<List<String>> rows = new ArrayList<>();
            for (int r = 0; r < v.rows(); r++) {
                double[] x = java.util.Arrays.copyOfRange(v.values(), r * n, (r + 1) * n);
                double[] o = output(st, x, s);
                rows.add(List.of(vectorText(x, st.precision), vectorText(o, st.precision)));
            }
            ctx.emit(new Output.Table(List.of("x", label), rows, null));
            return;
        }
        double[] x = Values.vector(v, n, "the input", "layer 0 takes " + n + " input" + (n == 1 ? "" : "s"));
        double[] o = output(st, x, s);
        String note = o.length > 1 ? "largest: " + label + "[" + DataSet.predictedClass(o, 0, o.length) + "]" : null;
        ctx.emit(new Output.Shown(label, Value.vector(o), st.precision, note));
    }

    private static String vectorText(double[] v, int precision) {
        List<String> parts = new ArrayList<>();
        for (double d : v) parts.add(Format.number(d, precision));
        return "[" + String.join(", ", parts) + "]";
    }

    private static double[] output(State st, double[] x, Stmt.Command s) {
        ForwardPass p = st.net.forward(x, null);
        Numerics.checkForward(p, s.pos());
        return p.output();
    }

    // ---- plot ----

    static void plot(Stmt.Command s, Args a, Context ctx) {
        State st = ctx.state();
        LossCurve c = st.curve;
        if (c == null || c.isEmpty()) {
            throw new NnError(s.pos(), "there is no loss to plot yet", "train first, e.g. `" + TrainCommand.EXAMPLE + "`");
        }
        Chart.Scale scale = a.flag("log") ? Chart.Scale.LOG : a.flag("linear") ? Chart.Scale.LINEAR
                : switch (a.choice("scale", "auto")) {
                    case "log" -> Chart.Scale.LOG;
                    case "linear" -> Chart.Scale.LINEAR;
                    default -> Chart.Scale.AUTO;
                };
        if (a.flag("log") && a.flag("linear")) throw new NnError(s.pos(), "the loss axis is log or linear, not both", null);
        // the test curve when train had test= (and some of its kept epochs were measured): a second curve, a legend
        LossCurve t = st.testCurve;
        boolean tested = t != null && java.util.Arrays.stream(t.losses()).anyMatch(Double::isFinite);
        Chart chart = tested ? Chart.loss(c.epochs(), c.losses(), t.epochs(), t.losses(), scale) : Chart.loss(c.epochs(), c.losses(), scale);
        nn.lang.Str file = a.file("FILE");
        if (file == null) {
            ctx.emit(new Output.Drawing((width, unicode) -> ChartText.render(chart, width, 10, unicode), () -> ChartScene.svg(chart)));
            return;
        }
        String name = file.text();
        String lower = name.toLowerCase();
        byte[] bytes;
        if (lower.endsWith(".svg")) {
            bytes = ChartScene.svg(chart).getBytes(StandardCharsets.UTF_8);
        } else if (lower.endsWith(".png")) {
            try {
                bytes = ChartScene.png(chart);
            } catch (IOException | RuntimeException | LinkageError e) {
                throw SourceFiles.io(file.pos(), "cannot draw a PNG here (" + e.getMessage() + ")", "write an SVG instead: plot loss \"loss.svg\"");
            }
        } else {
            throw new NnError(file.pos(), "plot writes .svg or .png files", "e.g. plot loss \"loss.svg\"");
        }
        Path target = OutputFiles.resolve(name, file.pos());
        OutputFiles.write(target, bytes, file.pos());
        ctx.info("wrote the " + (tested ? "train and test loss" : "loss") + " of " + c.total() + " epoch" + (c.total() == 1 ? "" : "s") + " to " + name);
    }

    // ---- gradcheck ----

    static void gradcheck(Stmt.Command s, Args o, Context ctx) {
        State st = ctx.state();
        if (st.backward != null && o.word("DATA") == null && !o.has("data") && (st.net.isEmpty() || !st.backward.root().equals(st.backward.graph().node("E")))) {
            graphCheck(s, o, ctx);
            return;
        }
        if (st.net.isEmpty()) {
            throw new NnError(s.pos(), "there is nothing to check", st.values.isEmpty() ? "add layers first, or write an expression and run `backward` on it"
                    : "run `backward NAME` first: gradcheck checks the gradients of the last backward");
        }
        nn.lang.Word dataName = o.word("DATA");
        if (dataName == null && o.has("data")) dataName = new nn.lang.Word(o.choice("data", null), o.pos("data", s.pos()));
        double h = o.number("h", GradCheck.DEFAULT_H);
        double tol = o.number("tolerance", GradCheck.DEFAULT_TOLERANCE);
        int max = (int) o.whole("max", 2000);
        DataSet d = TrainCommand.dataSet(dataName, s.pos(), st, "gradcheck");
        if (d.rows > 256) d = new DataSet(256, d.inputs, d.outputs, java.util.Arrays.copyOf(d.X, 256 * d.inputs), java.util.Arrays.copyOf(d.Y, 256 * d.outputs), d.classes);
        GradCheck.Report r = GradCheck.run(st.net, d, h, max, 0);
        List<GradCheck.Entry> shown = new ArrayList<>(r.entries());
        if (shown.size() > 12) {
            shown.sort(Comparator.comparingDouble(GradCheck.Entry::error).reversed());
            shown = new ArrayList<>(shown.subList(0, 12));
        }
        List<List<String>> rows = new ArrayList<>();
        for (GradCheck.Entry e : shown) {
            rows.add(List.of(name(e), Format.scientific(e.backprop(), 6), Format.scientific(e.numeric(), 6), Format.scientific(e.error(), 2),
                    e.kink() ? "at a ReLU kink" : e.error() > tol ? "MISMATCH" : "ok"));
        }
        GradCheck.Entry worst = r.worst();
        String on = dataName == null ? "the current example" : "the first " + d.rows + " rows of " + dataName.text();
        String footer = r.entries().size() + " of " + r.parameters() + " parameters checked on " + on + " (h = " + Format.scientific(h, 3) + ")"
                + (worst == null ? "" : "; worst relative error " + Format.scientific(worst.error(), 2) + " at " + name(worst))
                + (r.entries().size() > shown.size() ? "; the " + shown.size() + " largest errors are listed" : "");
        ctx.emit(new Output.Table(List.of("gradient", "backprop", "numeric", "rel. error", ""), rows, footer));
        if (r.kinks() > 0) {
            ctx.emit(new Output.Warning(s.pos(), r.kinks() + " parameter" + (r.kinks() == 1 ? "" : "s") + " sit at a ReLU kink (a pre-activation changes sign within ±h): "
                    + "the finite difference is not a derivative there, so they are left out of the verdict"));
        }
        if (worst != null && worst.error() > tol) {
            throw new NnError(s.pos(), "gradcheck failed: relative error " + Format.scientific(worst.error(), 2) + " at " + name(worst) + " exceeds " + Format.scientific(tol, 3),
                    "backprop gives " + Format.scientific(worst.backprop(), 6) + ", the finite difference " + Format.scientific(worst.numeric(), 6));
        }
        ctx.info("gradcheck passed: every gradient agrees with its finite difference within " + Format.scientific(tol, 3));
    }

    static final double GRAPH_H = 1e-5;

    /** gradcheck after `backward f` of the user's graph: df/dLEAF for every element of every value f depends on. */
    private static void graphCheck(Stmt.Command s, Args o, Context ctx) {
        State st = ctx.state();
        // expressions are evaluated exactly once per difference, not through a network's saturating units: a smaller
        // step keeps the O(h²) error of a cubic well under the tolerance (micrograd's b³ at h = 1e-3 comes to 8e-6)
        double h = o.has("h") ? o.number("h", GRAPH_H) : GRAPH_H;
        double tol = o.number("tolerance", GradCheck.DEFAULT_TOLERANCE);
        int max = (int) o.whole("max", 2000);
        nn.core.graph.Backward bw = st.backward;
        String root = bw.root().name != null ? bw.root().name : "f";
        List<nn.core.graph.GraphCheck.Entry> all = nn.core.graph.GraphCheck.run(bw, h, max);
        if (all.isEmpty()) throw new NnError(s.pos(), root + " depends on no value of yours", "gradcheck checks d" + root + "/dNAME for the values the last backward reached");
        List<List<String>> rows = new ArrayList<>();
        nn.core.graph.GraphCheck.Entry worst = null;
        int kinks = 0;
        for (var e : all) {
            if (e.kink()) kinks++;
            else if (worst == null || e.error() > worst.error()) worst = e;
        }
        List<nn.core.graph.GraphCheck.Entry> shown = new ArrayList<>(all);
        if (shown.size() > 12) {
            shown.sort(Comparator.comparingDouble(nn.core.graph.GraphCheck.Entry::error).reversed());
            shown = new ArrayList<>(shown.subList(0, 12));
        }
        for (var e : shown) {
            nn.core.Value v = st.values.get(e.leaf());
            String at = v == null || v.size() == 1 ? "" : v.kind() == nn.core.Value.Kind.MATRIX ? "[" + e.index() / v.cols() + "," + e.index() % v.cols() + "]" : "[" + e.index() + "]";
            rows.add(List.of("d" + root + "/d" + e.leaf() + at, Format.scientific(e.backprop(), 6), Format.scientific(e.numeric(), 6), Format.scientific(e.error(), 2),
                    e.kink() ? "at a kink" : e.error() > tol ? "MISMATCH" : "ok"));
        }
        String footer = all.size() + " gradient" + (all.size() == 1 ? "" : "s") + " of " + root + " checked (h = " + Format.scientific(h, 3) + ")"
                + (worst == null ? "" : "; worst relative error " + Format.scientific(worst.error(), 2))
                + (all.size() > shown.size() ? "; the " + shown.size() + " largest errors are listed" : "");
        ctx.emit(new Output.Table(List.of("gradient", "backprop", "numeric", "rel. error", ""), rows, footer));
        if (kinks > 0) {
            ctx.emit(new Output.Warning(s.pos(), kinks + (kinks == 1 ? " value sits" : " values sit") + " at a kink (relu or abs at 0, max at a tie): "
                    + "the finite difference is not a derivative there, so they are left out of the verdict"));
        }
        if (worst != null && worst.error() > tol) {
            throw new NnError(s.pos(), "gradcheck failed: relative error " + Format.scientific(worst.error(), 2) + " at d" + root + "/d" + worst.leaf() + " exceeds " + Format.scientific(tol, 3),
                    "backprop gives " + Format.scientific(worst.backprop(), 6) + ", the finite difference " + Format.scientific(worst.numeric(), 6));
        }
        ctx.info("gradcheck passed: every gradient of " + root + " agrees with its finite difference within " + Format.scientific(tol, 3));
    }

    /** dE/dw012 as the reference writes it (dE/dW0[1,2] for indices past 9). */
    private static String name(GradCheck.Entry e) {
        boolean small = e.layer() <= 9 && e.i() <= 9 && e.j() <= 9;
        if (e.weight()) return "dE/d" + (small ? "w" + e.layer() + e.i() + e.j() : "W" + e.layer() + "[" + e.i() + "," + e.j() + "]");
        return "dE/d" + (small ? "b" + e.layer() + e.i() : "b" + e.layer() + "[" + e.i() + "]");
    }
}
