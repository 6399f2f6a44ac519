package nn.lang;

import java.util.List;

/**
 * What parsing a source gives: the statements, the syntax errors (all of them, none thrown), and whether the input
 * is merely incomplete (a bracket still open: the REPL asks for more lines instead of reporting an error).
 */
public record ParseResult(Source source, List<Stmt> statements, List<Diagnostic> errors, boolean incomplete) {
    public boolean ok() { return errors.isEmpty() && !incomplete; }
}
