package nn.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link NetDiagram} drawn in the terminal, as the reference's figure: the inputs, then each layer's neurons with
 * every incoming edge labelled by its weight (the bias as the edge from a constant 1), and each neuron's
 * pre-activation and activation. With {@code gradients} the edges carry ∂E/∂w and the neurons ∂E/∂z and ∂E/∂a.
 *
 * <pre>
 *  x0 ── 0.2 ──┐
 *  x1 ── −1.2 ─┤
 *  x2 ── 0.9 ──┼──▶ (h0)  h_pre0 = 0.29
 *   1 ── −0.1 ─┘          h0     = 0.29
 * </pre>
 * The picture never is wider than the width it is given: the columns stand side by side with each neuron's values
 * beside it when that fits, then with the values under the neuron (narrower), then one column under another; only
 * a width too narrow for a single edge cuts lines short (with "…"). Layers wider than {@link Elision#MAX_UNITS}
 * show their first and last units and say what they left out; networks deeper than {@link Elision#MAX_LAYERS}
 * their first and last layers, as the SVG does.
 */
public final class NetPicture {
    private static final int GAP = 4;

    private final NetDiagram d;
    private final boolean gradients;
    private final Glyphs g;

    /** {@code gradients}: label edges and nodes with ∂E/∂ instead of the values; {@code unicode}: box drawing or ASCII. */
    public NetPicture(NetDiagram d, boolean gradients, boolean unicode) {
        this.d = d;
        this.gradients = gradients;
        this.g = unicode ? Glyphs.UNICODE : Glyphs.ASCII;
    }

    /** Where a neuron's values stand: beside it, under it, or under its edges (the narrowest). */
    private enum Values { BESIDE, BELOW, AFTER }

    /** The picture at most {@code width} characters wide: the widest layout that fits, the narrowest cut to fit otherwise. */
    public String render(int width) {
        List<String> layouts = new ArrayList<>();
        layouts.add(sideBySide(columns(Values.BESIDE)));
        layouts.add(sideBySide(columns(Values.BELOW)));
        layouts.add(stacked(columns(Values.BESIDE)));
        layouts.add(stacked(columns(Values.BELOW)));
        layouts.add(stacked(columns(Values.AFTER)));
        for (String layout : layouts) if (widest(layout) <= width) return withNotes(layout, width);
        return withNotes(cut(layouts.get(layouts.size() - 1), width), width);
    }

    private List<List<String>> columns(Values below) {
        List<List<String>> out = new ArrayList<>();
        for (int c : Elision.shownColumns(d.columns().size())) out.add(c == 0 ? inputs(below) : c == Elision.GAP ? gap() : layer(c, below));
        return out;
    }

    /** Where the left-out layers of a deep network stand: which they are, how many. */
    private List<String> gap() {
        int a = Elision.firstLeftOutLayer();
        int b = Elision.lastLeftOutLayer(d.columns().size());
        String dots = g == Glyphs.UNICODE ? "⋯" : "...";
        String names = d.columns().get(a + 1).name() + (a == b ? "" : (b == a + 1 ? ", " : g == Glyphs.UNICODE ? " … " : " ... ") + d.columns().get(b + 1).name());
        return List.of(a == b ? "layer " + a : "layers " + a + "-" + b, "", dots + " " + (b - a + 1) + " layer" + (a == b ? "" : "s") + " more (" + names + ")");
    }

    private static String sideBySide(List<List<String>> columns) {
        int height = 0;
        for (List<String> c : columns) height = Math.max(height, c.size());
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < height; r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns.size(); c++) {
                List<String> col = columns.get(c);
                String cell = r < col.size() ? col.get(r) : "";
                line.append(cell);
                if (c < columns.size() - 1) line.append(" ".repeat(width(col) - cell.length() + GAP));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString().stripTrailing();
    }

    private static String stacked(List<List<String>> columns) {
        StringBuilder b = new StringBuilder();
        for (List<String> c : columns) {
            for (String line : c) b.append(line.stripTrailing()).append('\n');
            b.append('\n');
        }
        return b.toString().stripTrailing();
    }

    /** Lines longer than {@code width} end in "…" at it: only for widths below what one edge needs. */
    private String cut(String text, int width) {
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.length() > width) line = line.substring(0, Math.max(0, width - g.more.length())) + g.more;
            b.append(line.length() > width ? line.substring(0, width) : line).append('\n');
        }
        return b.toString().stripTrailing();
    }

    /** What the picture left out, one sentence a line, each at most {@code width} wide (cut between words). */
    private String withNotes(String picture, int width) {
        List<String> notes = new ArrayList<>();
        List<Integer> shown = Elision.shownColumns(d.columns().size());
        if (shown.contains(Elision.GAP)) notes.add(Elision.layersNote(d.columns(), g == Glyphs.UNICODE));
        for (int c : shown) {
            if (c == Elision.GAP) continue;
            NetDiagram.Column col = d.columns().get(c);
            if (Elision.elides(col.nodes().size())) notes.add(Elision.note(col.name(), col.nodes().size(), g == Glyphs.UNICODE));
        }
        if (notes.isEmpty()) return picture;
        StringBuilder b = new StringBuilder(picture).append('\n');
        for (String note : notes) b.append('\n').append(Words.fill("(" + note + ")", width));
        return b.toString();
    }

    private static int width(List<String> lines) {
        int w = 0;
        for (String s : lines) w = Math.max(w, s.length());
        return w;
    }

    static int widest(String text) {
        int w = 0;
        for (String s : text.split("\n", -1)) w = Math.max(w, s.length());
        return w;
    }

    // ---- the input column ----

    private List<String> inputs(Values below) {
        NetDiagram.Column in = d.columns().get(0);
        List<String> out = new ArrayList<>();
        out.add(in.heading());
        out.add("");
        for (int j : Elision.shown(in.nodes().size())) {
            if (j == Elision.GAP) {
                out.add(g.vertical + " " + Elision.leftOut(in.nodes().size()) + " more");
                continue;
            }
            NetDiagram.Node node = in.nodes().get(j);
            String value = node.values().isEmpty() ? "" : " = " + node.values().get(0).text();
            String dx = gradients && !node.gradients().isEmpty() ? node.gradients().get(0).equation() : null;
            if (dx == null) out.add(node.name() + value);
            else if (below != Values.BESIDE) {
                out.add(node.name() + value);
                out.add("  " + dx);
            } else out.add(node.name() + value + "   " + dx);
        }
        return out;
    }

    // ---- a layer's column ----

    private List<String> layer(int c, Values below) {
        NetDiagram.Column col = d.columns().get(c);
        NetDiagram.Column prev = d.columns().get(c - 1);
        int in = prev.nodes().size();
        int outs = col.nodes().size();
        List<String> out = new ArrayList<>();
        out.add(col.heading() + ": " + col.name() + ", " + col.activation() + " (" + in + g.arrow + outs + ")");
        out.add("");
        NetDiagram.Edge[][] edges = new NetDiagram.Edge[outs][in + 1];
        for (NetDiagram.Edge e : col.edges()) edges[e.to()][e.bias() ? in : e.from()] = e;
        List<Integer> sources = Elision.shown(in);
        sources.add(in); // the bias, from the constant 1
        String gapSource = g.vertical;
        String gapLabel = "(" + Elision.leftOut(in) + " more)";
        List<Integer> neurons = Elision.shown(outs);
        // the widths of every source and label shown, so that the column lines up
        int sourceWidth = 1;
        int labelWidth = 0;
        for (int j : sources) sourceWidth = Math.max(sourceWidth, source(prev, j, in, gapSource).length());
        for (int i : neurons) {
            if (i == Elision.GAP) continue;
            for (int j : sources) labelWidth = Math.max(labelWidth, j == Elision.GAP ? gapLabel.length() : label(edges[i][j]).length());
        }
        for (int n = 0; n < neurons.size(); n++) {
            int i = neurons.get(n);
            if (i == Elision.GAP) {
                out.add(" ".repeat(sourceWidth) + "    " + g.vertical + " " + Elision.leftOut(outs) + " more neurons like these");
            } else {
                neuron(out, col.nodes().get(i), prev, edges[i], sources, sourceWidth, labelWidth, gapLabel, below);
            }
            if (n < neurons.size() - 1) out.add("");
        }
        return out;
    }

    private static String source(NetDiagram.Column prev, int j, int in, String gap) {
        if (j == Elision.GAP) return gap;
        return j == in ? "1" : prev.nodes().get(j).name();
    }

    private String label(NetDiagram.Edge e) {
        if (e == null) return "";
        NetDiagram.Reading r = e.label(gradients);
        return r == null ? e.weight().text() : r.text();
    }

    private void neuron(List<String> out, NetDiagram.Node node, NetDiagram.Column prev, NetDiagram.Edge[] edges, List<Integer> sources,
                        int sourceWidth, int labelWidth, String gapLabel, Values where) {
        int in = edges.length - 1;
        int rows = sources.size();
        int mid = (rows - 1) / 2;
        String name = "(" + node.name() + ")";
        List<String> values = values(node);
        boolean below = where == Values.BELOW;
        int lines = below ? Math.max(rows, mid + 1 + values.size()) : rows;
        int edgeWidth = sourceWidth + 4 + labelWidth + 2;
        for (int r = 0; r < lines; r++) {
            String edge;
            String joint;
            if (r < rows) {
                int j = sources.get(r);
                String src = source(prev, j, in, g.vertical);
                String lab = j == Elision.GAP ? gapLabel : label(edges[j]);
                String lead = j == Elision.GAP ? "    " : " " + g.line + g.line + " ";
                String fill = j == Elision.GAP ? " ".repeat(labelWidth - lab.length() + 2) : " " + g.line.repeat(labelWidth - lab.length() + 1);
                edge = " ".repeat(sourceWidth - src.length()) + src + lead + lab + fill;
                joint = joint(r, rows, mid);
            } else {
                edge = " ".repeat(edgeWidth);
                joint = " ";
            }
            String tail = "";
            if (r == mid) tail = g.line + g.line + g.head + " " + name + (values.isEmpty() || where != Values.BESIDE ? "" : "  " + values.get(0));
            else if (where == Values.BESIDE && r == mid + 1 && values.size() > 1) tail = "    " + " ".repeat(name.length()) + "  " + values.get(1);
            else if (below && r > mid && r - mid - 1 < values.size()) tail = "    " + values.get(r - mid - 1);
            out.add(edge + joint + tail);
        }
        if (where == Values.AFTER) for (String v : values) out.add("  " + v);
    }

    private String joint(int r, int rows, int mid) {
        if (rows == 1) return g.line;
        if (r == 0) return r == mid ? g.teeDown : g.cornerTop;
        if (r == rows - 1) return r == mid ? g.teeUp : g.cornerBottom;
        return r == mid ? g.cross : g.teeLeft;
    }

    /** "h_pre0 = 0.29" and "h0 = 0.29" (or their gradients), the '=' aligned; nothing before the pass that gives them. */
    private List<String> values(NetDiagram.Node node) {
        List<NetDiagram.Reading> readings = gradients ? node.gradients() : node.values();
        int w = 0;
        for (NetDiagram.Reading r : readings) w = Math.max(w, r.name().length());
        List<String> out = new ArrayList<>();
        for (NetDiagram.Reading r : readings) out.add(r.name() + " ".repeat(w - r.name().length()) + " = " + r.text());
        return out;
    }

    /** The characters the picture is drawn with: box drawing, or their ASCII stand-ins of the same width. */
    record Glyphs(String line, String head, String arrow, String cornerTop, String cornerBottom, String teeDown, String teeUp,
                  String teeLeft, String cross, String vertical, String more) {
        static final Glyphs UNICODE = new Glyphs("─", "▶", "→", "┐", "┘", "┬", "┴", "┤", "┼", "⋮", "…");
        static final Glyphs ASCII = new Glyphs("-", ">", "->", "+", "+", "+", "+", "+", "+", ":", "~");
    }
}
