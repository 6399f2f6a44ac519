package nn.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nn.lang.Source;
import nn.session.Output;
import nn.session.Session;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Every output laid out for the screen's width (issue 17): prose wrapped at word boundaries, errors windowed with
 * the caret under the right character, big values summarised, the progress line one line at any width.
 */
class LayoutTest {

    /** The outputs of {@code text} run in a fresh session, rendered for {@code width} columns. */
    static String run(String text, int width, Style style) {
        Session s = new Session();
        List<Output> outs = new ArrayList<>();
        s.run(new Source("t.nn", text), outs::add, Session.Mode.SCRIPT);
        Renderer r = new Renderer(style, () -> width);
        StringBuilder b = new StringBuilder();
        for (Output o : outs) b.append(r.render(o)).append('\n');
        return b.toString();
    }

    static String run(String text, int width) { return run(text, width, Style.PLAIN); }

    private static int length(String line) { return line.codePointCount(0, line.length()); }

    private static void fits(String out, int width) {
        for (String line : out.split("\n")) assertTrue(length(line) <= width, "wider than " + width + " (" + length(line) + "):\n" + line + "\n\nin\n" + out);
    }

    private static List<String> words(String text) { return Arrays.asList(text.trim().split("\\s+")); }

    @ParameterizedTest(name = "help at {0} columns")
    @ValueSource(ints = {40, 60, 80, 200})
    void helpWrapsAtWordBoundaries(int width) {
        for (String topic : List.of("help", "help train", "help layer", "help names", "help show")) {
            String out = run(topic, width);
            String wide = run(topic, 10_000);
            fits(out, width);
            assertEquals(words(wide), words(out), topic + ": the same words, none cut, at " + width);
        }
    }

    @Test
    void helpTableContinuesUnderItsDescription() {
        String out = run("help", 60);
        int at = out.indexOf("  layer ");
        String[] lines = out.substring(at).split("\n");
        assertTrue(lines[1].startsWith(" ".repeat(16)) && !lines[1].startsWith(" ".repeat(17)), "under the description:\n" + out);
    }

    @ParameterizedTest(name = "an error on a long line at {0} columns")
    @ValueSource(ints = {40, 60, 80, 120, 200})
    void errorsShowAWindowWithTheCaretUnderTheRightCharacter(int width) {
        String line = "layer relu 3->2;    W0 = [[1,2,3],[4,5,6]] ;" + " ".repeat(70) + "W1 = [[1,2],[3,4],[5,6]]; show x";
        String out = run(line, width);
        String[] lines = out.split("\n");
        int caret = -1;
        for (int i = 0; i < lines.length; i++) if (lines[i].trim().startsWith("^")) caret = i;
        assertTrue(caret > 0, out);
        String source = lines[caret - 1];
        assertTrue(length(source) <= width, "the source line fits " + width + ":\n" + out);
        int col = lines[caret].indexOf('^');
        assertEquals("W1", source.substring(col, col + 2), "the caret under W1 at " + width + ":\n" + out);
        assertEquals(width >= 4 + line.length(), !source.contains("…"), "a window only where the line does not fit:\n" + out);
    }

