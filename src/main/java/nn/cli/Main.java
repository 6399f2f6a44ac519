package nn.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;
import nn.lang.Diagnostic;
import nn.lang.Parser;
import nn.lang.Source;
import nn.session.Output;
import nn.session.Session;
import nn.session.SourceFiles;
import nn.text.Renderer;
import nn.text.Style;

/**
 * The command line: runs scripts, inline statements, or standard input, and opens the REPL on a terminal.
 * Arguments are parsed by hand: a library would cost every start more than this small grammar of flags is worth.
 */
public final class Main {
    /** Exit codes (documented in the README). */
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int SYNTAX = 2;
    public static final int USAGE = 64;
    public static final int NO_INPUT = 66;
    /** A bug in nn escaped every statement-level guard (sysexits' EX_SOFTWARE). */
    public static final int INTERNAL = 70;
    /** Standard output was closed by its reader (`nn key.nn | head -1`): what the shell reports for SIGPIPE. */
    public static final int OUTPUT_CLOSED = 141;

    /** nn's version number, one place for the command line and the Jupyter kernel. */
    public static final String VERSION_NUMBER = "0.2.0";
    static final String VERSION = "nn " + VERSION_NUMBER;

    static final String USAGE_TEXT = """
            usage: nn [OPTIONS] [FILE.nn ...]
              Runs the scripts in order; with no file on a terminal, opens the REPL; with standard input
              redirected, runs it as a script.
            options:
              -e STATEMENTS   run these statements (';' or newlines between them); may be repeated
              -i              open the REPL after running the files and statements
              --keep-going    report every error and failed expect instead of stopping at the first error
              --ascii         spell symbols in ASCII (∂ → d, · → *, σ → sigma)
              --no-color      never colour the output (also: NO_COLOR=1)
              --width N       lay pictures and charts out for N columns (default: the terminal's,
                              else $COLUMNS, else 80)
              --debug         print the Java stack trace of internal errors
              --help          this text
              --version       the version
            nn kernel install [--user] [--prefix DIR]   install the Jupyter kernel (docs/jupyter.md)
            nn grade KEY.nn SUBMISSION... [--json F] [--junit F] [--csv F]   grade a class (docs/grading.md)
            nn exercise layers=3-2-1 activations=relu,sigmoid seed=7 NAME      make an exercise and its key
            exit status: 0 all ran and every expect held; 1 a runtime error or a failed expect;
                         2 a syntax error; 64 a usage error; 66 a script file cannot be read;
                         70 a bug in nn (run with --debug to see the Java trace);
                         141 standard output was closed by its reader (| head)""";

    private Main() { }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
        // on a thread with a deep stack: expression trees are walked recursively (Session.STACK_BYTES)
        int[] code = {INTERNAL};
        Thread main = new Thread(null, () -> code[0] = run(args, out, err, System.console() != null), "nn", Session.STACK_BYTES);
        main.start();
        try {
            main.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.flush();
        err.flush();
        System.exit(code[0]);
    }

