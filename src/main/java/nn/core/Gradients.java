package nn.core;

/**
 * The gradients of one backward pass: ∂E/∂a[k], ∂E/∂z[k] for every layer, ∂E/∂W[k], ∂E/∂b[k] for every parameter,
 * and ∂E/∂x. {@code fused} says the output layer's ∂E/∂z was taken as o·Σy − y (softmax with cross-entropy).
 */
public record Gradients(ForwardPass pass, double[][] dA, double[][] dZ, double[][] dW, double[][] dB, double[] dX, boolean fused) { }
