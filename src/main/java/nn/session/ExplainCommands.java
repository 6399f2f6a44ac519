package nn.session;

import nn.core.Value;
import java.util.ArrayList;
import java.util.List;
import nn.core.ForwardPass;
import nn.core.Gradients;
import nn.core.Network;
import nn.explain.ChainRule;
import nn.explain.Derivations;
import nn.explain.Equation;
import nn.explain.Explanations;
import nn.explain.Figure;
import nn.explain.NetDiagram;
import nn.explain.GraphPicture;
import nn.explain.GraphSvg;
import nn.explain.Graphs;
import nn.explain.NetPicture;
import nn.explain.NetSvg;
import nn.explain.Notation;
import nn.explain.Part;
import nn.explain.Quantity;
import nn.explain.TextMath;
import nn.explain.Trace;
import nn.explain.Updates;
import nn.explain.Vocabulary;
import nn.explain.Words;
import nn.lang.NnError;
import nn.lang.Pos;
import nn.lang.Stmt;

/**
 * explain, draw, export, trace output and expect hints (the explanations feature). The math is written by
 * nn.explain from the values the passes recorded; this class turns names into quantities, checks that what is
 * asked for has been computed, and hands the results to the renderer.
 */
final class ExplainCommands {
    private ExplainCommands() { }

    // ---- shared with draw, export and hints ----

    /** The network's names (its layer aliases, a0/z0 or o/o_pre) for the equations. */
    static Vocabulary vocabulary(Network net) {
        List<String> act = new ArrayList<>();
        List<String> pre = new ArrayList<>();
        for (int k = 0; k < net.depth(); k++) {
            act.add(Names.actName(net, k));
            pre.add(Names.preName(net, k));
        }
        return new Vocabulary(net, act, pre);
    }

    static Notation notation(State st) { return new Notation(st.precision, Format::number); }

    static Output.Math block(List<Part> parts, State st) { return new Output.Math(List.copyOf(parts), notation(st)); }

    /** A binding as the explain package names it. */
    static Quantity quantity(Binding b) {
        Quantity.Kind kind = switch (b.kind()) {
            case INPUT -> Quantity.Kind.INPUT;
            case WEIGHTS -> Quantity.Kind.WEIGHT;
            case BIASES -> Quantity.Kind.BIAS;
            case PRE -> Quantity.Kind.PRE;
            case ACT -> Quantity.Kind.ACT;
            case LOSS -> Quantity.Kind.LOSS;
            default -> null;
        };
        return kind == null ? null : new Quantity(kind, b.layer(), b.i(), b.j());
    }

    // ---- explain ----

