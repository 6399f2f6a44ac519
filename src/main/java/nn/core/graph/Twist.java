package nn.core.graph;

/**
 * A deliberate change to the one forward and backward pass, so that a learner's slip (a number rounded between
 * steps, a derivative left out, the updated weights used too early) is computed by the same code as the true
 * values rather than by a copy of it. {@link #NONE} changes nothing.
 */
public interface Twist {
    Twist NONE = new Twist() { };

    /** Called with a node's value once computed; may change it in place (rounding). */
    default void value(Node n) { }

    /** Called with the gradient at a node once complete, before it is passed on; may change it in place. */
    default void gradient(Node n, double[] g) { }

    /** The local derivative an elementwise operation uses for element i of node n (d: the true one). */
    default double derivative(Node n, int i, double d) { return d; }

    /** The values of input i that n's backward uses (the weights passing a gradient down), normally its own. */
    default double[] backwardInput(Node n, int i) { return n.input(i).data; }

    /** True when this twist changes anything in backward: operations then take their general path. */
    default boolean active() { return this != NONE; }
}
