package nn.lang;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import nn.grammar.NnLexer;
import nn.grammar.NnParser;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Turns ANTLR's recognition errors into messages in the user's terms ("expected a number", "unknown statement
 * 'lyer'; did you mean layer?"), one per statement, collected as {@link Diagnostic}s: never thrown.
 */
final class SyntaxErrors extends DefaultErrorStrategy {

    /** Statement keywords, for "did you mean": the lexer's own (every quoted word of the grammar). */
    static final List<String> KEYWORDS = Keywords.statements();

    private static final String A_STATEMENT = "a statement (layer, input, target, forward, show, ... `help` lists them) or NAME = VALUE";

    private final Source source;
    final List<Diagnostic> errors = new ArrayList<>();
    private int lastErrorLine = -1;

    SyntaxErrors(Source source) { this.source = source; }

    /**
     * Between statements, ANTLR's default would throw, and the top rule would then skip to the end of the input:
     * one slip would hide every later error. Here the rest of the line is skipped instead (reported once), so the
     * next statement is checked too.
     */
    @Override
    public void sync(Parser recognizer) {
        if (!(recognizer.getContext() instanceof NnParser.ProgramContext)) {
            super.sync(recognizer);
            return;
        }
        int la = recognizer.getInputStream().LA(1);
        if (la == Token.EOF || recognizer.getExpectedTokens().contains(la)) return;
        reportUnwantedToken(recognizer);
        skipLine(recognizer);
    }

    /** Consumes up to the end of the statement (the next newline or ';', or the end). */
    private static void skipLine(Parser recognizer) {
        int la = recognizer.getInputStream().LA(1);
        while (la != Token.EOF && la != NnLexer.NEWLINE && la != NnLexer.SEMI) {
            recognizer.consume();
            la = recognizer.getInputStream().LA(1);
        }
    }

    /** Collects the lexer's and parser's messages (those not already rephrased by this strategy). */
    final BaseErrorListener listener = new BaseErrorListener() {
        @Override
        public void syntaxError(Recognizer<?, ?> r, Object offending, int line, int col, String msg, RecognitionException e) {
            if (offending instanceof Token t) add(t, msg, null);
            else add(line, col + 1, 1, msg, null);
        }
    };

    private void add(Token t, String message, String hint) {
        int len = t.getType() == Token.EOF ? 1 : Math.max(1, t.getText().length());
        add(t.getLine(), t.getCharPositionInLine() + 1, len, message, hint);
    }

    private void add(int line, int col, int length, String message, String hint) {
        if (line == lastErrorLine) return; // one message per line: the first is the one that matters
        lastErrorLine = line;
        errors.add(new Diagnostic(Diagnostic.Kind.SYNTAX, new Pos(source, line, col, length), message, hint));
    }

    @Override
    public void reportError(Parser recognizer, RecognitionException e) {
        if (inErrorRecoveryMode(recognizer)) return;
        beginErrorCondition(recognizer);
        Token t = e.getOffendingToken() != null ? e.getOffendingToken() : recognizer.getCurrentToken();
        if (unknownStatement(recognizer, t)) return;
        IntervalSet expected = e instanceof NoViableAltException || e instanceof InputMismatchException
                ? recognizer.getExpectedTokens() : e.getExpectedTokens();
        report(recognizer, t, expected);
    }

    @Override
    protected void reportUnwantedToken(Parser recognizer) {
        if (inErrorRecoveryMode(recognizer)) return;
        beginErrorCondition(recognizer);
        Token t = recognizer.getCurrentToken();
        if (unknownStatement(recognizer, t)) return;
        report(recognizer, t, getExpectedTokens(recognizer));
    }

    @Override
    protected void reportMissingToken(Parser recognizer) {
        if (inErrorRecoveryMode(recognizer)) return;
        beginErrorCondition(recognizer);
        report(recognizer, recognizer.getCurrentToken(), getExpectedTokens(recognizer));
    }

    private void report(Parser recognizer, Token t, IntervalSet expected) {
        if (t.getType() == NnLexer.ERROR_CHAR) {
            String ch = t.getText();
            add(t, "unexpected character '" + ch + "' (U+" + String.format("%04X", ch.codePointAt(0)) + ")", charHint(ch));
            return;
        }
        if (t.getType() == NnLexer.RBRACK || t.getType() == NnLexer.RPAREN) {
            if (!expected.contains(t.getType())) {
                add(t, "'" + t.getText() + "' without a matching opening bracket", null);
                return;
            }
        }
        if (afterBareLoss(recognizer, t)) {
            // `loss 2`: a bare `loss` names E, so the parser saw a finished statement; the user meant `loss NAME`
            add(t, "unexpected " + describe(t) + "; expected a loss name (half_sse, mse, bce, cross_entropy)", null);
            return;
        }
        String what = expectation(recognizer, expected);
        // `(1)` on the line after a statement: ANTLR expected that statement's end, the user is starting a new one
        if (what.equals("end of statement") && startsStatement(recognizer, t)) what = A_STATEMENT;
        add(t, "unexpected " + describe(t) + "; expected " + what, hint(recognizer, t, expected));
    }

    private static boolean afterBareLoss(Parser recognizer, Token t) {
        if (!(recognizer.getContext() instanceof NnParser.ProgramContext program) || program.statement().isEmpty()) return false;
        NnParser.StatementContext last = program.statement(program.statement().size() - 1);
        return last instanceof NnParser.InspectStmtContext && last.getStart() == last.getStop()
                && last.getStart().getType() == NnLexer.LOSS && adjacent(recognizer, last.getStop(), t);
    }

    /** A NAME at the start of a statement followed by more words: a misspelt or unknown statement keyword. */
    private boolean unknownStatement(Parser recognizer, Token t) {
        ParserRuleContext ctx = recognizer.getContext();
        while (ctx != null && !(ctx instanceof NnParser.StatementContext)) ctx = ctx.getParent();
        // outside a statement, t starts one only at the start of a line or after ';' (`forward foo`: foo does not)
        Token first = ctx != null ? ctx.getStart() : startsStatement(recognizer, t) ? t : null;
        if (ctx == null && recognizer.getContext() instanceof NnParser.ProgramContext program && !program.statement().isEmpty()) {
            // `lyer relu 3->2`: "lyer" parsed as a statement of its own (a bare name shows a value), so the error
            // arrives at "relu"; the word to report is the one that started the line.
            NnParser.StatementContext last = program.statement(program.statement().size() - 1);
            if (last instanceof NnParser.InspectStmtContext && last.getStop() != null && last.getStart() == last.getStop()
                    && adjacent(recognizer, last.getStop(), t)) {
                first = last.getStart();
            }
        }
        if (first == null || first.getType() != NnLexer.NAME) return false;
        // the next token the parser sees (spaces between are on the hidden channel): `W0 =` is an assignment
        int next = first.getTokenIndex() + 1;
        while (next < recognizer.getInputStream().size() - 1 && recognizer.getInputStream().get(next).getChannel() != Token.DEFAULT_CHANNEL) next++;
        int st = recognizer.getInputStream().get(next).getType();
        if (st == NnLexer.EQ || st == NnLexer.LBRACK) return false;
        String word = first.getText();
        String hint = Suggest.hint(word, KEYWORDS);
        if (hint == null) hint = "statements start with a keyword (layer, input, show, ...; `help` lists them), or assign a value: NAME = VALUE";
        add(first, "unknown statement '" + word + "'", hint);
        return true;
    }

    /** True when no token but spaces and comments stands between {@code t} and the previous separator (or the start). */
    private static boolean startsStatement(Parser recognizer, Token t) {
        for (int i = t.getTokenIndex() - 1; i >= 0; i--) {
            Token p = recognizer.getInputStream().get(i);
            if (p.getChannel() != Token.DEFAULT_CHANNEL) continue;
            return p.getType() == NnLexer.NEWLINE || p.getType() == NnLexer.SEMI;
        }
        return true;
    }

    /** True when only hidden tokens (spaces) stand between {@code a} and {@code b}. */
    private static boolean adjacent(Parser recognizer, Token a, Token b) {
        if (a.getTokenIndex() >= b.getTokenIndex()) return false;
        for (int i = a.getTokenIndex() + 1; i < b.getTokenIndex(); i++) {
            if (recognizer.getInputStream().get(i).getChannel() == Token.DEFAULT_CHANNEL) return false;
        }
        return true;
    }

    private static String charHint(String ch) {
        return switch (ch) {
            case "\u00D7" -> "write shapes as 3->2 and products are not part of the language";
            case "{", "}" -> "TeX subscripts are read in names (w_{100}); other braces are not part of the language";
            case "\u201C", "\u201D", "\u2018", "\u2019" -> "use straight quotes \" for file names";
            default -> null;
        };
    }

    private String hint(Parser recognizer, Token t, IntervalSet expected) {
        if (expected.contains(NnLexer.ARROW) && (t.getType() == NnLexer.NUMBER || t.getType() == NnLexer.TIMES)) return "a layer's shape is written fan-in->size, e.g. 3->2";
        if (t.getType() == NnLexer.LPAREN && equationNumber(recognizer, t)) {
            return "(" + visibleAfter(recognizer, t, 1).getText() + ") looks like an equation number: leave it out";
        }
        if ((t.getType() == NnLexer.NAME || t.getType() == NnLexer.DERIV) && expected.contains(NnLexer.NUMBER)) {
            String keep = numbersPart(recognizer, t);
            // `W_0 = \begin{bmatrix} w_{000} & .. \end{bmatrix} = \begin{bmatrix} 0.2 & .. \end{bmatrix}` as printed
            if (keep != null) return "the names are the document's notation; keep the part with the numbers: " + keep;
            if (inLatexMatrix(recognizer)) return "a matrix holds numbers (0.2 & -1.2 \\\\ ...); names like " + t.getText() + " are only notation";
        }
        if (expected.contains(NnLexer.NUMBER) && expected.contains(NnLexer.LBRACK) && t.getType() == NnLexer.NAME) {
            return "values are numbers like 0.5, vectors like [0.9, 0.2, 0.5] or matrices like [[0.2, -1.2], [0.5, 0.3]]";
        }
        return null;
    }

    /** {@code (1)}: an equation number pasted with its equation. */
    private static boolean equationNumber(Parser recognizer, Token open) {
        Token n = visibleAfter(recognizer, open, 1), close = visibleAfter(recognizer, open, 2);
        return n != null && n.getType() == NnLexer.NUMBER && close != null && close.getType() == NnLexer.RPAREN;
    }

    /** The {@code k}-th token after {@code t} on the default channel, or null at the end. */
    private static Token visibleAfter(Parser recognizer, Token t, int k) {
        var in = recognizer.getInputStream();
        for (int i = t.getTokenIndex() + 1; i < in.size(); i++) {
            Token n = in.get(i);
            if (n.getChannel() == Token.DEFAULT_CHANNEL && --k == 0) return n;
            if (n.getType() == Token.EOF) return null;
        }
        return null;
    }

    private static boolean inLatexMatrix(Parser recognizer) {
        for (ParserRuleContext c = recognizer.getContext(); c != null; c = c.getParent()) {
            if (c instanceof NnParser.LatexValueContext || c instanceof NnParser.LatexExprContext) return true;
        }
        return false;
    }

    /**
     * For {@code NAME = <names> = <numbers>} (a document's definition pasted whole), the statement to write instead:
     * what precedes the first '=' and follows the last one on the statement; null when no '=' follows {@code t}.
     */
    private static String numbersPart(Parser recognizer, Token t) {
        var in = recognizer.getInputStream();
        Token firstEq = null, lastEq = null, end = null;
        int i = t.getTokenIndex();
        while (i > 0 && in.get(i - 1).getType() != NnLexer.NEWLINE && in.get(i - 1).getType() != NnLexer.SEMI) {
            i--;
            if (in.get(i).getType() == NnLexer.EQ) firstEq = in.get(i);
        }
        Token start = in.get(i);
        for (int j = t.getTokenIndex() + 1; j < in.size(); j++) {
            Token n = in.get(j);
            if (n.getType() == Token.EOF || n.getType() == NnLexer.SEMI || n.getType() == NnLexer.NEWLINE && n.getChannel() == Token.DEFAULT_CHANNEL) break;
            if (n.getType() == NnLexer.EQ) lastEq = n;
            if (n.getChannel() == Token.DEFAULT_CHANNEL) end = n;
        }
        if (firstEq == null || lastEq == null || end == null || end.getTokenIndex() < lastEq.getTokenIndex()) return null;
        var chars = t.getInputStream();
        String lhs = chars.getText(org.antlr.v4.runtime.misc.Interval.of(start.getStartIndex(), firstEq.getStartIndex() - 1)).strip();
        String rhs = chars.getText(org.antlr.v4.runtime.misc.Interval.of(lastEq.getStopIndex() + 1, end.getStopIndex())).strip();
        if (lhs.startsWith("$")) lhs = lhs.replaceFirst("^\\$+", "").strip();
        return (lhs + " = " + rhs).replaceAll("\\s+", " ");
    }

    private static String describe(Token t) {
        return switch (t.getType()) {
            case Token.EOF -> "end of input";
            case NnLexer.NEWLINE -> "end of line";
            case NnLexer.SEMI -> "';'";
            case NnLexer.NUMBER -> "number " + t.getText();
            case NnLexer.STRING -> "string " + t.getText();
            default -> "'" + t.getText() + "'";
        };
    }

    /** What the word a statement misses stands for, in its terms. */
    private static String wordKind(Parser recognizer) {
        ParserRuleContext c = recognizer.getContext();
        if (c instanceof NnParser.WordContext) c = c.getParent();
        if (c instanceof NnParser.LayerStmtContext l) {
            return l.AS() != null ? "a name for the layer" : "an activation (linear, relu, leaky_relu, sigmoid, tanh, softmax)";
        }
        return "a word";
    }

    private static String expectation(Parser recognizer, IntervalSet expected) {
        // only a statement's start admits a derivative name too (a word slot admits keywords and names, not dE/dx)
        if (expected.contains(NnLexer.LAYER) && expected.contains(NnLexer.SHOW) && expected.contains(NnLexer.DERIV)) return A_STATEMENT;
        // where any expression may stand: say so once, rather than list every token that can start one
        if (expected.contains(NnLexer.NUMBER) && expected.contains(NnLexer.LBRACK) && expected.contains(NnLexer.NAME) && expected.contains(NnLexer.LPAREN)) {
            return "a value (a number, [ ], a name or an expression)";
        }
        Set<String> names = new LinkedHashSet<>();
        boolean words = expected.contains(NnLexer.NAME) && expected.contains(NnLexer.LAYER);
        for (int type : expected.toList()) {
            String d = switch (type) {
                case NnLexer.NUMBER, NnLexer.MINUS, NnLexer.PLUS -> "a number";
                case NnLexer.NAME -> words ? wordKind(recognizer) : "a name";
                case NnLexer.DERIV -> "a name";
                case NnLexer.STRING -> "a quoted file name";
                case NnLexer.LBRACK -> "'['";
                case NnLexer.BEGIN_MATRIX -> null;
                case NnLexer.NEWLINE, NnLexer.SEMI, Token.EOF -> "end of statement";
                case NnLexer.ARROW -> "'->'";
                default -> {
                    if (words && type >= NnLexer.LAYER && type <= NnLexer.AS) yield null;
                    if (type == NnLexer.LOSS && expected.contains(NnLexer.NAME)) yield null; // `loss` as a name: "a name" says it
                    String n = recognizer.getVocabulary().getLiteralName(type);
                    yield n != null ? n : recognizer.getVocabulary().getDisplayName(type).toLowerCase();
                }
            };
            if (d != null) names.add(d);
        }
        List<String> list = new ArrayList<>(names);
        if (list.isEmpty()) return "something else";
        return Suggest.joinOr(list);
    }
}
