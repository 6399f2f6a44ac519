package nn.train;

import java.util.Random;
import nn.core.Activation;
import nn.core.DataSet;
import nn.core.Layer;
import nn.core.Loss;
import nn.core.Network;

/** Seeded random networks and data for property tests: any hidden activation, an output layer fit for the loss. */
final class RandomNets {
    private RandomNets() { }

    static Network net(Random rnd, Activation hidden, Loss loss, int in, int mid, int out) {
        Network n = new Network();
        n.add(layer(rnd, hidden, in, mid));
        n.add(layer(rnd, hidden, mid, mid));
        Activation last = switch (loss) {
            case CROSS_ENTROPY -> out > 1 ? Activation.SOFTMAX : Activation.SIGMOID;
            case BCE -> Activation.SIGMOID;
            default -> hidden == Activation.SOFTMAX ? Activation.TANH : hidden;
        };
        n.add(layer(rnd, last, mid, out));
        n.setLoss(loss);
        return n;
    }

    private static Layer layer(Random rnd, Activation f, int in, int out) {
        Layer l = new Layer(null, f, f == Activation.LEAKY_RELU ? 0.1 : 0, in, out);
        for (int i = 0; i < l.W.length; i++) l.W[i] = rnd.nextGaussian();
        for (int i = 0; i < l.b.length; i++) l.b[i] = 0.5 * rnd.nextGaussian();
        return l;
    }

    /** Rows with inputs N(0, 1) and targets the loss can take: one-hot for cross-entropy, in (0, 1) otherwise. */
    static DataSet data(Random rnd, Loss loss, int rows, int in, int out) {
        double[] X = new double[rows * in];
        double[] Y = new double[rows * out];
        for (int i = 0; i < X.length; i++) X[i] = rnd.nextGaussian();
        for (int r = 0; r < rows; r++) {
            if (loss == Loss.CROSS_ENTROPY && out > 1) Y[r * out + rnd.nextInt(out)] = 1;
            else for (int i = 0; i < out; i++) Y[r * out + i] = rnd.nextDouble();
        }
        return new DataSet(rows, in, out, X, Y, null);
    }
}
