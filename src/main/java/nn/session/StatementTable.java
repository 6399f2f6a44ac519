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
            new Entry("draw", "draw [gradients|graph] [\"FILE.svg\"|\"FILE.png\"]", "picture the network with its weights and values (or gradients), or its computational graph", "draw"),
            new Entry("export", "export markdown|latex \"FILE\"", "write the worked example as a document", "export markdown \"example.md\""),
            new Entry("init", "init SCHEME [seed=N]", "(re)initialise every layer, now and later: xavier, he, uniform(lo, hi), normal(mean, std), zeros", "init xavier seed=1"),
            new Entry("data", "data NAME = [IN -> OUT, ...] | csv \"FILE\" [target=COL] [onehot] | random(rows=N, inputs=N, classes=N, seed=S)", "a data set: inline, from a CSV file, or generated", "data xor = [[0,0] -> [0], [0,1] -> [1], [1,0] -> [1], [1,1] -> [0]]"),
            new Entry("train", "train [DATA] epochs=N lr=RATE [batch=B] [optimizer=sgd|momentum|adam] [shuffle] [seed=S]", "mini-batch training on a data set (or the current example); Ctrl-C stops and keeps the parameters", "train xor epochs=1000 lr=0.5"),
            new Entry("freeze", "freeze PARAM ...", "keep parameters (or a layer's, by name) fixed in update, step and train", "freeze b0 b1"),
            new Entry("unfreeze", "unfreeze [PARAM ...]", "let parameters change again (all without names)", "unfreeze b0"),
            new Entry("evaluate", "evaluate [DATA]", "mean loss and, for class labels, accuracy", "evaluate xor"),
            new Entry("predict", "predict VECTOR | predict [[..], [..]]", "the output for inputs, without touching x, E or gradients", "predict [1, 0]"),
            new Entry("plot", "plot loss [\"FILE.svg\"|\"FILE.png\"] [log|linear]", "chart the loss per epoch in the terminal, or write an SVG or PNG", "plot loss"),
            new Entry("gradcheck", "gradcheck [DATA] [h=1e-3] [tolerance=1e-5]", "compare every backprop gradient with central finite differences", "gradcheck"),
            new Entry("save", "save \"FILE.nn\"", "write the network as a script that rebuilds it bit for bit (run it to load)", "save \"net.nn\""),
            new Entry("run", "run \"FILE.nn\"", "run a script inside this session", "run \"samples/seed.nn\""),
            new Entry("reset", "reset", "forget everything and start over", "reset"),
            new Entry("help", "help [STATEMENT]", "list statements, or show one's syntax and an example", "help layer"),
            new Entry("exit", "exit | quit", "leave nn", "exit"));

    /** Topics {@code help} explains besides the statements. */
    public static final List<String> HELP_TOPICS = List.of("names", "activations", "losses", "values");

    public static Entry find(String keyword) {
        for (Entry e : ENTRIES) if (e.keyword().equals(keyword) || (keyword.equals("quit") && e.keyword().equals("exit"))) return e;
        return null;
    }

    public static List<String> keywords() {
        return ENTRIES.stream().map(Entry::keyword).filter(k -> !k.equals("=")).toList();
    }
}
