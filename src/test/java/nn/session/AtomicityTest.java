package nn.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import nn.core.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A statement that fails changes nothing: parameters, example, passes, gradients, settings and counters as before. */
class AtomicityTest {

    /** Everything a statement could change, as exact text (doubles in full), plus the identity of the passes. */
    static String snapshot(Harness h) {
        State s = h.state();
        StringBuilder b = new StringBuilder();
        for (Layer l : s.net.layers()) {
            b.append(l.name).append(' ').append(l.activation).append(' ').append(l.param).append(' ').append(l.in).append("->").append(l.out)
                    .append(" W").append(Arrays.toString(l.W)).append(" b").append(Arrays.toString(l.b))
                    .append(" frozen ").append(l.frozenW).append(l.frozenB).append('\n');
        }
        b.append("loss ").append(s.net.loss()).append('\n');
        b.append("x ").append(String.valueOf(s.x == null ? null : Arrays.toString(s.x.data()))).append(" y ").append(String.valueOf(s.y == null ? null : Arrays.toString(s.y.data()))).append('\n');
        b.append("pass ").append(System.identityHashCode(s.pass)).append(" grads ").append(System.identityHashCode(s.grads))
                .append(" stale ").append(s.stale).append('\n');
        b.append("precision ").append(s.precision).append(" trace ").append(s.trace).append(" lr ").append(s.lr).append('\n');
        b.append("data ").append(s.datasets.keySet()).append(" history ").append(s.lossHistory).append(" init ").append(s.init).append(" curve ").append(s.curve == null ? null : s.curve.total())
                .append(" test curve ").append(s.testCurve == null ? null : s.testCurve.total()).append(" on ").append(s.testedOn).append(" values ").append(s.values).append(" defs ").append(s.definitions.keySet()).append('\n');
        b.append("expects ").append(h.session.passedExpects()).append('/').append(h.session.failedExpects());
        return b.toString();
    }

    static void unchangedBy(Harness h, String statement) {
        String before = snapshot(h);
        java.util.Map<String, String> all = nn.robust.Fingerprint.of(h.state());
        State state = h.state();
        h.fail1(statement);
        assertEquals(before, snapshot(h), "after the failing `" + statement + "`");
        // and every other field of the state, bit for bit, whatever later features add (optimizer moments, evaluations)
        assertEquals(java.util.List.of(), nn.robust.Fingerprint.changed(all, nn.robust.Fingerprint.of(h.state())), "fields changed by the failing `" + statement + "`");
        assertSame(state, h.state(), "the session keeps its state object");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "W0 = [[1, 2], [3, 4], [5, 6]]", "b0 = [1, 2, 3]", "w100 = [1, 2]", "W0[5,0] = 1", "x[3] = 1", "input [1, 2]",
        "target [1, 0]", "x = [[1, 2], [3, 4]]", "layer relu 3->2", "layer gelu 1->1", "layer relu 1->2 as h", "loss hinge",
        "update lr=-1", "update rate=1", "update", "step lr=0", "show hh", "show W0 hh", "expect h = [1]", "expect W0 = [[1, 2], [3, 4], [5, 6]]",
        "expect hh = 1", "precision 99", "trace maybe", "h = [1, 2]", "dE/dw100 = 1", "help nothing", "run \"no-such-file.nn\""})
    void afterForwardAndBackward(String statement) {
        unchangedBy(Harness.seed().run("forward\nbackward\nexpect o = 0.526"), statement);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"backward", "update lr=0.1", "show o", "show dE/dW0", "expect E = 0.138", "layer relu 2->2 as o"})
    void beforeAnyPass(String statement) {
        unchangedBy(Harness.seed(), statement);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"update lr=0.1 optimizer=adam eps=0", "step lr=0.1 optimizer=adam eps=0", "update lr=0.1 momentum=0.5 optimizer=adam",
        "update lr=0.1 beta1=0.5 optimizer=momentum", "update lr=0.1 optimizer=rmsprop", "update lr=0.1 eps=-1 optimizer=adam",
        "show m_W9", "train epochs=0 lr=0.1 optimizer=adam", "W0 = [[1, 2]]"})
    void withAdamsMomentsKept(String statement) {
        // h1 is a dead ReLU in the reference (h_pre1 = −0.34): Adam with ε = 0 divides 0 by 0 for its weights
        unchangedBy(Harness.seed().run("step lr=0.1 optimizer=adam\nstep lr=0.1 optimizer=adam\nforward\nbackward"), statement);
    }

    @Test
    void theSnapshotSeesEveryKindOfChange() {
        Harness h = Harness.seed();
        String s0 = snapshot(h);
        h.run("w100 = 0.5");
        String s1 = snapshot(h);
        assertNotEquals(s0, s1);
        h.run("forward");
        String s2 = snapshot(h);
        assertNotEquals(s1, s2);
        h.run("precision 5");
        assertNotEquals(s2, snapshot(h));
        String s3 = snapshot(h);
        h.run("expect o = 0.5");
        assertNotEquals(s3, snapshot(h));
    }

    /** A linear unit fed 1e150: the gradient is 1e300, and an update with lr = 1e10 overflows after it began. */
    static Harness overflowing() {
        return new Harness().run("layer linear 1->1\nW0 = [[1]]\nb0 = [0]\ninput [1e150]\ntarget [0]");
    }

    @Test
    void anUpdateThatOverflowsHalfwayChangesNothing() {
        Harness h = overflowing().run("forward\nbackward");
        unchangedBy(h, "update lr=1e10");
        assertEquals(1, h.state().net.layer(0).W[0], 0.0);
    }

    @Test
    void aStepThatFailsInItsLastPartKeepsNeitherItsPassNorItsGradients() {
        Harness h = overflowing();
        unchangedBy(h, "step lr=1e10");
        assertNull(h.state().pass);
        assertNull(h.state().grads);
    }

    @Test
    void aScriptRunThatStopsAtAnErrorLeavesTheSessionAsBefore(@TempDir Path dir) throws IOException {
        Path script = dir.resolve("half.nn");
        Files.writeString(script, "w100 = 0.5\nprecision 6\nforward\nshow nothing_here\n");
        Harness h = Harness.seed();
        unchangedBy(h, "run \"" + script.toString().replace("\\", "/") + "\"");
        assertEquals(0.7, h.state().net.layer(1).w(0, 0), 0.0);
        Files.writeString(script, "w100 = 0.5\nprecision 6\n");
        h.run("run \"" + script.toString().replace("\\", "/") + "\"");
        assertEquals(0.5, h.state().net.layer(1).w(0, 0), 0.0);
        assertEquals(6, h.state().precision);
    }
}