    static void explain(Stmt.Command s, Args a, Context ctx) {
        State st = ctx.state();
        nn.lang.Ref ref = a.ref("NAME");
        Pos pos = ref.pos();
        Binding b = Names.resolve(ref, st);
        if (b.kind() == Binding.Kind.USER || b.gradient() && !b.root().equals("E")) {
            GraphExplain.explain(b, ref, a.given("update"), ctx);
            return;
        }
        if (st.net.isEmpty()) throw new NnError(pos, "there is no network to explain yet", "add layers first, e.g. `layer relu 3->2`");
        if (b.element() && (b.gradient() ? st.grads != null : st.pass != null || b.parameter())) Values.get(b, st, pos); // the index is in range
        boolean rowed = b.kind() == Binding.Kind.PRE || b.kind() == Binding.Kind.ACT || b.kind() == Binding.Kind.INPUT || b.kind() == Binding.Kind.TARGET;
        if (rowed && b.j() >= 0 && (st.pass == null || !st.pass.batch())) {
            throw new NnError(pos, ref.text().substring(0, Math.max(1, ref.text().indexOf('['))) + " is a vector: it takes one index", null);
        }
        if (st.pass != null && st.pass.batch() && !a.given("update") && b.kind() != Binding.Kind.WEIGHTS && b.kind() != Binding.Kind.BIASES) {
            BatchExplain.explain(b, ref, ctx);
            return;
        }
        if (a.given("update")) {
            explainUpdate(b, pos, ctx);
            return;
        }
        List<Part> parts = new ArrayList<>();
        if (b.gradient()) {
            Gradients g = st.grads;
            if (g == null) {
                throw new NnError(pos, b.label() + " is not computed yet", st.pass == null ? "run `forward` then `backward` (or `step lr=...`)"
                        : st.lastUpdate != null && st.lastUpdate.grads().pass() != st.pass ? "the last forward pass has no backward yet: run `backward`" : "run `backward` first");
            }
            if (st.stale) parts.add(Part.prose("(From the last backward pass, with the parameters as they were then.)"));
            if (g.pass().batch() && (b.kind() == Binding.Kind.WEIGHTS || b.kind() == Binding.Kind.BIASES)) {
                parts.addAll(batchGradient(b, g, st));
                ctx.emit(block(parts, st));
                return;
            }
            Derivations d = new Derivations(g.pass(), g, vocabulary(g.pass().net()), notation(st), false);
            parts.addAll(Explanations.gradient(d, quantity(b)));
            ctx.emit(block(parts, st));
            return;
        }
        switch (b.kind()) {
            case PRE, ACT, LOSS, LOCAL -> {
                ForwardPass p = st.pass;
                if (p == null) throw new NnError(pos, b.label() + " is not computed yet", "run `forward` (or `step lr=...`) first");
                if (b.kind() == Binding.Kind.LOSS && !p.hasLoss()) {
                    throw new NnError(pos, "E is not computed: the last forward pass had no target", "set `target [...]` and run forward again");
                }
                if (st.stale) parts.add(Part.prose("(From the last forward pass, with the parameters as they were then.)"));
                Derivations d = new Derivations(p, null, vocabulary(p.net()), notation(st), false);
                if (b.kind() == Binding.Kind.LOCAL) parts.add(localDerivatives(d, b, pos));
                else parts.addAll(Explanations.value(d, quantity(b)));
            }
            case INPUT, TARGET -> parts.add(Part.prose(b.label() + " = " + Format.inline(Values.get(b, st, pos), st.precision)
                    + " is " + (b.kind() == Binding.Kind.INPUT ? "the input" : "the target") + ": given, not computed. "
                    + (b.kind() == Binding.Kind.INPUT ? "Its gradient: `explain dE/dx`." : "It enters the loss E: `explain E`.")));
            case WEIGHTS, BIASES -> {
                Vocabulary v = vocabulary(st.net);
                Quantity q = quantity(b);
                String name = q.element() ? (q.kind() == Quantity.Kind.WEIGHT ? v.weight(q.layer(), q.i(), q.j()) : v.bias(q.layer(), q.i())).text() : b.label();
                parts.add(Part.prose(name + " = " + Format.inline(Values.get(b, st, pos), st.precision)
                        + " is a parameter: set (or initialised), not computed. Its gradient: `explain dE/d" + name + "`."));
                if (st.lastUpdate != null) {
                    parts.add(Part.prose("The last update changed it:"));
                    parts.addAll(updates(st).explain(q));
                }
            }
            case ACCURACY -> {
                nn.core.Evaluation e = Values.accuracy(st, pos);
                boolean one = st.net.outputSize() == 1;
                parts.add(Part.prose("accuracy = " + e.correct() + "/" + e.rows() + " = " + Format.inline(Value.scalar(e.accuracy()), Math.max(st.precision, 4))
                        + ": of the " + e.rows() + " rows of " + st.evaluated + ", the network classifies " + e.correct() + " correctly with its parameters as they are now. "
                        + (one ? "With one output, a row counts as class 1 when o ≥ 0.5, else class 0, and is right when that is its target's class."
                                : "A row's predicted class is its largest output; it is right when that is the class of its target.")
                        + " Accuracy is counted, not computed by the chain rule: it has no gradient, and training lowers E, not it."));
            }
            default -> throw new NnError(pos, "nothing to explain for " + b.label(), null);
        }
        ctx.emit(block(parts, st));
    }

    private static Part localDerivatives(Derivations d, Binding b, Pos pos) {
        ChainRule c = new ChainRule(d);
        var layer = d.layer(b.layer());
        if (!layer.activation.elementwise()) {
            throw new NnError(pos, layer.activation.id + " is not elementwise: its derivative is a Jacobian matrix", "explain the gradient dE/d" + d.vocabulary().preName(b.layer()) + " instead");
        }
        List<Equation> lines = new ArrayList<>();
        if (b.element()) lines.add(c.localDerivative(b.layer(), b.i()));
        else for (int i = 0; i < layer.out; i++) lines.add(c.localDerivative(b.layer(), i));
        return new Part.Equations(lines);
    }

