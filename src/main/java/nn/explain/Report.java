package nn.explain;

import static nn.explain.Expr.num;

import java.util.ArrayList;
import java.util.List;
import nn.core.Activation;
import nn.core.ForwardPass;
import nn.core.Gradients;
import nn.core.Layer;
import nn.core.Network;

/**
 * The worked example written up as the reference document is: the network, the data, the forward pass and the
 * loss, every gradient by the chain rule, the update, and the second forward pass when one was run. The same parts
 * are rendered as Markdown or LaTeX by {@link Documents}.
 */
public final class Report {
    public static final String TITLE = "Forward and backward pass in a neural network";

    private final ForwardPass first;
    private final Gradients g;
    private final Updates update;
    private final ForwardPass second;
    private final Vocabulary v;
    private final Notation n;

    /** {@code g}, {@code update} and {@code second} may be null: the document then ends where the work did. */
    public Report(ForwardPass first, Gradients g, Updates update, ForwardPass second, Vocabulary v, Notation n) {
        this.first = first;
        this.g = g;
        this.update = update;
        this.second = second;
        this.v = v;
        this.n = n;
    }

    /** What the document covers, for the message after writing it. */
    public String contents() {
        List<String> s = new ArrayList<>(List.of("network", "data", "forward pass"));
        if (first.hasLoss()) s.add("loss");
        if (g != null) s.add("gradients");
        if (update != null) s.add("update");
        if (second != null) s.add("second forward pass");
        return String.join(", ", s);
    }

    public List<Part> parts() {
        Network net = first.net();
        List<Part> parts = new ArrayList<>();
        parts.add(Part.prose("A step-by-step example of the forward and the backward pass through a neural network, every number "
                + "computed by nn and shown with " + n.precision() + " decimals."));

        parts.add(new Part.Heading("Network"));
        StringBuilder shape = new StringBuilder().append(net.inputSize());
        for (Layer l : net.layers()) shape.append('-').append(l.out);
        parts.add(Part.prose("A " + shape + " network: " + net.inputSize() + " input" + (net.inputSize() == 1 ? "" : "s") + " and "
                + net.depth() + " layer" + (net.depth() == 1 ? "" : "s") + " of neurons with bias."));
        for (int k = 0; k < net.depth(); k++) {
            Layer l = net.layer(k);
            List<Object> pieces = new ArrayList<>();
            pieces.add((k == net.depth() - 1 ? "Output layer " : "Layer ") + k + " (" + v.actName(k) + "): " + l.out + " neuron"
                    + (l.out == 1 ? "" : "s") + ", " + l.activation.id + " activation");
            Equation f = activationFormula(l.activation);
            if (f != null) {
                pieces.add(", ");
                pieces.add(f);
            }
            pieces.add(".");
            parts.add(new Part.Prose(pieces));
            List<Expr> ws = new ArrayList<>();
            List<Expr> wv = new ArrayList<>();
            for (int i = 0; i < l.out; i++) {
                for (int j = 0; j < l.in; j++) {
                    ws.add(v.weight(k, i, j));
                    wv.add(num(l.w(i, j)));
                }
            }
            List<Expr> bs = new ArrayList<>();
            List<Expr> bv = new ArrayList<>();
            for (int i = 0; i < l.b.length; i++) {
                bs.add(v.bias(k, i));
                bv.add(num(l.b[i]));
            }
            List<Equation> eqs = new ArrayList<>();
            if (l.out * l.in <= 48) eqs.add(Equation.of(v.weights(k), new Expr.Mat(l.out, l.in, ws), new Expr.Mat(l.out, l.in, wv)));
            else eqs.add(Equation.of(v.weights(k), Expr.raw("a " + l.out + "×" + l.in + " matrix (show W" + k + ")")));
            if (l.b.length == 1 && l.bias == Layer.Bias.SHARED) eqs.add(Equation.of(v.biases(k), bv.get(0)).note("one bias shared by the layer's neurons"));
            else if (l.b.length == 1) eqs.add(Equation.of(v.biases(k), bs.get(0), bv.get(0)));
            else if (l.hasBias()) eqs.add(Equation.of(v.biases(k), new Expr.Vec(bs), new Expr.Vec(bv)));
            parts.add(new Part.Equations(eqs));
        }
        parts.add(Part.prose("The loss (" + net.loss().id + "), the error of the output o against the target y:"));
        parts.add(new Part.Equations(List.of(lossFormula(net.loss()))));

        parts.add(new Part.Heading("Data"));
        parts.add(Part.prose("The training example: input vector and expected output."));
        List<Equation> data = new ArrayList<>();
        data.add(Equation.of(v.x(-1), vector(first.x())));
        if (first.y() != null) data.add(Equation.of(v.y(-1), vector(first.y())));
        parts.add(new Part.Equations(data));

        parts.add(new Part.Heading("Forward pass"));
        Derivations d1 = new Derivations(first, g, v, n, false);
        parts.addAll(Trace.forward(d1));

        if (g != null) {
            parts.add(new Part.Heading("Backpropagation"));
            int L = net.depth();
            Layer out = net.layer(L - 1);
            ChainRule c = new ChainRule(d1);
            parts.add(Part.prose("The partial derivative of the error with respect to each weight and bias, by the chain rule. For example, for "
                    + v.weight(L - 1, 0, 0).text() + ":"));
            parts.addAll(c.weight(L - 1, 0, 0));
            parts.add(Part.prose("The other gradients reuse these factors, layer by layer from the output down" + (out.in > 0 ? ":" : ".")));
            parts.addAll(Trace.backward(d1));
        }
        if (update != null) {
            parts.add(new Part.Heading("Update"));
            parts.add(Part.prose("Each weight and bias moves against its gradient, scaled by the learning rate μ:"));
            parts.addAll(update.all(Integer.MAX_VALUE));
        }
        if (second != null) {
            parts.add(new Part.Heading("Second forward pass"));
            parts.add(Part.prose("Is the error smaller? The forward pass again, with the updated parameters:"));
            parts.addAll(Trace.forward(new Derivations(second, null, v, n, true)));
            if (first.hasLoss() && second.hasLoss()) {
                String verdict = second.E() < first.E() ? "went down" : second.E() > first.E() ? "went up" : "did not change";
                parts.add(new Part.Prose(List.of("The loss " + verdict + ": from ", num(first.E()), " to ", num(second.E()), ".")));
            }
        }
        return parts;
    }

