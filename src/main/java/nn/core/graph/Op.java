package nn.core.graph;

import nn.core.Shape;

/**
 * An operation of the computation graph, with its function and its local derivative side by side (micrograd's
 * idiom): {@link #forward} computes a node's value from its inputs' values, {@link #backward} turns the gradient
 * arriving at the node into the gradient it passes to each input (the vector–Jacobian product).
 * Backpropagation ({@link Backprop}) is one loop over the nodes calling {@link #backward}.
 */
public interface Op {

    /** The operation as explanations and pictures write it: "+", "·", "@", "relu", "σ", "sum". */
    String symbol();

    /** The shape of the result for inputs of these shapes, or a {@link ShapeError} naming the input at fault. */
    Shape shape(Shape[] in);

    /** n.data = f(inputs' data). */
    void forward(Node n);

    /**
     * For every input i with {@code gIn[i] != null}: writes into gIn[i] (overwriting it) the gradient that n passes
     * to input i, given the gradient {@code g} of the root with respect to n. The twist lets a slip be computed
     * through the same code ({@link Twist#NONE} for the true gradient).
     */
    void backward(Node n, double[] g, double[][] gIn, Twist twist);

    /** False for inputs that get no gradient through this operation (a loss's target: data, not a variable). */
    default boolean differentiable(int input) { return true; }
}
