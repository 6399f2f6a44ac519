package nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import nn.core.Activation;
import nn.core.DataSet;
import nn.core.GradCheck;
import nn.core.Layer;
import nn.core.Loss;
import nn.core.Network;
import nn.session.Output;
import nn.testing.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Backprop against central finite differences, on random networks with every activation and every loss. */
class GradCheckTest {

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (Activation f : Activation.values()) {
            if (f == Activation.SOFTMAX) continue;
            for (Loss l : Loss.values()) for (long seed = 1; seed <= 3; seed++) b.add(Arguments.of(f, l, seed));
        }
        // softmax as the output of cross-entropy appears above; here it is also a hidden layer
        b.add(Arguments.of(Activation.SOFTMAX, Loss.CROSS_ENTROPY, 7L));
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @MethodSource("cases")
    void backpropMatchesFiniteDifferences(Activation f, Loss loss, long seed) {
        Random rnd = new Random(seed * 31 + f.ordinal() * 7 + loss.ordinal());
        int out = loss == Loss.CROSS_ENTROPY ? 3 : 2;
        Network net = RandomNets.net(rnd, f, loss, 3, 4, out);
        DataSet d = RandomNets.data(rnd, loss, 5, 3, out);
        GradCheck.Report r = GradCheck.run(net, d, GradCheck.DEFAULT_H, 10_000, 0);
        assertEquals(net.parameterCount(), r.entries().size());
        assertTrue(r.entries().size() - r.kinks() > 0, "every parameter at a kink: nothing was checked");
        GradCheck.Entry w = r.worst();
        assertTrue(w.error() < 1e-6, "worst " + w);
    }

    @Test
    void aPreActivationExactlyAtZeroIsAKink() {
        Network net = new Network();
        Layer h = new Layer(null, Activation.RELU, 0, 1, 1);
        h.W[0] = 1; // z = 1·0 + 0 = 0: the ReLU's corner
        net.add(h);
        Layer o = new Layer(null, Activation.LINEAR, 0, 1, 1);
        o.W[0] = 2;
        net.add(o);
        DataSet d = new DataSet(1, 1, 1, new double[] {0}, new double[] {1}, null);
        GradCheck.Report r = GradCheck.run(net, d, 1e-5, 100, 0);
        // b0 moves z across 0 (W0 does not: its input is 0)
        GradCheck.Entry b0 = r.entries().stream().filter(e -> e.layer() == 0 && !e.weight()).findFirst().orElseThrow();
        assertTrue(b0.kink());
        // the finite difference there is the mean of the two one-sided slopes, backprop takes the ReLU's 0
        assertEquals(0, b0.backprop(), 0);
        assertEquals(-1, b0.numeric(), 1e-4);
        assertFalse(r.entries().stream().filter(e -> e.layer() == 1).anyMatch(GradCheck.Entry::kink));
    }

    @Test
    void manyParametersAreSampledReproducibly() {
        Random rnd = new Random(5);
        Network net = RandomNets.net(rnd, Activation.TANH, Loss.MSE, 20, 30, 4);
        DataSet d = RandomNets.data(rnd, Loss.MSE, 2, 20, 4);
        GradCheck.Report a = GradCheck.run(net, d, 1e-5, 50, 3);
        GradCheck.Report b = GradCheck.run(net, d, 1e-5, 50, 3);
        assertEquals(50, a.entries().size());
        assertEquals(a.entries(), b.entries());
        assertTrue(a.worst().error() < 1e-6);
    }

    @Test
    void sessionGradcheckPassesOnTheReferenceAndFailsAboveItsTolerance() {
        Scripts.Run ok = Scripts.ok(Scripts.SEED + "gradcheck\n");
        assertTrue(ok.all(Output.Info.class).stream().anyMatch(i -> i.text().startsWith("gradcheck passed")));
        // the reference's h1 pre-activation is −0.34, far from the kink: no warning
        assertTrue(ok.all(Output.Warning.class).isEmpty());
        Scripts.Run bad = Scripts.run(Scripts.SEED + "gradcheck tolerance=1e-300\n");
        assertEquals(1, bad.summary().errors());
        assertTrue(bad.problems().get(0).contains("gradcheck failed"), bad.problems().toString());
    }
}
