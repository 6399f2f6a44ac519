package nn.grade;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import nn.core.Value;
import nn.lang.Source;
import nn.session.Output;
import nn.session.Session;

/**
 * A fresh exercise with nice numbers (docs/grading.md): a network of the layers and activations asked, weights,
 * biases and inputs of one decimal, and a worked forward pass, backward pass and update whose numbers are fit for a
 * hand computation: no pre-activation at a ReLU kink, no saturated sigmoid or tanh, no layer whose gradients are all
 * zero at three decimals, a loss that is not already zero. Drawn from the seed until every rule holds, so the same
 * seed (and the same student id, for a variant) always gives the same exercise.
 */
public final class Exercise {
    /** What an exercise is made of: layer sizes (3-2-1), one activation per layer, the loss, the seed, the learning rate. */
    public record Spec(int[] sizes, List<String> activations, String loss, long seed, double lr) {
        public Spec {
            if (sizes.length < 2) throw new IllegalArgumentException("layers= needs at least two sizes, e.g. layers=3-2-1");
            for (int s : sizes) if (s < 1 || s > 6) throw new IllegalArgumentException("an exercise's layers have 1 to 6 neurons (a hand computation), not " + s);
            if (sizes.length > 5) throw new IllegalArgumentException("an exercise has at most 4 layers");
            if (activations.size() != sizes.length - 1) {
                throw new IllegalArgumentException("layers=" + join(sizes) + " has " + (sizes.length - 1) + " layer" + (sizes.length == 2 ? "" : "s")
                        + ", so activations= needs " + (sizes.length - 1) + " (e.g. activations=" + String.join(",", List.of("relu", "sigmoid").subList(0, Math.min(2, sizes.length - 1))) + ")");
            }
            for (String a : activations) {
                if (!List.of("relu", "sigmoid", "tanh", "linear", "leaky_relu", "softmax").contains(a)) {
                    throw new IllegalArgumentException("unknown activation '" + a + "': relu, sigmoid, tanh, linear, leaky_relu or softmax");
                }
            }
            if (!List.of("half_sse", "mse", "bce", "cross_entropy").contains(loss)) throw new IllegalArgumentException("unknown loss '" + loss + "': half_sse, mse, bce or cross_entropy");
            String last = activations.get(activations.size() - 1);
            if (loss.equals("cross_entropy") && !last.equals("softmax")) throw new IllegalArgumentException("loss=cross_entropy needs a softmax output layer");
            if (loss.equals("bce") && !last.equals("sigmoid")) throw new IllegalArgumentException("loss=bce needs a sigmoid output layer");
            if (!(lr > 0 && lr <= 10)) throw new IllegalArgumentException("lr must be from 0 to 10");
        }

        /** The same exercise for another student: the seed mixed with the student's id (FNV-1a of its UTF-8 bytes). */
        public Spec forStudent(String id) {
            long h = 0xcbf29ce484222325L;
            for (byte b : id.strip().getBytes(StandardCharsets.UTF_8)) {
                h ^= b & 0xff;
                h *= 0x100000001b3L;
            }
            long mixed = new SplittableRandom(seed ^ h).nextLong() & Long.MAX_VALUE;
            return new Spec(sizes, activations, loss, mixed, lr);
        }

        public String describe() {
            return "layers=" + join(sizes) + " activations=" + String.join(",", activations) + " loss=" + loss + " seed=" + seed;
        }
    }

