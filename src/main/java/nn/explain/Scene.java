package nn.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * A drawing as shapes in painting order, in user units (pixels at scale 1): what the picture and chart layouts
 * produce, what {@link SvgWriter} and {@link PngWriter} write out alike, and what tests measure. Text is placed by
 * the middle of its line and may be turned by an angle; its room is estimated by {@link TextSize}.
 */
public record Scene(double width, double height, String title, List<Shape> shapes) {

    public Scene {
        shapes = List.copyOf(shapes);
    }

    /** Colours as SVG writes them: "#1f77b4". */
    public sealed interface Shape permits Line, Poly, Circle, Box, Text {
        /** The same shape moved by (dx, dy). */
        Shape moved(double dx, double dy);

        /** The corners of the box the shape covers: {x0, y0, x1, y1}. */
        double[] bounds();
    }

    /**
     * A straight line, {@code opacity} 1 for opaque ({@code role} and {@code name} say what it stands for, an edge
     * "w100", for tests and readers).
     */
    public record Line(double x1, double y1, double x2, double y2, String color, double width, double opacity, String role, String name) implements Shape {
        public Line(double x1, double y1, double x2, double y2, String color, double width, String role, String name) {
            this(x1, y1, x2, y2, color, width, 1, role, name);
        }

        public Shape moved(double dx, double dy) { return new Line(x1 + dx, y1 + dy, x2 + dx, y2 + dy, color, width, opacity, role, name); }

        public double[] bounds() { return new double[] {Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)}; }
    }

    /**
     * A line through points (a curve, an axis), or a filled polygon (an arrowhead) when {@code fill} is set;
     * {@code smooth}: a curve through the points instead of straight segments.
     */
    public record Poly(double[] xs, double[] ys, String color, double width, String fill, boolean smooth, String role) implements Shape {
        public Shape moved(double dx, double dy) {
            double[] x = xs.clone();
            double[] y = ys.clone();
            for (int i = 0; i < x.length; i++) {
                x[i] += dx;
                y[i] += dy;
            }
            return new Poly(x, y, color, width, fill, smooth, role);
        }

        public double[] bounds() {
            double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
            for (int i = 0; i < xs.length; i++) {
                b[0] = Math.min(b[0], xs[i]);
                b[1] = Math.min(b[1], ys[i]);
                b[2] = Math.max(b[2], xs[i]);
                b[3] = Math.max(b[3], ys[i]);
            }
            return b;
        }
    }

    public record Circle(double cx, double cy, double r, String fill, String stroke, double strokeWidth, String role, String name) implements Shape {
        public Shape moved(double dx, double dy) { return new Circle(cx + dx, cy + dy, r, fill, stroke, strokeWidth, role, name); }

        public double[] bounds() { return new double[] {cx - r, cy - r, cx + r, cy + r}; }
    }

    /** A rectangle with corners rounded by {@code rx}; {@code stroke} null: none. */
    public record Box(double x, double y, double w, double h, double rx, String fill, String stroke, double strokeWidth, String role) implements Shape {
        public Shape moved(double dx, double dy) { return new Box(x + dx, y + dy, w, h, rx, fill, stroke, strokeWidth, role); }

        public double[] bounds() { return new double[] {x, y, x + w, y + h}; }
    }

    public enum Anchor { START, MIDDLE, END }

    /** How far a text's white ground reaches beyond its letters. */
    static final double HALO = 1.5;

    /**
     * A line of text whose {@code anchor} point is (x, y) on the middle of the line, turned by {@code angle} degrees
     * (clockwise, about that point); {@code halo}: on a white ground (its box, see {@link #corners()}), so that it
     * stays readable over the lines it lies on.
     */
    public record Text(double x, double y, String text, double size, boolean bold, Anchor anchor, String color, double angle,
                       boolean halo, String role, String name) implements Shape {
        public Shape moved(double dx, double dy) { return new Text(x + dx, y + dy, text, size, bold, anchor, color, angle, halo, role, name); }

        public double width() { return TextSize.width(text, size, bold); }

        /** The four corners of the room the text takes (with its halo), turned as the text is: x0, y0, x1, y1, ... */
        public double[] corners() { return corners(width()); }

        /** The four corners of the white ground under a haloed text: its letters, and the halo around them. */
        public double[] ground() { return corners(TextSize.ink(text, size, bold)); }

        private double[] corners(double w) {
            double left = anchor == Anchor.START ? 0 : anchor == Anchor.MIDDLE ? -w / 2 : -w;
            double pad = halo ? HALO : 0;
            double[][] local = {{left - pad, -size * TextSize.LINE / 2 - pad}, {left + w + pad, -size * TextSize.LINE / 2 - pad},
                {left + w + pad, size * TextSize.LINE / 2 + pad}, {left - pad, size * TextSize.LINE / 2 + pad}};
            double a = Math.toRadians(angle);
            double c = Math.cos(a);
            double s = Math.sin(a);
            double[] out = new double[8];
            for (int i = 0; i < 4; i++) {
                out[2 * i] = x + local[i][0] * c - local[i][1] * s;
                out[2 * i + 1] = y + local[i][0] * s + local[i][1] * c;
            }
            return out;
        }

        public double[] bounds() {
            double[] k = corners();
            double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
            for (int i = 0; i < 4; i++) {
                b[0] = Math.min(b[0], k[2 * i]);
                b[1] = Math.min(b[1], k[2 * i + 1]);
                b[2] = Math.max(b[2], k[2 * i]);
                b[3] = Math.max(b[3], k[2 * i + 1]);
            }
            return b;
        }
    }

    /** The scene moved and sized to its content with {@code margin} around it: no empty quarter. */
    public static Scene fitted(String title, List<Shape> shapes, double margin) {
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (Shape s : shapes) {
            double[] k = s.bounds();
            b[0] = Math.min(b[0], k[0]);
            b[1] = Math.min(b[1], k[1]);
            b[2] = Math.max(b[2], k[2]);
            b[3] = Math.max(b[3], k[3]);
        }
        if (shapes.isEmpty()) b = new double[] {0, 0, 0, 0};
        List<Shape> moved = new ArrayList<>();
        for (Shape s : shapes) moved.add(s.moved(margin - b[0], margin - b[1]));
        return new Scene(Math.ceil(b[2] - b[0] + 2 * margin), Math.ceil(b[3] - b[1] + 2 * margin), title, moved);
    }

    /** The texts of the scene, in painting order. */
    public List<Text> texts() {
        List<Text> out = new ArrayList<>();
        for (Shape s : shapes) if (s instanceof Text t) out.add(t);
        return out;
    }
}
