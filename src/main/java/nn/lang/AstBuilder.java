package nn.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import nn.grammar.NnLexer;
import nn.grammar.NnParser;
import nn.grammar.NnParser.*;
import org.antlr.v4.runtime.BufferedTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Parse tree to AST. Checks what the grammar cannot (ragged matrices, numbers out of range, whole-number indices)
 * and collects those problems as diagnostics instead of throwing.
 */
final class AstBuilder {
    private final Source source;
    private final BufferedTokenStream tokens;
    private final List<Diagnostic> errors;

    AstBuilder(Source source, BufferedTokenStream tokens, List<Diagnostic> errors) {
        this.source = source;
        this.tokens = tokens;
        this.errors = errors;
    }

    /** Signals a problem already recorded in {@link #errors}; the statement is dropped. */
    private static final class Invalid extends RuntimeException {
        Invalid() { super(null, null, false, false); }
    }

    List<Stmt> program(ProgramContext program) {
        List<Stmt> out = new ArrayList<>();
        for (StatementContext s : program.statement()) {
            try {
                out.add(statement(s));
            } catch (Invalid e) {
                // already reported; keep checking the rest of the program
            } catch (RuntimeException e) {
                // a statement the parser had to repair after a syntax error (already reported) has holes
                if (errors.isEmpty()) throw e;
            }
        }
        return out;
    }

    // ---- positions ----

    Pos pos(ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop() != null && ctx.getStop().getType() != Token.EOF ? ctx.getStop() : start;
        int length = start.getLine() == stop.getLine()
                ? Math.max(1, stop.getStopIndex() - start.getStartIndex() + 1)
                : Math.max(1, source.line(start.getLine()).length() - start.getCharPositionInLine());
        return new Pos(source, start.getLine(), start.getCharPositionInLine() + 1, length);
    }

    Pos pos(Token t) {
        return new Pos(source, t.getLine(), t.getCharPositionInLine() + 1, Math.max(1, t.getText().length()));
    }

    Pos pos(TerminalNode n) { return pos(n.getSymbol()); }

    private Invalid error(Pos pos, String message, String hint) {
        errors.add(new Diagnostic(Diagnostic.Kind.SYNTAX, pos, message, hint));
        return new Invalid();
    }

    // ---- statements: one method per labelled alternative of `statement`, its grammar line above it ----

    Stmt statement(StatementContext ctx) {
        if (ctx instanceof LayerStmtContext c) return layer(c);
        if (ctx instanceof DataStmtContext c) return data(c);
        if (ctx instanceof ExpectStmtContext c) return expect(c);
        if (ctx instanceof AssignStmtContext c) return assign(c);
        if (ctx instanceof EquationNumberStmtContext c) return new Stmt.EquationNumber(pos(c), c.NUMBER().getText());
        if (ctx instanceof CommandStmtContext c) return command(c);
        if (ctx instanceof InspectStmtContext c) return new Stmt.Inspect(pos(c), expr(c.expr()));
        throw error(pos(ctx), "this statement is not understood", null);
    }

    // LAYER word shape (AS word)? argument*
    private Stmt layer(LayerStmtContext c) {
        ShapeContext sh = c.shape();
        int in = wholeNumber(sh.NUMBER(0), "a layer's fan-in");
        int out = wholeNumber(sh.NUMBER(1), "a layer's size");
        return new Stmt.Layer(pos(c), word(c.word(0)), in, out, pos(sh), c.AS() != null ? word(c.word(1)) : null, arguments(c.argument()));
    }

    // DATA word EQ dataSource
    private Stmt data(DataStmtContext c) { return new Stmt.Data(pos(c), word(c.word()), dataSource(c.dataSource())); }

