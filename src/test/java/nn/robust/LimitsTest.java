package nn.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nn.lang.Diagnostic;
import nn.lang.NnError;
import nn.lang.ParseResult;
import nn.lang.Parser;
import nn.lang.Source;
import nn.lang.Stmt;
import nn.session.Output;
import nn.session.Session;
import org.junit.jupiter.api.Test;

/** Limits instead of crashes: huge layers, deep brackets, long lines, huge and tiny numbers. */
class LimitsTest {
    private final Session session = new Session();
    private final List<Output> outputs = new ArrayList<>();

    private ParseResult parse(String text) { return Parser.parse(new Source("<test>", text)); }

    private void run(String text) {
        ParseResult r = parse(text);
        assertTrue(r.ok(), () -> r.errors().toString());
        for (Stmt s : r.statements()) session.execute(s, outputs::add);
    }

    private static String onlyError(ParseResult r) {
        assertEquals(1, r.errors().size(), () -> r.errors().toString());
        Diagnostic d = r.errors().get(0);
        assertTrue(d.pos().known());
        return d.message();
    }

    @Test
    void aLayerTooLargeForMemoryIsRefusedUpFrontWithTheMemoryItNeeds() {
        run("layer relu 3->200000");
        Map<String, String> before = Fingerprint.of(session.state());
        Runtime rt = Runtime.getRuntime();
        NnError e = assertThrows(NnError.class, () -> run("layer relu 200000->200000"));
        // 200000·200000 weights + 200000 biases, 8 bytes each = 298.0 GiB
        assertTrue(e.getMessage().contains("too large") && e.getMessage().contains("298.0 GiB"), e.getMessage());
        assertEquals(Diagnostic.Kind.RUNTIME, e.diagnostic().kind());
        assertEquals(List.of(), Fingerprint.changed(before, Fingerprint.of(session.state())));
        assertTrue(rt.maxMemory() < 298L << 30, "this check assumes a heap smaller than the layer");
    }

    @Test
    void aLayerWithMoreWeightsThanAnArrayHoldsIsRefused() {
        NnError e = assertThrows(NnError.class, () -> run("layer relu 3->999999999"));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
        String m = onlyError(parse("layer relu 3->99999999999"));
        assertEquals("a layer's size must be a whole number, not 99999999999", m);
    }

    @Test
    void bracketsNestedTooDeepAreASyntaxErrorNotAStackOverflow() {
        for (int depth : new int[] {Parser.MAX_DEPTH + 1, 100_000}) {
            String deep = "input " + "[".repeat(depth) + "1" + "]".repeat(depth);
            assertEquals("brackets nested more than " + Parser.MAX_DEPTH + " deep", onlyError(parse(deep)));
            String parens = "init uniform" + "(".repeat(depth) + ")".repeat(depth);
            assertEquals("brackets nested more than " + Parser.MAX_DEPTH + " deep", onlyError(parse(parens)));
        }
        // never closed, 100000 deep: still a clear error, and the REPL would ask for more lines
        ParseResult open = parse("input " + "[".repeat(100_000));
        assertFalse(open.errors().isEmpty());
        assertTrue(open.statements().isEmpty());
    }

    @Test
    void veryLongLinesGiveAClearErrorWithAWindowedCaret() {
        // a pasted web page: one line of 600 KB
        String junk = "<html><body>" + "<p>lorem ipsum dolor sit amet</p>".repeat(18_000) + "</body></html>";
        ParseResult r = parse(junk);
        assertFalse(r.errors().isEmpty());
        String shown = nn.text.Diagnostics.render(r.errors().get(0), nn.text.Style.PLAIN);
        assertTrue(shown.length() < 1000, "the caret line must show a window, not 2 MB: " + shown.length());
        // a vector of 200000 numbers on one line is fine
        StringBuilder v = new StringBuilder("input [");
        for (int i = 0; i < 200_000; i++) v.append(i > 0 ? ", " : "").append(i % 7);
        run(v.append(']').toString());
        assertEquals(200_000, session.state().x.size());
    }

    @Test
    void inputLongerThanTheLimitIsRefusedBeforeParsing() {
        String huge = "#".repeat(Parser.MAX_CHARS + 1);
        assertTrue(onlyError(parse(huge)).startsWith("input too long"));
    }

    @Test
    void numbersTooLargeForADoubleAreASyntaxError() {
        assertEquals("number too large: 1e400", onlyError(parse("x = 1e400")));
        assertEquals("number too large: 1e309", onlyError(parse("input [1, 1e309]")));
        assertEquals("number too large: " + "9".repeat(400), onlyError(parse("lr = " + "9".repeat(400))));
        // the largest double is fine
        run("input [1.7976931348623157e308, -1e308]");
        assertEquals(Double.MAX_VALUE, session.state().x.data()[0]);
    }

    /**
     * Documented choice (docs/robustness.md): a number below the smallest double (4.9e-324) is read as 0, the
     * nearest double, as every numerical tool does; subnormals keep their value.
     */
    @Test
    void numbersTooSmallForADoubleUnderflowToZero() {
        run("input [1e-400, -1e-400, 1e-320, 4.9e-324]");
        double[] x = session.state().x.data();
        assertEquals(0.0, Math.abs(x[0]));
        assertEquals(0.0, Math.abs(x[1]));
        assertEquals(1e-320, x[2]);
        assertEquals(Double.MIN_VALUE, x[3]);
    }

    @Test
    void hugeIndicesAndPrecisionsAreErrorsNotCrashes() {
        run("layer relu 2->2; input [1, 2]");
        assertEquals("an index must be a whole number, not 99999999999", onlyError(parse("show W0[99999999999, 0]")));
        assertThrows(NnError.class, () -> run("show W0[999999999, 0]"));
        assertThrows(NnError.class, () -> run("precision 1e300"));
        assertThrows(NnError.class, () -> run("show x[999999999]"));
    }
}
