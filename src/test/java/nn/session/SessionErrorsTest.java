package nn.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nn.lang.Diagnostic;
import nn.lang.NnError;
import org.junit.jupiter.api.Test;

/** Runtime errors name the problem precisely, where it is, and what to do. */
class SessionErrorsTest {

    static Diagnostic error(Harness h, String statement) { return h.fail1(statement).diagnostic(); }

    static void at(Diagnostic d, int column) {
        assertEquals(column, d.pos().column(), () -> "column of: " + d.message());
        assertTrue(d.pos().known());
    }

    @Test
    void weightShapeSaysWhichShapeAndWhy() {
        Harness h = Harness.seed();
        Diagnostic d = error(h, "W0 = [[1, 2], [3, 4], [5, 6]]");
        assertEquals("W0 must be 2×3, but a 3×2 matrix is given", d.message());
        assertEquals("layer 0 is relu 3->2: W0 has one row per neuron (2) and one column per input (3); this looks transposed: write one row per neuron", d.hint());
        at(d, 6);
        Diagnostic wrongCount = error(h, "W0 = [1, 2, 3]");
        assertEquals("W0 must be 2×3, but 3 numbers are given", wrongCount.message());
        assertTrue(!wrongCount.hint().contains("transposed"));
        Diagnostic bias = error(h, "b0 = [1, 2, 3]");
        assertEquals("b0 needs 2 numbers but 3 are given", bias.message());
        assertEquals("layer 0 is relu 3->2, one bias per neuron", bias.hint());
        Diagnostic element = error(h, "w100 = [1, 2]");
        assertEquals("w100 is one number, but 2 are given", element.message());
    }

    @Test
    void aVectorFillsAOneRowMatrixAndSaysSo() {
        Harness h = Harness.seed().run("W1 = [0.5, -1]");
        assertEquals(-1, h.state().net.layer(1).w(0, 1), 0.0);
        assertTrue(h.outputs.stream().anyMatch(o -> o instanceof Output.Info i && i.text().contains("taken as its one row")));
    }

    @Test
    void inputAndTargetLengths() {
        Harness h = Harness.seed();
        Diagnostic x = error(h, "input [1, 2]");
        assertEquals("x needs 3 numbers but 2 are given", x.message());
        assertEquals("layer 0 takes 3 inputs", x.hint());
        at(x, 7);
        Diagnostic y = error(h, "target [1, 0]");
        assertEquals("y needs 1 number but 2 are given", y.message());
        assertEquals("the output layer has 1 neuron", y.hint());
        // a matrix is a batch, one example per row: its rows must have the network's 3 inputs
        Diagnostic matrix = error(h, "x = [[1, 2], [3, 4]]");
        assertEquals("x has rows of 2 numbers but layer 0 takes 3 inputs", matrix.message());
        assertEquals("write one example per row", matrix.hint());
    }

    @Test
    void passesInTheWrongOrder() {
        Harness h = Harness.seed();
        Diagnostic b = error(h, "backward");
        assertEquals("backward needs a forward pass first", b.message());
        assertEquals("run `forward`", b.hint());
        at(b, 1);
        Diagnostic u = error(h, "update lr=0.1");
        assertEquals("update needs gradients", u.message());
        Diagnostic g = error(h, "show dE/dw100");
        assertEquals("dE/dw100 is not computed yet", g.message());
        Diagnostic o = error(h, "show o");
        assertEquals("o is not computed yet", o.message());
        h.run("forward");
        assertEquals("run `backward` first", error(h, "update lr=0.1").hint());
    }

    @Test
    void missingInputOrTarget() {
        Harness h = new Harness().run("layer relu 3->2\nlayer sigmoid 2->1");
        Diagnostic x = error(h, "forward");
        assertEquals("no input: x is not set", x.message());
        assertEquals("set it with `input [0.5, 0.5, 0.5]`", x.hint());
        h.run("input [1, 2, 3]");
        Diagnostic step = error(h, "step lr=0.1");
        assertEquals("step needs a target: y is not set", step.message());
        h.run("forward");
        Diagnostic b = error(h, "backward");
        assertEquals("the last forward pass had no target, so there is no loss to differentiate", b.message());
        assertEquals("E is not computed: the last forward pass had no target", error(h, "show E").message());
        assertEquals("y is not set", error(h, "show y").message());
        Diagnostic none = error(new Harness(), "forward");
        assertEquals("there is no network yet", none.message());
    }

