package nn.explain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The room already taken in a drawing, as turned boxes (four corners each): a layout asks whether a text would
 * overlap anything placed before it, and places it only where it would not. Boxes are kept in a grid of cells so
 * that a thousand labels are checked against their neighbours only.
 */
final class Placement {
    private static final double CELL = 64;
    private final List<double[]> boxes = new ArrayList<>();
    private final Map<Long, List<Integer>> grid = new HashMap<>();
    /** Lines (x1, y1, x2, y2) a label must not lie across unless it is their own. */
    private final List<double[]> segments = new ArrayList<>();
    private final Map<Long, List<Integer>> segmentGrid = new HashMap<>();

    /** True when {@code corners} overlaps no box placed so far. */
    boolean free(double[] corners) {
        double[] b = bounds(corners);
        for (long key : cells(b)) {
            List<Integer> in = grid.get(key);
            if (in == null) continue;
            for (int i : in) if (overlap(boxes.get(i), corners)) return false;
        }
        return true;
    }

    void add(double[] corners) {
        int i = boxes.size();
        boxes.add(corners);
        for (long key : cells(bounds(corners))) grid.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }

    /** Adds a line, numbered in the order added (from 0): labels lying across it belong to it only. */
    int addLine(double x1, double y1, double x2, double y2) {
        int i = segments.size();
        segments.add(new double[] {x1, y1, x2, y2});
        for (long key : cells(new double[] {Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)})) {
            segmentGrid.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        return i;
    }

    /**
     * True when no line but line {@code own} runs along {@code corners} (within {@link #ALONG} degrees of it): a
     * label there reads as its own line's. Lines crossing it more steeply plainly pass under it.
     */
    boolean clearOfLines(double[] corners, int own) {
        double[] o = segments.get(own);
        double angle = Math.atan2(o[3] - o[1], o[2] - o[0]);
        for (long key : cells(bounds(corners))) {
            List<Integer> in = segmentGrid.get(key);
            if (in == null) continue;
            for (int i : in) {
                if (i == own) continue;
                double[] s = segments.get(i);
                double diff = Math.abs(Math.toDegrees(Math.atan2(s[3] - s[1], s[2] - s[0]) - angle)) % 180;
                if (Math.min(diff, 180 - diff) < ALONG && crosses(corners, s)) return false;
            }
        }
        return true;
    }

    /** Lines closer than this to a label's direction would make it ambiguous. */
    static final double ALONG = 20;

    /** Whether the segment s meets the convex quadrilateral q (separating axes: q's sides and the segment's normal). */
    static boolean crosses(double[] q, double[] s) {
        double[] seg = {s[0], s[1], s[2], s[3], s[2], s[3], s[0], s[1]};
        return overlap(q, seg);
    }

    /** An upright box: x0, y0 to x1, y1. */
    static double[] rect(double x0, double y0, double x1, double y1) {
        return new double[] {x0, y0, x1, y0, x1, y1, x0, y1};
    }

    private static List<Long> cells(double[] b) {
        List<Long> out = new ArrayList<>();
        long cx0 = (long) Math.floor(b[0] / CELL);
        long cy0 = (long) Math.floor(b[1] / CELL);
        long cx1 = (long) Math.floor(b[2] / CELL);
        long cy1 = (long) Math.floor(b[3] / CELL);
        for (long x = cx0; x <= cx1; x++) for (long y = cy0; y <= cy1; y++) out.add(x * 1_000_003L + y);
        return out;
    }

    static double[] bounds(double[] k) {
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < k.length; i += 2) {
            b[0] = Math.min(b[0], k[i]);
            b[1] = Math.min(b[1], k[i + 1]);
            b[2] = Math.max(b[2], k[i]);
            b[3] = Math.max(b[3], k[i + 1]);
        }
        return b;
    }

    /** Whether two convex quadrilaterals overlap (separating axes: the normals of their sides). */
    static boolean overlap(double[] a, double[] b) {
        return !separated(a, b) && !separated(b, a);
    }

    private static boolean separated(double[] a, double[] b) {
        for (int i = 0; i < 4; i++) {
            int j = (i + 1) % 4;
            double nx = -(a[2 * j + 1] - a[2 * i + 1]);
            double ny = a[2 * j] - a[2 * i];
            if (nx == 0 && ny == 0) continue; // a side of no length (a segment as a quadrilateral) has no normal
            double minA = Double.MAX_VALUE;
            double maxA = -Double.MAX_VALUE;
            double minB = Double.MAX_VALUE;
            double maxB = -Double.MAX_VALUE;
            for (int k = 0; k < 4; k++) {
                double pa = a[2 * k] * nx + a[2 * k + 1] * ny;
                double pb = b[2 * k] * nx + b[2 * k + 1] * ny;
                minA = Math.min(minA, pa);
                maxA = Math.max(maxA, pa);
                minB = Math.min(minB, pb);
                maxB = Math.max(maxB, pb);
            }
            if (maxA <= minB || maxB <= minA) return true;
        }
        return false;
    }
}
