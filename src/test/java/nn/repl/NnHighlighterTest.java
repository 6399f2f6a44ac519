package nn.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import nn.lang.Source;
import nn.session.Session;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

class NnHighlighterTest {
    private final Session session = new Session();

    NnHighlighterTest() {
        session.run(new Source("t", "layer relu 3->2 as h\nlayer sigmoid 2->1 as o"), o -> { }, false);
    }

    private AttributedString colour(String text, int cursor) {
        return new NnHighlighter(session::state, true).colour(text, cursor);
    }

    /** The style of the character at the start of {@code part} in {@code text}. */
    private AttributedStyle styleOf(String text, String part, int cursor) {
        AttributedString a = colour(text, cursor);
        assertEquals(text, a.toString(), "highlighting never changes the text");
        return a.styleAt(text.indexOf(part));
    }

    private AttributedStyle styleOf(String text, String part) { return styleOf(text, part, text.length()); }

    @Test
    void keywordsNumbersStringsAndComments() {
        String line = "show W0  # the weights";
        assertEquals(NnHighlighter.KEYWORD, styleOf(line, "show"));
        assertEquals(AttributedStyle.DEFAULT, styleOf(line, "W0"));
        assertEquals(NnHighlighter.COMMENT, styleOf(line, "# the"));
        assertEquals(NnHighlighter.COMMENT, styleOf(line, "weights"));
        assertEquals(NnHighlighter.NUMBER, styleOf("W0 = [[0.2, -1.2, 0.9], [1, 2, 3]]", "0.2"));
        assertEquals(NnHighlighter.STRING, styleOf("run \"seed.nn\"", "\"seed"));
        assertEquals(NnHighlighter.OPTION, styleOf("step lr=0.1", "lr"));
        assertEquals(NnHighlighter.NUMBER, styleOf("step lr=0.1", "0.1"));
    }

    @Test
    void aKeywordIsOneOnlyAtTheStartOfAStatement() {
        assertEquals(NnHighlighter.KEYWORD, styleOf("forward; backward", "backward"));
        assertEquals(AttributedStyle.DEFAULT, styleOf("help layer", "layer"), "a topic, not a statement");
    }

    @Test
    void anUnknownWordAtAStatementsStartIsMarked() {
        assertEquals(NnHighlighter.UNKNOWN, styleOf("forwrd", "forwrd"));
        assertEquals(NnHighlighter.UNKNOWN, styleOf("W7 = 1", "W7"), "the network has two layers");
        assertEquals(AttributedStyle.DEFAULT, styleOf("q = x + y", "q"), "a new value of the user's is being made");
        assertEquals(AttributedStyle.DEFAULT, styleOf("W1 = [[0.7, -1.1]]", "W1"));
        assertEquals(AttributedStyle.DEFAULT, styleOf("dE/dw100", "dE"));
        assertEquals(AttributedStyle.DEFAULT, styleOf("lr = 0.1", "lr"));
        assertEquals(AttributedStyle.DEFAULT, styleOf("h_0", "h_0"), "names beyond the completion list resolve too");
        // names as TeX writes them resolve as the parser reads them, wherever the cursor is
        for (String tex : new String[] {"w_{100}", "b_{\\text{h}}", "\\mu", "h_{\\text{pre},0}"}) {
            assertEquals(AttributedStyle.DEFAULT, styleOf(tex + " = 1", tex, 0), tex);
        }
        assertEquals(NnHighlighter.UNKNOWN, styleOf("w_{900} = 1", "w_{900}", 0), "layer 9 does not exist");
    }

    @Test
    void aWordBeingTypedIsNotMarkedWhileItCanStillBecomeKnown() {
        assertNotEquals(NnHighlighter.UNKNOWN, styleOf("forw", "forw", 4));
        assertEquals(NnHighlighter.UNKNOWN, styleOf("forw", "forw", 0), "the cursor has left it");
        assertEquals(NnHighlighter.UNKNOWN, styleOf("forwz", "forwz", 5), "nothing starts like this");
    }

    @Test
    void withoutColourTheTextIsPlain() {
        AttributedString a = new NnHighlighter(session::state, false).highlight(null, "show W0 # x");
        for (int i = 0; i < a.length(); i++) assertEquals(AttributedStyle.DEFAULT, a.styleAt(i));
    }

    @Test
    void charactersBeyondTheBasicPlaneKeepTokensAligned() {
        String line = "forward # 😀 then\nshow W0";
        assertEquals(NnHighlighter.KEYWORD, styleOf(line, "show"));
        assertEquals(NnHighlighter.COMMENT, styleOf(line, "then"));
    }
}
