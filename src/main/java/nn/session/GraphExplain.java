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

    /** The graph in the terminal: every named value in order, its operation, value and gradient. */
    static void draw(Str file, boolean gradients, Context ctx) {
        State st = ctx.state();
        Graph g = Expressions.current(st);
        Backward bw = st.backward;
        if (file != null) throw new NnError(file.pos(), "pictures of your own expressions are drawn in the terminal (an SVG of them is not written yet)", "write `draw`");
        StringBuilder out = new StringBuilder();
        int w = 4;
        for (String name : g.names().keySet()) w = Math.max(w, name.length());
        List<java.util.Map.Entry<String, Node>> named = new ArrayList<>(g.names().entrySet());
        named.sort(java.util.Comparator.comparing((java.util.Map.Entry<String, Node> e) -> !e.getValue().leaf()).thenComparing(e -> e.getValue().id));
        for (var e : named) {
            Node v = e.getValue();
            String def = v.leaf() ? "" : " = " + new nn.explain.TextMath(ExplainCommands.notation(st)).render(GraphChain.definition(g, v, false));
            out.append(String.format("%-" + w + "s", e.getKey())).append(def).append(" = ").append(Format.inline(v.value(), st.precision));
            double[] grad = bw != null && bw.graph() == g ? bw.of(v) : null;
            if (grad != null) out.append("    ∂").append(Values.rootName(bw)).append("/∂").append(e.getKey()).append(" = ").append(Format.inline(nn.core.Value.of(v.shape, grad), st.precision));
            out.append('\n');
        }
        if (out.length() > 0) out.setLength(out.length() - 1);
        ctx.emit(new Output.Block(out.toString()));
    }
}
