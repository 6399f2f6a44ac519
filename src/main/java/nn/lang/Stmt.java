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

    record Layer(Pos pos, Word activation, int in, int out, Pos shapePos, Word alias, List<Option> options) implements Stmt { }
    record Assign(Pos pos, Ref target, Literal value) implements Stmt { }
    record Input(Pos pos, Literal value) implements Stmt { }
    record Target(Pos pos, Literal value) implements Stmt { }
    record Loss(Pos pos, Word name) implements Stmt { }
    record Forward(Pos pos) implements Stmt { }
    record Backward(Pos pos) implements Stmt { }
    record Update(Pos pos, List<Option> options) implements Stmt { }
    record Step(Pos pos, List<Option> options) implements Stmt { }
    record Show(Pos pos, List<Ref> refs) implements Stmt { }
    record Expect(Pos pos, Ref ref, Relation relation, Literal value, Literal tolerance) implements Stmt { }
    record Precision(Pos pos, Literal digits) implements Stmt { }
    record Explain(Pos pos, boolean update, Ref ref) implements Stmt { }
    record Trace(Pos pos, Word mode) implements Stmt { }
    record Draw(Pos pos, Word what, Str file) implements Stmt { }
    record Export(Pos pos, Word format, Str file) implements Stmt { }
    record Init(Pos pos, Word scheme, List<Object> args, List<Option> options) implements Stmt { }
    record Data(Pos pos, Word name, DataSource source) implements Stmt { }
    record Train(Pos pos, Word data, List<Option> options) implements Stmt { }
    record Freeze(Pos pos, List<Ref> refs) implements Stmt { }
    record Unfreeze(Pos pos, List<Ref> refs) implements Stmt { }
    record Evaluate(Pos pos, Word data) implements Stmt { }
    record Predict(Pos pos, Literal value) implements Stmt { }
    record Plot(Pos pos, Word what, Str file, List<Option> options) implements Stmt { }
    record Gradcheck(Pos pos, List<Option> options) implements Stmt { }
    record Save(Pos pos, Str file) implements Stmt { }
    record Run(Pos pos, Str file) implements Stmt { }
    record Reset(Pos pos) implements Stmt { }
    record Help(Pos pos, Word topic) implements Stmt { }
    record Exit(Pos pos) implements Stmt { }

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
        record FromFile(Pos pos, Word format, Str file, List<Option> options) implements DataSource { }
        /** {@code random(rows=60000, inputs=784, classes=10, seed=0)}; args are Options or Literals */
        record Generated(Pos pos, Word generator, List<Object> args) implements DataSource { }
    }
}
