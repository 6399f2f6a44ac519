package nn.session;

import java.util.ArrayList;
import java.util.List;
import nn.core.Activation;
import nn.core.Loss;
import nn.lang.NnError;
import nn.lang.Suggest;
import nn.lang.Word;

/** The text of `help`: made from the statements' rows (syntax, options, example) and a few topics. */
final class Help {
    private Help() { }

    /** Topics `help` explains besides the statements. */
    static final List<String> TOPICS = List.of("names", "activations", "losses", "values", "expressions", "functions");

    static String text(Word topic, State st) {
        StringBuilder b = new StringBuilder();
        if (topic == null) {
            b.append("Statements (help STATEMENT for syntax and an example):\n");
            int w = 12;
            for (Statement s : Statements.listed()) w = Math.max(w, label(s).length());
            for (Statement s : Statements.listed()) b.append(String.format("  %-" + w + "s  %s%n", label(s), s.summary));
            b.append("Also: help names, help activations, help losses, help values, help expressions, help functions");
            return b.toString();
        }
        String t = topic.text();
        switch (t) {
            case "names" -> {
                b.append("Names (this network): ").append(String.join(", ", Names.all(st.net).stream().limit(40).toList()));
                b.append("\nW{k}, b{k}: layer k's weights and biases; w{k}{i}{j}: weight of neuron i from input j; b{k}{i}\n");
                b.append("z{k}/a{k} (or NAME_pre/NAME for a layer `as NAME`): pre-activation and activation; o_pre, o: the output layer's\n");
                b.append("E: the loss; x, y: input and target; dE/dNAME: any gradient; NAME[i], W0[i,j]: elements; do/do_pre: local derivatives\n");
                b.append("accuracy: the share of rows classified right on the data set last evaluated (`evaluate xor`)");
                if (!st.values.isEmpty() || !st.definitions.isEmpty()) {
                    b.append("\nYours: ").append(String.join(", ", Names.userNames(st))).append(" (after `backward f`: df/dNAME)");
                }
            }
            case "activations" -> {
                for (Activation a : Activation.values()) b.append(String.format("  %-11s %s   derivative: %s%n", a.id, a.formula, a.derivativeFormula));
                b.setLength(b.length() - 1);
            }
            case "losses", "loss" -> {
                for (Loss l : Loss.values()) b.append(String.format("  %-20s %s   %s%n", l.id, l.formula, l.gradientFormula));
                b.append("  PyTorch's and Keras's names mean the same: MSELoss, CrossEntropyLoss (logits), BCEWithLogitsLoss, binary_crossentropy, categorical_crossentropy\n");
                b.append("  loss NAME reduction=sum: a batch's loss is the sum over its examples (default: the mean)");
            }
            case "values" -> b.append("Numbers: 0.5  .5  -1.2  −1.2  1e-3  7/10\n")
                    .append("Vectors: [0.9, 0.2, 0.5]  [0.9 0.2 0.5]  [0.9; 0.2; 0.5] (column)\n")
                    .append("Matrices (one row per neuron): [[0.2, -1.2, 0.9], [-0.5, -1.2, 0.3]]  [0.2 -1.2 0.9; -0.5 -1.2 0.3]\n")
                    .append("  \\begin{bmatrix} 0.2 & -1.2 & 0.9 \\\\ -0.5 & -1.2 & 0.3 \\end{bmatrix}   (brackets may span lines)\n")
                    .append("A batch: `input [[0, 0], [0, 1], [1, 0], [1, 1]]`, one example per row (target likewise)");
            case "expressions" -> b.append("Your own values and expressions, on one graph with the network's:\n")
                    .append("  x = -2; y = 5; z = -4      values (leaves: they get gradients)\n")
                    .append("  q = x + y; f = q * z       expressions, computed now and again after every change\n")
                    .append("  backward f                 df/dNAME for every value f depends on: show df/dx, explain df/dx\n")
                    .append("Operators: + - * / (elementwise, a scalar or a vector stretches to fit), ^ (power), @ (matrix product),\n")
                    .append("  M^T or Mᵀ (transpose), h[0] and W0[1,2] (elements), X[2] (a row); network values mix in: J = E + 0.01 * sum(W0 ^ 2)\n")
                    .append("Functions: help functions");
            case "functions" -> {
                for (Functions.Function f : Functions.ALL.values()) b.append(String.format("  %-24s %s%n", f.signature(), f.summary()));
                b.setLength(b.length() - 1);
            }
            default -> {
                Statement s = Statements.find(t);
                if (s == null) {
                    List<String> topics = new ArrayList<>(Statements.keywords());
                    topics.addAll(TOPICS);
                    throw new NnError(topic.pos(), "no help for '" + t + "'", Suggest.hint(t, topics));
                }
                b.append(s.syntax()).append("\n  ").append(s.summary);
                for (Signature.OptionSpec o : s.signature.options) {
                    b.append("\n    ").append(String.format("%-16s", o.name() + "=")).append(o.help());
                    if (!o.aliases().isEmpty()) b.append(" (also ").append(String.join(", ", o.aliases().stream().map(x -> x + "=").toList())).append(")");
                }
                for (Signature.Flag f : s.signature.flags) b.append("\n    ").append(String.format("%-16s", f.name())).append(f.help());
                b.append("\n  example: ").append(s.example);
            }
        }
        return b.toString();
    }

    private static String label(Statement s) {
        return s.form == nn.lang.Stmt.Assign.class ? "NAME = VALUE" : s.form == nn.lang.Stmt.Inspect.class ? "NAME" : s.keyword;
    }
}
