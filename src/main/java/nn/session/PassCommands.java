package nn.session;

import java.util.ArrayList;
import java.util.List;
import nn.core.ForwardPass;
import nn.core.Gradients;
import nn.core.Layer;
import nn.core.Network;
import nn.core.Value;
import nn.core.graph.Backprop;
import nn.core.graph.Backward;
import nn.core.graph.Graph;
import nn.core.graph.Node;
import nn.lang.Expr;
import nn.lang.NnError;
import nn.lang.Pos;
import nn.lang.Ref;
import nn.lang.Stmt;

/** The passes: forward, backward, update, and step (all three). */
final class PassCommands {
    private PassCommands() { }

    static void forward(Stmt.Command s, Args a, Context ctx) { forward(s.pos(), ctx, true); }

    /**
     * The network's forward pass on x (and y), then the user's expressions over it; with no network, the user's
     * expressions are computed again from their values.
     */
    static ForwardPass forward(Pos pos, Context ctx, boolean show) {
        State st = ctx.state();
        if (st.net.isEmpty()) {
            if (st.definitions.isEmpty() && st.values.isEmpty()) throw new NnError(pos, "there is no network yet", "add layers first, e.g. `layer relu 3->2`");
            st.backward = null;
            Expressions.rebuild(st, w -> ctx.emit(new Output.Warning(pos, w)));
            if (show) ctx.info("computed again: " + String.join(", ", st.definitions.keySet()));
            return null;
        }
        Value x = Example.input(st, pos);
        Value y = Example.target(st, x, pos);
        ForwardPass p = st.net.forward(x, y, nn.core.graph.Twist.NONE);
        Numerics.checkForward(p, pos);
        st.pass = p;
        st.backward = null;
        st.grads = null;
        st.stale = false;
        st.evaluatedLast = null;
        Expressions.rebuild(st, w -> ctx.emit(new Output.Warning(pos, w)));
        if (st.trace) ExplainCommands.traceForward(p, ctx);
        if (show) {
            int L = st.net.depth();
            ctx.emit(new Output.Shown(Names.actName(st.net, L - 1), p.actNode(L - 1).value(), st.precision, null));
            if (p.hasLoss()) ctx.emit(new Output.Shown("E", Value.scalar(p.E()), st.precision, p.batch() ? batchNote(st.net, p) : null));
            else ctx.info("(no target y: the loss E is not computed)");
        }
        return p;
    }

    private static String batchNote(Network net, ForwardPass p) {
        return (net.sums() ? "the sum" : "the mean") + " over the " + p.examples() + " examples";
    }

    static void backward(Stmt.Command s, Args a, Context ctx) { backward(s.pos(), a.expr("ROOT"), ctx, true); }

    /** Backward from E ({@code root} null) or from any scalar the graph computes. */
    static Backward backward(Pos pos, Expr root, Context ctx, boolean show) {
        State st = ctx.state();
        if (root == null || root instanceof Ref r && !r.indexed() && (r.name().equals("E") || r.name().equals("loss")) && !st.definitions.containsKey(r.name())) {
            return backwardE(pos, ctx, show);
        }
        Graph g = Expressions.current(st).copy();
        Node n;
        String name;
        if (root instanceof Ref r && !r.indexed() && !r.derivative() && g.node(r.name()) != null && !Names.isLearningRate(r.name())) {
            n = g.node(r.name());
            name = r.name();
        } else {
            name = Signature.text(root).strip();
            n = Expressions.eval(g, st, root, name);
            if (g.node(name) == null) g.name(name, n);
        }
        if (!n.shape.scalar() && n.shape.size() != 1) { // a network's one output, o, is one number too
            throw new NnError(root.pos(), name + " is " + n.shape.describe() + ": backward differentiates one number",
                    "take one element or a sum: backward " + name + "[0], or backward sum(" + name + ")");
        }
        if (st.stale) ctx.emit(new Output.Warning(pos, "parameters changed since the last forward pass; these gradients use the values that pass computed with (run forward to use the new ones)"));
        Backward bw = Backprop.run(g, n);
        checkFinite(bw, pos);
        st.graph = g;
        st.backward = bw;
        st.grads = st.pass != null ? Gradients.of(st.pass, bw) : null;
        if (show) ctx.info("gradients of " + name + " computed: " + reached(bw, name) + " (`show d" + name + "/dNAME`)");
        if (st.trace) {
            // in the order backward reaches them: from the root down to the leaves
            for (int id = n.id; id >= 0; id--) {
                Node v = g.get(id);
                if (!bw.reaches(v)) continue;
                for (var e : g.names().entrySet()) {
                    if (e.getValue() == v) ctx.emit(new Output.Shown("d" + name + "/d" + e.getKey(), nn.core.Value.of(v.shape, bw.of(v)), st.precision, null));
                }
            }
        }
        return bw;
    }

