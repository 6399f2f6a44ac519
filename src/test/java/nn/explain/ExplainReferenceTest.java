package nn.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nn.session.Session;
import nn.testing.Scripts;
import nn.text.Style;
import org.junit.jupiter.api.Test;

/**
 * The reference's derivations, number by number, as `explain` prints them. The expected lines are the document's
 * equations (12)–(36) with its numbers; where the document slips (0.082 for ∂E/∂w000 is truncated, the exact
 * 0.0825828 rounds to 0.083) the test says so.
 */
class ExplainReferenceTest {
    /** The line of {@code out} that starts with {@code start}, spaces normalised: one equation as the document writes it. */
    private static String equation(String out, String start) { return Script.squash(Script.line(out, start)); }

    @Test
    void dEdw100IsEquations12To16() {
        String out = Script.reference("explain dE/dw100");
        // eq. (12): the chain rule written symbolically
        assertEquals("∂E/∂w100 = ∂E/∂o · ∂o/∂o_pre · ∂o_pre/∂w100", equation(out, "∂E/∂w100 = ∂E/∂o"));
        // eq. (13): ∂E/∂o = o − y = 0.526
        assertEquals("∂E/∂o = 2 · ½(y − o) · (−1) = o − y = 0.526 − 0 = 0.526", equation(out, "∂E/∂o "));
        // eq. (14): σ′ = 0.526(1 − 0.526) = 0.249
        assertEquals("∂o/∂o_pre = σ(o_pre)(1 − σ(o_pre)) = o(1 − o) = 0.526(1 − 0.526) = 0.249", equation(out, "∂o/∂o_pre"));
        // eq. (15): ∂o_pre/∂w100 = h0 = 0.29
        assertEquals("∂o_pre/∂w100 = ∂(w100·h0 + w101·h1 + b10)/∂w100 = h0 = 0.29", equation(out, "∂o_pre/∂w100"));
        // eq. (16): the product
        assertEquals("∂E/∂w100 = 0.526 · 0.249 · 0.29 = 0.038", equation(out, "∂E/∂w100 = 0.526"));
    }

    @Test
    void dEdw000ReusesTheOutputLayersGradientsAsEquation24() {
        String out = Script.reference("explain dE/dw000");
        assertEquals("∂E/∂w000 = ∂E/∂h0 · ∂h0/∂h_pre0 · ∂h_pre0/∂w000", equation(out, "∂E/∂w000 = ∂E/∂h0"));
        // eq. (24)
        assertEquals("∂E/∂h0 = ∂E/∂o · ∂o/∂o_pre · ∂o_pre/∂h0 = 0.526 · 0.249 · w100 = 0.526 · 0.249 · 0.7 = 0.092",
                equation(out, "∂E/∂h0 "));
        assertTrue(Script.line(out, "∂h0/∂h_pre0").matches("∂h0/∂h_pre0\\s+= 1\\s+\\(ReLU on: h_pre0 = 0.29 > 0\\)"), out);
        assertEquals("∂h_pre0/∂w000 = ∂(w000·x0 + w001·x1 + w002·x2 + b00)/∂w000 = x0 = 0.9", equation(out, "∂h_pre0/∂w000"));
        // eqs. (25)-(27) print 0.082: 0.092 · 1 · 0.9 = 0.0828, and the exact 0.0825828 rounds to 0.083
        assertEquals("∂E/∂w000 = 0.092 · 1 · 0.9 = 0.083", equation(out, "∂E/∂w000 = 0.092"));
        assertTrue(out.contains("Reusing the gradients of the output layer"), out);
    }

