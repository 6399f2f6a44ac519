package nn.core;

/**
 * Every value of one forward pass for one example, as recorded for inspection and explanation: the input, each
 * layer's pre-activation z[k] and activation a[k], the loss E (NaN without a target), and a copy of the network
 * as it was (the weights used), so that later updates do not change what this pass computed.
 */
public record ForwardPass(Network net, double[] x, double[] y, double[][] z, double[][] a, double E) {

    public double[] output() { return a[a.length - 1]; }

    public boolean hasLoss() { return y != null; }

    /** The activation feeding layer k: the input for k = 0. */
    public double[] inputTo(int k) { return k == 0 ? x : a[k - 1]; }
}
