package nn.session;

import nn.core.Value;
import java.util.ArrayList;
import java.util.List;
import nn.core.ForwardPass;
import nn.core.Gradients;
import nn.core.Layer;
import nn.core.Network;
import nn.lang.NnError;
import nn.lang.Option;
import nn.lang.Pos;
import nn.lang.Stmt;

/** The passes: forward, backward, update, and step (all three). */
final class PassCommands {
    private PassCommands() { }

    static final List<Command<?>> TABLE = List.of(
            Command.changes(Stmt.Forward.class, (s, ctx) -> forward(s.pos(), ctx, true)),
            Command.changes(Stmt.Backward.class, (s, ctx) -> backward(s.pos(), ctx, true)),
            Command.changes(Stmt.Update.class, (s, ctx) -> update(s.pos(), s.options(), ctx)),
            Command.changes(Stmt.Step.class, PassCommands::step));

    static ForwardPass forward(Pos pos, Context ctx, boolean show) {
        State st = ctx.state();
        if (st.net.isEmpty()) throw new NnError(pos, "there is no network yet", "add layers first, e.g. `layer relu 3->2`");
        if (st.x == null) throw new NnError(pos, "no input: x is not set", "set it with `input [" + example(st.net.inputSize()) + "]`");
        if (st.x.length != st.net.inputSize()) {
            throw new NnError(pos, "x has " + st.x.length + " numbers but layer 0 takes " + st.net.inputSize(), "set x again with `input [...]`");
        }
        double[] y = st.y;
        if (y != null && y.length != st.net.outputSize()) {
            throw new NnError(pos, "y has " + y.length + " numbers but the output layer has " + st.net.outputSize() + " neurons", "set y again with `target [...]`");
        }
        ForwardPass p = st.net.forward(st.x, y);
        Numerics.checkForward(p, pos);
        st.pass = p;
        st.grads = null;
        st.stale = false;
        if (st.trace) ExplainCommands.traceForward(p, ctx);
        if (show) {
            int L = st.net.depth();
            ctx.emit(new Output.Shown(Names.actName(st.net, L - 1), Value.vector(p.output()), st.precision, null));
            if (p.hasLoss()) ctx.emit(new Output.Shown("E", Value.scalar(p.E()), st.precision, null));
            else ctx.info("(no target y: the loss E is not computed)");
        }
        return p;
    }

    private static String example(int n) {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < Math.min(n, 4); i++) s.add("0.5");
        return String.join(", ", s) + (n > 4 ? ", ..." : "");
    }

    static Gradients backward(Pos pos, Context ctx, boolean show) {
        State st = ctx.state();
        if (st.pass == null) throw new NnError(pos, "backward needs a forward pass first", "run `forward`");
        if (!st.pass.hasLoss()) throw new NnError(pos, "the last forward pass had no target, so there is no loss to differentiate", "set `target [...]` and run forward again");
        if (st.stale) {
            ctx.emit(new Output.Warning(pos, "parameters changed since the last forward pass; these gradients use the values that pass computed with (run forward to use the new ones)"));
        }
        Gradients g = Network.backward(st.pass);
        Numerics.checkBackward(g, pos);
        st.grads = g;
        if (st.trace) ExplainCommands.traceBackward(g, ctx);
        if (show) {
            List<String> names = new ArrayList<>();
            for (int k = 0; k < st.net.depth(); k++) names.add("dE/dW" + k + ", dE/db" + k);
            ctx.info("gradients computed: " + String.join(", ", names) + " (and dE/d of every activation; `show dE/dNAME`)");
        }
        return g;
    }

    static double learningRate(Pos pos, List<Option> options, State st, String statement) {
        Double lr = null;
        for (Option o : options) {
            if (ModelCommands.LEARNING_RATE.contains(o.key())) {
                if (!o.isNumber()) throw new NnError(o.valuePos(), "a learning rate is a number, e.g. lr=0.1", null);
                lr = o.number();
            } else {
                throw new NnError(o.pos(), "unknown option '" + o.key() + "' for " + statement, "write " + statement + " lr=0.1");
            }
        }
        if (lr == null) lr = st.lr;
        if (lr == null) throw new NnError(pos, statement + " needs a learning rate", "write `" + statement + " lr=0.1` (or set `μ = 0.1` once)");
        if (!(lr > 0) || Double.isInfinite(lr)) throw new NnError(pos, "the learning rate must be positive, not " + Format.plain(lr), null);
        return lr;
    }

    static void update(Pos pos, List<Option> options, Context ctx) {
        State st = ctx.state();
        double lr = learningRate(pos, options, st, "update");
        if (st.grads == null) throw new NnError(pos, "update needs gradients", st.pass == null ? "run `forward` and `backward` first (or `step lr=...`)" : "run `backward` first");
        Network before = st.net.copy();
        st.net.update(st.grads, lr);
        Numerics.checkParameters(st.net, pos);
        st.stale = true;
        st.lastUpdate = new State.LastUpdate(before, st.net.copy(), st.grads, lr);
        if (st.trace) ExplainCommands.traceUpdate(before, st.net, st.grads, lr, ctx);
        List<String> updated = new ArrayList<>();
        List<String> frozen = new ArrayList<>();
        for (int k = 0; k < st.net.depth(); k++) {
            Layer l = st.net.layer(k);
            (l.frozenW ? frozen : updated).add("W" + k);
            (l.frozenB ? frozen : updated).add("b" + k);
        }
        ctx.info("updated " + String.join(", ", updated) + " with lr = " + Format.plain(lr)
                + (frozen.isEmpty() ? "" : " (frozen: " + String.join(", ", frozen) + ")"));
    }

    private static void step(Stmt.Step s, Context ctx) {
        State st = ctx.state();
        learningRate(s.pos(), s.options(), st, "step"); // fail before computing anything
        if (st.y == null) throw new NnError(s.pos(), "step needs a target: y is not set", "set it with `target [...]`");
        ForwardPass p = forward(s.pos(), ctx, false);
        ctx.emit(new Output.Shown("E", Value.scalar(p.E()), st.precision, "before the update"));
        backward(s.pos(), ctx, false);
        update(s.pos(), s.options(), ctx);
    }
}
