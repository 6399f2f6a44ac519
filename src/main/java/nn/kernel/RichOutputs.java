package nn.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nn.core.ForwardPass;
import nn.core.Gradients;
import nn.core.LossCurve;
import nn.core.Network;
import nn.explain.Derivations;
import nn.explain.Documents;
import nn.explain.Explanations;
import nn.explain.Notation;
import nn.explain.Part;
import nn.explain.Quantity;
import nn.explain.SvgPicture;
import nn.explain.Updates;
import nn.explain.Vocabulary;
import nn.lang.Stmt;
import nn.session.Binding;
import nn.session.Format;
import nn.session.Names;
import nn.session.Output;
import nn.session.State;
import nn.text.LossChart;
import nn.text.Renderer;

/**
 * The MIME data Jupyter shows beside nn's text, in this one class until nn's {@link Output} records carry it
 * themselves: {@code draw} and {@code plot loss} (without a file) as SVG pictures, {@code explain} as Markdown with
 * $…$ math, {@code export markdown} as the document it wrote. It asks the state after the statement ran, the way
 * the statements' own code does (nn.session.ExplainCommands and TrainCommands, whose helpers are not public), and
 * never fails a cell: when a picture cannot be made, the output is the text alone.
 */
final class RichOutputs {
    private RichOutputs() { }

    /** True for the statements whose outputs {@link #displays} turns into rich displays. */
    static boolean claims(Stmt s) {
        return (s instanceof Stmt.Draw d && d.file() == null)
                || (s instanceof Stmt.Plot p && p.file() == null)
                || s instanceof Stmt.Explain
                || (s instanceof Stmt.Export e && e.file() != null && markdown(e));
    }

    private static boolean markdown(Stmt.Export e) {
        String f = e.format().text().toLowerCase();
        return f.equals("markdown") || f.equals("md");
    }

    /**
     * The displays of a claimed statement that succeeded: its main output (the picture, chart, derivation, or
     * "wrote ...") as a display with the rich data added, its other outputs as text.
     */
    static List<Engine.Display> displays(Stmt s, List<Output> outputs, State st, Renderer r) {
        String rich = null;
        String mime = null;
        Class<? extends Output> main = s instanceof Stmt.Export ? Output.Info.class : Output.Block.class;
        try {
            if (s instanceof Stmt.Draw d) {
                rich = drawing(d, st);
                mime = Engine.SVG;
            } else if (s instanceof Stmt.Plot) {
                rich = chart(st);
                mime = Engine.SVG;
            } else if (s instanceof Stmt.Explain e) {
                rich = explanation(e, st);
                mime = Engine.MARKDOWN;
            } else if (s instanceof Stmt.Export e) {
                rich = Files.readString(Path.of(e.file().text()).toAbsolutePath(), StandardCharsets.UTF_8);
                mime = Engine.MARKDOWN;
            }
        } catch (RuntimeException | IOException e) {
            rich = null; // the text alone
        }
        List<Engine.Display> out = new ArrayList<>();
        boolean placed = false;
        for (Output o : outputs) {
            String text = r.render(o);
            if (!placed && rich != null && main.isInstance(o)) {
                Map<String, String> data = new LinkedHashMap<>();
                data.put(Engine.PLAIN, text);
                data.put(mime, rich);
                out.add(new Engine.Display(Engine.Kind.DISPLAY, data, null));
                placed = true;
            } else {
                out.add(Engine.Display.stdout(text));
            }
        }
        return out;
    }

    /** One line for a failed expect (the error's evalue). */
    static String describe(Output.Expectation e) {
        int p = e.precision();
        return "expect " + e.label() + " " + e.relation() + " " + Renderer.inline(e.expected(), p) + " does not hold: "
                + e.label() + " = " + Renderer.inline(e.actual(), p + 4);
    }

    // ---- draw: the picture as SVG (as `draw "net.svg"` writes it) ----

    static String drawing(Stmt.Draw d, State st) {
        boolean gradients = d.what() != null && List.of("gradients", "gradient", "grads").contains(d.what().text());
        Network net = gradients ? st.grads.pass().net() : st.net;
        ForwardPass p = st.pass != null && st.pass.net().depth() == net.depth() ? st.pass : null;
        return new SvgPicture(net, p, st.grads, st.x, vocabulary(net), notation(st), gradients).render();
    }

    // ---- plot loss: the chart as SVG (as `plot loss "loss.svg"` writes it) ----

    static String chart(State st) {
        for (Object o : st.extra.values()) {
            if (o instanceof LossCurve c && !c.isEmpty()) return LossChart.svg(c.epochs(), c.losses());
        }
        return null;
    }

    // ---- explain: the same derivation as Markdown with TeX math (as export markdown writes it) ----

    static String explanation(Stmt.Explain e, State st) {
        Binding b = Names.resolve(e.ref(), st.net);
        Quantity q = quantity(b);
        if (q == null) return null;
        List<Part> parts = new ArrayList<>();
        Notation n = notation(st);
        if (e.update()) {
            State.LastUpdate u = st.lastUpdate;
            parts.addAll(new Updates(u.before(), u.after(), u.grads(), u.lr(), vocabulary(u.after())).explain(q));
            if (!sameParameters(st.net, u.after())) return null; // the text adds a note on later changes: keep to the text
        } else if (b.gradient()) {
            Gradients g = st.grads;
            if (st.stale) parts.add(Part.prose("(From the last backward pass, with the parameters as they were then.)"));
            parts.addAll(Explanations.gradient(new Derivations(g.pass(), g, vocabulary(g.pass().net()), n, false), q));
        } else if (q.kind() == Quantity.Kind.PRE || q.kind() == Quantity.Kind.ACT || q.kind() == Quantity.Kind.LOSS) {
            ForwardPass p = st.pass;
            if (st.stale) parts.add(Part.prose("(From the last forward pass, with the parameters as they were then.)"));
            parts.addAll(Explanations.value(new Derivations(p, null, vocabulary(p.net()), n, false), q));
        } else {
            return null; // inputs, targets, parameters, accuracy: a sentence of text, shown as text
        }
        String title = "nn";
        String doc = Documents.markdown(title, parts, n);
        String head = "# " + title + "\n\n";
        return doc.startsWith(head) ? doc.substring(head.length()) : doc;
    }

    private static boolean sameParameters(Network a, Network b) {
        if (a.depth() != b.depth()) return false;
        for (int k = 0; k < a.depth(); k++) {
            if (!Arrays.equals(a.layer(k).W, b.layer(k).W) || !Arrays.equals(a.layer(k).b, b.layer(k).b)) return false;
        }
        return true;
    }

    // ---- as nn.session.ExplainCommands names things ----

    static Notation notation(State st) { return new Notation(st.precision, Format::number); }

    /** The network's names: a layer's alias, else a{k}/z{k}, and o/o_pre for the output layer (as nn.session.Names). */
    static Vocabulary vocabulary(Network net) {
        List<String> act = new ArrayList<>();
        List<String> pre = new ArrayList<>();
        for (int k = 0; k < net.depth(); k++) {
            String alias = net.layer(k).name;
            boolean last = k == net.depth() - 1;
            act.add(alias != null ? alias : last ? "o" : "a" + k);
            pre.add(alias != null ? alias + "_pre" : last ? "o_pre" : "z" + k);
        }
        return new Vocabulary(net, act, pre);
    }

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
}
