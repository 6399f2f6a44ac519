package nn.lang;

/** Thrown by any layer to report a {@link Diagnostic}; the statement that raised it changes nothing. */
public class NnError extends RuntimeException {
    private final transient Diagnostic diagnostic;

    public NnError(Diagnostic diagnostic) {
        super(diagnostic.message(), null, false, false);
        this.diagnostic = diagnostic;
    }

    /** An unexpected exception inside nn, wrapped so that the statement fails cleanly; the cause is kept for --debug. */
    public NnError(Diagnostic diagnostic, Throwable cause) {
        super(diagnostic.message(), cause, false, false);
        this.diagnostic = diagnostic;
    }

    public NnError(Pos pos, String message) { this(new Diagnostic(Diagnostic.Kind.RUNTIME, pos, message)); }

    public NnError(Pos pos, String message, String hint) {
        this(new Diagnostic(Diagnostic.Kind.RUNTIME, pos, message, hint));
    }

    public Diagnostic diagnostic() { return diagnostic; }
}