    // EXPECT expr relation value (PLUSMINUS number)?
    private Stmt expect(ExpectStmtContext c) {
        Stmt.Relation rel = switch (c.relation().getStart().getType()) {
            case NnLexer.LT -> Stmt.Relation.LT;
            case NnLexer.GT -> Stmt.Relation.GT;
            case NnLexer.LE -> Stmt.Relation.LE;
            case NnLexer.GE -> Stmt.Relation.GE;
            default -> Stmt.Relation.EQ;
        };
        Literal tol = c.number() != null ? number(c.number()) : null;
        if (tol != null && !(tol.scalar() >= 0)) throw error(tol.pos(), "a tolerance cannot be negative", null);
        if (tol != null && rel != Stmt.Relation.EQ) {
            throw error(pos(c.PLUSMINUS()), "a tolerance (±) belongs to `=` only; `" + c.relation().getText() + "` compares exactly",
                    "write `expect NAME = VALUE ± TOL`, or drop the ± part");
        }
        return new Stmt.Expect(pos(c), expr(c.expr()), rel, value(c.value()), tol);
    }

    // ref (EQ expr)+
    private Stmt assign(AssignStmtContext c) {
        List<Expr> chain = new ArrayList<>();
        for (ExprContext e : c.expr()) chain.add(expr(e));
        return new Stmt.Assign(pos(c), ref(c.ref()), List.copyOf(chain));
    }

    // keyword argument*
    private Stmt command(CommandStmtContext c) {
        return new Stmt.Command(pos(c), new Word(c.keyword().getText(), pos(c.keyword())), arguments(c.argument()));
    }

    private List<Arg> arguments(List<ArgumentContext> cs) {
        List<Arg> out = new ArrayList<>();
        for (ArgumentContext c : cs) out.add(argument(c));
        return List.copyOf(out);
    }

    private Arg argument(ArgumentContext ctx) {
        // word EQ optionValue
        if (ctx instanceof OptionArgContext c) return new Option(word(c.word()), optionValue(c.optionValue()), pos(c));
        // STRING
        if (ctx instanceof StringArgContext c) return str(c.STRING());
        // expr
        if (ctx instanceof ExprArgContext c) return expr(c.expr());
        // keyword
        if (ctx instanceof KeywordArgContext c) return word(c.word());
        throw error(pos(ctx), "this argument is not understood", null);
    }

    /** An option's value: a number as a Literal, a bare name or keyword as a Word, a string, or any other expression. */
    private Object optionValue(OptionValueContext c) {
        if (c.STRING() != null) return str(c.STRING());
        if (c.word() != null) return word(c.word());
        Expr e = expr(c.expr());
        if (e instanceof Ref r && !r.indexed() && !r.derivative()) return new Word(r.text().startsWith("\\") ? r.name() : r.text(), r.pos());
        return e;
    }

    private Word word(WordContext c) {
        String w = c.getText();
        return new Word(w.startsWith("\\") ? w.substring(1) : w, pos(c)); // `step \mu=0.1` as `step mu=0.1`
    }

    private Str str(TerminalNode n) {
        if (n == null) return null;
        String t = n.getText();
        return new Str(t.substring(1, t.length() - 1), pos(n));
    }

    private Stmt.DataSource dataSource(DataSourceContext ctx) {
        Pos p = pos(ctx);
        // LBRACK pair (COMMA? pair)* COMMA? RBRACK
        if (ctx instanceof InlineDataContext c) {
            List<Literal> in = new ArrayList<>();
            List<Literal> out = new ArrayList<>();
            for (PairContext pc : c.pair()) {
                in.add(value(pc.value(0)));
                out.add(value(pc.value(1)));
            }
            return new Stmt.DataSource.Inline(p, in, out);
        }
        // word STRING argument*
        if (ctx instanceof FileDataContext c) return new Stmt.DataSource.FromFile(p, word(c.word()), str(c.STRING()), arguments(c.argument()));
        // expr
        Expr e = expr(((GeneratedDataContext) ctx).expr());
        if (!(e instanceof Expr.Call call)) throw error(p, "a data set is [IN -> OUT, ...], csv \"FILE\", or random(rows=N, inputs=N, classes=N)", null);
        return new Stmt.DataSource.Generated(p, call);
    }

