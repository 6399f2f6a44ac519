package nn.session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nn.lang.NnError;
import nn.lang.Source;
import nn.lang.Stmt;

/** The session itself: run a file inside it, reset it, leave it. */
final class SessionCommands {
    private SessionCommands() { }

    static void reset(Stmt.Command s, Args a, Context ctx) {
        if (a.given("WHAT")) {
            State st = ctx.state();
            String had = st.optimizer == null ? null : OptimizerState.describe(st.optimizer.settings()) + " after " + st.optimizer.optimizer().steps() + " step" + (st.optimizer.optimizer().steps() == 1 ? "" : "s");
            st.optimizer = null;
            ctx.info(had == null ? "reset optimizer: there was no optimizer state" : "reset optimizer: " + had + " forgotten; the next update starts afresh");
            return;
        }
        ctx.session().replaceState(new State());
        ctx.info("reset: no layers, no data");
    }

    static void exit(Stmt.Command s, Args a, Context ctx) { ctx.session().requestExit(); }

    /** {@code run "file"}: the file's statements on this statement's working copy, all of them or none. */
    static void run(Stmt.Command s, Args a, Context ctx) {
        Session session = ctx.session();
        nn.lang.Str name = a.file("FILE");
        Path file = SourceFiles.named(name, s.pos());
        Path key = file.toAbsolutePath().normalize();
        var running = session.running();
        if (running.contains(key)) {
            List<String> chain = new ArrayList<>();
            for (Path p : running) chain.add(p.getFileName().toString());
            chain.add(key.getFileName().toString());
            throw new NnError(name.pos(), "run would run " + file.getFileName() + " inside itself: " + String.join(" → ", chain), null);
        }
        if (running.size() >= 64) throw new NnError(name.pos(), "scripts nested more than 64 deep", null);
        Source src = SourceFiles.read(file, name.pos());
        if (src.text().isBlank()) ctx.emit(new Output.Warning(name.pos(), file + " is empty: nothing to run"));
        Session.Result r = session.runNested(key, src, ctx);
        if (r.syntaxErrors()) throw new NnError(name.pos(), file + " has syntax errors (above); nothing of it ran", null);
        if (r.interrupted()) throw new NnError(name.pos(), "interrupted (Ctrl-C) at line " + r.stoppedAt().line() + " of " + file.getFileName() + "; the session is as before run", null);
        if (r.errors() > 0) throw new NnError(name.pos(), "run stopped at the error above; the session is as before run", null);
    }
}
