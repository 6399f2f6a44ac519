package nn.session;

import nn.lang.Stmt;

/**
 * One row of the interpreter's table: how a kind of statement runs, and whether it can change the state (those run
 * on a copy that replaces the state only on success).
 */
public record Command<S extends Stmt>(Class<S> type, boolean mutates, Handler<S> handler) {

    @FunctionalInterface
    public interface Handler<S extends Stmt> {
        void run(S stmt, Context ctx);
    }

    public static <S extends Stmt> Command<S> reads(Class<S> type, Handler<S> h) { return new Command<>(type, false, h); }

    public static <S extends Stmt> Command<S> changes(Class<S> type, Handler<S> h) { return new Command<>(type, true, h); }

    @SuppressWarnings("unchecked")
    void run(Stmt s, Context ctx) { handler.run((S) s, ctx); }
}
