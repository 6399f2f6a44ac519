package nn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import nn.session.Session;
import nn.session.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SessionEngineTest {
    @TempDir Path dir;

    static final String NET = "layer relu 3->2 as h\nlayer sigmoid 2->1 as o";
    static final String PARAMS = "W0 = [[0.2, -1.2, 0.9], [-0.5, -1.2, 0.3]]\nb0 = [-0.1, 0.2]; W1 = [0.7, -1.1]; b1 = -0.1";
    static final String EXAMPLE = "input [0.9, 0.2, 0.5]; target 0";

    private SessionEngine reference() {
        SessionEngine e = new SessionEngine(new Session(), dir, false);
        for (String cell : List.of(NET, PARAMS, EXAMPLE)) assertTrue(e.execute(cell).ok(), cell);
        return e;
    }

    private static String text(Engine.Result r) {
        StringBuilder b = new StringBuilder();
        for (Engine.Display d : r.outputs()) b.append(d.text()).append('\n');
        return b.toString();
    }

    private static String traceback(Engine.Result r) { return String.join("\n", r.failure().traceback()); }

    @Test
    void theReferenceStepPrintsItsLossAsText() {
        Engine.Result r = reference().execute("step lr=0.1");
        assertTrue(r.ok());
        assertEquals(Engine.Kind.STDOUT, r.outputs().get(0).kind());
        assertEquals("E = 0.138   (before the update)", r.outputs().get(0).text());
        assertEquals(List.of(Engine.PLAIN), List.copyOf(r.outputs().get(0).data().keySet()));
    }

    @Test
    void stateCarriesFromCellToCell() {
        SessionEngine e = reference();
        e.execute("step lr=0.1");
        Engine.Result r = e.execute("forward");
        assertEquals("o = 0.519\nE = 0.135\n", text(r));
    }

    @Test
    void aClosingShowIsTheCellsResult() {
        Engine.Result r = reference().execute("forward\nshow o E");
        Engine.Display last = r.outputs().get(r.outputs().size() - 1);
        assertEquals(Engine.Kind.RESULT, last.kind());
        assertEquals("o = 0.526\nE = 0.138", last.text());
        assertEquals(Engine.Kind.STDOUT, r.outputs().get(0).kind(), "forward's own output streams");
    }

    @Test
    void explainIsMarkdownWithMathBesideTheText() {
        SessionEngine e = reference();
        e.execute("forward; backward");
        Engine.Result r = e.execute("explain dE/dw100");
        assertTrue(r.ok());
        assertEquals(1, r.outputs().size());
        Engine.Display d = r.outputs().get(0);
        assertEquals(Engine.Kind.DISPLAY, d.kind());
        assertTrue(d.text().contains("∂E/∂w100 = 0.526 · 0.249 · 0.29 = 0.038"), d.text());
        String md = d.data().get(Engine.MARKDOWN);
        assertTrue(md.contains("$$") && md.contains("\\frac{\\partial E}{\\partial w_{100}}") && md.contains("0.038"), md);
        assertFalse(md.startsWith("#"), "no document title");
    }

    @Test
    void drawIsAnSvgPictureBesideTheText() {
        SessionEngine e = reference();
        e.execute("forward");
        Engine.Display d = e.execute("draw").outputs().get(0);
        assertEquals(Engine.Kind.DISPLAY, d.kind());
        assertTrue(d.text().contains("layer 0: h, relu"), d.text());
        String svg = d.data().get(Engine.SVG);
        assertTrue(svg.startsWith("<?xml") && svg.contains("<svg") && svg.contains("0.526"), svg);
        Engine.Result gr = e.execute("backward\ndraw gradients");
        Engine.Display g = gr.outputs().get(gr.outputs().size() - 1);
        assertTrue(g.data().get(Engine.SVG).contains("0.038"), "the gradient picture shows ∂E/∂w100");
    }

    @Test
    void plotLossIsAnSvgChart() {
        SessionEngine e = reference();
        e.execute("train epochs=30 lr=0.1");
        Engine.Result r = e.execute("plot loss");
        Engine.Display d = r.outputs().get(0);
        assertTrue(d.data().get(Engine.SVG).contains("<svg"), d.data().toString());
    }

    @Test
    void exportMarkdownShowsTheDocumentItWrote() throws Exception {
        SessionEngine e = reference();
        e.execute("step lr=0.1");
        Path file = dir.resolve("example.md");
        Engine.Result r = e.execute("export markdown \"" + file + "\"");
        assertTrue(r.ok(), String.valueOf(r.failure()));
        Engine.Display d = r.outputs().get(0);
        assertTrue(d.text().startsWith("wrote "), d.text());
        assertEquals(Files.readString(file), d.data().get(Engine.MARKDOWN));
        assertTrue(d.data().get(Engine.MARKDOWN).contains("$"));
    }

    @Test
    void aFailedExpectFailsTheCellWithNnsMessageAndChangesNothing() {
        SessionEngine e = reference();
        e.execute("step lr=0.1");
        double[] w0 = e.session().state().net.layer(0).W.clone();
        Engine.Result r = e.execute("step lr=0.1\nexpect E = 0.2");
        assertFalse(r.ok());
        assertEquals("ExpectFailed", r.failure().ename());
        assertTrue(r.failure().evalue().startsWith("expect E = 0.2 does not hold"), r.failure().evalue());
        String tb = traceback(r);
        assertTrue(tb.contains("expect failed: E = 0.2") && tb.contains("actual:   0.1345947"), tb);
        assertTrue(tb.contains("the cell changed nothing"), tb);
        assertFalse(tb.contains("\tat ") || tb.contains("Exception"), "no Java trace");
        assertTrue(Arrays.equals(w0, e.session().state().net.layer(0).W), "the step in the failed cell was undone");
        assertTrue(e.execute("expect E = 0.138").ok(), "E is that of the first step");
    }

    @Test
    void aRuntimeErrorUndoesTheWholeCell() {
        SessionEngine e = reference();
        Engine.Result r = e.execute("b1 = 5\nW0 = [[1, 2], [3, 4]]\nforward");
        assertEquals("RuntimeError", r.failure().ename());
        assertTrue(r.failure().evalue().contains("W0 must be 2×3"), r.failure().evalue());
        assertTrue(traceback(r).contains("stopped at line 2: the cell changed nothing; the 1 statement after it did not run"), traceback(r));
        assertEquals(-0.1, e.session().state().net.layer(1).b[0], "b1 = 5 was undone");
    }

    @Test
    void aSyntaxErrorRunsNothing() {
        SessionEngine e = reference();
        Engine.Result r = e.execute("b1 = 5\nlayer relu 3->");
        assertEquals("SyntaxError", r.failure().ename());
        assertTrue(r.outputs().isEmpty());
        assertTrue(traceback(r).contains("syntax error: unexpected end of input"), traceback(r));
        assertTrue(traceback(r).contains("nothing of this cell ran"), traceback(r));
        assertEquals(-0.1, e.session().state().net.layer(1).b[0]);
    }

    @Test
    void warningsGoToStandardError() {
        Engine.Result r = new SessionEngine(new Session(), dir, false).execute("layer relu 3->2\nlayer sigmoid 2->1\nW1 = [0.7, -1.1]");
        assertTrue(r.ok());
        assertTrue(r.outputs().stream().anyMatch(d -> d.kind() == Engine.Kind.STDOUT));
    }

    @Test
    void exitDoesNotEndTheSession() {
        SessionEngine e = reference();
        Engine.Result r = e.execute("exit");
        assertTrue(r.ok());
        assertTrue(text(r).contains("Kernel"), text(r));
        assertEquals("o = 0.526\nE = 0.138\n", text(e.execute("forward")), "later cells run whole");
    }

    @Test
    @Timeout(60)
    void anInterruptStopsTrainingAndKeepsTheParametersReached() throws Exception {
        SessionEngine e = reference();
        double[] before = e.session().state().net.layer(0).W.clone();
        CountDownLatch training = new CountDownLatch(1);
        List<Engine.Display> live = new ArrayList<>();
        Thread t = new Thread(() -> {
            try {
                training.await(30, TimeUnit.SECONDS);
                Thread.sleep(300);
            } catch (InterruptedException ex) {
                return;
            }
            e.interrupt();
        });
        t.start();
        Engine.Result r = e.execute("train epochs=2000000000 lr=0.1\nforward", d -> {
            synchronized (live) {
                live.add(d);
            }
            training.countDown();
        });
        t.join();
        assertEquals("Interrupted", r.failure().ename());
        assertTrue(text(r).contains("interrupted"), text(r));
        double[] after = e.session().state().net.layer(0).W;
        assertFalse(Arrays.equals(before, after), "training changed W0");
        for (double v : after) assertTrue(Double.isFinite(v));
        assertTrue(e.execute("forward").ok(), "the next cell runs");
    }

    @Test
    void anInterruptBetweenCellsBelongsToNoCell() {
        SessionEngine e = reference();
        e.interrupt();
        assertTrue(e.execute("forward").ok());
    }

    @Test
    void completionOffersWhatTheReplOffers() {
        SessionEngine e = reference();
        Engine.Completion c = e.complete("lay", 3);
        assertEquals(List.of("layer"), c.matches());
        assertEquals(0, c.start());
        assertEquals(3, c.end());
        assertEquals(List.of("keyword"), c.types());
        Engine.Completion g = e.complete("forward\nshow dE/dw1", 19);
        assertEquals(List.of("dE/dw100", "dE/dw101"), g.matches());
        assertEquals(13, g.start());
        assertEquals(List.of("adam"), e.complete("train epochs=1 optimizer=ad", 27).matches().stream().map(m -> m.substring(m.indexOf('=') + 1)).toList());
    }

    @Test
    void inspectGivesHelpForStatementsAndValuesForNames() {
        SessionEngine e = reference();
        Engine.Help h = e.inspect("layer relu 3->2", 2, 0);
        assertTrue(h.found());
        assertTrue(h.data().get(Engine.PLAIN).startsWith("layer ACTIVATION IN->OUT"), h.data().toString());
        assertTrue(e.inspect("train xor ep", 11, 0).data().get(Engine.PLAIN).startsWith("train [DATA] epochs=N"), "inside a statement: its help");
        assertTrue(e.inspect("show W0", 6, 0).data().get(Engine.PLAIN).startsWith("W0 = [[ 0.2, -1.2, 0.9]"));
        assertTrue(e.inspect("show o", 6, 0).data().get(Engine.PLAIN).contains("not computed"), "a name without a value yet says so");
        assertTrue(e.inspect("layer sigmoid", 8, 0).data().get(Engine.PLAIN).startsWith("sigmoid"));
        assertFalse(e.inspect("", 0, 0).found());
        assertNull(e.session().state().pass, "inspecting computes nothing");
    }

    @Test
    void isCompleteKnowsAnOpenBracket() {
        SessionEngine e = reference();
        assertEquals(Engine.Completeness.INCOMPLETE, e.isComplete("W0 = [[0.2, -1.2, 0.9],"));
        assertEquals(Engine.Completeness.COMPLETE, e.isComplete("W0 = [[0.2, -1.2, 0.9], [-0.5, -1.2, 0.3]]"));
        assertEquals(Engine.Completeness.INVALID, e.isComplete("layer relu 3->"));
        assertEquals(Engine.Completeness.COMPLETE, e.isComplete(""));
    }
}
