package nn.session;

import java.util.List;

/** explain, draw, export, trace output and expect hints (the explanations feature). */
final class ExplainCommands {
    private ExplainCommands() { }

    static final List<Command<?>> TABLE = List.of();
}
