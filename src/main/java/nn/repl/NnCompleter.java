package nn.repl;

import java.nio.file.Path;
import java.util.ArrayList;
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

    /** The completions of the word before {@code cursor} in {@code text}, in table order. */
    List<CompletionTable.Suggestion> suggest(String text, int cursor) {
        String head = text.substring(0, Math.max(0, Math.min(cursor, text.length())));
        if (Words.endsInComment(head)) return List.of();
        Words.Place p = Words.place(text, cursor);
        String word = p.word();
        int eq = word.indexOf('=');
        if (p.arg() > 0 && eq > 0) return optionValues(p.keyword(), word.substring(0, eq), word.substring(eq + 1));
        if ("layer".equals(p.keyword()) && "as".equals(p.previous())) return List.of(); // a new name
        if ("explain".equals(p.keyword()) && p.arg() == 2 && !"update".equals(p.previous())) return List.of();
        CompletionTable.Offer offer = CompletionTable.offer(p.keyword(), p.arg());
        if (offer == null) return List.of();
        List<CompletionTable.Suggestion> all = new ArrayList<>();
        boolean quoted = word.startsWith("\"") || word.startsWith("'");
        // on an empty line Tab lists the statements; the names of values come once a word is begun
        if (p.arg() == 0 && word.isEmpty()) offer = CompletionTable.EMPTY_LINE;
        if (!quoted) all.addAll(CompletionTable.suggestions(offer, state.get()));
        if (offer.kinds().contains(CompletionTable.Kind.FILE)) all.addAll(FileNames.complete(word, offer.extension(), base));
        List<CompletionTable.Suggestion> out = new ArrayList<>();
        for (CompletionTable.Suggestion s : all) if (s.value().startsWith(word)) out.add(s);
        return out;
    }

    private static List<CompletionTable.Suggestion> optionValues(String keyword, String option, String typed) {
        List<String> values = CompletionTable.optionValues(keyword, option);
        List<CompletionTable.Suggestion> out = new ArrayList<>();
        for (String v : values) {
            if (v.startsWith(typed)) out.add(new CompletionTable.Suggestion(option + "=" + v, v, "values", null, true));
        }
        return out;
    }
}