    /** Everything main does, with its streams given (tests call this). Returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
        return run(args, out, err, terminal, Session::new);
    }

    /**
     * As {@link #run(String[], PrintStream, PrintStream, boolean)} with the session made by {@code sessions} (tests
     * give one with a command of their own). Whatever escapes is a bug in nn: one line says so, --debug adds the
     * Java trace, and no stack trace is printed otherwise.
     */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean terminal, Supplier<Session> sessions) {
        return run(args, null, out, err, terminal, sessions);
    }

    /** As {@link #run(String[], PrintStream, PrintStream, boolean)} reading standard input from {@code in} (tests). */
    public static int run(String[] args, java.io.InputStream in, PrintStream out, PrintStream err, boolean terminal) {
        return run(args, in, out, err, terminal, Session::new);
    }

    /** The whole command line; {@code in} is standard input (null: the process's own). */
    public static int run(String[] args, java.io.InputStream in, PrintStream out, PrintStream err, boolean terminal, Supplier<Session> sessions) {
        try {
            return runGuarded(args, in, out, err, terminal, sessions);
        } catch (OutOfMemoryError e) {
            // not a bug: the input (a huge script, parsed whole) needs more memory than this JVM has
            out.flush();
            err.println("nn: out of memory: the input needs more memory than nn may use (" + nn.session.Format.bytes(Runtime.getRuntime().maxMemory())
                    + "); nothing more was run (run java with a larger -Xmx, or split the script)");
            err.flush();
            return FAILED;
        } catch (RuntimeException | StackOverflowError | AssertionError | LinkageError e) {
            boolean debug = Arrays.asList(args).contains("--debug");
            out.flush();
            err.println("nn: internal error (" + e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "")
                    + "): this is a bug in nn" + (debug ? "; its Java trace follows" : "; run with --debug to see the details"));
            if (debug) e.printStackTrace(err);
            err.flush();
            return INTERNAL;
        }
    }

    /** The live view (`view`, docs/view.md): nn.view's classes (and the JDK's HTTP server) load only when `view` first runs. */
    /** A class, not a lambda: nothing to link at start-up; made only where the session stays open. */
    static final class LiveViews implements java.util.function.Function<Session, nn.session.Viewer> {
        @Override public nn.session.Viewer apply(Session session) { return new nn.view.LiveView(); }
    }

    private static int runGuarded(String[] args, java.io.InputStream stdin, PrintStream out, PrintStream err, boolean terminal, Supplier<Session> sessions) {
        // the Jupyter kernel (docs/jupyter.md): its classes, ZeroMQ's and JSON's load only here
        if (args.length > 0 && args[0].equals("kernel")) return nn.kernel.KernelMain.run(Arrays.copyOfRange(args, 1, args.length), out, err, new LiveViews());
        // grading a class and making exercises (docs/grading.md)
        if (args.length > 0 && args[0].equals("grade")) return GradeCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        if (args.length > 0 && args[0].equals("exercise")) return ExerciseCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("nn: " + e.getMessage());
            err.println("run `nn --help` for usage");
            return USAGE;
        }
        if (o.help) {
            out.println(USAGE_TEXT);
            return OK;
        }
        if (o.version) {
            out.println(VERSION);
            return OK;
        }
        // the grammar's set-up on the second core while this thread sets up the rest (Parser.warmUp)
        Thread warmUp = new Thread(() -> {
            try {
                Parser.warmUp();
            } catch (RuntimeException | Error e) {
                // only a head start: whatever went wrong here, the real parse meets and reports itself
            }
        }, "nn-parser-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        Style detected = Style.detect(terminal);
        Style style = new Style(detected.color() && !o.noColor, detected.unicode() && !o.ascii);
        Renderer renderer = new Renderer(style, Columns.of(o.width, System.getenv("COLUMNS"), terminal));
        Session session = sessions.get();
        boolean scriptsFirst = !o.inputs.isEmpty();
        // `view` where the session stays open: the REPL follows (a script with -i, or no script on a terminal)
        if (terminal && (!scriptsFirst || o.interactive)) session.viewers(new LiveViews());
        Printer printer = new Printer(renderer, out, err, o.debug, session);

        boolean scripts = !o.inputs.isEmpty();
        int worst = OK;
        for (Options.Input in : o.inputs) {
            Source src;
            if (in.file() != null && in.file().equals("-")) {
                src = standardInput(stdin, err);
                if (src == null) return NO_INPUT;
            } else if (in.file() != null) {
                try {
                    src = SourceFiles.read(Path.of(in.file()), nn.lang.Pos.NONE);
                } catch (nn.lang.NnError e) {
                    printer.problem(e.diagnostic());
                    printer.errors++;
                    worst = worst(worst, NO_INPUT);
                    if (!o.keepGoing) return NO_INPUT;
                    continue;
                }
                if (src.text().isBlank()) printer.print(new Output.Warning(nn.lang.Pos.NONE, in.file() + " is empty: nothing to run"));
            } else {
                src = new Source("-e", in.text());
            }
            int code = runSource(session, src, printer, o.keepGoing);
            if (printer.outputClosed) return OUTPUT_CLOSED;
            worst = worst(worst, code);
            if (session.exitRequested() || (code != OK && code != FAILED_EXPECT_ONLY && !o.keepGoing)) break;
        }
        if (!scripts && !terminal) {
            Source piped = standardInput(stdin, err);
            if (piped == null) return NO_INPUT;
            worst = worst(worst, runSource(session, piped, printer, o.keepGoing));
            if (printer.outputClosed) return OUTPUT_CLOSED;
        }
        if ((!scripts && terminal) || (o.interactive && terminal && !session.exitRequested())) {
            return nn.repl.Repl.start(session, style, o.debug);
        }
        if (o.keepGoing || session.failedExpects() > 0 || printer.failedExpects > 0) printer.summary(session);
        return worst == FAILED_EXPECT_ONLY ? FAILED : worst;
    }

    /** Standard input as a script ("" when it is closed); null after reporting that it cannot be read. */
    private static Source standardInput(java.io.InputStream in, PrintStream err) {
        if (in == null && StandardInput.closed()) return new Source("<stdin>", "");
        try {
            // as files are: at most SourceFiles.MAX_BYTES, strictly UTF-8 (the same bytes in a file would be refused)
            byte[] bytes = (in != null ? in : System.in).readNBytes((int) SourceFiles.MAX_BYTES + 1);
            if (bytes.length > SourceFiles.MAX_BYTES) {
                err.println("nn: standard input is too large: nn reads at most " + nn.session.Format.bytes(SourceFiles.MAX_BYTES));
                return null;
            }
            return new Source("<stdin>", SourceFiles.decode(bytes, "standard input", nn.lang.Pos.NONE));
        } catch (nn.lang.NnError e) {
            err.println("nn: " + e.diagnostic().message() + (e.diagnostic().hint() != null ? " (" + e.diagnostic().hint() + ")" : ""));
            return null;
        } catch (IOException e) {
            err.println("nn: cannot read standard input: " + e.getMessage());
            return null;
        }
    }

    /** Internal code for "only expects failed": the next script still runs. */
    private static final int FAILED_EXPECT_ONLY = -1;

    private static int worst(int a, int b) {
        if (a == FAILED_EXPECT_ONLY) a = FAILED;
        if (b == FAILED_EXPECT_ONLY) b = FAILED;
        if (a == SYNTAX || b == SYNTAX) return SYNTAX;
        return Math.max(a, b);
    }

    private static int runSource(Session session, Source src, Printer printer, boolean keepGoing) {
        int failedBefore = session.failedExpects();
        Session.Result r = session.run(src, printer::print, keepGoing);
        printer.statements += r.ran();
        printer.errors += r.errors();
        if (r.syntaxErrors()) return SYNTAX;
        if (r.errors() > 0) return FAILED;
        return session.failedExpects() > failedBefore ? FAILED_EXPECT_ONLY : OK;
    }

    /** Prints outputs as they come: results to standard output, problems to standard error. */
    static final class Printer {
        final Renderer renderer;
        final PrintStream out;
        final PrintStream err;
        final boolean debug;
        final Session session;
        int statements;
        int errors;
        /**
         * Standard output's reader has gone (`| head -1`): the session is interrupted so nothing more is computed
         * (a long `train` stops too), and nothing more is printed, the interruption's own notes included.
         */
        boolean outputClosed;

        Printer(Renderer renderer, PrintStream out, PrintStream err, boolean debug, Session session) {
            this.renderer = renderer;
            this.out = out;
            this.err = err;
            this.debug = debug;
            this.session = session;
        }

        /** Expects as reported: one inside a `run` that then failed was shown, so it is counted, though the run was undone. */
        int failedExpects;
        int passedExpects;

        void print(Output o) {
            if (outputClosed) return;
            if (o instanceof Output.Expectation e) {
                if (e.passed()) passedExpects++; else failedExpects++;
            }
            if (Renderer.isError(o)) {
                out.flush();
                err.println(renderer.render(o));
                if (debug && o instanceof Output.Problem p && p.cause() != null) p.cause().printStackTrace(err);
                err.flush();
            } else {
                out.println(renderer.render(o));
                // PrintStream keeps write errors to itself; EPIPE (the JVM ignores SIGPIPE) shows only here
                if (out.checkError()) {
                    outputClosed = true;
                    session.interrupt();
                }
            }
        }

        void problem(Diagnostic d) { print(new Output.Problem(d)); }

        void summary(Session s) {
            out.flush();
            err.println(statements + " statements run, " + errors + " error" + (errors == 1 ? "" : "s") + ", "
                    + failedExpects + " expect" + (failedExpects == 1 ? "" : "s") + " failed (" + passedExpects + " passed)");
        }
    }
}
