package nn.repl;

import java.io.PrintWriter;
import java.util.List;
import nn.lang.Diagnostic;
import nn.lang.NnError;
import nn.lang.ParseResult;
import nn.lang.Source;
import nn.lang.Stmt;
import nn.session.Output;
import nn.session.Session;
import nn.text.Diagnostics;
import nn.text.Renderer;

/**
 * Runs one entry of the REPL (a typed line, or a block pasted at once) as a script file would run: syntax errors
 * anywhere in it and nothing runs; otherwise statement by statement, stopping at the first error (which changes
 * nothing) or at Ctrl-C. Everything it prints goes to one writer, in order, so results and errors never interleave.
 */
final class Evaluator {
    private final Session session;
    private final Renderer renderer;
    private final PrintWriter out;
    private final boolean debug;

    Evaluator(Session session, Renderer renderer, PrintWriter out, boolean debug) {
        this.session = session;
        this.renderer = renderer;
        this.out = out;
        this.debug = debug;
    }

    /** Runs {@code text}; returns the number of statements that ran without error. */
    int run(String text) {
        session.takeInterrupt(); // a Ctrl-C pressed at the prompt belongs to no computation
        ParseResult parsed = session.parse(new Source(Diagnostics.PROMPT_ORIGIN, text));
        if (!parsed.errors().isEmpty()) {
            for (Diagnostic d : parsed.errors()) print(new Output.Problem(d));
            if (text.lines().count() > 1) note("nothing of this block ran: it has syntax errors");
            out.flush();
            return 0;
        }
        List<Stmt> statements = parsed.statements();
        int ok = 0;
        for (int i = 0; i < statements.size(); i++) {
            if (session.interruptPending()) {
                session.takeInterrupt();
                note("interrupted: " + count(statements.size() - i) + " did not run");
                break;
            }
            Stmt s = statements.get(i);
            try {
                session.execute(s, this::print);
                ok++;
            } catch (NnError e) {
                print(new Output.Problem(e.diagnostic()));
                if (debug && e.getCause() != null) e.getCause().printStackTrace(out);
                if (i + 1 < statements.size()) {
                    note("stopped at line " + s.pos().line() + ": the " + count(statements.size() - i - 1) + " after it did not run");
                }
                break;
            }
            if (session.exitRequested()) break;
        }
        if (session.interruptPending()) {
            session.takeInterrupt();
            note("interrupted");
        }
        endProgress();
        out.flush();
        return ok;
    }

    private static String count(int n) { return n + " statement" + (n == 1 ? "" : "s"); }

    /** True while the last thing printed is a progress line, which the next one overwrites. */
    private boolean progressShown;
    private int progressWidth;

    private void print(Output o) {
        if (o instanceof Output.Progress) {
            // training reports progress many times a second: one line, rewritten in place
            String line = renderer.render(o);
            out.print("\r" + line + " ".repeat(Math.max(0, progressWidth - line.length())));
            out.flush();
            progressShown = true;
            progressWidth = line.length();
            return;
        }
        endProgress();
        out.println(renderer.render(o));
        out.flush(); // a long entry shows its results as they come
    }

    private void endProgress() {
        if (progressShown) out.println();
        progressShown = false;
        progressWidth = 0;
    }

    private void note(String text) {
        endProgress();
        out.println(renderer.render(new Output.Info("(" + text + ")")));
    }
}
