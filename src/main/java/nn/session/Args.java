package nn.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nn.lang.Arg;
import nn.lang.Expr;
import nn.lang.Literal;
import nn.lang.Pos;
import nn.lang.Ref;
import nn.lang.Str;
import nn.lang.Word;

/**
 * A statement's arguments as its {@link Signature} read them: positional ones by parameter name, options decoded and
 * checked (numbers as Double or Long, words, booleans), flags. Handlers only read; nothing here can fail but a
 * missing value, which the signature already ruled out for required parameters.
 */
public final class Args {
    private final Pos pos;
    private final Map<Signature.Param, List<Arg>> positional;
    private final Map<String, Object> options;
    private final Map<String, Pos> positions;
    private final Set<String> flags;

    Args(Pos pos, Map<Signature.Param, List<Arg>> positional, Map<String, Object> options, Map<String, Pos> positions, Set<String> flags) {
        this.pos = pos;
        this.positional = positional;
        this.options = options;
        this.positions = positions;
        this.flags = flags;
    }

    static Args none(Pos pos) { return new Args(pos, Map.of(), Map.of(), Map.of(), Set.of()); }

    /** The whole statement's position. */
    public Pos pos() { return pos; }

    private List<Arg> all(String param) {
        for (Map.Entry<Signature.Param, List<Arg>> e : positional.entrySet()) if (e.getKey().name().equals(param)) return e.getValue();
        return List.of();
    }

    private Arg one(String param) {
        List<Arg> a = all(param);
        return a.isEmpty() ? null : a.get(0);
    }

    public boolean given(String param) { return one(param) != null; }

    /** A word parameter (a keyword or a bare name as written), or null. */
    public Word word(String param) {
        Arg a = one(param);
        if (a == null) return null;
        if (a instanceof Word w) return w;
        return new Word(Signature.bareWord(a), a.pos());
    }

    public String word(String param, String otherwise) {
        Word w = word(param);
        return w == null ? otherwise : w.text();
    }

    public Ref ref(String param) { return (Ref) one(param); }

    public List<Ref> refs(String param) {
        List<Ref> out = new ArrayList<>();
        for (Arg a : all(param)) out.add((Ref) a);
        return out;
    }

    public Expr expr(String param) { return (Expr) one(param); }

    public List<Expr> exprs(String param) {
        List<Expr> out = new ArrayList<>();
        for (Arg a : all(param)) out.add((Expr) a);
        return out;
    }

    /** A numbers parameter: its literal (a sign written apart folded in). */
    public Literal value(String param) {
        Arg a = one(param);
        if (a == null) return null;
        if (a instanceof Expr.Unary u && u.operand() instanceof Literal l) {
            double[] v = l.values().clone();
            for (int i = 0; i < v.length; i++) v[i] = -v[i];
            return new Literal(l.form(), l.rows(), l.cols(), v, l.decimals(), l.notation(), u.pos());
        }
        return (Literal) a;
    }

    public Str file(String param) { return (Str) one(param); }

    /** A scheme parameter: the call as written, or a bare name as a call without arguments. */
    public Expr.Call call(String param) {
        Arg a = one(param);
        if (a == null) return null;
        if (a instanceof Expr.Call c) return c;
        return new Expr.Call(a.pos(), new Word(Signature.bareWord(a), a.pos()), List.of());
    }

    public boolean has(String option) { return options.containsKey(option); }

    public double number(String option, double otherwise) {
        Object v = options.get(option);
        return v == null ? otherwise : ((Number) v).doubleValue();
    }

    public long whole(String option, long otherwise) {
        Object v = options.get(option);
        return v == null ? otherwise : ((Number) v).longValue();
    }

    public String choice(String option, String otherwise) {
        Object v = options.get(option);
        return v == null ? otherwise : (String) v;
    }

    /** A data set's name given as an option (test=xor_test), with its position; null when not given. */
    public Word data(String option) { return (Word) options.get(option); }

    public boolean bool(String option, boolean otherwise) {
        Object v = options.get(option);
        return v == null ? otherwise : (Boolean) v;
    }

    public boolean flag(String name) { return flags.contains(name); }

    /** Where an option or flag was written, or {@code otherwise}. */
    public Pos pos(String option, Pos otherwise) { return positions.getOrDefault(option, otherwise); }
}
