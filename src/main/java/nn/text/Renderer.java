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
        if (o instanceof Output.Math m) return fill(m.text());
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
        String body = value(s.value(), s.precision(), head.length());
        String note = s.note() != null ? "   " + style.dim("(" + s.note() + ")") : "";
        return style.text(style.bold(s.label()) + " = " + body) + note;
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

    /** Pads each column so its decimal points line up. */
    static String[][] align(String[][] cells) {
        int rows = cells.length;
        int cols = rows == 0 ? 0 : cells[0].length;
        String[][] out = new String[rows][cols];
        for (int c = 0; c < cols; c++) {
            int left = 0;
            int right = 0;
            for (String[] row : cells) {
                int dot = dot(row[c]);
                left = Math.max(left, dot);
                right = Math.max(right, row[c].length() - dot);
            }
            for (int r = 0; r < rows; r++) {
                String s = cells[r][c];
                int dot = dot(s);
                out[r][c] = " ".repeat(left - dot) + s + " ".repeat(right - (s.length() - dot));
            }
        }
        return out;
    }

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
            b.append(style.bold(line(t.header(), w))).append('\n');
            for (List<String> row : t.rows()) b.append(line(row, w)).append('\n');
        }
        if (t.footer() != null) b.append(Wrap.text(style.text(t.footer()), width()));
        else if (b.length() > 0) b.setLength(b.length() - 1);
        return style.text(b.toString());
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
            return style.green(style.text("✓")) + style.text(" " + e.label() + " " + e.relation() + " " + valueAsWritten(e) + "   " + style.dim("(" + inline(e.actual(), p + 4) + ")"));
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

    private String progress(Output.Progress p) {
        return String.format("epoch %d/%d  loss %s  %s examples/s%s", p.epoch(), p.epochs(), Format.number(p.loss(), 6),
                Format.number(p.rate(), 0), p.secondsLeft() > 0 ? String.format("  %.0f s left", p.secondsLeft()) : "");
    }
}
