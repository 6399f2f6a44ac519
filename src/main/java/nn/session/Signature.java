package nn.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nn.lang.Arg;
import nn.lang.Expr;
import nn.lang.Literal;
import nn.lang.NnError;
import nn.lang.Option;
import nn.lang.Pos;
import nn.lang.Ref;
import nn.lang.Str;
import nn.lang.Suggest;
import nn.lang.Word;

/**
 * What a statement takes after its keyword: positional parameters, options with their types and ranges, and flags
 * (bare words). {@link #read} checks the arguments as written once, against all of it, and gives the handler
 * {@link Args} whose values are already decoded: an option is validated in this one place, and help, completion and
 * the usage line in messages are made from the same description.
 */
public final class Signature {

    /** What a positional parameter takes. */
    public enum Kind {
        /** a word: `on`, `markdown`, `update`, a loss or activation name */
        WORD,
        /** a name, possibly indexed or a gradient: `W0`, `h[1]`, `dE/dw100` */
        NAME,
        /** any expression: `f`, `sum(f)`, `x + y` */
        EXPR,
        /** numbers: `0.5`, `[0.9, 0.2]`, a matrix */
        VALUE,
        /** a quoted file name */
        FILE,
        /** the name of a data set */
        DATA,
        /** a scheme and its numbers: `xavier`, `uniform(-0.5, 0.5)` */
        CALL
    }

    /**
     * A positional parameter: its name in the usage line, what it takes, whether it may be left out or repeated, the
     * words it is limited to ({@code choices}; none: any), and what completion offers there ({@code offers}: words, or
     * for a FILE the file extension).
     */
    public record Param(String name, Kind kind, boolean optional, boolean repeated, List<String> choices, List<String> offers) {
        /** What completion offers: the choices, or the words given for it. */
        public List<String> completions() { return offers.isEmpty() ? choices : offers; }

        // equals and hashCode as a record's, written out: the generated ones are bootstrapped through
        // java.lang.runtime.ObjectMethods on first use, ~20-40 ms of method-handle set-up in a session's first
        // statement with an argument (issue 19)
        @Override public boolean equals(Object o) {
            return o instanceof Param p && java.util.Objects.equals(name, p.name) && kind == p.kind && optional == p.optional
                    && repeated == p.repeated && java.util.Objects.equals(choices, p.choices) && java.util.Objects.equals(offers, p.offers);
        }

        @Override public int hashCode() {
            int h = java.util.Objects.hashCode(name);
            h = 31 * h + java.util.Objects.hashCode(kind);
            h = 31 * h + Boolean.hashCode(optional);
            h = 31 * h + Boolean.hashCode(repeated);
            h = 31 * h + java.util.Objects.hashCode(choices);
            return 31 * h + java.util.Objects.hashCode(offers);
        }
    }

    /** How an option's value is read; DATA: the name of a data set (completion offers the session's). */
    public enum Type { NUMBER, POSITIVE, WHOLE, WORD, BOOL, STRING, DATA }

    /**
     * An option {@code name=value}: its type, for WHOLE its range, for WORD its choices (empty: any word), the words
     * completion offers, other spellings ({@code μ} for {@code lr}) and one line of help.
     */
    public record OptionSpec(String name, Type type, double min, double max, List<String> choices, List<String> aliases, String help) {
        /** The values completion offers after {@code name=}. */
        public List<String> completions() {
            if (!choices.isEmpty()) return choices;
            if (type == Type.BOOL) return List.of("true", "false");
            return List.of();
        }

        String usage() {
            return name + "=" + switch (type) {
                case NUMBER, POSITIVE -> "X";
                case WHOLE -> "N";
                case WORD -> choices.isEmpty() ? "NAME" : String.join("|", choices);
                case BOOL -> "true|false";
                case STRING -> "\"TEXT\"";
                case DATA -> "DATA";
            };
        }
    }

