package nn.repl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nn.core.Activation;
import nn.core.Loss;
import nn.session.Names;
import nn.session.State;
import nn.session.StatementTable;

/**
 * What may be typed where: the one table Tab completion (and the highlighter's idea of a known word) is made from.
 * Statement keywords come from {@link StatementTable}, the table {@code help} is made from; names come from
 * {@link Names} for the current network, so completion offers exactly what {@code show} accepts.
 */
final class CompletionTable {
    private CompletionTable() { }

    /** The kinds of words a place in a statement accepts. */
    enum Kind { STATEMENT, NAME, ACTIVATION, LOSS, HELP_TOPIC, DATASET, FILE }

    /**
     * What one place accepts: kinds of words, fixed words, options ({@code lr=}), and for files the extension
     * offered (directories are always offered; null: every file).
     */
    record Offer(List<Kind> kinds, List<String> words, List<String> options, String extension) {
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

    /** Argument {@code arg} (1 = the first word after the keyword; {@link #REST} = this one and every later one). */
    record Row(String keyword, int arg, Offer offer) { }

    static final int REST = -1;

    /** The options statements take, as {@code name=}. */
    static final List<String> TRAINING_OPTIONS = List.of("lr", "epochs", "batch", "optimizer", "seed", "shuffle");

    /** The values an option takes, where they are a fixed set. */
    static final Map<String, List<String>> OPTION_VALUES = Map.of(
            "optimizer", List.of("sgd", "momentum", "adam"),
            "shuffle", List.of("true", "false"));

    /** A statement may start with a keyword, a name (assignment or show), or these. */
    static final Offer STATEMENT_START = Offer.of(Kind.STATEMENT, Kind.NAME).and(Offer.words("net", "lr", "quit"));

    /** Tab on an empty line lists the statements only: the network's names come once a word is begun. */
    static final Offer EMPTY_LINE = Offer.of(Kind.STATEMENT).and(Offer.words("net", "lr", "quit"));

    static final List<Row> ROWS = List.of(
            new Row("layer", 1, Offer.of(Kind.ACTIVATION)),
            new Row("layer", REST, Offer.words("as").and(Offer.options(List.of("slope")))),
            new Row("loss", 1, Offer.of(Kind.LOSS)),
            new Row("show", REST, Offer.of(Kind.NAME).and(Offer.words("net", "lr"))),
            new Row("expect", 1, Offer.of(Kind.NAME)),
            new Row("explain", 1, Offer.of(Kind.NAME).and(Offer.words("update"))),
            new Row("explain", 2, Offer.of(Kind.NAME)),
            new Row("trace", 1, Offer.words("on", "off")),
            new Row("draw", 1, Offer.words("gradients", "graph").and(Offer.files(".svg"))),
            new Row("draw", 2, Offer.files(".svg")),
            new Row("export", 1, Offer.words("markdown", "latex")),
            new Row("export", 2, Offer.files(null)),
            new Row("init", 1, Offer.words("xavier", "he", "uniform", "normal", "zeros")),
            new Row("init", REST, Offer.options(List.of("seed"))),
            new Row("data", 3, Offer.words("csv")),
            new Row("data", 4, Offer.files(".csv")),
            new Row("train", 1, Offer.of(Kind.DATASET).and(Offer.options(TRAINING_OPTIONS))),
            new Row("train", REST, Offer.options(TRAINING_OPTIONS)),
            new Row("freeze", REST, Offer.of(Kind.NAME)),
            new Row("unfreeze", REST, Offer.of(Kind.NAME)),
            new Row("evaluate", 1, Offer.of(Kind.DATASET)),
            new Row("plot", 1, Offer.words("loss")),
            new Row("plot", 2, Offer.files(".svg").and(Offer.words("log", "linear"))),
            new Row("plot", 3, Offer.words("log", "linear")),
            new Row("save", 1, Offer.files(".nn")),
            new Row("run", 1, Offer.files(".nn")),
            new Row("help", 1, Offer.of(Kind.HELP_TOPIC)),
            new Row("update", REST, Offer.options(List.of("lr"))),
            new Row("step", REST, Offer.options(List.of("lr"))));

    /** What the place {@code arg} after {@code keyword} accepts (arg 0: the start of a statement); null: nothing. */
    static Offer offer(String keyword, int arg) {
        if (arg == 0) return STATEMENT_START;
        Offer rest = null;
        for (Row r : ROWS) {
            if (!r.keyword().equals(keyword)) continue;
            if (r.arg() == arg) return r.offer();
            if (r.arg() == REST) rest = r.offer();
        }
        return rest;
    }

    /**
     * One completion: the text inserted, what the menu shows, its group, a short description (or null), and whether
     * it is complete (a space follows it) or goes on ({@code lr=}, a folder).
     */
    record Suggestion(String value, String display, String group, String description, boolean complete) {
        Suggestion(String value, String group, boolean complete) { this(value, value, group, null, complete); }
    }

    /** The words of the given kinds, in the current state: what completion offers and the highlighter accepts. */
    static List<Suggestion> words(Kind kind, State state) {
        List<Suggestion> out = new ArrayList<>();
        switch (kind) {
            case STATEMENT -> {
                for (StatementTable.Entry e : StatementTable.ENTRIES) {
                    if (!e.keyword().equals("=")) out.add(new Suggestion(e.keyword(), "statements", true));
                }
            }
            case NAME -> {
                for (String n : Names.all(state.net)) out.add(new Suggestion(n, "names", true));
            }
            case ACTIVATION -> {
                for (String a : Activation.names()) out.add(new Suggestion(a, "activations", true));
            }
            case LOSS -> {
                for (String l : Loss.names()) out.add(new Suggestion(l, "losses", true));
            }
            case HELP_TOPIC -> {
                for (String k : StatementTable.keywords()) out.add(new Suggestion(k, "statements", true));
                for (String t : StatementTable.HELP_TOPICS) out.add(new Suggestion(t, "topics", true));
            }
            case DATASET -> {
                for (String d : state.datasets.keySet()) out.add(new Suggestion(d, "data sets", true));
            }
            case FILE -> { } // files depend on the word typed: see FileNames
        }
        return out;
    }

    /** Every suggestion for an offer, apart from file names. */
    static List<Suggestion> suggestions(Offer offer, State state) {
        Map<String, Suggestion> out = new LinkedHashMap<>();
        for (Kind k : offer.kinds()) for (Suggestion s : words(k, state)) out.putIfAbsent(s.value(), s);
        for (String w : offer.words()) out.putIfAbsent(w, new Suggestion(w, "words", true));
        for (String o : offer.options()) out.putIfAbsent(o + "=", new Suggestion(o + "=", "options", false));
        return new ArrayList<>(out.values());
    }
}
