package nn.repl;

import nn.session.Words;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * How JLine reads the buffer. On Enter: while a bracket is open the input is incomplete and JLine asks for another
 * line with the continuation prompt (a matrix typed over several lines). For completion: the words of {@link Words}.
 * There is no shell quoting or escaping here: a backslash is LaTeX ({@code \begin{bmatrix}}), not an escape.
 */
final class ReplParser implements Parser {
    /** False on a dumb terminal, where {@link Repl} asks for the continuation lines itself. */
    private final boolean continues;

    ReplParser(boolean continues) {
        this.continues = continues;
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (continues && context == ParseContext.ACCEPT_LINE && nn.lang.Parser.incomplete(line)) {
            throw new EOFError(-1, -1, "a bracket is still open", "]");
        }
        return Line.of(line, cursor);
    }

    @Override
    public boolean isEscapeChar(char ch) { return false; }

    /** A buffer split into words, with the word under the cursor. */
    record Line(String line, int cursor, List<String> words, int wordIndex, int wordCursor) implements CompletingParsedLine {

        static Line of(String line, int cursor) {
            List<String> words = new ArrayList<>();
            int index = -1;
            int inWord = 0;
            for (Words.Span s : Words.split(line).spans()) {
                if (index < 0 && s.start() <= cursor && cursor <= s.end()) {
                    index = words.size();
                    inWord = cursor - s.start();
                } else if (index < 0 && s.start() > cursor) {
                    index = words.size();
                    words.add(""); // the cursor is between words: completing inserts a new one
                }
                words.add(s.text(line));
            }
            if (index < 0) {
                index = words.size();
                words.add("");
            }
            return new Line(line, cursor, List.copyOf(words), index, inWord);
        }

        @Override public String word() { return words.get(wordIndex); }

        @Override public CharSequence escape(CharSequence candidate, boolean complete) { return candidate; }

        @Override public int rawWordCursor() { return wordCursor; }

        @Override public int rawWordLength() { return word().length(); }
    }
}
