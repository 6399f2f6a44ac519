package nn.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordsTest {
    @Test
    void theCursorsStatementStartsAfterTheLastNewlineOrSemicolonOutsideBrackets() {
        Words.Place p = Words.place("forward\nshow dE/dw1", 19);
        assertEquals("show", p.keyword());
        assertEquals("dE/dw1", p.word());
        assertEquals(1, p.arg());
        Words.Place q = Words.place("forward; step l", 15);
        assertEquals(List.of("step"), q.before());
        assertEquals("l", q.word());
        // a matrix over two lines is one statement; ';' inside brackets separates rows
        Words.Place m = Words.place("W0 = [1 2 3;\n 4 5 6] ", 21);
        assertEquals(List.of("W0", "=", "[1", "2", "3;", "4", "5", "6]"), m.before());
        assertEquals("", m.word());
    }

    @Test
    void atTheStartOfAStatementThereIsNoKeyword() {
        assertNull(Words.place("", 0).keyword());
        assertEquals(0, Words.place("forward;", 8).arg());
        assertEquals("sh", Words.place("forward; sh", 11).word());
    }

    @Test
    void commentsEndAtTheLineAndHideTheirWords() {
        assertTrue(Words.endsInComment("forward # show"));
        assertTrue(Words.endsInComment("// note"));
        assertFalse(Words.endsInComment("show dE/dw100"), "a slash inside a name is no comment");
        assertFalse(Words.endsInComment("run \"a#b.nn"), "a '#' inside quotes is no comment");
        assertEquals(List.of("show"), Words.place("forward # x\nshow ", 17).before());
    }
}
