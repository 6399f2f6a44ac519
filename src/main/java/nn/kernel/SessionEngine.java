package nn.kernel;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import nn.core.Activation;
import nn.core.Loss;
import nn.lang.Diagnostic;
import nn.lang.NnError;
import nn.lang.ParseResult;
import nn.lang.Parser;
import nn.lang.Source;
import nn.lang.Stmt;
import nn.repl.Completions;
import nn.session.Command;
import nn.session.Names;
import nn.session.Output;
import nn.session.Session;
import nn.session.State;
import nn.session.StatementTable;
import nn.text.Diagnostics;
import nn.text.Renderer;
import nn.text.Style;

/**
 * The engine over nn's {@link Session}: one session for all cells, so that state persists from cell to cell.
 * A cell runs as a typed entry runs in the REPL (syntax errors anywhere and nothing runs; then statement by
 * statement, stopping at the first error), and is atomic as a whole, as {@code run "file"} is: when a statement
 * fails or an {@code expect} does not hold, the state goes back to what it was before the cell, and the cell is an
 * error (so that nbgrader-style test cells fail). An interrupt stops the cell and keeps what it did, as Ctrl-C in
 * the REPL does: {@code train} keeps the parameters it reached. Outputs are rendered with nn's {@link Renderer};
 * {@link RichOutputs} adds SVG and Markdown where a statement has them.
 */
public final class SessionEngine implements Engine {
    /** nn's version (as {@code nn --version} prints it). */
    static final String VERSION = "0.1.0";

    /** Training progress is redrawn at most this often (nn reports it many times a second). */
    static final long PROGRESS_INTERVAL_NANOS = 250_000_000L;

    private final Session session;
    private final Path base;
    /** Results as plain text (text/plain is shown as is); errors in colour (Jupyter shows ANSI colour in tracebacks). */
    private final Renderer plain = new Renderer(Style.PLAIN);
    private final Renderer errors;
    private int progressDisplays;

    /** A new session; file names are taken from the working directory (the notebook's folder under Jupyter). */
    public SessionEngine() { this(new Session(), Path.of(""), System.getenv("NO_COLOR") == null || System.getenv("NO_COLOR").isEmpty()); }

    public SessionEngine(Session session, Path base, boolean color) {
        this.session = session;
        this.base = base;
        this.errors = new Renderer(new Style(color, true));
        // `exit` would end the session's runs for good; a kernel is left from Jupyter's menu instead
        session.define(Command.reads(Stmt.Exit.class, (s, ctx) ->
                ctx.info("exit does nothing in Jupyter: to stop nn, use Kernel → Shut Down (or Restart, to start over)")));
    }

    public Session session() { return session; }

    @Override
    public Info info() {
        return new Info("nn", VERSION, "text/x-nn", ".nn", "nn " + VERSION + ": forward and backward passes, number by number. `help` lists the statements.", VERSION);
    }

    @Override
    public void interrupt() { session.interrupt(); }

    // ---- execute ----

    @Override
    public synchronized Result execute(String code, Consumer<Display> live) {
        session.takeInterrupt(); // an interrupt sent while no cell ran belongs to no cell
        Cell cell = new Cell(live);
        ParseResult parsed = session.parse(new Source(Diagnostics.PROMPT_ORIGIN, code));
        if (!parsed.errors().isEmpty()) {
            for (Diagnostic d : parsed.errors()) cell.fail(d.kind(), d.message(), errors.render(new Output.Problem(d)));
            if (code.strip().lines().count() > 1) cell.note("nothing of this cell ran: it has syntax errors");
            return cell.result();
        }
        List<Stmt> statements = parsed.statements();
        State before = session.state().copy();
        int n = statements.size();
        for (int i = 0; i < n; i++) {
            if (session.interruptPending()) {
                cell.interrupted(n - i);
                break;
            }
            Stmt s = statements.get(i);
            Statement st = new Statement(s, cell, i == n - 1);
            try {
                session.execute(s, st::accept);
            } catch (NnError e) {
                st.finish(false);
                Diagnostic d = e.diagnostic();
                cell.fail(d.kind(), d.message(), errors.render(new Output.Problem(d)));
                if (n > 1) {
                    int after = n - i - 1;
                    cell.note("stopped at line " + s.pos().line() + ": the cell changed nothing"
                            + (after > 0 ? "; the " + count(after) + " after it did not run" : ""));
                }
                break;
            }
            st.finish(true);
        }
        if (session.interruptPending()) cell.interrupted(0);
        if (cell.failure != null && !cell.interrupted) {
            restore(session.state(), before);
            if (cell.failedExpects > 0 && !cell.stopped && n > 1) {
                cell.note(cell.failedExpects + " expect" + (cell.failedExpects == 1 ? "" : "s") + " failed: the cell changed nothing");
            }
        }
        return cell.result();
    }

    private static String count(int n) { return n + " statement" + (n == 1 ? "" : "s"); }

