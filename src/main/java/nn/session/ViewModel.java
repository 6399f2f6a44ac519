package nn.session;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import nn.explain.Part;
import nn.lang.Source;

/**
 * The session as a live view shows it, at one moment: its pictures (the ones `draw` makes), its loss curve, and the
 * derivations a click asks for. It holds the state a statement committed, which the session never changes again
 * (a statement that changes anything works on a copy), so a view may read it from its own threads; everything here
 * is made by running the statements the user could type (`draw`, `explain`) in a throwaway session on a copy of
 * that state: nothing is recomputed differently, and the real session is never touched.
 */
public final class ViewModel {
    private final State state;
    private final long version;
    private final String statement;
    private final int epoch;
    private final int epochs;

    ViewModel(State state, long version, String statement) { this(state, version, statement, 0, 0); }

    ViewModel(State state, long version, String statement, int epoch, int epochs) {
        this.state = state;
        this.version = version;
        this.statement = statement;
        this.epoch = epoch;
        this.epochs = epochs;
    }

    /** While `train` runs: {epoch, epochs} of the weights shown; null once a statement has committed. */
    public int[] training() { return epochs == 0 ? null : new int[] {epoch, epochs}; }

    /** Counts up with every change the view is told of. */
    public long version() { return version; }

    /** The keyword of the statement that made this state ("step"), or "undone" when a notebook cell was undone. */
    public String statement() { return statement; }

    /** Decimals the session shows numbers with. */
    public int precision() { return state.precision; }

    /** A picture: what it shows, its SVG (elements with class and data-name, as `draw "f.svg"` writes them). */
    public record Picture(String title, String svg) { }

    /** The pictures `draw` would show now: the network with its values, and with its gradients once there are any; or the graph. */
    public List<Picture> pictures() {
        List<Picture> out = new ArrayList<>();
        boolean network = !state.net.isEmpty() && state.definitions.isEmpty() && state.values.isEmpty();
        if (network) {
            add(out, "weights and values", "draw");
            if (state.grads != null) add(out, "gradients", "draw gradients");
        } else if (!state.net.isEmpty() || !state.definitions.isEmpty() || !state.values.isEmpty()) {
            add(out, "computational graph", "draw graph");
        }
        return out;
    }

    private void add(List<Picture> out, String title, String statement) {
        for (Output o : run(statement)) {
            if (o instanceof Output.Drawing d && d.svg() != null) out.add(new Picture(title, d.svg().get()));
        }
    }

    /** The loss per epoch so far (epochs, then their losses); empty before any training. */
    public long[] curveEpochs() { return state.curve == null ? new long[0] : state.curve.epochs(); }

    public double[] curveLosses() { return state.curve == null ? new double[0] : state.curve.losses(); }

    /** The last loss, or NaN before any forward pass with a target. */
    public double loss() { return state.pass != null && state.pass.hasLoss() && !state.pass.batch() ? state.pass.E() : Double.NaN; }

    /** One derivation a click shows: the statement that wrote it, its math (or null), or why there is none. */
    public record Explained(String statement, Output.Math math, String problem) { }

    /** What a picture's element may be called: w100, h_pre0, dE/dw100, o, h[1], b10 (nothing that could end a statement). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\[[0-9]+(,[0-9]+)?\\])?|d[A-Za-z0-9_]*/d[A-Za-z][A-Za-z0-9_]*(\\[[0-9]+(,[0-9]+)?\\])?");
    private static final Pattern PARAMETER = Pattern.compile("[wb][0-9]+");

    /** True when {@code name} is one a click may ask about. */
    public static boolean clickable(String name) { return name != null && name.length() <= 64 && NAME.matcher(plain(name)).matches(); }

    /** A picture's name as typed: ∂E/∂w100 is dE/dw100. */
    public static String plain(String name) { return name.replace('\u2202', 'd'); }

    /**
     * The derivations of a clicked element: a gradient, and how the last update used it; a parameter, and its
     * gradient; a value, and its gradient. Each is `explain` as the user would type it.
     */
    public List<Explained> explain(String name) {
        if (!clickable(name)) throw new IllegalArgumentException("not a name: " + name);
        name = plain(name);
        List<String> statements = new ArrayList<>();
        statements.add("explain " + name);
        if (name.startsWith("dE/d")) {
            String p = name.substring(4);
            if (PARAMETER.matcher(p).matches() && state.lastUpdate != null) statements.add("explain update " + p);
        } else if (!name.startsWith("d")) {
            statements.add("explain dE/d" + name);
        }
        List<Explained> out = new ArrayList<>();
        for (String s : statements) {
            List<Output> outputs = run(s);
            Output.Math math = null;
            List<String> problems = new ArrayList<>();
            List<Part> extra = new ArrayList<>();
            for (Output o : outputs) {
                if (o instanceof Output.Math m) math = m;
                else if (o instanceof Output.Problem p) problems.add(p.diagnostic().message() + (p.diagnostic().hint() != null ? " (" + p.diagnostic().hint() + ")" : ""));
                else if (o instanceof Output.Info i) extra.add(Part.prose(i.text()));
                else if (o instanceof Output.Warning w) extra.add(Part.prose(w.text()));
            }
            if (math != null && !extra.isEmpty()) {
                List<Part> all = new ArrayList<>(extra);
                all.addAll(math.parts());
                math = new Output.Math(all, math.notation());
            }
            out.add(new Explained(s, math, problems.isEmpty() ? null : String.join("; ", problems)));
        }
        return out;
    }

    /** A statement's outputs in a throwaway session on a copy of this state. */
    private List<Output> run(String statement) {
        Session s = new Session();
        s.adopt(state.copy());
        List<Output> out = new ArrayList<>();
        Consumer<Output> sink = out::add;
        s.run(new Source("<view>", statement), sink, Session.Mode.SCRIPT);
        return out;
    }
}
