package nn.text;

import nn.lang.Diagnostic;
import nn.lang.Pos;

/** A diagnostic as compilers print it: {@code file:line:col: error: message}, the line, a caret, a hint. */
public final class Diagnostics {
    private Diagnostics() { }

    public static String render(Diagnostic d, Style style) { return render(d, style, Renderer.DEFAULT_WIDTH); }

    /**
     * The diagnostic laid out for {@code width} columns: the first line ({@code file:line:col: error: message}) whole,
     * as compilers print it; the source line shown whole when it fits and otherwise as a window around the column,
     * the caret under it; the hint wrapped at word boundaries.
     */
    public static String render(Diagnostic d, Style style, int width) {
        StringBuilder b = new StringBuilder();
        Pos p = d.pos();
        String label = switch (d.kind()) {
            case SYNTAX -> "syntax error";
            case EXPECT -> "expect failed";
            case INTERNAL -> "internal error";
            default -> "error";
        };
        String where = p.known() ? where(p) : "";
        if (!where.isEmpty()) b.append(style.bold(where + ": "));
        // with a location, the first line stays whole, as compilers print it: editors and graders find
        // file:line:col: error: there; without one (a line typed at the prompt), it is wrapped like any prose
        String message = style.text(d.message());
        if (!p.known() || p.origin().equals(PROMPT_ORIGIN)) {
            String head = where.isEmpty() ? "" : where + ": ";
            message = Wrap.text(head + label + ": " + message, width).substring(head.length() + label.length() + 2);
        }
        b.append(style.red(label)).append(": ").append(message);
        if (p.known()) b.append('\n').append(caret(p, style, width));
        if (d.hint() != null) b.append('\n').append(hint(d.hint(), style, width));
        return b.toString();
    }

    /** {@code "  hint: text"}, wrapped under the text. */
    static String hint(String text, Style style, int width) {
        String wrapped = Wrap.text("  hint: " + style.text(text), width);
        return "  " + style.cyan("hint") + wrapped.substring("  hint".length());
    }

    /** The origin of text typed or pasted at the REPL's prompt. */
    public static final String PROMPT_ORIGIN = "<repl>";

    /**
     * Where a problem is: {@code file:line:col}; for a line typed at the prompt nothing (the caret under it says
     * where), for a block pasted at the prompt its line.
     */
    static String where(Pos p) {
        if (!p.origin().equals(PROMPT_ORIGIN)) return p.where();
        return p.source().lines().size() > 1 ? "line " + p.line() : "";
    }

    /** The source line, indented, and a caret under the column (as wide as the construct, on that line). */
    public static String caret(Pos p, Style style) { return caret(p, style, 160 + 4); }

    /**
     * The source line, indented by four, and under it a caret at the column, as wide as the construct (on that
     * line). A line too long for {@code width} is shown as a window around the column, "…" where it is cut, so the
     * caret stands under the right character at any width.
     */
    public static String caret(Pos p, Style style, int width) {
        // columns are characters (code points) of the line as typed; what is shown is the line in this style's
        // characters, where an ASCII spelling may be longer (σ: sigma): the caret is placed by what is shown
        int[] cps = p.lineText().replace('\t', ' ').codePoints().toArray();
        int n = cps.length;
        int col = Math.max(1, Math.min(p.column(), n + 1));
        int len = Math.max(1, Math.min(p.length(), n - col + 1));
        String dots = style.text("…");
        int room = Math.max(20, width - 4); // the characters that fit after the indentation
        int from = 0;
        int to = n;
        if (shownLength(cps, 0, n, style) > room) {
            // the column about a third into the window, then as much after it as fits (the construct first)
            from = Math.max(0, col - 1 - room / 3);
            int used = (from > 0 ? dots.length() : 0);
            to = from;
            while (to < n && used + shownLength(cps, to, to + 1, style) + (to + 1 < n ? dots.length() : 0) <= room) {
                used += shownLength(cps, to, to + 1, style);
                to++;
            }
            to = Math.max(to, Math.min(n, col)); // the character under the caret is always shown
        }
        String before = (from > 0 ? dots : "") + style.text(new String(cps, from, col - 1 - from));
        String shown = before + style.text(new String(cps, col - 1, Math.max(0, to - (col - 1)))) + (to < n ? dots : "");
        int under = Math.max(1, shownLength(cps, col - 1, Math.min(to, col - 1 + len), style));
        StringBuilder b = new StringBuilder("    ").append(shown).append("\n    ");
        b.append(" ".repeat(before.codePointCount(0, before.length())));
        b.append(style.red("^" + "~".repeat(Math.max(0, under - 1))));
        return b.toString();
    }

    private static int shownLength(int[] cps, int from, int to, Style style) {
        if (to <= from) return 0;
        String t = style.text(new String(cps, from, to - from));
        return t.codePointCount(0, t.length());
    }
}
