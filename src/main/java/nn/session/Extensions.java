package nn.session;

import java.util.ArrayList;
import java.util.List;

/** Commands of the features beyond the foundation, each feature keeping its own table; registered by Session. */
final class Extensions {
    private Extensions() { }

    static final List<Command<?>> TABLE;

    static {
        List<Command<?>> all = new ArrayList<>();
        all.addAll(ExplainCommands.TABLE);
        all.addAll(TrainCommands.TABLE);
        TABLE = List.copyOf(all);
    }
}
