package nn.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nn.core.Layer;
import nn.lang.NnError;
import nn.lang.ParseResult;
import nn.lang.Parser;
import nn.lang.Source;
import nn.lang.Stmt;
import nn.session.Output;
import nn.session.Session;
import org.junit.jupiter.api.Test;

/**
 * NaN and ±Inf are caught where they arise — the forward pass, a gradient, an update, training — and reported with
 * where (layer, value, element; epoch for training), and the statement changes nothing.
 */
class NumericalFaultTest {
    private final Session session = new Session();
    private final List<Output> outputs = new ArrayList<>();

    private void run(String text) {
        ParseResult r = Parser.parse(new Source("<test>", text));
        assertTrue(r.ok(), () -> text + ": " + r.errors());
        for (Stmt s : r.statements()) session.execute(s, outputs::add);
    }

    private NnError fails(String text) {
        Map<String, String> before = Fingerprint.of(session.state());
        NnError e = assertThrows(NnError.class, () -> run(text));
        assertEquals(List.of(), Fingerprint.changed(before, Fingerprint.of(session.state())), "the failing statement changed the state");
        return e;
    }

    @Test
    void overflowInTheForwardPassNamesTheLayerAndElement() {
        run("layer relu 2->2; layer sigmoid 2->1; W0 = [[1e300, 1e300], [1, 1]]; input [1e10, 1]; target [1]");
        NnError e = fails("forward");
        assertEquals("an infinite value in the pre-activation of layer 0 (element 0)", e.getMessage());
        assertNull(session.state().pass, "no pass may be recorded");
    }

    @Test
    void infinityMinusInfinityIsNaNAndCaughtToo() {
        run("layer linear 2->1; W0 = [[1e308, -1e308]]; input [10, 10]");
        NnError e = fails("forward");
        assertTrue(e.getMessage().startsWith("NaN in the pre-activation of layer 0"), e.getMessage());
    }

    @Test
    void aLossThatOverflowsIsCaught() {
        run("layer linear 1->1; W0 = [[1e200]]; input [1]; target [0]");
        NnError e = fails("forward");
        assertEquals("an infinite value in the loss E", e.getMessage());
    }

    /**
     * Forward finite (o = 1, E = 5e19) but dE/da0 = W1 · dE/do_pre = 1e300 · 1e10 overflows: caught in backward,
     * naming the gradient and layer.
     */
    @Test
    void overflowInAGradientIsCaughtWhereItArises() {
        run("layer linear 1->1; layer linear 1->1; W0 = [[1e-300]]; b0 = [0]; W1 = [[1e300]]; b1 = [0]; input [1]; target [-1e10]; forward");
        NnError e = fails("backward");
        assertEquals("an infinite value in dE/da of layer 0 (element 0)", e.getMessage());
        assertNull(session.state().grads);
    }

    @Test
    void anUpdateThatOverflowsChangesNoParameter() {
        run("layer linear 1->1; W0 = [[2]]; b0 = [0]; input [1]; target [-10]; forward; backward");
        NnError e = fails("update lr=1e308");
        assertEquals("an infinite value in W0 after the update (element 0)", e.getMessage());
        assertEquals(2.0, session.state().net.layer(0).W[0]);
    }

    @Test
    void stepStopsAtTheFirstNonFiniteValue() {
        run("layer linear 1->1; W0 = [[1e200]]; input [1e200]; target [0]");
        NnError e = fails("step lr=0.1");
        assertTrue(e.getMessage().contains("layer 0"), e.getMessage());
    }

    /** Training's own checks (the training feature): a diverging run stops, says which epoch, keeps finite parameters. */
    @Test
    void divergingTrainingStopsWithFiniteParameters() {
        run("data d = [[1e150] -> [1e150], [-1e150] -> [-1e150]]");
        run("layer linear 1->1");
        outputs.clear();
        String message;
        try {
            run("train d epochs=50 lr=1e10");
            message = outputs.stream().filter(o -> o instanceof Output.Warning).map(o -> ((Output.Warning) o).text()).findFirst().orElse(null);
        } catch (NnError e) {
            message = e.getMessage();
        }
        assertTrue(message != null && message.contains("epoch"), "a diverging run must say in which epoch it stopped: " + message + " " + outputs);
        for (Layer l : session.state().net.layers()) {
            for (double w : l.W) assertTrue(Double.isFinite(w), "a parameter is not finite after training stopped");
            for (double b : l.b) assertTrue(Double.isFinite(b), "a parameter is not finite after training stopped");
        }
    }
}
