package nn.session;

import java.util.ArrayList;
import java.util.List;
import nn.core.Layer;
import nn.core.Network;
import nn.core.Optimizer;

/**
 * The optimizer a session's updates and training continue: its rule and settings, the parameters it keeps state for
 * (in slot order: W0, b0, W1, … of the layers, frozen ones left out, then the user's own values) and the state.
 * Copied with the state of a statement, so that a failed statement leaves the moments as they were.
 */
public record OptimizerState(Optimizer.Settings settings, List<String> slots, Optimizer optimizer) {

    public OptimizerState copy() { return new OptimizerState(settings, slots, optimizer.copy()); }

    /** The network's parameter slots, as the trainer numbers them. */
    static List<String> networkSlots(Network net) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < net.depth(); k++) {
            Layer l = net.layer(k);
            if (!l.frozenW) out.add("W" + k);
            if (!l.frozenB) out.add("b" + k);
        }
        return out;
    }

    /** True when this state can go on for these settings and slots. */
    boolean fits(Optimizer.Settings s, List<String> names) { return settings.equals(s) && slots.equals(names); }

    int slot(String name) { return slots.indexOf(name); }

    /** "adam (β1 = 0.9, β2 = 0.999, ε = 1e-8)": the rule as messages write it. */
    static String describe(Optimizer.Settings o) {
        String wd = o.weightDecay() != 0 ? ", weight decay " + Format.plain(o.weightDecay()) : "";
        return switch (o.name()) {
            case "momentum" -> "momentum (μ = " + Format.plain(o.momentum()) + (o.nesterov() ? ", Nesterov" : "") + wd + ")";
            case "adam" -> "adam (β1 = " + Format.plain(o.beta1()) + ", β2 = " + Format.plain(o.beta2()) + ", ε = "
                    + (o.eps() != 0 && o.eps() < 1e-3 ? Format.scientific(o.eps(), 3) : Format.plain(o.eps())) + wd + ")";
            default -> o.weightDecay() != 0 ? "sgd (weight decay " + Format.plain(o.weightDecay()) + ")" : "sgd";
        };
    }

    /**
     * The rule a statement asks for: optimizer= and its settings, checked against each other; PyTorch's defaults for
     * what is not given. Without optimizer= an update is plain gradient descent, the reference's; the same rule with
     * the same settings as the last update continues its state (two `update optimizer=adam` are two Adam steps).
     */
    static Optimizer.Settings read(Args o, State st) {
        String name = o.choice("optimizer", o.has("momentum") || o.has("nesterov") ? "momentum" : o.has("beta1") || o.has("beta2") || o.has("eps") ? "adam" : "sgd");
        if ((o.has("momentum") || o.has("nesterov")) && !name.equals("momentum")) {
            throw new nn.lang.NnError(o.pos(o.has("momentum") ? "momentum" : "nesterov", o.pos()), (o.has("momentum") ? "momentum=" : "nesterov") + " is a setting of optimizer=momentum", null);
        }
        for (String k : List.of("beta1", "beta2", "eps")) {
            if (o.has(k) && !name.equals("adam")) throw new nn.lang.NnError(o.pos(k, o.pos()), k + "= is a setting of optimizer=adam", null);
        }
        double mu = o.number("momentum", nn.core.Momentum.DEFAULT_MU);
        double b1 = o.number("beta1", nn.core.Adam.DEFAULT_BETA1);
        double b2 = o.number("beta2", nn.core.Adam.DEFAULT_BETA2);
        double eps = o.number("eps", nn.core.Adam.DEFAULT_EPS);
        return new Optimizer.Settings(name, mu, b1, b2, eps, o.bool("nesterov", false), o.number("weight_decay", 0));
    }
}