    /** A bare word that switches something on ({@code onehot}, {@code full}), with its help. */
    public record Flag(String name, String help) { }

    public final List<Param> params;
    public final List<OptionSpec> options;
    public final List<Flag> flags;

    Signature(List<Param> params, List<OptionSpec> options, List<Flag> flags) {
        this.params = List.copyOf(params);
        this.options = List.copyOf(options);
        this.flags = List.copyOf(flags);
    }

    public static final Signature NONE = new Signature(List.of(), List.of(), List.of());

    /** The option a name (or one of its other spellings) means, or null. */
    public OptionSpec option(String name) {
        for (OptionSpec o : options) if (o.name.equals(name) || o.aliases.contains(name)) return o;
        return null;
    }

    public boolean hasFlag(String name) {
        for (Flag f : flags) if (f.name.equals(name)) return true;
        return false;
    }

    /** "[DATA] epochs=N lr=X [batch=N] ...": the arguments as help and messages show them. */
    public String usage() {
        List<String> parts = new ArrayList<>();
        for (Param p : params) {
            String n = p.choices.isEmpty() || p.kind != Kind.WORD ? p.name : String.join("|", p.choices);
            if (p.repeated) n += " ...";
            parts.add(p.optional ? "[" + n + "]" : n);
        }
        for (OptionSpec o : options) parts.add("[" + o.usage() + "]");
        for (Flag f : flags) parts.add("[" + f.name + "]");
        return String.join(" ", parts);
    }

    /** Reads {@code args} as written after {@code keyword} at {@code at}: every problem is an error at its position. */
    public Args read(String keyword, Pos at, List<Arg> args) {
        Map<Param, List<Arg>> positional = new LinkedHashMap<>();
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Pos> positions = new LinkedHashMap<>();
        Set<String> flagsGiven = new java.util.LinkedHashSet<>();
        int next = 0;
        for (Arg a : args) {
            if (a instanceof Option o) {
                OptionSpec spec = option(o.key());
                if (spec == null && hasFlag(o.key())) {
                    if (bool(o, o.key())) flagsGiven.add(o.key());
                    positions.put(o.key(), o.pos());
                    continue;
                }
                if (spec == null) throw unknownOption(keyword, o);
                if (values.containsKey(spec.name)) throw new NnError(o.pos(), "option '" + o.key() + "' is given twice", null);
                values.put(spec.name, decode(spec, o));
                positions.put(spec.name, o.pos());
                continue;
            }
            String bare = bareWord(a);
            if (bare != null && hasFlag(bare) && !fitsChoice(next, bare)) {
                flagsGiven.add(bare);
                positions.put(bare, a.pos());
                continue;
            }
            OptionSpec asFlag = bare == null ? null : option(bare);
            if (asFlag != null && asFlag.type == Type.BOOL && !fitsChoice(next, bare)) {
                // `shuffle` alone is shuffle=true
                if (values.containsKey(asFlag.name)) throw new NnError(a.pos(), "option '" + bare + "' is given twice", null);
                values.put(asFlag.name, true);
                positions.put(asFlag.name, a.pos());
                continue;
            }
            // the next parameter that takes this argument; optional ones it does not fit are passed over
            Param skipped = null;
            while (next < params.size()) {
                Param p = params.get(next);
                if (takes(p, a)) break;
                if (!p.optional && !positional.containsKey(p)) throw wrongArgument(keyword, p, a);
                if (skipped == null && !positional.containsKey(p)) skipped = p;
                next++;
            }
            if (next >= params.size()) throw skipped != null && !(a instanceof Word) ? wrongArgument(keyword, skipped, a) : extra(keyword, a);
            Param p = params.get(next);
            positional.computeIfAbsent(p, k -> new ArrayList<>()).add(a);
            if (!p.repeated) next++;
        }
        for (Param p : params) {
            if (!p.optional && !positional.containsKey(p)) {
                throw new NnError(at, keyword + " needs " + describe(p), "write " + keyword + " " + usage());
            }
        }
        return new Args(at, positional, values, positions, flagsGiven);
    }

