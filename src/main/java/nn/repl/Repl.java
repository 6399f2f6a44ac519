package nn.repl;

import java.io.IOError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import nn.lang.Source;
import nn.session.Session;
import nn.session.State;
import nn.text.Diagnostics;
import nn.text.Renderer;
import nn.text.Style;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp;

/**
 * The interactive REPL: reads entries with JLine (history, completion, highlighting, continuation lines, bracketed
 * paste) and runs each with an {@link Evaluator}, the way a script runs. Ctrl-C clears the line being typed or
 * interrupts a running computation; Ctrl-D, {@code exit} and {@code quit} leave.
 */
public final class Repl {
    static final String PROMPT = "nn> ";
    static final String CONTINUATION = "... ";
    static final String BANNER = "nn: type help for the statements, Tab to complete, Ctrl-D to leave.";
    /** The greeting where there is no Tab completion (a dumb terminal reads whole lines). */
    static final String DUMB_BANNER = "nn: type help for the statements, Ctrl-D to leave.";
    /** Interrupts of one computation after which nn gives up waiting for it to stop and leaves. */
    static final int INTERRUPTS_TO_QUIT = 3;
    /** Exit code when nn is left by repeated Ctrl-C (128 + SIGINT, as shells report it). */
    static final int INTERRUPTED = 130;

    /**
     * JLine reports through java.util.logging, which prints to standard error: its warnings (a history file others
     * can read, ...) would land in the middle of the screen. Held here because loggers are only weakly referenced.
     */
    private static final Logger JLINE_LOG = Logger.getLogger("org.jline");

    static {
        JLINE_LOG.setLevel(Level.SEVERE);
    }

    private final Session session;
    private final Terminal terminal;
    private final LineReader reader;
    private final Evaluator evaluator;
    private final Style style;
    private final String historyProblem;
    /**
     * A dumb terminal (TERM=dumb, Emacs' shell): JLine reads it a line at a time and, asked for more by the parser,
     * shows no continuation prompt. There this class asks for the continuation lines itself, with the prompt.
     */
    private final boolean dumb;
    /** True while an entry runs: Ctrl-C then interrupts it (at the prompt, JLine handles Ctrl-C itself). */
    private volatile boolean busy;
    private final AtomicInteger interrupts = new AtomicInteger();

    /** Opens the REPL on the process's terminal; returns the exit code. Called by nn.cli.Main on a terminal. */
    public static int start(Session session, Style style, boolean debug) {
        // skips a terminal probe that costs ~70 ms of start-up; the prompt and nn's output need no grapheme clusters
        if (System.getProperty(TerminalBuilder.PROP_GRAPHEME_CLUSTER) == null) {
            System.setProperty(TerminalBuilder.PROP_GRAPHEME_CLUSTER, "false");
        }
        Terminal terminal;
        try {
            terminal = openTerminal();
        } catch (IOException | RuntimeException | IOError e) {
            System.err.println("nn: cannot open the terminal for the REPL: " + e.getMessage());
            return 74;
        }
        try {
            boolean dumb = terminal.getType() == null || terminal.getType().startsWith(Terminal.TYPE_DUMB);
            Style shown = dumb ? new Style(false, style.unicode()) : style;
            Path history = HistoryFile.path(System.getenv(), System.getProperty("user.home"));
            return new Repl(session, terminal, shown, debug, history, Path.of("")).loop();
        } finally {
            try {
                terminal.close();
            } catch (IOException | RuntimeException e) {
                // the terminal is gone already: nothing left to restore
            }
        }
    }

    /**
     * The process's terminal, opened without spawning processes where possible: JLine would otherwise run
     * {@code test -t} and {@code infocmp} before the first prompt. The terminal descriptions JLine carries (xterm,
     * screen, rxvt, ...) are used as they are; the native (JNI) access is tried first, then JLine's usual ways.
     */
    /** The width of the terminal standard output goes to, or 0 where it cannot be told (scripts ask only when they draw). */
    public static int terminalWidth() {
        try (Terminal t = openTerminal()) {
            return t.getWidth();
        } catch (IOException | RuntimeException | LinkageError e) {
            return 0;
        }
    }

