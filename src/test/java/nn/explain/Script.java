package nn.explain;

import static org.junit.jupiter.api.Assertions.fail;

import nn.session.Output;
import nn.session.Session;
import nn.testing.Scripts;
import nn.text.Renderer;
import nn.text.Style;

/** Runs nn statements in a session and returns what they printed (Unicode, no colour). */
final class Script {
    private Script() { }

    static String run(Session s, String text) {
        return run(s, text, Style.PLAIN);
    }

    static String run(Session s, String text, Style style) {
        // pictures at 80 columns (what a script's output gets); derivations and remarks unwrapped, each equation on
        // one line, for the tests that read them (LayoutTest checks how they wrap)
        Renderer r = new Renderer(style);
        Renderer wide = new Renderer(style, () -> 100_000);
        StringBuilder b = new StringBuilder();
        for (Output o : Scripts.run(s, text).outputs()) {
            if (o instanceof Output.Problem p) fail("problem running\n" + text + "\n" + r.render(p));
            b.append((o instanceof Output.Drawing ? r : wide).render(o)).append('\n');
        }
        return b.toString();
    }

    /** The reference set up and run through forward and backward; then {@code more}. */
    static String reference(String more) {
        Session s = new Session();
        run(s, Scripts.SEED + "forward\nbackward\n");
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