    private boolean fitsChoice(int next, String word) {
        return next < params.size() && params.get(next).kind == Kind.WORD && params.get(next).choices.contains(word);
    }

    /** The text of a bare word argument (a keyword, or a name with no index), or null. */
    static String bareWord(Arg a) {
        if (a instanceof Word w) return w.text();
        if (a instanceof Ref r && !r.indexed() && !r.derivative()) return r.text();
        return null;
    }

    private static boolean takes(Param p, Arg a) {
        return switch (p.kind) {
            case WORD -> {
                String w = bareWord(a);
                yield w != null && (p.choices.isEmpty() || p.choices.contains(w));
            }
            case DATA -> bareWord(a) != null;
            case NAME -> a instanceof Ref;
            case EXPR -> a instanceof Expr;
            case VALUE -> a instanceof Literal || a instanceof Expr.Unary u && u.operand() instanceof Literal;
            case FILE -> a instanceof Str;
            case CALL -> a instanceof Expr.Call || bareWord(a) != null;
        };
    }

    private static String describe(Param p) {
        return switch (p.kind) {
            case WORD -> p.choices.isEmpty() ? "a word (" + p.name + ")" : Suggest.joinOr(p.choices);
            case DATA -> "the name of a data set";
            case NAME -> "a name (" + p.name + ")";
            case EXPR -> "a value or expression (" + p.name + ")";
            case VALUE -> "numbers (" + p.name + ")";
            case FILE -> "a quoted file name";
            case CALL -> "a scheme (" + p.name + ")";
        };
    }

    private NnError wrongArgument(String keyword, Param p, Arg a) {
        String got = a instanceof Str s ? "\"" + s.text() + "\"" : a instanceof Option o ? o.key() + "=" : text(a);
        String hint = null;
        String w = bareWord(a);
        if (p.kind == Kind.WORD && w != null && !p.choices.isEmpty()) hint = Suggest.hint(w, p.choices);
        return new NnError(a.pos(), keyword + " takes " + describe(p) + " here, not " + got, hint != null ? hint : "write " + keyword + " " + usage());
    }

    private NnError extra(String keyword, Arg a) {
        String w = bareWord(a);
        OptionSpec named = w == null ? null : option(w);
        if (named != null) {
            // `test` where test=DATA was meant (a yes/no option alone is already read as =true)
            throw new NnError(a.pos(), "option '" + w + "' needs a value: " + named.usage(), "e.g. " + keyword + " ... " + named.name + "=" + switch (named.type) {
                case WORD -> named.choices.isEmpty() ? "NAME" : named.choices.get(0);
                case WHOLE -> "10";
                case NUMBER, POSITIVE -> "0.1";
                case DATA -> "NAME";
                case STRING -> "\"...\"";
                case BOOL -> "true";
            });
        }
        String hint = null;
        if (w != null) {
            List<String> words = new ArrayList<>();
            for (Flag f : flags) words.add(f.name);
            for (OptionSpec o : options) words.add(o.name);
            hint = Suggest.hint(w, words);
        }
        String what = a instanceof Str s ? "\"" + s.text() + "\"" : "'" + text(a) + "'";
        return new NnError(a.pos(), "unexpected " + what + " after " + keyword, (hint != null ? hint + " " : "") + "(" + keyword + " " + usage() + ")");
    }

    private NnError unknownOption(String keyword, Option o) {
        List<String> names = new ArrayList<>();
        for (OptionSpec s : options) names.add(s.name);
        for (Flag f : flags) names.add(f.name);
        String hint = Suggest.hint(o.key(), names);
        String takes = names.isEmpty() ? keyword + " takes no options" : "(" + keyword + " takes " + String.join(", ", names) + ")";
        return new NnError(o.pos(), "unknown option '" + o.key() + "' for " + keyword, (hint != null ? hint + " " : "") + takes);
    }

