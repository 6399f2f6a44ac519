package nn.repl;

import nn.session.CompletionTable;
import nn.session.Completions;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import nn.session.State;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Tab completion: finds where the cursor is in its statement and offers what {@link CompletionTable} says fits there. */
final class NnCompleter implements Completer {
    /** The order groups are listed in (JLine orders candidates by this rank, then alphabetically). */
    static final List<String> GROUP_ORDER = List.of("statements", "words", "options", "values", "activations", "losses",
            "topics", "data sets", "names", "files");

    private final Supplier<State> state;
    private final Path base;

    /** {@code state}: the session's current state (asked afresh on every Tab); {@code base}: where file names start. */
    NnCompleter(Supplier<State> state, Path base) {
        this.state = state;
        this.base = base;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        for (CompletionTable.Suggestion s : suggest(line.line(), line.cursor())) {
            int rank = GROUP_ORDER.indexOf(s.group());
            candidates.add(new Candidate(s.value(), s.display(), s.group(), s.description(), null, null, s.complete(), rank < 0 ? GROUP_ORDER.size() : rank));
        }
    }

    /** The completions of the word before {@code cursor} in {@code text}, in table order (see {@link Completions}). */
    List<CompletionTable.Suggestion> suggest(String text, int cursor) {
        return Completions.suggest(text, cursor, state.get(), base);
    }
}
