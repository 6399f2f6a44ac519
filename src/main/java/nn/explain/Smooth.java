package nn.explain;

/**
 * A smooth left-to-right curve through points, computed once so that the SVG and the PNG draw the same curve:
 * between each two points an S-shaped cubic Bézier that leaves and arrives horizontally (as Graphviz draws edges
 * from left to right), so consecutive pieces join without a kink and never loop back.
 */
final class Smooth {
    private Smooth() { }

    /** For each segment i → i+1, the two control points {x1, y1, x2, y2}. */
    static double[][] controls(double[] xs, double[] ys) {
        int n = xs.length;
        double[][] c = new double[n - 1][];
        for (int i = 0; i < n - 1; i++) {
            double half = (xs[i + 1] - xs[i]) / 2;
            c[i] = new double[] {xs[i] + half, ys[i], xs[i + 1] - half, ys[i + 1]};
        }
        return c;
    }
}
