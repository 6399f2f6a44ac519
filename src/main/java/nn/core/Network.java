package nn.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A stack of dense layers and a loss, with the recorded forward and backward passes of one example. */
public final class Network {
    private final List<Layer> layers = new ArrayList<>();
    private Loss loss = Loss.HALF_SSE;

    public Network copy() {
        Network n = new Network();
        for (Layer l : layers) n.layers.add(l.copy());
        n.loss = loss;
        return n;
    }

    public List<Layer> layers() { return Collections.unmodifiableList(layers); }

    public Layer layer(int k) { return layers.get(k); }

    public int depth() { return layers.size(); }

    public boolean isEmpty() { return layers.isEmpty(); }

    public void add(Layer layer) { layers.add(layer); }

    public Loss loss() { return loss; }

    public void setLoss(Loss loss) { this.loss = loss; }

    public int inputSize() { return layers.isEmpty() ? 0 : layers.get(0).in; }

    public int outputSize() { return layers.isEmpty() ? 0 : layers.get(layers.size() - 1).out; }

    public long parameterCount() {
        long n = 0;
        for (Layer l : layers) n += l.parameterCount();
        return n;
    }

    /** True when the output layer is softmax and the loss cross-entropy: backward then uses the fused o·Σy − y. */
    public boolean fusedOutput() {
        return !layers.isEmpty() && layers.get(layers.size() - 1).activation == Activation.SOFTMAX && loss == Loss.CROSS_ENTROPY;
    }

    /** One forward pass for one example, every value recorded. {@code y} may be null (no loss then). */
    public ForwardPass forward(double[] x, double[] y) {
        int L = layers.size();
        double[][] z = new double[L][];
        double[][] a = new double[L][];
        double[] in = x;
        for (int k = 0; k < L; k++) {
            Layer l = layers.get(k);
            z[k] = new double[l.out];
            a[k] = new double[l.out];
            Kernels.affine(in, 1, l.in, l.W, l.b, l.out, z[k]);
            l.activation.forward(z[k], a[k], 0, l.out, l.param);
            in = a[k];
        }
        double E = y == null ? Double.NaN : loss.value(a[L - 1], y, 0, y.length);
        return new ForwardPass(copy(), x.clone(), y == null ? null : y.clone(), z, a, E);
    }

    /** The chain rule through a recorded pass, with the weights that pass used. */
    public static Gradients backward(ForwardPass p) {
        Network net = p.net();
        int L = net.depth();
        double[][] dA = new double[L][];
        double[][] dZ = new double[L][];
        double[][] dW = new double[L][];
        double[][] dB = new double[L][];
        double[] o = p.output();
        dA[L - 1] = new double[o.length];
        net.loss.gradient(o, p.y(), dA[L - 1], 0, o.length, 1);
        boolean fused = net.fusedOutput();
        double[] dX = null;
        for (int k = L - 1; k >= 0; k--) {
            Layer l = net.layers.get(k);
            dZ[k] = new double[l.out];
            if (k == L - 1 && fused) {
                double sumY = 0;
                for (double v : p.y()) sumY += v;
                for (int i = 0; i < l.out; i++) dZ[k][i] = o[i] * sumY - p.y()[i];
            } else {
                l.activation.backward(p.z()[k], p.a()[k], dA[k], dZ[k], 0, l.out, l.param);
            }
            dW[k] = new double[l.out * l.in];
            dB[k] = new double[l.out];
            Kernels.weightGradients(dZ[k], p.inputTo(k), 1, l.in, l.out, dW[k], dB[k]);
            double[] below = new double[l.in];
            Kernels.inputGradients(dZ[k], l.W, 1, l.in, l.out, below);
            if (k > 0) dA[k - 1] = below; else dX = below;
        }
        return new Gradients(p, dA, dZ, dW, dB, dX, fused);
    }

    /** Plain gradient descent on every parameter that is not frozen: p ← p − lr · ∂E/∂p. */
    public void update(Gradients g, double lr) {
        for (int k = 0; k < layers.size(); k++) {
            Layer l = layers.get(k);
            if (!l.frozenW) Kernels.sgd(l.W, g.dW()[k], lr);
            if (!l.frozenB) Kernels.sgd(l.b, g.dB()[k], lr);
        }
    }
}
