package nn.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import nn.session.Session;
import nn.text.Renderer;
import nn.text.Style;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    private final Session session = new Session();
    private final StringWriter text = new StringWriter();
    private final Evaluator evaluator = new Evaluator(session, new Renderer(Style.PLAIN), new PrintWriter(text), false);

    private String run(String entry) {
        text.getBuffer().setLength(0);
        evaluator.run(entry);
        return text.toString();
    }

    private static final String NETWORK = """
            layer relu 3->2 as h
            layer sigmoid 2->1 as o
            W0 = [[0.2, -1.2, 0.9],
                  [-0.5, -1.2, 0.3]]
            b0 = [-0.1, 0.2]
            W1 = [[0.7, -1.1]]
            b1 = [-0.1]
            input [0.9, 0.2, 0.5]
            target [0]""";

    @Test
    void aPastedBlockRunsStatementByStatementAsAFileWould() throws Exception {
        String seed = Files.readString(Path.of("samples/seed.nn"));
        String out = run(seed);
        assertFalse(out.contains("error"), out);
        assertFalse(out.contains("expect failed"), out);
        assertEquals(0, session.failedExpects());
        long expects = seed.lines().filter(l -> l.startsWith("expect")).count();
        assertEquals(expects, session.passedExpects(), "every expect of the reference ran and held");
        // the reference's forward pass: o = 0.526 before the update, 0.519 after it
        assertTrue(out.contains("o = 0.526") && out.contains("o = 0.519"), out);
    }

    @Test
    void anErrorShowsItsCaretAndTheSessionCarriesOnUnchanged() {
        run(NETWORK);
        String out = run("W0 = [1 2 3]");
        assertTrue(out.contains("error: W0 must be 2×3"), out);
        assertTrue(out.contains("    W0 = [1 2 3]\n         ^~~~~~~"), "caret under the value: " + out);
        assertFalse(out.contains("<repl>"), "a typed line needs no file name");
        out = run("show w000");
        assertTrue(out.contains("w000 = 0.2"), "the failed assignment changed nothing: " + out);
        assertTrue(run("forward").contains("o = 0.526"));
    }

    @Test
    void aRuntimeErrorStopsTheRestOfABlockAndSaysSo() {
        run(NETWORK);
        String out = run("forward\nshow W9\nbackward\nshow dE/dw100");
        assertTrue(out.contains("line 2: error: there is no W9: there is no layer 9"), out);
        assertTrue(out.contains("stopped at line 2: the 2 statements after it did not run"), out);
        assertFalse(out.contains("dE/dw100 ="), out);
    }

    @Test
    void aSyntaxErrorAnywhereRunsNothingOfTheBlock() {
        String out = run("layer relu 3->2\nW0 = [1,, 2]\nshow net");
        assertTrue(out.contains("syntax error"), out);
        assertTrue(out.contains("nothing of this block ran"), out);
        assertEquals(0, session.state().net.depth(), "the layer before the error did not run either");
    }

    @Test
    void anInterruptStopsBeforeTheNextStatement() {
        run(NETWORK);
        session.interrupt();
        // a Ctrl-C pressed at the prompt belongs to no computation: the entry runs
        assertTrue(run("forward").contains("o = 0.526"));
        // Ctrl-C arrives while the first statement prints its result
        StringWriter w = new StringWriter();
        Writer interruptingTerminal = new Writer() {
            @Override public void write(char[] c, int off, int len) {
                String t = new String(c, off, len);
                w.write(t);
                if (t.contains("E = ")) session.interrupt();
            }

            @Override public void flush() { }

            @Override public void close() { }
        };
        new Evaluator(session, new Renderer(Style.PLAIN), new PrintWriter(interruptingTerminal), false).run("forward\nbackward\nshow dE/dw100");
        assertTrue(w.toString().contains("interrupted: 2 statements did not run"), w.toString());
        assertFalse(w.toString().contains("dE/dw100 ="), w.toString());
        assertFalse(session.interruptPending(), "the interrupt is used up");
    }

    @Test
    void exitStopsTheBlock() {
        String out = run("exit\nlayer relu 3->2");
        assertTrue(session.exitRequested());
        assertEquals(0, session.state().net.depth(), out);
    }

    /** Issue 17: an error typed at the prompt is wrapped to the screen, its caret under the right character. */
    @Test
    void promptErrorsFitTheScreen() {
        StringWriter narrow = new StringWriter();
        Evaluator at40 = new Evaluator(session, new Renderer(Style.PLAIN, () -> 40), new PrintWriter(narrow), false);
        at40.run("layer relu 3->2\nW1 = [[1, 2]]");
        String out = narrow.toString();
        for (String line : out.split("\n")) assertTrue(line.length() <= 40, line + " in\n" + out);
        assertTrue(out.replaceAll("\\s+", " ").contains("error: there is no W1: there is no layer 1"), out);
    }

    /** Issue 17: a huge output is written a chunk at a time and stops at Ctrl-C, saying how much was shown. */
    @Test
    void ctrlCStopsAHugeOutput() {
        session.run(new nn.lang.Source("t", "init xavier seed=1; layer relu 1000->1000"), o -> { }, Session.Mode.SCRIPT);
        StringWriter big = new StringWriter();
        int[] chunks = {0};
        PrintWriter out = new PrintWriter(new Writer() {
            @Override public void write(char[] c, int off, int len) {
                big.write(c, off, len);
                if (big.getBuffer().length() > 3 * Evaluator.CHUNK && chunks[0]++ == 0) session.interrupt(); // Ctrl-C while it prints
            }
            @Override public void flush() { }
            @Override public void close() { }
        });
        new Evaluator(session, new Renderer(Style.PLAIN), out, false).run("show W0 full; show b0");
        String text = big.toString();
        assertTrue(text.length() < 10 * Evaluator.CHUNK, "stopped early: " + text.length() + " characters");
        assertTrue(text.contains("(output interrupted: ") && text.contains(" of 1000 lines shown)"), text.substring(Math.max(0, text.length() - 300)));
        assertFalse(text.contains("b0 = "), "the statement after it did not run");
    }
}
