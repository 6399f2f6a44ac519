package nn.explain;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import nn.lang.Source;
import nn.session.Output;
import nn.session.Session;
import nn.text.Renderer;
import nn.text.Style;

/** Runs nn statements in a session and returns what they printed (Unicode, no colour). */
final class Script {
    private Script() { }

    /** The reference network and example, as samples/seed.nn sets it up (w100 = 0.7: see the reference's errata). */
    static final String REFERENCE = """
            layer relu 3->2 as h
            layer sigmoid 2->1 as o
            W0 = [[0.2, -1.2, 0.9], [-0.5, -1.2, 0.3]]
            b0 = [-0.1, 0.2]
            W1 = [[0.7, -1.1]]
            b1 = [-0.1]
            input [0.9, 0.2, 0.5]
            target [0]
            """;

    static String run(Session s, String text) {
        return run(s, text, Style.PLAIN);
    }

    static String run(Session s, String text, Style style) {
        List<Output> outs = new ArrayList<>();
        s.run(new Source("<test>", text), outs::add, false);
        Renderer r = new Renderer(style);
        StringBuilder b = new StringBuilder();
        for (Output o : outs) {
            if (o instanceof Output.Problem p) fail("problem running\n" + text + "\n" + r.render(p));
            b.append(r.render(o)).append('\n');
        }
        return b.toString();
    }

    /** The reference set up and run through forward and backward; then {@code more}. */
    static String reference(String more) {
        Session s = new Session();
        run(s, REFERENCE + "forward\nbackward\n");
        return run(s, more);
    }

    /** The one line of {@code text} that starts with {@code start} (after spaces), or a failure. */
    static String line(String text, String start) {
        for (String l : text.split("\n")) if (l.strip().startsWith(start)) return l.strip();
        return fail("no line starting with '" + start + "' in\n" + text);
    }

    /** The line with these sides: "a = b = c", spaces around '=' normalised. */
    static String squash(String line) { return line.replaceAll("\\s+", " "); }
}
