package nn.session;

import java.util.ArrayList;
import java.util.List;
import nn.core.graph.Backward;
import nn.core.graph.Graph;
import nn.core.graph.Node;
import nn.explain.GraphChain;
import nn.explain.Part;
import nn.lang.NnError;
import nn.lang.Ref;
import nn.lang.Str;

/** explain and draw for the user's values and expressions: the graph's own derivations and picture. */
final class GraphExplain {
    private GraphExplain() { }

    static void explain(Binding b, Ref ref, boolean update, Context ctx) {
        State st = ctx.state();
        if (update) throw new NnError(ref.pos(), "explain update takes a parameter of the network", "your own values move by q ← q − μ·∂f/∂q: `show q` after `update`");
        List<Part> parts = new ArrayList<>();
        if (b.gradient()) {
            Backward bw = st.backward;
            if (bw == null || !Values.rootName(bw).equals(b.root())) {
                Values.get(b, st, ref.pos()); // says what to run first
            }
            Node x = bw.graph().node(b.node(st.net));
            if (x == null) throw new NnError(ref.pos(), b.label() + " is not part of the last backward pass", "run `backward " + b.root() + "` again");
            if (b.element()) throw new NnError(ref.pos(), "explain takes the whole value here: explain d" + b.root() + "/d" + b.node(st.net), null);
            parts.addAll(new GraphChain(bw, ExplainCommands.notation(st)).derivative(x));
        } else {
            Graph g = Expressions.current(st);
            Node v = g.node(b.user());
            if (v == null) throw new NnError(ref.pos(), b.user() + " could not be computed", "define it again");
            parts.add(Part.equations(GraphChain.value(g, v)));
            if (v.leaf()) parts.add(Part.prose(b.user() + " is a value you gave: a leaf of the graph. Its gradient after `backward f`: explain df/d" + b.user() + "."));
        }
        ctx.emit(ExplainCommands.block(parts, st));
    }

    /**
     * export of the user's graph: every value as it was computed, then the gradient of the last backward's root with
     * respect to each value it depends on, each by the chain rule with its numbers (what `explain` writes).
     */
    static void export(nn.lang.Stmt.Command s, boolean latex, Str file, Context ctx) {
        State st = ctx.state();
        Graph g = Expressions.current(st);
        nn.explain.Notation n = ExplainCommands.notation(st);
        List<Part> parts = new ArrayList<>();
        parts.add(Part.prose("The values, in the order they are computed."));
        List<nn.explain.Equation> values = new ArrayList<>();
        for (Node v : g.nodes()) if (userName(g, v, st) != null) values.add(GraphChain.value(g, v));
        parts.add(new Part.Equations(values));
        Backward bw = st.backward;
        int gradients = 0;
        String root = bw == null ? null : Values.rootName(bw);
        if (bw != null) {
            parts.add(Part.prose("The backward pass of " + root + ": its gradient with respect to every value it depends on, by the chain rule."));
            GraphChain chain = new GraphChain(bw, n);
            for (Node v : bw.graph().nodes()) {
                if (v == bw.root() || !bw.reaches(v) || userName(bw.graph(), v, st) == null) continue;
                parts.addAll(chain.derivative(v));
                gradients++;
            }
        }
        String title = root == null ? "The values of a computation" : "Backpropagation through " + root;
        String text = latex ? nn.explain.Documents.latex(title, parts, n) : nn.explain.Documents.markdown(title, parts, n);
        java.nio.file.Path path = ExplainCommands.write(file, text);
        ctx.emit(new Output.Written("wrote " + path + ": " + values.size() + " values" + (bw == null ? " (no backward yet: `backward f` adds the gradients)" : ", " + gradients + " gradients of " + root),
                latex ? null : text));
    }

    /** The user's name of a node (x, q, f), or null for an intermediate one (export runs only with no network). */
    private static String userName(Graph g, Node v, State st) {
        for (var e : g.names().entrySet()) if (e.getValue() == v) return e.getKey();
        return null;
    }

    /** The graph as micrograd's draw_dot shows it: every value with its data and gradient, every operation. */
    static void draw(Str file, nn.lang.Pos at, Context ctx) {
        State st = ctx.state();
        if (!st.net.isEmpty() && st.definitions.isEmpty() && st.values.isEmpty()) {
            drawNetwork(file, ctx);
            return;
        }
        Graph g = Expressions.current(st);
        if (g.size() == 0) {
            if (st.net.isEmpty()) throw new NnError(at, "there is no graph to draw yet", "give values and expressions (x = 2; f = x * x) or layers first");
        }
        Backward bw = st.backward;
        nn.explain.Notation notation = ExplainCommands.notation(st);
        if (file == null) {
            ctx.emit(new Output.Drawing((width, unicode) -> new nn.explain.GraphPicture(nn.explain.Graphs.of(g, bw, notation.unicode(unicode).valuesAsShown()), unicode).render(width),
                    () -> new nn.explain.GraphSvg(nn.explain.Graphs.of(g, bw, notation)).svg()));
            return;
        }
        String lower = file.text().toLowerCase();
        if (!lower.endsWith(".svg") && !lower.endsWith(".png")) throw new NnError(file.pos(), "draw writes .svg or .png pictures", "e.g. `draw graph \"graph.svg\"`");
        nn.explain.GraphSvg picture = new nn.explain.GraphSvg(nn.explain.Graphs.of(g, bw, notation));
        java.nio.file.Path path = ExplainCommands.write(file, lower.endsWith(".svg") ? picture.svg().getBytes(java.nio.charset.StandardCharsets.UTF_8)
                : ExplainCommands.png(picture.scene(), file));
        ctx.info("wrote " + path + " (the computational graph" + (bw == null ? ", before any backward pass)" : ")"));
    }

    /** A network's computation of E, number by number for a small one (as micrograd builds its MLP), else layer by layer. */
    private static void drawNetwork(Str file, Context ctx) {
        State st = ctx.state();
        nn.core.ForwardPass p = st.pass != null && st.pass.net().depth() == st.net.depth() && !st.pass.batch() ? st.pass : null;
        nn.core.Network net = (p != null ? p.net() : st.net).copy();
        nn.core.Gradients g = p != null && st.grads != null && st.grads.pass() == p ? st.grads : null;
        nn.explain.Vocabulary v = ExplainCommands.vocabulary(net);
        nn.explain.Notation notation = ExplainCommands.notation(st);
        if (file == null) {
            ctx.emit(new Output.Drawing((width, unicode) ->
                    new nn.explain.GraphPicture(nn.explain.Graphs.diagram(net, p, g, v, notation.unicode(unicode).valuesAsShown()), unicode).render(width),
                    () -> new nn.explain.GraphSvg(nn.explain.Graphs.diagram(net, p, g, v, notation)).svg()));
            return;
        }
        String lower = file.text().toLowerCase();
        if (!lower.endsWith(".svg") && !lower.endsWith(".png")) throw new NnError(file.pos(), "draw writes .svg or .png pictures", "e.g. `draw graph \"graph.svg\"`");
        nn.explain.GraphSvg picture = new nn.explain.GraphSvg(nn.explain.Graphs.diagram(net, p, g, v, notation));
        java.nio.file.Path path = ExplainCommands.write(file, lower.endsWith(".svg") ? picture.svg().getBytes(java.nio.charset.StandardCharsets.UTF_8)
                : ExplainCommands.png(picture.scene(), file));
        ctx.info("wrote " + path + " (the computational graph" + (p == null ? ", before any forward pass)" : g == null ? ", values without gradients)" : ")"));
    }
}
