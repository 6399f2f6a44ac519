package nn.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nn.core.ForwardPass;
import nn.core.Gradients;
import nn.core.Network;

/**
 * Everything a session knows. Statements run against a copy and the copy replaces the state only when the
 * statement succeeds: that is how a failing statement changes nothing.
 */
public final class State {
    public Network net = new Network();
    public double[] x;
    public double[] y;
    /** The last forward pass (with the weights it used) and the last backward pass through it. */
    public ForwardPass pass;
    public Gradients grads;
    /** The last `update` (or step): the parameters before and after, the gradients and rate it used (for explain). */
    public LastUpdate lastUpdate;
    /** Parameters changed since {@link #pass} was computed: shown values are then "from the last forward pass". */
    public boolean stale;
    public int precision = 3;
    public boolean trace;
    /** A learning rate set by {@code lr = 0.1} or {@code μ = 0.1}, used when update/step/train give none. */
    public Double lr;
    /** Named data sets ({@code data NAME = ...}), in the order they were made. */
    public Map<String, Object> datasets = new LinkedHashMap<>();
    /** For each data set, the right-hand side of a `data` statement that makes it again (what `save` writes). */
    public Map<String, String> dataRecipes = new LinkedHashMap<>();
    /** The loss after each training epoch, for plot loss. */
    public List<Double> lossHistory = new ArrayList<>();
    /** The data set `evaluate` measured last (with class labels): `accuracy` is measured on it. */
    public String evaluated;
    /** Extension state owned by later features (optimizer moments, init settings), copied shallowly. */
    public Map<String, Object> extra = new LinkedHashMap<>();

    public State copy() {
        State s = new State();
        s.net = net.copy();
        s.x = x == null ? null : x.clone();
        s.y = y == null ? null : y.clone();
        s.pass = pass;
        s.grads = grads;
        s.lastUpdate = lastUpdate;
        s.stale = stale;
        s.precision = precision;
        s.trace = trace;
        s.lr = lr;
        s.datasets = new LinkedHashMap<>(datasets);
        s.dataRecipes = new LinkedHashMap<>(dataRecipes);
        s.lossHistory = new ArrayList<>(lossHistory);
        s.extra = new LinkedHashMap<>(extra);
        s.evaluated = evaluated;
        return s;
    }

    /** The network's architecture changed: recorded passes no longer match its names. */
    public void forgetPasses() {
        pass = null;
        grads = null;
        lastUpdate = null;
        stale = false;
    }

    /** What an update did, recorded so that explain and export can write w* = w − μ·∂E/∂w with its numbers. */
    public record LastUpdate(Network before, Network after, Gradients grads, double lr) { }
}
