package nn.session;

import nn.core.Value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import nn.lang.NnError;
import nn.lang.ParseResult;
import nn.lang.Parser;
import nn.lang.Source;
import nn.lang.Stmt;
import nn.testing.Scripts;

/**
 * A session driven statement by statement, collecting its outputs (for the session tests; not a test itself). Unlike
 * {@link Scripts}, which runs text as a script file runs, it calls {@link Session#execute} itself, so that a test can
 * hold the error a statement throws.
 */
final class Harness {
    final Session session = new Session();
    final List<Output> outputs = new ArrayList<>();
    private int line = 1;

    static Harness seed() { return new Harness().run(Scripts.SEED); }

    private List<Stmt> parse(String text) {
        ParseResult r = Parser.parse(new Source("t.nn", text, line));
        line += (int) text.chars().filter(c -> c == '\n').count() + 1;
        if (!r.ok()) fail("does not parse: " + text + " " + r.errors());
        return r.statements();
    }

    /** Runs statements that must all succeed. */
    Harness run(String text) {
        for (Stmt s : parse(text)) {
            try {
                session.execute(s, outputs::add);
            } catch (NnError e) {
                fail("`" + s.text() + "` failed: " + e.diagnostic().message() + " (hint: " + e.diagnostic().hint() + ")");
            }
        }
        return this;
    }

    /** Runs one statement that must fail, and returns its error. */
    NnError fail1(String statement) {
        List<Stmt> s = parse(statement);
        assertEquals(1, s.size(), statement);
        return assertThrows(NnError.class, () -> session.execute(s.get(0), outputs::add), statement);
    }

    /** The value of a name as `show` gives it. */
    Value value(String name) {
        int before = outputs.size();
        run("show " + name);
        Output o = outputs.get(outputs.size() - 1);
        assertEquals(before + 1, outputs.size(), "one output for show " + name);
        assertTrue(o instanceof Output.Shown, "show " + name + " gave " + o);
        return ((Output.Shown) o).value();
    }

    /** The label `show` gives a name (its canonical spelling). */
    String label(String name) {
        run("show " + name);
        return ((Output.Shown) outputs.get(outputs.size() - 1)).label();
    }

    /** The outcome of one expect statement (which must not be an error). */
    Output.Expectation expect(String statement) {
        run(statement.startsWith("expect") ? statement : "expect " + statement);
        Output o = outputs.get(outputs.size() - 1);
        assertTrue(o instanceof Output.Expectation, () -> statement + " gave " + o);
        return (Output.Expectation) o;
    }

    State state() { return session.state(); }
}
