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

    // ---- statements ----

    Stmt statement(StatementContext ctx) {
        Pos p = pos(ctx);
        if (ctx instanceof LayerStmtContext c) {
            ShapeContext sh = c.shape();
            int in = wholeNumber(sh.NUMBER(0), "a layer's fan-in");
            int out = wholeNumber(sh.NUMBER(1), "a layer's size");
            return new Stmt.Layer(p, word(c.word(0)), in, out, pos(sh), c.AS() != null ? word(c.word(1)) : null, options(c.option()));
        }
        if (ctx instanceof AssignStmtContext c) return new Stmt.Assign(p, ref(c.ref()), value(c.value()));
        if (ctx instanceof InputStmtContext c) return new Stmt.Input(p, value(c.value()));
        if (ctx instanceof TargetStmtContext c) return new Stmt.Target(p, value(c.value()));
        if (ctx instanceof LossStmtContext c) return new Stmt.Loss(p, word(c.word()));
        if (ctx instanceof ForwardStmtContext) return new Stmt.Forward(p);
        if (ctx instanceof BackwardStmtContext) return new Stmt.Backward(p);
        if (ctx instanceof UpdateStmtContext c) return new Stmt.Update(p, options(c.option()));
        if (ctx instanceof StepStmtContext c) return new Stmt.Step(p, options(c.option()));
        if (ctx instanceof ShowStmtContext c) return new Stmt.Show(p, refs(c.ref()));
        if (ctx instanceof InspectStmtContext c) return new Stmt.Show(p, List.of(ref(c.ref())));
        if (ctx instanceof ExpectStmtContext c) {
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
            return new Stmt.Expect(p, ref(c.ref()), rel, value(c.value()), tol);
        }
        if (ctx instanceof PrecisionStmtContext c) return new Stmt.Precision(p, number(c.number()));
        if (ctx instanceof ExplainStmtContext c) return new Stmt.Explain(p, c.UPDATE() != null, ref(c.ref()));
        if (ctx instanceof TraceStmtContext c) return new Stmt.Trace(p, word(c.word()));
        if (ctx instanceof DrawStmtContext c) return new Stmt.Draw(p, c.word() != null ? word(c.word()) : null, str(c.STRING()));
        if (ctx instanceof ExportStmtContext c) return new Stmt.Export(p, word(c.word()), str(c.STRING()));
        if (ctx instanceof InitStmtContext c) return new Stmt.Init(p, word(c.word()), args(c.args()), options(c.option()));
        if (ctx instanceof DataStmtContext c) return new Stmt.Data(p, word(c.word()), dataSource(c.dataSource()));
        if (ctx instanceof TrainStmtContext c) return new Stmt.Train(p, c.word() != null ? word(c.word()) : null, options(c.option()));
        if (ctx instanceof FreezeStmtContext c) return new Stmt.Freeze(p, refs(c.ref()));
        if (ctx instanceof UnfreezeStmtContext c) return new Stmt.Unfreeze(p, refs(c.ref()));
        if (ctx instanceof EvaluateStmtContext c) return new Stmt.Evaluate(p, c.word() != null ? word(c.word()) : null);
        if (ctx instanceof PredictStmtContext c) return new Stmt.Predict(p, value(c.value()));
        if (ctx instanceof PlotStmtContext c) return new Stmt.Plot(p, word(c.word()), str(c.STRING()), options(c.option()));
        if (ctx instanceof GradcheckStmtContext c) return new Stmt.Gradcheck(p, options(c.option()));
        if (ctx instanceof SaveStmtContext c) return new Stmt.Save(p, str(c.STRING()));
        if (ctx instanceof RunStmtContext c) return new Stmt.Run(p, str(c.STRING()));
        if (ctx instanceof ResetStmtContext) return new Stmt.Reset(p);
        if (ctx instanceof HelpStmtContext c) return new Stmt.Help(p, c.word() != null ? word(c.word()) : null);
        if (ctx instanceof ExitStmtContext) return new Stmt.Exit(p);
        throw error(p, "this statement is not understood", null);
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

    private List<Ref> refs(List<RefContext> cs) {
        List<Ref> out = new ArrayList<>();
        for (RefContext c : cs) out.add(ref(c));
        return out;
    }

    private List<Option> options(List<OptionContext> cs) {
        List<Option> out = new ArrayList<>();
        for (OptionContext c : cs) out.add(option(c));
        return out;
    }

    private Option option(OptionContext c) {
        if (c instanceof ValuedOptionContext v) {
            OptionValueContext ov = v.optionValue();
            Object value;
            if (ov.number() != null) value = number(ov.number());
            else if (ov.word() != null) value = word(ov.word());
            else value = str(ov.STRING());
            return new Option(word(v.word()), value, pos(c));
        }
        return new Option(word(((FlagOptionContext) c).word()), null, pos(c));
    }

    private List<Object> args(ArgsContext c) {
        List<Object> out = new ArrayList<>();
        if (c == null) return out;
        for (ArgumentContext a : c.argument()) out.add(a.option() != null ? option(a.option()) : number(a.number()));
        return out;
    }

    private Stmt.DataSource dataSource(DataSourceContext ctx) {
        Pos p = pos(ctx);
        if (ctx instanceof InlineDataContext c) {
            List<Literal> in = new ArrayList<>();
            List<Literal> out = new ArrayList<>();
            for (PairContext pc : c.pair()) {
                in.add(value(pc.value(0)));
                out.add(value(pc.value(1)));
            }
            return new Stmt.DataSource.Inline(p, in, out);
        }
        if (ctx instanceof FileDataContext c) return new Stmt.DataSource.FromFile(p, word(c.word()), str(c.STRING()), options(c.option()));
        GeneratedDataContext c = (GeneratedDataContext) ctx;
        return new Stmt.DataSource.Generated(p, word(c.word()), args(c.args()));
    }

    // ---- references ----

    Ref ref(RefContext c) {
        Token t = c.getStart();
        String name = normaliseName(t.getText());
        List<Integer> index = new ArrayList<>();
        if (c.index() != null) {
            for (TerminalNode n : c.index().NUMBER()) index.add(wholeNumber(n, "an index"));
        }
        return new Ref(name, List.copyOf(index), c.getText(), pos(c));
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
        }
        return new Literal(Literal.Form.SCALAR, 1, 1, new double[] {v}, new int[] {decimals}, "number", pos(c));
    }

    private double parse(TerminalNode n, SignContext sign) {
        if (conjured(n)) throw new Invalid();
        String t = n.getText();
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

    static int decimals(String t) {
        String s = t.toLowerCase();
        int e = s.indexOf('e');
        String mantissa = e >= 0 ? s.substring(0, e) : s;
        int exp = e >= 0 ? Integer.parseInt(s.substring(e + 1).replace('\u2212', '-').replace("+", "")) : 0;
        int dot = mantissa.indexOf('.');
        int frac = dot >= 0 ? mantissa.length() - dot - 1 : 0;
        if (dot < 0 && e < 0) return -1;
        return frac - exp;
    }

    Literal value(ValueContext c) {
        if (c instanceof ScalarValueContext s) return number(s.number());
        if (c instanceof BracketValueContext b) return bracket(b.bracket());
        LatexValueContext l = (LatexValueContext) c;
        List<List<Literal>> rows = new ArrayList<>();
        for (LatexRowContext r : l.latexRow()) {
            List<Literal> row = new ArrayList<>();
            for (NumberContext n : r.number()) row.add(number(n));
            rows.add(row);
        }
        return grid(rows, pos(c), "LaTeX");
    }

    private Literal bracket(BracketContext b) {
        Pos p = pos(b);
        if (b.row().isEmpty()) throw error(p, "empty brackets: a vector needs at least one number", null);
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
