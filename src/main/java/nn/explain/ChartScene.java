package nn.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Chart} as a drawing for SVG and PNG: a title, a grid at the ticks (lighter at a log axis's 2…9), axes
 * with tick marks and labels, the axis labels, every curve in its own colour, and a legend when there is more than
 * one. 800 × 500 units: the PNG at scale 2 is 1600 × 1000, a slide's resolution.
 */
public final class ChartScene {
    private ChartScene() { }

    public static final double WIDTH = 800;
    public static final double HEIGHT = 500;
    static final double TITLE = 18;
    static final double LABEL = 14;
    static final double TICK = 13;

    public static String svg(Chart c) { return SvgWriter.write(scene(c)); }

    public static byte[] png(Chart c) throws java.io.IOException { return PngWriter.write(scene(c), 2); }

    public static Scene scene(Chart c) {
        Axis ya = Axis.y(c, 5, true);
        Axis xa = Axis.x(c, 6, true);
        double tickWidth = 0;
        for (String l : ya.labels) tickWidth = Math.max(tickWidth, TextSize.width(l, TICK, false));
        double left = 30 + tickWidth + 12;
        double right = WIDTH - 28;
        double top = 52;
        double bottom = HEIGHT - 60;
        List<Scene.Shape> s = new ArrayList<>();
        s.add(new Scene.Text(WIDTH / 2, 24, c.title(), TITLE, true, Scene.Anchor.MIDDLE, Palette.INK, 0, false, "title", null));
        // the grid under everything
        for (double m : ya.minor) {
            double y = py(ya, m, top, bottom);
            s.add(new Scene.Line(left, y, right, y, "#f1f1f1", 1, "grid", null));
        }
        for (double t : ya.ticks) {
            double y = py(ya, t, top, bottom);
            s.add(new Scene.Line(left, y, right, y, Palette.GRID, 1, "grid", null));
        }
        for (double t : xa.ticks) {
            double x = px(xa, t, left, right);
            s.add(new Scene.Line(x, top, x, bottom, Palette.GRID, 1, "grid", null));
        }
        // the curves, broken where a value is not finite
        for (int k = 0; k < c.series().size(); k++) {
            Chart.Series series = c.series().get(k);
            String color = Palette.SERIES[k % Palette.SERIES.length];
            List<double[]> run = new ArrayList<>();
            for (int i = 0; i <= series.x().length; i++) {
                boolean ok = i < series.x().length && Double.isFinite(series.y()[i]) && (!ya.log || series.y()[i] > 0);
                if (ok) run.add(new double[] {px(xa, series.x()[i], left, right), py(ya, series.y()[i], top, bottom)});
                if (!ok || i == series.x().length) {
                    if (!run.isEmpty()) s.add(curve(run, color));
                    run.clear();
                }
            }
        }
        // axes, ticks and their labels
        s.add(new Scene.Poly(new double[] {left, left, right}, new double[] {top, bottom, bottom}, Palette.RULE, 1.2, null, false, "axis"));
        for (int i = 0; i < ya.ticks.length; i++) {
            double y = py(ya, ya.ticks[i], top, bottom);
            s.add(new Scene.Line(left - 5, y, left, y, Palette.RULE, 1.2, "tick", null));
            s.add(new Scene.Text(left - 9, y, ya.labels[i], TICK, false, Scene.Anchor.END, Palette.INK, 0, false, "tick-label", "y"));
        }
        for (int i = 0; i < xa.ticks.length; i++) {
            double x = px(xa, xa.ticks[i], left, right);
            s.add(new Scene.Line(x, bottom, x, bottom + 5, Palette.RULE, 1.2, "tick", null));
            s.add(new Scene.Text(x, bottom + 18, xa.labels[i], TICK, false, Scene.Anchor.MIDDLE, Palette.INK, 0, false, "tick-label", "x"));
        }
        s.add(new Scene.Text((left + right) / 2, bottom + 42, c.xLabel(), LABEL, false, Scene.Anchor.MIDDLE, Palette.INK, 0, false, "axis-label", "x"));
        String yLabel = c.yLabel() + (ya.log ? " (log scale)" : "");
        s.add(new Scene.Text(16, (top + bottom) / 2, yLabel, LABEL, false, Scene.Anchor.MIDDLE, Palette.INK, -90, false, "axis-label", "y"));
        if (c.series().size() > 1) legend(s, c, left, right, top, bottom);
        return new Scene(WIDTH, HEIGHT, c.title(), s);
    }

    private static Scene.Poly curve(List<double[]> run, String color) {
        double[] xs = new double[run.size()];
        double[] ys = new double[run.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = run.get(i)[0];
            ys[i] = run.get(i)[1];
        }
        if (xs.length == 1) return new Scene.Poly(new double[] {xs[0] - 2, xs[0] + 2}, new double[] {ys[0], ys[0]}, color, 4, null, false, "curve");
        return new Scene.Poly(xs, ys, color, 2.2, null, false, "curve");
    }

    /**
     * The curves' names in a box in a corner of the plot: the top right one, unless a curve passes under it (a test
     * loss rising again, a loss that does not fall); then the first corner of top left, bottom right, bottom left that
     * no curve crosses, or the one fewest curve segments cross.
     */
    private static void legend(List<Scene.Shape> s, Chart c, double left, double right, double top, double bottom) {
        double w = 0;
        for (Chart.Series series : c.series()) w = Math.max(w, TextSize.width(series.name(), TICK, false));
        double boxW = w + 52;
        double boxH = 10 + 20 * c.series().size();
        double[][] corners = {
            {right - boxW - 10, top + 10}, {left + 10, top + 10}, {right - boxW - 10, bottom - boxH - 10}, {left + 10, bottom - boxH - 10}};
        double x0 = corners[0][0];
        double y0 = corners[0][1];
        int fewest = Integer.MAX_VALUE;
        for (double[] corner : corners) {
            int crossings = crossings(s, corner[0] - 4, corner[1] - 4, corner[0] + boxW + 4, corner[1] + boxH + 4);
            if (crossings < fewest) {
                fewest = crossings;
                x0 = corner[0];
                y0 = corner[1];
            }
            if (crossings == 0) break;
        }
        s.add(new Scene.Box(x0, y0, boxW, boxH, 4, "white", "#bbbbbb", 1, "legend"));
        for (int k = 0; k < c.series().size(); k++) {
            double y = y0 + 15 + 20 * k;
            String color = Palette.SERIES[k % Palette.SERIES.length];
            s.add(new Scene.Line(x0 + 10, y, x0 + 34, y, color, 2.5, "legend", c.series().get(k).name()));
            s.add(new Scene.Text(x0 + 42, y, c.series().get(k).name(), TICK, false, Scene.Anchor.START, Palette.INK, 0, false, "legend", null));
        }
    }

    /** How many segments of the curves drawn so far pass through the rectangle [x0, x1] × [y0, y1]. */
    private static int crossings(List<Scene.Shape> shapes, double x0, double y0, double x1, double y1) {
        int n = 0;
        for (Scene.Shape sh : shapes) {
            if (!(sh instanceof Scene.Poly p) || !"curve".equals(p.role())) continue;
            for (int i = 1; i < p.xs().length; i++) if (crosses(p.xs()[i - 1], p.ys()[i - 1], p.xs()[i], p.ys()[i], x0, y0, x1, y1)) n++;
        }
        return n;
    }

    /** Whether the segment from (ax, ay) to (bx, by) meets the rectangle: Liang and Barsky's clipping. */
    static boolean crosses(double ax, double ay, double bx, double by, double x0, double y0, double x1, double y1) {
        double dx = bx - ax;
        double dy = by - ay;
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {ax - x0, x1 - ax, ay - y0, y1 - ay};
        double t0 = 0;
        double t1 = 1;
        for (int i = 0; i < 4; i++) {
            if (p[i] == 0) {
                if (q[i] < 0) return false;
                continue;
            }
            double t = q[i] / p[i];
            if (p[i] < 0) t0 = Math.max(t0, t);
            else t1 = Math.min(t1, t);
            if (t0 > t1) return false;
        }
        return true;
    }

    private static double px(Axis a, double v, double left, double right) { return left + a.fraction(v) * (right - left); }

    private static double py(Axis a, double v, double top, double bottom) {
        return bottom - Math.max(0, Math.min(1, a.fraction(v))) * (bottom - top);
    }
}