    static String join(int[] sizes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sizes.length; i++) sb.append(i > 0 ? "-" : "").append(sizes[i]);
        return sb.toString();
    }

    /** The made exercise, as texts: its setup (nn statements), the key, a worked solution, the blank sheet, the problem. */
    public record Made(Spec spec, String setup, String key, String solution, String sheet, String markdown, String latex, int draws) { }

    /** One question: the name, its points, the value nn computes, the phase it belongs to. */
    record Asked(String name, double points, Value value, String what) { }

    private Exercise() { }

    /** Makes the exercise of {@code spec}; {@code title} heads the documents ("ex1"), {@code picture} names its image or is null. */
    public static Made make(Spec spec, String title, String picture) {
        SplittableRandom rnd = new SplittableRandom(spec.seed());
        for (int draw = 1; draw <= 2000; draw++) {
            String setup = setup(spec, rnd);
            Session s = new Session();
            List<Asked> asked = new ArrayList<>();
            if (!compute(s, setup, spec, asked)) continue;
            if (!nice(s, spec).isEmpty()) continue;
            Session given = new Session(); // the exercise as given: before any pass or update
            run(given, setup);
            return new Made(spec, setup, key(spec, title, setup, asked), solution(title, asked), sheet(title, asked),
                    markdown(spec, title, given, asked, picture), latex(spec, title, given, asked, picture), draw);
        }
        throw new IllegalArgumentException("no exercise with nice numbers was found for " + spec.describe() + "; try another seed or other layers");
    }

    /** One decimal, not 0: a weight of -1.5..1.5, a bias of -0.5..0.5, an input of -1..1. */
    private static double pick(SplittableRandom r, int tenthsMax, boolean zeroAllowed) {
        while (true) {
            int t = r.nextInt(-tenthsMax, tenthsMax + 1);
            if (t != 0 || zeroAllowed) return t / 10.0;
        }
    }

    static String setup(Spec spec, SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        int[] n = spec.sizes();
        for (int k = 0; k + 1 < n.length; k++) sb.append("layer ").append(spec.activations().get(k)).append(' ').append(n[k]).append("->").append(n[k + 1]).append('\n');
        sb.append("loss ").append(spec.loss()).append('\n');
        for (int k = 0; k + 1 < n.length; k++) {
            double[][] w = new double[n[k + 1]][n[k]];
            for (double[] row : w) for (int j = 0; j < row.length; j++) row[j] = pick(r, 15, false);
            sb.append('W').append(k).append(" = ").append(matrix(w)).append('\n');
            double[] b = new double[n[k + 1]];
            for (int i = 0; i < b.length; i++) b[i] = pick(r, 5, true);
            sb.append('b').append(k).append(" = ").append(vector(b, 1)).append('\n');
        }
        double[] x = new double[n[0]];
        for (int i = 0; i < x.length; i++) x[i] = pick(r, 10, false);
        sb.append("input ").append(vector(x, 1)).append('\n');
        String last = spec.activations().get(spec.activations().size() - 1);
        int outs = n[n.length - 1];
        double[] y = new double[outs];
        if (last.equals("softmax")) {
            y[r.nextInt(outs)] = 1;
        } else if (last.equals("sigmoid")) {
            for (int i = 0; i < outs; i++) y[i] = r.nextInt(2);
        } else {
            for (int i = 0; i < outs; i++) y[i] = last.equals("relu") ? r.nextInt(0, 11) / 10.0 : pick(r, 10, true);
        }
        sb.append("target ").append(vector(y, 1)).append('\n');
        return sb.toString();
    }

    /** Runs the setup, the passes and the update, recording every value asked. False if anything failed. */
    private static boolean compute(Session s, String setup, Spec spec, List<Asked> asked) {
        if (!run(s, setup + "forward\nbackward\n")) return false;
        int depth = spec.sizes().length - 1;
        for (int k = 0; k < depth; k++) {
            String name = k == depth - 1 ? "o" : "a" + k;
            asked.add(new Asked(name, 1, value(s, name), "forward"));
        }
        asked.add(new Asked("E", 1, value(s, "E"), "forward"));
        for (int k = depth - 1; k >= 0; k--) {
            asked.add(new Asked("dE/dW" + k, 2, value(s, "dE/dW" + k), "backward"));
            asked.add(new Asked("dE/db" + k, 1, value(s, "dE/db" + k), "backward"));
        }
        if (!run(s, "update lr=" + plain(spec.lr()) + "\n")) return false;
        asked.add(new Asked("W0", 1, value(s, "W0"), "update"));
        for (Asked a : asked) if (a.value() == null) return false;
        return true;
    }

    private static boolean run(Session s, String text) {
        boolean[] bad = {false};
        Session.Result r = s.run(new Source("<exercise>", text), o -> {
            if (o instanceof Output.Problem) bad[0] = true;
        }, Session.Mode.SCRIPT);
        return r.ok() && !bad[0];
    }

    /** A value by name, as `show` gives it (null if it cannot be shown). */
    static Value value(Session s, String name) {
        Value[] v = {null};
        s.run(new Source("<exercise>", "show " + name), o -> {
            if (o instanceof Output.Shown sh) v[0] = sh.value();
        }, Session.Mode.SCRIPT);
        return v[0];
    }

    /**
     * What keeps the exercise in {@code s} (set up, passes done) from being nice; empty when it is. Checked on the
     * values before the update.
     */
    public static List<String> nice(Session s, Spec spec) {
        List<String> why = new ArrayList<>();
        int depth = spec.sizes().length - 1;
        // the values of the forward pass: recomputed on a copy of the setup is not needed, the session keeps them
        for (int k = 0; k < depth; k++) {
            String act = spec.activations().get(k);
            Value z = value(s, k == depth - 1 ? "o_pre" : "z" + k);
            if (z == null) {
                why.add("z" + k + " cannot be shown");
                continue;
            }
            for (double v : z.data()) {
                if ((act.equals("relu") || act.equals("leaky_relu")) && Math.abs(v) < 0.05) why.add("z" + k + " = " + num(v, 3) + " is at the ReLU kink");
                if (act.equals("sigmoid") && Math.abs(v) > 3) why.add("z" + k + " = " + num(v, 3) + " saturates the sigmoid");
                if (act.equals("tanh") && Math.abs(v) > 2) why.add("z" + k + " = " + num(v, 3) + " saturates tanh");
                if (Math.abs(v) > 10) why.add("z" + k + " = " + num(v, 3) + " is too large for a hand computation");
            }
            Value g = value(s, "dE/dW" + k);
            double most = 0;
            if (g != null) for (double v : g.data()) most = Math.max(most, Math.abs(v));
            if (most < 0.005) why.add("every gradient of W" + k + " rounds to 0");
        }
        Value e = value(s, "E");
        if (e == null || e.data()[0] < 0.005) why.add("the loss is already (nearly) 0");
        return why;
    }

    // ---- the texts

    static String num(double v, int decimals) {
        String t = String.format(Locale.ROOT, "%." + decimals + "f", v);
        if (t.matches("-0\\.?0*")) t = t.substring(1);
        return t;
    }

    /** A number as short as it is exact: 0.1, 0.05. */
    static String plain(double v) { return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString(); }

    static String vector(double[] v, int decimals) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) sb.append(i > 0 ? ", " : "").append(num(v[i], decimals));
        return sb.append(']').toString();
    }

    static String matrix(double[][] m) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < m.length; i++) sb.append(i > 0 ? ", " : "").append(vector(m[i], 1));
        return sb.append(']').toString();
    }

    /** A value as nn writes it in a script, at three decimals. */
    static String literal(Value v) {
        if (v.kind() == Value.Kind.SCALAR || v.kind() != Value.Kind.MATRIX && v.size() == 1) return num(v.get(0), 3);
        if (v.kind() == Value.Kind.MATRIX) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < v.rows(); i++) {
                sb.append(i > 0 ? ", " : "").append('[');
                for (int j = 0; j < v.cols(); j++) sb.append(j > 0 ? ", " : "").append(num(v.get(i * v.cols() + j), 3));
                sb.append(']');
            }
            return sb.append(']').toString();
        }
        return vector(v.data(), 3);
    }

    private static String shape(Value v) {
        if (v.kind() == Value.Kind.SCALAR || v.kind() != Value.Kind.MATRIX && v.size() == 1) return "a number";
        if (v.kind() == Value.Kind.MATRIX) return "a " + v.rows() + "×" + v.cols() + " matrix [[..], [..]]";
        return "a vector of " + v.size() + " numbers [..]";
    }

    static String key(Spec spec, String title, String setup, List<Asked> asked) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Answer key of ").append(title).append(" (made by nn exercise ").append(spec.describe()).append(")\n");
        sb.append("# grade a class with: nn grade ").append(title).append("_key.nn SUBMISSIONS...\n");
        sb.append(setup);
        String phase = "";
        for (Asked a : asked) {
            if (!a.what().equals(phase)) {
                phase = a.what();
                sb.append(switch (phase) {
                    case "forward" -> "forward\n";
                    case "backward" -> "backward\n";
                    default -> "update lr=" + plain(spec.lr()) + "\n";
                });
            }
            sb.append("ask ").append(a.name()).append(" points=").append(Reports.points(a.points())).append('\n');
            sb.append("expect ").append(a.name()).append(" = ").append(literal(a.value())).append('\n');
        }
        return sb.toString();
    }

    static String solution(String title, List<Asked> asked) {
        StringBuilder sb = new StringBuilder("# Worked solution of " + title + ": every answer, at three decimals\n");
        for (Asked a : asked) sb.append(a.name()).append(" = ").append(literal(a.value())).append('\n');
        return sb.toString();
    }

    static String sheet(String title, List<Asked> asked) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Answer sheet of ").append(title).append(": write each number after its '=' with three decimals\n");
        sb.append("# (matrices as [[row], [row]]); lines you leave blank get no points. Hand in this file.\n");
        String phase = "";
        for (Asked a : asked) {
            if (!a.what().equals(phase)) {
                phase = a.what();
                sb.append("\n# ").append(switch (phase) {
                    case "forward" -> "forward pass";
                    case "backward" -> "backward pass";
                    default -> "after one update";
                }).append('\n');
            }
            sb.append(a.name()).append(" =            # ").append(shape(a.value())).append(", ").append(Reports.points(a.points()))
                    .append(a.points() == 1 ? " point" : " points").append('\n');
        }
        return sb.toString();
    }

    private static String lossFormula(String loss, boolean tex) {
        return switch (loss) {
            case "half_sse" -> tex ? "E = \\tfrac{1}{2}\\sum_i (y_i - o_i)^2" : "E = ½ Σᵢ (yᵢ − oᵢ)²";
            case "mse" -> tex ? "E = \\tfrac{1}{n}\\sum_i (y_i - o_i)^2" : "E = (1/n) Σᵢ (yᵢ − oᵢ)²";
            case "bce" -> tex ? "E = -\\sum_i \\left(y_i \\log o_i + (1 - y_i)\\log(1 - o_i)\\right)" : "E = −Σᵢ (yᵢ log oᵢ + (1 − yᵢ) log(1 − oᵢ))";
            default -> tex ? "E = -\\sum_i y_i \\log o_i" : "E = −Σᵢ yᵢ log oᵢ";
        };
    }

    private static List<String[]> givens(Session s, Spec spec) {
        List<String[]> g = new ArrayList<>();
        int depth = spec.sizes().length - 1;
        for (int k = 0; k < depth; k++) {
            g.add(new String[] {"W" + k, "W_" + k, null});
            g.add(new String[] {"b" + k, "b_" + k, null});
        }
        g.add(new String[] {"x", "x", null});
        g.add(new String[] {"y", "y", null});
        return g;
    }

    static String markdown(Spec spec, String title, Session s, List<Asked> asked, String picture) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(title).append("\n\n");
        sb.append("A network of ").append(spec.sizes().length - 1).append(" layer").append(spec.sizes().length == 2 ? "" : "s").append(" (")
                .append(join(spec.sizes())).append("): ");
        for (int k = 0; k < spec.activations().size(); k++) {
            sb.append(k > 0 ? ", " : "").append("layer ").append(k).append(" ").append(spec.activations().get(k))
                    .append(" ").append(spec.sizes()[k]).append("→").append(spec.sizes()[k + 1]);
        }
        sb.append(". Each weight matrix has one row per neuron and one column per input: zₖ = Wₖ aₖ₋₁ + bₖ, aₖ = f(zₖ), a₋₁ = x.\n\n");
        if (picture != null) sb.append("![the network](").append(picture).append(")\n\n");
        for (String[] g : givens(s, spec)) sb.append("- ").append("`").append(g[0]).append(" = ").append(literal1(s, g[0])).append("`\n");
        sb.append("- the loss: ").append(lossFormula(spec.loss(), false)).append("; the learning rate μ = ").append(plain(spec.lr())).append("\n\n");
        sb.append("Give every answer with three decimals.\n\n");
        int n = 1;
        for (Asked a : asked) {
            sb.append(n++).append(". ").append(question(a, false)).append(" (").append(Reports.points(a.points())).append(a.points() == 1 ? " point" : " points").append(")\n");
        }
        return sb.toString();
    }

    /** A given value with one decimal, as the setup wrote it. */
    private static String literal1(Session s, String name) {
        Value v = value(s, name.equals("x") ? "x" : name.equals("y") ? "y" : name);
        if (v == null) return "?";
        if (v.kind() == Value.Kind.MATRIX) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < v.rows(); i++) {
                sb.append(i > 0 ? ", " : "").append('[');
                for (int j = 0; j < v.cols(); j++) sb.append(j > 0 ? ", " : "").append(num(v.get(i * v.cols() + j), 1));
                sb.append(']');
            }
            return sb.append(']').toString();
        }
        if (v.kind() == Value.Kind.SCALAR) return num(v.get(0), 1);
        return vector(v.data(), 1);
    }

    private static String question(Asked a, boolean tex) {
        String n = a.name();
        return switch (a.what()) {
            case "forward" -> n.equals("E") ? "the loss E" : n.equals("o") ? "the output o" : "the activations " + (tex ? "$a_" + n.substring(1) + "$" : n) + " of layer " + n.substring(1);
            case "backward" -> "the gradient " + (tex ? "$\\partial E/\\partial " + (n.charAt(4) == 'W' ? "W" : "b") + "_" + n.substring(5) + "$" : "∂E/∂" + n.substring(4));
            default -> (tex ? "$W_0$" : "W0") + " after one step of gradient descent, " + (tex ? "$W_0 - \\mu\\,\\partial E/\\partial W_0$" : "W0 − μ ∂E/∂W0");
        };
    }

    private static String texMatrix(String lit) {
        // [[a, b], [c, d]] → \begin{bmatrix} a & b \\ c & d \end{bmatrix}; [a, b] is a column vector
        String t = lit.strip();
        if (!t.startsWith("[")) return t;
        if (t.startsWith("[[")) {
            String inner = t.substring(1, t.length() - 1);
            String[] rows = inner.split("\\],\\s*\\[");
            StringBuilder sb = new StringBuilder("\\begin{bmatrix} ");
            for (int i = 0; i < rows.length; i++) sb.append(i > 0 ? " \\\\ " : "").append(rows[i].replace("[", "").replace("]", "").replace(",", " &"));
            return sb.append(" \\end{bmatrix}").toString();
        }
        return "\\begin{bmatrix} " + t.substring(1, t.length() - 1).replace(",", " \\\\") + " \\end{bmatrix}";
    }

    static String latex(Spec spec, String title, Session s, List<Asked> asked, String picture) {
        StringBuilder sb = new StringBuilder();
        sb.append("\\documentclass{article}\n\\usepackage{amsmath}\n\\usepackage{graphicx}\n\\begin{document}\n");
        sb.append("\\section*{").append(title.replace("_", "\\_")).append("}\n");
        sb.append("A network of ").append(spec.sizes().length - 1).append(" layers (").append(join(spec.sizes())).append("): ");
        for (int k = 0; k < spec.activations().size(); k++) {
            sb.append(k > 0 ? ", " : "").append("layer ").append(k).append(" ").append(spec.activations().get(k).replace("_", "\\_"))
                    .append(" $").append(spec.sizes()[k]).append("\\to ").append(spec.sizes()[k + 1]).append("$");
        }
        sb.append(". Each weight matrix has one row per neuron: $z_k = W_k a_{k-1} + b_k$, $a_k = f(z_k)$, $a_{-1} = x$.\n\n");
        if (picture != null) sb.append("\\begin{center}\\includegraphics[width=0.8\\textwidth]{").append(picture).append("}\\end{center}\n\n");
        sb.append("\\[\n");
        List<String> parts = new ArrayList<>();
        for (String[] g : givens(s, spec)) parts.add(g[1] + " = " + texMatrix(literal1(s, g[0])));
        sb.append(String.join(",\\quad\n", parts)).append("\n\\]\n");
        sb.append("The loss is $").append(lossFormula(spec.loss(), true)).append("$ and the learning rate $\\mu = ").append(plain(spec.lr())).append("$.\n");
        sb.append("Give every answer with three decimals.\n\\begin{enumerate}\n");
        for (Asked a : asked) sb.append("\\item ").append(question(a, true)).append(" (").append(Reports.points(a.points())).append(a.points() == 1 ? " point" : " points").append(")\n");
        sb.append("\\end{enumerate}\n\\end{document}\n");
        return sb.toString();
    }
}
