package nn.text;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import nn.lang.Diagnostic;
import nn.session.Format;
import nn.session.Output;
import nn.core.Value;

/**
 * Outputs as text: aligned vectors and matrices, tables, expect results, diagnostics, and pictures laid out for the
 * width of the screen. Used by the cli and the repl.
 */
public final class Renderer {
    /** The width pictures are laid out for when the output is not a terminal (a file, a pipe, a test). */
    public static final int DEFAULT_WIDTH = 80;

    private final Style style;
    private final IntSupplier width;

    public Renderer(Style style) { this(style, () -> DEFAULT_WIDTH); }

    /** {@code width}: the screen's columns, asked each time a picture is shown (a terminal can be resized). */
    public Renderer(Style style, IntSupplier width) {
        this.style = style;
        this.width = width;
    }

    public Style style() { return style; }

    /** The columns pictures are laid out for now (at least 20: narrower than that, nothing reads anyway). */
    public int width() { return Math.max(20, width.getAsInt()); }

    /** True for outputs that belong on standard error (problems and failed expects). */
    public static boolean isError(Output o) {
        return o instanceof Output.Problem || (o instanceof Output.Expectation e && !e.passed()) || o instanceof Output.Warning;
    }

    /**
     * {@code o} as text for this screen: prose (information, warnings, help, hints, derivations) wrapped at word
     * boundaries to the width, pictures laid out for it, big values summarised, errors windowed around their column.
     */
    public String render(Output o) {
        if (o instanceof Output.Shown s) return shown(s);
        if (o instanceof Output.Info i) return style.dim(fill(i.text()));
        if (o instanceof Output.Warning w) {
            String text = fill("warning: " + style.text(w.text()));
            return style.yellow("warning") + text.substring("warning".length());
        }
        if (o instanceof Output.Table t) return table(t);
        if (o instanceof Output.Block b) return fill(b.text());
        if (o instanceof Output.Drawing d) return style.text(d.text(width(), style.unicode()));
        if (o instanceof Output.Math m) return Wrap.equations(style.text(m.text()), width());
        if (o instanceof Output.Written w) return style.dim(fill(w.info()));
        if (o instanceof Output.Expectation e) return expectation(e);
        if (o instanceof Output.Problem p) return Diagnostics.render(p.diagnostic(), style, width());
        if (o instanceof Output.Progress p) return progress(p);
        return style.text(o.toString());
    }

    /** Prose in this style's characters, wrapped at word boundaries to the width. */
    private String fill(String text) { return Wrap.text(style.text(text), width()); }

    private String shown(Output.Shown s) {
        String head = s.label() + " = ";
        Value v = s.value();
        boolean summarised = !s.full() && summarised(v, width() - head.length());
        String body = summarised ? summary(v, s.precision(), head.length(), width()) : value(v, s.precision(), head.length());
        if (v.kind() == Value.Kind.VECTOR) body = Wrap.list(body, head.length(), width());
        String note = s.note();
        if (summarised) {
            String shape = v.kind() == Value.Kind.MATRIX ? v.rows() + "×" + v.cols() : String.valueOf(v.size()) + " elements";
            note = shape + ", summarised; show " + s.label() + " " + "full" + " for all" + (note == null ? "" : "; " + note);
        }
        if (note == null) return style.text(style.bold(s.label()) + " = " + body);
        // the note beside the last line where it fits, else on a line of its own under the value, wrapped
        String lastLine = (head + body).substring((head + body).lastIndexOf('\n') + 1);
        String remark = style.text("(" + note + ")");
        int room = width() - lastLine.codePointCount(0, lastLine.length()) - 3;
        String tail = remark.codePointCount(0, remark.length()) <= room ? "   " + style.dim(remark) : "\n" + style.dim(Wrap.text(" ".repeat(head.length()) + remark, width()));
        return style.text(style.bold(s.label()) + " = " + body) + tail;
    }