    // ---- expressions: one method per labelled alternative of `expr` ----

    Expr expr(ExprContext ctx) {
        Pos p = pos(ctx);
        // expr index
        if (ctx instanceof IndexExprContext c) {
            Expr base = expr(c.expr());
            List<Integer> ix = index(c.index());
            if (base instanceof Ref r && !r.indexed()) return new Ref(r.name(), ix, c.getText(), p);
            return new Expr.Index(p, base, ix);
        }
        // expr TRANSPOSE
        if (ctx instanceof TransposeExprContext c) return new Expr.Transpose(p, expr(c.expr()));
        // <assoc=right> expr op=(CARET | POW) expr   (M^T is the transpose; ** is Python's ^)
        if (ctx instanceof PowExprContext c) {
            Expr base = expr(c.expr(0));
            Expr exponent = expr(c.expr(1));
            if (exponent instanceof Ref r && r.name().equals("T") && !r.indexed()) return new Expr.Transpose(p, base);
            return new Expr.Binary(p, "^", pos(c.op), base, exponent);
        }
        // (MINUS | PLUS) expr   (a sign on a number is part of the number: -0.1 is a literal)
        if (ctx instanceof SignExprContext c) {
            Expr operand = expr(c.expr());
            boolean minus = c.MINUS() != null;
            if (operand instanceof Literal l && l.form() == Literal.Form.SCALAR && c.expr() instanceof NumberExprContext) return signed(l, minus, p);
            return minus ? new Expr.Unary(p, "-", operand) : operand;
        }
        // expr (STAR | SLASH | AT | CDOT | TIMES) expr   (a fraction of two numbers is one literal: 7/10)
        if (ctx instanceof MulExprContext c) {
            Expr a = expr(c.expr(0));
            Expr b = expr(c.expr(1));
            TerminalNode opToken = (TerminalNode) c.getChild(1);
            String op = switch (opToken.getSymbol().getType()) {
                case NnLexer.SLASH -> "/";
                case NnLexer.AT -> "@";
                default -> "*";
            };
            if (op.equals("/") && number(c.expr(0)) && number(c.expr(1))) {
                double den = ((Literal) b).scalar();
                if (den == 0) throw error(p, "division by zero in " + c.getText(), null);
                double q = ((Literal) a).scalar() / den;
                if (!Double.isFinite(q)) {
                    throw error(p, "number too large: " + c.getText() + " is beyond ±1.7976931348623157e308", "numbers must lie within ±1.7976931348623157e308 (double precision)");
                }
                return new Literal(Literal.Form.SCALAR, 1, 1, new double[] {q}, new int[] {-1}, "number", p);
            }
            return new Expr.Binary(p, op, pos(opToken), a, b);
        }
        // expr (PLUS | MINUS) expr
        if (ctx instanceof AddExprContext c) {
            return new Expr.Binary(p, c.PLUS() != null ? "+" : "-", pos((TerminalNode) c.getChild(1)), expr(c.expr(0)), expr(c.expr(1)));
        }
        // NAME LPAREN (callArg (COMMA callArg)*)? RPAREN
        if (ctx instanceof CallExprContext c) {
            List<Arg> args = new ArrayList<>();
            for (CallArgContext a : c.callArg()) {
                if (a instanceof NamedCallArgContext n) {
                    Expr v = expr(n.expr());
                    args.add(new Option(word(n.word()), v instanceof Ref r && !r.indexed() && !r.derivative() ? new Word(r.text(), r.pos()) : v, pos(n)));
                } else {
                    args.add(expr(((PlainCallArgContext) a).expr()));
                }
            }
            return new Expr.Call(p, new Word(c.NAME().getText(), pos(c.NAME())), List.copyOf(args));
        }
        // LPAREN expr RPAREN
        if (ctx instanceof ParenExprContext c) return expr(c.expr());
        // NUMBER
        if (ctx instanceof NumberExprContext c) {
            double v = parse(c.NUMBER(), null);
            return new Literal(Literal.Form.SCALAR, 1, 1, new double[] {v}, new int[] {decimals(c.NUMBER().getText())}, "number", p);
        }
        // bracket
        if (ctx instanceof BracketExprContext c) return bracket(c.bracket());
        // BEGIN_MATRIX latexRow (DBLBACKSLASH latexRow)* DBLBACKSLASH? END_MATRIX
        if (ctx instanceof LatexExprContext c) return latex(c.latexRow(), p);
        // (NAME | DERIV | LOSS)
        if (ctx instanceof NameExprContext c) return new Ref(normaliseName(c.getText()), List.of(), c.getText(), p);
        if (!errors.isEmpty()) throw new Invalid(); // a part the parser repaired after an error it reported
        throw error(p, "this expression is not understood", null);
    }

