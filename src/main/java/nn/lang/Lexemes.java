package nn.lang;

import java.util.ArrayList;
import java.util.List;
import nn.grammar.NnLexer;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * The words of a text as the language's own lexer sees them, in terms a highlighter needs: what kind each is and
 * where it lies (char offsets, so that text beyond the Basic Multilingual Plane is placed right). The REPL colours
 * the buffer from these, so it never disagrees with the parser and needs no ANTLR of its own.
 */
public final class Lexemes {
    private Lexemes() { }

    public enum Kind { KEYWORD, AS, NUMBER, STRING, NAME, DERIVATIVE, EQUALS, NEWLINE, SEMICOLON, ERROR, SPACE, OTHER }

    /** One lexeme: its kind, its characters [start, end) of the text, and whether the parser sees it (not a space or hidden newline). */
    public record Lexeme(Kind kind, int start, int end, boolean visible) {
        public String text(String of) { return of.substring(start, end); }
    }

    public static List<Lexeme> of(String text) {
        NnLexer lexer = new NnLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        boolean surrogates = text.codePointCount(0, text.length()) != text.length();
        List<Lexeme> out = new ArrayList<>();
        for (Token t : lexer.getAllTokens()) {
            int start = offset(text, t.getStartIndex(), surrogates);
            int end = offset(text, t.getStopIndex() + 1, surrogates);
            out.add(new Lexeme(kind(t), start, end, t.getChannel() == Token.DEFAULT_CHANNEL));
        }
        return out;
    }

    private static Kind kind(Token t) {
        int type = t.getType();
        if (type >= NnLexer.LAYER && type < NnLexer.AS) return Kind.KEYWORD;
        return switch (type) {
            case NnLexer.AS -> Kind.AS;
            case NnLexer.NUMBER -> Kind.NUMBER;
            case NnLexer.STRING -> Kind.STRING;
            case NnLexer.NAME -> Kind.NAME;
            case NnLexer.DERIV -> Kind.DERIVATIVE;
            case NnLexer.EQ -> Kind.EQUALS;
            case NnLexer.NEWLINE -> Kind.NEWLINE;
            case NnLexer.SEMI -> Kind.SEMICOLON;
            case NnLexer.ERROR_CHAR -> Kind.ERROR;
            case NnLexer.WS, NnLexer.TEX_NOISE -> Kind.SPACE;
            default -> Kind.OTHER;
        };
    }

    /** The char offset of a code-point index (ANTLR counts code points; they differ only beyond the BMP). */
    private static int offset(String s, int codePoints, boolean surrogates) {
        if (!surrogates) return Math.min(codePoints, s.length());
        return s.offsetByCodePoints(0, Math.min(codePoints, s.codePointCount(0, s.length())));
    }
}
