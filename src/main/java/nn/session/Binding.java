package nn.session;

/**
 * What a name denotes in the current network: a parameter, the input or target, a layer's pre-activation or
 * activation, the loss, a local derivative, or the gradient of one of those; whole or one element; or the accuracy
 * on the data set last evaluated.
 * {@code layer} is the layer index (or -1), {@code i}/{@code j} the element (or -1 for the whole value).
 */
public record Binding(Kind kind, int layer, int i, int j, boolean gradient, String label) {

    public enum Kind { INPUT, TARGET, WEIGHTS, BIASES, PRE, ACT, LOSS, LOCAL, ACCURACY }

    public boolean element() { return i >= 0; }

    public boolean parameter() { return kind == Kind.WEIGHTS || kind == Kind.BIASES; }

    public Binding asGradient(String label) { return new Binding(kind, layer, i, j, true, label); }
}