    /** A number as written, with its sign if it has one (7, −7): a fraction of two is one number. */
    private static boolean number(ExprContext c) {
        return c instanceof NumberExprContext || c instanceof SignExprContext s && s.expr() instanceof NumberExprContext;
    }

    /** −0.1 written with its sign: one literal, its decimals those of the number. */
    private static Literal signed(Literal l, boolean minus, Pos p) {
        double v = minus ? -l.scalar() : l.scalar();
        return new Literal(Literal.Form.SCALAR, 1, 1, new double[] {v}, l.decimals().clone(), l.notation(), p);
    }

    private List<Integer> index(IndexContext c) {
        List<Integer> ix = new ArrayList<>();
        for (TerminalNode n : c.NUMBER()) ix.add(wholeNumber(n, "an index"));
        return List.copyOf(ix);
    }

    // ---- references ----

    Ref ref(RefContext c) {
        Token t = c.getStart();
        String name = normaliseName(t.getText());
        return new Ref(name, c.index() != null ? index(c.index()) : List.of(), c.getText(), pos(c));
    }

    /** ∂ → d; TeX subscripts w_{100} → w_100, h_{pre,0} → h_pre,0, b_{\text{hid}} → b_hid; \mu → mu. */
    static String normaliseName(String raw) {
        String n = raw.startsWith("\\") ? raw.substring(1) : raw;
        if (n.indexOf('\\') >= 0) n = TEX_COMMAND.matcher(n).replaceAll("");
        return n.replace('\u2202', 'd').replace("_{", "_").replace("}", "");
    }

    /** The \text{ (or \mathrm{, ...) the lexer admits inside a subscript; its closing brace goes with the others. */
    private static final Pattern TEX_COMMAND = Pattern.compile("\\\\[a-z]+\\{");

