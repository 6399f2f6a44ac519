package nn.explain;

import java.util.Locale;

/**
 * A {@link Scene} as an SVG document: every shape one element, each text with its class (what it is: "weight",
 * "value", ...) and data-name (whose it is: "w100"), so that a reader or a test can find it.
 */
public final class SvgWriter {
    private SvgWriter() { }

    static final String FONTS = "DejaVu Sans, Helvetica, Arial, sans-serif";

    public static String write(Scene s) {
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(n(s.width())).append("\" height=\"").append(n(s.height()))
                .append("\" viewBox=\"0 0 ").append(n(s.width())).append(' ').append(n(s.height())).append("\" font-family=\"").append(FONTS).append("\">\n");
        b.append("<title>").append(esc(s.title())).append("</title>\n");
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        for (Scene.Shape shape : s.shapes()) shape(b, shape);
        b.append("</svg>\n");
        return b.toString();
    }

    private static void shape(StringBuilder b, Scene.Shape shape) {
        if (shape instanceof Scene.Line l) {
            b.append("<line").append(about(l.role(), l.name())).append(" x1=\"").append(n(l.x1())).append("\" y1=\"").append(n(l.y1()))
                    .append("\" x2=\"").append(n(l.x2())).append("\" y2=\"").append(n(l.y2())).append("\" stroke=\"").append(l.color())
                    .append("\" stroke-width=\"").append(n(l.width())).append('"');
            if (l.opacity() < 1) b.append(" stroke-opacity=\"").append(n(l.opacity())).append('"');
            b.append(" stroke-linecap=\"round\"/>\n");
        } else if (shape instanceof Scene.Poly p) {
            boolean closed = p.fill() != null;
            b.append("<path").append(about(p.role(), null)).append(" d=\"").append(path(p)).append(closed ? " Z" : "").append("\" fill=\"")
                    .append(closed ? p.fill() : "none").append('"');
            if (p.color() != null) {
                b.append(" stroke=\"").append(p.color()).append("\" stroke-width=\"").append(n(p.width())).append("\" stroke-linejoin=\"round\"");
            }
            b.append("/>\n");
        } else if (shape instanceof Scene.Circle c) {
            b.append("<circle").append(about(c.role(), c.name())).append(" cx=\"").append(n(c.cx())).append("\" cy=\"").append(n(c.cy()))
                    .append("\" r=\"").append(n(c.r())).append("\" fill=\"").append(c.fill()).append('"');
            if (c.stroke() != null) b.append(" stroke=\"").append(c.stroke()).append("\" stroke-width=\"").append(n(c.strokeWidth())).append('"');
            b.append("/>\n");
        } else if (shape instanceof Scene.Box r) {
            b.append("<rect").append(about(r.role(), null)).append(" x=\"").append(n(r.x())).append("\" y=\"").append(n(r.y()))
                    .append("\" width=\"").append(n(r.w())).append("\" height=\"").append(n(r.h())).append('"');
            if (r.rx() > 0) b.append(" rx=\"").append(n(r.rx())).append('"');
            b.append(" fill=\"").append(r.fill() == null ? "none" : r.fill()).append('"');
            if (r.stroke() != null) b.append(" stroke=\"").append(r.stroke()).append("\" stroke-width=\"").append(n(r.strokeWidth())).append('"');
            b.append("/>\n");
        } else if (shape instanceof Scene.Text t) {
            if (t.halo()) ground(b, t);
            double base = t.y() + TextSize.BASELINE * t.size();
            b.append("<text").append(about(t.role(), t.name())).append(" x=\"").append(n(t.x())).append("\" y=\"").append(n(base))
                    .append("\" font-size=\"").append(n(t.size())).append('"');
            if (t.bold()) b.append(" font-weight=\"bold\"");
            if (t.anchor() != Scene.Anchor.START) b.append(" text-anchor=\"").append(t.anchor() == Scene.Anchor.MIDDLE ? "middle" : "end").append('"');
            b.append(" fill=\"").append(t.color()).append('"');
            if (t.angle() != 0) b.append(" transform=\"rotate(").append(n(t.angle())).append(' ').append(n(t.x())).append(' ').append(n(t.y())).append(")\"");
            b.append('>').append(esc(t.text())).append("</text>\n");
        }
    }

    /** The white ground under a haloed text: its box, turned as the text is, a little transparent. */
    private static void ground(StringBuilder b, Scene.Text t) {
        double[] k = t.ground();
        b.append("<path d=\"M").append(n(k[0])).append(' ').append(n(k[1]));
        for (int i = 1; i < 4; i++) b.append(" L").append(n(k[2 * i])).append(' ').append(n(k[2 * i + 1]));
        b.append(" Z\" fill=\"white\" fill-opacity=\"0.88\"/>\n");
    }

    private static String path(Scene.Poly p) {
        StringBuilder d = new StringBuilder("M").append(n(p.xs()[0])).append(' ').append(n(p.ys()[0]));
        if (p.smooth()) {
            double[][] c = Smooth.controls(p.xs(), p.ys());
            for (int i = 1; i < p.xs().length; i++) {
                d.append(" C").append(n(c[i - 1][0])).append(' ').append(n(c[i - 1][1])).append(' ').append(n(c[i - 1][2])).append(' ')
                        .append(n(c[i - 1][3])).append(' ').append(n(p.xs()[i])).append(' ').append(n(p.ys()[i]));
            }
        } else {
            for (int i = 1; i < p.xs().length; i++) d.append(" L").append(n(p.xs()[i])).append(' ').append(n(p.ys()[i]));
        }
        return d.toString();
    }

    private static String about(String role, String name) {
        String s = role == null ? "" : " class=\"" + esc(role) + "\"";
        return name == null ? s : s + " data-name=\"" + esc(name) + "\"";
    }

    /** Numbers with at most two decimals, no trailing zeros: compact and exact enough for a drawing. */
    static String n(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s.equals("-0") ? "0" : s;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
