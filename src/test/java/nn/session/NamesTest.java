package nn.session;

import nn.core.Value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nn.lang.NnError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way to name a value, in the reference's notation and in the notations courses print. */
class NamesTest {

    static final double TOL = 1e-7;

    static Harness computed() { return Harness.seed().run("forward\nbackward"); }

    static double scalar(Harness h, String name) {
        Value v = h.value(name);
        assertEquals(1, v.size(), name + " is one number");
        return v.scalar();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        // parameters: whole, by layer name, by the reference's names, elements in every notation
        "w100 | 0.7", "w_{100} | 0.7", "w_100 | 0.7", "w_{1,0,0} | 0.7", "W1[0,0] | 0.7", "W_o[0,0] | 0.7", "W_out[0,0] | 0.7",
        "w101 | -1.1", "w012 | 0.3", "W0[1,2] | 0.3", "W_hid[1,2] | 0.3", "W_h[1,2] | 0.3",
        "b10 | -0.1", "b_{10} | -0.1", "b1[0] | -0.1", "b_out | -0.1", "b01 | 0.2", "b0[1] | 0.2", "b_hid[1] | 0.2",
        // the example
        "x[0] | 0.9", "x_0 | 0.9", "x_{2} | 0.5", "y | 0", "y[0] | 0",
        // values of the forward pass
        "h[0] | 0.29", "h_0 | 0.29", "h_{0} | 0.29", "h[1] | 0", "h_pre[1] | -0.34", "h_{pre,1} | -0.34",
        "z0[0] | 0.29", "a0[0] | 0.29", "o_pre | 0.103", "z1 | 0.103", "o | 0.5257273", "a1 | 0.5257273", "o[0] | 0.5257273",
        "o_0 | 0.5257273", "E | 0.1381946",
        // gradients: every notation of the same derivative
        "dE/dw100 | 0.0380143", "∂E/∂w100 | 0.0380143", "dE/dw_{100} | 0.0380143", "∂E/∂w_{100} | 0.0380143", "dE/dW1[0,0] | 0.0380143",
        "dE/dW_out[0,1] | 0", "dE/db10 | 0.1310838", "dE/db_out | 0.1310838", "dE/do_pre | 0.1310838", "dE/dz1 | 0.1310838",
        "dE/do | 0.5257273", "dE/da1 | 0.5257273", "dE/dh[0] | 0.0917587", "dE/dh_0 | 0.0917587", "dE/dh[1] | -0.1441922",
        "dE/da0[1] | -0.1441922", "dE/dh_pre[0] | 0.0917587", "dE/dh_{pre,0} | 0.0917587", "dE/dw000 | 0.0825828",
        "dE/dW_hid[0,0] | 0.0825828", "dE/dW_h[0,2] | 0.0458793", "dE/db00 | 0.0917587", "dE/db_h[1] | 0",
        // local derivatives of activations
        "do/do_pre | 0.2493381", "da1/dz1 | 0.2493381", "dh/dh_pre[0] | 1", "dh_0/dh_{pre,0} | 1", "dh_1/dh_{pre,1} | 0"})
    void everyNotationOfTheReferenceNetwork(String name, double expected) {
        Harness h = computed();
        assertEquals(expected, scalar(h, name), TOL, name);
    }

    @Test
    void wholeValuesUnderEveryName() {
        Harness h = computed();
        double[] W0 = {0.2, -1.2, 0.9, -0.5, -1.2, 0.3};
        for (String n : List.of("W0", "W_0", "W_h", "W_hid", "W_{hid}")) {
            Value v = h.value(n);
            assertEquals(Value.Kind.MATRIX, v.kind(), n);
            assertEquals(2, v.rows());
            assertEquals(3, v.cols());
            assertArrayEquals(W0, v.data(), 0.0, n);
        }
        for (String n : List.of("b0", "b_h", "b_hid")) assertArrayEquals(new double[] {-0.1, 0.2}, h.value(n).data(), 0.0, n);
        for (String n : List.of("W1", "W_o", "W_out")) assertArrayEquals(new double[] {0.7, -1.1}, h.value(n).data(), 0.0, n);
        for (String n : List.of("h_pre", "z0", "h_{pre}")) assertArrayEquals(new double[] {0.29, -0.34}, h.value(n).data(), TOL, n);
        for (String n : List.of("dE/dW0", "dE/dW_h", "∂E/∂W_{hid}")) {
            assertArrayEquals(new double[] {0.0825828, 0.0183517, 0.0458793, 0, 0, 0}, h.value(n).data(), TOL, n);
        }
        assertArrayEquals(new double[] {0.0917587, -0.1441922}, h.value("dE/dh").data(), TOL);
        assertArrayEquals(new double[] {1, 0}, h.value("dh/dh_pre").data(), 0.0);
        assertEquals(3, h.value("dE/dx").size());
    }

    @Test
    void labelsAreCanonical() {
        Harness h = computed();
        assertEquals("w100", h.label("w_{100}"));
        assertEquals("W0", h.label("W_hid"));
        assertEquals("W1", h.label("W_o"));
        assertEquals("h_pre", h.label("z0"));
        assertEquals("h[0]", h.label("h_0"));
        assertEquals("h_pre[0]", h.label("h_{pre,0}"));
        assertEquals("dE/dw100", h.label("∂E/∂w100"));
        assertEquals("o", h.label("a1"));
    }

    @Test
    void unnamedLayersUseNumbersAndTheOutputIsO() {
        Harness h = new Harness().run("""
                layer tanh 2->3
                layer relu 3->2
                layer sigmoid 2->1
                input [1, -1]
                target 1
                forward
                backward
                """);
        assertEquals("a0", h.label("a0"));
        assertEquals("z1", h.label("z1"));
        assertEquals("o", h.label("a2"));
        assertEquals("o_pre", h.label("z2"));
        assertEquals(h.value("o").scalar(), h.value("a2").scalar(), 0.0);
        // W_out is always the last layer; W_hid only names the hidden layer of a two-layer network
        assertEquals("W2", h.label("W_out"));
        NnError e = h.fail1("show W_hid");
        assertEquals("unknown name 'W_hid'", e.diagnostic().message());
        assertEquals(3, h.value("a0").size());
        assertEquals(6, h.value("dE/dW1").size());
    }

    @Test
    void learningRateNames() {
        Harness h = Harness.seed().run("μ = 0.1");
        assertEquals(0.1, h.state().lr, 0.0);
        h.run("η = 0.2");
        assertEquals(0.2, h.state().lr, 0.0);
        assertEquals(0.2, h.value("lr").scalar(), 0.0);
    }

    @Test
    void unknownNamesSuggestTheClosest() {
        Harness h = computed();
        NnError e = h.fail1("show hh");
        assertEquals("unknown name 'hh'", e.diagnostic().message());
        assertEquals("did you mean h?", e.diagnostic().hint());
        assertEquals(6, e.diagnostic().pos().column());
        NnError w = h.fail1("show w1000");
        assertEquals("unknown name 'w1000'", w.diagnostic().message());
        assertTrue(w.diagnostic().hint().contains("w100"), w.diagnostic().hint());
        NnError none = new Harness().fail1("show W0");
        assertTrue(none.diagnostic().hint().contains("no layers yet"), none.diagnostic().hint());
    }

    @Test
    void parameterNamesPastTheNetworkSayWhatIsThere() {
        Harness h = computed(); // the reference: relu 3->2, sigmoid 2->1
        NnError layer = h.fail1("show W2");
        assertEquals("there is no W2: there is no layer 2", layer.diagnostic().message());
        assertEquals("the network has layers 0 and 1", layer.diagnostic().hint());
        NnError grad = h.fail1("explain dE/dw300");
        assertEquals("there is no w300: there is no layer 3", grad.diagnostic().message());
        assertEquals(9, grad.diagnostic().pos().column());
        NnError neuron = h.fail1("show w130");
        assertEquals("there is no w130: layer 1 has 1 neuron and 2 inputs", neuron.diagnostic().message());
        assertEquals("its weights are w100 to w101 (w_kij: neuron i, input j)", neuron.diagnostic().hint());
        NnError input = h.fail1("show dE/dw023");
        assertEquals("there is no w023: layer 0 has 2 neurons and 3 inputs", input.diagnostic().message());
        assertEquals("its weights are w000 to w012 (w_kij: neuron i, input j)", input.diagnostic().hint());
        assertEquals("its bias is b10", h.fail1("show b11").diagnostic().hint());
        assertEquals("its biases are b00 to b01", h.fail1("b02 = 1").diagnostic().hint());
    }

    @Test
    void namesThatAreNotDerivatives() {
        Harness h = computed();
        assertEquals("dE/dE is 1 by definition", h.fail1("show dE/dE").diagnostic().message());
        assertTrue(h.fail1("show dE/dy").diagnostic().message().contains("target"));
        // o by h_pre is a gradient of the graph (after `backward o`), not a local derivative: it says what to run
        NnError oh = h.fail1("show do/dh_pre");
        assertTrue(oh.diagnostic().message().contains("the last backward pass was of E") && oh.diagnostic().hint().contains("backward o"), oh.diagnostic().toString());
    }

    @Test
    void completionListsEveryName() {
        Harness h = computed();
        List<String> all = Names.all(h.state().net);
        for (String n : List.of("x", "y", "E", "W0", "b1", "W_h", "h", "h_pre", "o", "o_pre", "w100", "b10", "W_hid", "W_out",
                "dE/dw100", "dE/dW0", "dE/dh", "do/do_pre", "accuracy")) {
            assertTrue(all.contains(n), n + " in " + all);
        }
        for (String n : all) {
            // (accuracy needs an evaluate first: TrainSessionTest)
            if (!n.equals("E") && !n.equals("y") && !n.equals("accuracy")) assertTrue(h.value(n).size() > 0, n);
        }
    }
}
