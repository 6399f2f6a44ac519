package nn.session;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import nn.lang.Diagnostic;
import nn.lang.NnError;
import nn.lang.ParseResult;
import nn.lang.Parser;
import nn.lang.Pos;
import nn.lang.Source;
import nn.lang.Stmt;

/**
 * The interpreter: the state plus the table of statements ({@link Statements}). Returns results as {@link Output}
 * data and never prints. Every statement is atomic: it runs on a copy of the state, which replaces the state only
 * if the statement succeeds. Scripts, the REPL, {@code -e}, standard input, {@code run "file"}, the Jupyter kernel
 * and the live view all run source through {@link #run}, as jlox's file and prompt share one {@code run}.
 */
public final class Session {
    private State state = new State();
    private int failedExpects;
    private int passedExpects;
    /**
     * The stack of every thread that runs statements (the command line's, a kernel cell's, a graded submission's):
     * expression trees are walked recursively, and {@code Parser.MAX_OPERATIONS} levels must fit with room to spare.
     * Reserved, not committed: a thread uses only what it touches.
     */
    public static final long STACK_BYTES = 512L << 20;

    private boolean exitRequested;
    /** Files being run (innermost last), to stop a script that runs itself. */
    private final Deque<Path> running = new ArrayDeque<>();
    /** Set from another thread (Ctrl-C) to stop a long computation at its next check. */
    private volatile boolean interrupted;

    /** Rows that replace the table's for this session only (tests plant a failing handler). */
    private final java.util.Map<String, Statement> overrides = new java.util.HashMap<>();

    /** Runs {@code keyword} with another handler in this session (for tests of how nn reports its own bugs). */
    public void override(String keyword, Statement.Handler<Stmt.Command> handler) {
        overrides.put(keyword, Statements.find(keyword).withHandler(handler));
    }

    public State state() { return state; }

    /** What this session's statements may do with files (a grader's sandbox refuses writes and reads outside a folder). */
    private FilePolicy files = FilePolicy.OPEN;

    public void files(FilePolicy policy) { files = policy; }

    public FilePolicy files() { return files; }

