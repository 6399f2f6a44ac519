package nn.explain;

import java.util.ArrayList;
import java.util.List;
import nn.core.Activation;
import nn.core.Layer;

/**
 * What `trace on` prints as each pass computes, in the reference's order: forward layer by layer then the loss;
 * backward from the output layer down, each layer's shared factors before its weights; the update output layer
 * first. Long layers are cut at {@link #LIMIT} lines each.
 */
public final class Trace {
    static final int LIMIT = 60;
    /** Layers wider than this show the vector equations only, not one line per neuron. */
    static final int NEURONS_SHOWN = 8;

    private Trace() { }

    static String title(Vocabulary v, int k) {
        Layer l = v.net().layer(k);
        return "layer " + k + " (" + v.actName(k) + ", " + l.activation.id + ")";
    }

    public static List<Part> forward(Derivations d) {
        List<Part> parts = new ArrayList<>();
        for (int k = 0; k < d.L; k++) {
            Layer l = d.layer(k);
            List<Equation> pre = new ArrayList<>();
            List<Equation> act = new ArrayList<>();
            boolean each = l.out <= NEURONS_SHOWN;
            if (l.out > 1 || !each) pre.add(d.preActivationLayer(k));
            if (each) for (int i = 0; i < l.out; i++) pre.add(d.preActivation(k, i));
            if (l.out > 1 || !each) act.add(d.activationLayer(k));
            if (each && (l.out == 1 || l.activation != Activation.LINEAR)) for (int i = 0; i < l.out; i++) act.add(d.activation(k, i));
            parts.add(Part.prose((d.starred ? "again, " : "") + title(d.v, k) + ":"));
            parts.add(new Part.Equations(pre));
            parts.add(new Part.Equations(act));
        }
        if (d.p.hasLoss()) {
            parts.add(Part.prose("loss:"));
            parts.add(Part.equations(d.loss(d.p.net().loss())));
        }
        return parts;
    }

    public static List<Part> backward(Derivations d) {
        ChainRule c = new ChainRule(d);
        List<Part> parts = new ArrayList<>();
        for (int k = d.L - 1; k >= 0; k--) {
            parts.add(Part.prose("gradients of " + title(d.v, k) + ":"));
            parts.addAll(c.layer(k, LIMIT));
        }
        return parts;
    }

    public static List<Part> update(Updates u) {
        List<Part> parts = new ArrayList<>();
        parts.add(Part.prose("update, each parameter against its gradient:"));
        parts.addAll(u.all(LIMIT * 4));
        return parts;
    }
}
