package nn.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nn.core.ForwardPass;
import nn.core.Gradients;
import nn.core.LossCurve;
import nn.core.Network;
import nn.core.Value;
import nn.core.graph.Backward;
import nn.core.graph.Graph;
import nn.lang.Expr;

/**
 * Everything a session knows. Statements run against a copy and the copy replaces the state only when the
 * statement succeeds: that is how a failing statement changes nothing. Recorded passes and graphs are never changed
 * once made, so a copy shares them.
 */
public final class State {
    public Network net = new Network();
    /** The input and the target as given: a vector (one example) or a matrix (one example per row), or a scalar. */
    public Value x;
    public Value y;
    /** The user's own values (leaves: {@code z = -4}) and expressions ({@code q = x + y}), by name, in order. */
    public Map<String, Value> values = new LinkedHashMap<>();
    public Map<String, Expr> definitions = new LinkedHashMap<>();
    /**
     * The last evaluation: the network's forward pass (if one ran) and the user's expressions over it, as one graph.
     * {@link #pass} is its network part.
     */
    public Graph graph;
    public ForwardPass pass;
    /** The last backward pass (its root: E, or any value) and, when it reached the network, its gradients by layer. */
    public Backward backward;
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
    public LossCurve curve;
    /**
     * The mean loss on a test set after each epoch ({@code train ... test=OTHER}), epoch for epoch beside {@link #curve}
     * (NaN for epochs trained without one), or null while no train has had a test set.
     */
    public LossCurve testCurve;
    /** The test set of the last train, or null when it had none: {@code test_loss} is its loss after that train. */
    public String testedOn;
    /** The data set `evaluate` measured last (with class labels): `accuracy` is measured on it. */
    public String evaluated;
    /** How new layers start (`init`), or null for the default. */
    public InitCommand.Chosen init;
    /** The optimizer updates and training continue (its moments), or null before the first update with state. */
    public OptimizerState optimizer;
    /** What the last evaluate measured, per data set (its loss and accuracy by name: loss_xor, accuracy_xor). */
    public Map<String, nn.core.Evaluation> evaluations = new LinkedHashMap<>();
    /** The data set evaluate measured last, while no forward pass came after it: `loss` then names evaluate's loss. */
    public String evaluatedLast;

    public State copy() {
        State s = new State();
        s.net = net.copy();
        s.x = x;
        s.y = y;
        s.values = new LinkedHashMap<>(values);
        s.definitions = new LinkedHashMap<>(definitions);
        s.graph = graph;
        s.pass = pass;
        s.backward = backward;
        s.grads = grads;
        s.lastUpdate = lastUpdate;
        s.stale = stale;
        s.precision = precision;
        s.trace = trace;
        s.lr = lr;
        s.datasets = new LinkedHashMap<>(datasets);
        s.dataRecipes = new LinkedHashMap<>(dataRecipes);
        s.lossHistory = new ArrayList<>(lossHistory);
        s.curve = curve;
        s.testCurve = testCurve;
        s.testedOn = testedOn;
        s.evaluated = evaluated;
        s.init = init;
        s.optimizer = optimizer == null ? null : optimizer.copy();
        s.evaluations = new LinkedHashMap<>(evaluations);
        s.evaluatedLast = evaluatedLast;
        return s;
    }

    /** The network's architecture changed: recorded passes no longer match its names. */
    public void forgetPasses() {
        optimizer = null;
        graph = null;
        pass = null;
        backward = null;
        grads = null;
        lastUpdate = null;
        stale = false;
    }

    /** The input as a vector (one example), or null when it is unset. */
    public double[] xVector() { return x == null ? null : x.data(); }

    public double[] yVector() { return y == null ? null : y.data(); }

    /** What an update did, recorded so that explain and export can write w* = w − μ·∂E/∂w with its numbers. */
    public record LastUpdate(Network before, Network after, Gradients grads, double lr, OptimizerState optimizerBefore, OptimizerState optimizerAfter) {
        public LastUpdate(Network before, Network after, Gradients grads, double lr) { this(before, after, grads, lr, null, null); }
    }
}
