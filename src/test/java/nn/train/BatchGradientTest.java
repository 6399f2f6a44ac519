package nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import nn.core.Activation;
import nn.core.BatchPass;
import nn.core.DataSet;
import nn.core.ForwardPass;
import nn.core.Gradients;
import nn.core.Loss;
import nn.core.Network;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The batch passes training uses against the foundation's one-example passes. */
class BatchGradientTest {

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        long seed = 1;
        for (Activation f : Activation.values()) {
            if (f == Activation.SOFTMAX) continue; // a hidden softmax is covered by the output layers of cross-entropy
            for (Loss l : Loss.values()) b.add(Arguments.of(f, l, seed++));
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @MethodSource("cases")
    void batchGradientIsTheMeanOfExampleGradients(Activation f, Loss loss, long seed) {
        Random rnd = new Random(seed);
        int out = loss == Loss.CROSS_ENTROPY ? 3 : 2;
        Network net = RandomNets.net(rnd, f, loss, 4, 5, out);
        DataSet d = RandomNets.data(rnd, loss, 7, 4, out);
        BatchPass pass = new BatchPass(net, d.rows);
        pass.forward(d.X, d.rows);
        double batchLoss = pass.lossSum(d.Y, d.rows) / d.rows;
        pass.backward(d.X, d.Y, d.rows);

        double meanLoss = 0;
        double[][] meanW = new double[net.depth()][];
        double[][] meanB = new double[net.depth()][];
        for (int k = 0; k < net.depth(); k++) {
            meanW[k] = new double[net.layer(k).W.length];
            meanB[k] = new double[net.layer(k).out];
        }
        for (int r = 0; r < d.rows; r++) {
            ForwardPass p = net.forward(Arrays.copyOfRange(d.X, r * 4, r * 4 + 4), Arrays.copyOfRange(d.Y, r * out, r * out + out));
            Gradients g = Network.backward(p);
            meanLoss += p.E() / d.rows;
            for (int k = 0; k < net.depth(); k++) {
                for (int i = 0; i < meanW[k].length; i++) meanW[k][i] += g.dW()[k][i] / d.rows;
                for (int i = 0; i < meanB[k].length; i++) meanB[k][i] += g.dB()[k][i] / d.rows;
            }
        }
        assertEquals(meanLoss, batchLoss, 1e-12 * Math.max(1, Math.abs(meanLoss)));
        for (int k = 0; k < net.depth(); k++) {
            assertArrayEquals(meanW[k], pass.dW[k], 1e-12, "dE/dW" + k);
            assertArrayEquals(meanB[k], pass.dB[k], 1e-12, "dE/db" + k);
        }
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @MethodSource("cases")
    void oneRowIsTheFoundationsPassBitForBit(Activation f, Loss loss, long seed) {
        Random rnd = new Random(seed + 1000);
        int out = loss == Loss.CROSS_ENTROPY ? 3 : 2;
        Network net = RandomNets.net(rnd, f, loss, 3, 4, out);
        DataSet d = RandomNets.data(rnd, loss, 1, 3, out);
        BatchPass pass = new BatchPass(net, 1);
        pass.forward(d.X, 1);
        double e = pass.lossSum(d.Y, 1);
        pass.backward(d.X, d.Y, 1);
        ForwardPass p = net.forward(d.X, d.Y);
        Gradients g = Network.backward(p);
        assertEquals(p.E(), e, 0);
        assertArrayEquals(p.output(), Arrays.copyOf(pass.output(), out), 0);
        for (int k = 0; k < net.depth(); k++) {
            assertArrayEquals(g.dW()[k], pass.dW[k], 0, "dE/dW" + k);
            assertArrayEquals(g.dB()[k], pass.dB[k], 0, "dE/db" + k);
        }
    }
}
