package nn.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link Chart} in the terminal, at most {@code width} columns wide: the vertical axis labelled at its ticks (the
 * same ticks as the SVG), one column per point (resampled when there are more points than columns), the epochs
 * labelled under their tick marks. One curve is drawn as columns of eighth blocks, several as a mark per column
 * each (•, ×, ∘, ...) with a legend. With {@code unicode} off, every character is ASCII (#, :, . for the blocks).
 */
public final class ChartText {
    private ChartText() { }

    private static final char[] EIGHTHS = {' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};
    private static final char[] EIGHTHS_ASCII = {' ', '.', '.', '.', ':', ':', ':', ':', '#'};
    private static final char[] MARKS = {'•', '×', '∘', '+', '*'};
    private static final char[] MARKS_ASCII = {'*', 'x', 'o', '+', '#'};

    /** {@code height}: the rows of the plot itself (at least 3). */
    public static String render(Chart c, int width, int height, boolean unicode) {
        height = Math.max(3, height);
        // tick labels are values, written as show writes them (hyphen-minus) whatever the character set
        Axis ya = Axis.y(c, Math.max(2, height / 3), false);
        // labels for the rows the ticks fall on (one tick a row at most)
        String[] rowLabel = new String[height];
        for (int i = 0; i < ya.ticks.length; i++) {
            int r = row(ya, ya.ticks[i], height);
            if (r >= 0 && r < height && rowLabel[r] == null) rowLabel[r] = ya.labels[i];
        }
        int pad = 1;
        for (String l : rowLabel) if (l != null) pad = Math.max(pad, l.length());
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        int points = 0;
        for (Chart.Series s : c.series()) {
            points = Math.max(points, s.x().length);
            for (double x : s.x()) {
                x0 = Math.min(x0, x);
                x1 = Math.max(x1, x);
            }
        }
        int n = Math.max(1, Math.min(width - pad - 2, points));
        char[][] grid = new char[height][n];
        for (char[] r : grid) Arrays.fill(r, ' ');
        boolean one = c.series().size() == 1;
        for (int k = 0; k < c.series().size(); k++) {
            double[] col = resample(c.series().get(k), n, x0, x1);
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(col[j]) || ya.log && col[j] <= 0) continue;
                double f = Math.max(0, Math.min(1, ya.fraction(col[j])));
                if (one) {
                    int eighths = Math.max(1, (int) Math.round(f * height * 8));
                    for (int r = 0; r < height; r++) {
                        int in = Math.max(0, Math.min(8, eighths - (height - 1 - r) * 8));
                        grid[r][j] = (unicode ? EIGHTHS : EIGHTHS_ASCII)[in];
                    }
                } else {
                    grid[(int) Math.round((1 - f) * (height - 1))][j] = (unicode ? MARKS : MARKS_ASCII)[k % MARKS.length];
                }
            }
        }
        StringBuilder b = new StringBuilder();
        b.append(Words.fill(c.title() + (ya.log ? " (log scale)" : ""), width)).append('\n');
        for (int r = 0; r < height; r++) {
            String label = rowLabel[r] == null ? "" : rowLabel[r];
            String axis = rowLabel[r] != null ? (unicode ? " ┤" : " +") : (unicode ? " │" : " |");
            b.append(" ".repeat(pad - label.length())).append(label).append(axis).append(new String(grid[r]).stripTrailing()).append('\n');
        }
        xAxis(b, c, pad, n, x0, x1, width, unicode);
        if (!one) {
            StringBuilder legend = new StringBuilder(" ".repeat(pad + 2));
            for (int k = 0; k < c.series().size(); k++) {
                legend.append(k > 0 ? "   " : "").append((unicode ? MARKS : MARKS_ASCII)[k % MARKS.length]).append(' ').append(c.series().get(k).name());
            }
            b.append('\n').append(Words.fill(legend.toString(), width, pad + 2));
        }
        return b.toString().stripTrailing();
    }

    private static int row(Axis a, double v, int height) { return (int) Math.round((1 - a.fraction(v)) * (height - 1)); }

    /** The axis line with a mark at each tick, the ticks' labels under their marks where they fit, then the axis label. */
    private static void xAxis(StringBuilder b, Chart c, int pad, int n, double x0, double x1, int width, boolean unicode) {
        Axis xa = Axis.x(c, Math.max(2, n / 12), false);
        char[] line = new char[n];
        Arrays.fill(line, unicode ? '─' : '-');
        char[] labels = new char[n + pad + 2 + 12];
        Arrays.fill(labels, ' ');
        int free = 0; // the first column a label may start at
        for (int i = 0; i < xa.ticks.length; i++) {
            double t = xa.ticks[i];
            if (t < x0 - 1e-9 || t > x1 + 1e-9) continue;
            int col = n == 1 || x1 == x0 ? 0 : (int) Math.round((t - x0) / (x1 - x0) * (n - 1));
            line[col] = unicode ? '┬' : '+';
            String l = xa.labels[i];
            // centred under its mark, or moved left to stay inside the width; never off its mark
            int start = Math.max(free, Math.min(pad + 2 + col - l.length() / 2, Math.min(width, labels.length) - l.length()));
            if (start + l.length() <= Math.min(width, labels.length) && start <= pad + 2 + col && start + l.length() > pad + 2 + col) {
                l.getChars(0, l.length(), labels, start);
                free = start + l.length() + 1;
            }
        }
        b.append(" ".repeat(pad)).append(unicode ? " └" : " +").append(line).append('\n');
        String ticks = new String(labels).stripTrailing();
        if (ticks.length() + 2 + c.xLabel().length() <= width) b.append(ticks).append("  ").append(c.xLabel()).append('\n');
        else b.append(ticks).append('\n').append(" ".repeat(Math.max(0, Math.min(width, pad + 2 + n) - c.xLabel().length()))).append(c.xLabel()).append('\n');
    }

    /** The curve at {@code n} columns: each column the value of the last point at or before its x. */
    private static double[] resample(Chart.Series s, int n, double x0, double x1) {
        double[] out = new double[n];
        int p = 0;
        for (int c = 0; c < n; c++) {
            double at = n == 1 ? x1 : x0 + (x1 - x0) * c / (n - 1);
            while (p + 1 < s.x().length && s.x()[p + 1] <= at + 1e-9) p++;
            out[c] = s.x()[p] <= at + 1e-9 ? s.y()[p] : Double.NaN;
        }
        return out;
    }
}
