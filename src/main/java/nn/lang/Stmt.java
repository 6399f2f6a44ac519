package nn.lang;

import java.util.List;

/**
 * The statements of the language as immutable records with source positions, one per labelled alternative of
 * grammar/nn/grammar/Nn.g4. {@code pos} spans the whole statement.
 */
public sealed interface Stmt {
    Pos pos();

    /** The statement's keyword (the first word), for messages and help. */
    default String keyword() {
        String t = pos().lineText();
        int c = Math.max(0, pos().column() - 1);
        int e = c;
        while (e < t.length() && !Character.isWhitespace(t.charAt(e)) && t.charAt(e) != '=') e++;
        return t.substring(Math.min(c, t.length()), Math.min(e, t.length()));
    }

    /** The statement's text as written (its first line when it spans several). */
    default String text() {
        String t = pos().lineText();
        int c = Math.min(t.length(), Math.max(0, pos().column() - 1));
        return t.substring(c, Math.min(t.length(), c + pos().length())).strip();
    }

    /** {@code layer relu 3->2 as h slope=0.1 bias=false}: the options are read by the statement's row. */
    record Layer(Pos pos, Word activation, int in, int out, Pos shapePos, Word alias, List<Arg> args) implements Stmt { }

    /** {@code data xor = [[0,0] -> [0], ...]}, {@code data iris = csv "iris.csv" target=species onehot}. */
    record Data(Pos pos, Word name, DataSource source) implements Stmt { }

    /** {@code expect o = 0.526}, {@code expect E < 0.138}, {@code expect dE/dw100 = 0.038 ± 0.001}. */
    record Expect(Pos pos, Expr subject, Relation relation, Literal value, Literal tolerance) implements Stmt { }

    /**
     * {@code W0 = [[..]]}, {@code q = x + y}, and the chains of worked solutions ({@code E = ½(0 − 0.526)² = 0.138}):
     * {@code chain} holds every member after the name, in order.
     */
    record Assign(Pos pos, Ref target, List<Expr> chain) implements Stmt {
        /** The last member: the value a name is set to or bound to. */
        public Expr value() { return chain.get(chain.size() - 1); }
    }

    /** An equation number on a line of its own, as pasted from a document: {@code (12)}. */
    record EquationNumber(Pos pos, String number) implements Stmt { }

    /** Every other statement: its keyword and arguments, which the statement's row of the table reads. */
    record Command(Pos pos, Word name, List<Arg> args) implements Stmt {
        @Override public String keyword() { return name.text(); }
    }

    /** A value or expression on its own, shown: {@code o}, {@code dE/dW0}, {@code x + y}. */
    record Inspect(Pos pos, Expr expr) implements Stmt { }

    enum Relation {
        EQ("="), LT("<"), GT(">"), LE("<="), GE(">=");
        public final String symbol;
        Relation(String symbol) { this.symbol = symbol; }
    }

    /** Where a {@code data} statement takes its rows from. */
    sealed interface DataSource {
        Pos pos();
        /** {@code [[0,0] -> [0], [0,1] -> [1]]} */
        record Inline(Pos pos, List<Literal> inputs, List<Literal> targets) implements DataSource { }
        /** {@code csv "iris.csv" target=species onehot} */
        record FromFile(Pos pos, Word format, Str file, List<Arg> args) implements DataSource { }
        /** {@code random(rows=60000, inputs=784, classes=10, seed=0)} */
        record Generated(Pos pos, Expr.Call call) implements DataSource { }
    }
}