    @Test
    void dEdw010IsZeroThroughTheReluAndSaysWhy() {
        String out = Script.reference("explain dE/dw010");
        // eq. (29): ∂E/∂h1 = 0.526 · 0.249 · −1.1 = −0.144
        assertEquals("∂E/∂h1 = ∂E/∂o · ∂o/∂o_pre · ∂o_pre/∂h1 = 0.526 · 0.249 · w101 = 0.526 · 0.249 · (−1.1) = −0.144",
                equation(out, "∂E/∂h1 "));
        assertTrue(Script.line(out, "∂h1/∂h_pre1").matches("∂h1/∂h_pre1\\s+= 0\\s+\\(ReLU off: h_pre1 = −0.34 ≤ 0\\)"), out);
        // eq. (32)
        assertEquals("∂E/∂w010 = −0.144 · 0 · 0.9 = 0", equation(out, "∂E/∂w010 = −0.144"));
        assertTrue(out.contains("∂E/∂w010 = 0 because the ReLU of h1 was off (h_pre1 = −0.34 ≤ 0)"), out);
        assertTrue(out.contains("An update leaves w010 unchanged."), out);
    }

    @Test
    void dEdb10IsEquation21() {
        String out = Script.reference("explain dE/db10");
        assertEquals("∂E/∂b10 = ∂E/∂o · ∂o/∂o_pre · ∂o_pre/∂b10", equation(out, "∂E/∂b10 = ∂E/∂o"));
        assertEquals("∂o_pre/∂b10 = ∂(w100·h0 + w101·h1 + b10)/∂b10 = 1", equation(out, "∂o_pre/∂b10"));
        assertEquals("∂E/∂b10 = 0.526 · 0.249 · 1 = 0.131", equation(out, "∂E/∂b10 = 0.526"));
    }

    @Test
    void dEdw101IsZeroBecauseTheInputH1IsZero() {
        String out = Script.reference("explain dE/dw101");
        // eq. (19)
        assertEquals("∂E/∂w101 = 0.526 · 0.249 · 0 = 0", equation(out, "∂E/∂w101 = 0.526"));
        assertTrue(out.contains("∂E/∂w101 = 0 because h1 = 0: the ReLU of h1 was off (h_pre1 = −0.34 ≤ 0), and w101 multiplies h1"), out);
    }

    @Test
    void everyFactorIsTheRecordedValue() {
        // the product of the shown factors, computed here from the reference's own numbers, matches the recorded gradient
        double dEdo = 0.5257273 - 0;
        double sigmaPrime = 0.5257273 * (1 - 0.5257273);
        assertEquals(0.0380143, dEdo * sigmaPrime * 0.29, 1e-7);
        assertEquals(0.0917587, dEdo * sigmaPrime * 0.7, 1e-7);
        String out = Script.reference("precision 7\nexplain dE/dw000");
        assertEquals("∂E/∂w000 = 0.0917587 · 1 · 0.9 = 0.0825828", equation(out, "∂E/∂w000 = 0.09"));
        // a chain too long for one line continues under its '=': read it as one
        assertTrue(Script.squash(out).contains("∂E/∂h0 = ∂E/∂o · ∂o/∂o_pre · ∂o_pre/∂h0 = 0.5257273 · 0.2493381 · w100 = 0.5257273 · 0.2493381 · 0.7 = 0.0917587"), out);
    }

    @Test
    void weightedSumsWithTheNumbersPluggedIn() {
        String out = Script.reference("explain h_pre0\nexplain o");
        // eq. (7), row 0
        assertEquals("h_pre0 = w000·x0 + w001·x1 + w002·x2 + b00 = 0.2·0.9 − 1.2·0.2 + 0.9·0.5 − 0.1 = 0.39 − 0.1 = 0.29",
                equation(out, "h_pre0 ="));
        // eqs. (9) and (10)
        assertEquals("o_pre = W1 h + b1 = 0.203 − 0.1 = 0.103", equation(out, "o_pre = W1"));
        assertEquals("o = σ(o_pre) = 1/(1 + e^(−0.103)) = 0.526", equation(out, "o "));
    }

