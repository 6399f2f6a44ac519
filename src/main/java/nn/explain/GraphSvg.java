package nn.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link GraphDiagram} drawn as micrograd's draw_dot draws it: left to right by depth, each value a record box
 * "name | data 0.9 | grad 0.018", each operation a small circle (or a pill, for a long name) just before the value
 * it makes, an arrow from every operand. The layout is layered (Sugiyama's way): values nothing computes stand
 * just before their first use; an edge spanning several layers bends through a waypoint in each, so that it
 * passes between boxes rather than through them; the order within a layer is sorted by the neighbours'
 * positions to cut crossings, and each node then moves towards its neighbours' height.
 */
public final class GraphSvg {
    static final double FONT = 12;
    private static final double BOX_H = 28;
    /** A stacked record's row. */
    private static final double ROW_H = 22;
    /** Records wider than this stack their cells. */
    private static final double WIDEST_RECORD = 300;
    /** Between the bands a long graph is folded into. */
    private static final double BAND_GAP = 56;
    /** The shape a folded graph aims at: a slide's width to its height. */
    private static final double ASPECT = 1.6;
    private static final double GAP_X = 44;
    private static final double GAP_Y = 16;
    private static final double WAYPOINT_H = 8;

    private final GraphDiagram d;

    /** A node of the layout: a value, an operation, or a waypoint of a long edge. */
    private static final class Node {
        final int value;
        final int op;
        final double w;
        final double h;
        int rank;
        int band;
        double x;
        /** The left and right of the node's layer: edges run straight across a layer and bend only between layers. */
        double left;
        double right;
        double y;
        double order;
        final List<Node> in = new ArrayList<>();
        final List<Node> out = new ArrayList<>();

        Node(int value, int op, double w, double h) {
            this.value = value;
            this.op = op;
            this.w = w;
            this.h = h;
        }

        boolean waypoint() { return value < 0 && op < 0; }
    }

    public GraphSvg(GraphDiagram d) { this.d = d; }

    public String svg() { return SvgWriter.write(scene()); }

    public Scene scene() {
        int nv = d.values().size();
        int[] level = GraphPicture.levels(d);
        List<Node> nodes = new ArrayList<>();
        Node[] values = new Node[nv];
        Node[] ops = new Node[d.ops().size()];
        for (int i = 0; i < nv; i++) {
            values[i] = new Node(i, -1, recordWidth(i), recordHeight(i));
            nodes.add(values[i]);
        }
        boolean[] made = new boolean[nv];
        for (int j = 0; j < ops.length; j++) {
            GraphDiagram.Op op = d.ops().get(j);
            double w = opWidth(op.symbol());
            ops[j] = new Node(-1, j, w, Math.min(w, 26));
            nodes.add(ops[j]);
            ops[j].rank = 2 * level[op.result()] - 1;
            values[op.result()].rank = 2 * level[op.result()];
            made[op.result()] = true;
        }
        // what nothing computes stands just before its first use, not all the way left
        for (int i = 0; i < nv; i++) {
            if (made[i]) continue;
            int first = Integer.MAX_VALUE;
            for (int j = 0; j < ops.length; j++) if (d.ops().get(j).operands().contains(i)) first = Math.min(first, ops[j].rank);
            values[i].rank = first == Integer.MAX_VALUE ? 0 : Math.max(0, first - 1);
        }
        List<Node[]> edges = new ArrayList<>();
        for (int j = 0; j < ops.length; j++) {
            GraphDiagram.Op op = d.ops().get(j);
            for (int i : op.operands()) edges.add(new Node[] {values[i], ops[j]});
            edges.add(new Node[] {ops[j], values[op.result()]});
        }
        // long edges through a waypoint in every layer they cross
        List<List<Node>> paths = new ArrayList<>();
        for (Node[] e : edges) {
            List<Node> path = new ArrayList<>();
            path.add(e[0]);
            Node prev = e[0];
            for (int r = e[0].rank + 1; r < e[1].rank; r++) {
                Node w = new Node(-1, -1, 4, WAYPOINT_H);
                w.rank = r;
                nodes.add(w);
                link(prev, w);
                path.add(w);
                prev = w;
            }
            link(prev, e[1]);
            path.add(e[1]);
            paths.add(path);
        }
        List<List<Node>> ranks = ranks(nodes);
        order(ranks);
        place(ranks);
        fold(ranks);
        return draw(nodes, paths);
    }

    private static void link(Node a, Node b) {
        a.out.add(b);
        b.in.add(a);
    }

    private static List<List<Node>> ranks(List<Node> nodes) {
        int top = 0;
        for (Node n : nodes) top = Math.max(top, n.rank);
        List<List<Node>> ranks = new ArrayList<>();
        for (int r = 0; r <= top; r++) ranks.add(new ArrayList<>());
        for (Node n : nodes) ranks.get(n.rank).add(n);
        for (List<Node> r : ranks) for (int i = 0; i < r.size(); i++) r.get(i).order = i;
        return ranks;
    }

    /** Barycentre sweeps, left to right and back: each layer sorted by the mean position of its neighbours. */
    private static void order(List<List<Node>> ranks) {
        for (int sweep = 0; sweep < 12; sweep++) {
            boolean right = sweep % 2 == 0;
            for (int k = 0; k < ranks.size(); k++) {
                List<Node> r = ranks.get(right ? k : ranks.size() - 1 - k);
                for (Node n : r) {
                    List<Node> near = right ? n.in : n.out;
                    if (near.isEmpty()) continue;
                    double s = 0;
                    for (Node m : near) s += m.order;
                    n.order = s / near.size();
                }
                r.sort(Comparator.comparingDouble(n -> n.order));
                for (int i = 0; i < r.size(); i++) r.get(i).order = i;
            }
        }
    }

    /** Columns as wide as their widest node; heights stacked, then drawn towards the neighbours' heights. */
    private static void place(List<List<Node>> ranks) {
        double x = 0;
        for (List<Node> r : ranks) {
            double w = 0;
            for (Node n : r) w = Math.max(w, n.w);
            for (Node n : r) {
                n.x = x + w / 2;
                n.left = x;
                n.right = x + w;
            }
            x += w + GAP_X;
        }
        for (List<Node> r : ranks) {
            double y = 0;
            for (Node n : r) {
                n.y = y + n.h / 2;
                y += n.h + GAP_Y;
            }
            for (Node n : r) n.y -= y / 2;
        }
        for (int round = 0; round < 24; round++) {
            for (List<Node> r : ranks) {
                double[] want = new double[r.size()];
                for (int i = 0; i < r.size(); i++) {
                    Node n = r.get(i);
                    double s = 0;
                    int c = 0;
                    for (Node m : n.in) { s += m.y; c++; }
                    for (Node m : n.out) { s += m.y; c++; }
                    want[i] = c == 0 ? Double.NaN : s / c;
                }
                // a node on its own keeps close to the node before it (or after it), not where it was stacked
                for (int i = 1; i < want.length; i++) if (Double.isNaN(want[i]) && !Double.isNaN(want[i - 1])) want[i] = want[i - 1];
                for (int i = want.length - 2; i >= 0; i--) if (Double.isNaN(want[i]) && !Double.isNaN(want[i + 1])) want[i] = want[i + 1];
                for (int i = 0; i < want.length; i++) if (Double.isNaN(want[i])) want[i] = r.get(i).y;
                separate(r, want);
            }
        }
    }

    /** Where each band's lowest node ends, for the edges that run from one band to the next. */
    private double[] bandBottom = {0};

    /**
     * A graph much wider than high is folded into bands, one under another, so that the picture has about a
     * slide's shape; each band starts at the left again and keeps the layers whole.
     */
    private void fold(List<List<Node>> ranks) {
        double width = 0;
        double low = Double.MAX_VALUE;
        double high = -Double.MAX_VALUE;
        double[] left = new double[ranks.size()];
        double[] right = new double[ranks.size()];
        for (int r = 0; r < ranks.size(); r++) {
            left[r] = Double.MAX_VALUE;
            right[r] = -Double.MAX_VALUE;
            for (Node n : ranks.get(r)) {
                left[r] = Math.min(left[r], n.x - n.w / 2);
                right[r] = Math.max(right[r], n.x + n.w / 2);
                low = Math.min(low, n.y - n.h / 2);
                high = Math.max(high, n.y + n.h / 2);
            }
            width = Math.max(width, right[r]);
        }
        int bands = (int) Math.max(1, Math.round(Math.sqrt(width / (ASPECT * (high - low + BAND_GAP)))));
        double share = width / bands;
        int band = 0;
        double start = 0;
        for (int r = 0; r < ranks.size(); r++) {
            if (band < bands - 1 && right[r] - start > share * 1.08 && left[r] > start) {
                band++;
                start = left[r];
            }
            for (Node n : ranks.get(r)) {
                n.band = band;
                n.x -= start;
                n.left -= start;
                n.right -= start;
            }
        }
        // each band as high as its own layers need, one under another
        double[] top = new double[band + 1];
        double[] bottom = new double[band + 1];
        java.util.Arrays.fill(top, Double.MAX_VALUE);
        java.util.Arrays.fill(bottom, -Double.MAX_VALUE);
        for (List<Node> r : ranks) {
            for (Node n : r) {
                top[n.band] = Math.min(top[n.band], n.y - n.h / 2);
                bottom[n.band] = Math.max(bottom[n.band], n.y + n.h / 2);
            }
        }
        double[] shift = new double[band + 1];
        bandBottom = new double[band + 1];
        double y = 0;
        for (int b = 0; b <= band; b++) {
            if (top[b] == Double.MAX_VALUE) continue;
            shift[b] = y - top[b];
            bandBottom[b] = bottom[b] + shift[b];
            y = bandBottom[b] + BAND_GAP;
        }
        for (List<Node> r : ranks) for (Node n : r) n.y += shift[n.band];
    }

    /** Heights as near {@code want} as the order and the gaps allow (the mean shift kept at zero). */
    private static void separate(List<Node> r, double[] want) {
        double[] y = want.clone();
        for (int i = 1; i < y.length; i++) y[i] = Math.max(y[i], y[i - 1] + (r.get(i - 1).h + r.get(i).h) / 2 + GAP_Y);
        double shift = 0;
        for (int i = 0; i < y.length; i++) shift += want[i] - y[i];
        shift /= Math.max(1, y.length);
        for (int i = 0; i < y.length; i++) r.get(i).y = y[i] + shift;
    }

    // ---- drawing ----

    /**
     * Where each path meets its target's left side ({@code entering}) or leaves its source's right side: spread over
     * the side, ordered by the height of the path's next point, so that edges meeting one node do not cross there.
     */
    private static java.util.Map<List<Node>, Double> ports(List<List<Node>> paths, boolean entering) {
        java.util.Map<Node, List<List<Node>>> at = new java.util.LinkedHashMap<>();
        for (List<Node> p : paths) at.computeIfAbsent(entering ? p.get(p.size() - 1) : p.get(0), k -> new ArrayList<>()).add(p);
        java.util.Map<List<Node>, Double> out = new java.util.IdentityHashMap<>();
        for (java.util.Map.Entry<Node, List<List<Node>>> e : at.entrySet()) {
            Node node = e.getKey();
            List<List<Node>> list = e.getValue();
            list.sort(Comparator.comparingDouble(p -> entering ? p.get(p.size() - 2).y : p.get(1).y));
            int m = list.size();
            double step = m == 1 ? 0 : Math.min(7, (node.h - 10) / (m - 1));
            for (int k = 0; k < m; k++) out.put(list.get(k), node.y + step * (k - (m - 1) / 2.0));
        }
        return out;
    }

    /** The x where height y meets the node's right (or left) side: on the circle for a round operation. */
    private static double side(Node n, double y, boolean right) {
        double half = n.w / 2;
        if (n.op >= 0 && n.w <= 26) {
            double dy = y - n.y;
            half = Math.sqrt(Math.max(0, 13 * 13 - dy * dy));
        }
        return right ? n.x + half : n.x - half;
    }

    private List<String> cells(int i) {
        GraphDiagram.Value v = d.values().get(i);
        List<String> cells = new ArrayList<>();
        if (v.name() != null) cells.add(v.name());
        cells.add("data " + (v.data() == null ? "?" : v.data()));
        if (v.grad() != null) cells.add("grad " + v.grad());
        return cells;
    }

    private double cellWidth(String s, boolean bold) { return TextSize.width(s, FONT, bold) + 14; }

    /** The record's cells side by side ("x0 | data 0.9 | grad 0.018"), or stacked when that would be too wide. */
    private boolean stacked(int i) { return flatWidth(i) > WIDEST_RECORD; }

    private double flatWidth(int i) {
        List<String> cells = cells(i);
        double w = 0;
        for (int c = 0; c < cells.size(); c++) w += cellWidth(cells.get(c), c == 0 && d.values().get(i).name() != null);
        return w;
    }

    private double recordWidth(int i) {
        if (!stacked(i)) return flatWidth(i);
        double w = 0;
        List<String> cells = cells(i);
        for (int c = 0; c < cells.size(); c++) w = Math.max(w, cellWidth(cells.get(c), c == 0 && d.values().get(i).name() != null));
        return w;
    }

    private double recordHeight(int i) { return stacked(i) ? cells(i).size() * ROW_H : BOX_H; }

    private static double opWidth(String symbol) { return Math.max(26, TextSize.width(symbol, FONT, true) + 14); }

    private Scene draw(List<Node> nodes, List<List<Node>> paths) {
        List<Scene.Shape> lines = new ArrayList<>();
        List<Scene.Shape> shapes = new ArrayList<>();
        // each edge arrives at (and leaves) its own point on the node's side, in the order of where it comes from
        java.util.Map<List<Node>, Double> enter = ports(paths, true);
        java.util.Map<List<Node>, Double> leave = ports(paths, false);
        // edges running from one band to the next each take their own lane in the gap between the bands
        int[] crossing = new int[bandBottom.length];
        for (List<Node> path : paths) for (int k = 1; k < path.size(); k++) if (path.get(k - 1).band != path.get(k).band) crossing[path.get(k - 1).band]++;
        int[] lane = new int[bandBottom.length];
        for (List<Node> path : paths) {
            int n = path.size();
            List<double[]> points = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                Node p = path.get(k);
                double y = k == 0 ? leave.get(path) : k == n - 1 ? enter.get(path) : p.y;
                if (k > 0 && path.get(k - 1).band != p.band) {
                    // from one band down to the next: along the gap between them, back to the left
                    double[] last = points.get(points.size() - 1);
                    int b = path.get(k - 1).band;
                    double step = Math.min(8, (BAND_GAP - 16) / Math.max(1, crossing[b] - 1));
                    double gap = bandBottom[b] + BAND_GAP / 2 + step * (lane[b]++ - (crossing[b] - 1) / 2.0);
                    points.add(new double[] {last[0] + 24, gap});
                    points.add(new double[] {p.left - 24, gap});
                }
                // across the node's layer at its height, so that the edge bends only in the gaps between layers
                if (k == 0) {
                    points.add(new double[] {side(p, y, true), y});
                    points.add(new double[] {p.right, y});
                } else if (k == n - 1) {
                    points.add(new double[] {p.left, y});
                    points.add(new double[] {side(p, y, false) - 7, y});
                } else {
                    points.add(new double[] {p.left, y});
                    points.add(new double[] {p.right, y});
                }
            }
            // points that coincide (a node as wide as its layer) would make a curve of no length
            for (int k = points.size() - 1; k > 0; k--) {
                if (Math.abs(points.get(k)[0] - points.get(k - 1)[0]) < 0.01 && Math.abs(points.get(k)[1] - points.get(k - 1)[1]) < 0.01) points.remove(k);
            }
            double[] xs = new double[points.size()];
            double[] ys = new double[points.size()];
            for (int k = 0; k < xs.length; k++) {
                xs[k] = points.get(k)[0];
                ys[k] = points.get(k)[1];
            }
            lines.add(new Scene.Poly(xs, ys, "#777777", 1.2, null, true, "edge"));
            double tx = xs[xs.length - 1] + 7;
            double ty = ys[ys.length - 1];
            lines.add(new Scene.Poly(new double[] {tx, tx - 8, tx - 8}, new double[] {ty, ty - 4, ty + 4}, null, 0, "#777777", false, "arrow"));
        }
        for (Node n : nodes) {
            if (n.waypoint()) continue;
            if (n.op >= 0) {
                String symbol = d.ops().get(n.op).symbol();
                if (n.w <= 26) shapes.add(new Scene.Circle(n.x, n.y, 13, "#fff3d6", "#8a6d3b", 1.2, "op", symbol));
                else shapes.add(new Scene.Box(n.x - n.w / 2, n.y - 13, n.w, 26, 13, "#fff3d6", "#8a6d3b", 1.2, "op"));
                shapes.add(new Scene.Text(n.x, n.y, symbol, FONT, true, Scene.Anchor.MIDDLE, Palette.INK, 0, false, "op", symbol));
                continue;
            }
            GraphDiagram.Value v = d.values().get(n.value);
            boolean leaf = true;
            for (GraphDiagram.Op op : d.ops()) if (op.result() == n.value) leaf = false;
            double x0 = n.x - n.w / 2;
            shapes.add(new Scene.Box(x0, n.y - n.h / 2, n.w, n.h, 3, leaf ? "#eef4fb" : "white", "#555555", 1.2, "value"));
            List<String> cells = cells(n.value);
            boolean stacked = stacked(n.value);
            double cx = x0;
            double cy = n.y - n.h / 2 + ROW_H / 2;
            for (int c = 0; c < cells.size(); c++) {
                boolean name = c == 0 && v.name() != null;
                double w = cellWidth(cells.get(c), name);
                if (c > 0 && !stacked) shapes.add(new Scene.Line(cx, n.y - n.h / 2, cx, n.y + n.h / 2, "#555555", 1, "cell", null));
                if (c > 0 && stacked) shapes.add(new Scene.Line(x0, cy - ROW_H / 2, x0 + n.w, cy - ROW_H / 2, "#555555", 1, "cell", null));
                String color = cells.get(c).startsWith("data ") && Double.isFinite(v.number()) ? Palette.text(v.number()) : Palette.INK;
                shapes.add(new Scene.Text(stacked ? n.x : cx + w / 2, stacked ? cy : n.y, cells.get(c), FONT, name, Scene.Anchor.MIDDLE,
                        name ? Palette.INK : color, 0, false, name ? "name" : c == cells.size() - 1 && v.grad() != null ? "grad" : "data", v.name()));
                cx += w;
                cy += ROW_H;
            }
        }
        List<Scene.Shape> all = new ArrayList<>(lines);
        all.addAll(shapes);
        return Scene.fitted(d.title(), all, 16);
    }
}
