package nn.lang;

/**
 * One problem reported to the user: what kind, where, what went wrong, and (optionally) a hint.
 * Rendering (caret, colour) is done by nn.text.Diagnostics; this is only data.
 */
public record Diagnostic(Kind kind, Pos pos, String message, String hint) {

    public enum Kind {
        /** the text does not parse: nothing of the input runs */
        SYNTAX,
        /** a statement cannot run (unknown name, shape mismatch, ...): the statement changes nothing */
        RUNTIME,
        /** a file cannot be read or written */
        IO,
        /** a failed expect: the script goes on and exits non-zero */
        EXPECT,
        /** a bug inside nn */
        INTERNAL
    }

    public Diagnostic(Kind kind, Pos pos, String message) { this(kind, pos, message, null); }
}
