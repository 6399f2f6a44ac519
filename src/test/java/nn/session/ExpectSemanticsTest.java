package nn.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nn.lang.Diagnostic;
import nn.testing.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * expect: half a unit of the last digit written by default (numbers copied from course material pass as printed),
 * the display precision for whole numbers, an explicit ± TOL, the order relations, and shapes.
 * The reference's o = 0.5257273, o_pre = 0.103, E = 0.1381946, dE/dw101 = 0.
 */
class ExpectSemanticsTest {

    static Harness computed() { return Harness.seed().run("forward\nbackward"); }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        // default tolerance: half a unit of the last digit written
        "expect o = 0.526 | true", "expect o = 0.5257 | true", "expect o = 0.52573 | true", "expect o = 0.525727 | true",
        "expect o = 0.5257273 | true", "expect o = 0.53 | true", "expect o = 0.5 | true",
        "expect o = 0.527 | false", "expect o = 0.525 | false", "expect o = 0.5256 | false", "expect o = 0.52572 | false",
        "expect o = 0.5257270 | false", "expect o = 0.6 | false",
        // trailing zeros count as digits written
        "expect o_pre = 0.103 | true", "expect o_pre = 0.1030 | true", "expect o_pre = 0.10 | true", "expect o_pre = 0.1031 | false",
        // exponents and Unicode minus: decimals are those the number has
        "expect dE/dw100 = 3.80e-2 | true", "expect dE/dw100 = 3.8e-2 | true", "expect dE/dw100 = 3.81e-2 | false",
        "expect dE/dh[1] = −0.144 | true", "expect dE/dh[1] = −0.145 | false",
        // whole numbers and fractions: the display precision (3): a printed 0 means zero, not anything within ±0.5
        "expect dE/dw101 = 0 | true", "expect o = 1 | false", "expect o_pre = 0 | false", "expect x[0] = 9/10 | true",
        "expect o = 21/40 | false",
        // explicit tolerance
        "expect o = 0.5 ± 0.03 | true", "expect o = 0.5 ± 0.02 | false", "expect o = 0.5 +/- 0.0258 | true", "expect o = 0.5257273 ± 0 | false",
        // order relations
        "expect E < 0.2 | true", "expect E < 0.1 | false", "expect E > 0.1 | true", "expect E > 0.2 | false",
        "expect E <= 0.14 | true", "expect E >= 0.14 | false", "expect E ≤ 0.1381 | false", "expect E ≥ 0.1381 | true",
        "expect dE/dw101 <= 0 | true", "expect dE/dw101 >= 0 | true", "expect dE/dw101 < 0 | false",
        // vectors and matrices, element by element, each with its own digits
        "expect h = [0.29, 0] | true", "expect h_pre = [0.29, -0.34] | true", "expect h_pre = [0.29, -0.35] | false",
        "expect dE/dh = [0.0918, -0.144] | true", "expect dE/dh = [0.0917, -0.144] | false",
        "expect dE/dW0 = [[0.083, 0.018, 0.046], [0, 0, 0]] | true", "expect dE/dW0 = [0.083 0.018 0.046; 0 0 0] | true",
        "expect dE/dW0 = [[0.082, 0.018, 0.046], [0, 0, 0]] | false", "expect W0 = [[0.2, -1.2, 0.9], [-0.5, -1.2, 0.3]] | true",
        "expect h < [0.3, 0.1] | true", "expect h < [0.3, 0] | false"})
    void outcome(String statement, boolean passes) {
        Output.Expectation e = computed().expect(statement);
        assertEquals(passes, e.passed(), () -> statement + ": actual " + java.util.Arrays.toString(e.actual().data())
                + ", tolerance " + java.util.Arrays.toString(e.tolerance()));
    }

    @Test
    void defaultToleranceIsHalfAUnitOfTheLastDigit() {
        assertEquals(0.0005, InspectCommands.defaultTolerance(3, 3), 1e-18);
        assertEquals(0.5e-7, InspectCommands.defaultTolerance(7, 3), 1e-22);
        assertEquals(0.05, InspectCommands.defaultTolerance(1, 6), 1e-17);
        // whole numbers: the precision in force
        assertEquals(0.0005, InspectCommands.defaultTolerance(-1, 3), 1e-18);
        assertEquals(0.5e-6, InspectCommands.defaultTolerance(-1, 6), 1e-21);
        Output.Expectation e = computed().expect("expect h_pre = [0.29, -0.3400]");
        assertArrayEquals(new double[] {0.005, 0.00005}, e.tolerance(), 1e-17);
    }

    @Test
    void precisionSetsTheToleranceOfWholeNumbers() {
        Harness h = computed();
        assertFalse(h.expect("expect o_pre = 0").passed());
        h.run("precision 0");
        assertTrue(h.expect("expect o_pre = 0").passed(), "0.103 is 0 to zero decimals");
        h.run("precision 7");
        assertFalse(h.expect("expect dE/dw000 = 8258/100000").passed(), "7 decimals: 0.0825828 is not 0.08258");
    }

    @Test
    void aValueCutOffInsteadOfRoundedIsNamed() {
        // the reference prints dE/dw000 = 0.082 (eq. 25) and o* = 0.518 (eq. 47) for 0.0825828 and 0.5188346
        Harness h = computed();
        String cut = "matches the value cut off after the last digit written instead of rounded; rounded it is ";
        assertEquals(java.util.List.of(cut + "0.083"), h.expect("expect dE/dw000 = 0.082").hints());
        assertEquals(java.util.List.of(cut + "0.0826"), h.expect("expect dE/dw000 = 0.0825").hints());
        assertEquals(java.util.List.of(cut + "[0.092, -0.144]"), h.expect("expect dE/dh = [0.091, -0.144]").hints());
        assertEquals(java.util.List.of(cut + "[0.083, 0.018, 0.046, 0, 0, 0]"),
                h.expect("expect dE/dW0 = [0.082 0.018 0.046; 0 0 0]").hints(), "whole numbers hold as written");
        h.run("update lr=0.1\nforward");
        assertEquals(java.util.List.of(cut + "0.519"), h.expect("expect o = 0.518").hints());
        // not the slip: a different number, a whole number, a relation, an explicit tolerance
        assertTrue(h.expect("expect o = 0.517").hints().isEmpty());
        assertTrue(h.expect("expect o_pre = 0").hints().isEmpty(), "o_pre is 0.075: 0 is not a cut-off 0.075");
        assertTrue(h.expect("expect o < 0.518").hints().isEmpty());
        assertTrue(h.expect("expect o = 0.518 ± 0.0005").hints().isEmpty());
    }

    @Test
    void failuresAreCountedAndTheScriptGoesOn() {
        Harness h = computed();
        h.run("expect o = 0.526\nexpect o = 0.527\nexpect E = 0.138\nexpect E > 1\nshow o");
        assertEquals(2, h.session.passedExpects());
        assertEquals(2, h.session.failedExpects());
        Output.Expectation miss = (Output.Expectation) h.outputs.get(h.outputs.size() - 4);
        assertFalse(miss.passed());
        assertEquals("o", miss.label());
        assertEquals("=", miss.relation());
        assertEquals(0.527, miss.expected().scalar(), 0.0);
        assertEquals(0.5257273, miss.actual().scalar(), 1e-7);
        assertEquals(0.0005, miss.tolerance()[0], 1e-18);
        assertTrue(h.outputs.get(h.outputs.size() - 1) instanceof Output.Shown, "the statement after a failed expect ran");
    }

    @Test
    void aFailedExpectInAScriptRunIsNotAnError() {
        Scripts.Run run = Scripts.run(Scripts.SEED + "forward\nexpect o = 0.9\nexpect E = 0.138\n");
        Session s = run.session();
        assertEquals(0, run.summary().errors());
        assertEquals(1, s.failedExpects());
        assertEquals(1, s.passedExpects());
    }

    @Test
    void shapesMustMatch() {
        Harness h = computed();
        Diagnostic short1 = h.fail1("expect h = [0.29]").diagnostic();
        assertEquals("h is a vector of 2, but 1 number is expected", short1.message());
        assertEquals(12, short1.pos().column());
        Diagnostic transposed = h.fail1("expect W0 = [[0.2, -0.5], [-1.2, -1.2], [0.9, 0.3]]").diagnostic();
        assertEquals("W0 is a 2×3 matrix, not 3×2", transposed.message());
        assertEquals("E is a scalar, but 2 numbers are expected", h.fail1("expect E = [0.1, 0.2]").diagnostic().message());
        assertEquals(0, h.session.failedExpects(), "a malformed expect is an error, not a failed check");
        // a scalar output is also a 1-vector; a vector may be written as a column
        assertTrue(h.expect("expect o = [0.526]").passed());
        assertTrue(h.expect("expect h = [0.29; 0]").passed());
    }

    @Test
    void expectationsOfValuesNotYetComputedAreErrors() {
        Harness h = Harness.seed();
        assertEquals("o is not computed yet", h.fail1("expect o = 0.526").diagnostic().message());
        assertEquals(0, h.session.failedExpects());
    }
}
