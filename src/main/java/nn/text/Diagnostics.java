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
        String message = style.text(visible(d.message()));
        if (!p.known() || p.origin().equals(PROMPT_ORIGIN)) {
            String head = where.isEmpty() ? "" : where + ": ";
            message = Wrap.text(head + label + ": " + message, width).substring(head.length() + label.length() + 2);
        }
        b.append(style.red(label)).append(": ").append(message);
        if (p.known()) b.append('\n').append(caret(p, style, width));
        if (d.hint() != null) b.append('\n').append(hint(visible(d.hint()), style, width));
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
        String raw = p.lineText();
        int rawCol = p.column();
        int room = Math.max(20, width - 4); // the characters that fit after the indentation
        // a very long line (a pasted web page) is first cut to a few widths around the column, so the work per error
        // does not grow with the line; what is shown is cut from that below, "…" at both ends
        if (raw.length() > 4 * room) {
            int from = Math.max(0, Math.min(raw.length(), rawCol - 1) - room);
            raw = raw.substring(from, Math.min(raw.length(), from + 3 * room));
            rawCol -= from;
        }
        int[] cps = raw.replace('\t', ' ').codePoints().toArray();
        int n = cps.length;
        int col = Math.max(1, Math.min(rawCol, n + 1));
        int len = Math.max(1, Math.min(p.length(), n - col + 1));
        String dots = style.text("…");
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
        String before = (from > 0 ? dots : "") + shown(cps, from, col - 1, style);
        String shown = before + shown(cps, col - 1, Math.max(col - 1, to), style) + (to < n ? dots : "");
        int under = Math.max(1, shownLength(cps, col - 1, Math.min(to, col - 1 + len), style));
        StringBuilder b = new StringBuilder("    ").append(shown).append("\n    ");
        b.append(" ".repeat(before.codePointCount(0, before.length())));
        b.append(style.red("^" + "~".repeat(Math.max(0, under - 1))));
        return b.toString();
    }

    /** Code points from..to as shown: control and bidi characters escaped (\\x1b), the rest in the style's characters. */
    private static String shown(int[] cps, int from, int to, Style style) {
        StringBuilder b = new StringBuilder();
        for (int k = from; k < to; k++) {
            int c = cps[k];
            b.append(c < 0x10000 ? visible((char) c) : new String(Character.toChars(c)));
        }
        return style.text(b.toString());
    }

    private static int shownLength(int[] cps, int from, int to, Style style) {
        if (to <= from) return 0;
        String t = shown(cps, from, to, style);
        return t.codePointCount(0, t.length());
    }

    /** Messages echo what was written; beyond this many characters their middle is left out. */
    static final int MESSAGE_CHARS = 400;

    /**
     * Text from the user as an error line may show it: control characters (which could set the terminal's title or
     * erase the lines above) and bidirectional overrides (which reorder what is shown) written as escapes, {@code \x1b},
     * {@code \u202e}; a message longer than {@link #MESSAGE_CHARS} shortened in its middle.
     */
    public static String visible(String s) {
        if (s.length() > MESSAGE_CHARS) {
            s = s.substring(0, MESSAGE_CHARS - 100) + " … (" + (s.length() - MESSAGE_CHARS + 50) + " characters left out) … " + s.substring(s.length() - 50);
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String v = c == '\n' ? null : visible(c);
            if (b == null) {
                if (v == null || v.length() == 1) continue;
                b = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            b.append(v == null ? String.valueOf(c) : v);
        }
        return b == null ? s : b.toString();
    }

    /** One character as shown: itself, or an escape for a control or bidirectional-formatting character. */
    static String visible(char c) {
        if (c == '\t') return "\\t";
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) return String.format("\\x%02x", (int) c);
        if (c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
            return String.format("\\u%04x", (int) c);
        }
        return String.valueOf(c);
    }
}
