package nn.text;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;

/**
 * The loss per epoch as a chart: in the terminal (columns of Unicode eighth blocks, spelt in ASCII by
 * {@link Style} where Unicode is off), as SVG, or as PNG. The vertical axis is logarithmic when the loss spans more
 * than two decades (a falling loss is then a readable slope rather than a cliff), linear otherwise.
 */
public final class LossChart {
    private LossChart() { }

    private static final char[] EIGHTHS = {' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

    /** How the vertical axis maps a loss to [0, 1]. */
    private record Scale(double lo, double hi, boolean log) {
        static Scale of(double[] losses) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double v : losses) {
                if (!Double.isFinite(v)) continue;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            boolean log = lo > 0 && hi / lo > 100;
            if (!log && lo > 0 && lo < hi / 3) lo = 0; // a linear loss axis reads best from 0
            return new Scale(lo, hi, log);
        }

        double fraction(double v) {
            if (hi == lo) return 1;
            if (log) return (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
            return (v - lo) / (hi - lo);
        }
    }

    /** The curve resampled to {@code n} columns: each column the loss of the last point at or before its epoch. */
    private static double[] columns(long[] epochs, double[] losses, int n) {
        double[] out = new double[n];
        long e0 = epochs[0];
        long e1 = epochs[epochs.length - 1];
        int p = 0;
        for (int c = 0; c < n; c++) {
            double at = n == 1 ? e1 : e0 + (double) (e1 - e0) * c / (n - 1);
            while (p + 1 < epochs.length && epochs[p + 1] <= at + 1e-9) p++;
            out[c] = losses[p];
        }
        return out;
    }

    /** A terminal chart at most {@code width} columns wide and {@code height} rows high (plus axes and labels). */
    public static String terminal(long[] epochs, double[] losses, int width, int height) {
        int n = Math.min(width, epochs.length);
        double[] col = columns(epochs, losses, n);
        Scale s = Scale.of(losses);
        String top = number(s.hi);
        String bottom = number(s.lo);
        int pad = Math.max(top.length(), bottom.length());
        StringBuilder b = new StringBuilder();
        b.append("loss per epoch").append(s.log ? " (log scale)" : "").append('\n');
        for (int r = 0; r < height; r++) {
            String label = r == 0 ? top : r == height - 1 ? bottom : "";
            b.append(" ".repeat(pad - label.length())).append(label).append(r == 0 || r == height - 1 ? " ┤" : " │");
            for (int c = 0; c < n; c++) {
                double f = Double.isFinite(col[c]) ? Math.max(0, Math.min(1, s.fraction(col[c]))) : 0;
                int eighths = Math.max(1, (int) Math.round(f * height * 8));
                int below = (height - 1 - r) * 8;
                int inCell = Math.max(0, Math.min(8, eighths - below));
                b.append(EIGHTHS[inCell]);
            }
            while (b.charAt(b.length() - 1) == ' ') b.setLength(b.length() - 1);
            b.append('\n');
        }
        b.append(" ".repeat(pad)).append(" └").append("─".repeat(n)).append('\n');
        String first = String.valueOf(epochs[0]);
        String last = String.valueOf(epochs[epochs.length - 1]);
        int gap = Math.max(1, n - first.length() - last.length());
        b.append(" ".repeat(pad + 2)).append(first).append(" ".repeat(gap)).append(last).append("  epoch");
        return b.toString();
    }

    private static final int W = 640;
    private static final int H = 400;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    private static double x(long e, long e0, long e1) { return LEFT + (e1 == e0 ? 0.5 : (double) (e - e0) / (e1 - e0)) * (W - LEFT - RIGHT); }

    private static double y(double v, Scale s) {
        double f = Double.isFinite(v) ? Math.max(0, Math.min(1, s.fraction(v))) : 0;
        return H - BOTTOM - f * (H - TOP - BOTTOM);
    }

    /** An SVG document of the curve. */
    public static String svg(long[] epochs, double[] losses) {
        Scale s = Scale.of(losses);
        long e0 = epochs[0];
        long e1 = epochs[epochs.length - 1];
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        b.append("  <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        b.append("  <text x=\"").append(W / 2).append("\" y=\"22\" text-anchor=\"middle\" font-size=\"14\">loss per epoch")
                .append(s.log ? " (log scale)" : "").append("</text>\n");
        int x0 = LEFT;
        int y0 = H - BOTTOM;
        b.append("  <path d=\"M").append(x0).append(' ').append(TOP).append(" V").append(y0).append(" H").append(W - RIGHT)
                .append("\" fill=\"none\" stroke=\"#444\"/>\n");
        b.append("  <polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.5\" points=\"");
        for (int i = 0; i < epochs.length; i++) {
            if (i > 0) b.append(' ');
            b.append(fmt(x(epochs[i], e0, e1))).append(',').append(fmt(y(losses[i], s)));
        }
        b.append("\"/>\n");
        b.append(label(x0 - 6, TOP + 4, "end", number(s.hi)));
        b.append(label(x0 - 6, y0 + 4, "end", number(s.lo)));
        b.append(label(x0, y0 + 18, "middle", String.valueOf(e0)));
        b.append(label(W - RIGHT, y0 + 18, "middle", String.valueOf(e1)));
        b.append(label((W + LEFT - RIGHT) / 2, H - 12, "middle", "epoch"));
        b.append("</svg>\n");
        return b.toString();
    }

    private static String label(double x, double y, String anchor, String text) {
        return "  <text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor + "\">" + text + "</text>\n";
    }

    private static void centred(Graphics2D g, String text, int x, int y) {
        g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, y);
    }

