package nn.session;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nn.core.Layer;
import nn.core.Network;
import nn.lang.NnError;
import nn.lang.Ref;
import nn.lang.Suggest;

/**
 * The vocabulary of values, in the reference's notation: x, y, W0, b1, w100, b10, z0/h_pre, a0/h, o_pre, o, E,
 * elements h[0] and W0[1,2], gradients dE/dNAME and local derivatives do/do_pre. Turns a {@link Ref} into a
 * {@link Binding} for the current network, and lists every valid name (for suggestions and completion).
 */
public final class Names {
    private Names() { }

    private static final Pattern LAYER_PARAM = Pattern.compile("([Wb])_?(\\d{1,6})");
    private static final Pattern W_ELEMENT = Pattern.compile("w_?(\\d)(\\d)(\\d)|w_(\\d{1,6}),(\\d{1,6}),(\\d{1,6})");
    private static final Pattern B_ELEMENT = Pattern.compile("b_?(\\d)(\\d)|b_(\\d{1,6}),(\\d{1,6})");
    private static final Pattern NUMBERED = Pattern.compile("([za])_?(\\d{1,6})");
    private static final Pattern SUBSCRIPT = Pattern.compile("(.+?)_?,?(\\d{1,6})");

    /** True for the names of the learning rate ({@code lr}, {@code μ}, ...), which are settings, not values of the network. */
    public static boolean isLearningRate(String name) { return ModelCommands.LEARNING_RATE.contains(name); }

    public static Binding resolve(Ref ref, Network net) { return resolve(ref, net, java.util.Set.of()); }

    /** A name in a session: the network's names, the learning rate aside, then the user's own ({@code user}). */
    public static Binding resolve(Ref ref, State st) { return resolve(ref, st.net, userNames(st)); }

    /**
     * The user's names, values first, then expressions: a live view of the two maps, not a copy. Every name an
     * expression reads is resolved against it, so a copy made each time cost O(names) per reference, and
     * re-evaluating a graph of n definitions O(n²) (a chain of 2500 definitions took minutes).
     */
    static java.util.Set<String> userNames(State st) { return new UserNames(st.values, st.definitions); }

    private static final class UserNames extends java.util.AbstractSet<String> {
        private final java.util.Map<String, ?> values;
        private final java.util.Map<String, ?> definitions;

        UserNames(java.util.Map<String, ?> values, java.util.Map<String, ?> definitions) {
            this.values = values;
            this.definitions = definitions;
        }

        @Override public boolean contains(Object o) { return values.containsKey(o) || definitions.containsKey(o); }

        @Override public boolean isEmpty() { return values.isEmpty() && definitions.isEmpty(); }

        @Override public int size() {
            int n = values.size();
            for (String d : definitions.keySet()) if (!values.containsKey(d)) n++;
            return n;
        }

        @Override public java.util.Iterator<String> iterator() {
            java.util.List<String> all = new ArrayList<>(values.keySet());
            for (String d : definitions.keySet()) if (!values.containsKey(d)) all.add(d);
            return java.util.Collections.unmodifiableList(all).iterator();
        }
    }

    static Binding resolve(Ref ref, Network net, java.util.Set<String> user) {
        Binding b = resolveName(ref, ref.name(), net, user);
        if (ref.indexed()) b = index(ref, b, net);
        if (b.kind() == Binding.Kind.BIASES && !net.layer(b.layer()).hasBias()) {
            throw new NnError(ref.pos(), "layer " + b.layer() + " has no biases (it was made with bias=false)", "its parameters are W" + b.layer() + " only");
        }
        return b;
    }

    private static Binding resolveName(Ref ref, String name, Network net, java.util.Set<String> user) {
        int slash = name.indexOf('/');
        if (slash > 0) return derivative(ref, name.substring(0, slash), name.substring(slash + 1), net, user);
        Binding b = plain(name, net, user);
        if (b != null) return b;
        throw unknown(ref, name, net, user);
    }

