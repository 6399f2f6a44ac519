package nn.explain;

import java.util.ArrayList;
import java.util.List;
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

    /** What the picture shows; this class only lays it out. */
    private final Figure f;

    public SvgPicture(Network net, ForwardPass p, Gradients g, double[] x, Vocabulary v, Notation n, boolean gradients) {
        this.f = new Figure(net, p, g, x, v, n, gradients);
    }

    private int size(int c) { return c == 0 ? f.net.inputSize() : f.net.layer(c - 1).out; }

    private int maxSize() {
        int m = f.net.inputSize();
        for (Layer l : f.net.layers()) m = Math.max(m, l.out);
        return m;
    }

    /** Columns are wider when more edges converge on a neuron, so their labels have room. */
    private double columnGap(int c) { return c == 0 ? 0 : Math.max(240, 45.0 * f.net.layer(c - 1).in); }

    private double cx(int c) {
        double xpos = LEFT;
        for (int i = 1; i <= c; i++) xpos += columnGap(i);
        return xpos;
    }

    private double cy(int c, int i) { return TOP + (maxSize() - size(c)) * ROW / 2.0 + i * ROW + RADIUS; }

    public String render() {
        int columns = f.net.depth() + 1;
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
        for (int k = 0; k < f.net.depth(); k++) {
            text(b, cx(k + 1), 24, "layer " + k + ": " + f.v.actName(k), 14, "bold", "title");
        }
        // edges first, so nodes and labels are drawn over them: one walk over the edges writes both groups
        StringBuilder edges = new StringBuilder("<g class=\"edges\" stroke=\"#555\" stroke-width=\"1.2\">\n");
        StringBuilder weights = new StringBuilder("</g>\n<g class=\"weights\">\n");
        for (int k = 0; k < f.net.depth(); k++) {
            Layer l = f.net.layer(k);
            for (int i = 0; i < l.out; i++) {
                for (int j = 0; j < l.in; j++) {
                    double x1 = cx(k) + RADIUS;
                    double y1 = cy(k, j);
                    double x2 = cx(k + 1) - RADIUS;
                    double y2 = cy(k + 1, i);
                    edges.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" marker-end=\"url(#arrow)\"/>%n", x1, y1, x2, y2));
                    // staggered along the edge by the source, so labels converging on neuron i stand apart
                    double t = 0.35 + 0.45 * (j + 0.5) / l.in;
                    String label = f.edge(k, i, j);
                    double lx = x1 + t * (x2 - x1);
                    double ly = y1 + t * (y2 - y1);
                    double w = 6.2 * label.length() + 6;
                    weights.append(String.format(Locale.ROOT, "<g class=\"weight\" data-name=\"%s\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"14\" rx=\"3\" fill=\"white\" fill-opacity=\"0.9\"/>",
                            esc((f.gradients ? "∂E/∂" : "") + f.v.weight(k, i, j).text()), lx - w / 2, ly - 8, w));
                    weights.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1a4d8f\">%s</text></g>%n", lx, ly + 3.5, esc(label)));
                }
            }
        }
        b.append(edges).append(weights);
        b.append("</g>\n<g class=\"nodes\">\n");
        for (int j = 0; j < f.net.inputSize(); j++) {
            Figure.Value dx = f.inputGradient(j);
            String sub = dx != null ? dx.equation() : f.input(j);
            node(b, cx(0), cy(0, j), f.v.x(j).text(), null, sub == null ? new String[0] : new String[] {sub}, "#eef3e8");
        }
        for (int k = 0; k < f.net.depth(); k++) {
            Layer l = f.net.layer(k);
            for (int i = 0; i < l.out; i++) {
                // the pre-activation and activation (none before the pass that gives them), then the bias
                List<String> lines = new ArrayList<>();
                for (Figure.Value value : f.node(k, i)) lines.add(value.equation());
                Figure.Value bias = f.bias(k, i);
                if (bias != null) lines.add(bias.equation());
                node(b, cx(k + 1), cy(k + 1, i), f.v.act(k, i).text(), l.activation.id, lines.toArray(new String[0]), "#fdf1dc");
            }
        }
        b.append("</g>\n</svg>\n");
        return b.toString();
    }

    private String title() {
        StringBuilder s = new StringBuilder("network ").append(f.net.inputSize());
        for (Layer l : f.net.layers()) s.append('-').append(l.out);
        return s.append(f.gradients ? " with its gradients" : " with its weights and values").toString();
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
