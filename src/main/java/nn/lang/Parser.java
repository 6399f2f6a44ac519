package nn.lang;

import java.util.ArrayList;
import java.util.List;
import nn.grammar.NnLexer;
import nn.grammar.NnParser;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;

/** The front end: source text to statements, with every syntax error collected. The only user of the ANTLR parser. */
public final class Parser {
    /** Deeper nesting than this is refused before parsing, so that no input can exhaust the stack. */
    public static final int MAX_DEPTH = 32;
    /**
     * Operations in one statement's expression, outside brackets (a matrix's signs do not count). Each is a level of the
     * tree that later stages walk recursively, so this bounds their depth (and the parse, which is quadratic in a long chain of one operator): 20 000 is a graph of 40 000 nodes in one
     * expression, far beyond any exercise, and well within the stack nn's threads have ({@code Session.STACK_BYTES}).
     */
    public static final int MAX_OPERATIONS = 20_000;
    /** Longer inputs are refused with a message rather than parsed for minutes. */
    public static final int MAX_CHARS = 20_000_000;

    private Parser() { }

    public static ParseResult parse(Source source) { return parse(source, MAX_RESUMES); }

    /**
     * Parses a few typical lines and throws the result away, so that the grammar's tables (ANTLR deserialises the
     * lexer's and parser's state machines when their classes load), the prediction cache and the code of the first
     * parse are ready. {@code nn.cli.Main} runs this on a second thread at start, while the main thread sets up the
     * session and reads the script: on two cores that work then overlaps (docs/performance.md). ANTLR's caches are
     * shared and safe to fill from two threads; a class being initialised by one thread makes the other wait for it.
     */
    public static void warmUp() {
        parse(new Source("<warm-up>", "layer relu 3->2 as h\nW0 = [[0.2, -1.2, 0.9], [-0.5, -1.2, 0.3]]\nb0 = [-0.1, 0.2]\n"
                + "input [0.9, 0.2, 0.5]\nforward\nexpect dE/dw100 = 0.0824 ± 0.001\nshow h_pre\nstep lr=0.1\n"));
    }

    /** How many times one text's parse is resumed after a line that ended it early (see {@link #resumed}). */
    private static final int MAX_RESUMES = 50;

    private static ParseResult parse(Source source, int resumes) {
        List<Diagnostic> errors = new ArrayList<>();
        if (source.text().length() > MAX_CHARS) {
            errors.add(new Diagnostic(Diagnostic.Kind.SYNTAX, new Pos(source, source.firstLine(), 1, 1),
                    "input too long: " + source.text().length() + " characters (at most " + MAX_CHARS + ")"));
            return new ParseResult(source, List.of(), errors, false);
        }
        SyntaxErrors strategy = new SyntaxErrors(source);
        NnLexer lexer = new NnLexer(CharStreams.fromString(lexable(source.text()), source.origin()));
        lexer.setLine(source.firstLine());
        lexer.removeErrorListeners();
        lexer.addErrorListener(strategy.listener);
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();

        // An open bracket at the end is not an error yet: more lines may close it (the REPL asks for them).
        // A script still gets every other syntax error of the text, and this one where the bracket opened.
        int[] unclosed = lexer.depth() > 0 ? lexer.innermostOpen() : null;
        Diagnostic limit = beyondLimits(source, tokens);
        if (limit != null) {
            errors.add(limit);
            return new ParseResult(source, List.of(), errors, false);
        }

        NnParser parser = new NnParser(tokens);
        parser.removeErrorListeners();
        NnParser.ProgramContext tree;
        try {
            tree = twoStage(parser, tokens, strategy);
        } catch (StackOverflowError e) {
            errors.add(new Diagnostic(Diagnostic.Kind.SYNTAX, new Pos(source, source.firstLine(), 1, 1), "input too deeply structured to parse"));
            return new ParseResult(source, List.of(), errors, false);
        }
        errors.addAll(strategy.errors);
        List<Stmt> later = List.of();
        if (tree.exception != null && unclosed == null && resumes > 0) {
            ParseResult rest = resumed(source, tree.exception, errors, resumes);
            if (rest != null) {
                errors.addAll(rest.errors());
                later = rest.built();
            }
        }
        if (unclosed != null) {
            // errors at the very end were caused by the missing bracket: the message at the bracket replaces them
            int lastLine = tokens.get(tokens.size() - 1).getLine();
            errors.removeIf(d -> d.pos().line() >= unclosed[0] && d.pos().line() <= lastLine && d.kind() == Diagnostic.Kind.SYNTAX
                    && !d.message().startsWith("unknown statement"));
            errors.add(new Diagnostic(Diagnostic.Kind.SYNTAX, new Pos(source, unclosed[0], unclosed[1], 1),
                    "this bracket is never closed", "a matrix may span lines, but every '[' needs its ']'"));
            errors.sort((a, b) -> a.pos().line() != b.pos().line() ? Integer.compare(a.pos().line(), b.pos().line())
                    : Integer.compare(a.pos().column(), b.pos().column()));
            return new ParseResult(source, List.of(), List.copyOf(errors), true);
        }
        List<Stmt> statements = new java.util.ArrayList<>(new AstBuilder(source, tokens, errors).program(tree));
        statements.addAll(later);
        errors.sort((a, b) -> a.pos().line() != b.pos().line() ? Integer.compare(a.pos().line(), b.pos().line())
                : Integer.compare(a.pos().column(), b.pos().column()));
        return new ParseResult(source, errors.isEmpty() ? statements : List.of(), List.copyOf(errors), false, List.copyOf(statements));
    }

