package nn.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import nn.lang.Source;
import nn.session.Output;
import nn.session.Session;

/** Runs nn source text in a session, collecting what it outputs (for the tests of every package; not a test itself). */
public final class Scripts {
    private Scripts() { }

    /** The reference network and example, as samples/seed.nn sets it up without its expects (w100 = 0.7: see the reference's errata). */
    public static final String SEED = """
            layer relu 3->2 as h
            layer sigmoid 2->1 as o
            W0 = [[0.2, -1.2, 0.9], [-0.5, -1.2, 0.3]]
            b0 = [-0.1, 0.2]
            W1 = [[0.7, -1.1]]
            b1 = [-0.1]
            input [0.9, 0.2, 0.5]
            target [0]
            """;

    /** One run: the session it ran in, everything it output in order, and its summary. */
    public record Run(Session session, List<Output> outputs, Session.Result summary) {
        /** Every problem as "where: message". */
        public List<String> problems() {
            List<String> out = new ArrayList<>();
            for (Output o : outputs) if (o instanceof Output.Problem p) out.add(p.diagnostic().pos().where() + ": " + p.diagnostic().message());
            return out;
        }

        /** The last value shown with this label, or a failure. */
        public Output.Shown shown(String label) {
            Output.Shown last = null;
            for (Output o : outputs) if (o instanceof Output.Shown s && s.label().equals(label)) last = s;
            if (last == null) fail("nothing shown as " + label + " in " + outputs);
            return last;
        }

        /** The outputs of one kind, in order. */
        public <T extends Output> List<T> all(Class<T> type) {
            List<T> out = new ArrayList<>();
            for (Output o : outputs) if (type.isInstance(o)) out.add(type.cast(o));
            return out;
        }
    }

    /** Runs the text in a new session. */
    public static Run run(String text) { return run(new Session(), text); }

    /** Runs the text in {@code s} as a script file runs (stopping at the first error). */
    public static Run run(Session s, String text) {
        List<Output> out = new ArrayList<>();
        Session.Result r = s.run(new Source("<test>", text), out::add, false);
        return new Run(s, out, r);
    }

    /** Runs the text and fails the test on any error or failed expect. */
    public static Run ok(String text) { return ok(new Session(), text); }

    public static Run ok(Session s, String text) {
        Run r = run(s, text);
        if (r.summary().errors() > 0 || s.failedExpects() > 0) fail("script failed: " + r.problems() + " " + r.all(Output.Expectation.class));
        return r;
    }
}
