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

    private final Network net;
    private final ForwardPass p;
    private final Gradients g;
    private final double[] x;
    private final Vocabulary v;
    private final Notation n;
    private final boolean gradients;

    /** {@code net}: the current parameters; {@code p}, {@code g}, {@code x} may be null (not computed, not set). */
    public Picture(Network net, ForwardPass p, Gradients g, double[] x, Vocabulary v, Notation n, boolean gradients) {
        this.net = net;
        this.p = p;
        this.g = g;
        this.x = x;
        this.v = v;
        this.n = n;
        this.gradients = gradients;
    }

    public String render() {
        List<List<String>> columns = new ArrayList<>();
        columns.add(inputs());
        for (int k = 0; k < net.depth(); k++) columns.add(layer(k));
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
        int m = net.inputSize();
        double[] dx = gradients && g != null ? g.dX() : null;
        for (int j = 0; j < m; j++) {
            String name = v.x(j).text();
            String s = name + (x != null && x.length == m ? " = " + n.text(x[j]) : "");
            if (dx != null) s += "   ∂E/∂" + name + " = " + n.text(dx[j]);
            out.add(s);
        }
        return out;
    }

    private List<String> layer(int k) {
        Layer l = net.layer(k);
        List<String> out = new ArrayList<>();
        out.add("layer " + k + ": " + v.actName(k) + ", " + l.activation.id + " (" + l.in + "→" + l.out + ")");
        out.add("");
        // the labels of every edge, so that the column lines up
        String[][] labels = new String[l.out][l.in + 1];
        String[] sources = new String[l.in + 1];
        int labelWidth = 0;
        int sourceWidth = 1;
        for (int j = 0; j <= l.in; j++) {
            sources[j] = j < l.in ? v.in(k, j).text() : "1";
            sourceWidth = Math.max(sourceWidth, sources[j].length());
        }
        for (int i = 0; i < l.out; i++) {
            for (int j = 0; j <= l.in; j++) {
                double value;
                if (gradients && g != null) value = j < l.in ? g.dW()[k][i * l.in + j] : g.dB()[k][i];
                else value = j < l.in ? l.w(i, j) : l.b[i];
                labels[i][j] = n.text(value);
                labelWidth = Math.max(labelWidth, labels[i][j].length());
            }
        }
        for (int i = 0; i < l.out; i++) {
            int rows = l.in + 1;
            int mid = (rows - 1) / 2;
            String node = "(" + v.act(k, i).text() + ")";
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
        String pre = v.pre(k, i).text();
        String act = v.act(k, i).text();
        if (gradients) {
            if (g == null) return List.of();
            pre = "∂E/∂" + pre;
            act = "∂E/∂" + act;
            int w = Math.max(pre.length(), act.length());
            return List.of(pad(pre, w) + " = " + n.text(g.dZ()[k][i]), pad(act, w) + " = " + n.text(g.dA()[k][i]));
        }
        if (p == null) return List.of();
        int w = Math.max(pre.length(), act.length());
        return List.of(pad(pre, w) + " = " + n.text(p.z()[k][i]), pad(act, w) + " = " + n.text(p.a()[k][i]));
    }

    private static String pad(String s, int w) { return s + " ".repeat(w - s.length()); }
}
