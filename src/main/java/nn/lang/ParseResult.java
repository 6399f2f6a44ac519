package nn.lang;

import java.util.List;

/**
 * What parsing a source gives: the statements, the syntax errors (all of them, none thrown), and whether the input
 * is merely incomplete (a bracket still open: the REPL asks for more lines instead of reporting an error).
 */
public record ParseResult(Source source, List<Stmt> statements, List<Diagnostic> errors, boolean incomplete, List<Stmt> built) {

    public ParseResult(Source source, List<Stmt> statements, List<Diagnostic> errors, boolean incomplete) {
        this(source, statements, errors, incomplete, statements);
    }

    public boolean ok() { return errors.isEmpty() && !incomplete; }

    /** The same result with more errors (the interpreter's checks of how statements are written), in source order. */
    public ParseResult with(List<Diagnostic> more) {
        if (more.isEmpty()) return this;
        List<Diagnostic> all = new java.util.ArrayList<>(errors);
        all.addAll(more);
        all.sort((a, b) -> a.pos().line() != b.pos().line() ? Integer.compare(a.pos().line(), b.pos().line())
                : Integer.compare(a.pos().column(), b.pos().column()));
        return new ParseResult(source, List.of(), List.copyOf(all), incomplete, built);
    }
}