    /** A parameter's gradient over a batch: each element as the sum of the rows' shares. */
    private static List<Part> batchGradient(Binding b, Gradients g, State st) {
        nn.explain.Vocabulary v = vocabulary(g.pass().net());
        int k = b.layer();
        nn.core.Layer l = g.pass().net().layer(k);
        boolean weight = b.kind() == Binding.Kind.WEIGHTS;
        if (b.element() || (!weight && l.bias == nn.core.Layer.Bias.SHARED)) {
            return nn.explain.BatchChain.gradient(g, v, k, b.element() ? b.i() : 0, weight ? b.j() : -1, st.net.sums());
        }
        List<nn.explain.Equation> lines = new ArrayList<>();
        List<Part> last = null;
        for (int i = 0; i < l.out; i++) {
            for (int j = 0; j < (weight ? l.in : 1); j++) {
                last = nn.explain.BatchChain.gradient(g, v, k, i, weight ? j : -1, st.net.sums());
                lines.addAll(((Part.Equations) last.get(0)).lines());
            }
        }
        List<Part> parts = new ArrayList<>();
        parts.add(new Part.Equations(lines));
        parts.addAll(last.subList(1, last.size()));
        return parts;
    }

    static Updates updates(State st) {
        State.LastUpdate u = st.lastUpdate;
        Updates.Rule rule = u.optimizerAfter() == null ? null
                : new Updates.Rule(u.optimizerAfter().settings(), u.optimizerBefore().optimizer(), u.optimizerAfter().optimizer(), u.optimizerAfter().slots());
        return new Updates(u.before(), u.after(), u.grads(), u.lr(), vocabulary(u.after()), rule);
    }

    private static void explainUpdate(Binding b, Pos pos, Context ctx) {
        State st = ctx.state();
        if (!b.parameter() || b.gradient()) {
            throw new NnError(pos, "explain update takes a parameter, not " + b.label(), "e.g. `explain update w100` or `explain update W0`");
        }
        if (st.lastUpdate == null) throw new NnError(pos, "no update has run yet", "run `update lr=0.1` (or `step lr=0.1`) first");
        List<Part> parts = new ArrayList<>(updates(st).explain(quantity(b)));
        Value now = Values.get(b, st, pos);
        Binding same = b;
        Value after = Values.get(same, afterState(st), pos);
        if (!java.util.Arrays.equals(now.data(), after.data())) {
            parts.add(Part.prose("(" + b.label() + " has been changed since that update: it is now " + Format.inline(now, st.precision) + ".)"));
        }
        ctx.emit(block(parts, st));
    }

    private static State afterState(State st) {
        State s = st.copy();
        s.net = st.lastUpdate.after();
        return s;
    }

    // ---- trace on: each pass's intermediates as it computes them (called by PassCommands) ----

    static void traceForward(ForwardPass p, Context ctx) {
        State st = ctx.state();
        ctx.emit(block(Trace.forward(new Derivations(p, null, vocabulary(p.net()), notation(st), false)), st));
    }

    static void traceBackward(Gradients g, Context ctx) {
        State st = ctx.state();
        ctx.emit(block(Trace.backward(new Derivations(g.pass(), g, vocabulary(g.pass().net()), notation(st), false)), st));
    }

    static void traceUpdate(Network before, Network after, Gradients g, double lr, Context ctx) {
        State st = ctx.state();
        ctx.emit(block(Trace.update(new Updates(before, after.copy(), g, lr, vocabulary(after))), st));
    }

    // ---- draw ----

