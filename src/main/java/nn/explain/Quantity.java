package nn.explain;

/**
 * What an explanation is about, in the network's terms: a parameter (weight or bias), a layer's pre-activation or
 * activation, the input, or the loss; a whole value ({@code i < 0}) or one element. {@code j} is a weight's input.
 */
public record Quantity(Kind kind, int layer, int i, int j) {

    public enum Kind { INPUT, WEIGHT, BIAS, PRE, ACT, LOSS }

    public boolean element() { return i >= 0; }

    public boolean parameter() { return kind == Kind.WEIGHT || kind == Kind.BIAS; }
}
