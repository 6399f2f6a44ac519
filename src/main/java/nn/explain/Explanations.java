package nn.explain;

import java.util.ArrayList;
import java.util.List;
import nn.core.Layer;

/** What `explain NAME` and `explain dE/dNAME` print, for any quantity of the network. */
public final class Explanations {
    private Explanations() { }

    /** explain h_pre0 / h / o / E: the weighted sum or the function with the numbers plugged in. */
    public static List<Part> value(Derivations d, Quantity q) {
        List<Equation> lines = new ArrayList<>();
        int k = q.layer();
        switch (q.kind()) {
            case PRE -> {
                if (q.element()) lines.add(d.preActivation(k, q.i()));
                else {
                    lines.add(d.preActivationLayer(k));
                    for (int i = 0; i < d.layer(k).out; i++) lines.add(d.preActivation(k, i));
                }
            }
            case ACT -> {
                Layer l = d.layer(k);
                if (q.element()) {
                    lines.add(d.preActivation(k, q.i()));
                    lines.add(d.activation(k, q.i()));
                } else {
                    lines.add(d.preActivationLayer(k));
                    if (l.out > 1) lines.add(d.activationLayer(k));
                    for (int i = 0; i < l.out; i++) lines.add(d.activation(k, i));
                }
            }
            case LOSS -> lines.add(d.loss(d.p.net().loss()));
            default -> throw new IllegalArgumentException("not computed by a forward pass: " + q);
        }
        return List.of(new Part.Equations(lines));
    }

    /** explain dE/dNAME for a parameter, an activation, a pre-activation or the input; whole or one element. */
    public static List<Part> gradient(Derivations d, Quantity q) {
        ChainRule c = new ChainRule(d);
        int k = q.layer();
        if (q.element()) {
            return switch (q.kind()) {
                case WEIGHT -> c.weight(k, q.i(), q.j());
                case BIAS -> c.bias(k, q.i());
                case PRE -> c.preActivation(k, q.i());
                case ACT -> c.activation(k, q.i());
                case INPUT -> c.activation(-1, q.i());
                default -> throw new IllegalArgumentException("no gradient for " + q);
            };
        }
        List<Part> parts = new ArrayList<>();
        switch (q.kind()) {
            case WEIGHT, BIAS -> {
                parts.addAll(c.layerFactors(k));
                List<Equation> lines = new ArrayList<>();
                Layer l = d.layer(k);
                if (q.kind() == Quantity.Kind.WEIGHT) {
                    for (int i = 0; i < l.out; i++) for (int j = 0; j < l.in; j++) lines.add(c.weightLine(k, i, j));
                } else {
                    for (int i = 0; i < l.b.length; i++) lines.add(c.biasLine(k, i));
                }
                parts.add(new Part.Equations(lines));
            }
            case PRE, ACT, INPUT -> {
                int n = q.kind() == Quantity.Kind.INPUT ? d.p.x().length : d.layer(k).out;
                for (int i = 0; i < n; i++) {
                    parts.addAll(gradient(d, new Quantity(q.kind(), k, i, -1)));
                }
            }
            default -> throw new IllegalArgumentException("no gradient for " + q);
        }
        return parts;
    }
}