    @Test
    void theLossIsEquation11() {
        String out = Script.reference("explain E");
        assertEquals("E = ½ Σ_i(y_i − o_i)² = ½(0 − 0.526)² = 0.138", equation(out, "E ="));
    }

    @Test
    void updatesAreEquations18To43() {
        String out = Script.reference("update lr=0.1\nexplain update w100\nexplain update b10\nexplain update w001");
        assertEquals("w100* = w100 − μ ∂E/∂w100 = 0.7 − 0.1 · 0.038 = 0.696", equation(out, "w100*"));
        assertEquals("b10* = b10 − μ ∂E/∂b10 = −0.1 − 0.1 · 0.131 = −0.113", equation(out, "b10*"));
        assertEquals("w001* = w001 − μ ∂E/∂w001 = −1.2 − 0.1 · 0.018 = −1.202", equation(out, "w001*"));
        assertTrue(out.contains("μ"), out);
    }

    @Test
    void localDerivativesByName() {
        String out = Script.reference("show do/do_pre dh/dh_pre");
        assertTrue(out.contains("do/do_pre = 0.249"), out);
        assertTrue(out.contains("dh/dh_pre = [1, 0]"), out);
    }

    @Test
    void asciiWhereTheTerminalIsNotUtf8() {
        Session s = new Session();
        Script.run(s, Scripts.SEED + "forward\nbackward\n");
        String out = Script.run(s, "explain dE/dw100\ndraw", new Style(false, false));
        assertTrue(out.contains("dE/dw100 = 0.526 * 0.249 * 0.29 = 0.038"), out);
        assertTrue(out.contains("do/do_pre    = sigma(o_pre)(1 - sigma(o_pre))"), out);
        for (char c : out.toCharArray()) assertTrue(c < 128, "non-ASCII '" + c + "' in\n" + out);
    }

    @Test
    void traceOnPrintsEveryIntermediateInTheReferencesOrder() {
        Session s = new Session();
        Script.run(s, Scripts.SEED);
        String out = Script.squash(Script.run(s, "trace on\nstep lr=0.1"));
        int[] at = {
            out.indexOf("h_pre = W0 x + b0 = [0.39, −0.54] + [−0.1, 0.2] = [0.29, −0.34]"),  // eq. (7)
            out.indexOf("h = relu(h_pre) = relu([0.29, −0.34]) = [0.29, 0]"),             // eq. (8)
            out.indexOf("o_pre = w100·h0 + w101·h1 + b10 = 0.7·0.29 − 1.1·0 − 0.1 = 0.203 − 0.1 = 0.103"), // eq. (9)
            out.indexOf("1/(1 + e^(−0.103)) = 0.526"),                                       // eq. (10)
            out.indexOf("E = ½ Σ_i(y_i − o_i)² = ½(0 − 0.526)² = 0.138"),                    // eq. (11)
            out.indexOf("o − y = 0.526 − 0 = 0.526"),                                        // eq. (13)
            out.indexOf("0.526 · 0.249 · 0.29 = 0.038"),                                     // eq. (16)
            out.indexOf("0.526 · 0.249 · 1 = 0.131"),                                        // eq. (21)
            out.indexOf("0.526 · 0.249 · 0.7 = 0.092"),                                      // eq. (24)
            out.indexOf("−0.144 · 0 · 0.9 = 0"),                                             // eq. (32)
            out.indexOf("0.7 − 0.1 · 0.038 = 0.696"),                                        // eq. (18)
            out.indexOf("−1.2 − 0.1 · 0.018 = −1.202"),                                      // eq. (37)
        };
        for (int i = 0; i < at.length; i++) {
            assertTrue(at[i] >= 0, "step " + i + " missing in\n" + out);
            if (i > 0) assertTrue(at[i] > at[i - 1], "step " + i + " out of order in\n" + out);
        }
        String off = Script.run(s, "trace off\nforward");
        assertTrue(!off.contains("h_pre ="), off);
    }
}
