package nn.session;

import static nn.session.Signature.Kind.CALL;
import static nn.session.Signature.Kind.DATA;
import static nn.session.Signature.Kind.EXPR;
import static nn.session.Signature.Kind.FILE;
import static nn.session.Signature.Kind.NAME;
import static nn.session.Signature.Kind.VALUE;
import static nn.session.Signature.Kind.WORD;
import static nn.session.Signature.Type.BOOL;
import static nn.session.Signature.Type.NUMBER;
import static nn.session.Signature.Type.POSITIVE;
import static nn.session.Signature.Type.WHOLE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nn.core.Activation;
import nn.core.Loss;
import nn.core.Optimizer;
import nn.lang.Stmt;
import nn.session.Statement.Group;

/**
 * The interpreter's table: one row per statement, in the order `help` lists them. A new statement is a keyword in
 * the grammar, a row here and its handler; help, completion, did-you-mean and option checking follow from the row,
 * and {@code StatementsTest} fails when the grammar has a keyword without a row or a row lacks help or an example.
 */
public final class Statements {
    private Statements() { }

    private static final List<String> ACTIVATIONS = Activation.names();

    public static final List<Statement> ALL = List.of(
            Statement.form("layer", Stmt.Layer.class, Group.NETWORK)
                    .syntax("layer ACTIVATION IN->OUT [as NAME] [slope=S] [bias=true|false|shared]")
                    .option("slope", NUMBER, "leaky_relu's slope below 0 (default 0.01)")
                    .option("bias", Signature.Type.WORD, "true: one bias per neuron (default); false: none; shared: one for the layer", "true", "false", "shared")
                    .help("append a dense layer (" + String.join(", ", ACTIVATIONS) + ")", "layer relu 3->2 as h")
                    .handler(Stmt.Layer.class, ModelCommands::layer),
            Statement.form("=", Stmt.Assign.class, Group.NETWORK)
                    .syntax("NAME = VALUE | NAME = EXPRESSION")
                    .help("set a parameter, element, input or target (W0, b1, w100, W1[0,0], x, y), or your own value or expression (q = x + y)",
                            "W0 = [[0.2, -1.2, 0.9], [-0.5, -1.2, 0.3]]")
                    .setup("layer relu 3->2")
                    .handler(Stmt.Assign.class, ModelCommands::assign),
            Statement.command("input", Group.NETWORK).param("VALUE", EXPR)
                    .help("set the example's input x (one row per example for a batch)", "input [0.9, 0.2, 0.5]")
                    .handler(ModelCommands::input),
            Statement.command("target", Group.NETWORK).optional("VALUE", EXPR)
                    .range("class", WHOLE, 0, Integer.MAX_VALUE, "the target as a class index (one-hot), as PyTorch's CrossEntropyLoss takes it")
                    .help("set the example's target y (a number is a 1-vector)", "target [0]")
                    .handler(ModelCommands::target),
            Statement.command("loss", Group.NETWORK).optional("NAME", WORD).offering(Loss.names())
                    .option("reduction", Signature.Type.WORD, "mean (default) or sum of a batch's losses", "mean", "sum")
                    .help("choose the loss: half_sse (default, ½Σ(y−o)²), mse, bce, cross_entropy; PyTorch's and Keras's names too", "loss half_sse")
                    .handler(ModelCommands::loss),
            Statement.command("forward", Group.PASSES)
                    .help("compute every pre-activation and activation, the output and the loss (and your expressions again)", "forward")
                    .setup("layer relu 3->2; input [0.9, 0.2, 0.5]")
                    .handler(PassCommands::forward),
            Statement.command("backward", Group.PASSES).optional("ROOT", EXPR)
                    .syntax("backward [VALUE]")
                    .help("compute the gradient of the loss (or of any value: backward f) for every parameter and value", "backward")
                    .setup("layer relu 3->2; input [0.9, 0.2, 0.5]; target [0, 1]; forward")
                    .handler(PassCommands::backward),
            Statement.command("update", Group.PASSES).rate().optimizer()
                    .syntax("update lr=RATE [optimizer=sgd|momentum|adam] [momentum=0.9] [beta1=0.9] [beta2=0.999] [eps=1e-8] ...")
                    .help("one step of the optimizer (default gradient descent: p ← p − lr·∂E/∂p); its state lasts to the next update", "update lr=0.1")
                    .setup("layer relu 3->2; input [0.9, 0.2, 0.5]; target [0, 1]; forward; backward")
                    .handler(PassCommands::update),
            Statement.command("step", Group.PASSES).rate().optimizer()
                    .help("forward, backward, update; prints the loss before the update", "step lr=0.1")
                    .setup("layer relu 3->2; input [0.9, 0.2, 0.5]; target [0, 1]")
                    .handler(PassCommands::step),
            Statement.command("show", Group.VALUES).reads().repeated("NAME", NAME, false)
                    .syntax("show NAME ... [full]")
                    .help("print values: x, W0, w100, h_pre, o, E, dE/dw100, net; a big value shows its corners, `full` all of it", "show dE/dW0")
                    .setup("layer relu 3->2; input [0.9, 0.2, 0.5]; target [0, 1]; forward; backward")
                    .handler(InspectCommands::show),
            Statement.form("expect", Stmt.Expect.class, Group.VALUES).reads()
                    .syntax("expect NAME = VALUE [± TOL]")
                    .help("check a value (also <, >, <=, >=); a miss makes a script exit 1", "expect o = 0.5")
                    .setup("layer linear 1->1; W0 = 0; b0 = 0.5; input 1; forward")
                    .handler(Stmt.Expect.class, InspectCommands::expect),
            // ---- grading (docs/grading.md): an answer key names what it asks; `nn grade` reads these rows' statements
            Statement.command("ask", Group.VALUES).reads().param("NAME", NAME)
                    .option("points", POSITIVE, "what a right answer is worth (default 1)")
                    .syntax("ask NAME [points=N]")
                    .help("in an answer key: a value the student must give (nn grade checks it at the precision written); run, it shows the value", "ask dE/dw100 points=2")
                    .setup("layer relu 3->2; layer sigmoid 2->1; input [0.9, 0.2, 0.5]; target 0; forward; backward")
                    .handler(InspectCommands::ask),
            // ---- end of grading
            Statement.command("precision", Group.VALUES).param("DIGITS", VALUE)
                    .help("how many decimals values are shown with (default 3)", "precision 6")
                    .handler(InspectCommands::precision),
            Statement.command("explain", Group.EXPLAIN).reads().optional("update", WORD, "update").param("NAME", NAME)
                    .syntax("explain NAME | explain update NAME")
                    .help("derive a value or gradient step by step with the chain rule", "explain dE/dw100")
                    .setup("layer relu 3->2; layer sigmoid 2->1; input [0.9, 0.2, 0.5]; target 0; forward; backward")
                    .handler(ExplainCommands::explain),
            Statement.command("trace", Group.EXPLAIN).param("MODE", WORD, "on", "off")
                    .help("print every intermediate value as passes compute them", "trace on")
                    .handler(InspectCommands::trace),
            Statement.command("draw", Group.EXPLAIN).reads().optional("WHAT", WORD, "gradients", "gradient", "grads", "graph", "values", "weights")
                    .offering("gradients", "graph").optional("FILE", FILE).offering(".svg", ".png")
                    .syntax("draw [gradients|graph] [\"FILE.svg\"|\"FILE.png\"]")
                    .help("picture the network with its weights and values (or gradients), or its computational graph", "draw")
                    .setup("layer relu 3->2")
                    .handler(ExplainCommands::draw),
            Statement.command("export", Group.EXPLAIN).reads()
                    .param("FORMAT", WORD, "markdown", "latex", "md", "tex",
                            // export numpy|pytorch (issue 16): a Python program with the same numbers; lr= and the optimizer's options as update's
                            "numpy", "pytorch", "torch").offering("markdown", "latex", "numpy", "pytorch").param("FILE", FILE)
                    .rate().optimizer()
                    .syntax("export markdown|latex|numpy|pytorch \"FILE\" [lr=RATE] [optimizer=sgd|momentum|adam] ...")
                    .help("write the worked example as a document, or as a NumPy or PyTorch program that computes the same numbers", "export markdown \"example.md\"")
                    .setup("layer relu 3->2; input [0.9, 0.2, 0.5]; target [0, 1]; forward; backward")
                    .handler(ExplainCommands::export),
            Statement.command("init", Group.TRAINING).param("SCHEME", CALL).offering(InitCommand.SCHEMES)
                    .range("seed", WHOLE, 0, InitCommand.MAX_SEED, "the generator's seed (default 0)")
                    .syntax("init SCHEME [seed=N]")
                    .help("(re)initialise every layer, now and later: xavier, he, uniform(lo, hi), normal(mean, std), zeros", "init xavier seed=1")
                    .handler(InitCommand::run),
            Statement.form("data", Stmt.Data.class, Group.TRAINING)
                    .syntax("data NAME = [IN -> OUT, ...] | csv \"FILE\" [target=COL] [onehot] | random(rows=N, inputs=N, classes=N, seed=S)")
                    .help("a data set: inline, from a CSV file, or generated", "data xor = [[0,0] -> [0], [0,1] -> [1], [1,0] -> [1], [1,1] -> [0]]")
                    .handler(Stmt.Data.class, DataCommand::run),
            Statement.command("train", Group.TRAINING).optional("DATA", DATA)
                    .range("epochs", WHOLE, 1, Integer.MAX_VALUE, "passes over the data set (required)")
                    .rate()
                    .range("batch", WHOLE, 1, Integer.MAX_VALUE, "examples per update (default: the whole set)")
                    .optimizer()
                    .option("shuffle", BOOL, "shuffle the rows every epoch (seeded)")
                    .range("seed", WHOLE, 0, InitCommand.MAX_SEED, "the seed of the shuffle (default 0)")
                    .flag("fresh", "start the optimizer afresh (zero moments) instead of continuing the session's")
                    .option("test", Signature.Type.DATA, "a data set not trained on: its mean loss after every epoch is a second curve for plot loss")
                    .syntax("train [DATA] epochs=N lr=RATE [batch=B] [optimizer=sgd|momentum|adam] [shuffle] [seed=S] [test=DATA]")
                    .help("mini-batch training on a data set (or the current example); Ctrl-C stops and keeps the parameters", "train xor epochs=1000 lr=0.5")
                    .setup("layer tanh 2->2; layer sigmoid 2->1; data xor = [[0,0] -> [0], [0,1] -> [1], [1,0] -> [1], [1,1] -> [0]]")
                    .handler(TrainCommand::run),
            Statement.command("freeze", Group.TRAINING).repeated("PARAM", NAME, false)
                    .help("keep parameters (or a layer's, by name) fixed in update, step and train", "freeze b0 b1")
                    .setup("layer relu 3->2; layer sigmoid 2->1")
                    .handler((s, a, ctx) -> TrainCommands.freeze(a.refs("PARAM"), true, ctx, s.pos())),
            Statement.command("unfreeze", Group.TRAINING).repeated("PARAM", NAME, true)
                    .help("let parameters change again (all without names)", "unfreeze b0")
                    .setup("layer relu 3->2; freeze b0")
                    .handler((s, a, ctx) -> TrainCommands.freeze(a.refs("PARAM"), false, ctx, s.pos())),
            Statement.command("evaluate", Group.TRAINING).optional("DATA", DATA)
                    .help("mean loss and, for class labels, accuracy", "evaluate xor")
                    .setup("layer tanh 2->2; layer sigmoid 2->1; data xor = [[0,0] -> [0], [0,1] -> [1], [1,0] -> [1], [1,1] -> [0]]")
                    .handler(TrainCommands::evaluate),
            Statement.command("predict", Group.TRAINING).reads().param("VALUE", VALUE)
                    .syntax("predict VECTOR | predict [[..], [..]]")
                    .help("the output for inputs, without touching x, E or gradients", "predict [1, 0]")
                    .setup("layer tanh 2->2; layer sigmoid 2->1")
                    .handler(TrainCommands::predict),
            Statement.command("plot", Group.TRAINING).reads().param("WHAT", WORD, "loss").optional("FILE", FILE).offering(".svg", ".png")
                    .option("scale", Signature.Type.WORD, "the loss axis: auto (log when the loss spans more than two decades), log or linear", "auto", "log", "linear")
                    .flag("log", "a logarithmic loss axis").flag("linear", "a linear loss axis")
                    .syntax("plot loss [\"FILE.svg\"|\"FILE.png\"] [log|linear]")
                    .help("chart the loss per epoch in the terminal, or write an SVG or PNG", "plot loss")
                    .setup("layer tanh 2->2; layer sigmoid 2->1; data xor = [[0,0] -> [0], [0,1] -> [1], [1,0] -> [1], [1,1] -> [0]]; train xor epochs=10 lr=0.5")
                    .handler(TrainCommands::plot),
            Statement.command("gradcheck", Group.TRAINING).reads().optional("DATA", DATA)
                    .option("h", POSITIVE, "the finite-difference step (default 1e-3)")
                    .option("tolerance", POSITIVE, "the largest relative error that passes (default 1e-5)")
                    .range("max", WHOLE, 1, 1_000_000, "check at most this many parameters (a seeded sample; default 2000)")
                    .option("data", Signature.Type.WORD, "the data set to check on (or name it first)")
                    .syntax("gradcheck [DATA] [h=1e-3] [tolerance=1e-5]")
                    .help("compare every backprop gradient with central finite differences", "gradcheck")
                    .setup("layer tanh 3->2; layer sigmoid 2->1; input [0.9, 0.2, 0.5]; target 0")
                    .handler(TrainCommands::gradcheck),
            // save "net.npz" and load (issue 16): parameters in and out as NumPy files
            Statement.command("save", Group.FILES).reads().param("FILE", FILE).offering(".nn", ".npz")
                    .syntax("save \"FILE.nn\" | save \"FILE.npz\"")
                    .help("write the network as a script that rebuilds it bit for bit (run it to load), or its parameters as NumPy's .npz (W0, b0, ...)", "save \"net.nn\"")
                    .setup("layer relu 3->2")
                    .handler((s, a, ctx) -> {
                        if (a.file("FILE").text().toLowerCase(java.util.Locale.ROOT).endsWith(".npz")) NpzFiles.save(s, a, ctx);
                        else NetScript.save(s, a, ctx);
                    }),
            Statement.command("load", Group.FILES).param("FILE", FILE).offering(".npz", ".npy")
                    .option("into", Signature.Type.WORD, "the parameter a single .npy goes into (default: the file's name, W0.npy into W0)")
                    .syntax("load \"FILE.npz\" | load \"FILE.npy\" [into=W0]")
                    .help("read parameters from NumPy files (np.savez's .npz by name W0, b0, ...; one .npy), every shape checked", "load \"net.npz\"")
                    .setup("layer relu 3->2; save \"net.npz\"")
                    .handler(NpzFiles::load),
            // end of issue 16's rows
            // issue 14: check a worked solution's equations
            Statement.command("check", Group.FILES).param("FILE", FILE).offering(".txt", ".md", ".tex")
                    .syntax("check \"FILE\"")
                    .help("check every equation of a worked solution (text with $$…$$, Markdown or LaTeX); a slip makes a script exit 1", "check \"samples/solution.md\"")
                    .handler(CheckCommand::run),
            Statement.command("run", Group.FILES).param("FILE", FILE).offering(".nn")
                    .syntax("run \"FILE.nn\"")
                    .help("run a script inside this session", "run \"samples/seed.nn\"")
                    .handler(SessionCommands::run),
            Statement.command("reset", Group.SESSION).optional("WHAT", WORD, "optimizer")
                    .syntax("reset [optimizer]")
                    .help("forget everything and start over (reset optimizer: only the optimizer's state)", "reset")
                    .handler(SessionCommands::reset),
            // ---- the live view (docs/view.md): the row reaches the page only through Session's Viewer hook ----
            Statement.command("view", Group.SESSION).reads().optional("stop", WORD, "stop")
                    .syntax("view | view stop")
                    .help("open a live page on 127.0.0.1 that follows the session: the network, its numbers, derivations on click (view stop ends it)", "view")
                    .handler(ViewCommand::run),
            // ---- end of the live view ----
            Statement.command("help", Group.SESSION).reads().optional("TOPIC", WORD).offering(helpTopics())
                    .syntax("help [STATEMENT]")
                    .help("list statements, or show one's syntax and an example", "help layer")
                    .handler(InspectCommands::help),
            // vars / whos (issue 17: output that fits the screen)
            Statement.command("vars", Group.VALUES).alias("whos").reads()
                    .syntax("vars | whos")
                    .help("list every name with what it is, its shape and its first values (IPython's %whos)", "vars")
                    .setup("layer relu 3->2; input [0.9, 0.2, 0.5]; target [0, 1]; forward")
                    .handler(InspectCommands::vars),
            Statement.command("exit", Group.SESSION).alias("quit").reads()
                    .syntax("exit | quit")
                    .help("leave nn", "exit")
                    .handler(SessionCommands::exit),
            Statement.form("NAME", Stmt.Inspect.class, Group.VALUES).reads()
                    .syntax("NAME | EXPRESSION")
                    .help("a name or expression on its own shows its value", "W0 @ [1, 2, 3]")
                    .setup("layer relu 3->2")
                    .handler(Stmt.Inspect.class, InspectCommands::inspect),
            Statement.form("(N)", Stmt.EquationNumber.class, Group.VALUES).reads()
                    .syntax("(N)")
                    .help("an equation number on its own line, as pasted from a document: ignored", "(12)")
                    .handler(Stmt.EquationNumber.class, (s, a, ctx) -> { }));

