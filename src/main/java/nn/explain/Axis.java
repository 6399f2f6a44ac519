package nn.explain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * One axis of a chart: its range, its labelled ticks and its unlabelled minor ticks. Linear axes tick at nice
 * numbers (1, 2 or 5 times a power of ten) and label every tick with the same number of decimals; logarithmic axes
 * span the values and tick at the decades (with 2 and 5 between them when there are few decades) and grid the 2…9
 * in between. Every
 * label is written the same way: plain decimals, or 1e-5 where plain decimals would be long.
 */
final class Axis {
    final double lo;
    final double hi;
    final boolean log;
    final double[] ticks;
    final String[] labels;
    final double[] minor;

    private Axis(double lo, double hi, boolean log, List<Double> ticks, List<String> labels, List<Double> minor) {
        this.lo = lo;
        this.hi = hi;
        this.log = log;
        this.ticks = ticks.stream().mapToDouble(Double::doubleValue).toArray();
        this.labels = labels.toArray(new String[0]);
        this.minor = minor.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Where v falls between the ends: 0 at lo, 1 at hi. */
    double fraction(double v) {
        if (hi == lo) return 0.5;
        if (log) return (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
        return (v - lo) / (hi - lo);
    }

    static boolean positive(Chart c) {
        for (Chart.Series s : c.series()) for (double v : s.y()) if (Double.isFinite(v) && v <= 0) return false;
        return true;
    }

    /** The vertical axis of the chart, with about {@code target} ticks when linear. */
    static Axis y(Chart c, int target, boolean unicode) {
        double[] r = range(c, false);
        if (c.logarithmic()) return log(r[0], r[1], unicode);
        // a linear loss axis reads best from 0
        boolean fromZero = r[0] >= 0 && r[0] < r[1] / 3;
        return linear(fromZero ? 0 : r[0], r[1], target, unicode);
    }

    /** The horizontal axis; whole numbers (epochs) are ticked at whole numbers only. */
    static Axis x(Chart c, int target, boolean unicode) {
        double[] r = range(c, true);
        boolean whole = true;
        for (Chart.Series s : c.series()) for (double v : s.x()) whole &= v == Math.rint(v);
        return linear(r[0], r[1], target, whole ? 1 : 0, unicode);
    }

    private static double[] range(Chart c, boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Chart.Series s : c.series()) {
            for (double v : x ? s.x() : s.y()) {
                if (!Double.isFinite(v)) continue;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) return new double[] {0, 1}; // nothing finite to show
        return new double[] {lo, hi};
    }

    static Axis linear(double min, double max, int target, boolean unicode) { return linear(min, max, target, 0, unicode); }

    /** {@code least}: the smallest step allowed (0: any). */
    static Axis linear(double min, double max, int target, double least, boolean unicode) {
        if (max == min) {
            double pad = min == 0 ? 1 : Math.abs(min) / 2;
            min -= min == 0 ? 0 : pad;
            max += pad;
        }
        double step = Math.max(least, nice((max - min) / Math.max(1, target)));
        double lo = Math.floor(min / step + 1e-9) * step;
        double hi = Math.ceil(max / step - 1e-9) * step;
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        boolean scientific = Math.max(Math.abs(lo), Math.abs(hi)) >= 1e6 || decimals > 4;
        List<Double> ticks = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        long n = Math.round((hi - lo) / step);
        for (long i = 0; i <= n; i++) {
            double t = lo + i * step;
            if (Math.abs(t) < step * 1e-9) t = 0;
            ticks.add(t);
            labels.add(scientific ? scientific(t, unicode) : fixed(t, decimals, unicode));
        }
        return new Axis(lo, hi, false, ticks, labels, List.of());
    }

    /**
     * A log axis over the values (a little beyond them, not out to whole decades: a decade of empty chart says
     * nothing), ticked at the decades inside, and at 2 and 5 as well while fewer than two decades are inside.
     */
    static Axis log(double min, double max, boolean unicode) {
        double a = Math.log10(min);
        double b = Math.log10(max);
        double margin = Math.max(0.04 * (b - a), 0.02);
        double lo = Math.pow(10, a - margin);
        double hi = Math.pow(10, b + margin);
        int k0 = (int) Math.floor(a - margin);
        int k1 = (int) Math.ceil(b + margin);
        int decades = 0;
        for (int k = k0; k <= k1; k++) if (inside(Math.pow(10, k), lo, hi)) decades++;
        boolean few = decades < 2;
        boolean scientific = k0 < -4 || k1 > 6;
        List<Double> ticks = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Double> minor = new ArrayList<>();
        for (int k = k0; k <= k1; k++) {
            for (int m = 1; m <= 9; m++) {
                double t = m * Math.pow(10, k);
                if (!inside(t, lo, hi)) continue;
                if (m == 1 || few && (m == 2 || m == 5)) {
                    ticks.add(t);
                    labels.add(scientific ? scientific(t, unicode) : fixed(t, Math.max(0, -k), unicode));
                } else if (k1 - k0 <= 7) {
                    minor.add(t);
                }
            }
        }
        return new Axis(lo, hi, true, ticks, labels, minor);
    }

    private static boolean inside(double t, double lo, double hi) { return t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9); }

    /** 1, 2 or 5 times a power of ten, the nearest to {@code raw}. */
    static double nice(double raw) {
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double norm = raw / mag;
        double m = norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10;
        return m * mag;
    }

    private static String fixed(double v, int decimals, boolean unicode) {
        String s = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        return minus(s, unicode);
    }

    /** 2e-5, 1.5e6: up to three significant digits. */
    private static String scientific(double v, boolean unicode) {
        if (v == 0) return "0";
        int e = (int) Math.floor(Math.log10(Math.abs(v)) + 1e-9);
        BigDecimal m = BigDecimal.valueOf(v / Math.pow(10, e)).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return minus(m.toPlainString() + "e" + e, unicode);
    }

    private static String minus(String s, boolean unicode) { return unicode ? s.replace('-', '\u2212') : s; }
}
