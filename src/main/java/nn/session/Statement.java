package nn.session;

import java.util.ArrayList;
import java.util.List;
import nn.lang.Stmt;

/**
 * One row of the interpreter's table, everything about one statement in one place (JShell's command table): its
 * keyword, the syntax form it is parsed as, whether it can change the state (those run on a copy that replaces the
 * state only on success), its arguments ({@link Signature}), its help and example, and its handler. Help,
 * completion, did-you-mean, the REPL's highlighting and the checks of every option read the rows.
 */
public final class Statement {

    /** How a statement runs: its syntax form, its arguments as read, and the context (state, outputs). */
    @FunctionalInterface
    public interface Handler<S extends Stmt> {
        void run(S stmt, Args args, Context ctx);
    }

    /** The groups `help` lists the statements in. */
    public enum Group { NETWORK, PASSES, VALUES, EXPLAIN, TRAINING, FILES, SESSION }

    public final String keyword;
    /** Other keywords for the same statement ({@code quit} for {@code exit}). */
    public final List<String> aliases;
    public final Class<? extends Stmt> form;
    public final boolean mutates;
    public final Signature signature;
    public final Group group;
    /** The syntax when the signature alone does not say it (`NAME = VALUE`), else null. */
    private final String syntax;
    public final String summary;
    /** A statement that runs as written after {@link #setup}: help shows it, and a test runs every one. */
    public final String example;
    /** What must run before the example (a network, an input), or "". */
    public final String setup;
    private final Handler<? extends Stmt> handler;

    private Statement(Builder b) {
        keyword = b.keyword;
        aliases = List.copyOf(b.aliases);
        form = b.form;
        mutates = b.mutates;
        signature = new Signature(b.params, b.options, b.flags);
        group = b.group;
        syntax = b.syntax;
        summary = b.summary;
        example = b.example;
        setup = b.setup;
        handler = b.handler;
    }

    /** This row with another handler (tests plant a failing one to check how bugs are reported). */
    public Statement withHandler(Handler<Stmt.Command> h) {
        Builder b = new Builder(keyword, form, group);
        b.aliases.addAll(aliases);
        b.params.addAll(signature.params);
        b.options.addAll(signature.options);
        b.flags.addAll(signature.flags);
        b.mutates = mutates;
        b.syntax = syntax;
        b.summary = summary;
        b.example = example;
        b.setup = setup;
        return b.handler(h);
    }

    /** "train [DATA] epochs=N lr=X ...": the syntax as help writes it. */
    public String syntax() {
        if (syntax != null) return syntax;
        String u = signature.usage();
        return u.isEmpty() ? keyword : keyword + " " + u;
    }

    @SuppressWarnings("unchecked")
    void run(Stmt s, Args args, Context ctx) { ((Handler<Stmt>) handler).run(s, args, ctx); }

    /** A statement written {@code keyword argument*}. */
    static Builder command(String keyword, Group group) { return new Builder(keyword, Stmt.Command.class, group); }

    /** A statement with a syntax form of its own. */
    static Builder form(String keyword, Class<? extends Stmt> form, Group group) { return new Builder(keyword, form, group); }

    static final class Builder {
        private final String keyword;
        private final Class<? extends Stmt> form;
        private final Group group;
        private final List<String> aliases = new ArrayList<>();
        private final List<Signature.Param> params = new ArrayList<>();
        private final List<Signature.OptionSpec> options = new ArrayList<>();
        private final List<Signature.Flag> flags = new ArrayList<>();
        private boolean mutates = true;
        private String syntax;
        private String summary;
        private String example;
        private String setup = "";
        private Handler<? extends Stmt> handler;

        private Builder(String keyword, Class<? extends Stmt> form, Group group) {
            this.keyword = keyword;
            this.form = form;
            this.group = group;
        }

        Builder alias(String a) { aliases.add(a); return this; }

        /** The statement only reads the state (show, explain, expect...): it runs on the state itself. */
        Builder reads() { mutates = false; return this; }

        Builder param(String name, Signature.Kind kind, String... choices) {
            params.add(new Signature.Param(name, kind, false, false, List.of(choices), List.of()));
            return this;
        }

        Builder optional(String name, Signature.Kind kind, String... choices) {
            params.add(new Signature.Param(name, kind, true, false, List.of(choices), List.of()));
            return this;
        }

        Builder repeated(String name, Signature.Kind kind, boolean optional) {
            params.add(new Signature.Param(name, kind, optional, true, List.of(), List.of()));
            return this;
        }

        /** What completion offers for the last parameter: words, or for a file its extension (".nn"). */
        Builder offering(List<String> words) {
            Signature.Param p = params.remove(params.size() - 1);
            params.add(new Signature.Param(p.name(), p.kind(), p.optional(), p.repeated(), p.choices(), List.copyOf(words)));
            return this;
        }

        Builder offering(String... words) { return offering(List.of(words)); }

        Builder option(String name, Signature.Type type, String help, String... choices) {
            options.add(new Signature.OptionSpec(name, type, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, List.of(choices), List.of(), help));
            return this;
        }

        Builder range(String name, Signature.Type type, double min, double max, String help) {
            options.add(new Signature.OptionSpec(name, type, min, max, List.of(), List.of(), help));
            return this;
        }

        /** The learning rate, lr= (also μ=, mu=, η=, eta=, alpha=, learning_rate=). */
        Builder rate() {
            options.add(new Signature.OptionSpec("lr", Signature.Type.POSITIVE, 0, Double.POSITIVE_INFINITY, List.of(),
                    List.of("μ", "mu", "η", "eta", "alpha", "learning_rate"), "the learning rate (default: the one set by `μ = 0.1`)"));
            return this;
        }

        /** The optimizer and every hyper-parameter of its formula (PyTorch's names and defaults). */
        Builder optimizer() {
            option("optimizer", Signature.Type.WORD, "sgd, momentum or adam (default: the one the last update used, else sgd)", nn.core.Optimizer.NAMES.toArray(new String[0]));
            range("momentum", Signature.Type.NUMBER, 0, 0.9999999999999999, "momentum's μ (default 0.9)");
            option("nesterov", Signature.Type.BOOL, "momentum with Nesterov's look-ahead (PyTorch's nesterov=True)");
            range("beta1", Signature.Type.NUMBER, 0, 0.9999999999999999, "Adam's β1 (default 0.9)");
            range("beta2", Signature.Type.NUMBER, 0, 0.9999999999999999, "Adam's β2 (default 0.999)");
            range("eps", Signature.Type.NUMBER, 0, Double.MAX_VALUE, "Adam's ε (default 1e-8; 0 is allowed)");
            range("weight_decay", Signature.Type.NUMBER, 0, Double.MAX_VALUE, "L2 weight decay added to the gradient (default 0)");
            return this;
        }

        Builder flag(String name, String help) { flags.add(new Signature.Flag(name, help)); return this; }

        Builder syntax(String s) { syntax = s; return this; }

        Builder help(String summary, String example) {
            this.summary = summary;
            this.example = example;
            return this;
        }

        Builder setup(String s) { setup = s; return this; }

        <S extends Stmt> Statement handler(Class<S> type, Handler<S> h) {
            if (!type.equals(form)) throw new IllegalArgumentException(keyword + ": handler for " + type.getSimpleName() + ", form " + form.getSimpleName());
            handler = h;
            return new Statement(this);
        }

        /** The handler of a statement written {@code keyword argument*}. */
        Statement handler(Handler<Stmt.Command> h) { return handler(Stmt.Command.class, h); }
    }
}