    @Test
    void indexOutOfRange() {
        Harness h = Harness.seed().run("forward");
        Diagnostic row = error(h, "show W0[2,0]");
        assertEquals("index out of range: row 2 of W0, which has 2 (0 to 1)", row.message());
        at(row, 6);
        assertEquals("index out of range: column 3 of W0, which has 3 (0 to 2)", error(h, "show W0[0,3]").message());
        assertEquals("index out of range: index 5 of h, which has 2 (0 to 1)", error(h, "show h[5]").message());
        assertEquals("W0 is a 2×3 matrix: it takes two indices", error(h, "show W0[1]").message());
        assertEquals("h is a vector: it takes one index", error(h, "show h[0,1]").message());
        assertEquals("E is a scalar; it takes no index", error(h, "show E[0]").message());
        assertEquals("w100 is already one number; it takes no index", error(h, "show w100[0]").message());
        assertEquals("index out of range: index 3 of x, which has 3 (0 to 2)", error(h, "x[3] = 1").message());
    }

    @Test
    void fanInMismatch() {
        Harness h = Harness.seed();
        Diagnostic d = error(h, "layer relu 3->2");
        assertEquals("fan-in 3 does not match the previous layer's size 1", d.message());
        assertEquals("layer 1 is sigmoid 2->1, so this layer must be 1->2", d.hint());
        at(d, 12);
        assertEquals("a layer needs at least one input and one neuron", error(new Harness(), "layer relu 0->2").message());
    }

    @Test
    void unknownActivationAndLossSuggest() {
        Harness h = Harness.seed();
        Diagnostic a = error(h, "layer sigmoidd 1->1");
        assertEquals("unknown activation 'sigmoidd'", a.message());
        assertEquals("did you mean sigmoid?", a.hint());
        at(a, 7);
        Diagnostic far = error(h, "layer swish 1->1");
        assertEquals("activations: linear, relu, leaky_relu, sigmoid, tanh, softmax", far.hint());
        Diagnostic l = error(h, "loss bse");
        assertEquals("unknown loss 'bse'", l.message());
        assertEquals("did you mean bce or mse?", l.hint());
        at(l, 6);
        assertEquals("losses: half_sse, mse, bce, cross_entropy, bce_logits, cross_entropy_logits", error(h, "loss hinge").hint());
    }

    @Test
    void layerNames() {
        Harness h = new Harness().run("layer relu 3->2 as h");
        assertEquals("'x' already names something else", error(h, "layer relu 2->2 as x").message());
        assertEquals("'W1' already names something else", error(h, "layer relu 2->2 as W1").message());
        assertEquals("another layer is already named h", error(h, "layer relu 2->2 as h").message());
        Diagnostic opt = error(h, "layer relu 2->2 slope=0.1");
        assertEquals("slope= is a setting of leaky_relu", opt.message());
        assertEquals("unknown option 'slop' for layer", error(h, "layer relu 2->2 slop=0.1").message());
    }

    @Test
    void learningRates() {
        Harness h = Harness.seed().run("forward\nbackward");
        Diagnostic none = error(h, "update");
        assertEquals("update needs a learning rate", none.message());
        assertEquals("write `update lr=0.1` (or set `μ = 0.1` once)", none.hint());
        assertEquals("the learning rate must be positive, not -0.1", error(h, "update lr=-0.1").message());
        assertEquals("unknown option 'rate' for update", error(h, "update rate=0.1").message());
        h.run("μ = 0.1\nupdate");
        assertEquals(0.7 - 0.1 * 0.0380143, h.state().net.layer(1).w(0, 0), 1e-7);
    }

    @Test
    void computedValuesCannotBeAssigned() {
        Harness h = Harness.seed().run("forward\nbackward");
        assertEquals("h is computed by forward; it cannot be assigned", error(h, "h = [1, 2]").message());
        assertEquals("dE/dw100 is computed by backward; it cannot be assigned", error(h, "dE/dw100 = 1").message());
        assertEquals("E is computed by forward; it cannot be assigned", error(h, "E = 1").message());
    }

    @Test
    void precisionAndTrace() {
        Harness h = new Harness();
        assertEquals("precision is a whole number of decimals from 0 to 17", error(h, "precision 2.5").message());
        assertEquals("precision is a whole number of decimals from 0 to 17", error(h, "precision 18").message());
        assertEquals("trace takes on or off here, not maybe", error(h, "trace maybe").message());
    }

    @Test
    void overflowIsCaughtWhereItArises() {
        Harness h = Harness.seed().run("W0 = [[1e308, 1e308, 1e308], [0, 0, 0]]\nx = [10, 10, 10]");
        Diagnostic d = error(h, "forward");
        assertTrue(d.message().startsWith("an infinite value in the pre-activation of layer 0"), d.message());
        assertNotNull(d.hint());
    }

    @Test
    void helpForUnknownTopicSuggests() {
        Diagnostic d = error(new Harness(), "help layr");
        assertEquals("no help for 'layr'", d.message());
        assertEquals("did you mean layer?", d.hint());
    }

    @Test
    void errorsAreRuntimeKindWithThePositionOfTheCulprit() {
        Harness h = Harness.seed();
        NnError e = h.fail1("show W0 hh");
        assertEquals(Diagnostic.Kind.RUNTIME, e.diagnostic().kind());
        at(e.diagnostic(), 9);
    }
}