    /**
     * ANTLR's two-stage parse: SLL prediction first, which decides from the grammar alone and is linear where full
     * LL is not (in `f = x + x + …` every `+` could also start a command's next argument, and LL looks to the end of
     * the statement to rule that out: quadratic in its length). Where SLL fails, the text is parsed again with full LL
     * and the collecting error strategy, so syntax errors are reported exactly as before. A text SLL parses without
     * error almost always gets the tree LL would give (they differ only where the text is ambiguous and LL's context picks
     * another reading; ParserTest, the fuzz corpus and the samples check the forms nn has).
     */
    private static NnParser.ProgramContext twoStage(NnParser parser, CommonTokenStream tokens, SyntaxErrors strategy) {
        parser.setErrorHandler(new org.antlr.v4.runtime.BailErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        try {
            return parser.program();
        } catch (org.antlr.v4.runtime.misc.ParseCancellationException e) {
            tokens.seek(0);
            parser.reset();
            parser.addErrorListener(strategy.listener);
            parser.setErrorHandler(strategy);
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            return parser.program();
        }
    }

    /**
     * A line that cannot start a statement after another error (`(1)` under a pasted equation, a stray `]`) makes
     * ANTLR give up on the whole rest of the text, so later mistakes would surface one run at a time. The lines after
     * the last error are parsed again on their own, for their errors only (a text with errors runs nothing).
     */
    private static ParseResult resumed(Source source, RecognitionException stop, List<Diagnostic> errors, int resumes) {
        int after = stop.getOffendingToken() != null ? stop.getOffendingToken().getLine() : source.firstLine();
        for (Diagnostic d : errors) after = Math.max(after, d.pos().line() + 1);
        int from = after - source.firstLine();
        if (from <= 0 || from >= source.lines().size()) return null;
        Source rest = new Source(source.origin(), String.join("\n", source.lines().subList(from, source.lines().size())), after);
        return parse(rest, resumes - 1);
    }

    /**
     * The text as the lexer sees it: a lone '\r' (old Mac line ends, or pasted) becomes '\n'. ANTLR counts lines at
     * '\n' only, while {@link Source} and the grammar also end a line at a lone '\r'; without this every position
     * after one would point at the wrong line. Same length, so columns and offsets do not move.
     */
    static String lexable(String text) {
        if (text.indexOf('\r') < 0) return text;
        char[] c = text.toCharArray();
        for (int i = 0; i < c.length; i++) if (c[i] == '\r' && (i + 1 == c.length || c[i + 1] != '\n')) c[i] = '\n';
        return new String(c);
    }

    /**
     * The first limit the tokens pass, checked in one scan before parsing so that no input can exhaust the stack:
     * brackets nested more than {@link #MAX_DEPTH} deep, or more than {@link #MAX_OPERATIONS} operations in one
     * statement outside square brackets and matrices (a matrix's signs are not operations). Null within both.
     */
    private static Diagnostic beyondLimits(Source source, CommonTokenStream tokens) {
        int depth = 0;
        int squares = 0;
        int operations = 0;
        for (Token t : tokens.getTokens()) {
            switch (t.getType()) {
                case NnLexer.LBRACK, NnLexer.LPAREN, NnLexer.BEGIN_MATRIX -> {
                    if (++depth > MAX_DEPTH) {
                        return new Diagnostic(Diagnostic.Kind.SYNTAX, at(source, t), "brackets nested more than " + MAX_DEPTH + " deep",
                                "nn values are scalars, vectors and matrices");
                    }
                    if (t.getType() != NnLexer.LPAREN) squares++;
                }
                case NnLexer.RBRACK, NnLexer.RPAREN, NnLexer.END_MATRIX -> {
                    depth = Math.max(0, depth - 1);
                    if (t.getType() != NnLexer.RPAREN) squares = Math.max(0, squares - 1);
                }
                case NnLexer.SEMI, NnLexer.NEWLINE -> { if (depth == 0) operations = 0; }
                case NnLexer.PLUS, NnLexer.MINUS, NnLexer.STAR, NnLexer.SLASH, NnLexer.CARET, NnLexer.POW, NnLexer.AT,
                        NnLexer.CDOT, NnLexer.TIMES -> {
                    if (squares == 0 && ++operations > MAX_OPERATIONS) {
                        return new Diagnostic(Diagnostic.Kind.SYNTAX, at(source, t), "this statement's expression has more than " + MAX_OPERATIONS + " operations",
                                "give parts of it names (q = x + y; f = q * z) and combine those");
                    }
                }
                default -> { }
            }
        }
        return null;
    }

    private static Pos at(Source source, Token t) { return new Pos(source, t.getLine(), t.getCharPositionInLine() + 1, 1); }

    /** True when the text ends inside an open bracket: the REPL's cue for a continuation prompt. */
    public static boolean incomplete(String text) {
        NnLexer lexer = new NnLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            // lex to the end: the lexer tracks open brackets
        }
        return lexer.depth() > 0;
    }
}