    private static final Map<String, Statement> BY_KEYWORD = new LinkedHashMap<>();
    private static final Map<Class<? extends Stmt>, Statement> BY_FORM = new LinkedHashMap<>();

    static {
        for (Statement s : ALL) {
            if (s.form == Stmt.Command.class) {
                BY_KEYWORD.put(s.keyword, s);
                for (String a : s.aliases) BY_KEYWORD.put(a, s);
            } else {
                BY_FORM.put(s.form, s);
            }
        }
    }

    /** The row a parsed statement runs by. */
    static Statement of(Stmt s) {
        if (s instanceof Stmt.Command c) return BY_KEYWORD.get(c.keyword());
        return BY_FORM.get(s.getClass());
    }

    /** The row of a keyword (or the special forms' own: layer, data, expect), or null. */
    public static Statement find(String keyword) {
        Statement s = BY_KEYWORD.get(keyword);
        if (s != null) return s;
        for (Statement f : BY_FORM.values()) if (f.keyword.equals(keyword)) return f;
        return null;
    }

    /** The rows `help` lists. */
    public static List<Statement> listed() {
        List<Statement> out = new ArrayList<>();
        for (Statement s : ALL) if (!s.keyword.startsWith("(")) out.add(s);
        return out;
    }

    /** Every keyword a statement starts with (aliases too): did-you-mean and completion offer these. */
    public static List<String> keywords() {
        List<String> out = new ArrayList<>();
        for (Statement s : ALL) {
            if (s.form == Stmt.Command.class || s.form == Stmt.Layer.class || s.form == Stmt.Data.class || s.form == Stmt.Expect.class) {
                out.add(s.keyword);
                out.addAll(s.aliases);
            }
        }
        return out;
    }

    private static List<String> helpTopics() {
        List<String> t = new ArrayList<>(nn.lang.Keywords.statements());
        t.addAll(Help.TOPICS);
        return t;
    }
}
