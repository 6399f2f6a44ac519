package nn.explain;

import java.util.Locale;
import nn.core.ForwardPass;
import nn.core.Gradients;
import nn.core.Layer;
import nn.core.Network;

/**
 * The same picture as {@link Picture}, as an SVG drawn by nn itself: one column of circles per layer, every edge a
 * line labelled with its weight (or ∂E/∂w), each neuron with its activation function above and its pre-activation,
 * activation and bias below. Labels sit at staggered points along their edges, on a white halo, so that the
 * labels of edges converging on one neuron do not cover each other.
 */
public final class SvgPicture {
    static final int RADIUS = 22;
    static final int ROW = 110;
    static final int TOP = 70;
    static final int LEFT = 70;

    private final Network net;
    private final ForwardPass p;
    private final Gradients g;
    private final double[] x;
    private final Vocabulary v;
    private final Notation n;
    private final boolean gradients;

    public SvgPicture(Network net, ForwardPass p, Gradients g, double[] x, Vocabulary v, Notation n, boolean gradients) {
        this.net = net;
        this.p = p;
        this.g = g;
        this.x = x;
        this.v = v;
        this.n = n;
        this.gradients = gradients;
    }

    private int size(int c) { return c == 0 ? net.inputSize() : net.layer(c - 1).out; }

    private int maxSize() {
        int m = net.inputSize();
        for (Layer l : net.layers()) m = Math.max(m, l.out);
        return m;
    }

    /** Columns are wider when more edges converge on a neuron, so their labels have room. */
    private double columnGap(int c) { return c == 0 ? 0 : Math.max(240, 45.0 * net.layer(c - 1).in); }

    private double cx(int c) {
        double xpos = LEFT;
        for (int i = 1; i <= c; i++) xpos += columnGap(i);
        return xpos;
    }

    private double cy(int c, int i) { return TOP + (maxSize() - size(c)) * ROW / 2.0 + i * ROW + RADIUS; }

    public String render() {
        int columns = net.depth() + 1;
        double width = cx(columns - 1) + 180;
        double height = TOP + maxSize() * ROW + 30;
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" font-family=\"Helvetica, Arial, sans-serif\">%n",
                width, height, width, height));
        b.append("<title>").append(esc(title())).append("</title>\n");
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        b.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\">"
                + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n");
        // column titles
        text(b, cx(0), 24, "input", 14, "bold", "title");
        for (int k = 0; k < net.depth(); k++) {
            text(b, cx(k + 1), 24, "layer " + k + ": " + v.actName(k), 14, "bold", "title");
        }
        // edges first, so nodes and labels are drawn over them
        b.append("<g class=\"edges\" stroke=\"#555\" stroke-width=\"1.2\">\n");
        for (int k = 0; k < net.depth(); k++) {
            Layer l = net.layer(k);
            for (int i = 0; i < l.out; i++) {
                for (int j = 0; j < l.in; j++) {
                    double x1 = cx(k) + RADIUS;
                    double y1 = cy(k, j);
                    double x2 = cx(k + 1) - RADIUS;
                    double y2 = cy(k + 1, i);
                    b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" marker-end=\"url(#arrow)\"/>%n", x1, y1, x2, y2));
                }
            }
        }
        b.append("</g>\n<g class=\"weights\">\n");
        for (int k = 0; k < net.depth(); k++) {
            Layer l = net.layer(k);
            for (int i = 0; i < l.out; i++) {
                for (int j = 0; j < l.in; j++) {
                    double x1 = cx(k) + RADIUS;
                    double y1 = cy(k, j);
                    double x2 = cx(k + 1) - RADIUS;
                    double y2 = cy(k + 1, i);
                    // staggered along the edge by the source, so labels converging on neuron i stand apart
                    double t = 0.35 + 0.45 * (j + 0.5) / l.in;
                    double value = gradients && g != null ? g.dW()[k][i * l.in + j] : l.w(i, j);
                    String label = n.text(value);
                    double lx = x1 + t * (x2 - x1);
                    double ly = y1 + t * (y2 - y1);
                    double w = 6.2 * label.length() + 6;
                    b.append(String.format(Locale.ROOT, "<g class=\"weight\" data-name=\"%s\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"14\" rx=\"3\" fill=\"white\" fill-opacity=\"0.9\"/>",
                            esc((gradients ? "∂E/∂" : "") + v.weight(k, i, j).text()), lx - w / 2, ly - 8, w));
                    b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1a4d8f\">%s</text></g>%n", lx, ly + 3.5, esc(label)));
                }
            }
        }
        b.append("</g>\n<g class=\"nodes\">\n");
        double[] dx = gradients && g != null ? g.dX() : null;
        for (int j = 0; j < net.inputSize(); j++) {
            String sub = x != null && x.length == net.inputSize() ? n.text(x[j]) : "";
            if (dx != null) sub = "∂E/∂" + v.x(j).text() + " = " + n.text(dx[j]);
            node(b, cx(0), cy(0, j), v.x(j).text(), null, sub.isEmpty() ? new String[0] : new String[] {sub}, "#eef3e8");
        }
        for (int k = 0; k < net.depth(); k++) {
            Layer l = net.layer(k);
            for (int i = 0; i < l.out; i++) {
                String pre = v.pre(k, i).text();
                String act = v.act(k, i).text();
                String bias = v.bias(k, i).text();
                String[] lines;
                if (gradients) {
                    lines = g == null ? new String[0] : new String[] {"∂E/∂" + pre + " = " + n.text(g.dZ()[k][i]), "∂E/∂" + act + " = " + n.text(g.dA()[k][i]),
                        "∂E/∂" + bias + " = " + n.text(g.dB()[k][i])};
                } else {
                    lines = p == null ? new String[] {bias + " = " + n.text(l.b[i])}
                            : new String[] {pre + " = " + n.text(p.z()[k][i]), act + " = " + n.text(p.a()[k][i]), bias + " = " + n.text(l.b[i])};
                }
                node(b, cx(k + 1), cy(k + 1, i), act, l.activation.id, lines, "#fdf1dc");
            }
        }
        b.append("</g>\n</svg>\n");
        return b.toString();
    }

    private String title() {
        StringBuilder s = new StringBuilder("network ").append(net.inputSize());
        for (Layer l : net.layers()) s.append('-').append(l.out);
        return s.append(gradients ? " with its gradients" : " with its weights and values").toString();
    }

    private void node(StringBuilder b, double x0, double y0, String name, String activation, String[] below, String fill) {
        b.append(String.format(Locale.ROOT, "<g class=\"node\" data-name=\"%s\"><circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\" stroke=\"#333\" stroke-width=\"1.5\"/>%n",
                esc(name), x0, y0, RADIUS, fill));
        text(b, x0, y0 + 5, name, 13, "bold", "name");
        if (activation != null) text(b, x0, y0 - RADIUS - 6, activation, 11, "normal", "activation");
        for (int r = 0; r < below.length; r++) text(b, x0, y0 + RADIUS + 15 + 13 * r, below[r], 11, "normal", "value");
        b.append("</g>\n");
    }

    private static void text(StringBuilder b, double x0, double y0, String s, int size, String weight, String cls) {
        b.append(String.format(Locale.ROOT, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" font-weight=\"%s\" text-anchor=\"middle\">%s</text>%n",
                cls, x0, y0, size, weight, esc(s)));
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
