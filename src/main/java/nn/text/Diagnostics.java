package nn.text;

import nn.lang.Diagnostic;
import nn.lang.Pos;

/** A diagnostic as compilers print it: {@code file:line:col: error: message}, the line, a caret, a hint. */
public final class Diagnostics {
    private Diagnostics() { }

    public static String render(Diagnostic d, Style style) {
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
        b.append(style.red(label)).append(": ").append(style.text(d.message()));
        if (p.known()) b.append('\n').append(caret(p, style));
        if (d.hint() != null) b.append("\n  ").append(style.cyan("hint")).append(": ").append(style.text(d.hint()));
        return b.toString();
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
    public static String caret(Pos p, Style style) {
        String line = p.lineText().replace('\t', ' ');
        int col = Math.max(1, Math.min(p.column(), line.length() + 1));
        int len = Math.max(1, Math.min(p.length(), line.length() - col + 1));
        String shown = line;
        int shift = 0;
        // very long lines (a pasted web page): show a window around the column
        if (line.length() > 160) {
            int from = Math.max(0, col - 60);
            int to = Math.min(line.length(), from + 140);
            shown = (from > 0 ? "…" : "") + line.substring(from, to) + (to < line.length() ? "…" : "");
            shift = from - (from > 0 ? 1 : 0);
            len = Math.min(len, to - (col - 1));
        }
        StringBuilder b = new StringBuilder("    ").append(style.text(shown)).append("\n    ");
        b.append(" ".repeat(Math.max(0, col - 1 - shift)));
        b.append(style.red("^" + "~".repeat(Math.max(0, len - 1))));
        return b.toString();
    }
}
