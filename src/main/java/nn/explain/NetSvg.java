package nn.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link NetDiagram} as a drawing for a browser or a slide: one column of circles per layer, the inputs first;
 * every edge a line coloured by its weight's sign (blue positive, orange-red negative) and as thick as the weight
 * is large; each node's values (or gradients) and bias under it. Edge labels lie along their edge, near its target
 * end, on a white halo, and are placed one by one where they overlap nothing else, the largest numbers first:
 * where not every number fits (16 units feeding 16), the smaller ones are left to the colours and a note says how
 * many are shown. Layers wider than {@link Elision#MAX_UNITS} show their first and last units; networks deeper than
 * {@link Elision#MAX_LAYERS} their first and last layers, a column of "⋯" for the rest, and a note says which.
 */
public final class NetSvg {
    static final double NAME = 13;
    static final double VALUE = 11;
    static final double LABEL = 11;
    static final double HEAD = 14;
    static final double NOTE = 12;
    private static final double LINE_GAP = 14;
    private static final double TOP = 52;
    /** Edges steeper than this (degrees) carry no number. */
    static final double STEEPEST = 55;

    private final NetDiagram d;
    /** The columns drawn: all of the diagram's, or for a deep network the first and last layers and a gap column. */
    private final List<NetDiagram.Column> cols = new ArrayList<>();
    /** Where the gap column stands in {@link #cols}, or -1. */
    private final int gapColumn;
    private final boolean gradients;
    /** The slots of each column: unit indices, {@link Elision#GAP} for the left-out ones. */
    private final List<List<Integer>> slots = new ArrayList<>();
    private final double radius;
    private final double row;
    private final double[] xs;
    private final int maxSlots;

    /** {@code gradients}: label edges and nodes with ∂E/∂ instead of the weights and values. */
    public NetSvg(NetDiagram d, boolean gradients) {
        this.d = d;
        this.gradients = gradients;
        double r = 20;
        int lines = 0;
        int most = 1;
        int gapAt = -1;
        for (int shown : Elision.shownColumns(d.columns().size())) {
            if (shown == Elision.GAP) {
                gapAt = cols.size();
                int a = Elision.firstLeftOutLayer();
                int b = Elision.lastLeftOutLayer(d.columns().size());
                cols.add(new NetDiagram.Column(a == b ? "layer " + a : "layers " + a + "-" + b, (b - a + 1) + " layer" + (a == b ? "" : "s"), "", List.of(), List.of()));
            } else {
                cols.add(d.columns().get(shown));
            }
        }
        gapColumn = gapAt;
        for (NetDiagram.Column c : cols) {
            slots.add(Elision.shown(c.nodes().size()));
            most = Math.max(most, slots.get(slots.size() - 1).size());
            for (int i = 0; i < c.nodes().size(); i++) {
                r = Math.max(r, TextSize.width(c.nodes().get(i).name(), NAME, true) / 2 + 6);
                lines = Math.max(lines, readings(c, i).size());
            }
        }
        this.radius = r;
        this.maxSlots = most;
        this.row = 2 * r + 12 + lines * LINE_GAP + 18;
        this.xs = new double[cols.size()];
        for (int c = 1; c < xs.length; c++) xs[c] = xs[c - 1] + gap(c);
    }

    public String svg() { return SvgWriter.write(scene()); }

    /**
     * The room between column c - 1 and c: more when more edges meet there, never less than their values need, and
     * for up to 10 units a column, enough that no edge is steeper than {@link #STEEPEST} and every edge can carry
     * its number (wider columns would need a canvas too wide to show: their steep edges go unlabelled).
     */
    private double gap(int c) {
        if (c == gapColumn || c - 1 == gapColumn) {
            // no edges across the gap: room for the headings and the values beside it
            double heads = (TextSize.width(heading(c - 1), HEAD, true) + TextSize.width(heading(c), HEAD, true)) / 2 + 30;
            return Math.max(heads, (c == gapColumn ? valueHalf(c - 1) : valueHalf(c)) + 70);
        }
        int fan = Math.max(slots.get(c - 1).size(), slots.get(c).size());
        double g = Math.max(Math.min(440, 180 + 18 * fan), valueHalf(c - 1) + valueHalf(c) + 60);
        if (fan > 10) return g;
        double rise = 0;
        for (int a = 0; a < slots.get(c - 1).size(); a++) {
            for (int b = 0; b < slots.get(c).size(); b++) rise = Math.max(rise, Math.abs(y(c - 1, a) - y(c, b)));
        }
        return Math.max(g, rise / Math.tan(Math.toRadians(STEEPEST - 3)) + 2 * radius);
    }

    private double valueHalf(int c) {
        NetDiagram.Column col = cols.get(c);
        double w = 2 * radius;
        for (int i : slots.get(c)) {
            if (i == Elision.GAP) continue;
            for (NetDiagram.Reading r : readings(col, i)) w = Math.max(w, TextSize.width(r.equation(), VALUE, false));
        }
        return w / 2;
    }

    private double x(int c) { return xs[c]; }

    /** A column's heading: "input", "layer 0: h", "layers 3-6" for the gap. */
    private String heading(int c) {
        NetDiagram.Column col = cols.get(c);
        return col.input() || c == gapColumn ? col.heading() : col.heading() + ": " + col.name();
    }

    private double y(int c, int slot) { return TOP + (maxSlots - slots.get(c).size()) * row / 2 + slot * row + radius; }

    /** What is written under node i of column c: its values (or gradients), then its bias (or ∂E/∂b). */
    private List<NetDiagram.Reading> readings(NetDiagram.Column c, int i) {
        NetDiagram.Node node = c.nodes().get(i);
        List<NetDiagram.Reading> out = new ArrayList<>();
        if (c.input()) {
            out.addAll(node.values());
            if (gradients) out.addAll(node.gradients());
            return out;
        }
        out.addAll(gradients ? node.gradients() : node.values());
        for (NetDiagram.Edge e : c.edges()) {
            if (e.bias() && e.to() == i && e.label(gradients) != null) out.add(e.label(gradients));
        }
        return out;
    }

    /** One edge as drawn: its ends on the two circles, and what it is labelled with. */
    private record Drawn(int column, NetDiagram.Edge edge, NetDiagram.Reading label, double x1, double y1, double x2, double y2) {
        double length() { return Math.hypot(x2 - x1, y2 - y1); }

        double angle() { return Math.toDegrees(Math.atan2(y2 - y1, x2 - x1)); }
    }

    public Scene scene() {
        List<Scene.Shape> lines = new ArrayList<>();
        List<Scene.Shape> nodes = new ArrayList<>();
        List<Scene.Shape> texts = new ArrayList<>();
        Placement taken = new Placement();
        List<Drawn> edges = edges();
        double biggest = 0;
        for (Drawn e : edges) if (e.label() != null && Double.isFinite(e.label().number())) biggest = Math.max(biggest, Math.abs(e.label().number()));
        int[] perColumn = new int[cols.size()];
        for (Drawn e : edges) perColumn[e.column()]++;
        for (Drawn e : edges) {
            double v = e.label() == null ? 0 : e.label().number();
            // many edges between two columns: thinner and translucent, so that the strong ones stand out
            boolean dense = perColumn[e.column()] > 40;
            double most = dense ? 2.4 : 3.4;
            double w = biggest == 0 || !Double.isFinite(v) ? 1 : 0.7 + most * Math.abs(v) / biggest;
            lines.add(new Scene.Line(e.x1(), e.y1(), e.x2(), e.y2(), Palette.line(v), w, dense ? 0.6 : 1, "edge", e.edge().weight().name()));
            taken.addLine(e.x1(), e.y1(), e.x2(), e.y2());
        }
        double bottom = 0;
        // the nodes, their names and their values: fixed, so labels are placed around them
        for (int c = 0; c < cols.size(); c++) {
            NetDiagram.Column col = cols.get(c);
            if (c == gapColumn) {
                // the left-out layers: a row of dots where they would stand, how many, and which
                double cy = TOP + maxSlots * row / 2;
                place(texts, taken, new Scene.Text(x(c), cy - 10, "⋯", 28, true, Scene.Anchor.MIDDLE, Palette.GREY, 0, false, "gap", col.heading()));
                place(texts, taken, new Scene.Text(x(c), cy + 16, col.name() + " more", VALUE, false, Scene.Anchor.MIDDLE, Palette.GREY, 0, false, "gap", col.heading()));
                place(texts, taken, new Scene.Text(x(c), 8, heading(c), HEAD, true, Scene.Anchor.MIDDLE, Palette.GREY, 0, false, "title", col.heading()));
                continue;
            }
            double shadeMax = 0;
            for (NetDiagram.Node n : col.nodes()) if (Double.isFinite(n.shade(gradients))) shadeMax = Math.max(shadeMax, Math.abs(n.shade(gradients)));
            for (int s = 0; s < slots.get(c).size(); s++) {
                int i = slots.get(c).get(s);
                double cx = x(c);
                double cy = y(c, s);
                if (i == Elision.GAP) {
                    place(texts, taken, new Scene.Text(cx, cy - 8, "⋮", 20, true, Scene.Anchor.MIDDLE, Palette.GREY, 0, false, "gap", col.name()));
                    place(texts, taken, new Scene.Text(cx, cy + 16, Elision.leftOut(col.nodes().size()) + " more", VALUE, false,
                            Scene.Anchor.MIDDLE, Palette.GREY, 0, false, "gap", col.name()));
                    continue;
                }
                NetDiagram.Node n = col.nodes().get(i);
                double shade = n.shade(gradients);
                nodes.add(new Scene.Circle(cx, cy, radius, Palette.fill(shade, shadeMax == 0 ? 0 : Math.abs(shade) / shadeMax), "#333333", 1.5, "node", n.name()));
                taken.add(Placement.rect(cx - radius - 2, cy - radius - 2, cx + radius + 2, cy + radius + 2));
                texts.add(new Scene.Text(cx, cy, n.name(), NAME, true, Scene.Anchor.MIDDLE, Palette.INK, 0, false, "name", n.name()));
                double ly = cy + radius + 6 + LINE_GAP / 2;
                for (NetDiagram.Reading r : readings(col, i)) {
                    place(texts, taken, new Scene.Text(cx, ly, r.equation(), VALUE, false, Scene.Anchor.MIDDLE, Palette.INK, 0, true, "value", r.name()));
                    ly += LINE_GAP;
                }
                bottom = Math.max(bottom, ly);
            }
            // the heading: the layer and its name, the activation under it
            place(texts, taken, new Scene.Text(x(c), 8, heading(c), HEAD, true, Scene.Anchor.MIDDLE, Palette.INK, 0, false, "title", col.name()));
            if (!col.input()) {
                place(texts, taken, new Scene.Text(x(c), 27, col.activation(), NOTE, false, Scene.Anchor.MIDDLE, Palette.GREY, 0, false, "activation", col.name()));
            }
        }
        List<String> notes = new ArrayList<>();
        if (gapColumn >= 0) notes.add(Elision.layersNote(d.columns(), true));
        for (NetDiagram.Column c : cols) {
            if (Elision.elides(c.nodes().size())) notes.add(Elision.note(c.name(), c.nodes().size(), true));
        }
        notes.addAll(labels(edges, texts, taken));
        legend(lines, texts, bottom + 22, notes);
        List<Scene.Shape> all = new ArrayList<>(lines);
        all.addAll(nodes);
        all.addAll(texts);
        return Scene.fitted(d.title() + (gradients ? " with its gradients" : " with its weights and values"), all, 16);
    }

    private static void place(List<Scene.Shape> texts, Placement taken, Scene.Text t) {
        texts.add(t);
        taken.add(t.corners());
    }

    /** Every drawn edge: between shown units, from the right of the source's circle to the left of the target's. */
    private List<Drawn> edges() {
        List<Drawn> out = new ArrayList<>();
        for (int c = 1; c < cols.size(); c++) {
            // into the gap and out of it: the sources are layers not drawn
            if (c == gapColumn || c - 1 == gapColumn) continue;
            NetDiagram.Column col = cols.get(c);
            int[] fromSlot = slotOf(slots.get(c - 1), cols.get(c - 1).nodes().size());
            int[] toSlot = slotOf(slots.get(c), col.nodes().size());
            for (NetDiagram.Edge e : col.edges()) {
                if (e.bias() || fromSlot[e.from()] < 0 || toSlot[e.to()] < 0) continue;
                double sx = x(c - 1);
                double sy = y(c - 1, fromSlot[e.from()]);
                double tx = x(c);
                double ty = y(c, toSlot[e.to()]);
                double len = Math.hypot(tx - sx, ty - sy);
                double ux = (tx - sx) / len;
                double uy = (ty - sy) / len;
                out.add(new Drawn(c, e, e.label(gradients), sx + ux * radius, sy + uy * radius, tx - ux * radius, ty - uy * radius));
            }
        }
        return out;
    }

    private static int[] slotOf(List<Integer> shown, int n) {
        int[] out = new int[n];
        java.util.Arrays.fill(out, -1);
        for (int s = 0; s < shown.size(); s++) if (shown.get(s) >= 0) out[shown.get(s)] = s;
        return out;
    }

    /**
     * Each edge's number along it, the largest numbers first, at the first free place walking back from the
     * target end; returns a note for every layer whose numbers did not all fit.
     */
    private List<String> labels(List<Drawn> edges, List<Scene.Shape> texts, Placement taken) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < edges.size(); i++) if (edges.get(i).label() != null) order.add(i);
        order.sort(Comparator.comparingDouble((Integer i) -> -magnitude(edges.get(i).label().number())));
        int[] shown = new int[cols.size()];
        int[] total = new int[cols.size()];
        for (int index : order) {
            Drawn e = edges.get(index);
            total[e.column()]++;
            if (Math.abs(e.angle()) > STEEPEST) continue; // text that steep is read with a tilted head: left to the colours
            double w = TextSize.width(e.label().text(), LABEL, false);
            double len = e.length();
            double ux = (e.x2() - e.x1()) / len;
            double uy = (e.y2() - e.y1()) / len;
            // from near the target end back towards the source, in steps of a few pixels
            for (double s = len - w / 2 - 8; s >= w / 2 + 8; s -= 6) {
                Scene.Text t = new Scene.Text(e.x1() + ux * s, e.y1() + uy * s, e.label().text(), LABEL, false, Scene.Anchor.MIDDLE,
                        Palette.text(e.label().number()), e.angle(), true, "weight", e.label().name());
                double[] box = t.corners();
                // where it overlaps no text and lies across no other edge, so that it reads as this edge's
                if (taken.free(box) && taken.clearOfLines(box, index)) {
                    taken.add(box);
                    texts.add(t);
                    shown[e.column()]++;
                    break;
                }
            }
        }
        List<String> notes = new ArrayList<>();
        for (int c = 1; c < shown.length; c++) {
            if (shown[c] < total[c]) {
                notes.add("numbers on the " + shown[c] + " largest of the " + total[c] + " edges into " + cols.get(c).name()
                        + " (the rest only by colour and width)");
            }
        }
        return notes;
    }

    private static double magnitude(double v) { return Double.isFinite(v) ? Math.abs(v) : 0; }

    /** Under the picture: what the colours and widths mean, then what was left out. */
    private void legend(List<Scene.Shape> lines, List<Scene.Shape> texts, double top, List<String> notes) {
        double x = x(0) - radius;
        double y = top;
        String what = gradients ? "∂E/∂w" : "weight";
        lines.add(new Scene.Line(x, y, x + 26, y, Palette.POSITIVE_LINE, 3, "legend", "positive"));
        Scene.Text pos = new Scene.Text(x + 32, y, "positive " + what, NOTE, false, Scene.Anchor.START, Palette.GREY, 0, false, "legend", null);
        texts.add(pos);
        double nx = x + 32 + pos.width() + 18;
        lines.add(new Scene.Line(nx, y, nx + 26, y, Palette.NEGATIVE_LINE, 3, "legend", "negative"));
        Scene.Text neg = new Scene.Text(nx + 32, y, "negative " + what + "; line width: its size", NOTE, false, Scene.Anchor.START,
                Palette.GREY, 0, false, "legend", null);
        texts.add(neg);
        for (String note : notes) {
            y += NOTE * 1.5;
            texts.add(new Scene.Text(x, y, note, NOTE, false, Scene.Anchor.START, Palette.GREY, 0, false, "note", null));
        }
    }
}
