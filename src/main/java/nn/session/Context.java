package nn.session;

import java.util.function.Consumer;

/** What a statement handler works with: the session, the (copied) state it may change, and where outputs go. */
public record Context(Session session, State state, Consumer<Output> out) {
    public void emit(Output o) { out.accept(o); }

    public void info(String text) { out.accept(new Output.Info(text)); }
}
