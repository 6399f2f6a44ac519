package nn.session;

import java.util.List;

/**
 * Every statement of the language with its syntax, one line of meaning and an example: the single table that
 * `help`, the REPL's completion and highlighting, and the README's reference are made from.
 */
public final class StatementTable {
    private StatementTable() { }

    public record Entry(String keyword, String syntax, String summary, String example) { }

    public static final List<Entry> ENTRIES = List.of(
            new Entry("layer", "layer ACTIVATION IN->OUT [as NAME] [slope=S]", "append a dense layer (linear, relu, leaky_relu, sigmoid, tanh, softmax)", "layer relu 3->2 as h"),
            new Entry("=", "NAME = VALUE", "set a parameter, element, input or target (W0, b1, w100, W1[0,0], x, y)", "W0 = [[0.2, -1.2, 0.9], [-0.5, -1.2, 0.3]]"),
            new Entry("input", "input VECTOR", "set the example's input x", "input [0.9, 0.2, 0.5]"),
            new Entry("target", "target VECTOR", "set the example's target y (a number is a 1-vector)", "target [0]"),
            new Entry("loss", "loss NAME", "choose the loss: half_sse (default, ½Σ(y−o)²), mse, bce, cross_entropy", "loss half_sse"),
            new Entry("forward", "forward", "compute every pre-activation and activation, the output and the loss", "forward"),
            new Entry("backward", "backward", "compute the gradient of the loss for every parameter and value", "backward"),
            new Entry("update", "update lr=RATE", "gradient descent: p ← p − lr·∂E/∂p for every parameter", "update lr=0.1"),
            new Entry("step", "step lr=RATE", "forward, backward, update; prints the loss before the update", "step lr=0.1"),
            new Entry("show", "show NAME ...", "print values: x, W0, w100, h_pre, o, E, dE/dw100, net", "show dE/dW0"),
            new Entry("expect", "expect NAME = VALUE [± TOL]", "check a value (also <, >, <=, >=); a miss makes a script exit 1", "expect o = 0.526"),
            new Entry("precision", "precision DIGITS", "how many decimals values are shown with (default 3)", "precision 6"),
            new Entry("explain", "explain NAME | explain update NAME", "derive a value or gradient step by step with the chain rule", "explain dE/dw100"),
            new Entry("trace", "trace on|off", "print every intermediate value as passes compute them", "trace on"),
            new Entry("draw", "draw [gradients] [\"FILE.svg\"]", "picture the network with its weights and values", "draw"),
            new Entry("export", "export markdown|latex \"FILE\"", "write the worked example as a document", "export markdown \"example.md\""),
            new Entry("init", "init SCHEME [seed=N]", "initialise weights: xavier, he, uniform(lo, hi), normal(mean, std), zeros", "init xavier seed=1"),
            new Entry("data", "data NAME = SOURCE", "a data set: inline [in -> out, ...], csv \"FILE\", or random(...)", "data xor = [[0,0] -> [0], [0,1] -> [1], [1,0] -> [1], [1,1] -> [0]]"),
            new Entry("train", "train [DATA] epochs=N lr=RATE [batch=B] [optimizer=sgd|momentum|adam]", "train on a data set (or the current example)", "train xor epochs=1000 lr=0.5"),
            new Entry("freeze", "freeze PARAM ...", "keep parameters fixed during updates", "freeze b0 b1"),
            new Entry("unfreeze", "unfreeze [PARAM ...]", "let parameters change again (all without names)", "unfreeze b0"),
            new Entry("evaluate", "evaluate DATA", "mean loss and, for classification, accuracy", "evaluate xor"),
            new Entry("predict", "predict VECTOR", "the output for an input, without touching gradients", "predict [1, 0]"),
            new Entry("plot", "plot loss [\"FILE.svg\"]", "chart the loss per epoch", "plot loss"),
            new Entry("gradcheck", "gradcheck", "compare backprop with central finite differences", "gradcheck"),
            new Entry("save", "save \"FILE.nn\"", "write the network as a script that rebuilds it exactly", "save \"net.nn\""),
            new Entry("run", "run \"FILE.nn\"", "run a script inside this session", "run \"samples/seed.nn\""),
            new Entry("reset", "reset", "forget everything and start over", "reset"),
            new Entry("help", "help [STATEMENT]", "list statements, or show one's syntax and an example", "help layer"),
            new Entry("exit", "exit | quit", "leave nn", "exit"));

    public static Entry find(String keyword) {
        for (Entry e : ENTRIES) if (e.keyword().equals(keyword) || (keyword.equals("quit") && e.keyword().equals("exit"))) return e;
        return null;
    }

    public static List<String> keywords() {
        return ENTRIES.stream().map(Entry::keyword).filter(k -> !k.equals("=")).toList();
    }
}
