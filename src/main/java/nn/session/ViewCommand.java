package nn.session;

import nn.lang.Stmt;

/**
 * {@code view} starts the live view, a page on 127.0.0.1 that follows the session (docs/view.md), and prints its
 * address; {@code view stop} ends it. The page itself is a front end's ({@link Viewer}): where none is installed (a
 * script without -i ends, and its page with it) `view` says so and the script goes on.
 */
final class ViewCommand {
    private ViewCommand() { }

    static final String NO_VIEWER = "view: there is no live view here: a script without -i ends when it does, and its page with it; "
            + "use the REPL (bin/nn), a script with -i (bin/nn -i FILE.nn) or the Jupyter kernel";

    static void run(Stmt.Command s, Args a, Context ctx) {
        Session session = ctx.session();
        if (a.given("stop")) {
            Viewer v = session.liveViewer();
            if (v == null) {
                ctx.info("no live view is running");
                return;
            }
            v.stop();
            ctx.info("live view stopped: the pages watching it say so");
            return;
        }
        Viewer v = session.viewer();
        if (v == null) {
            ctx.emit(new Output.Warning(s.pos(), NO_VIEWER));
            return;
        }
        String running = v.address();
        if (running != null) {
            ctx.info("live view already running: " + running + " (open it in more tabs if you like; `view stop` ends it)");
            return;
        }
        String address;
        try {
            address = v.start();
        } catch (java.io.IOException | RuntimeException e) {
            throw SourceFiles.io(s.pos(), "cannot start the live view (" + e.getMessage() + ")", "check that 127.0.0.1 accepts connections");
        }
        ctx.info("live view: " + address + " (open it in a browser; it follows every statement; `view stop` ends it)");
    }
}
