package nn.robust;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nn.core.Layer;
import nn.core.Network;
import nn.session.Names;
import nn.session.State;

/**
 * Random statements over the whole grammar (every labelled alternative of Nn.g4), aimed at the current state: names
 * that exist and names that do not, values of the right shape and of wrong ones, in every notation the language
 * reads, with ordinary and extreme numbers. Sizes stay small so that a statement never takes long, except for a few
 * deliberately huge requests that must be refused up front. File names point into the sandbox only.
 */
final class Gen {
    /** The grammar's statement forms, one per labelled alternative (inspectStmt is the bare NAME). */
    enum Form {
        LAYER, ASSIGN, INPUT, TARGET, LOSS, FORWARD, BACKWARD, UPDATE, STEP, SHOW, EXPECT, PRECISION, EXPLAIN, TRACE,
        DRAW, EXPORT, INIT, DATA, TRAIN, FREEZE, UNFREEZE, EVALUATE, PREDICT, PLOT, GRADCHECK, SAVE, RUN, RESET, HELP,
        EXIT, INSPECT
    }

    private final Random r;
    private final Sandbox box;
    /** Statements that take time or write files are rarer in a long session. */
    private final boolean cheap;

    Gen(Random r, Sandbox box, boolean cheap) {
        this.r = r;
        this.box = box;
        this.cheap = cheap;
    }

    Random random() { return r; }

    <T> T pick(List<T> list) { return list.get(r.nextInt(list.size())); }

    @SafeVarargs
    final <T> T pick(T... a) { return a[r.nextInt(a.length)]; }

    boolean chance(double p) { return r.nextDouble() < p; }

    /** A statement of a random form. */
    String statement(State st) {
        Form f = Form.values()[r.nextInt(Form.values().length)];
        if (f == Form.EXIT && chance(0.8)) f = Form.SHOW; // exit ends a script run; keep it rare
        if (cheap && (f == Form.TRAIN || f == Form.SAVE || f == Form.EXPORT || f == Form.DRAW || f == Form.PLOT || f == Form.GRADCHECK
                || f == Form.RUN) && chance(0.85)) f = pick(Form.INPUT, Form.SHOW, Form.ASSIGN, Form.EXPECT);
        if (f == Form.RESET && chance(cheap ? 0.9 : 0.6)) f = Form.STEP;
        return statement(f, st);
    }

    String statement(Form f, State st) {
        Network net = st.net;
        return switch (f) {
            case LAYER -> layer(net);
            case ASSIGN -> assignTarget(net) + pick(" = ", "=", " = ") + valueFor(st);
            case INPUT -> "input " + vector(net.isEmpty() ? 1 + r.nextInt(4) : shapeOr(net.inputSize()));
            case TARGET -> pick("target ", "target ") + (chance(0.3) && net.outputSize() <= 1 ? scalar() : vector(net.isEmpty() ? 1 + r.nextInt(3) : shapeOr(net.outputSize())));
            case LOSS -> "loss " + pick("half_sse", "mse", "bce", "cross_entropy", "hinge", "sse", "layer", "x");
            case FORWARD -> "forward";
            case BACKWARD -> "backward";
            case UPDATE -> "update" + lrOptions();
            case STEP -> "step" + lrOptions();
            case SHOW -> "show " + refs(net, 1 + r.nextInt(3));
            case EXPECT -> "expect " + ref(net) + " " + pick("=", "<", ">", "<=", ">=", "≤", "≥", "=") + " " + valueFor(st)
                    + (chance(0.3) ? " " + pick("±", "+/-", "+-") + " " + pick("0.1", "0", "1e-3", "5", "1e308") : "");
            case PRECISION -> "precision " + pick("0", "3", "6", "17", "18", "2.5", "-1", "1e300", "100");
            case EXPLAIN -> "explain " + (chance(0.3) ? "update " : "") + ref(net);
            case TRACE -> "trace " + pick("on", "off", "on", "maybe");
            case DRAW -> "draw" + (chance(0.5) ? " " + pick("gradients", "net", "values", "bogus") : "") + (chance(0.5) ? " " + file("svg") : "");
            case EXPORT -> "export " + pick("markdown", "latex", "md", "html") + " " + file(pick("md", "tex", "txt"));
            case INIT -> "init " + pick("xavier", "he", "uniform(-1, 1)", "normal(0, 0.1)", "zeros", "uniform(1, -1)", "normal(0, -1)",
                    "uniform()", "bogus", "uniform(lo=-0.5, hi=0.5)", "normal(0, 1e308)") + (chance(0.5) ? " seed=" + pick("0", "1", "42", "-3", "1.5", "99999999999") : "");
            case DATA -> "data " + pick("d", "xor", "train", "e") + " = " + dataSource(net);
            case TRAIN -> "train" + (chance(0.7) ? " " + pick("d", "xor", "nothere", "e") : "") + trainOptions();
            case FREEZE -> "freeze " + paramRefs(net);
            case UNFREEZE -> "unfreeze" + (chance(0.5) ? " " + paramRefs(net) : "");
            case EVALUATE -> "evaluate" + (chance(0.8) ? " " + pick("d", "xor", "nothere", "e") : "");
            case PREDICT -> "predict " + vector(net.isEmpty() ? 1 + r.nextInt(3) : shapeOr(net.inputSize()));
            case PLOT -> "plot " + pick("loss", "loss", "accuracy", "bogus") + (chance(0.4) ? " " + file("svg") : "");
            case GRADCHECK -> "gradcheck" + (chance(0.4) ? " " + pick("eps=1e-6", "h=1e-5", "tolerance=1e-4", "bogus", "eps=0", "eps=-1") : "");
            case SAVE -> "save " + file(pick("nn", "nn", "txt"));
            case RUN -> "run " + (chance(0.05) ? "\"nul\u0000in.nn\"" : box.script(r));
            case RESET -> "reset";
            case HELP -> "help" + (chance(0.8) ? " " + pick("layer", "names", "activations", "losses", "values", "train", "lyer", "save", "expect", "nonsense", "quit") : "");
            case EXIT -> pick("exit", "quit");
            case INSPECT -> ref(net);
        };
    }