    private static Expr vector(double[] a) {
        if (a.length == 1) return num(a[0]);
        List<Expr> items = new ArrayList<>();
        for (double d : a) items.add(num(d));
        return new Expr.Vec(items);
    }

    /** The loss as a formula, E = ½ Σ_i (y_i − o_i)², as the reference writes it (not the loss's identifier). */
    static Equation lossFormula(nn.core.Loss loss) {
        String text = loss.formula.startsWith("E = ") ? loss.formula.substring(4) : loss.formula;
        String tex = switch (loss) {
            case HALF_SSE -> "\\frac{1}{2} \\sum_i \\left(y_i - o_i\\right)^2";
            case MSE -> "\\frac{1}{n} \\sum_i \\left(y_i - o_i\\right)^2";
            case BCE -> "-\\frac{1}{n} \\sum_i \\left[y_i \\log o_i + \\left(1 - y_i\\right) \\log\\left(1 - o_i\\right)\\right]";
            case CROSS_ENTROPY -> "-\\sum_i y_i \\log o_i";
            case BCE_LOGITS -> "\\frac{1}{n} \\sum_i \\left[\\max\\left(z_i, 0\\right) - z_i y_i + \\log\\left(1 + e^{-\\left|z_i\\right|}\\right)\\right]";
            case CROSS_ENTROPY_LOGITS -> "-\\sum_i y_i \\log \\text{softmax}\\left(z\\right)_i";
        };
        return Equation.of(new Expr.Sym("E", "E"), new Expr.Raw(text, tex));
    }

    /** relu(z) = max(0, z), σ(z) = 1/(1 + e^(−z)), … as the reference states each activation. */
    static Equation activationFormula(Activation a) {
        Expr.Sym z = new Expr.Sym("z", "z");
        return switch (a) {
            case RELU -> Equation.of(new Expr.Call("relu", "\\text{relu}", List.of(z)), new Expr.Call("max", "\\max", List.of(num(0), z)));
            case SIGMOID -> Equation.of(new Expr.Call("σ", "\\sigma", List.of(z)), new Expr.Frac(num(1), Expr.sum(List.of(num(1), new Expr.Exp(new Expr.Neg(z))))));
            case TANH -> Equation.of(new Expr.Call("tanh", "\\tanh", List.of(z)), new Expr.Frac(new Expr.Diff(new Expr.Exp(z), new Expr.Exp(new Expr.Neg(z))),
                    Expr.sum(List.of(new Expr.Exp(z), new Expr.Exp(new Expr.Neg(z))))));
            case SOFTMAX -> Equation.of(new Expr.Call("softmax", "\\text{softmax}", List.of(new Expr.Sym("z_i", "z_i"))),
                    new Expr.Frac(new Expr.Exp(new Expr.Sym("z_i", "z_i")), new Expr.Raw("Σ_j e^(z_j)", "\\sum_j e^{z_j}")));
            case LINEAR -> Equation.of(new Expr.Call("linear", "\\text{linear}", List.of(z)), z);
            case LEAKY_RELU -> null;
        };
    }
}