    /**
     * Puts the state back as it was before the cell: every field of {@code saved} into the session's current state
     * (Session has no setter; State is all public fields, which a test checks). Each statement already replaced the
     * state whole when it succeeded, so the state that was current before the cell was never changed in place.
     */
    static void restore(State current, State saved) {
        for (Field f : State.class.getFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m) || Modifier.isFinal(m)) continue;
            try {
                f.set(current, f.get(saved));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot restore State." + f.getName(), e);
            }
        }
    }

    /** What one cell produced so far and how it ends. */
    private final class Cell {
        final Consumer<Display> live;
        final List<Display> outputs = new ArrayList<>();
        final List<String> traceback = new ArrayList<>();
        Failure failure;
        String ename;
        String evalue;
        int failedExpects;
        boolean stopped;
        boolean interrupted;

        Cell(Consumer<Display> live) { this.live = live; }

        void emit(Display d) {
            outputs.add(d);
            live.accept(d);
        }

        void fail(Diagnostic.Kind kind, String message, String rendered) {
            if (kind != Diagnostic.Kind.EXPECT) stopped = true;
            if (ename == null || (ename.equals("ExpectFailed") && kind != Diagnostic.Kind.EXPECT)) {
                ename = switch (kind) {
                    case SYNTAX -> "SyntaxError";
                    case RUNTIME -> "RuntimeError";
                    case IO -> "IOError";
                    case EXPECT -> "ExpectFailed";
                    case INTERNAL -> "InternalError";
                };
                evalue = message;
            }
            traceback.addAll(List.of(rendered.split("\n", -1)));
            failure = new Failure(ename, evalue, List.copyOf(traceback));
        }

        void note(String text) {
            traceback.add(errors.render(new Output.Info("(" + text + ")")));
            failure = new Failure(ename, evalue, List.copyOf(traceback));
        }

        void interrupted(int notRun) {
            if (interrupted) return;
            session.takeInterrupt();
            interrupted = true;
            ename = "Interrupted";
            evalue = notRun > 0 ? "interrupted: " + count(notRun) + " did not run" : "interrupted";
            traceback.add(errors.render(new Output.Info("(" + evalue + "; what ran before is kept)")));
            failure = new Failure(ename, evalue, List.copyOf(traceback));
        }

        Result result() { return new Result(List.copyOf(outputs), failure); }
    }

    /** Routes one statement's outputs: streams at once, rich statements and a closing {@code show} gathered first. */
    private final class Statement {
        final Stmt stmt;
        final Cell cell;
        final boolean gather;
        final boolean result;
        final List<Output> gathered = new ArrayList<>();
        String progressId;
        long progressShown;
        Display progressPending;

        Statement(Stmt stmt, Cell cell, boolean last) {
            this.stmt = stmt;
            this.cell = cell;
            this.gather = RichOutputs.claims(stmt);
            this.result = last && !gather && stmt instanceof Stmt.Show;
        }

        void accept(Output o) {
            if (o instanceof Output.Progress) {
                progress(o);
            } else if (o instanceof Output.Problem p) {
                // from a nested `run "file"`: the run then fails with its own message too
                cell.fail(p.diagnostic().kind(), p.diagnostic().message(), errors.render(o));
            } else if (o instanceof Output.Expectation e && !e.passed()) {
                cell.failedExpects++;
                cell.fail(Diagnostic.Kind.EXPECT, RichOutputs.describe(e), errors.render(o));
            } else if (o instanceof Output.Warning) {
                cell.emit(Display.stderr(plain.render(o)));
            } else if (gather || result) {
                gathered.add(o);
            } else {
                cell.emit(Display.stdout(plain.render(o)));
            }
        }

        private void progress(Output o) {
            Map<String, String> data = Map.of(PLAIN, plain.render(o));
            long now = System.nanoTime();
            if (progressId == null) {
                progressId = "nn-progress-" + (++progressDisplays);
                progressShown = now;
                cell.emit(new Display(Kind.DISPLAY, data, progressId));
            } else if (now - progressShown >= PROGRESS_INTERVAL_NANOS) {
                progressShown = now;
                progressPending = null;
                cell.emit(new Display(Kind.UPDATE, data, progressId));
            } else {
                progressPending = new Display(Kind.UPDATE, data, progressId);
            }
        }

        /** After the statement: the last progress, then what was gathered (with rich data when it succeeded). */
        void finish(boolean succeeded) {
            if (progressPending != null) cell.emit(progressPending);
            progressPending = null;
            if (gathered.isEmpty()) return;
            if (gather && succeeded) {
                for (Display d : RichOutputs.displays(stmt, gathered, session.state(), plain)) cell.emit(d);
            } else if (result && succeeded) {
                List<String> texts = new ArrayList<>();
                for (Output o : gathered) texts.add(plain.render(o));
                cell.emit(new Display(Kind.RESULT, Map.of(PLAIN, String.join("\n", texts)), null));
            } else {
                for (Output o : gathered) cell.emit(Display.stdout(plain.render(o)));
            }
        }
    }

    // ---- complete, inspect, isComplete ----

    /** Jupyter's completion types for nn's completion groups (JupyterLab shows them beside each match). */
    private static final Map<String, String> TYPES = Map.of("statements", "keyword", "words", "keyword", "options", "param",
            "values", "value", "activations", "function", "losses", "function", "topics", "text", "data sets", "instance",
            "names", "variable", "files", "path");

    @Override
    public synchronized Completion complete(String code, int cursor) {
        int at = Math.max(0, Math.min(cursor, code.length()));
        Completions.Result r = Completions.complete(code, at, session.state(), base);
        List<String> matches = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (Completions.Match m : r.matches()) {
            matches.add(m.value());
            types.add(TYPES.getOrDefault(m.group(), m.group()));
        }
        return new Completion(matches, r.start(), at, types);
    }

    @Override
    public synchronized Help inspect(String code, int cursor, int detail) {
        int at = Math.max(0, Math.min(cursor, code.length()));
        String word = wordAt(code, at);
        String keyword = keywordAt(code, at);
        if (word.equals("quit")) word = "exit";
        if (!word.isEmpty()) {
            if (StatementTable.find(word) != null && !word.equals("=")) return help(helpText(word));
            String value = value(word);
            if (value != null) return help(value);
            for (Activation a : Activation.values()) {
                if (a.id.equals(word)) return help(a.id + ": " + a.formula + "   derivative: " + a.derivativeFormula + "\n(help activations lists them all)");
            }
            for (Loss l : Loss.values()) {
                if (l.id.equals(word)) return help(l.id + ": " + l.formula + "   " + l.gradientFormula + "\n(help losses lists them all)");
            }
        }
        if (keyword != null && StatementTable.find(keyword) != null) return help(helpText(keyword));
        return Help.NONE;
    }

    private static Help help(String text) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(PLAIN, text);
        return new Help(true, data);
    }

    /** What `help KEYWORD` prints. */
    private String helpText(String keyword) {
        String text = quietly("help " + keyword);
        return text != null ? text : keyword;
    }

    /** A name's value as `show NAME` prints it, or why it has none yet; null when {@code word} is no name. */
    private String value(String word) {
        if (!word.matches("[\\p{L}\\p{N}_/'∂\\[\\],]+")) return null;
        List<String> out = new ArrayList<>();
        ParseResult p = Parser.parse(new Source("<inspect>", "show " + word));
        if (!p.ok() || p.statements().size() != 1 || !(p.statements().get(0) instanceof Stmt.Show)) return null;
        try {
            session.execute(p.statements().get(0), o -> out.add(plain.render(o)));
        } catch (NnError e) {
            if (!Names.all(session.state().net).contains(word)) return null;
            Diagnostic d = e.diagnostic();
            return word + ": " + d.message() + (d.hint() != null ? "\n  hint: " + d.hint() : "");
        }
        return out.isEmpty() ? null : String.join("\n", out);
    }

    /** Runs a read-only statement and returns its text; null when it fails. */
    private String quietly(String statement) {
        ParseResult p = Parser.parse(new Source("<inspect>", statement));
        if (!p.ok() || p.statements().size() != 1) return null;
        List<String> out = new ArrayList<>();
        try {
            session.execute(p.statements().get(0), o -> out.add(plain.render(o)));
        } catch (NnError e) {
            return null;
        }
        return String.join("\n", out);
    }

    private static boolean wordChar(char c) { return Character.isLetterOrDigit(c) || c == '_' || c == '/' || c == '\'' || c == '∂'; }

    /** The word the cursor is in or just after (a name such as {@code dE/dw100}, or a keyword). */
    static String wordAt(String code, int at) {
        int s = at;
        while (s > 0 && wordChar(code.charAt(s - 1))) s--;
        int e = at;
        while (e < code.length() && wordChar(code.charAt(e))) e++;
        return code.substring(s, e);
    }

    /** The first word of the statement the cursor is in (statements end at a newline outside brackets, or a ';'). */
    static String keywordAt(String code, int at) {
        int start = 0;
        int depth = 0;
        for (int i = 0; i < at; i++) {
            char c = code.charAt(i);
            if (c == '[' || c == '(') depth++;
            else if ((c == ']' || c == ')') && depth > 0) depth--;
            else if (c == ';' || ((c == '\n' || c == '\r') && depth == 0)) start = i + 1;
        }
        while (start < code.length() && Character.isWhitespace(code.charAt(start))) start++;
        int e = start;
        while (e < code.length() && wordChar(code.charAt(e))) e++;
        return e > start ? code.substring(start, e) : null;
    }

    @Override
    public Completeness isComplete(String code) {
        if (code.isBlank()) return Completeness.COMPLETE;
        if (Parser.incomplete(code)) return Completeness.INCOMPLETE;
        return Parser.parse(new Source(Diagnostics.PROMPT_ORIGIN, code)).errors().isEmpty() ? Completeness.COMPLETE : Completeness.INVALID;
    }
}
