package nn.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link GraphDiagram} in the terminal, layer by layer in topological order: first the values nothing computes
 * (inputs, parameters, targets), then each step's values with the operation that made them and its operands, each
 * with its data and gradient. Values micrograd leaves unnamed are numbered (#1, #2, ...) so that later steps can
 * name them. Columns align while they fit the width; a line that does not fit breaks between operands.
 *
 * <pre>
 * step
 *    1  #1 = w000 * x0                0.18  | 0.092
 *    2  h_pre0 = #1 + #2 + #3 + b00   0.29  | 0.092
 * </pre>
 */
public final class GraphPicture {
    private static final List<String> INFIX = List.of("+", "*", "@", "-", "−", "·", "/", "^", "×");

    private final GraphDiagram d;
    private final boolean unicode;
    private final String[] names;
    private final int[] level;
    private final GraphDiagram.Op[] madeBy;

    public GraphPicture(GraphDiagram d, boolean unicode) {
        this.d = d;
        this.unicode = unicode;
        int n = d.values().size();
        names = new String[n];
        madeBy = new GraphDiagram.Op[n];
        for (GraphDiagram.Op op : d.ops()) madeBy[op.result()] = op;
        int unnamed = 0;
        for (int i = 0; i < n; i++) names[i] = d.values().get(i).name() != null ? d.values().get(i).name() : "#" + ++unnamed;
        level = levels(d);
    }

    /**
     * Each value's step: 0 for what nothing computes, otherwise one more than its latest operand's. Operations may
     * be listed in any order; a cycle (not a graph of a computation) leaves its values at step 0.
     */
    static int[] levels(GraphDiagram d) {
        int n = d.values().size();
        int[] level = new int[n];
        boolean changed = true;
        for (int round = 0; changed && round <= n; round++) {
            changed = false;
            for (GraphDiagram.Op op : d.ops()) {
                int l = 0;
                for (int i : op.operands()) l = Math.max(l, level[i]);
                if (level[op.result()] < l + 1 && round < n) {
                    level[op.result()] = l + 1;
                    changed = true;
                }
            }
        }
        return level;
    }

    /** The picture at most {@code width} characters wide. */
    public String render(int width) {
        StringBuilder b = new StringBuilder();
        b.append(Words.fill(d.title(), width)).append('\n');
        b.append(Words.fill("each value: data | gradient (" + (unicode ? "∂" + d.root() + "/∂" : "d" + d.root() + "/d") + " of it)", width)).append("\n\n");
        List<Integer> leaves = new ArrayList<>();
        for (int i = 0; i < level.length; i++) if (level[i] == 0) leaves.add(i);
        b.append("inputs, parameters and targets\n").append(leaves(leaves, width)).append("\n\n");
        b.append(steps(width));
        return b.toString().stripTrailing();
    }

    /** "0.29 | 0.092" with the data padded to {@code dataW}, or only the data before a backward pass ("?" before a forward pass). */
    private String numbers(int i, int dataW) {
        GraphDiagram.Value v = d.values().get(i);
        return v.grad() == null ? data(i) : pad(data(i), dataW) + " | " + v.grad();
    }

    private String data(int i) {
        GraphDiagram.Value v = d.values().get(i);
        return v.data() == null ? "?" : v.data();
    }

    /** The values nothing computes, as many to a line as fit. */
    private String leaves(List<Integer> at, int width) {
        int nameW = 0;
        int dataW = 0;
        int numW = 0;
        for (int i : at) {
            nameW = Math.max(nameW, names[i].length());
            dataW = Math.max(dataW, data(i).length());
        }
        for (int i : at) numW = Math.max(numW, numbers(i, dataW).length());
        int cell = nameW + 2 + numW;
        int perLine = Math.max(1, (width - 2 + 4) / (cell + 4));
        StringBuilder b = new StringBuilder();
        if (2 + cell > width) { // not even one a line: each on its own, broken between words
            for (int i : at) b.append(Words.fill("  " + names[i] + "  " + numbers(i, 0), width, 4)).append('\n');
            return b.toString().stripTrailing();
        }
        for (int k = 0; k < at.size(); k++) {
            int i = at.get(k);
            String entry = pad(names[i], nameW) + "  " + numbers(i, dataW);
            boolean last = k % perLine == perLine - 1 || k == at.size() - 1;
            b.append(k % perLine == 0 ? "  " : "    ").append(last ? entry : pad(entry, cell));
            if (last) b.append('\n');
        }
        return b.toString().stripTrailing();
    }

    /**
     * One line per computed value, in the order of the steps (the step's number on its first line): name =
     * operation, then its numbers, in columns while they fit, else broken between operands.
     */
    private String steps(int width) {
        int top = 0;
        for (int l : level) top = Math.max(top, l);
        List<Integer> order = new ArrayList<>();
        for (int l = 1; l <= top; l++) for (int i = 0; i < level.length; i++) if (level[i] == l) order.add(i);
        int stepW = Math.max(4, String.valueOf(top).length());
        int leftW = 0;
        int dataW = 0;
        for (int i : order) {
            leftW = Math.max(leftW, (names[i] + " = " + expression(madeBy[i])).length());
            dataW = Math.max(dataW, data(i).length());
        }
        int numW = 0;
        for (int i : order) numW = Math.max(numW, numbers(i, dataW).length());
        boolean table = stepW + 2 + leftW + 4 + numW <= width;
        StringBuilder b = new StringBuilder(pad("step", stepW)).append('\n');
        int shown = 0;
        for (int i : order) {
            String step = level[i] != shown ? String.valueOf(level[i]) : "";
            shown = level[i];
            String left = names[i] + " = " + expression(madeBy[i]);
            String lead = " ".repeat(stepW - step.length()) + step + "  ";
            if (table) {
                b.append((lead + pad(left, leftW) + "    " + numbers(i, dataW)).stripTrailing()).append('\n');
            } else if (lead.length() + left.length() + 4 + numbers(i, 0).length() <= width) {
                b.append(lead).append(left).append("    ").append(numbers(i, 0)).append('\n');
            } else {
                b.append(Words.fill(lead + left, width, stepW + 6)).append('\n');
                b.append(Words.fill(" ".repeat(stepW + 4) + (unicode ? "→ " : "-> ") + numbers(i, 0), width, stepW + 6)).append('\n');
            }
        }
        return b.toString().stripTrailing();
    }

    private String expression(GraphDiagram.Op op) {
        List<String> args = new ArrayList<>();
        for (int i : op.operands()) args.add(names[i]);
        if (INFIX.contains(op.symbol()) && args.size() > 1) return String.join(" " + op.symbol() + " ", args);
        return op.symbol() + "(" + String.join(", ", args) + ")";
    }

    private static String pad(String s, int w) { return s + " ".repeat(Math.max(0, w - s.length())); }
}