    private static Backward backwardE(Pos pos, Context ctx, boolean show) {
        State st = ctx.state();
        if (st.pass == null) throw new NnError(pos, "backward needs a forward pass first", "run `forward`");
        if (!st.pass.hasLoss()) {
            throw new NnError(pos, "the last forward pass had no target, so there is no loss to differentiate",
                    "set `target [...]` and run forward again, or name what to differentiate: backward o");
        }
        if (st.stale) {
            ctx.emit(new Output.Warning(pos, "parameters changed since the last forward pass; these gradients use the values that pass computed with (run forward to use the new ones)"));
        }
        Graph g = Expressions.current(st);
        Backward bw = Backprop.run(g, st.pass.lossNode());
        Gradients grads = Gradients.of(st.pass, bw);
        Numerics.checkBackward(grads, pos);
        st.backward = bw;
        st.grads = grads;
        if (st.trace) ExplainCommands.traceBackward(grads, ctx);
        if (show) {
            List<String> names = new ArrayList<>();
            for (int k = 0; k < st.net.depth(); k++) names.add("dE/dW" + k + (st.net.layer(k).hasBias() ? ", dE/db" + k : ""));
            ctx.info("gradients computed: " + String.join(", ", names) + " (and dE/d of every activation; `show dE/dNAME`)");
        }
        return bw;
    }

    /** "df/dx, df/dy, df/dq": the named values the root depends on. */
    private static String reached(Backward bw, String root) {
        List<String> out = new ArrayList<>();
        for (var e : bw.graph().names().entrySet()) {
            if (e.getValue() != bw.root() && bw.reaches(e.getValue()) && !e.getValue().constant()) out.add("d" + root + "/d" + e.getKey());
        }
        if (out.size() > 12) return String.join(", ", out.subList(0, 12)) + ", … (" + out.size() + " in all)";
        return out.isEmpty() ? "none (it depends on no named value)" : String.join(", ", out);
    }

    private static void checkFinite(Backward bw, Pos pos) {
        for (int id = 0; id < bw.grads().length; id++) {
            double[] g = bw.grads()[id];
            if (g == null) continue;
            for (int i = 0; i < g.length; i++) {
                if (!Double.isFinite(g[i])) {
                    Node n = bw.graph().get(id);
                    String what = n.name != null ? "d" + Values.rootName(bw) + "/d" + n.name : "the gradient at " + n.op.symbol();
                    throw new NnError(pos, (Double.isNaN(g[i]) ? "NaN" : "an infinite value") + " in " + what + (g.length > 1 ? " (element " + i + ")" : ""),
                            "the numbers overflowed, or a derivative is infinite there (sqrt at 0, log at 0); nothing was changed");
                }
            }
        }
    }

    static double learningRate(Pos pos, Args a, State st, String statement) {
        Double lr = a.has("lr") ? Double.valueOf(a.number("lr", 0)) : st.lr;
        if (lr == null) throw new NnError(pos, statement + " needs a learning rate", "write `" + statement + " lr=0.1` (or set `μ = 0.1` once)");
        if (!(lr > 0) || Double.isInfinite(lr)) throw new NnError(pos, "the learning rate must be positive, not " + Format.plain(lr), null);
        return lr;
    }

    static void update(Stmt.Command s, Args a, Context ctx) { update(s.pos(), a, ctx); }

