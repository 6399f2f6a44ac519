package nn.explain;

import java.util.List;
import nn.core.Network;

/**
 * The names of one network's quantities, as nn reads them back (h0, h_pre0, o, w100, b10, x0) and as a document
 * prints them (h_{0}, h_{\text{pre},0}, w_{100}). The interpreter passes in its layer names (an alias such as h, or
 * a0/z0, o/o_pre), so this package does not depend on it.
 */
public final class Vocabulary {
    public static final Expr.Sym E = new Expr.Sym("E", "E");
    public static final Expr.Sym MU = new Expr.Sym("μ", "\\mu");

    private final Network net;
    private final List<String> act;
    private final List<String> pre;

    public Vocabulary(Network net, List<String> actNames, List<String> preNames) {
        this.net = net;
        this.act = List.copyOf(actNames);
        this.pre = List.copyOf(preNames);
    }

    public Network net() { return net; }

    public String actName(int k) { return act.get(k); }

    public String preName(int k) { return pre.get(k); }

    /** Layer k's activation: whole (i &lt; 0) or neuron i. */
    public Expr.Sym act(int k, int i) { return named(act.get(k), net.layer(k).out, i); }

    /** Layer k's pre-activation: whole (i &lt; 0) or neuron i. */
    public Expr.Sym pre(int k, int i) { return named(pre.get(k), net.layer(k).out, i); }

    public Expr.Sym x(int j) { return named("x", net.inputSize(), j); }

    public Expr.Sym y(int i) { return named("y", net.outputSize(), i); }

    /** What feeds layer k: x for the first layer, the previous layer's activation otherwise. */
    public Expr.Sym in(int k, int j) { return k == 0 ? x(j) : act(k - 1, j); }

    public Expr.Sym weight(int k, int i, int j) {
        if (k > 9 || i > 9 || j > 9) return new Expr.Sym("W" + k + "[" + i + "," + j + "]", "w_{" + k + "," + i + "," + j + "}");
        return new Expr.Sym("w" + k + i + j, "w_{" + k + i + j + "}");
    }

    public Expr.Sym bias(int k, int i) {
        if (k < net.depth() && net.layer(k).bias == nn.core.Layer.Bias.SHARED) return biases(k); // one bias for every neuron
        if (k > 9 || i > 9) return new Expr.Sym("b" + k + "[" + i + "]", "b_{" + k + "," + i + "}");
        return new Expr.Sym("b" + k + i, "b_{" + k + i + "}");
    }

    public Expr.Sym weights(int k) { return new Expr.Sym("W" + k, "W_{" + k + "}"); }

    public Expr.Sym biases(int k) { return new Expr.Sym("b" + k, "b_{" + k + "}"); }

    /**
     * name + element, typed the way nn's names accept it: h0, h_pre0, o (one neuron: no index), a0[1] (a name ending
     * in a digit takes brackets). Printed with a subscript: h_{0}, h_{\text{pre},0}, a_{0,1}.
     */
    static Expr.Sym named(String name, int width, int i) {
        String[] tex = texParts(name);
        if (i < 0 || width == 1) return new Expr.Sym(name, tex[1] == null ? tex[0] : tex[0] + "_{" + tex[1] + "}");
        boolean brackets = Character.isDigit(name.charAt(name.length() - 1)) || name.matches("[wbza]");
        String text = brackets ? name + "[" + i + "]" : name + i;
        return new Expr.Sym(text, tex[0] + "_{" + (tex[1] == null ? "" : tex[1] + ",") + i + "}");
    }

    /** A name as LaTeX prints it: q → q, x0 → x_{0}, h_pre → h_{\text{pre}}. */
    static String tex(String name) {
        String[] t = texParts(name);
        return t[1] == null ? t[0] : t[0] + "_{" + t[1] + "}";
    }

    /** {base, subscript or null}: h_pre → {h, \text{pre}}; a0 → {a, 0}; hidden → {\mathrm{hidden}, null}. */
    static String[] texParts(String name) {
        if (name.endsWith("_pre") && name.length() > 4) return new String[] {texWord(name.substring(0, name.length() - 4)), "\\text{pre}"};
        int d = name.length();
        while (d > 0 && Character.isDigit(name.charAt(d - 1))) d--;
        if (d > 0 && d < name.length()) return new String[] {texWord(name.substring(0, d)), name.substring(d)};
        return new String[] {texWord(name), null};
    }

    private static String texWord(String w) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            String greek = Greek.tex(c);
            if (greek != null) b.append(greek).append(' ');
            else if (c == '_') b.append("\\_");
            else if (c < 128) b.append(c);
            else b.append('?');
        }
        String s = b.toString().strip();
        return w.length() == 1 || Greek.tex(w.charAt(0)) != null && w.length() == 1 ? s : "\\mathrm{" + s + "}";
    }

    /** Greek letters a layer may be named with. */
    static final class Greek {
        private static final String LETTERS = "αβγδεζηθικλμνξπρστυφχψω";
        private static final String[] NAMES = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
            "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega"};

        static String tex(char c) {
            int i = LETTERS.indexOf(c);
            return i < 0 ? null : "\\" + NAMES[i];
        }
    }
}
