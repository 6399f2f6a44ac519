package nn.session;

import nn.core.Value;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numbers for display. Values are computed in double precision; rounding happens only here. */
public final class Format {
    private Format() { }

    /**
     * {@code v} rounded to {@code decimals} places with trailing zeros dropped, as worked examples print numbers
     * (0.29, −1.1, 0.526, 0). Values too small to show at that precision, or very large, use scientific notation
     * rather than print a misleading 0.
     */
    public static String number(double v, int decimals) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
        if (v == 0) return "0";
        double abs = Math.abs(v);
        if (abs < 0.5 * Math.pow(10, -decimals) || abs >= 1e15) return scientific(v, Math.max(decimals, 1));
        String s = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** With {@code digits} significant digits: 1.23e-7. */
    public static String scientific(double v, int digits) {
        if (!Double.isFinite(v) || v == 0) return number(v, 0); // NaN, Infinity, 0: %e would print 0e0 or split no exponent
        String s = String.format("%." + Math.max(0, digits - 1) + "e", v);
        int e = s.indexOf('e');
        String mant = s.substring(0, e);
        if (mant.contains(".")) mant = mant.replaceAll("0+$", "").replaceAll("\\.$", "");
        int exp = Integer.parseInt(s.substring(e + 1));
        return mant + "e" + exp;
    }

    /** Shortest text that reads back as exactly {@code v} (Java's Double.toString without a needless ".0"). */
    public static String plain(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        String s = Double.toString(v);
        int e = s.indexOf('E');
        if (e < 0) return s;
        // 1.0E100 is Java's spelling: nn (like Python and C) writes 1e100, which reads back as the same double
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) mantissa = mantissa.substring(0, mantissa.length() - 2);
        return mantissa + "e" + s.substring(e + 1);
    }

    /** A count with thousands separators: 20,000,000. */
    public static String whole(long n) { return String.format(java.util.Locale.ROOT, "%,d", n); }

    public static String bytes(long b) {
        if (b < 1024) return b + " bytes";
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format("%.1f %s", v, units[u]);
    }

    /** A value on one line: 0.29, [0.29, 0], [[0.2, -1.2], [-0.5, 0.3]] (a one-element vector as its number). */
    public static String inline(Value v, int precision) {
        if (v.kind() != Value.Kind.MATRIX) {
            if (v.size() == 1) return number(v.get(0), precision);
            java.util.List<String> parts = new java.util.ArrayList<>();
            for (double d : v.data()) parts.add(number(d, precision));
            return "[" + String.join(", ", parts) + "]";
        }
        StringBuilder b = new StringBuilder("[");
        for (int r = 0; r < v.rows(); r++) {
            if (r > 0) b.append(", ");
            java.util.List<String> parts = new java.util.ArrayList<>();
            for (int c = 0; c < v.cols(); c++) parts.add(number(v.get(r, c), precision));
            b.append('[').append(String.join(", ", parts)).append(']');
        }
        return b.append(']').toString();
    }
}