    static void update(Pos pos, Args a, Context ctx) {
        State st = ctx.state();
        double lr = learningRate(pos, a, st, "update");
        if (st.backward == null) throw new NnError(pos, "update needs gradients", st.pass == null && st.definitions.isEmpty() ? "run `forward` and `backward` first (or `step lr=...`)" : "run `backward` first");
        nn.core.Optimizer.Settings settings = OptimizerState.read(a, st);
        // the parameters and their gradients, in slot order: the network's (not frozen), then the user's own values
        List<String> slots = new ArrayList<>();
        List<double[]> params = new ArrayList<>();
        List<double[]> gradients = new ArrayList<>();
        List<String> frozen = new ArrayList<>();
        if (st.grads != null) {
            for (int k = 0; k < st.net.depth(); k++) {
                Layer l = st.net.layer(k);
                if (l.frozenW) frozen.add("W" + k);
                else add(slots, params, gradients, "W" + k, l.W, st.grads.dW()[k]);
                if (!l.hasBias()) continue;
                if (l.frozenB) frozen.add("b" + k);
                else add(slots, params, gradients, "b" + k, l.b, st.grads.dB()[k]);
            }
        }
        // the user's own values the last backward reached move too (micrograd's p.data -= lr * p.grad)
        Backward bw = st.backward;
        List<String> users = new ArrayList<>();
        for (String name : st.values.keySet()) {
            Node n = bw.graph().node(name);
            double[] g = n == null ? null : bw.of(n);
            if (g == null) continue;
            add(slots, params, gradients, name, st.values.get(name).data().clone(), g);
            users.add(name);
        }
        if (slots.isEmpty() && frozen.isEmpty()) {
            throw new NnError(pos, "nothing to update: the last backward reached no parameter and none of your values", "update moves W and b, and your own values (z = -4), by their gradients");
        }
        OptimizerState before = st.optimizer;
        boolean continues = before != null && before.fits(settings, slots);
        OptimizerState opt = continues ? before.copy() : fresh(settings, params, slots);
        Network netBefore = st.net.copy();
        opt.optimizer().beginStep();
        for (int i = 0; i < params.size(); i++) opt.optimizer().update(i, params.get(i), gradients.get(i), lr);
        Numerics.checkParameters(st.net, pos, settings);
        for (String name : users) {
            double[] d = params.get(slots.indexOf(name));
            Numerics.checkUpdated(d, name, pos, settings);
            nn.core.Value v = st.values.get(name);
            st.values.put(name, new Value(v.kind(), v.rows(), v.cols(), d));
        }
        st.optimizer = opt;
        if (st.grads != null) {
            st.stale = true;
            st.lastUpdate = new State.LastUpdate(netBefore, st.net.copy(), st.grads, lr, continues ? before : fresh(settings, params, slots), opt.copy());
            if (st.trace) ExplainCommands.traceUpdate(netBefore, st.net, st.grads, lr, ctx);
        }
        if (!users.isEmpty()) Expressions.rebuild(st, w -> ctx.emit(new Output.Warning(pos, w)));
        boolean plain = settings.equals(nn.core.Optimizer.Settings.sgd());
        String with = plain ? "lr = " + Format.plain(lr) : OptimizerState.describe(settings) + ", step " + opt.optimizer().steps() + ", lr = " + Format.plain(lr);
        ctx.info("updated " + String.join(", ", slots) + " with " + with + (frozen.isEmpty() ? "" : " (frozen: " + String.join(", ", frozen) + ")"));
        if (!plain && !continues && before != null && before.optimizer().steps() > 0) {
            ctx.info("(" + settings.name() + " starts afresh: the earlier optimizer's state was for " + (before.settings().equals(settings) ? "other parameters" : OptimizerState.describe(before.settings())) + ")");
        }
    }

    private static void add(List<String> slots, List<double[]> params, List<double[]> grads, String name, double[] p, double[] g) {
        slots.add(name);
        params.add(p);
        grads.add(g);
    }

    private static OptimizerState fresh(nn.core.Optimizer.Settings settings, List<double[]> params, List<String> slots) {
        int[] sizes = new int[params.size()];
        for (int i = 0; i < sizes.length; i++) sizes[i] = params.get(i).length;
        return new OptimizerState(settings, List.copyOf(slots), settings.create(sizes));
    }

    static void step(Stmt.Command s, Args a, Context ctx) {
        State st = ctx.state();
        learningRate(s.pos(), a, st, "step"); // fail before computing anything
        if (st.net.isEmpty()) throw new NnError(s.pos(), "there is no network yet", "add layers first, e.g. `layer relu 3->2`");
        if (st.y == null) throw new NnError(s.pos(), "step needs a target: y is not set", "set it with `target [...]`");
        ForwardPass p = forward(s.pos(), ctx, false);
        ctx.emit(new Output.Shown("E", Value.scalar(p.E()), st.precision, "before the update"));
        backward(s.pos(), null, ctx, false);
        update(s.pos(), a, ctx);
    }
}
