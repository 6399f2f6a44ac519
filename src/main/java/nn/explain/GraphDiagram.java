package nn.explain;

import java.util.List;

/**
 * A computational graph as micrograd's draw_dot shows it: value nodes (a record "name | data 0.9 | grad 0.018")
 * and operation nodes ("+", "*", "@", "relu", "σ", "sum", ...), each operation drawing its operands in and its
 * result out. Plain data built by the caller ({@link Graphs} builds one from nn.core's network and passes);
 * {@link GraphPicture} lays it out as terminal text and {@link GraphSvg} as a drawing.
 */
public record GraphDiagram(String title, String root, List<Value> values, List<Op> ops) {

    /** A network's graph: the gradients are of E. */
    public GraphDiagram(String title, List<Value> values, List<Op> ops) { this(title, "E", values, ops); }

    public GraphDiagram {
        values = List.copyOf(values);
        ops = List.copyOf(ops);
        for (Op op : ops) {
            for (int i : op.operands()) check(i, values.size());
            check(op.result(), values.size());
        }
    }

    private static void check(int i, int n) {
        if (i < 0 || i >= n) throw new IllegalArgumentException("value " + i + " is not in the graph (it has " + n + ")");
    }

    /**
     * A value: its name (null for an intermediate nobody named, as micrograd leaves them), its data and gradient as
     * written (gradient null before the backward pass), and its data as a number (NaN for a vector), for colour.
     */
    public record Value(String name, String data, String grad, double number) { }

    /** An operation: its symbol, the values it reads (indices into {@link #values()}, in order), the value it makes. */
    public record Op(String symbol, List<Integer> operands, int result) {
        public Op {
            operands = List.copyOf(operands);
        }
    }
}
