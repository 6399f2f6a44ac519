package nn.session;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nn.lang.NnError;
import nn.lang.Option;
import nn.lang.Pos;
import nn.lang.Suggest;

/**
 * The {@code name=value} options of one statement, checked once against the names it accepts (unknown or repeated
 * options are errors at their position, with a did-you-mean), then read with their types checked. The learning
 * rate's other spellings (μ, eta, ...) are read as {@code lr}.
 */
final class OptionReader {
    private final Map<String, Option> options = new LinkedHashMap<>();
    private final String statement;

    OptionReader(List<Option> given, String statement, Collection<String> allowed, String example) {
        this.statement = statement;
        for (Option o : given) {
            String key = ModelCommands.LEARNING_RATE.contains(o.key()) ? "lr" : o.key();
            if (!allowed.contains(key)) {
                String hint = Suggest.hint(o.key(), allowed);
                throw new NnError(o.pos(), "unknown option '" + o.key() + "' for " + statement,
                        (hint != null ? hint + " " : "") + "(" + statement + " takes " + String.join(", ", allowed) + "; e.g. " + example + ")");
            }
            if (options.containsKey(key)) throw new NnError(o.pos(), "option '" + o.key() + "' is given twice", null);
            options.put(key, o);
        }
    }

    boolean has(String key) { return options.containsKey(key); }

    Option get(String key) { return options.get(key); }

    Pos pos(String key, Pos otherwise) { return has(key) ? options.get(key).pos() : otherwise; }

    double number(String key, double otherwise) {
        Option o = options.get(key);
        if (o == null) return otherwise;
        if (!o.isNumber()) throw new NnError(o.valuePos(), key + " is a number, e.g. " + key + "=" + example(otherwise), null);
        return o.number();
    }

    /** A number that must be positive and finite. */
    double positive(String key, double otherwise) {
        double v = number(key, otherwise);
        if (has(key) && !(v > 0 && Double.isFinite(v))) throw new NnError(options.get(key).valuePos(), key + " must be positive, not " + Format.plain(v), null);
        return v;
    }

    /** A whole number from min to max. */
    long whole(String key, long otherwise, long min, long max) {
        Option o = options.get(key);
        if (o == null) return otherwise;
        double v = number(key, otherwise);
        if (v != Math.rint(v) || v < min || v > max) {
            throw new NnError(o.valuePos(), key + " must be a whole number from " + min + " to " + max + ", not " + o.text(), null);
        }
        return (long) v;
    }

    String word(String key, String otherwise) {
        Option o = options.get(key);
        if (o == null) return otherwise;
        if (o.flag()) throw new NnError(o.pos(), key + " needs a value, e.g. " + key + "=" + otherwise, null);
        return o.text();
    }

    /** {@code key}, {@code key=true} or {@code key=false}. */
    boolean bool(String key, boolean otherwise) {
        Option o = options.get(key);
        if (o == null) return otherwise;
        if (o.flag()) return true;
        String t = o.text();
        if (t.equals("true") || t.equals("yes") || t.equals("on") || t.equals("1")) return true;
        if (t.equals("false") || t.equals("no") || t.equals("off") || t.equals("0")) return false;
        throw new NnError(o.valuePos(), key + " is true or false, not " + t, null);
    }

    String statement() { return statement; }

    private static String example(double v) { return Double.isNaN(v) ? "1" : Format.plain(v); }
}