    /** Names the network claims, which the user's values may not take: x, y, E, its layers' names and parameters. */
    public static boolean isUserName(String name, State st) {
        if (name.indexOf('/') >= 0) return false;
        if (Names.plain(name, st.net) != null) return false;
        if (ModelCommands.RESERVED.contains(name) || name.equals("accuracy") || name.equals("net")) return false;
        // without layers, w0, b1 and the like are simply the user's (a circuit's weights); with layers, the network's
        return st.net.isEmpty() || !name.matches("[Wb]_?\\d+|[wb]_?\\d{2,3}|[wb]_\\d+(,\\d+)+|[za]_?\\d+|W_\\w+|b_\\w+");
    }

    /** The optimizer's state as written: m_W0, v_W0, mhat_W0, vhat_W0 (also m̂_W0, v̂_W0), for any parameter or value. */
    private static final Pattern OPTIMIZER_STATE = Pattern.compile("(m|v|mhat|vhat|m\u0302|v\u0302)_(.+)");

    /** Numbers statements print, by name: the last epoch's loss, evaluate's per data set, the loss of each example and output. */
    private static final Pattern RECORDED = Pattern.compile("train_loss|test_loss|(loss|accuracy)_[A-Za-z_][A-Za-z0-9_]*|E_row|E_o");

    /** A name of the network or of the user's, or null. */
    static Binding plain(String name, Network net, java.util.Set<String> user) {
        if (user.contains(name)) return Binding.user(name, -1, -1, name);
        Binding b = plain(name, net);
        if (b != null) return b;
        Matcher m = OPTIMIZER_STATE.matcher(name);
        if (m.matches()) {
            String state = m.group(1).replace("m\u0302", "mhat").replace("v\u0302", "vhat");
            Binding p = plain(m.group(2), net, user);
            if (p != null && p.kind() == Binding.Kind.USER) return Binding.optimizer(state, p.user(), -1, name);
            if (p != null && p.parameter() && !p.element()) return Binding.optimizer(state, p.node(net), p.layer(), state + "_" + p.node(net));
            if (p != null && p.parameter()) return new Binding(Binding.Kind.OPTIMIZER, p.layer(), p.i(), p.j(), false, name, state, p.node(net));
        }
        if (RECORDED.matcher(name).matches()) return Binding.record(name);
        m = Pattern.compile("(E_o|E_row)_?(\\d{1,6})").matcher(name);
        if (m.matches()) return new Binding(Binding.Kind.RECORD, -1, subscript(m.group(2)), -1, false, name, m.group(1), null);
        return null;
    }

    private static Binding derivative(Ref ref, String num, String den, Network net, java.util.Set<String> user) {
        if (!num.startsWith("d") || !den.startsWith("d") || den.length() < 2) {
            throw new NnError(ref.pos(), "'" + ref.text() + "' is not a derivative name", "gradients are written dE/dNAME, e.g. dE/dw100");
        }
        String of = num.substring(1);
        String wrt = den.substring(1);
        Binding target = plain(wrt, net, user);
        if (target == null) throw unknown(ref, wrt, net, user);
        if (target.kind() == Binding.Kind.LOCAL) throw new NnError(ref.pos(), "d" + of + "/d of a derivative is not defined", null);
        if (target.kind() == Binding.Kind.ACCURACY) {
            throw new NnError(ref.pos(), "accuracy has no gradient: it counts right answers, which do not change smoothly", "gradients exist for parameters, activations, pre-activations and x");
        }
        if (of.equals("E") || of.equals("L") || of.equals("loss")) {
            if (target.kind() == Binding.Kind.LOSS) throw new NnError(ref.pos(), "dE/dE is 1 by definition", null);
            if (target.kind() == Binding.Kind.TARGET) {
                throw new NnError(ref.pos(), "nn does not differentiate E with respect to the target y: it is data",
                        "gradients exist for parameters, activations, pre-activations, x and your own values");
            }
            return target.asGradient("dE/d" + target.label());
        }
        Binding top = plain(of, net, user);
        if (top != null && top.kind() == Binding.Kind.ACT && target.kind() == Binding.Kind.PRE && top.layer() == target.layer()) {
            if (top.element() != target.element() || top.i() != target.i()) {
                throw new NnError(ref.pos(), "local derivatives are elementwise: write d" + top.label() + "/d" + target.label() + " for matching elements", null);
            }
            return new Binding(Binding.Kind.LOCAL, top.layer(), top.i(), -1, false, "d" + top.label() + "/d" + target.label());
        }
        if (top == null) throw unknown(ref, of, net, user);
        if (top.kind() == Binding.Kind.ACCURACY || top.kind() == Binding.Kind.LOCAL) {
            throw new NnError(ref.pos(), "unknown derivative '" + ref.text() + "'", "gradients are written dROOT/dNAME: the root is what `backward ROOT` differentiated");
        }
        return target.gradientOf(top.label(), "d" + top.label() + "/d" + target.label());
    }