    public static Terminal openTerminal() throws IOException {
        String type = System.getenv("TERM");
        if (type != null && !type.isBlank()) {
            String bundled = InfoCmp.getDefaultInfoCmp(type);
            if (bundled != null) InfoCmp.setLoadedInfoCmp(type, bundled);
        }
        try {
            Terminal t = builder().exec(false).ffm(false).build();
            if (!(t instanceof DumbTerminal)) return t;
            t.close(); // no native access here: try every way JLine has
        } catch (IOException | RuntimeException | LinkageError e) {
            // as above
        }
        return builder().build();
    }

    private static TerminalBuilder builder() {
        return TerminalBuilder.builder().system(true).name("nn")
                // signals reach the handlers set with terminal.handle (Ctrl-C interrupts instead of killing nn)
                .nativeSignals(true).signalHandler(Terminal.SignalHandler.SIG_IGN);
    }

    /**
     * A REPL on {@code terminal} (tests give one over byte streams). {@code history}: the history file, or null
     * for none; {@code base}: the folder file names are completed in.
     */
    Repl(Session session, Terminal terminal, Style style, boolean debug, Path history, Path base) {
        this.session = session;
        this.terminal = terminal;
        this.style = style;
        String problem = history == null ? null : HistoryFile.problem(history);
        if (history != null && problem == null && !Files.exists(history)) problem = HistoryFile.create(history);
        this.historyProblem = problem;
        this.dumb = terminal.getType() == null || terminal.getType().startsWith(Terminal.TYPE_DUMB);
        Map<String, Object> variables = new HashMap<>();
        variables.put(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION);
        variables.put(LineReader.INDENTATION, 0);
        variables.put(LineReader.HISTORY_SIZE, 5000);
        variables.put(LineReader.HISTORY_FILE_SIZE, 5000);
        if (history != null && problem == null) variables.put(LineReader.HISTORY_FILE, history);
        ReplLineReader r = new ReplLineReader(terminal, "nn", variables);
        r.setHistory(new DefaultHistory());
        r.setParser(new ReplParser(!dumb));
        r.setCompleter(new NnCompleter(session::state, base));
        r.setHighlighter(new NnHighlighter(session::state, style.color()));
        r.option(LineReader.Option.DISABLE_EVENT_EXPANSION, true); // '!' is not history expansion here
        r.option(LineReader.Option.HISTORY_IGNORE_SPACE, true);
        r.option(LineReader.Option.HISTORY_IGNORE_DUPS, true);
        r.option(LineReader.Option.INSERT_TAB, false);
        r.option(LineReader.Option.DISABLE_HIGHLIGHTER, !style.color());
        this.reader = r;
        // pictures are laid out for the terminal's width at the moment they are shown (it may have been resized)
        this.evaluator = new Evaluator(session, new Renderer(style, () -> terminal.getWidth() > 0 ? terminal.getWidth() : Renderer.DEFAULT_WIDTH),
                terminal.writer(), debug);
    }

    /** Reads and runs entries until Ctrl-D, exit/quit, or the end of input; returns the exit code. */
    int loop() {
        terminal.handle(Terminal.Signal.INT, signal -> interrupt());
        int width = terminal.getWidth() > 0 ? terminal.getWidth() : Renderer.DEFAULT_WIDTH;
        terminal.writer().println(style.dim(nn.text.Wrap.text(dumb ? DUMB_BANNER : BANNER, width)));
        if (historyProblem != null) {
            terminal.writer().println(style.dim(nn.text.Wrap.text("(history is not kept across sessions: " + historyProblem + ")", width)));
        }
        terminal.flush();
        warmUp();
        while (!session.exitRequested()) {
            String text;
            try {
                text = reader.readLine(prompt());
            } catch (UserInterruptException e) {
                continue; // Ctrl-C at the prompt: the line is dropped, a fresh prompt follows
            } catch (EndOfFileException e) {
                terminal.writer().println(); // Ctrl-D: leave the shell's prompt on a line of its own
                break;
            } catch (IOError | UncheckedIOException e) {
                break; // the terminal went away (closed window, hang-up): nothing to print to
            }
            if (dumb) text = continued(text);
            if (text.isBlank()) continue;
            runEntry(text);
        }
        terminal.flush();
        return 0;
    }

