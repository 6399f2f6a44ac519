package nn.explain;

import java.util.List;

/**
 * A layered network as its pictures show it, whatever computed it: the input column, then one column per layer,
 * each with its nodes and the edges coming into them from the column before. Plain data, built by the caller
 * ({@link Figure} builds it from nn.core's network and passes); {@link NetPicture} lays it out as terminal text and
 * {@link NetSvg} as a drawing. Every number is written out already, in the caller's {@link Notation}, and kept as
 * a double beside its text for the colours and line widths.
 */
public record NetDiagram(String title, List<Column> columns) {

    public NetDiagram {
        columns = List.copyOf(columns);
    }

    /**
     * A number as the picture shows it: its name ("h_pre0", "w100", "∂E/∂h0"), its text ("0.29", "−1.1") and its
     * value (NaN when it has none).
     */
    public record Reading(String name, String text, double number) {
        public String equation() { return name + " = " + text; }
    }

    /**
     * The input column or one layer: its heading ("input", "layer 0"), the name of its values ("x", "h", "a0"), its
     * activation function ("relu"; null for the input), its nodes, and the edges coming into them (none for the
     * input column).
     */
    public record Column(String heading, String name, String activation, List<Node> nodes, List<Edge> edges) {
        public Column {
            nodes = List.copyOf(nodes);
            edges = List.copyOf(edges);
        }

        public boolean input() { return activation == null; }
    }

    /**
     * A node: its name ("x0", "h0", "o"), what the forward pass gave it (the input's value; a neuron's pre-activation
     * then activation), and what the backward pass gave it (∂E/∂ of the same), each empty before its pass.
     */
    public record Node(String name, List<Reading> values, List<Reading> gradients) {
        public Node {
            values = List.copyOf(values);
            gradients = List.copyOf(gradients);
        }

        /** The number that colours the node: its activation (or, for {@code gradients}, ∂E/∂ of it); NaN when unknown. */
        public double shade(boolean gradients) {
            List<Reading> r = gradients ? this.gradients : values;
            return r.isEmpty() ? Double.NaN : r.get(r.size() - 1).number();
        }
    }

    /**
     * The edge from node {@code from} of the column before ({@link #BIAS}: the constant 1 that a bias multiplies) to
     * node {@code to} of this column, with its weight and ∂E/∂ of it (null before the backward pass).
     */
    public record Edge(int from, int to, Reading weight, Reading gradient) {
        public static final int BIAS = -1;

        public boolean bias() { return from == BIAS; }

        /** What the edge is labelled with: its weight, or its gradient (null when there is none). */
        public Reading label(boolean gradients) { return gradients ? gradient : weight; }
    }
}