    private static String localExample(Network net) {
        if (net.isEmpty()) return "do/do_pre";
        int k = net.depth() - 1;
        return "d" + actName(net, k) + "/d" + preName(net, k);
    }

    /** A name without index or derivative, or null if it is not one. */
    static Binding plain(String n, Network net) {
        int L = net.depth();
        switch (n) {
            case "x", "input" -> { return new Binding(Binding.Kind.INPUT, -1, -1, -1, false, "x"); }
            case "y", "target" -> { return new Binding(Binding.Kind.TARGET, -1, -1, -1, false, "y"); }
            case "E" -> { return new Binding(Binding.Kind.LOSS, -1, -1, -1, false, "E"); }
            // `loss` is E (the reference writes loss = E), or what evaluate printed last as `loss`
            case "loss" -> { return new Binding(Binding.Kind.LOSS, -1, -1, -1, false, "E", "loss", null); }
            case "accuracy" -> { return new Binding(Binding.Kind.ACCURACY, -1, -1, -1, false, "accuracy"); }
            default -> { }
        }
        if (L == 0) return null;
        for (int k = 0; k < L; k++) {
            String alias = net.layer(k).name;
            if (alias == null) continue;
            if (n.equals(alias)) return act(net, k);
            if (n.equals(alias + "_pre")) return pre(net, k);
            if (n.equals("W_" + alias)) return param(net, k, true);
            if (n.equals("b_" + alias)) return param(net, k, false);
        }
        // the reference's names, unless a layer took them: o and o_pre for the output layer, and with one hidden
        // layer h and h_pre for it (a reader of the reference writes them without `as o` / `as h`)
        if (!named(net, "o") && n.equals("o")) return act(net, L - 1);
        if (!named(net, "o") && n.equals("o_pre")) return pre(net, L - 1);
        if (L == 2 && net.layer(0).name == null && !named(net, "h") && n.equals("h")) return act(net, 0);
        if (L == 2 && net.layer(0).name == null && !named(net, "h") && n.equals("h_pre")) return pre(net, 0);
        if ((n.equals("W_out") || n.equals("b_out"))) return param(net, L - 1, n.startsWith("W"));
        if (L == 2 && (n.equals("W_hid") || n.equals("b_hid"))) return param(net, 0, n.startsWith("W"));
        Matcher m = LAYER_PARAM.matcher(n);
        if (m.matches() && (n.charAt(0) == 'W' || m.group(2).length() == 1 || L > 9)) {
            int k = subscript(m.group(2));
            if (k < L) return param(net, k, n.charAt(0) == 'W');
        }
        m = W_ELEMENT.matcher(n);
        if (m.matches()) {
            int base = m.group(1) != null ? 1 : 4;
            return element(net, true, subscript(m.group(base)), subscript(m.group(base + 1)), subscript(m.group(base + 2)));
        }
        m = B_ELEMENT.matcher(n);
        if (m.matches()) {
            int base = m.group(1) != null ? 1 : 3;
            return element(net, false, subscript(m.group(base)), subscript(m.group(base + 1)), -1);
        }
        m = NUMBERED.matcher(n);
        if (m.matches()) {
            int k = subscript(m.group(2));
            if (k < L) return m.group(1).equals("z") ? pre(net, k) : act(net, k);
        }
        // subscripted elements as printed: h_0, x_0, h_pre,0 (from h_{pre,0}), o_0
        m = SUBSCRIPT.matcher(n);
        if (m.matches()) {
            Binding whole = plain(m.group(1), net);
            if (whole != null && !whole.element() && (whole.kind() == Binding.Kind.ACT || whole.kind() == Binding.Kind.PRE
                    || whole.kind() == Binding.Kind.INPUT || whole.kind() == Binding.Kind.TARGET || whole.kind() == Binding.Kind.BIASES)) {
                int i = subscript(m.group(2));
                if (i < length(whole, net)) return new Binding(whole.kind(), whole.layer(), i, -1, false, whole.label() + "[" + i + "]");
            }
        }
        return null;
    }