    private static void rightAligned(Graphics2D g, String text, int x, int y) {
        g.drawString(text, Math.max(2, x - g.getFontMetrics().stringWidth(text)), y);
    }

    /** A PNG image of the curve (drawn with java.awt, headless). */
    public static byte[] png(long[] epochs, double[] losses) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Scale s = Scale.of(losses);
        long e0 = epochs[0];
        long e1 = epochs[epochs.length - 1];
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, W, H);
            g.setColor(new Color(0x44, 0x44, 0x44));
            g.drawLine(LEFT, TOP, LEFT, H - BOTTOM);
            g.drawLine(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM);
            g.setColor(new Color(0x1f, 0x77, 0xb4));
            g.setStroke(new BasicStroke(1.5f));
            for (int i = 1; i < epochs.length; i++) {
                g.drawLine((int) Math.round(x(epochs[i - 1], e0, e1)), (int) Math.round(y(losses[i - 1], s)),
                        (int) Math.round(x(epochs[i], e0, e1)), (int) Math.round(y(losses[i], s)));
            }
            try {
                g.setColor(Color.BLACK);
                // placed as the SVG places them: centred (or right-aligned) on their point, measured in this font
                centred(g, "loss per epoch" + (s.log ? " (log scale)" : ""), W / 2, 22);
                rightAligned(g, number(s.hi), LEFT - 6, TOP + 4);
                rightAligned(g, number(s.lo), LEFT - 6, H - BOTTOM + 4);
                centred(g, String.valueOf(e0), LEFT, H - BOTTOM + 18);
                centred(g, String.valueOf(e1), W - RIGHT, H - BOTTOM + 18);
                centred(g, "epoch", (W + LEFT - RIGHT) / 2, H - 12);
            } catch (RuntimeException | Error noFonts) {
                // a JVM without fonts can still draw the curve; the labels are left out
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static String fmt(double v) { return String.format(Locale.ROOT, "%.1f", v); }

    /** Four significant digits: enough to read a loss off the axis. */
    static String number(double v) {
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e5) {
            String s = String.format(Locale.ROOT, "%.4g", v);
            if (s.contains(".") && !s.contains("e")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
            return s;
        }
        String s = String.format(Locale.ROOT, "%.3e", v);
        int e = s.indexOf('e');
        String mant = s.substring(0, e).replaceAll("0+$", "").replaceAll("\\.$", "");
        return mant + "e" + Integer.parseInt(s.substring(e + 1));
    }
}