    private int wholeNumber(TerminalNode n, String what) {
        if (conjured(n)) throw new Invalid();
        String t = n.getText();
        try {
            if (t.matches("[0-9]{1,9}")) return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw error(pos(n), what + " must be a whole number, not " + t, t.matches("[0-9]+") ? "that is too large" : null);
    }

    // ---- numbers and values ----

    /** One number; its decimals (for expect's default tolerance) are those written after the point, less the exponent. */
    Literal number(NumberContext c) {
        double v = parse(c.NUMBER(0), c.sign(0));
        int decimals = c.SLASH() != null ? -1 : decimals(c.NUMBER(0).getText());
        if (c.SLASH() != null) {
            double d = parse(c.NUMBER(1), c.sign(1));
            if (d == 0) throw error(pos(c), "division by zero in " + c.getText(), null);
            v = v / d;
            if (!Double.isFinite(v)) {
                throw error(pos(c), "number too large: " + c.getText() + " is beyond ±1.7976931348623157e308", "numbers must lie within ±1.7976931348623157e308 (double precision)");
            }
        }
        return new Literal(Literal.Form.SCALAR, 1, 1, new double[] {v}, new int[] {decimals}, "number", pos(c));
    }

    private double parse(TerminalNode n, SignContext sign) {
        if (conjured(n)) throw new Invalid();
        String t = n.getText();
        if (exponentOutOfRange(t)) {
            throw error(pos(n), "number out of range: " + (t.length() > 40 ? t.substring(0, 20) + "…" + t.substring(t.length() - 12) : t),
                    "an exponent must lie within ±" + MAX_EXPONENT + " (doubles reach 1.8e308 and 4.9e-324)");
        }
        double v;
        try {
            v = Double.parseDouble(t.replace('\u2212', '-'));
        } catch (NumberFormatException e) {
            throw error(pos(n), "not a number: " + t, null);
        }
        if (Double.isInfinite(v)) {
            throw error(pos(n), "number too large: " + t, "numbers must lie within ±1.7976931348623157e308 (double precision)");
        }
        return sign != null && sign.MINUS() != null ? -v : v;
    }

    /** Exponents beyond this are refused: no double needs more (1e-400 is 0, 1e400 too large), and decimals stay ints. */
    static final int MAX_EXPONENT = 9999;

    /** The exponent written (1e-99999999999, 0e2147483648) does not fit in ±MAX_EXPONENT. */
    static boolean exponentOutOfRange(String t) {
        return exponent(t) == null;
    }

    /** The exponent of a number as written (0 without one); null when it is beyond ±MAX_EXPONENT. */
    private static Integer exponent(String t) {
        String s = t.toLowerCase();
        int e = s.indexOf('e');
        if (e < 0) return 0;
        String x = s.substring(e + 1).replace('\u2212', '-').replace("+", "");
        boolean minus = x.startsWith("-");
        String digits = (minus ? x.substring(1) : x).replaceFirst("^0+(?=.)", "");
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)) return digits.isEmpty() ? 0 : null;
        int v = Integer.parseInt(digits);
        if (v > MAX_EXPONENT) return null;
        return minus ? -v : v;
    }

    static int decimals(String t) {
        String s = t.toLowerCase();
        int e = s.indexOf('e');
        String mantissa = e >= 0 ? s.substring(0, e) : s;
        Integer written = exponent(t);
        int exp = written == null ? 0 : written;
        int dot = mantissa.indexOf('.');
        int frac = dot >= 0 ? mantissa.length() - dot - 1 : 0;
        if (dot < 0 && e < 0) return -1;
        return frac - exp;
    }

    Literal value(ValueContext c) {
        if (c instanceof ScalarValueContext s) return number(s.number());
        if (c instanceof BracketValueContext b) return bracket(b.bracket());
        return latex(((LatexValueContext) c).latexRow(), pos(c));
    }

    private Literal latex(List<LatexRowContext> latexRows, Pos p) {
        List<List<Literal>> rows = new ArrayList<>();
        for (LatexRowContext r : latexRows) {
            List<Literal> row = new ArrayList<>();
            for (NumberContext n : r.number()) row.add(number(n));
            rows.add(row);
        }
        return grid(rows, p, "LaTeX");
    }

    private Literal bracket(BracketContext b) {
        Pos p = pos(b);
        if (b.row().isEmpty()) {
            // [NaN, 1]: the parser reported the word and repaired the brackets to empty ones; that is not a second error
            boolean repaired = b.exception != null || (b.children != null && b.children.stream().anyMatch(c -> c instanceof org.antlr.v4.runtime.tree.ErrorNode))
                    || b.getStop() == null || b.getStop().getType() != NnLexer.RBRACK || b.getStop().getTokenIndex() != b.getStart().getTokenIndex() + 1;
            if (repaired && !errors.isEmpty()) throw new Invalid();
            throw error(p, "empty brackets: a vector needs at least one number", null);
        }
        boolean nested = false;
        boolean flat = false;
        for (RowContext r : b.row()) {
            for (ElementContext e : r.element()) {
                if (e.bracket() != null) nested = true; else flat = true;
            }
        }
        if (nested && flat) throw error(p, "mixed numbers and brackets in one matrix", "write a vector [1, 2] or a matrix [[1, 2], [3, 4]]");
        if (nested) {
            if (b.row().size() > 1) throw error(p, "';' between bracketed rows", "write [[1, 2], [3, 4]] or [1, 2; 3, 4]");
            List<List<Literal>> rows = new ArrayList<>();
            for (ElementContext e : b.row(0).element()) {
                Literal inner = bracket(e.bracket());
                if (inner.form() == Literal.Form.MATRIX && inner.cols() != 1) {
                    throw error(inner.pos(), "brackets nested three deep: nn values are scalars, vectors and matrices", null);
                }
                rows.add(elements(inner));
            }
            return grid(rows, p, "nested");
        }
        List<List<Literal>> rows = new ArrayList<>();
        boolean commas = false;
        for (RowContext r : b.row()) {
            if (!r.COMMA().isEmpty()) commas = true;
            List<Literal> row = new ArrayList<>();
            for (ElementContext e : r.element()) row.add(number(e.number()));
            rows.add(row);
        }
        // MATLAB/Octave: rows written on separate lines without ';' or commas are rows too.
        if (rows.size() == 1 && !commas) rows = splitAtNewlines(b.row(0), rows.get(0));
        if (rows.size() == 1) return vector(rows.get(0), p);
        return grid(rows, p, "rows");
    }

    private List<List<Literal>> splitAtNewlines(RowContext r, List<Literal> numbers) {
        List<List<Literal>> rows = new ArrayList<>();
        List<Literal> current = new ArrayList<>();
        List<ElementContext> elements = r.element();
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                List<Token> hidden = tokens.getHiddenTokensToLeft(elements.get(i).getStart().getTokenIndex());
                boolean newline = hidden != null && hidden.stream().anyMatch(t -> t.getType() == NnLexer.NEWLINE);
                if (newline && !current.isEmpty()) {
                    rows.add(current);
                    current = new ArrayList<>();
                }
            }
            current.add(numbers.get(i));
        }
        rows.add(current);
        return rows;
    }

    private static List<Literal> elements(Literal v) {
        List<Literal> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            out.add(new Literal(Literal.Form.SCALAR, 1, 1, new double[] {v.values()[i]}, new int[] {v.decimals()[i]}, "number", v.pos()));
        }
        return out;
    }

    private Literal vector(List<Literal> numbers, Pos p) {
        double[] v = new double[numbers.size()];
        int[] d = new int[numbers.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = numbers.get(i).scalar();
            d[i] = numbers.get(i).decimals()[0];
        }
        return new Literal(Literal.Form.VECTOR, 1, v.length, v, d, "vector", p);
    }

    private Literal grid(List<List<Literal>> rows, Pos p, String notation) {
        int cols = rows.get(0).size();
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).size() != cols) {
                throw error(p, "row " + (i + 1) + " has " + count(rows.get(i).size()) + " but row 1 has " + cols,
                        "every row of a matrix needs the same number of columns");
            }
        }
        double[] v = new double[rows.size() * cols];
        int[] d = new int[v.length];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < cols; j++) {
                v[i * cols + j] = rows.get(i).get(j).scalar();
                d[i * cols + j] = rows.get(i).get(j).decimals()[0];
            }
        }
        return new Literal(Literal.Form.MATRIX, rows.size(), cols, v, d, notation, p);
    }

    private static String count(int n) { return n == 1 ? "1 number" : n + " numbers"; }

    /** A token the parser's error recovery made up (`layer relu 3->` gets a "<missing NUMBER>"): already reported. */
    private static boolean conjured(TerminalNode n) { return n.getSymbol().getTokenIndex() < 0; }

    static String describe(int tokenType) {
        return NnParser.VOCABULARY.getDisplayName(tokenType);
    }
}
