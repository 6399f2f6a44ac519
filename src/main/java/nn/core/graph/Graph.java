package nn.core.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nn.core.Shape;
import nn.core.Value;

/**
 * A computation graph: nodes in the order they were made (a topological order), each computed when it is made,
 * and the names that refer to them. A layered network is a few nodes of such a graph (x, W0, b0, h_pre, h, o, E);
 * so are the user's expressions ({@code q = x + y}); {@link Backprop} differentiates either the same way.
 *
 * <p>A graph a session records is only ever extended through a {@link #copy()}, so recorded values never change.
 */
public final class Graph {
    private final List<Node> nodes;
    private final Map<String, Node> names;
    private final Twist twist;

    public Graph() { this(Twist.NONE); }

    /** A graph whose every value passes through {@code twist} as it is computed (rounded passes for slip hints). */
    public Graph(Twist twist) {
        this(new ArrayList<>(), new LinkedHashMap<>(), twist);
    }

    private Graph(List<Node> nodes, Map<String, Node> names, Twist twist) {
        this.nodes = nodes;
        this.names = names;
        this.twist = twist;
    }

    /** A graph with the same nodes and names that can be extended without changing this one. */
    public Graph copy() { return new Graph(new ArrayList<>(nodes), new LinkedHashMap<>(names), twist); }

    public int size() { return nodes.size(); }

    public Node get(int id) { return nodes.get(id); }

    public List<Node> nodes() { return Collections.unmodifiableList(nodes); }

    /** The node a name refers to, or null. */
    public Node node(String name) { return names.get(name); }

    public Map<String, Node> names() { return Collections.unmodifiableMap(names); }

    /** A leaf holding a copy of {@code v}: later changes to the caller's array do not change what was recorded. */
    public Node leaf(String name, Value v) { return add(Leaf.VALUE, new Node[0], v.shape(), v.data().clone(), name); }

    /** A leaf over the caller's own array (a trainer's parameters and batch buffers, changed between evaluations). */
    public Node shared(String name, Shape s, double[] data) { return add(Leaf.VALUE, new Node[0], s, data, name); }

    /** A number written in an expression: no gradient is computed for it. */
    public Node constant(Value v) { return add(Leaf.CONSTANT, new Node[0], v.shape(), v.data().clone(), null); }

    /**
     * The node {@code op(inputs)}, computed now. A {@link ShapeError} (inputs the operation cannot combine) leaves
     * the graph as it was.
     */
    public Node apply(Op op, String name, Node... inputs) {
        Shape[] shapes = new Shape[inputs.length];
        for (int i = 0; i < inputs.length; i++) shapes[i] = inputs[i].shape;
        Shape s = op.shape(shapes);
        Node n = add(op, inputs.clone(), s, new double[s.size()], name);
        op.forward(n);
        twist.value(n);
        return n;
    }

    private Node add(Op op, Node[] inputs, Shape s, double[] data, String name) {
        Node n = new Node(nodes.size(), op, inputs, s, data, name);
        nodes.add(n);
        if (name != null) names.put(name, n);
        return n;
    }

    /** Binds another name to a node (the user's {@code q} to the node an expression made). */
    public void name(String name, Node n) { names.put(name, n); }

    /** Recomputes every node from its inputs, in order, in place: for a graph whose leaves a trainer changes. */
    public void evaluate() {
        for (Node n : nodes) {
            if (n.leaf()) continue;
            n.op.forward(n);
            twist.value(n);
        }
    }

    /** Recomputes the nodes up to and including {@code last}, in place. */
    public void evaluate(Node last) {
        for (int id = 0; id <= last.id; id++) {
            Node n = nodes.get(id);
            if (n.leaf()) continue;
            n.op.forward(n);
            twist.value(n);
        }
    }
}
