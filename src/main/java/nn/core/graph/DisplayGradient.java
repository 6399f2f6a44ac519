package nn.core.graph;

/**
 * An operation that folds its input's own operation into its gradient (softmax with cross-entropy: ∂E/∂z = o − y,
 * skipping ∂E/∂o) and can still say what the skipped gradient is, for showing it.
 */
public interface DisplayGradient {
    /** The input whose gradient is skipped, or -1. */
    int skipped(Node n);

    /** Writes into {@code out} the gradient of the root with respect to that input, given the gradient g at n. */
    void displayGradient(Node n, double[] g, double[] out);
}