    /** A layer or element number from a name (h_099999999999 too): past int range it is simply out of range. */
    private static int subscript(String digits) {
        String d = digits.replaceFirst("^0+(?=\\d)", "");
        return d.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(d);
    }

    private static boolean named(Network net, String name) {
        for (Layer l : net.layers()) if (name.equals(l.name)) return true;
        return false;
    }

    private static Binding element(Network net, boolean weight, int k, int i, int j) {
        if (k >= net.depth()) return null;
        Layer l = net.layer(k);
        if (i >= l.out || (weight && j >= l.in)) return null;
        String label = weight ? "w" + k + i + j : "b" + k + i;
        if (k > 9 || i > 9 || j > 9) label = weight ? "W" + k + "[" + i + "," + j + "]" : "b" + k + "[" + i + "]";
        return new Binding(weight ? Binding.Kind.WEIGHTS : Binding.Kind.BIASES, k, i, weight ? j : -1, false, label);
    }

    static String actName(Network net, int k) { return net.actName(k); }

    static String preName(Network net, int k) { return net.preName(k); }

    private static Binding act(Network net, int k) { return new Binding(Binding.Kind.ACT, k, -1, -1, false, actName(net, k)); }

    private static Binding pre(Network net, int k) { return new Binding(Binding.Kind.PRE, k, -1, -1, false, preName(net, k)); }

    private static Binding param(Network net, int k, boolean weights) {
        return new Binding(weights ? Binding.Kind.WEIGHTS : Binding.Kind.BIASES, k, -1, -1, false, (weights ? "W" : "b") + k);
    }

    /** The length of a vector-valued binding (for element checks); 0 when unknown. */
    private static int length(Binding b, Network net) {
        return switch (b.kind()) {
            case INPUT -> net.inputSize();
            case TARGET -> net.outputSize();
            case ACT, PRE, BIASES -> net.layer(b.layer()).out;
            default -> 0;
        };
    }

