package nn.core;

import nn.core.graph.Backward;

/**
 * The gradients of one backward pass as the layers name them: ∂/∂a[k], ∂/∂z[k] for every layer, ∂/∂W[k], ∂/∂b[k] for
 * every parameter, and ∂/∂x, of the root that was backpropagated (E, or any value that depends on the network).
 * {@code fused} says the output layer's ∂E/∂z was taken as o·Σy − y (softmax with cross-entropy). {@code backward} is
 * the graph's whole result (null for gradients derived from others, such as a slip's scaled copy).
 */
public record Gradients(ForwardPass pass, double[][] dA, double[][] dZ, double[][] dW, double[][] dB, double[] dX, boolean fused, Backward backward) {

    public Gradients(ForwardPass pass, double[][] dA, double[][] dZ, double[][] dW, double[][] dB, double[] dX, boolean fused) {
        this(pass, dA, dZ, dW, dB, dX, fused, null);
    }

    /** The layers' gradients out of a backward pass through {@code p}'s graph (zeros where the root does not reach). */
    public static Gradients of(ForwardPass p, Backward bw) {
        int L = p.net().depth();
        double[][] dA = new double[L][], dZ = new double[L][], dW = new double[L][], dB = new double[L][];
        for (int k = 0; k < L; k++) {
            dA[k] = orZeros(bw.of(p.actNode(k)), p.actNode(k).data.length);
            dZ[k] = orZeros(bw.of(p.preNode(k)), p.preNode(k).data.length);
            dW[k] = orZeros(bw.of(p.weightNode(k)), p.weightNode(k).data.length);
            dB[k] = p.biasNode(k) == null ? new double[0] : orZeros(bw.of(p.biasNode(k)), p.biasNode(k).data.length);
        }
        double[] dX = orZeros(bw.of(p.inputNode()), p.inputNode().data.length);
        return new Gradients(p, dA, dZ, dW, dB, dX, p.net().fusedOutput() && bw.root() == p.lossNode(), bw);
    }

    private static double[] orZeros(double[] g, int n) { return g != null ? g : new double[n]; }
}