    // ---- pieces ----

    private String layer(Network net) {
        String act = pick("linear", "relu", "leaky_relu", "sigmoid", "tanh", "softmax", "relu", "sigmoid", "relu6", "Relu");
        int in = net.isEmpty() ? 1 + r.nextInt(4) : chance(0.85) ? net.outputSize() : r.nextInt(6);
        String shape = in + pick("->", "→", " -> ") + (1 + r.nextInt(4));
        if (chance(0.03)) shape = pick("200000->200000", "2000->3", "3->999999999", "99999->99999", "0->3", "3->0", "1234567890->2");
        String s = "layer " + act + " " + shape;
        if (chance(0.3)) s += " as " + pick("h", "h2", "out", "hidden", "x", "W0", "E", "o", "net", "z1", "lr");
        if (chance(0.15)) s += " " + pick("slope=0.1", "slope=-2", "slope=x", "bias=false", "slope");
        return s;
    }

    private String assignTarget(Network net) {
        if (chance(0.1)) return pick("lr", "μ", "eta", "η", "alpha");
        if (chance(0.1)) return pick("x", "y", "input", "target", "x[0]", "y[0]", "x[7]");
        return ref(net);
    }

    /** A value for an assignment or expect: often shaped like something that exists. */
    String valueFor(State st) {
        Network net = st.net;
        if (net.isEmpty() || chance(0.2)) return chance(0.5) ? scalar() : vector(1 + r.nextInt(4));
        Layer l = net.layer(r.nextInt(net.depth()));
        return switch (r.nextInt(4)) {
            case 0 -> matrix(chance(0.8) ? l.out : 1 + r.nextInt(3), chance(0.8) ? l.in : 1 + r.nextInt(3));
            case 1 -> vector(chance(0.8) ? l.out : 1 + r.nextInt(4));
            case 2 -> vector(shapeOr(net.inputSize()));
            default -> scalar();
        };
    }

    private int shapeOr(int n) { return chance(0.85) ? n : 1 + r.nextInt(5); }

    String scalar() {
        if (chance(0.08)) {
            return pick("1e308", "-1e308", "1e300", "1e-320", "1e-400", "0", "-0", "1e200", "4.9e-324", "7/10", "−0.5", "1/3",
                    "1/0", "1e400", "123456789012345678901234567890", ".5", "5.", "+2", "− 3", "2/−4", "0/0",
                    // issue 20: exponents beyond an int, fractions that overflow, words in brackets
                    "1e-99999999999", "0e2147483648", "99e-2147483647", "0e-2147483648", "1e308/1e-308", "-1e300/1e-300", "NaN", "inf");
        }
        double v = Math.round((r.nextDouble() * 4 - 2) * 1000) / 1000.0;
        return chance(0.1) ? String.valueOf(v).replace('-', '\u2212') : String.valueOf(v);
    }

    String vector(int n) {
        List<String> xs = new ArrayList<>();
        for (int i = 0; i < n; i++) xs.add(scalar());
        return switch (r.nextInt(5)) {
            case 0 -> "[" + String.join(" ", xs) + "]";
            case 1 -> "[" + String.join("; ", xs) + "]";
            case 2 -> n == 1 && chance(0.5) ? xs.get(0) : "[" + String.join(", ", xs) + "]";
            default -> "[" + String.join(", ", xs) + (chance(0.1) ? "," : "") + "]";
        };
    }