    @Test
    void theCaretStaysRightInAsciiWhereSymbolsGrow() {
        // μ is spelt "mu" in ASCII: the caret moves with what is shown
        String out = run("μ = 0.1; μ = 0.2; q = 1" + " ".repeat(100) + "+ nosuch", 60, new Style(false, false));
        String[] lines = out.split("\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].trim().startsWith("^")) {
                int col = lines[i].indexOf('^');
                assertEquals("nosuch", lines[i - 1].substring(col, col + 6), out);
                return;
            }
        }
        throw new AssertionError("no caret in\n" + out);
    }

    @Test
    void hintsWrapUnderTheirText() {
        String out = run("layer relu 3->2\nW0 = [[1, 2], [3, 4], [5, 6]]", 60);
        fits(out.substring(out.indexOf("\n    W0")), 60);
        String hint = out.substring(out.indexOf("  hint: "));
        String[] lines = hint.split("\n");
        assertTrue(lines.length > 1 && lines[1].startsWith(" ".repeat(8)) && lines[1].charAt(8) != ' ', hint);
        assertTrue(out.contains("t.nn:2:6: error: W0 must be 2×3, but a 3×2 matrix is given\n"), "the first line whole, as compilers print it:\n" + out);
    }

    @ParameterizedTest(name = "a 100×200 matrix at {0} columns")
    @ValueSource(ints = {40, 60, 80, 200})
    void bigValuesShowTheirCornersAndShape(int width) {
        String out = run("init xavier seed=1; layer relu 200->100; show W0", width);
        String shown = out.substring(out.indexOf("W0 = "));
        fits(shown, width);
        assertTrue(shown.split("\n").length <= 9, shown);
        assertTrue(shown.contains("…") && shown.contains("100×200") && shown.contains("show W0 full"), shown);
        assertTrue(shown.startsWith(width >= 60 ? "W0 = [[ 0.091,  0.124,  0.039, …," : "W0 = [[ 0.091, "), shown);
        String full = run("init xavier seed=1; layer relu 200->100; show W0 full", width);
        assertEquals(100, full.lines().filter(l -> l.contains("[")).count(), "every row");
        assertFalse(full.contains("…"), "every element");
    }

    @Test
    void rowsTooWideForTheScreenKeepTheColumnsThatFit() {
        String narrow = run("init xavier seed=1; layer relu 20->3; show W0", 60);
        String wide = run("init xavier seed=1; layer relu 20->3; show W0", 200);
        fits(narrow, 60);
        assertTrue(narrow.contains("…") && narrow.contains("3×20"), narrow);
        assertFalse(wide.contains("…"), "200 columns hold all 20:\n" + wide);
        String vector = run("b = [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30]; show b", 40);
        fits(vector, 40);
        assertEquals(words(run("b = [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30]; show b", 1000)), words(vector));
    }

    @Test
    void smallValuesAreAsTheyWere() {
        String out = run("layer relu 3->2\nW0 = [[0.2, -1.2, 0.9], [-0.5, -1.2, 0.3]]\nshow W0", 80);
        assertTrue(out.contains("W0 = [[ 0.2, -1.2, 0.9],\n      [-0.5, -1.2, 0.3]]\n"), out);
    }

    @ParameterizedTest(name = "progress at {0} columns")
    @ValueSource(ints = {20, 30, 40, 60, 80, 200})
    void theProgressLineIsOneLineAtAnyWidth(int width) {
        String line = new Renderer(Style.PLAIN, () -> width).render(new Output.Progress(1234, 200000, 0.1234567, 123456, 3600));
        assertTrue(length(line) < width, line);
        assertTrue(line.startsWith("epoch 1234/200000"), line);
        if (width >= 80) assertTrue(line.contains("examples/s") && line.contains("s left"), line);
    }

    @Test
    void asciiOutputHasNoCheckMark() {
        String out = run("x = -1.5; expect x = -1.5", 80, new Style(false, false));
        assertTrue(out.chars().allMatch(c -> c < 128), out);
        assertTrue(out.contains("ok x = -1.5"), out);
    }

    @Test
    void varsListsEveryNameWithItsShapeAndFirstValues() {
        String out = run("""
                layer relu 3->2 as h
                layer sigmoid 2->1 as o
                W0 = [[0.2, -1.2, 0.9], [-0.5, -1.2, 0.3]]
                input [0.9, 0.2, 0.5]; target 0
                q = 7
                data xor = [[0,0] -> [0], [0,1] -> [1]]
                forward
                backward
                vars""", 80);
        String table = out.substring(out.indexOf("name "));
        String cells = table.replaceAll(" {2,}", " | ");
        for (String row : List.of("x | input | 3 | 0.9, 0.2, 0.5", "W0 | layer 0 (h) weights | 2×3 | 0.2, -1.2, 0.9, -0.5, …", "h | layer 0 activation | 2 | 0.39, 0",
                "E | loss | scalar | 0.156", "dE/dW0 | gradient | 2×3", "q | value | scalar | 7", "xor | data set | 2 rows | 2 inputs -> 1 output")) {
            assertTrue(cells.contains(row), row + " in\n" + table);
        }
        fits(table, 80);
        String narrow = run("layer relu 3->2\nW0 = [[0.25, -1.25, 0.95], [-0.55, -1.25, 0.35]]\nvars", 40);
        fits(narrow, 40);
        assertTrue(narrow.contains("…"), "a row cut where it does not fit:\n" + narrow);
        assertEquals(run("layer relu 3->2; vars", 80), run("layer relu 3->2; whos", 80), "whos is vars");
    }

    @Test
    void showNetGivesOutputShapesAndTrainableAndFrozenCounts() {
        String out = run("layer relu 3->2 as h\nlayer sigmoid 2->1 as o\ninput [[1,2,3],[4,5,6]]\nfreeze W0\nshow net", 80);
        assertTrue(out.contains("layer  name  activation  shape  output  W             b  params"), out);
        assertTrue(out.contains("0      h     relu        3->2   2×2     2×3 (frozen)  2  8"), "two examples of 2 units:\n" + out);
        assertTrue(out.contains("total 11 parameters: 5 trainable, 6 frozen\n"), out);
        assertTrue(out.contains("loss half_sse: E = ½ Σ_i (y_i − o_i)²"), out);
    }

    @ParameterizedTest(name = "explain at {0} columns")
    @ValueSource(ints = {40, 60, 80, 200})
    void derivationsBreakBeforeTheirEqualsSigns(int width) {
        String setup = """
                layer relu 3->2 as h
                layer sigmoid 2->1 as o
                W0 = [[0.2, -1.2, 0.9], [-0.5, -1.2, 0.3]]
                b0 = [-0.1, 0.2]; W1 = [0.7, -1.1]; b1 = -0.1
                input [0.9, 0.2, 0.5]; target 0
                forward; backward
                """;
        String out = run(setup + "explain dE/dw000", width);
        String explained = out.substring(out.indexOf("∂E/∂w000 = "));
        fits(explained, width);
        assertEquals(words(run(setup + "explain dE/dw000", 100_000)), words(out), "the same words at " + width);
        if (width == 80) {
            assertTrue(explained.contains("∂E/∂h0        = ∂E/∂o · ∂o/∂o_pre · ∂o_pre/∂h0 = 0.526 · 0.249 · w100\n"
                    + "              = 0.526 · 0.249 · 0.7 = 0.092"), "continued under its = sign:\n" + explained);
        }
    }
}
