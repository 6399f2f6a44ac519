package nn.explain;

/**
 * A smooth curve through points (Catmull-Rom as cubic Béziers), computed once so that the SVG and the PNG draw the
 * same curve: graph edges bend through the waypoints that keep them off the boxes they pass.
 */
final class Smooth {
    private Smooth() { }

    /** For each segment i → i+1, the two control points {x1, y1, x2, y2}. */
    static double[][] controls(double[] xs, double[] ys) {
        int n = xs.length;
        double[][] c = new double[n - 1][];
        for (int i = 0; i < n - 1; i++) {
            int a = Math.max(0, i - 1);
            int d = Math.min(n - 1, i + 2);
            c[i] = new double[] {
                xs[i] + (xs[i + 1] - xs[a]) / 6, ys[i] + (ys[i + 1] - ys[a]) / 6,
                xs[i + 1] - (xs[d] - xs[i]) / 6, ys[i + 1] - (ys[d] - ys[i]) / 6};
        }
        return c;
    }
}
