package nn.repl;

import nn.session.CompletionTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import nn.lang.Lexemes;
import nn.lang.NnError;
import nn.lang.Pos;
import nn.lang.Ref;
import nn.session.Names;
import nn.session.State;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Colours the buffer as it is typed, from the language's own lexer: statement keywords, numbers, strings and
 * comments; a word at the start of a statement that is neither a statement nor a name of this network (nor the
 * beginning of one, while it is being typed) is marked as an error before Enter is pressed.
 */
final class NnHighlighter implements Highlighter {
    static final AttributedStyle KEYWORD = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
    static final AttributedStyle NUMBER = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    static final AttributedStyle STRING = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    static final AttributedStyle COMMENT = AttributedStyle.DEFAULT.foreground(AttributedStyle.BRIGHT | AttributedStyle.BLACK);
    static final AttributedStyle OPTION = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
    static final AttributedStyle UNKNOWN = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED).underline();

    private final Supplier<State> state;
    private final boolean color;
    /** Whether a word at a statement's start is known, for the state it was asked in (typing asks again and again). */
    private final Map<String, Boolean> known = new HashMap<>();
    private State knownFor;
    private List<CompletionTable.Suggestion> startWords;

    NnHighlighter(Supplier<State> state, boolean color) {
        this.state = state;
        this.color = color;
    }

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        if (!color || buffer.isEmpty()) return new AttributedString(buffer);
        int cursor = reader == null ? buffer.length() : reader.getBuffer().cursor();
        return colour(buffer, cursor);
    }

    /** The buffer with its styles; {@code cursor} tells which word is still being typed. */
    AttributedString colour(String buffer, int cursor) {
        AttributedStringBuilder b = new AttributedStringBuilder(buffer.length() + 32);
        List<Lexemes.Lexeme> lexemes = Lexemes.of(buffer);
        int done = 0; // chars of the buffer already appended
        boolean atStart = true;
        for (int t = 0; t < lexemes.size(); t++) {
            Lexemes.Lexeme lx = lexemes.get(t);
            if (lx.start() > done) comment(b, buffer.substring(done, lx.start())); // skipped text: a comment
            String text = lx.text(buffer);
            AttributedStyle style = switch (lx.kind()) {
                case KEYWORD -> atStart ? KEYWORD : AttributedStyle.DEFAULT;
                case AS -> KEYWORD;
                case NUMBER -> NUMBER;
                case STRING -> STRING;
                case ERROR -> UNKNOWN;
                case NAME, DERIVATIVE -> {
                    Lexemes.Lexeme next = nextVisible(lexemes, t);
                    boolean assigned = next != null && next.kind() == Lexemes.Kind.EQUALS;
                    if (atStart) {
                        // a name being assigned may be a new one of the user's (q = x + y)
                        boolean typing = lx.end() == cursor && next == null;
                        boolean fresh = assigned && Names.isUserName(Ref.normalise(text), state.get());
                        yield fresh || known(text, typing) ? AttributedStyle.DEFAULT : UNKNOWN;
                    }
                    yield assigned ? OPTION : AttributedStyle.DEFAULT;
                }
                default -> AttributedStyle.DEFAULT;
            };
            b.styled(style, text);
            done = lx.end();
            if (lx.visible()) atStart = lx.kind() == Lexemes.Kind.NEWLINE || lx.kind() == Lexemes.Kind.SEMICOLON;
        }
        if (done < buffer.length()) comment(b, buffer.substring(done));
        return b.toAttributedString();
    }

    private static void comment(AttributedStringBuilder b, String text) {
        int hash = text.indexOf('#');
        int slashes = text.indexOf("//");
        int at = hash < 0 ? slashes : slashes < 0 ? hash : Math.min(hash, slashes);
        if (at < 0) {
            b.append(text);
            return;
        }
        b.append(text.substring(0, at));
        b.styled(COMMENT, text.substring(at));
    }

    private static Lexemes.Lexeme nextVisible(List<Lexemes.Lexeme> lexemes, int t) {
        for (int i = t + 1; i < lexemes.size(); i++) if (lexemes.get(i).visible()) return lexemes.get(i);
        return null;
    }

    /** A word at a statement's start: a name of this network, a setting, or (while typed) the start of something known. */
    private boolean known(String word, boolean typing) {
        State st = state.get();
        if (st != knownFor) {
            known.clear();
            startWords = null;
            knownFor = st;
        }
        String key = (typing ? "…" : "") + word;
        Boolean k = known.get(key);
        if (k == null) {
            if (startWords == null) startWords = CompletionTable.suggestions(CompletionTable.STATEMENT_START, st);
            k = false;
            for (CompletionTable.Suggestion s : startWords) {
                if (typing ? s.value().startsWith(word) : s.value().equals(word)) {
                    k = true;
                    break;
                }
            }
            if (!k) k = resolves(word, st); // names beyond the listed ones: h_0, W12 of a deep network
            if (known.size() > 10_000) known.clear();
            known.put(key, k);
        }
        return k;
    }

    private static boolean resolves(String word, State st) {
        if (CompletionTable.STATEMENT_START.words().contains(word) || Names.isLearningRate(Ref.normalise(word))) return true;
        try {
            Names.resolve(new Ref(Ref.normalise(word), List.of(), word, Pos.NONE), st);
            return true;
        } catch (NnError e) {
            return false;
        }
    }
}