    /** On a dumb terminal: the lines after {@code first} while a bracket is open, each asked for with "... ". */
    private String continued(String first) {
        StringBuilder entry = new StringBuilder(first);
        while (nn.lang.Parser.incomplete(entry.toString())) {
            try {
                entry.append('\n').append(reader.readLine(CONTINUATION));
            } catch (UserInterruptException e) {
                return ""; // Ctrl-C drops the whole entry, as at the prompt
            } catch (EndOfFileException | IOError | UncheckedIOException e) {
                break; // the input ended inside a bracket: run what there is, which says where it opened
            }
        }
        return entry.toString();
    }

    private void runEntry(String text) {
        interrupts.set(0);
        busy = true;
        try {
            evaluator.run(text);
        } finally {
            busy = false;
            terminal.flush();
        }
    }

    /**
     * While the user reads the prompt, load and exercise the parser, the highlighter and completion in the
     * background, so that the first Enter does not pay for loading them. Touches no session state.
     */
    /** The README's session: what a new user types first. */
    private static final String WORKED_EXAMPLE = """
            layer relu 3->2 as h
            layer sigmoid 2->1 as o
            W0 = [[0.2, -1.2, 0.9], [-0.5, -1.2, 0.3]]
            b0 = [-0.1, 0.2]; W1 = [0.7, -1.1]; b1 = -0.1
            input [0.9, 0.2, 0.5]; target 0
            step lr=0.1
            explain dE/dw100
            forward
            show W0 dE/dW0
            """;

    private void warmUp() {
        Thread t = new Thread(() -> {
            StringBuilder sample = new StringBuilder();
            for (nn.session.Statement e : nn.session.Statements.ALL) sample.append(e.example).append('\n');
            String text = sample.toString();
            nn.lang.Parser.parse(new Source(Diagnostics.PROMPT_ORIGIN, text));
            nn.lang.Parser.incomplete(text);
            State empty = new State();
            new NnHighlighter(() -> empty, true).colour(text, text.length());
            new NnCompleter(() -> empty, Path.of("")).suggest("show dE/d", 9);
            // The worked example, run once in a throwaway session of this thread (its own state and file policy;
            // what it outputs is rendered and dropped): the first step and explain the user types then run code
            // that has run before (loaded, linked, past its first interpretation) and take a third of the time.
            Session scratch = new Session();
            Renderer renderer = new Renderer(style, () -> Renderer.DEFAULT_WIDTH);
            scratch.run(new Source(Diagnostics.PROMPT_ORIGIN, WORKED_EXAMPLE), o -> renderer.render(o), Session.Mode.SCRIPT);
        }, "nn-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** Ctrl-C while an entry runs: ask the computation to stop; if it will not, leave after a few presses. */
    private void interrupt() {
        if (!busy) return;
        session.interrupt();
        int n = interrupts.incrementAndGet();
        if (n == 1) {
            terminal.writer().println(); // the terminal echoed ^C: what follows starts on a line of its own
            terminal.flush();
        } else if (n == INTERRUPTS_TO_QUIT - 1) {
            terminal.writer().println();
            terminal.writer().println(style.dim("(still running; Ctrl-C once more leaves nn)"));
            terminal.flush();
        } else if (n >= INTERRUPTS_TO_QUIT) {
            terminal.writer().println();
            terminal.flush();
            System.exit(INTERRUPTED);
        }
    }

    private String prompt() {
        if (!style.color()) return PROMPT;
        return new AttributedString(PROMPT, AttributedStyle.BOLD).toAnsi(terminal);
    }

    LineReader reader() { return reader; }
}
