package nn.grade;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nn.lang.Arg;
import nn.lang.Diagnostic;
import nn.lang.Expr;
import nn.lang.Option;
import nn.lang.ParseResult;
import nn.lang.Pos;
import nn.lang.Ref;
import nn.lang.Source;
import nn.lang.Stmt;
import nn.session.Session;
import nn.session.SourceFiles;

/**
 * An answer key: its statements and the questions it asks. Two kinds (docs/grading.md): an ANSWERS key sets the
 * exercise up (it builds a network) and asks for values, which the submission gives as {@code expect X = v} or
 * {@code X = v} lines; a PROGRAM key builds nothing: its statements and expects run after the submission, in the
 * submission's session. Questions are the key's {@code ask X points=N} lines and its {@code expect} lines (1 point
 * each); an {@code ask} followed by an {@code expect} of the same name is one question, worth the ask's points.
 */
public final class Key {
    public enum Kind { ANSWERS, PROGRAM }

    /**
     * A question: where it is in the key (the statement index), its name as the key writes it, its points, the name
     * (null for an expression), the key's expect (null for an ask alone) and the statement index of that expect.
     */
    public record Question(int index, String name, double points, Ref ref, Stmt.Expect expect, int expectIndex) {
    }

    /** A key that cannot be used: its messages, ready to show. */
    public static final class Problem extends Exception {
        public final List<Diagnostic> diagnostics;

        Problem(String message, List<Diagnostic> diagnostics) {
            super(message);
            this.diagnostics = List.copyOf(diagnostics);
        }
    }

    public final Path file;
    public final Source source;
    public final List<Stmt> statements;
    public final List<Question> questions;
    public final Kind kind;

    private Key(Path file, Source source, List<Stmt> statements, List<Question> questions, Kind kind) {
        this.file = file;
        this.source = source;
        this.statements = statements;
        this.questions = questions;
        this.kind = kind;
    }

    public Path folder() {
        Path p = file.toAbsolutePath().getParent();
        return p != null ? p : Path.of("").toAbsolutePath();
    }

    public double maxScore() {
        double m = 0;
        for (Question q : questions) m += q.points;
        return m;
    }

    /** Reads and checks a key; {@code forced} overrides the kind read from it (null: a key with a layer is ANSWERS). */
    public static Key load(Path file, Kind forced) throws Problem {
        Source src;
        try {
            src = SourceFiles.read(file, Pos.NONE);
        } catch (nn.lang.NnError e) {
            throw new Problem("the key cannot be read", List.of(e.diagnostic()));
        }
        return of(file, src, forced);
    }

    /** A key from its text (tests, generated exercises). */
    public static Key of(Path file, Source src, Kind forced) throws Problem {
        ParseResult parsed = new Session().parse(src);
        if (!parsed.ok()) throw new Problem("the key has syntax errors", parsed.errors());
        List<Stmt> stmts = parsed.statements();
        boolean layers = false;
        for (Stmt s : stmts) layers |= s instanceof Stmt.Layer;
        Kind kind = forced != null ? forced : layers ? Kind.ANSWERS : Kind.PROGRAM;
        List<Question> qs = new ArrayList<>();
        for (int i = 0; i < stmts.size(); i++) {
            Stmt s = stmts.get(i);
            if (s instanceof Stmt.Command c && c.keyword().equals("ask")) {
                Ref r = null;
                double points = 1;
                for (Arg a : c.args()) {
                    if (a instanceof Option o && o.key().equals("points")) points = o.number();
                    else if (a instanceof Ref ref) r = ref;
                }
                if (r == null) throw new Problem("the key's ask does not name a value", List.of(new Diagnostic(Diagnostic.Kind.RUNTIME, c.pos(), "ask needs a name, e.g. ask dE/dw100 points=2", null)));
                qs.add(new Question(i, r.text(), points, r, null, -1));
            } else if (s instanceof Stmt.Expect e) {
                Ref r = e.subject() instanceof Ref ref ? ref : null;
                String name = r != null ? r.text() : subject(e);
                Question last = qs.isEmpty() ? null : qs.get(qs.size() - 1);
                if (last != null && last.expect == null && r != null && last.ref != null && last.ref.text().equals(r.text())) {
                    qs.set(qs.size() - 1, new Question(last.index, last.name, last.points, last.ref, e, i));
                } else {
                    qs.add(new Question(i, name, 1, r, e, i));
                }
            }
        }
        if (qs.isEmpty()) {
            throw new Problem("the key asks nothing", List.of(new Diagnostic(Diagnostic.Kind.RUNTIME, new Pos(src, 1, 1, 0),
                    "the key has no ask or expect line, so there is nothing to grade", "add `ask dE/dw100 points=2` or `expect accuracy = 1`")));
        }
        for (Question q : qs) {
            if (kind == Kind.PROGRAM && q.expect == null) {
                throw new Problem("a program key checks with expect", List.of(new Diagnostic(Diagnostic.Kind.RUNTIME, stmts.get(q.index).pos(),
                        "in a program key, ask " + q.name + " needs an expect of it after it (the value the program must reach)", null)));
            }
            if (kind == Kind.PROGRAM && q.expect != null && q.expect.relation() != Stmt.Relation.EQ && q.expect.value().size() != 1) {
                throw new Problem("bad expect", List.of(new Diagnostic(Diagnostic.Kind.RUNTIME, q.expect.pos(), "a comparison checks one number", null)));
            }
        }
        return new Key(file, src, List.copyOf(stmts), List.copyOf(qs), kind);
    }

    static String subject(Stmt.Expect e) {
        String t = e.pos().lineText();
        int c = Math.max(0, e.pos().column() - 1);
        String rest = t.substring(Math.min(c, t.length())).strip();
        if (rest.startsWith("expect")) rest = rest.substring(6);
        int cut = rest.length();
        for (String rel : List.of("<=", ">=", "≤", "≥", "=", "<", ">")) {
            int k = rest.indexOf(rel);
            if (k >= 0 && k < cut) cut = k;
        }
        return rest.substring(0, cut).strip();
    }

    static String squeeze(String s) { return s.replaceAll("\\s+", ""); }

    /** The subject of an answer or question written as an expression, without blanks. */
    static String subjectKey(Expr subject, Stmt.Expect e) { return subject instanceof Ref r ? r.text() : squeeze(subject(e)); }
}
