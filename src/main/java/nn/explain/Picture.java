package nn.explain;

import java.util.ArrayList;
import java.util.List;
import nn.core.ForwardPass;
import nn.core.Gradients;
import nn.core.Layer;
import nn.core.Network;

/**
 * The network drawn in the terminal, as the reference's figure: the inputs, then each layer's neurons with every
 * incoming edge labelled by its weight (the bias as the edge from a constant 1), and each neuron's pre-activation
 * and activation. With {@code gradients} the edges carry ∂E/∂w and the neurons ∂E/∂z and ∂E/∂a.
 *
 * <pre>
 *  x0 ── 0.2 ──┐
 *  x1 ── −1.2 ─┤
 *  x2 ── 0.9 ──┼──▶ (h0)  h_pre0 = 0.29
 *   1 ── −0.1 ─┘          h0     = 0.29
 * </pre>
 * Columns stand side by side while they fit in {@link #WIDTH} characters, and one under another otherwise.
 */
public final class Picture {
    static final int WIDTH = 120;

    /** What the picture shows; this class only lays it out. */
    private final Figure f;

    /** {@code net}: the current parameters; {@code p}, {@code g}, {@code x} may be null (not computed, not set). */
    public Picture(Network net, ForwardPass p, Gradients g, double[] x, Vocabulary v, Notation n, boolean gradients) {
        this.f = new Figure(net, p, g, x, v, n, gradients);
    }

    public String render() {
        List<List<String>> columns = new ArrayList<>();
        columns.add(inputs());
        for (int k = 0; k < f.net.depth(); k++) columns.add(layer(k));
        int total = 0;
        for (List<String> c : columns) total += width(c) + 4;
        StringBuilder b = new StringBuilder();
        if (total - 4 <= WIDTH) {
            int height = 0;
            for (List<String> c : columns) height = Math.max(height, c.size());
            for (int r = 0; r < height; r++) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < columns.size(); c++) {
                    List<String> col = columns.get(c);
                    String cell = r < col.size() ? col.get(r) : "";
                    line.append(cell);
                    if (c < columns.size() - 1) line.append(" ".repeat(width(col) - cell.length() + 4));
                }
                b.append(line.toString().stripTrailing()).append('\n');
            }
        } else {
            for (List<String> c : columns) {
                for (String line : c) b.append(line.stripTrailing()).append('\n');
                b.append('\n');
            }
        }
        return b.toString().stripTrailing();
    }

    private static int width(List<String> lines) {
        int w = 0;
        for (String s : lines) w = Math.max(w, s.length());
        return w;
    }

    private List<String> inputs() {
        List<String> out = new ArrayList<>();
        out.add("input");
        out.add("");
        for (int j = 0; j < f.net.inputSize(); j++) {
            String value = f.input(j);
            Figure.Value dx = f.inputGradient(j);
            out.add(f.v.x(j).text() + (value == null ? "" : " = " + value) + (dx == null ? "" : "   " + dx.equation()));
        }
        return out;
    }

    private List<String> layer(int k) {
        Layer l = f.net.layer(k);
        List<String> out = new ArrayList<>();
        out.add("layer " + k + ": " + f.v.actName(k) + ", " + l.activation.id + " (" + l.in + "→" + l.out + ")");
        out.add("");
        // the labels of every edge, so that the column lines up
        String[][] labels = new String[l.out][l.in + 1];
        String[] sources = new String[l.in + 1];
        int labelWidth = 0;
        int sourceWidth = 1;
        for (int j = 0; j <= l.in; j++) {
            sources[j] = j < l.in ? f.v.in(k, j).text() : "1";
            sourceWidth = Math.max(sourceWidth, sources[j].length());
        }
        for (int i = 0; i < l.out; i++) {
            for (int j = 0; j <= l.in; j++) {
                labels[i][j] = f.edge(k, i, j);
                labelWidth = Math.max(labelWidth, labels[i][j].length());
            }
        }
        for (int i = 0; i < l.out; i++) {
            int rows = l.in + 1;
            int mid = (rows - 1) / 2;
            String node = "(" + f.v.act(k, i).text() + ")";
            List<String> values = nodeValues(k, i);
            for (int r = 0; r < rows; r++) {
                String src = " ".repeat(sourceWidth - sources[r].length()) + sources[r];
                String lab = labels[i][r];
                String edge = src + " ── " + lab + " " + "─".repeat(labelWidth - lab.length() + 1);
                String joint;
                if (rows == 1) joint = "─";
                else if (r == 0) joint = r == mid ? "┬" : "┐";
                else if (r == rows - 1) joint = r == mid ? "┴" : "┘";
                else joint = r == mid ? "┼" : "┤";
                String tail;
                if (r == mid) tail = "──▶ " + node + (values.isEmpty() ? "" : "  " + values.get(0)); // no pass yet: no values
                else if (r == mid + 1 && values.size() > 1) tail = "    " + " ".repeat(node.length()) + "  " + values.get(1);
                else tail = "";
                out.add(edge + joint + tail);
            }
            if (i < l.out - 1) out.add("");
        }
        return out;
    }

    /** "h_pre0 = 0.29" and "h0 = 0.29" (or their gradients), aligned; nothing before a forward pass. */
    private List<String> nodeValues(int k, int i) {
        List<Figure.Value> values = f.node(k, i);
        int w = 0;
        for (Figure.Value value : values) w = Math.max(w, value.name().length());
        List<String> out = new ArrayList<>();
        for (Figure.Value value : values) out.add(pad(value.name(), w) + " = " + value.value());
        return out;
    }

    private static String pad(String s, int w) { return s + " ".repeat(w - s.length()); }
}
