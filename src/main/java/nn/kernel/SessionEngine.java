package nn.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import nn.core.Activation;
import nn.core.Loss;
import nn.explain.Documents;
import nn.lang.Diagnostic;
import nn.lang.NnError;
import nn.lang.ParseResult;
import nn.lang.Parser;
import nn.lang.Source;
import nn.lang.Stmt;
import nn.session.Completions;
import nn.session.Names;
import nn.session.Output;
import nn.session.Session;
import nn.session.Statements;
import nn.text.Diagnostics;
import nn.text.Renderer;
import nn.text.Style;

/**
 * The engine over nn's {@link Session}: one session for all cells, so that state persists from cell to cell. A cell
 * is a source run through {@link Session#run} in its atomic mode, as every front end runs source: syntax errors
 * anywhere and nothing runs; a statement that fails or an {@code expect} that does not hold undoes the whole cell,
 * which is then an error (so that nbgrader-style test cells fail); Ctrl-C (an interrupt) stops it and keeps what ran.
 * Outputs are mapped to MIME bundles from the data they carry: text for values, SVG for pictures and charts,
 * Markdown with math for derivations and exported documents.
 */
public final class SessionEngine implements Engine {
    /** nn's version (as {@code nn --version} prints it). */
    static final String VERSION = nn.cli.Main.VERSION_NUMBER;

    /** Training progress is redrawn at most this often (nn reports it many times a second). */
    static final long PROGRESS_INTERVAL_NANOS = 250_000_000L;

    private final Session session;
    private final Path base;
    /** Results as plain text (text/plain is shown as is); errors in colour (Jupyter shows ANSI colour in tracebacks). */
    private final Renderer plain = new Renderer(Style.PLAIN, () -> 100);
    private final Renderer errors;
    private int progressDisplays;

    /** A new session; file names are taken from the working directory (the notebook's folder under Jupyter). */
    public SessionEngine() { this(new Session(), Path.of(""), System.getenv("NO_COLOR") == null || System.getenv("NO_COLOR").isEmpty()); }

    public SessionEngine(Session session, Path base, boolean color) {
        this.session = session;
        this.base = base;
        this.errors = new Renderer(new Style(color, true), () -> 100);
        // `exit` would end the session's runs for good; a kernel is left from Jupyter's menu instead
        session.override("exit", (s, a, ctx) ->
                ctx.info("exit does nothing in Jupyter: to stop nn, use Kernel → Shut Down (or Restart, to start over)"));
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
        int failedBefore = session.failedExpects();
        Session.Result r = session.run(new Source(Diagnostics.PROMPT_ORIGIN, code), cell::accept, Session.Mode.ATOMIC, cell::before);
        cell.finishStatement();
        int failedExpects = session.failedExpects() - failedBefore;
        if (r.syntaxErrors()) {
            if (code.strip().lines().count() > 1) cell.note("nothing of this cell ran: it has syntax errors");
        } else if (r.interrupted()) {
            cell.interrupted(r.statements() - r.ran());
        } else if (session.interruptPending()) {
            cell.interrupted(0);
        } else if (r.stoppedAt() != null && r.statements() > 1) {
            int after = r.statements() - r.ran();
            cell.note("stopped at line " + r.stoppedAt().line() + ": the cell changed nothing" + (after > 0 ? "; the " + count(after) + " after it did not run" : ""));
        } else if (r.undone() && r.errors() == 0 && r.statements() > 1) {
            cell.note(cell.failedExpects + " expect" + (cell.failedExpects == 1 ? "" : "s") + " failed: the cell changed nothing");
        }
        if (r.undone() && failedExpects > 0) {
            // an undone cell's expects are undone too; the cell's error reports them
            session.forgetExpects(failedExpects);
        }
        return cell.result();
    }

    private static String count(int n) { return n + " statement" + (n == 1 ? "" : "s"); }

    /** What one cell produced so far and how it ends. */
    private final class Cell {
        final Consumer<Display> live;
        final List<Display> outputs = new ArrayList<>();
        final List<String> traceback = new ArrayList<>();
        Failure failure;
        String ename;
        String evalue;
        int failedExpects;
        boolean interrupted;
        /** The statement running: a closing show's values are gathered as the cell's result. */
        boolean resultStatement;
        final List<Output> gathered = new ArrayList<>();
        String progressId;
        long progressShown;
        Display progressPending;

        Cell(Consumer<Display> live) { this.live = live; }

        void before(Stmt s, int index, int count) {
            finishStatement();
            resultStatement = index == count - 1 && (s instanceof Stmt.Inspect || s instanceof Stmt.Command c && c.keyword().equals("show"));
        }

