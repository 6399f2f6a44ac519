package nn.session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tab completion as data, as JShell's engine gives it: what fits where the cursor is, by {@link CompletionTable}
 * (read from the statements' rows). The REPL hands these to JLine; the Jupyter kernel answers complete_request with
 * them.
 */
public final class Completions {
    private Completions() { }

    /** One completion: the text that replaces the word before the cursor, and its group ("statements", "names", ...). */
    public record Match(String value, String group) { }

    /** The completions of the word that ends at the cursor, and where that word starts. */
    public record Result(int start, List<Match> matches) { }

    /** Completions at {@code cursor} in {@code text}, in table order; file names are taken relative to {@code base}. */
    public static Result complete(String text, int cursor, State state, Path base) {
        int at = Math.max(0, Math.min(cursor, text.length()));
        List<Match> matches = new ArrayList<>();
        for (CompletionTable.Suggestion s : suggest(text, at, state, base)) matches.add(new Match(s.value(), s.group()));
        String head = text.substring(0, at);
        int start = Words.endsInComment(head) ? at : at - Words.place(text, at).word().length();
        return new Result(start, List.copyOf(matches));
    }

    /** The completions of the word before {@code cursor} in {@code text}, in table order. */
    public static List<CompletionTable.Suggestion> suggest(String text, int cursor, State state, Path base) {
        String head = text.substring(0, Math.max(0, Math.min(cursor, text.length())));
        if (Words.endsInComment(head)) return List.of();
        Words.Place p = Words.place(text, cursor);
        String word = p.word();
        int eq = word.indexOf('=');
        if (p.arg() > 0 && eq > 0) return optionValues(p.keyword(), word.substring(0, eq), word.substring(eq + 1), state);
        if ("layer".equals(p.keyword()) && "as".equals(p.previous())) return List.of(); // a new name
        if ("explain".equals(p.keyword()) && p.arg() == 2 && !"update".equals(p.previous())) return List.of();
        CompletionTable.Offer offer = CompletionTable.offer(p.keyword(), p.arg());
        if (offer == null) return List.of();
        List<CompletionTable.Suggestion> all = new ArrayList<>();
        boolean quoted = word.startsWith("\"") || word.startsWith("'");
        // on an empty line Tab lists the statements; the names of values come once a word is begun
        if (p.arg() == 0 && word.isEmpty()) offer = CompletionTable.EMPTY_LINE;
        if (!quoted) all.addAll(CompletionTable.suggestions(offer, state));
        if (offer.kinds().contains(CompletionTable.Kind.FILE)) all.addAll(FileNames.complete(word, offer.extension(), base));
        List<CompletionTable.Suggestion> out = new ArrayList<>();
        for (CompletionTable.Suggestion s : all) if (s.value().startsWith(word)) out.add(s);
        return out;
    }

    private static List<CompletionTable.Suggestion> optionValues(String keyword, String option, String typed, State state) {
        List<String> values = CompletionTable.optionValues(keyword, option, state);
        List<CompletionTable.Suggestion> out = new ArrayList<>();
        for (String v : values) {
            if (v.startsWith(typed)) out.add(new CompletionTable.Suggestion(option + "=" + v, v, "values", null, true));
        }
        return out;
    }
}
