package nn.session;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import nn.lang.Diagnostic;
import nn.lang.NnError;
import nn.lang.ParseResult;
import nn.lang.Pos;
import nn.lang.Parser;
import nn.lang.Source;
import nn.lang.Stmt;

/**
 * The interpreter: the state plus the table of commands that execute statements. Returns results as
 * {@link Output} data and never prints. Every statement is atomic: it runs on a copy of the state, which replaces
 * the state only if the statement succeeds.
 */
public final class Session {
    private final Map<Class<?>, Command<?>> commands = new HashMap<>();
    private State state = new State();
    private int failedExpects;
    private int passedExpects;
    private boolean exitRequested;
    /** Files being run (innermost last), to stop a script that runs itself. */
    private final Deque<Path> running = new ArrayDeque<>();
    /** Set from another thread (Ctrl-C) to stop a long computation at its next check. */
    private volatile boolean interrupted;

    public Session() {
        for (Command<?> c : ModelCommands.TABLE) register(c);
        for (Command<?> c : PassCommands.TABLE) register(c);
        for (Command<?> c : InspectCommands.TABLE) register(c);
        for (Command<?> c : Extensions.TABLE) register(c);
        register(Command.changes(Stmt.Run.class, (s, ctx) -> runFile(s, ctx)));
        register(Command.changes(Stmt.Reset.class, (s, ctx) -> {
            ctx.session().replaceState(new State());
            ctx.info("reset: no layers, no data");
        }));
        register(Command.reads(Stmt.Exit.class, (s, ctx) -> exitRequested = true));
    }

    private void register(Command<?> c) { commands.put(c.type(), c); }

    /** Adds or replaces the command for one kind of statement (features register theirs here). */
    public void define(Command<?> c) { register(c); }

    public State state() { return state; }

    public int failedExpects() { return failedExpects; }

    public int passedExpects() { return passedExpects; }

    public boolean exitRequested() { return exitRequested; }

    public void interrupt() { interrupted = true; }

    /** True once after {@link #interrupt()}: long computations poll this and stop cleanly. */
    public boolean takeInterrupt() {
        boolean i = interrupted;
        interrupted = false;
        return i;
    }

    public boolean interruptPending() { return interrupted; }

    void countExpect(boolean passed) {
        if (passed) passedExpects++; else failedExpects++;
    }

    /** Used by reset: the new state takes effect when the statement commits. */
    private State replacement;

    void replaceState(State s) { replacement = s; }

    public ParseResult parse(Source source) { return Parser.parse(source); }

    /**
     * Runs one statement. On success its changes are kept; on failure (an {@link NnError}) the state is exactly as
     * before and the error propagates.
     */
    public void execute(Stmt stmt, Consumer<Output> out) {
        Command<?> c = commands.get(stmt.getClass());
        if (c == null) throw new NnError(stmt.pos(), "'" + stmt.keyword() + "' is not available in this version of nn");
        State work = c.mutates() ? state.copy() : state;
        replacement = null;
        int failedBefore = failedExpects;
        int passedBefore = passedExpects;
        try {
            c.run(stmt, new Context(this, work, out));
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
        }
        if (c.mutates()) state = replacement != null ? replacement : work;
        replacement = null;
    }

    /** Outcome of running a whole source: statements run, errors reported, whether syntax stopped it. */
    public record RunSummary(int statements, int errors, boolean syntaxErrors) { }

    /**
     * Parses and runs a source the way a script runs: syntax errors (all of them) stop it before anything runs;
     * a runtime error stops it unless {@code keepGoing}. Every problem goes to {@code out} as an {@link Output.Problem}.
     */
    public RunSummary run(Source source, Consumer<Output> out, boolean keepGoing) {
        // a script file is on the stack of running files from its first statement, so that `run` of it is caught
        Path key = scriptKey(source.origin());
        boolean push = key != null && !key.equals(running.peekLast());
        if (push) running.addLast(key);
        try {
            return runParsed(source, out, keepGoing);
        } finally {
            if (push) running.removeLast();
        }
    }

    /** The normalised absolute path of a script origin, or null for "<repl>", "<stdin>", "-e". */
    private static Path scriptKey(String origin) {
        if (origin.isEmpty() || origin.startsWith("<") || origin.equals("-e")) return null;
        try {
            return Path.of(origin).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private RunSummary runParsed(Source source, Consumer<Output> out, boolean keepGoing) {
        ParseResult parsed = parse(source);
        if (!parsed.errors().isEmpty()) {
            for (Diagnostic d : parsed.errors()) out.accept(new Output.Problem(d));
            return new RunSummary(0, parsed.errors().size(), true);
        }
        int ran = 0;
        int errors = 0;
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
        for (Stmt s : parsed.statements()) {
            if (takeInterrupt()) {
                // Ctrl-C in the REPL during `run "file"`: stop here; a nested run then leaves the session as before it
                errors++;
                out.accept(new Output.Problem(new Diagnostic(Diagnostic.Kind.RUNTIME, s.pos(), "interrupted (Ctrl-C): this statement and the rest did not run")));
                break;
            }
            try {
                ran++;
                execute(s, sink);
            } catch (NnError e) {
                errors++;
                out.accept(new Output.Problem(e.diagnostic(), e.getCause()));
                if (!keepGoing) break;
                if (firstFailure[0] == null && e.diagnostic().pos() != null) firstFailure[0] = s.pos();
            }
            if (exitRequested) break;
        }
        return new RunSummary(ran, errors, false);
    }

    private void runFile(Stmt.Run s, Context ctx) {
        Path base = s.pos().origin().isEmpty() || s.pos().origin().startsWith("<") || s.pos().origin().equals("-e")
                ? Path.of("") : Path.of(s.pos().origin()).toAbsolutePath().getParent();
        Path file;
        try {
            file = (base == null ? Path.of(s.file().text()) : base.resolve(s.file().text())).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw SourceFiles.io(s.file().pos(), "not a valid file name: " + e.getReason(), null);
        }
        Path key = file.toAbsolutePath().normalize();
        if (running.contains(key)) {
            List<String> chain = new ArrayList<>();
            for (Path p : running) chain.add(p.getFileName().toString());
            chain.add(key.getFileName().toString());
            throw new NnError(s.file().pos(), "run would run " + file.getFileName() + " inside itself: " + String.join(" → ", chain), null);
        }
        if (running.size() >= 64) throw new NnError(s.file().pos(), "scripts nested more than 64 deep", null);
        Source src = SourceFiles.read(file, s.file().pos());
        if (src.text().isBlank()) ctx.emit(new Output.Warning(s.file().pos(), file + " is empty: nothing to run"));
        running.addLast(key);
        State before = state;
        state = ctx.state(); // the nested script runs on this statement's working copy
        RunSummary r;
        try {
            r = run(src, ctx.out(), false);
        } finally {
            running.removeLast();
        }
        State after = state;
        state = before;
        if (r.syntaxErrors()) throw new NnError(s.file().pos(), file + " has syntax errors (above); nothing of it ran", null);
        if (r.errors() > 0) throw new NnError(s.file().pos(), "run stopped at the error above; the session is as before run", null);
        replaceState(after);
    }
}