    /** What a name denotes in the state now (a grader matches an answer to a question by it), or null if it names nothing. */
    public Binding binding(nn.lang.Ref r) {
        try {
            return Names.resolve(r, state);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The decimals values are shown with (precision N). */
    public int precision() { return state.precision; }

    // ---- the live view (`view`): a front end's, reached only through this hook (nn.session knows no page) ----

    /** Makes the live view of this session; installed by the front ends that stay open (REPL, -i, the kernel). */
    private java.util.function.Function<Session, Viewer> viewerFactory;
    private Viewer viewer;
    /** Counts the changes a live view is told of. */
    private long viewVersion;

    /** Lets `view` start a live view made by {@code factory} (called once, when `view` first runs). */
    public void viewers(java.util.function.Function<Session, Viewer> factory) { viewerFactory = factory; }

    /** The session's live view, made on first use; null where no front end installed one. */
    Viewer viewer() {
        if (viewer == null && viewerFactory != null) viewer = viewerFactory.apply(this);
        return viewer;
    }

    /** The live view while it runs, else null. */
    Viewer liveViewer() { return viewer != null && viewer.address() != null ? viewer : null; }

    /** Tells a running live view how training is going: {@code snapshot} has the weights and loss curve so far. */
    void showTraining(State snapshot, int epoch, int epochs) {
        Viewer v = liveViewer();
        if (v == null) return;
        try {
            v.changed(new ViewModel(snapshot, ++viewVersion, "train", epoch, epochs));
        } catch (RuntimeException e) {
            // the page misses this moment of training; training goes on
        }
    }

    /** Tells a running live view the session as it now is; a failing view never fails a statement. */
    private void showInViewer(String what) {
        Viewer v = liveViewer();
        if (v == null) return;
        try {
            v.changed(new ViewModel(state, ++viewVersion, what));
        } catch (RuntimeException e) {
            // the page misses this change; the session is unaffected
        }
    }

    public int failedExpects() { return failedExpects; }

    public int passedExpects() { return passedExpects; }

    public boolean exitRequested() { return exitRequested; }

    void requestExit() { exitRequested = true; }

    public void interrupt() { interrupted = true; }

    /** True once after {@link #interrupt()}: long computations poll this and stop cleanly. */
    public boolean takeInterrupt() {
        boolean i = interrupted;
        interrupted = false;
        return i;
    }

    public boolean interruptPending() { return interrupted; }

    /** Takes back failed expects of a run that was undone whole (a notebook cell): its error reports them. */
    public void forgetExpects(int failed) { failedExpects = Math.max(0, failedExpects - failed); }

    void countExpect(boolean passed) {
        if (passed) passedExpects++; else failedExpects++;
    }

    /** Used by reset and run: the new state takes effect when the statement commits. */
    private State replacement;

    void replaceState(State s) { replacement = s; }

    /** Runs this (throwaway) session on {@code s}: a live view explains a snapshot without touching the real session. */
    void adopt(State s) { state = s; }

    /** The source's statements, with every syntax error and every statement written against its row's arguments. */
    public ParseResult parse(Source source) {
        ParseResult r = Parser.parse(source);
        if (r.incomplete()) return r;
        // a statement on a line with a syntax error was repaired by the parser: checking it would only repeat that error
        java.util.Set<Integer> bad = new java.util.HashSet<>();
        for (Diagnostic d : r.errors()) bad.add(d.pos().line());
        List<Stmt> sound = new ArrayList<>();
        for (Stmt s : r.built()) if (!bad.contains(s.pos().line())) sound.add(s);
        return r.with(check(sound));
    }

    /**
     * Runs one statement. On success its changes are kept; on failure (an {@link NnError}) the state is exactly as
     * before and the error propagates.
     */
    public void execute(Stmt stmt, Consumer<Output> out) {
        Statement row = stmt instanceof Stmt.Command c && overrides.containsKey(c.keyword()) ? overrides.get(c.keyword()) : Statements.of(stmt);
        if (row == null) throw new NnError(stmt.pos(), "'" + stmt.keyword() + "' is not available in this version of nn");
        replacement = null;
        int failedBefore = failedExpects;
        int passedBefore = passedExpects;
        State work = null;
        FilePolicy outer = FilePolicy.enter(files);
        try {
            Args args = stmt instanceof Stmt.Command c ? row.signature.read(c.keyword(), c.pos(), c.args())
                    : stmt instanceof Stmt.Layer l ? row.signature.read("layer", l.pos(), l.args()) : Args.none(stmt.pos());
            work = row.mutates ? state.copy() : state;
            row.run(stmt, args, new Context(this, work, out));
        } catch (NnError e) {
            failedExpects = failedBefore;
            passedExpects = passedBefore;
            throw e;
        } catch (java.nio.file.InvalidPathException e) {
            // a file name no file system accepts (a NUL in it): the user's input, not a bug
            failedExpects = failedBefore;
            passedExpects = passedBefore;
            throw new NnError(new Diagnostic(Diagnostic.Kind.IO, stmt.pos(), "not a valid file name: " + e.getReason(),
                    "file names cannot contain the NUL character"));
        } catch (OutOfMemoryError e) {
            work = null;
            failedExpects = failedBefore;
            passedExpects = passedBefore;
            throw new NnError(stmt.pos(), "out of memory: this statement needs more memory than nn may use; nothing was changed",
                    "use smaller layers or data sets, or run java with a larger -Xmx");
        } catch (RuntimeException | StackOverflowError | AssertionError | LinkageError e) {
            // a bug (also a failed assert or a class that failed to initialise): the statement fails, the session goes on
            failedExpects = failedBefore;
            passedExpects = passedBefore;
            throw new NnError(new Diagnostic(Diagnostic.Kind.INTERNAL, stmt.pos(),
                    "internal error in nn (" + e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "")
                            + "); the statement changed nothing", "this is a bug in nn; run with --debug to see the details"), e);
        } finally {
            FilePolicy.restore(outer);
        }
        if (row.mutates) state = replacement != null ? replacement : work;
        replacement = null;
        showInViewer(stmt.keyword());
    }

    /** How a source is run: stop at the first error (a script, a REPL entry) or report every one; all or nothing. */
    public record Mode(boolean keepGoing, boolean atomic) {
        /** A script: stops at its first runtime error; what ran before it stays. */
        public static final Mode SCRIPT = new Mode(false, false);
        /** A grader's or a class's script: every error reported, the rest still runs. */
        public static final Mode KEEP_GOING = new Mode(true, false);
        /** A notebook cell: if anything in it fails, the session is as before the cell. */
        public static final Mode ATOMIC = new Mode(false, true);
    }

    /**
     * Outcome of running a whole source: statements in it, statements run, errors reported, whether syntax stopped it,
     * where a runtime error stopped it (null if none did), whether Ctrl-C did, and whether an atomic run was undone.
     */
    public record Result(int statements, int ran, int errors, boolean syntaxErrors, Pos stoppedAt, boolean interrupted, boolean undone) {
        public boolean ok() { return errors == 0; }
    }

    /** Told before each statement of a source runs: which, and how many the source has (a kernel groups outputs by it). */
    @FunctionalInterface
    public interface StatementListener {
        void before(Stmt statement, int index, int count);
    }

    private static final StatementListener NO_LISTENER = (s, i, n) -> { };

    /** As {@link #run(Source, Consumer, Mode)} for scripts: {@code keepGoing} reports every error. */
    public Result run(Source source, Consumer<Output> out, boolean keepGoing) {
        return run(source, out, keepGoing ? Mode.KEEP_GOING : Mode.SCRIPT);
    }

    /**
     * Parses and runs a source: syntax errors (all of them) stop it before anything runs; a runtime error stops it
     * unless {@code mode.keepGoing}. Every problem goes to {@code out} as an {@link Output.Problem}.
     */
    public Result run(Source source, Consumer<Output> out, Mode mode) { return run(source, out, mode, NO_LISTENER); }

    /**
     * As {@link #run(Source, Consumer, Mode)}, telling {@code listener} before each statement. An atomic run is undone
     * when a statement fails or an expect does not hold, but not when Ctrl-C stopped it: what ran is kept, as training
     * keeps the parameters it reached.
     */
    public Result run(Source source, Consumer<Output> out, Mode mode, StatementListener listener) {
        // a script file is on the stack of running files from its first statement, so that `run` of it is caught
        Path key = scriptKey(source.origin());
        boolean push = key != null && !key.equals(running.peekLast());
        if (push) running.addLast(key);
        State before = state;
        int failedBefore = failedExpects, passedBefore = passedExpects;
        try {
            Result r = runParsed(source, out, mode, listener);
            if (mode.atomic() && !r.interrupted() && (!r.ok() || failedExpects > failedBefore)) {
                state = before;
                failedExpects = failedBefore;
                passedExpects = passedBefore;
                showInViewer("undone");
                return new Result(r.statements(), r.ran(), r.errors(), r.syntaxErrors(), r.stoppedAt(), r.interrupted(), true);
            }
            return r;
        } finally {
            if (push) running.removeLast();
        }
    }

    /**
     * How every statement is written, checked against its row before anything runs (unknown options, arguments a
     * statement does not take, a number out of an option's range): like syntax errors, all of them are reported and
     * nothing of the source runs.
     */
    public static List<Diagnostic> check(List<Stmt> statements) {
        List<Diagnostic> out = new ArrayList<>();
        for (Stmt s : statements) {
            Statement row = Statements.of(s);
            if (row == null) continue;
            try {
                if (s instanceof Stmt.Command c) row.signature.read(c.keyword(), c.pos(), c.args());
                else if (s instanceof Stmt.Layer l) row.signature.read("layer", l.pos(), l.args());
            } catch (NnError e) {
                Diagnostic d = e.diagnostic();
                out.add(new Diagnostic(Diagnostic.Kind.SYNTAX, d.pos(), d.message(), d.hint()));
            }
        }
        return out;
    }

    /** The normalised absolute path of a script origin, or null for "<repl>", "<stdin>", "-e". */
    static Path scriptKey(String origin) {
        if (origin.isEmpty() || origin.startsWith("<") || origin.equals("-e")) return null;
        try {
            return Path.of(origin).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            return null;
        }
    }

    Deque<Path> running() { return running; }

    /**
     * A nested script ({@code run "file"}) on the working copy of the statement that runs it: its state becomes that
     * statement's result when the script ran clean.
     */
    Result runNested(Path key, Source src, Context ctx) {
        running.addLast(key);
        State before = state;
        state = ctx.state(); // the nested script runs on this statement's working copy
        Result r;
        try {
            r = run(src, ctx.out(), Mode.SCRIPT);
        } finally {
            running.removeLast();
        }
        State after = state;
        state = before;
        if (r.ok()) replaceState(after);
        return r;
    }

    /**
     * Display math that is not nn's language (a worked solution pasted from a document): one atomic statement that
     * checks every equation in it, as {@code check "FILE"} does, and keeps the network it reads.
     */
    private Result runDocument(Source source, Consumer<Output> out) {
        State work = state.copy();
        int failedBefore = failedExpects;
        int passedBefore = passedExpects;
        Pos at = new Pos(source, source.firstLine(), 1, 1);
        try {
            CheckCommand.check(source, new Context(this, work, out), at);
        } catch (NnError e) {
            failedExpects = failedBefore;
            passedExpects = passedBefore;
            out.accept(new Output.Problem(e.diagnostic(), e.getCause()));
            return new Result(1, 1, 1, false, at, false, false);
        } catch (RuntimeException | StackOverflowError e) {
            failedExpects = failedBefore;
            passedExpects = passedBefore;
            out.accept(new Output.Problem(new Diagnostic(Diagnostic.Kind.INTERNAL, at,
                    "internal error in nn while checking the equations (" + e.getClass().getSimpleName() + "); nothing was changed",
                    "this is a bug in nn; run with --debug to see the details"), e));
            return new Result(1, 1, 1, false, at, false, false);
        }
        state = work;
        return new Result(1, 1, 0, false, null, false, false);
    }

    /** Syntax errors shown for one source; the rest are counted in one last message. */
    public static final int MAX_SYNTAX_ERRORS = 100;

    private Result runParsed(Source source, Consumer<Output> out, Mode mode, StatementListener listener) {
        ParseResult parsed = parse(source);
        if (!parsed.errors().isEmpty() && nn.lang.Document.looksLikeMath(source.text()) && !nn.lang.Document.read(source).equations().isEmpty()) {
            return runDocument(source, out); // a pasted worked solution: its equations are checked (issue 14)
        }
        if (!parsed.errors().isEmpty()) {
            List<Diagnostic> all = parsed.errors();
            // as compilers do: the first errors matter, thousands of them (a pasted binary) only flood the screen
            for (Diagnostic d : all.subList(0, Math.min(all.size(), MAX_SYNTAX_ERRORS))) out.accept(new Output.Problem(d));
            if (all.size() > MAX_SYNTAX_ERRORS) {
                Diagnostic next = all.get(MAX_SYNTAX_ERRORS);
                int more = all.size() - MAX_SYNTAX_ERRORS;
                out.accept(new Output.Problem(new Diagnostic(Diagnostic.Kind.SYNTAX, next.pos(),
                        "… and " + more + " more syntax error" + (more == 1 ? "" : "s") + " in " + source.origin() + " (not shown), the first of them here",
                        "fix the errors above first: later ones often follow from them")));
            }
            return new Result(0, 0, parsed.errors().size(), true, null, false, false);
        }
        List<Stmt> statements = parsed.statements();
        int ran = 0;
        int errors = 0;
        Pos stopped = null;
        boolean interruptedHere = false;
        // with --keep-going, expects that fail after a failed statement say so: that statement changed nothing, so
        // later values usually differ because of it (a refused W0 = ... leaves the initial weights)
        Pos[] firstFailure = {null};
        Consumer<Output> sink = o -> {
            if (firstFailure[0] != null && o instanceof Output.Expectation e && !e.passed()) {
                List<String> hints = new ArrayList<>(e.hints());
                hints.add("line " + firstFailure[0].line() + (firstFailure[0].origin().equals(e.pos().origin()) ? "" : " of " + firstFailure[0].origin())
                        + " failed earlier and changed nothing; this may follow from it");
                o = new Output.Expectation(e.passed(), e.pos(), e.label(), e.relation(), e.expected(), e.actual(), e.tolerance(), e.precision(), hints);
            }
            out.accept(o);
        };
        for (int index = 0; index < statements.size(); index++) {
            Stmt s = statements.get(index);
            if (takeInterrupt()) {
                // Ctrl-C during a long entry or `run "file"`: stop here; a nested run then leaves the session as before it
                // (the caller says so: the REPL with what did not run, a nested run as its own error)
                errors++;
                interruptedHere = true;
                stopped = s.pos();
                break;
            }
            listener.before(s, index, statements.size());
            try {
                ran++;
                execute(s, sink);
            } catch (NnError e) {
                errors++;
                out.accept(new Output.Problem(e.diagnostic(), e.getCause()));
                if (!mode.keepGoing()) {
                    stopped = s.pos();
                    break;
                }
                if (firstFailure[0] == null && e.diagnostic().pos() != null) firstFailure[0] = s.pos();
            }
            if (exitRequested) break;
        }
        return new Result(statements.size(), ran, errors, false, stopped, interruptedHere, false);
    }
}
