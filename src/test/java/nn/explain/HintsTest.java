package nn.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nn.session.Output;
import nn.session.Session;
import nn.testing.Scripts;
import org.junit.jupiter.api.Test;

/**
 * A failed expect names the learner's probable slip only when computing that slip gives the value written. Each
 * value below is worked out by hand from the reference's exact numbers (o = 0.5257273, y = 0, h0 = 0.29, x0 = 0.9).
 */
class HintsTest {
    static final double O = 0.5257273;
    static final double SIGMA_PRIME = O * (1 - O);

    private static List<String> hints(String setup, String expect) {
        Session s = new Session();
        Script.run(s, Scripts.SEED + "forward\nbackward\n" + setup);
        Scripts.Run run = Scripts.run(s, expect);
        for (Output.Expectation e : run.all(Output.Expectation.class)) {
            assertFalse(e.passed(), expect + " should fail");
            return e.hints();
        }
        throw new AssertionError("no expectation in " + run.outputs());
    }

    private static void assertHint(List<String> hints, String start) {
        assertEquals(1, hints.size(), hints.toString());
        assertTrue(hints.get(0).startsWith(start), hints.toString());
    }

    @Test
    void withoutTheHalf() {
        double e = (0 - O) * (0 - O); // Σ(y − o)²
        assertHint(hints("", "expect E = " + String.format("%.3f", e)), "matches Σ(y − o)² without the ½");
        double g = 2 * O * SIGMA_PRIME * 0.29;
        assertHint(hints("", "expect dE/dw100 = " + String.format("%.3f", g)), "matches the gradient of Σ(y − o)² without the ½");
    }

    @Test
    void signFlipped() {
        assertHint(hints("", "expect dE/dw100 = -0.038"), "matches with the sign flipped");
        double w = 0.7 + 0.1 * O * SIGMA_PRIME * 0.29; // w + μ·g instead of w − μ·g
        assertHint(hints("update lr=0.1\n", "expect w100 = " + String.format("%.3f", w)), "matches w + μ·∂E/∂w");
    }

    @Test
    void withoutSigmaPrime() {
        double g = O * 0.29; // ∂E/∂o · h0, σ′ left out
        assertHint(hints("", "expect dE/dw100 = " + String.format("%.3f", g)), "matches without σ′");
        double hidden = O * 0.7 * 0.9; // ∂E/∂w000 without σ′ of the output layer
        assertHint(hints("", "expect dE/dw000 = " + String.format("%.3f", hidden)), "matches without σ′");
    }

    @Test
    void withTheAlreadyUpdatedWeights() {
        double w100star = 0.7 - 0.1 * O * SIGMA_PRIME * 0.29;
        double g = O * SIGMA_PRIME * w100star * 0.9; // 0.0821: the reference prints 0.082 in eqs. (25)-(27)
        assertEquals(0.082, g, 0.0005);
        List<String> h = hints("update lr=0.1\n", "expect dE/dw000 = 0.082");
        assertEquals(2, h.size(), h.toString());
        assertTrue(h.get(0).startsWith("matches with the already-updated weights"), h.toString());
        // 0.082 is also 0.0825828 cut off: both slips give the printed number, and both are named
        assertEquals("matches the value cut off after the last digit written instead of rounded; rounded it is 0.083", h.get(1));
    }

    @Test
    void withRoundedIntermediates() {
        // 0.092 · 1 · 0.9 = 0.0828 with ∂E/∂h0 rounded to 0.092; the exact value is 0.0825828
        assertHint(hints("", "expect dE/dw000 = 0.0828"), "matches with every intermediate rounded to 3 decimals");
    }

    @Test
    void noHintThatIsNotTrue() {
        assertEquals(List.of(), hints("", "expect dE/dw100 = 0.5"));
        assertEquals(List.of(), hints("", "expect o = 0.7"));
        // the reference's w000* = 0.191 (eq. 28) is 0.19174 truncated: that slip, and no other
        assertEquals(List.of("matches the value cut off after the last digit written instead of rounded; rounded it is 0.192"),
                hints("update lr=0.1\n", "expect w000 = 0.191"));
    }

    @Test
    void mseAgainstHalfSse() {
        // with loss mse, E = o² = 0.27638 and ∂E/∂w100 = 2·o·σ′·h0; ½o² = 0.13819 and o·σ′·h0 = 0.0380 are half_sse's
        String mse = "loss mse\nforward\nbackward\n";
        assertHint(hints(mse, "expect E = " + String.format("%.4f", 0.5 * O * O)), "matches ½Σ(y − o)² (half_sse");
        assertHint(hints(mse, "expect dE/dw100 = " + String.format("%.4f", O * SIGMA_PRIME * 0.29)), "matches ½Σ(y − o)² (half_sse");
    }

    @Test
    void sumAgainstMeanOverABatch() {
        // three copies of the reference's example: the mean is the reference's E, the sum three times it
        String batch = "input [[0.9, 0.2, 0.5], [0.9, 0.2, 0.5], [0.9, 0.2, 0.5]]\ntarget [[0], [0], [0]]\nforward\nbackward\n";
        assertHint(hints(batch, "expect E = " + String.format("%.4f", 3 * 0.5 * O * O)), "matches the sum over the batch's 3 examples");
        assertHint(hints(batch, "expect dE/dw100 = " + String.format("%.4f", 3 * O * SIGMA_PRIME * 0.29)), "matches the sum over the batch's 3 examples");
        String summed = batch + "loss half_sse reduction=sum\nforward\nbackward\n";
        assertHint(hints(summed, "expect E = " + String.format("%.4f", 0.5 * O * O)), "matches the mean over the batch's 3 examples");
    }

    @Test
    void squareWeightsTransposed() {
        // W0 = [[0.1, 0.5], [−0.3, 0.8]], x = [1, 2]: W0·x = [1.1, 1.3], W0ᵀ·x = [0.1 − 0.6, 0.5 + 1.6] = [−0.5, 2.1]
        Session s = new Session();
        Script.run(s, "layer tanh 2->2\nlayer linear 2->1\nW0 = [[0.1, 0.5], [-0.3, 0.8]]\nb0 = [0, 0]\nW1 = [[1, 1]]\nb1 = [0]\ninput [1, 2]\ntarget [0]\nforward\n");
        Output.Expectation e = Scripts.run(s, "expect h_pre = [-0.5, 2.1]").all(Output.Expectation.class).get(0);
        assertFalse(e.passed());
        assertHint(e.hints(), "matches with W0 transposed");
        double o = Math.tanh(-0.5) + Math.tanh(2.1);
        e = Scripts.run(s, "expect o = " + String.format("%.3f", o)).all(Output.Expectation.class).get(0);
        assertHint(e.hints(), "matches with W0 transposed");
        assertTrue(Scripts.run(s, "expect h_pre = [1.1, 1.3]").all(Output.Expectation.class).get(0).passed());
    }
}