    static String text(Arg a) {
        String t = a.pos().lineText();
        int c = Math.max(0, a.pos().column() - 1);
        return t.substring(Math.min(c, t.length()), Math.min(t.length(), c + a.pos().length()));
    }

    private static Object decode(OptionSpec spec, Option o) {
        String key = spec.name;
        switch (spec.type) {
            case NUMBER, POSITIVE, WHOLE -> {
                if (!o.isNumber()) {
                    throw new NnError(o.flag() ? o.pos() : o.valuePos(), key + " is a number, e.g. " + key + "=" + (spec.type == Type.WHOLE ? "10" : "0.1"), null);
                }
                double v = o.number();
                if (spec.type == Type.POSITIVE && !(v > 0 && Double.isFinite(v))) {
                    throw new NnError(o.valuePos(), (key.equals("lr") ? "the learning rate" : key) + " must be positive, not " + Format.plain(v), null);
                }
                if (spec.type == Type.NUMBER && !Double.isFinite(v)) throw new NnError(o.valuePos(), key + " must be a finite number", null);
                if (spec.type == Type.WHOLE) {
                    if (v != Math.rint(v) || v < spec.min || v > spec.max) {
                        throw new NnError(o.valuePos(), key + " must be a whole number from " + Format.plain(spec.min) + " to " + Format.plain(spec.max) + ", not " + o.text(), null);
                    }
                    return (long) v;
                }
                if (v < spec.min || v > spec.max) {
                    throw new NnError(o.valuePos(), key + " must be from " + Format.plain(spec.min) + " to " + Format.plain(spec.max) + ", not " + o.text(), null);
                }
                return v;
            }
            case WORD -> {
                if (o.flag()) throw new NnError(o.pos(), key + " needs a value, e.g. " + key + "=" + (spec.choices.isEmpty() ? "NAME" : spec.choices.get(0)), null);
                if (!(o.value() instanceof Word) && !(o.value() instanceof Str)) throw new NnError(o.valuePos(), key + " is a word" + (spec.choices.isEmpty() ? "" : ": " + String.join(", ", spec.choices)), null);
                String t = o.text();
                if (!spec.choices.isEmpty() && !spec.choices.contains(t) && !spec.choices.contains(t.toLowerCase())) {
                    String hint = Suggest.hint(t, spec.choices);
                    throw new NnError(o.valuePos(), "unknown " + key + " '" + t + "'", hint != null ? hint : key + " is " + Suggest.joinOr(spec.choices));
                }
                return spec.choices.contains(t) ? t : spec.choices.isEmpty() ? t : t.toLowerCase();
            }
            case BOOL -> { return bool(o, key); }
            case DATA -> {
                // the name with its own position, for errors about the data set it names
                if (o.flag() || !(o.value() instanceof Word w)) throw new NnError(o.flag() ? o.pos() : o.valuePos(), key + " takes the name of a data set, e.g. " + key + "=NAME", null);
                return w;
            }
            case STRING -> {
                if (o.flag() || o.value() instanceof Expr && !(o.value() instanceof Literal)) throw new NnError(o.flag() ? o.pos() : o.valuePos(), key + " is a name or a quoted text, e.g. " + key + "=\"...\"", null);
                return o.text();
            }
        }
        throw new IllegalStateException();
    }

    /** {@code key}, {@code key=true} or {@code key=false} (also yes/no, on/off, 1/0). */
    private static boolean bool(Option o, String key) {
        if (o.flag()) return true;
        String t = o.text();
        if (t.equals("true") || t.equals("yes") || t.equals("on") || t.equals("1")) return true;
        if (t.equals("false") || t.equals("no") || t.equals("off") || t.equals("0")) return false;
        throw new NnError(o.valuePos(), key + " is true or false, not " + t, null);
    }
}
