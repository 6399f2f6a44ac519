package nn.repl;

import java.io.PrintWriter;
import nn.lang.Source;
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

    /**
     * Runs {@code text} through the session's one {@link Session#run}, as a script would run; adds the notes an
     * interactive user needs (what did not run). Returns the number of statements that ran without error.
     */
    int run(String text) {
        session.takeInterrupt(); // a Ctrl-C pressed at the prompt belongs to no computation
        Session.Result r = session.run(new Source(Diagnostics.PROMPT_ORIGIN, text), this::print, Session.Mode.SCRIPT);
        if (r.syntaxErrors() && text.lines().count() > 1) note("nothing of this block ran: it has syntax errors");
        int notRun = r.statements() - r.ran();
        if (r.interrupted()) {
            note("interrupted: " + count(notRun) + " did not run");
        } else if (r.stoppedAt() != null && notRun > 0) {
            note("stopped at line " + r.stoppedAt().line() + ": the " + count(notRun) + " after it did not run");
        }
        if (session.interruptPending()) {
            session.takeInterrupt();
            note("interrupted");
        }
        endProgress();
        out.flush();
        return r.ran() - (r.errors() > 0 && !r.syntaxErrors() ? 1 : 0);
    }

    private static String count(int n) { return n + " statement" + (n == 1 ? "" : "s"); }

    /** True while the last thing printed is a progress line, which the next one overwrites. */
    private boolean progressShown;
    private int progressWidth;

    private void print(Output o) {
        if (o instanceof Output.Problem p && debug && p.cause() != null) {
            endProgress();
            out.println(renderer.render(o));
            p.cause().printStackTrace(out);
            out.flush();
            return;
        }
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
        String text = renderer.render(o);
        if (text.length() <= CHUNK) {
            out.println(text);
            out.flush(); // a long entry shows its results as they come
            return;
        }
        // a huge output (show W0 full of a 2000×1000 matrix): written a chunk at a time, so that Ctrl-C stops it
        int lines = (int) text.chars().filter(c -> c == '\n').count() + 1;
        int at = 0;
        int shown = 0;
        while (at < text.length()) {
            if (session.interruptPending()) { // left pending: the statements after this one do not run either
                out.println();
                out.println(renderer.render(new Output.Info("(output interrupted: " + shown + " of " + lines + " lines shown)")));
                out.flush();
                return;
            }
            int end = text.indexOf('\n', Math.min(text.length(), at + CHUNK));
            end = end < 0 ? text.length() : end + 1;
            String piece = text.substring(at, end);
            shown += (int) piece.chars().filter(c -> c == '\n').count();
            out.print(piece);
            out.flush();
            at = end;
        }
        out.println();
        out.flush();
    }

    /** Characters of output written at once; between chunks Ctrl-C is looked for. */
    static final int CHUNK = 16 * 1024;

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
