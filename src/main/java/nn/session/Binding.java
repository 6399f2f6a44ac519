package nn.session;

/**
 * What a name denotes in the current network: a parameter, the input or target, a layer's pre-activation or
 * activation, the loss, a local derivative, or the gradient of one of those; whole or one element; or the accuracy
 * on the data set last evaluated.
 * {@code layer} is the layer index (or -1), {@code i}/{@code j} the element (or -1 for the whole value).
 */
public record Binding(Kind kind, int layer, int i, int j, boolean gradient, String label, String user, String of) {

    /** USER: one of the user's own values or expressions ({@link #user} names it). */
    /**
     * USER: one of the user's own values or expressions ({@link #user} names it). OPTIMIZER: the optimizer's state
     * for a parameter ({@link #user}: m, v, mhat or vhat; {@link #of}: the parameter). RECORD: a number a statement
     * printed ({@link #user}: train_loss, loss_xor, accuracy_xor, E_row, E_o).
     */
    public enum Kind { INPUT, TARGET, WEIGHTS, BIASES, PRE, ACT, LOSS, LOCAL, ACCURACY, USER, OPTIMIZER, RECORD }

    public Binding(Kind kind, int layer, int i, int j, boolean gradient, String label) { this(kind, layer, i, j, gradient, label, null, null); }

    /** The user's value or expression {@code name}, whole ({@code i} = -1) or one element. */
    static Binding user(String name, int i, int j, String label) { return new Binding(Kind.USER, -1, i, j, false, label, name, null); }

    /** The optimizer's state {@code state} (m, v, mhat, vhat) of {@code param} (W0, b1, a value of the user's). */
    static Binding optimizer(String state, String param, int layer, String label) { return new Binding(Kind.OPTIMIZER, layer, -1, -1, false, label, state, param); }

    /** A number a statement printed, by its name. */
    static Binding record(String name) { return new Binding(Kind.RECORD, -1, -1, -1, false, name, name, null); }

    /** The name this binding's value has in the graph: the user's name, or the network's (x, W0, h_pre, o, E). */
    public String node(nn.core.Network net) {
        return switch (kind) {
            case USER -> user;
            case RECORD -> user.startsWith("E_") ? user : null;
            case INPUT -> "x";
            case TARGET -> "y";
            case WEIGHTS -> "W" + layer;
            case BIASES -> "b" + layer;
            case PRE -> net.preName(layer);
            case ACT -> net.actName(layer);
            case LOSS -> "E";
            default -> null;
        };
    }

    /** The root of a gradient: E for the network's dE/dNAME, or the value backpropagated (df/dx: f). */
    public String root() { return of == null ? "E" : of; }

    public boolean element() { return i >= 0; }

    public boolean parameter() { return kind == Kind.WEIGHTS || kind == Kind.BIASES; }

    public Binding asGradient(String label) { return new Binding(kind, layer, i, j, true, label, user, of); }

    /** The gradient of {@code root} with respect to this value. */
    public Binding gradientOf(String root, String label) { return new Binding(kind, layer, i, j, true, label, user, root.equals("E") ? null : root); }
}
