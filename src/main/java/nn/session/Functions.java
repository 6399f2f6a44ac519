package nn.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nn.core.Activation;
import nn.core.graph.Activate;
import nn.core.graph.Arith;
import nn.core.graph.Func;
import nn.core.graph.Op;
import nn.core.graph.Reduce;

/**
 * The functions expressions may call, each as the graph operation it makes: {@code exp log sqrt abs}, the
 * activations, {@code softmax}, the reductions {@code sum mean max min} (with an axis for a matrix), and {@code max}
 * or {@code min} of two values elementwise. The operations keep their derivatives; this table only names them.
 */
final class Functions {
    private Functions() { }

    /** What a call makes of its arguments: the operation, given how many values and which numbers follow them. */
    record Function(String name, String signature, String summary) { }

    static final Map<String, Function> ALL = new LinkedHashMap<>();

    private static void add(String name, String signature, String summary) { ALL.put(name, new Function(name, signature, summary)); }

    static {
        add("exp", "exp(x)", "e^x elementwise");
        add("log", "log(x)", "natural logarithm elementwise");
        add("sqrt", "sqrt(x)", "square root elementwise (derivative ∞ at 0)");
        add("abs", "abs(x)", "|x| elementwise (derivative 0 at 0, as PyTorch)");
        add("sigmoid", "sigmoid(x) or σ(x)", "1/(1 + e^(−x))");
        add("tanh", "tanh(x)", "hyperbolic tangent");
        add("relu", "relu(x)", "max(0, x) (derivative 0 at 0, as PyTorch)");
        add("leaky_relu", "leaky_relu(x[, slope])", "x, or slope·x below 0 (slope 0.01 unless given)");
        add("softmax", "softmax(x)", "e^x_i / Σ_j e^x_j over a vector, or over each row of a matrix");
        add("sum", "sum(x[, axis])", "the sum of all elements, or of a matrix's rows (axis 0) or columns (axis 1)");
        add("mean", "mean(x[, axis])", "the mean, as sum");
        add("max", "max(x) or max(a, b)", "the largest element (ties share the gradient), or the larger of a and b elementwise");
        add("min", "min(x) or min(a, b)", "the smallest element, or the smaller of a and b elementwise");
    }

    static List<String> names() {
        List<String> n = new ArrayList<>(ALL.keySet());
        n.add("σ");
        return n;
    }

    /**
     * The operation {@code name} makes of {@code values} value arguments and the plain numbers {@code numbers} after
     * them (an axis, a slope), or null when the function does not take that many.
     */
    static Op op(String name, int values, List<Double> numbers) {
        int extra = numbers.size();
        switch (name) {
            case "exp", "log", "sqrt", "abs" -> { return values == 1 && extra == 0 ? Func.byName(name) : null; }
            case "sigmoid", "σ" -> { return values == 1 && extra == 0 ? new Activate(Activation.SIGMOID, 0) : null; }
            case "tanh" -> { return values == 1 && extra == 0 ? new Activate(Activation.TANH, 0) : null; }
            case "relu" -> { return values == 1 && extra == 0 ? new Activate(Activation.RELU, 0) : null; }
            case "softmax" -> { return values == 1 && extra == 0 ? new Activate(Activation.SOFTMAX, 0) : null; }
            case "leaky_relu" -> {
                if (values != 1 || extra > 1) return null;
                return new Activate(Activation.LEAKY_RELU, extra == 1 ? numbers.get(0) : Activation.DEFAULT_LEAKY_SLOPE);
            }
            case "sum", "mean" -> {
                if (values != 1 || extra > 1) return null;
                int axis = extra == 1 ? axis(numbers.get(0)) : -1;
                return axis == -2 ? null : new Reduce(name.equals("sum") ? Reduce.Kind.SUM : Reduce.Kind.MEAN, axis);
            }
            case "max", "min" -> {
                if (values == 2 && extra == 0) return name.equals("max") ? Arith.MAXIMUM : Arith.MINIMUM;
                if (values == 1 && extra == 0) return new Reduce(name.equals("max") ? Reduce.Kind.MAX : Reduce.Kind.MIN, -1);
                return null;
            }
            default -> { return null; }
        }
    }

    private static int axis(double a) { return a == 0 ? 0 : a == 1 ? 1 : -2; }
}
