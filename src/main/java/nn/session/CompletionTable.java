package nn.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nn.core.Activation;
import nn.core.Loss;

/**
 * What may be typed where: the one table Tab completion (and the highlighter's idea of a known word) is made from.
 * Statement keywords, their parameters and options come from the rows of {@link Statements}, the table {@code help}
 * is made from; names come from {@link Names} for the current session, so completion offers what {@code show} accepts.
 */
public final class CompletionTable {
    private CompletionTable() { }

    /** The kinds of words a place in a statement accepts. */
    public enum Kind { STATEMENT, NAME, ACTIVATION, LOSS, HELP_TOPIC, DATASET, FILE }

    /**
     * What one place accepts: kinds of words, fixed words, options ({@code lr=}), and for files the extension
     * offered (directories are always offered; null: every file).
     */
    public record Offer(List<Kind> kinds, List<String> words, List<String> options, String extension) {
        static Offer of(Kind... kinds) { return new Offer(List.of(kinds), List.of(), List.of(), null); }

        static Offer words(String... words) { return new Offer(List.of(), List.of(words), List.of(), null); }

        static Offer options(List<String> options) { return new Offer(List.of(), List.of(), options, null); }

        static Offer files(String extension) { return new Offer(List.of(Kind.FILE), List.of(), List.of(), extension); }

        Offer and(Offer o) {
            List<Kind> k = new ArrayList<>(kinds);
            k.addAll(o.kinds);
            List<String> w = new ArrayList<>(words);
            w.addAll(o.words);
            List<String> op = new ArrayList<>(options);
            op.addAll(o.options);
            return new Offer(List.copyOf(k), List.copyOf(w), List.copyOf(op), extension != null ? extension : o.extension);
        }
    }

    /** A statement may start with a keyword, a name (assignment or show), or these. */
    public static final Offer STATEMENT_START = Offer.of(Kind.STATEMENT, Kind.NAME).and(Offer.words("net", "lr", "quit"));

    /** Tab on an empty line lists the statements only: the network's names come once a word is begun. */
    static final Offer EMPTY_LINE = Offer.of(Kind.STATEMENT).and(Offer.words("net", "lr", "quit"));

    /**
     * What the place {@code arg} after {@code keyword} accepts (arg 0: the start of a statement); null: nothing. Read
     * from the statement's row: the parameters that may stand at that place, and its options and flags.
     */
    static Offer offer(String keyword, int arg) {
        if (arg == 0) return STATEMENT_START;
        if ("layer".equals(keyword)) {
            return arg == 1 ? Offer.of(Kind.ACTIVATION) : Offer.words("as").and(Offer.options(optionNames(Statements.find("layer"))));
        }
        if ("data".equals(keyword)) {
            return arg == 3 ? Offer.words("csv", "random(") : arg == 4 ? Offer.files(".csv") : arg > 4 ? Offer.words("onehot").and(Offer.options(List.of("target"))) : null;
        }
        if ("expect".equals(keyword)) return arg == 1 ? Offer.of(Kind.NAME) : null;
        Statement row = Statements.find(keyword);
        if (row == null || row.form != nn.lang.Stmt.Command.class) return null;
        Offer offer = Offer.options(optionNames(row));
        List<String> flags = new ArrayList<>();
        for (Signature.Flag f : row.signature.flags) flags.add(f.name());
        offer = offer.and(new Offer(List.of(), flags, List.of(), null));
        // the parameters that may stand at this place: parameter j is at the earliest after the required ones before
        // it, at the latest after all before it (any place after, if one before it repeats)
        List<Signature.Param> params = row.signature.params;
        int required = 0;
        boolean repeats = false;
        for (int j = 0; j < params.size(); j++) {
            Signature.Param p = params.get(j);
            int earliest = 1 + required;
            int latest = repeats || p.repeated() ? Integer.MAX_VALUE : j + 1;
            if (arg >= earliest && arg <= latest) offer = offer.and(offer(p));
            if (!p.optional()) required++;
            repeats |= p.repeated();
        }
        return offer;
    }

    private static List<String> optionNames(Statement row) {
        List<String> out = new ArrayList<>();
        for (Signature.OptionSpec o : row.signature.options) out.add(o.name());
        return out;
    }

    private static Offer offer(Signature.Param p) {
        return switch (p.kind()) {
            case NAME, EXPR -> Offer.of(Kind.NAME);
            case DATA -> Offer.of(Kind.DATASET);
            case FILE -> Offer.files(p.completions().size() == 1 ? p.completions().get(0) : null);
            case WORD, CALL, VALUE -> new Offer(List.of(), p.completions(), List.of(), null);
        };
    }

    /** The values an option takes, where they are a fixed set: from the rows (for a data set's name, the session's). */
    static List<String> optionValues(String keyword, String option, State state) {
        Statement row = Statements.find(keyword);
        if (row == null) return List.of();
        Signature.OptionSpec o = row.signature.option(option);
        if (o != null && o.type() == Signature.Type.DATA) return state == null ? List.of() : List.copyOf(state.datasets.keySet());
        return o == null ? List.of() : o.completions();
    }

    /**
     * One completion: the text inserted, what the menu shows, its group, a short description (or null), and whether
     * it is complete (a space follows it) or goes on ({@code lr=}, a folder).
     */
    public record Suggestion(String value, String display, String group, String description, boolean complete) {
        Suggestion(String value, String group, boolean complete) { this(value, value, group, null, complete); }
    }

    /** The words of the given kinds, in the current state: what completion offers and the highlighter accepts. */
    static List<Suggestion> words(Kind kind, State state) {
        List<Suggestion> out = new ArrayList<>();
        switch (kind) {
            case STATEMENT -> {
                for (String k : Statements.keywords()) if (!k.equals("quit")) out.add(new Suggestion(k, "statements", true));
            }
            case NAME -> {
                for (String n : Names.all(state)) out.add(new Suggestion(n, "names", true));
            }
            case ACTIVATION -> {
                for (String a : Activation.names()) out.add(new Suggestion(a, "activations", true));
            }
            case LOSS -> {
                for (String l : Loss.names()) out.add(new Suggestion(l, "losses", true));
            }
            case HELP_TOPIC -> {
                for (String k : Statements.keywords()) out.add(new Suggestion(k, "statements", true));
            }
            case DATASET -> {
                for (String d : state.datasets.keySet()) out.add(new Suggestion(d, "data sets", true));
            }
            case FILE -> { } // files depend on the word typed: see FileNames
        }
        return out;
    }

    /** Every suggestion for an offer, apart from file names. */
    public static List<Suggestion> suggestions(Offer offer, State state) {
        Map<String, Suggestion> out = new LinkedHashMap<>();
        for (Kind k : offer.kinds()) for (Suggestion s : words(k, state)) out.putIfAbsent(s.value(), s);
        for (String w : offer.words()) out.putIfAbsent(w, new Suggestion(w, "words", true));
        for (String o : offer.options()) out.putIfAbsent(o + "=", new Suggestion(o + "=", "options", false));
        return new ArrayList<>(out.values());
    }
}