        void emit(Display d) {
            outputs.add(d);
            live.accept(d);
        }

        void accept(Output o) {
            if (o instanceof Output.Progress) {
                progress(o);
            } else if (o instanceof Output.Problem p) {
                fail(p.diagnostic().kind(), p.diagnostic().message(), errors.render(o));
            } else if (o instanceof Output.Expectation e && !e.passed()) {
                failedExpects++;
                fail(Diagnostic.Kind.EXPECT, "expect " + e.label() + " " + e.relation() + " " + Renderer.inline(e.expected(), e.precision()) + " does not hold", errors.render(o));
            } else if (o instanceof Output.Warning) {
                emit(Display.stderr(plain.render(o)));
            } else if (o instanceof Output.Drawing d) {
                Map<String, String> data = new LinkedHashMap<>();
                data.put(PLAIN, plain.render(o));
                if (d.svg() != null) data.put(SVG, d.svg().get());
                emit(new Display(Kind.DISPLAY, data, null));
            } else if (o instanceof Output.Math m) {
                Map<String, String> data = new LinkedHashMap<>();
                data.put(PLAIN, plain.render(o));
                data.put(MARKDOWN, Documents.markdownBody(m.parts(), m.notation()));
                emit(new Display(Kind.DISPLAY, data, null));
            } else if (o instanceof Output.Written w && w.markdown() != null) {
                Map<String, String> data = new LinkedHashMap<>();
                data.put(PLAIN, w.info());
                data.put(MARKDOWN, w.markdown());
                emit(new Display(Kind.DISPLAY, data, null));
            } else if (resultStatement && o instanceof Output.Shown) {
                gathered.add(o);
            } else {
                emit(Display.stdout(plain.render(o)));
            }
        }

        private void progress(Output o) {
            Map<String, String> data = Map.of(PLAIN, plain.render(o));
            long now = System.nanoTime();
            if (progressId == null) {
                progressId = "nn-progress-" + (++progressDisplays);
                progressShown = now;
                emit(new Display(Kind.DISPLAY, data, progressId));
            } else if (now - progressShown >= PROGRESS_INTERVAL_NANOS) {
                progressShown = now;
                progressPending = null;
                emit(new Display(Kind.UPDATE, data, progressId));
            } else {
                progressPending = new Display(Kind.UPDATE, data, progressId);
            }
        }

        /** After a statement: its last progress, and a closing show's values as the cell's result. */
        void finishStatement() {
            if (progressPending != null) emit(progressPending);
            progressPending = null;
            progressId = null;
            if (gathered.isEmpty()) return;
            List<String> texts = new ArrayList<>();
            for (Output o : gathered) texts.add(plain.render(o));
            gathered.clear();
            emit(new Display(Kind.RESULT, Map.of(PLAIN, String.join("\n", texts)), null));
        }

        void fail(Diagnostic.Kind kind, String message, String rendered) {
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
            String text = "(" + evalue + "; what ran before is kept)";
            traceback.add(errors.render(new Output.Info(text)));
            emit(Display.stdout(plain.render(new Output.Info(text))));
            failure = new Failure(ename, evalue, List.copyOf(traceback));
        }

        Result result() { return new Result(List.copyOf(outputs), failure); }
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
            if (Statements.find(word) != null && !word.equals("=")) return help(helpText(word));
            String value = value(word);
            if (value != null) return help(value);
            for (Activation a : Activation.values()) {
                if (a.id.equals(word)) return help(a.id + ": " + a.formula + "   derivative: " + a.derivativeFormula + "\n(help activations lists them all)");
            }
            for (Loss l : Loss.values()) {
                if (l.id.equals(word)) return help(l.id + ": " + l.formula + "   " + l.gradientFormula + "\n(help losses lists them all)");
            }
        }
        if (keyword != null && Statements.find(keyword) != null) return help(helpText(keyword));
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
        ParseResult p = session.parse(new Source("<inspect>", "show " + word));
        if (!p.ok() || p.statements().size() != 1 || !(p.statements().get(0) instanceof Stmt.Command c && c.keyword().equals("show"))) return null;
        try {
            session.execute(p.statements().get(0), o -> out.add(plain.render(o)));
        } catch (NnError e) {
            if (!Names.all(session.state()).contains(word)) return null;
            Diagnostic d = e.diagnostic();
            return word + ": " + d.message() + (d.hint() != null ? "\n  hint: " + d.hint() : "");
        }
        return out.isEmpty() ? null : String.join("\n", out);
    }

    /** Runs a read-only statement and returns its text; null when it fails. */
    private String quietly(String statement) {
        ParseResult p = session.parse(new Source("<inspect>", statement));
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