    String matrix(int rows, int cols) {
        List<List<String>> m = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            List<String> row = new ArrayList<>();
            for (int j = 0; j < cols; j++) row.add(scalar());
            m.add(row);
        }
        StringBuilder b = new StringBuilder();
        switch (r.nextInt(4)) {
            case 0 -> {
                b.append('[');
                for (int i = 0; i < rows; i++) b.append(i > 0 ? ", " : "").append('[').append(String.join(", ", m.get(i))).append(']');
                b.append(']');
            }
            case 1 -> {
                b.append('[');
                for (int i = 0; i < rows; i++) b.append(i > 0 ? "; " : "").append(String.join(" ", m.get(i)));
                b.append(']');
            }
            case 2 -> {
                b.append("\\begin{bmatrix} ");
                for (int i = 0; i < rows; i++) b.append(i > 0 ? " \\\\ " : "").append(String.join(" & ", m.get(i)));
                b.append(" \\end{bmatrix}");
            }
            default -> {
                // MATLAB rows on separate lines, the way one pastes a matrix
                b.append('[');
                for (int i = 0; i < rows; i++) b.append(i > 0 ? "\n " : "").append(String.join(" ", m.get(i)));
                b.append(']');
            }
        }
        return b.toString();
    }

    /** A name: usually one the network knows, sometimes a misspelling, an out-of-range index or an odd gradient. */
    String ref(Network net) {
        List<String> names = Names.all(net);
        if (chance(0.75) && !names.isEmpty()) {
            String n = pick(names);
            if (chance(0.2) && !n.contains("[")) n += chance(0.5) ? "[" + r.nextInt(4) + "]" : "[" + r.nextInt(3) + "," + r.nextInt(4) + "]";
            return n;
        }
        return pick("net", "lr", "q", "W9", "w999", "dE/dE", "dE/dy", "do/dx", "dx/dy", "∂E/∂w_{100}", "h_{pre,0}", "W0[0,0]", "x[99]",
                "b0[0]", "E[0]", "dE/dW0[0,0]", "w_{1,0,0}", "W_hid", "W_out", "b_out", "o_pre", "dE/dx", "dE/do_pre", "z0", "a0",
                "W0[1]", "h[0,0]", "dh/dh_pre", "dE/dnet", "μ");
    }

    private String refs(Network net, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(ref(net));
        return String.join(" ", out);
    }

    private String paramRefs(Network net) {
        List<String> out = new ArrayList<>();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            out.add(net.isEmpty() || chance(0.2) ? pick("W0", "b0", "x", "h", "W7", "w100", "E")
                    : pick("W", "b") + r.nextInt(net.depth() + 1));
        }
        return String.join(" ", out);
    }

    private String lrOptions() {
        if (chance(0.2)) return "";
        String lr = pick("0.1", "0.5", "1", "1e-3", "0", "-0.1", "1e308", "1e300", "x", "\"fast\"");
        String key = pick("lr", "lr", "μ", "eta", "rate");
        return " " + key + "=" + lr + (chance(0.1) ? " momentum=0.9" : "");
    }

    private String trainOptions() {
        StringBuilder b = new StringBuilder();
        if (chance(0.9)) b.append(" epochs=").append(pick("1", "2", "5", "10", "0", "-1", "2.5", "x"));
        if (chance(0.8)) b.append(" lr=").append(pick("0.1", "0.5", "1e-3", "0", "-1", "1e300"));
        if (chance(0.4)) b.append(" batch=").append(pick("1", "2", "4", "0", "100"));
        if (chance(0.4)) b.append(" optimizer=").append(pick("sgd", "momentum", "adam", "rmsprop"));
        if (chance(0.2)) b.append(" ").append(pick("shuffle=true", "shuffle=false", "seed=1", "verbose", "bogus=1", "patience=2"));
        if (chance(0.25)) b.append(" ").append(pick("test=d", "test=xor", "test=e", "test=nothere", "test", "test=1"));
        return b.toString();
    }

    private String dataSource(Network net) {
        int in = net.isEmpty() ? 2 : shapeOr(net.inputSize());
        int out = net.isEmpty() ? 1 : shapeOr(net.outputSize());
        switch (r.nextInt(4)) {
            case 0, 1 -> {
                List<String> pairs = new ArrayList<>();
                int n = 1 + r.nextInt(4);
                for (int i = 0; i < n; i++) pairs.add(vector(chance(0.9) ? in : 1 + r.nextInt(3)) + " -> " + vector(chance(0.9) ? out : 1 + r.nextInt(3)));
                return "[" + String.join(pick(", ", " ", ",\n "), pairs) + "]";
            }
            case 2 -> {
                return "csv " + box.dataFile(r) + (chance(0.5) ? " " + pick("target=label", "target=y", "target=nothere", "onehot", "target=label onehot", "header=false") : "");
            }
            default -> {
                String rows = pick("4", "8", "1", "0", "-3", "1000000000000", "20");
                return "random(" + pick("rows=" + rows + ", inputs=" + in + ", classes=" + Math.max(out, 2) + ", seed=" + r.nextInt(5),
                        "rows=" + rows + ", inputs=" + in + ", outputs=" + out, "", "4, 2, 2", "rows=4, bogus=1", "rows=100000000, inputs=100000000") + ")";
            }
        }
    }

    private String file(String ext) {
        if (chance(0.04)) return "\"nul\u0000in." + ext + "\""; // not a valid file name anywhere
        return "\"" + box.dir().resolve(pick("out", "net", "pic", "deep/missing/x") + "." + ext) + "\"";
    }

    /** Where generated statements may read and write. */
    interface Sandbox {
        Path dir();

        /** A quoted script path: a good script, one that runs itself, a chain, an empty file, garbage, a folder, a missing file. */
        String script(Random r);

        /** A quoted data file path. */
        String dataFile(Random r);
    }
}
