package nn.core.graph;

import nn.core.Shape;
import nn.core.Value;

/**
 * One value of a computation: a leaf (an input, a parameter, a number the user gave) or the result of an operation
 * on other nodes. A node records what computed it (its {@link Op} and inputs) and its value, which is all that
 * backpropagation and the explanations read. Nodes are made by a {@link Graph} in topological order: every input
 * has a smaller {@link #id} than the node itself.
 *
 * <p>The value is never changed once computed, except in a graph a trainer owns and re-evaluates in place.
 */
public final class Node {
    public final int id;
    public final Op op;
    private final Node[] inputs;
    public final Shape shape;
    public final double[] data;
    /** The name the user or the network gives this value (x, W0, h_pre, o, E, q), or null for an intermediate. */
    public final String name;

    Node(int id, Op op, Node[] inputs, Shape shape, double[] data, String name) {
        this.id = id;
        this.op = op;
        this.inputs = inputs;
        this.shape = shape;
        this.data = data;
        this.name = name;
    }

    public int arity() { return inputs.length; }

    public Node input(int i) { return inputs[i]; }

    public boolean leaf() { return op instanceof Leaf; }

    /** A number written into an expression (the 0.01 of 0.01·sum(W0²)): it gets no gradient. */
    public boolean constant() { return op == Leaf.CONSTANT; }

    /** The value (sharing this node's array: do not change it). */
    public Value value() { return Value.of(shape, data); }

    public double scalar() { return data[0]; }

    @Override public String toString() { return (name != null ? name : "#" + id) + " = " + op.symbol() + " " + shape.text(); }
}