    private static Binding index(Ref ref, Binding b, Network net) {
        if (b.element()) throw new NnError(ref.pos(), b.label() + " is already one number; it takes no index", null);
        List<Integer> ix = ref.index();
        String base = b.gradient() ? b.label() : b.label();
        if (b.kind() == Binding.Kind.WEIGHTS) {
            Layer l = net.layer(b.layer());
            if (ix.size() != 2) {
                throw new NnError(ref.pos(), "W" + b.layer() + " is a " + l.out + "×" + l.in + " matrix: it takes two indices", "e.g. W" + b.layer() + "[0,1] (row = neuron, column = input)");
            }
            checkRange(ref, ix.get(0), l.out, "row", base);
            checkRange(ref, ix.get(1), l.in, "column", base);
            Binding e = element(net, true, b.layer(), ix.get(0), ix.get(1));
            return b.gradient() ? e.asGradient("dE/d" + e.label()) : e;
        }
        if (b.kind() == Binding.Kind.USER) {
            if (ix.size() > 2) throw new NnError(ref.pos(), b.label() + " takes at most two indices: [i] or [row, column]", null);
            String label = b.label() + "[" + ix.get(0) + (ix.size() > 1 ? "," + ix.get(1) : "") + "]";
            Binding e = Binding.user(b.user(), ix.get(0), ix.size() > 1 ? ix.get(1) : -1, label);
            return b.gradient() ? e.gradientOf(b.root(), "d" + b.root() + "/d" + label) : e;
        }
        if (b.kind() == Binding.Kind.LOSS) throw new NnError(ref.pos(), "E is a scalar; it takes no index", null);
        boolean rows = b.kind() == Binding.Kind.PRE || b.kind() == Binding.Kind.ACT || b.kind() == Binding.Kind.INPUT || b.kind() == Binding.Kind.TARGET;
        if (ix.size() == 2 && rows) {
            // a batch: [row, column] (checked against the pass, whose rows the name does not know)
            String label = b.label() + "[" + ix.get(0) + "," + ix.get(1) + "]";
            return new Binding(b.kind(), b.layer(), ix.get(0), ix.get(1), b.gradient(), label, b.user(), b.of());
        }
        if (ix.size() != 1) throw new NnError(ref.pos(), b.label() + " is a vector: it takes one index", "e.g. " + b.label() + "[0]");
        // x, y, h and the like may hold a batch, whose row an index then is: their range is checked against the value
        int n = b.kind() == Binding.Kind.LOCAL || b.kind() == Binding.Kind.BIASES ? net.layer(b.layer()).out : 0;
        if (n > 0) checkRange(ref, ix.get(0), n, "index", base);
        int i = ix.get(0);
        String label = b.label() + "[" + i + "]";
        if (b.kind() == Binding.Kind.BIASES && !b.gradient()) return element(net, false, b.layer(), i, -1);
        return new Binding(b.kind(), b.layer(), i, -1, b.gradient(), label, b.user(), b.of());
    }

    private static void checkRange(Ref ref, int i, int n, String what, String name) {
        if (i >= n) {
            throw new NnError(ref.pos(), "index out of range: " + what + " " + i + " of " + name + ", which has " + n + " (0 to " + (n - 1) + ")", null);
        }
    }

    private static NnError unknown(Ref ref, String name, Network net, java.util.Set<String> user) {
        NnError range = outOfRange(ref, name, net);
        if (range != null) return range;
        List<String> all = new ArrayList<>(user);
        all.addAll(all(net));
        String hint = Suggest.hint(name, all);
        if (hint == null && net.isEmpty() && user.isEmpty()) hint = "the network has no layers yet: start with e.g. `layer relu 3->2`, or give a value of your own: `x = 2`";
        else if (hint == null) hint = "known names: " + String.join(", ", all.subList(0, Math.min(all.size(), 12))) + (all.size() > 12 ? ", ..." : "");
        return new NnError(ref.pos(), "unknown name '" + name + "'", hint);
    }

    /**
     * A parameter's name whose numbers are past the network (w999, b21, W5), said as such: which layer does not
     * exist, or which neurons and inputs the layer has, with the names that do exist. Null for any other name.
     */
    private static NnError outOfRange(Ref ref, String name, Network net) {
        int L = net.depth();
        if (L == 0) return null;
        String layers = L == 1 ? "the network has one layer, layer 0" : L == 2 ? "the network has layers 0 and 1" : "the network has layers 0 to " + (L - 1);
        Matcher m = W_ELEMENT.matcher(name);
        if (m.matches()) {
            int base = m.group(1) != null ? 1 : 4;
            int k = subscript(m.group(base)), i = subscript(m.group(base + 1)), j = subscript(m.group(base + 2));
            if (k >= L) return new NnError(ref.pos(), "there is no " + name + ": there is no layer " + k, layers + "; w_kij is the weight of layer k from input j to neuron i");
            Layer l = net.layer(k);
            return new NnError(ref.pos(), "there is no " + name + ": layer " + k + " has " + count(l.out, "neuron") + " and " + count(l.in, "input"),
                    "its weights are " + elementName(true, k, 0, 0) + " to " + elementName(true, k, l.out - 1, l.in - 1) + " (w_kij: neuron i, input j)");
        }
        m = B_ELEMENT.matcher(name);
        if (m.matches()) {
            int base = m.group(1) != null ? 1 : 3;
            int k = subscript(m.group(base)), i = subscript(m.group(base + 1));
            if (k >= L) return new NnError(ref.pos(), "there is no " + name + ": there is no layer " + k, layers + "; b_ki is the bias of neuron i of layer k");
            Layer l = net.layer(k);
            return new NnError(ref.pos(), "there is no " + name + ": layer " + k + " has " + count(l.out, "neuron"),
                    l.out == 1 ? "its bias is " + elementName(false, k, 0, -1)
                            : "its biases are " + elementName(false, k, 0, -1) + " to " + elementName(false, k, l.out - 1, -1));
        }
        m = LAYER_PARAM.matcher(name);
        if (m.matches() && subscript(m.group(2)) >= L) {
            return new NnError(ref.pos(), "there is no " + name + ": there is no layer " + subscript(m.group(2)), layers);
        }
        return null;
    }