    static void draw(Stmt.Command s, Args a, Context ctx) {
        State st = ctx.state();
        String what = a.word("WHAT", "values");
        nn.lang.Str fileArg = a.file("FILE");
        boolean gradients = what.startsWith("grad");
        if (what.equals("graph") || st.net.isEmpty() && (!st.definitions.isEmpty() || !st.values.isEmpty())) {
            GraphExplain.draw(fileArg, s.pos(), ctx);
            return;
        }
        if (st.net.isEmpty()) throw new NnError(s.pos(), "there is no network to draw yet", "add layers first, e.g. `layer relu 3->2`");
        if (gradients && st.grads == null) {
            throw new NnError(s.pos(), "there are no gradients to draw yet", st.pass == null ? "run `forward` then `backward`" : "run `backward` first");
        }
        // the current weights; values and gradients of the last passes (those passes' network when drawing gradients)
        Network net = (gradients ? st.grads.pass().net() : st.net).copy();
        ForwardPass p = st.pass != null && st.pass.net().depth() == net.depth() && !st.pass.batch() ? st.pass : null;
        Gradients g = p == null ? null : st.grads;
        double[] x = st.x == null || st.x.kind() == nn.core.Value.Kind.MATRIX ? null : st.x.data().clone();
        Vocabulary v = vocabulary(net);
        Notation notation = notation(st);
        if (fileArg == null) {
            String note = st.stale && p != null ? "(values from the last forward pass, before the parameters changed)" : null;
            // laid out when shown: the screen's width and character set decide the layout; numbers as show writes them
            ctx.emit(new Output.Drawing((width, unicode) -> {
                NetDiagram d = Figure.diagram(net, p, g, x, v, notation.unicode(unicode).valuesAsShown());
                String picture = new NetPicture(d, gradients, unicode).render(width);
                return note == null ? picture : picture + "\n" + Words.fill(note, width);
            }, () -> new NetSvg(Figure.diagram(net, p, g, x, v, notation), gradients).svg()));
            return;
        }
        String lower = fileArg.text().toLowerCase();
        if (!lower.endsWith(".svg") && !lower.endsWith(".png")) {
            throw new NnError(fileArg.pos(), "draw writes .svg or .png pictures", "e.g. `draw \"net.svg\"` or `draw \"net.png\"`");
        }
        NetSvg picture = new NetSvg(Figure.diagram(net, p, g, x, v, notation), gradients);
        java.nio.file.Path file = write(fileArg, lower.endsWith(".svg") ? picture.svg().getBytes(java.nio.charset.StandardCharsets.UTF_8)
                : png(picture.scene(), fileArg));
        ctx.info("wrote " + file + " (" + (gradients ? "gradients" : "weights and values") + (lower.endsWith(".svg") ? "; open it in a browser)" : ")"));
    }

    /** A scene as a PNG for a slide: twice the SVG's size, so that it stays sharp when scaled. */
    static byte[] png(nn.explain.Scene scene, nn.lang.Str file) {
        try {
            return nn.explain.PngWriter.write(scene, 2);
        } catch (java.io.IOException | RuntimeException | LinkageError e) {
            throw SourceFiles.io(file.pos(), "cannot draw a PNG here (" + e.getMessage() + ")", "write an SVG instead");
        }
    }

