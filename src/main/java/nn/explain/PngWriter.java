package nn.explain;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * A {@link Scene} as a PNG image, drawn with Java2D (antialiased, headless) at {@code scale} pixels per unit: the
 * same shapes as the SVG, so the file put on a slide looks like the one opened in a browser.
 */
public final class PngWriter {
    private PngWriter() { }

    /**
     * The largest image drawn: a scene too big at the scale asked for is drawn smaller. 16 million pixels is about twice
     * the area of a 4K slide; the SVG of the biggest pictures (an 8×16 network, 3659×2590 units)
     * still gets more than one pixel per unit, while at twice the SVG's size it took 38 million pixels, a 23 MB file
     * and seconds to write.
     */
    static final int MAX_PIXELS = 16_000_000;

    public static byte[] write(Scene s, double scale) throws IOException {
        System.setProperty("java.awt.headless", "true");
        double k = Math.min(scale, Math.sqrt(MAX_PIXELS / Math.max(1, s.width() * s.height())));
        int w = Math.max(1, (int) Math.ceil(s.width() * k));
        int h = Math.max(1, (int) Math.ceil(s.height() * k));
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.scale(k, k);
            String family = family();
            for (Scene.Shape shape : s.shapes()) draw(g, shape, family);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static void draw(java.awt.Graphics2D g, Scene.Shape shape, String family) {
        if (shape instanceof Scene.Line l) {
            g.setColor(color(l.color(), l.opacity()));
            g.setStroke(new BasicStroke((float) l.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new Line2D.Double(l.x1(), l.y1(), l.x2(), l.y2()));
        } else if (shape instanceof Scene.Poly p) {
            Path2D.Double path = new Path2D.Double();
            path.moveTo(p.xs()[0], p.ys()[0]);
            if (p.smooth()) {
                double[][] c = Smooth.controls(p.xs(), p.ys());
                for (int i = 1; i < p.xs().length; i++) path.curveTo(c[i - 1][0], c[i - 1][1], c[i - 1][2], c[i - 1][3], p.xs()[i], p.ys()[i]);
            } else {
                for (int i = 1; i < p.xs().length; i++) path.lineTo(p.xs()[i], p.ys()[i]);
            }
            if (p.fill() != null) {
                path.closePath();
                g.setColor(color(p.fill()));
                g.fill(path);
            }
            if (p.color() != null) {
                g.setColor(color(p.color()));
                g.setStroke(new BasicStroke((float) p.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(path);
            }
        } else if (shape instanceof Scene.Circle c) {
            Ellipse2D.Double e = new Ellipse2D.Double(c.cx() - c.r(), c.cy() - c.r(), 2 * c.r(), 2 * c.r());
            fillAndStroke(g, e, c.fill(), c.stroke(), c.strokeWidth());
        } else if (shape instanceof Scene.Box r) {
            RoundRectangle2D.Double box = new RoundRectangle2D.Double(r.x(), r.y(), r.w(), r.h(), 2 * r.rx(), 2 * r.rx());
            fillAndStroke(g, box, r.fill(), r.stroke(), r.strokeWidth());
        } else if (shape instanceof Scene.Text t) {
            text(g, t, family);
        }
    }

    private static void fillAndStroke(java.awt.Graphics2D g, Shape s, String fill, String stroke, double width) {
        if (fill != null) {
            g.setColor(color(fill));
            g.fill(s);
        }
        if (stroke != null) {
            g.setColor(color(stroke));
            g.setStroke(new BasicStroke((float) width));
            g.draw(s);
        }
    }

    private static void text(java.awt.Graphics2D g, Scene.Text t, String family) {
        if (t.text().isEmpty()) return;
        Font font = new Font(family, t.bold() ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) t.size());
        FontRenderContext frc = g.getFontRenderContext();
        TextLayout layout;
        try {
            layout = new TextLayout(t.text(), font, frc);
        } catch (RuntimeException | Error noFonts) {
            return; // a JVM without fonts still draws the shapes
        }
        double w = layout.getAdvance();
        double left = t.anchor() == Scene.Anchor.START ? 0 : t.anchor() == Scene.Anchor.MIDDLE ? -w / 2 : -w;
        AffineTransform at = new AffineTransform();
        at.translate(t.x(), t.y());
        at.rotate(Math.toRadians(t.angle()));
        at.translate(left, TextSize.BASELINE * t.size());
        Shape outline = at.createTransformedShape(layout.getOutline(null));
        if (t.halo()) {
            // the white ground, as the SVG draws it: the text's estimated box
            double[] k = t.ground();
            Path2D.Double ground = new Path2D.Double();
            ground.moveTo(k[0], k[1]);
            for (int i = 1; i < 4; i++) ground.lineTo(k[2 * i], k[2 * i + 1]);
            ground.closePath();
            g.setColor(color("white", 0.88));
            g.fill(ground);
        }
        g.setColor(color(t.color()));
        g.fill(outline);
    }

    private static String cachedFamily;

    /** DejaVu Sans where it is installed (the font the layouts measure against), else Java's sans-serif. */
    private static synchronized String family() {
        if (cachedFamily == null) {
            String found = Font.SANS_SERIF;
            try {
                String[] names = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames();
                if (Arrays.asList(names).contains("DejaVu Sans")) found = "DejaVu Sans";
            } catch (RuntimeException | Error e) {
                // no font list: the logical font will do
            }
            cachedFamily = found;
        }
        return cachedFamily;
    }

    static Color color(String hex, double opacity) {
        Color c = color(hex);
        return opacity >= 1 ? c : new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * opacity));
    }

    static Color color(String hex) {
        if (hex == null || hex.equals("none")) return new Color(0, 0, 0, 0);
        if (hex.equals("white")) return Color.WHITE;
        if (hex.equals("black")) return Color.BLACK;
        return new Color(Integer.parseInt(hex.substring(1), 16));
    }
}
