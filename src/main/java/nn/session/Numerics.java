package nn.session;

import nn.core.ForwardPass;
import nn.core.Gradients;
import nn.core.Network;
import nn.lang.NnError;
import nn.lang.Pos;

/** NaN and infinity caught where they arise, reported with the layer and value they first appear in. */
final class Numerics {
    private Numerics() { }

    static void checkForward(ForwardPass p, Pos pos) {
        for (int k = 0; k < p.z().length; k++) {
            String where = "layer " + k;
            check(p.z()[k], pos, "the pre-activation of " + where);
            check(p.a()[k], pos, "the activation of " + where);
        }
        if (p.hasLoss() && !Double.isFinite(p.E())) throw fault(pos, "the loss E", p.E());
    }

    static void checkBackward(Gradients g, Pos pos) {
        for (int k = g.dZ().length - 1; k >= 0; k--) {
            check(g.dA()[k], pos, "dE/da of layer " + k);
            check(g.dZ()[k], pos, "dE/dz of layer " + k);
            check(g.dW()[k], pos, "dE/dW" + k);
            check(g.dB()[k], pos, "dE/db" + k);
        }
    }

    static void checkParameters(Network net, Pos pos) { checkParameters(net, pos, null); }

    /**
     * After an update with {@code rule}: Adam with ε = 0 divides 0 by 0 for a parameter whose gradients have all been
     * 0 (a dead ReLU's weights), which is its own mistake with its own hint.
     */
    static void checkParameters(Network net, Pos pos, nn.core.Optimizer.Settings rule) {
        try {
            for (int k = 0; k < net.depth(); k++) {
                check(net.layer(k).W, pos, "W" + k + " after the update");
                check(net.layer(k).b, pos, "b" + k + " after the update");
            }
        } catch (NnError e) {
            if (rule == null || !rule.name().equals("adam") || rule.eps() != 0 || !e.diagnostic().message().startsWith("NaN")) throw e;
            throw new NnError(pos, e.diagnostic().message(), "Adam with eps=0 divides m̂ by √v̂, and both are 0 for a parameter whose gradients have all been 0 (0/0 is NaN): "
                    + "give eps a small value (PyTorch's default is 1e-8); nothing was changed");
        }
    }

    /** A user's value the update made non-finite. */
    static void checkUpdated(double[] v, String name, Pos pos, nn.core.Optimizer.Settings rule) {
        for (double x : v) {
            if (Double.isFinite(x)) continue;
            if (Double.isNaN(x) && rule.name().equals("adam") && rule.eps() == 0) {
                throw new NnError(pos, "NaN in " + name + " after the update", "Adam with eps=0 divides 0 by 0 where the gradient has been 0: give eps a small value (PyTorch's 1e-8); nothing was changed");
            }
            throw new NnError(pos, (Double.isNaN(x) ? "NaN" : "an infinite value") + " in " + name + " after the update", "use a smaller learning rate; nothing was changed");
        }
    }

    private static void check(double[] v, Pos pos, String what) {
        for (int i = 0; i < v.length; i++) if (!Double.isFinite(v[i])) throw fault(pos, what + " (element " + i + ")", v[i]);
    }

    private static NnError fault(Pos pos, String what, double v) {
        return new NnError(pos, (Double.isNaN(v) ? "NaN" : "an infinite value") + " in " + what,
                "the numbers overflowed: check for very large weights, inputs or learning rate; nothing was changed");
    }
}