    private static String count(int n, String what) { return n + " " + what + (n == 1 ? "" : "s"); }

    /** w100 as the reference writes it, or w_10,0,0 when a number has more than one digit. */
    private static String elementName(boolean weight, int k, int i, int j) {
        boolean compact = k < 10 && i < 10 && j < 10;
        String sep = compact ? "" : ",";
        return (weight ? "w" : "b") + (compact ? "" : "_") + k + sep + i + (weight ? sep + j : "");
    }

    /** Every name valid in this network, whole values first, then elements and gradients (for completion). */
    /** Every name valid in this session: the user's own first, then the network's. */
    public static List<String> all(State st) {
        List<String> out = new ArrayList<>(userNames(st));
        out.addAll(all(st.net));
        if (st.backward != null && !Values.rootName(st.backward).equals("E")) {
            String r = Values.rootName(st.backward);
            for (String n : st.backward.graph().names().keySet()) if (!n.equals(r)) out.add("d" + r + "/d" + n);
        }
        if (st.optimizer != null) {
            // the optimizer's state by name: m_W0, v_W0 and Adam's bias-corrected mhat_W0, vhat_W0
            List<String> kinds = new ArrayList<>(st.optimizer.optimizer().stateNames());
            if (st.optimizer.settings().name().equals("adam")) kinds.addAll(List.of("mhat", "vhat"));
            for (String slot : st.optimizer.slots()) for (String k : kinds) out.add(k + "_" + slot);
        }
        return out;
    }

    public static List<String> all(Network net) {
        Set<String> out = new LinkedHashSet<>(List.of("x", "y", "E"));
        List<String> elements = new ArrayList<>();
        for (int k = 0; k < net.depth(); k++) {
            Layer l = net.layer(k);
            out.add("W" + k);
            out.add("b" + k);
            if (l.name != null) {
                out.add("W_" + l.name);
                out.add("b_" + l.name);
            }
            out.add(preName(net, k));
            out.add(actName(net, k));
            if (k < 10 && l.out <= 10 && l.in <= 10) {
                for (int i = 0; i < l.out; i++) {
                    for (int j = 0; j < l.in; j++) elements.add("w" + k + i + j);
                    elements.add("b" + k + i);
                }
            }
        }
        if (net.depth() == 2) out.addAll(List.of("W_hid", "b_hid"));
        if (!net.isEmpty()) out.addAll(List.of("W_out", "b_out"));
        List<String> result = new ArrayList<>(out);
        result.addAll(elements);
        List<String> grads = new ArrayList<>();
        for (String s : result) if (!s.equals("E") && !s.equals("y")) grads.add("dE/d" + s);
        result.addAll(grads);
        for (int k = 0; k < net.depth(); k++) {
            if (net.layer(k).activation.elementwise()) result.add("d" + actName(net, k) + "/d" + preName(net, k));
        }
        result.add("accuracy");
        return result;
    }
}