    /** Values of more elements than this are summarised, as numpy's print threshold does (1000). */
    public static final int SUMMARY_THRESHOLD = 1000;
    /** Elements kept at each end of a summarised row or column (numpy's edgeitems). */
    public static final int EDGE_ITEMS = 3;

    /** True when {@code v} is summarised: more than the threshold, or rows wider than {@code room} columns. */
    static boolean summarised(Value v, int room) {
        if (v.kind() == Value.Kind.SCALAR || v.size() <= 1) return false;
        if (v.size() > SUMMARY_THRESHOLD) return true;
        if (v.kind() != Value.Kind.MATRIX) return false; // a vector wraps at its commas; a matrix's row cannot
        return v.cols() > 2 * EDGE_ITEMS && rowWidth(v, 3) > room;
    }

    private static int rowWidth(Value v, int precision) {
        int widest = 0;
        for (int c = 0; c < v.cols(); c++) {
            int w = 0;
            for (int r = 0; r < Math.min(v.rows(), 50); r++) w = Math.max(w, Format.number(v.get(r, c), precision).length());
            widest += w + 2;
        }
        return widest + 2;
    }

    /**
     * A big value as numpy and PyTorch print it: the first and last {@link #EDGE_ITEMS} rows, and of each row the
     * first and last columns (as many as fit the width, at least {@link #EDGE_ITEMS} when the value is above the
     * threshold), "…" for what is left out, aligned on the decimal point.
     */
    static String summary(Value v, int precision, int indent, int width) {
        if (v.kind() == Value.Kind.VECTOR) {
            List<String> parts = new ArrayList<>();
            int n = v.size();
            for (int i = 0; i < EDGE_ITEMS; i++) parts.add(Format.number(v.get(i), precision));
            parts.add("…");
            for (int i = n - EDGE_ITEMS; i < n; i++) parts.add(Format.number(v.get(i), precision));
            return "[" + String.join(", ", parts) + "]";
        }
        int[] rows = edges(v.rows(), v.size() > SUMMARY_THRESHOLD ? EDGE_ITEMS : Integer.MAX_VALUE);
        int[] cols = edges(v.cols(), v.size() > SUMMARY_THRESHOLD || v.cols() > 2 * EDGE_ITEMS ? EDGE_ITEMS : Integer.MAX_VALUE);
        // a screen too narrow even for the corners: fewer columns at each end (one at least)
        for (int k = EDGE_ITEMS - 1; k >= 1 && indent + lineWidth(v, rows, cols, precision) > width && 2 * k < v.cols(); k--) cols = edges(v.cols(), k);
        // as many columns at each end as fit the width (at least EDGE_ITEMS)
        for (int k = EDGE_ITEMS + 1; 2 * k < v.cols(); k++) {
            int[] wider = edges(v.cols(), k);
            if (indent + lineWidth(v, rows, wider, precision) > width) break;
            if (v.size() > SUMMARY_THRESHOLD && k > EDGE_ITEMS) break; // numpy's corners above the threshold
            cols = wider;
        }
        String[][] cells = new String[rows.length][cols.length];
        for (int i = 0; i < rows.length; i++) for (int j = 0; j < cols.length; j++) {
            cells[i][j] = rows[i] < 0 || cols[j] < 0 ? "…" : Format.number(v.get(rows[i], cols[j]), precision);
        }
        // align the numbers; the row of dots and the column of dots stand alone
        String[][] aligned = align(cells);
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < rows.length; i++) {
            if (i > 0) b.append(",\n").append(" ".repeat(indent + 1));
            if (rows[i] < 0) {
                b.append('…');
                continue;
            }
            b.append('[').append(String.join(", ", aligned[i])).append(']');
        }
        return b.append(']').toString();
    }

    /** The indices 0..n-1 with only {@code k} kept at each end, -1 for the gap (when there is one). */
    private static int[] edges(int n, int k) {
        if (k == Integer.MAX_VALUE || 2 * k >= n) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            return all;
        }
        int[] e = new int[2 * k + 1];
        for (int i = 0; i < k; i++) e[i] = i;
        e[k] = -1;
        for (int i = 0; i < k; i++) e[k + 1 + i] = n - k + i;
        return e;
    }

    /** How wide a row of these columns is: "[[", the cells, ", " between them, "]]," at the end. */
    private static int lineWidth(Value v, int[] rows, int[] cols, int precision) {
        int total = 5 + 2 * (cols.length - 1);
        for (int c : cols) {
            int left = 0;
            int right = 0;
            if (c >= 0) for (int r : rows) {
                if (r < 0) continue;
                String t = Format.number(v.get(r, c), precision);
                left = Math.max(left, dot(t));
                right = Math.max(right, t.length() - dot(t));
            }
            total += Math.max(1, left + right);
        }
        return total;
    }

    /** Pads each column so its decimal points line up; an elision mark (…) stands as it is and is not measured. */
    static String[][] align(String[][] cells) {
        int rows = cells.length;
        int cols = rows == 0 ? 0 : cells[0].length;
        String[][] out = new String[rows][cols];
        for (int c = 0; c < cols; c++) {
            int left = 0;
            int right = 0;
            for (String[] row : cells) {
                if (row[c].equals("…")) continue;
                int dot = dot(row[c]);
                left = Math.max(left, dot);
                right = Math.max(right, row[c].length() - dot);
            }
            for (int r = 0; r < rows; r++) {
                String s = cells[r][c];
                if (s.equals("…")) {
                    out[r][c] = s;
                    continue;
                }
                int dot = dot(s);
                out[r][c] = " ".repeat(left - dot) + s + " ".repeat(right - (s.length() - dot));
            }
        }
        return out;
    }

    /** A value as text; a matrix is aligned on the decimal point and continued lines are indented by {@code indent}. */
    public static String value(Value v, int precision, int indent) {
        switch (v.kind()) {
            case SCALAR:
                return Format.number(v.scalar(), precision);
            case VECTOR: {
                if (v.size() == 1) return Format.number(v.get(0), precision);
                List<String> parts = new ArrayList<>();
                for (double d : v.data()) parts.add(Format.number(d, precision));
                return "[" + String.join(", ", parts) + "]";
            }
            default: {
                String[][] cells = new String[v.rows()][v.cols()];
                for (int r = 0; r < v.rows(); r++) for (int c = 0; c < v.cols(); c++) cells[r][c] = Format.number(v.get(r, c), precision);
                String[][] aligned = align(cells);
                StringBuilder b = new StringBuilder("[");
                for (int r = 0; r < v.rows(); r++) {
                    if (r > 0) b.append(",\n").append(" ".repeat(indent + 1));
                    b.append('[').append(String.join(", ", aligned[r])).append(']');
                }
                return b.append(']').toString();
            }
        }
    }

    /** A value on one line (matrices as [[..], [..]]), for remarks. */
    public static String inline(Value v, int precision) { return Format.inline(v, precision); }

    private static int dot(String s) {
        int d = s.indexOf('.');
        if (d < 0) d = s.indexOf('e');
        return d < 0 ? s.length() : d;
    }

    private String table(Output.Table t) {
        int n = t.header().size();
        int[] w = new int[n];
        for (int i = 0; i < n; i++) w[i] = t.header().get(i).length();
        for (List<String> row : t.rows()) for (int i = 0; i < n; i++) w[i] = Math.max(w[i], row.get(i).length());
        StringBuilder b = new StringBuilder();
        if (!t.rows().isEmpty()) {
            b.append(style.bold(fit(line(t.header(), w)))).append('\n');
            for (List<String> row : t.rows()) b.append(fit(line(row, w))).append('\n');
        }
        if (t.footer() != null) b.append(Wrap.text(style.text(t.footer()), width()));
        else if (b.length() > 0) b.setLength(b.length() - 1);
        return style.text(b.toString());
    }

    /** A table row cut to the width, "…" where it is cut (the last column holds the values of vars). */
    private String fit(String row) {
        int n = row.codePointCount(0, row.length());
        if (n <= width()) return row;
        return row.substring(0, row.offsetByCodePoints(0, width() - 1)).stripTrailing() + "…";
    }

    private static String line(List<String> cells, int[] w) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) b.append("  ");
            b.append(cells.get(i)).append(" ".repeat(w[i] - cells.get(i).length()));
        }
        return b.toString().stripTrailing();
    }

    private String expectation(Output.Expectation e) {
        int p = e.precision();
        String expected = value(e.expected(), Math.max(p, 6), 0);
        if (e.passed()) {
            // written as 1.445e-6 (Adam's v): shown the same way, as fixed point would keep only a digit or two
            String written = valueAsWritten(e);
            boolean sci = e.actual().size() == 1 && written.matches("[-+−]?[0-9.]+[eE][-+−]?[0-9]+");
            String actual = sci ? Format.scientific(e.actual().scalar(), 7) : inline(e.actual(), p + 4);
            return style.green(style.text("✓")) + style.text(" " + e.label() + " " + e.relation() + " " + valueAsWritten(e) + "   " + style.dim("(" + actual + ")"));
        }
        StringBuilder b = new StringBuilder();
        b.append(Diagnostics.render(new Diagnostic(Diagnostic.Kind.EXPECT, e.pos(), e.label() + " " + e.relation() + " " + valueAsWritten(e)), style, width()));
        // `expect o < 0.5`: the bound with its relation, so "expected: < 0.5" does not read as "expected 0.5"
        b.append("\n  expected: ").append(style.text(e.relation().equals("=") ? expected : e.relation() + " " + expected));
        if (e.relation().equals("=")) b.append(style.text(" ± " + Format.number(maxOf(e.tolerance()), 12)));
        b.append("\n  actual:   ").append(style.text(value(e.actual(), Math.max(p + 4, 7), 12)));
        if (e.actual().size() == 1) {
            b.append("\n  off by:   ").append(style.text(Format.number(e.actual().scalar() - e.expected().scalar(), Math.max(p + 4, 7))));
        } else if (e.relation().equals("=")) {
            int worst = 0;
            for (int i = 0; i < e.actual().size(); i++) {
                if (Math.abs(e.actual().get(i) - e.expected().get(i)) > Math.abs(e.actual().get(worst) - e.expected().get(worst))) worst = i;
            }
            b.append("\n  off by:   ").append(style.text(Format.number(e.actual().get(worst) - e.expected().get(worst), Math.max(p + 4, 7))))
                    .append(" at element ").append(worst);
        }
        for (String h : e.hints()) b.append('\n').append(Diagnostics.hint(h, style, width()));
        return b.toString();
    }

    private static String valueAsWritten(Output.Expectation e) {
        String t = e.pos().lineText();
        int eq = t.indexOf(e.relation(), Math.max(0, e.pos().column() - 1));
        if (eq < 0) return value(e.expected(), e.precision(), 0);
        int end = e.pos().column() - 1 + e.pos().length();
        return t.substring(eq + e.relation().length(), Math.max(eq + e.relation().length(), Math.min(t.length(), end))).strip();
    }

    private static double maxOf(double[] v) {
        double m = 0;
        for (double d : v) m = Math.max(m, d);
        return m;
    }

    /**
     * The progress line, one line narrower than the screen (so that a carriage return rewrites it in place at any
     * width): what does not fit is left out, the time left first, then the speed.
     */
    private String progress(Output.Progress p) {
        String head = "epoch " + p.epoch() + "/" + p.epochs() + "  loss " + Format.number(p.loss(), 6)
                + (Double.isNaN(p.testLoss()) ? "" : "  test " + Format.number(p.testLoss(), 6));
        String rate = "  " + Format.number(p.rate(), 0) + " examples/s";
        String left = p.secondsLeft() > 0 ? String.format("  %.0f s left", p.secondsLeft()) : "";
        int room = width() - 1;
        if ((head + rate + left).length() <= room) return head + rate + left;
        if ((head + left).length() <= room) return head + left;
        if (head.length() <= room) return head;
        return head.substring(0, room);
    }
}
