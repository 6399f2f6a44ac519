package nn.repl;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.Test;

class ReplParserTest {
    private final ReplParser parser = new ReplParser(true);

    @Test
    void anOpenBracketAsksForMoreLines() {
        assertThrows(EOFError.class, () -> parser.parse("W0 = [[0.2, -1.2, 0.9],", 23, ParseContext.ACCEPT_LINE));
        assertThrows(EOFError.class, () -> parser.parse("W0 = \\begin{bmatrix} 1 & 2", 10, ParseContext.ACCEPT_LINE));
        assertDoesNotThrow(() -> parser.parse("W0 = [[0.2, -1.2, 0.9],\n[-0.5, -1.2, 0.3]]", 5, ParseContext.ACCEPT_LINE));
    }

    @Test
    void bracketsInCommentsAndStringsDoNotCount() {
        assertDoesNotThrow(() -> parser.parse("forward  # see [1", 3, ParseContext.ACCEPT_LINE));
        assertDoesNotThrow(() -> parser.parse("run \"a[b.nn\"", 3, ParseContext.ACCEPT_LINE));
    }

    @Test
    void aWrongLineIsAcceptedAndReportedByTheInterpreterNotHeldOpen() {
        // a stray ']' is a syntax error to show, not a reason to wait for more lines
        assertDoesNotThrow(() -> parser.parse("W0 = ]]", 7, ParseContext.ACCEPT_LINE));
    }

    @Test
    void completionNeverWaitsForBrackets() {
        assertDoesNotThrow(() -> parser.parse("W0 = [[0.2", 10, ParseContext.COMPLETE));
    }

    @Test
    void wordsAreSplitAtSpacesButKeepQuotedNamesAndGradients() {
        ParsedLine l = parser.parse("show dE/dw1", 11, ParseContext.COMPLETE);
        assertEquals(List.of("show", "dE/dw1"), l.words());
        assertEquals("dE/dw1", l.word());
        assertEquals(6, l.wordCursor());
        ParsedLine q = parser.parse("run \"my file.nn\"", 9, ParseContext.COMPLETE);
        assertEquals(List.of("run", "\"my file.nn\""), q.words());
        assertEquals(5, q.wordCursor());
    }

    @Test
    void theCursorBetweenWordsStartsAnEmptyOne() {
        ParsedLine l = parser.parse("show  x", 5, ParseContext.COMPLETE);
        assertEquals("", l.word());
        assertEquals(List.of("show", "", "x"), l.words());
        ParsedLine end = parser.parse("show ", 5, ParseContext.COMPLETE);
        assertEquals("", end.word());
        assertEquals(1, end.wordIndex());
    }
}