    /** Writes a file atomically, relative to the working directory (the same way save and plot write theirs). */
    static java.nio.file.Path write(nn.lang.Str file, String text) {
        return write(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static java.nio.file.Path write(nn.lang.Str file, byte[] bytes) {
        if (file.text().isBlank()) throw new NnError(file.pos(), "the file name is empty", null);
        java.nio.file.Path path = OutputFiles.resolve(file.text(), file.pos());
        OutputFiles.write(path, bytes, file.pos());
        return java.nio.file.Path.of(file.text());
    }

    // ---- export ----

    static void export(Stmt.Command s, Args a, Context ctx) {
        State st = ctx.state();
        String format = a.word("FORMAT").text();
        if (format.equals("numpy") || format.equals("pytorch") || format.equals("torch")) {
            PythonExport.export(s, a, ctx, !format.equals("numpy"));
            return;
        }
        for (String o : List.of("lr", "optimizer", "momentum", "nesterov", "beta1", "beta2", "eps", "weight_decay")) {
            if (a.has(o)) throw new NnError(a.pos(o, s.pos()), o + "= is for export numpy and export pytorch (the update their program makes)", "a document writes the update that was made");
        }
        boolean latex = a.word("FORMAT").text().startsWith("l") || a.word("FORMAT").text().equals("tex");
        if (st.net.isEmpty() && !(st.values.isEmpty() && st.definitions.isEmpty())) {
            GraphExplain.export(s, latex, a.file("FILE"), ctx);
            return;
        }
        if (st.net.isEmpty()) throw new NnError(s.pos(), "there is nothing to write up yet", "add layers, or give values and expressions (x = 2; f = x * x)");
        nn.explain.Report report = report(st, s.pos());
        Notation n = notation(st);
        String title = nn.explain.Report.TITLE;
        // the network's figure beside the document: a PNG for pdflatex, an SVG for Markdown viewers
        nn.lang.Str docFile = a.file("FILE");
        String base = docFile.text().replaceFirst("\\.[A-Za-z]+$", "");
        nn.lang.Str figureFile = new nn.lang.Str(base + "-net." + (latex ? "png" : "svg"), docFile.pos());
        String figureName = java.nio.file.Path.of(figureFile.text()).getFileName().toString();
        String text = latex ? nn.explain.Documents.latex(title, report.parts(), n, figureName)
                : nn.explain.Documents.markdown(title, report.parts(), n, figureName);
        NetSvg picture = new NetSvg(reportDiagram(st, n), false);
        write(figureFile, latex ? png(picture.scene(), figureFile) : picture.svg().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.nio.file.Path file = write(docFile, text);
        ctx.emit(new Output.Written("wrote " + file + ": " + report.contents() + "; its figure " + figureFile.text(), latex ? null : text));
    }

    /** The network as the document shows it: the pass the document derives (the one an update used, else the last). */
    private static NetDiagram reportDiagram(State st, Notation n) {
        ForwardPass p = st.lastUpdate != null ? st.lastUpdate.grads().pass() : st.pass;
        Gradients g = st.lastUpdate != null ? st.lastUpdate.grads() : st.grads;
        return Figure.diagram(p.net(), p, g, p.x(), vocabulary(p.net()), n);
    }

    /**
     * The worked example to write up. After an update: the pass and gradients it used, the update, and the forward
     * pass that followed it (if one ran on the same example). Otherwise: the last pass and its gradients.
     */
    static nn.explain.Report report(State st, Pos pos) {
        State.LastUpdate u = st.lastUpdate;
        Notation n = notation(st);
        if (u != null) {
            ForwardPass first = u.grads().pass();
            ForwardPass second = null;
            if (st.pass != null && st.pass != first && sameParameters(st.pass.net(), u.after())
                    && java.util.Arrays.equals(st.pass.x(), first.x()) && java.util.Arrays.equals(st.pass.y(), first.y())) {
                second = st.pass;
            }
            return new nn.explain.Report(first, u.grads(), updates(st), second, vocabulary(first.net()), n);
        }
        if (st.pass == null) throw new NnError(pos, "there is no worked example yet: nothing has been computed", "run `forward` and `backward` (or `step lr=0.1`) first");
        Gradients g = st.grads != null && st.grads.pass() == st.pass ? st.grads : null;
        return new nn.explain.Report(st.pass, g, null, null, vocabulary(st.pass.net()), n);
    }

    private static boolean sameParameters(Network a, Network b) {
        if (a.depth() != b.depth()) return false;
        for (int k = 0; k < a.depth(); k++) {
            if (!java.util.Arrays.equals(a.layer(k).W, b.layer(k).W) || !java.util.Arrays.equals(a.layer(k).b, b.layer(k).b)) return false;
        }
        return true;
    }

    // ---- hints for a failed expect ----

    /** One possible slip: its description and the state it would have produced. */
    /** A slip: the state it leads to, and a factor its value is read with (the ½ dropped from E, a sign flipped). */
    private record Slip(String hint, State state, double factor) {
        Slip(String hint, State state) { this(hint, state, 1); }
    }

    /**
     * Hints for a failed {@code expect NAME = VALUE}: each slip is computed for real and named only when it
     * reproduces the value given (within the expect's tolerance) and the true value does not.
     */
    static List<String> hints(Binding b, Value expected, Value actual, double[] tol, State st) {
        List<Slip> slips = new ArrayList<>();
        try {
            if (b.gradient()) gradientSlips(st, slips);
            else if (b.kind() == Binding.Kind.PRE || b.kind() == Binding.Kind.ACT || b.kind() == Binding.Kind.LOSS || b.kind() == Binding.Kind.LOCAL) forwardSlips(b, st, slips);
            else if (b.parameter()) updateSlips(b, st, slips);
        } catch (RuntimeException e) {
            return List.of(); // a slip that cannot be computed here (a shape it does not apply to) gives no hint
        }
        List<String> out = new ArrayList<>();
        for (Slip s : slips) {
            Value alt;
            try {
                alt = Values.get(b, s.state(), Pos.NONE);
                if (s.factor() != 1) alt = times(alt, s.factor());
            } catch (NnError e) {
                continue;
            }
            if (alt.size() != expected.size()) continue;
            // the slip reproduces the value given, which the true value does not (the expect failed)
            if (within(alt, expected, tol) && !java.util.Arrays.equals(alt.data(), actual.data()) && !out.contains(s.hint())) {
                out.add(s.hint() + " (that gives " + Format.inline(alt, st.precision + 3) + ")");
            }
        }
        return out;
    }

    private static Value times(Value v, double f) {
        double[] d = v.data().clone();
        for (int i = 0; i < d.length; i++) d[i] *= f;
        return new Value(v.kind(), v.rows(), v.cols(), d);
    }

    private static boolean within(Value a, Value b, double[] tol) {
        for (int i = 0; i < a.size(); i++) if (!(Math.abs(a.get(i) - b.get(i)) <= tol[i] * (1 + 1e-9) + 1e-300)) return false;
        return true;
    }

    private static State with(State st, ForwardPass p, Gradients g, Network net) {
        State s = st.copy();
        if (p != null) s.pass = p;
        if (g != null) s.grads = g;
        if (net != null) s.net = net;
        return s;
    }

    private static String derivativeName(ForwardPass p, int m) {
        var l = p.net().layer(m);
        String local = "∂" + Names.actName(p.net(), m) + "/∂" + Names.preName(p.net(), m);
        return switch (l.activation) {
            case SIGMOID -> "σ′ (the sigmoid's derivative " + local + ")";
            case RELU -> "the ReLU's derivative " + local;
            default -> "the " + l.activation.id + " derivative " + local;
        };
    }

    /** Another convention for E, and the factor it scales E and every gradient by. */
    private record Convention(String hint, double factor) { }

    /**
     * The usual confusions of loss conventions, each an exact factor: mse against ½Σ(y − o)² (2/n for n outputs),
     * and the mean against the sum over a batch's examples.
     */
    private static List<Convention> conventions(ForwardPass p) {
        List<Convention> out = new ArrayList<>();
        nn.core.Loss loss = p.net().loss();
        int n = p.net().outputSize();
        if (loss == nn.core.Loss.HALF_SSE && n > 1) {
            out.add(new Convention("matches mse, (1/n)Σ(y − o)² (PyTorch's MSELoss), which is 2/" + n + " of ½Σ(y − o)²: if your source means mse, say `loss mse`", 2.0 / n));
        }
        if (loss == nn.core.Loss.MSE) {
            out.add(new Convention("matches ½Σ(y − o)² (half_sse, the reference's E), " + (n == 1 ? "half" : n + "/2 times") + " the mse: if your source halves the squared error, say `loss half_sse`", n / 2.0));
        }
        int rows = p.examples();
        if (rows > 1) {
            out.add(p.net().sums()
                    ? new Convention("matches the mean over the batch's " + rows + " examples, not their sum: say `loss " + loss.id + " reduction=mean` if your source averages", 1.0 / rows)
                    : new Convention("matches the sum over the batch's " + rows + " examples, not their mean (PyTorch's default): say `loss " + loss.id + " reduction=sum` if your source sums", rows));
        }
        return out;
    }

    private static String transposedHint(int k) {
        return "matches with W" + k + " transposed (x·W instead of W·x): nn's W" + k + " has one row per neuron; if your source writes one column per neuron, paste its transpose (W" + k + " = Wᵀ)";
    }

    private static void gradientSlips(State st, List<Slip> slips) {
        Gradients g = st.grads;
        ForwardPass p = g.pass();
        if (p.net().loss() == nn.core.Loss.HALF_SSE) {
            slips.add(new Slip("matches the gradient of Σ(y − o)² without the ½: with E = ½Σ(y − o)², ∂E/∂o is o − y, not 2(o − y)",
                    with(st, null, nn.explain.Mistakes.scaled(g, 2), null)));
        }
        slips.add(new Slip("matches with the sign flipped: ∂E/∂o = o − y, not y − o", with(st, null, nn.explain.Mistakes.scaled(g, -1), null)));
        for (Convention c : conventions(p)) slips.add(new Slip(c.hint(), with(st, null, nn.explain.Mistakes.scaled(g, c.factor()), null)));
        for (int k = 0; k < p.net().depth(); k++) {
            nn.core.Layer l = p.net().layer(k);
            if (l.in == l.out && l.in > 1) {
                ForwardPass t = nn.explain.Mistakes.transposedWeights(p, k);
                slips.add(new Slip(transposedHint(k), with(st, t, Network.backward(t), null)));
            }
        }
        for (int m = 0; m < p.net().depth(); m++) {
            if (nn.explain.Mistakes.hasDerivative(p, m)) {
                slips.add(new Slip("matches without " + derivativeName(p, m) + " in the chain", with(st, null, nn.explain.Mistakes.withoutDerivative(p, m), null)));
            }
        }
        if (!sameParameters(p.net(), st.net) && st.net.depth() == p.net().depth()) {
            slips.add(new Slip("matches with the already-updated weights used to pass the gradient down to the hidden layer; backpropagation uses the weights of the forward pass",
                    with(st, null, nn.explain.Mistakes.withWeights(p, st.net), null)));
        }
        ForwardPass r = nn.explain.Mistakes.roundedForward(p, st.precision);
        slips.add(new Slip("matches with every intermediate rounded to " + st.precision + " decimals before the next step; keep the full values until the end",
                with(st, null, nn.explain.Mistakes.roundedBackward(r, st.precision), null)));
    }

    private static void forwardSlips(Binding b, State st, List<Slip> slips) {
        ForwardPass p = st.pass;
        if (b.kind() == Binding.Kind.LOSS && p.net().loss() == nn.core.Loss.HALF_SSE) {
            slips.add(new Slip("matches Σ(y − o)² without the ½: E = ½Σ(y − o)²", st, 2));
        }
        if (b.kind() != Binding.Kind.LOCAL) slips.add(new Slip("matches with the sign flipped", st, -1));
        if (b.kind() == Binding.Kind.LOSS) for (Convention c : conventions(p)) slips.add(new Slip(c.hint(), st, c.factor()));
        for (int k = 0; k < p.net().depth(); k++) {
            nn.core.Layer l = p.net().layer(k);
            if (l.in == l.out && l.in > 1 && (b.layer() < 0 || b.layer() >= k)) slips.add(new Slip(transposedHint(k), with(st, nn.explain.Mistakes.transposedWeights(p, k), null, null)));
        }
        slips.add(new Slip("matches with every intermediate rounded to " + st.precision + " decimals before the next step; keep the full values until the end",
                with(st, nn.explain.Mistakes.roundedForward(p, st.precision), null, null)));
    }

    private static void updateSlips(Binding b, State st, List<Slip> slips) {
        State.LastUpdate u = st.lastUpdate;
        if (u == null) return;
        Value now = Values.get(b, st, Pos.NONE);
        State after = with(st, null, null, u.after());
        if (!java.util.Arrays.equals(now.data(), Values.get(b, after, Pos.NONE).data())) return; // changed since the update
        Gradients g = u.grads();
        ForwardPass p = g.pass();
        for (Convention c : conventions(p)) {
            slips.add(new Slip(c.hint().replaceFirst("^matches ", "matches an update with the gradient of "), with(st, null, null, nn.explain.Mistakes.updated(u.before(), nn.explain.Mistakes.scaled(g, c.factor()), u.lr()))));
        }
        if (p.net().loss() == nn.core.Loss.HALF_SSE) {
            slips.add(new Slip("matches an update with the gradient of Σ(y − o)², without the ½ of E", with(st, null, null, nn.explain.Mistakes.updated(u.before(), nn.explain.Mistakes.scaled(g, 2), u.lr()))));
        }
        slips.add(new Slip("matches w + μ·∂E/∂w: the update subtracts the gradient, w* = w − μ·∂E/∂w",
                with(st, null, null, nn.explain.Mistakes.updated(u.before(), nn.explain.Mistakes.scaled(g, -1), u.lr()))));
        for (int m = 0; m < p.net().depth(); m++) {
            if (nn.explain.Mistakes.hasDerivative(p, m)) {
                slips.add(new Slip("matches an update whose gradient left out " + derivativeName(p, m),
                        with(st, null, null, nn.explain.Mistakes.updated(u.before(), nn.explain.Mistakes.withoutDerivative(p, m), u.lr()))));
            }
        }
        ForwardPass r = nn.explain.Mistakes.roundedForward(p, st.precision);
        slips.add(new Slip("matches with every intermediate rounded to " + st.precision + " decimals before the next step; keep the full values until the end",
                with(st, null, null, nn.explain.Mistakes.roundedUpdate(u.before(), nn.explain.Mistakes.roundedBackward(r, st.precision), u.lr(), st.precision))));
    }
}
