package nn.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nn.session.Output;
import nn.session.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The terminal pictures fit any width they are given (60, 80, 120, 200 columns, and narrower), keep every number
 * they show (every weight on its edge, or its layer said to be summarised), and are ASCII where Unicode is off.
 */
class PictureWidthTest {
    static final int[] WIDTHS = {40, 60, 80, 120, 200};
    static final Map<String, String> NETS = Map.of("3-2-1", Nets.SEED, "4-6-6-3", Nets.NET_4663, "8x16", Nets.NET_8X16,
            "random 6 layers", Nets.random6(11), "300-20-2", Nets.WIDE);

    static Stream<Arguments> nets() {
        List<Arguments> out = new ArrayList<>();
        for (String name : new java.util.TreeSet<>(NETS.keySet())) for (boolean g : new boolean[] {false, true}) out.add(Arguments.of(name, g));
        return out.stream();
    }

    /** "x0 ── 0.2 ──┐": a source, its edge's label, the edge into its neuron's joint. */
    private static final Pattern EDGE = Pattern.compile("(\\S+) ── (\\S+) ─*[┐┤┼┘┬┴─]");

    @ParameterizedTest(name = "{0}, gradients {1}")
    @MethodSource("nets")
    void fitsEveryWidthAndKeepsEveryLabel(String name, boolean gradients) {
        Session s = Nets.session(NETS.get(name));
        Output.Drawing d = Nets.drawing(s, gradients ? "draw gradients" : "draw");
        List<String> expected = shownLabels(Nets.diagram(s, gradients), gradients);
        for (int width : WIDTHS) {
            String text = d.text(width, true);
            for (String line : text.split("\n")) assertTrue(line.length() <= width, name + " at " + width + ": " + line.length() + " > width:\n" + line);
            List<String> found = new ArrayList<>();
            for (String line : text.split("\n")) {
                Matcher m = EDGE.matcher(line);
                while (m.find()) found.add(m.group(2));
            }
            Collections.sort(found);
            assertEquals(expected, found, name + " at " + width + ": every edge shown carries its label\n" + text);
            for (NetDiagram.Column c : Nets.diagram(s, gradients).columns()) {
                if (Elision.elides(c.nodes().size())) {
                    assertTrue(text.replaceAll("\\s+", " ").contains(": " + c.nodes().size() + " units, showing 0-3 … "), "the left-out units are said to be\n" + text);
                }
            }
            String ascii = d.text(width, false);
            assertTrue(ascii.chars().allMatch(ch -> ch < 128), "ASCII where Unicode is off:\n" + ascii);
            for (String line : ascii.split("\n")) assertTrue(line.length() <= width, "ASCII at " + width + ": " + line);
        }
    }

    /** The label of every edge the picture shows: between shown units, and every shown neuron's bias. */
    static List<String> shownLabels(NetDiagram d, boolean gradients) {
        List<String> out = new ArrayList<>();
        for (int c = 1; c < d.columns().size(); c++) {
            NetDiagram.Column col = d.columns().get(c);
            List<Integer> from = Elision.shown(d.columns().get(c - 1).nodes().size());
            List<Integer> to = Elision.shown(col.nodes().size());
            for (NetDiagram.Edge e : col.edges()) {
                if (!to.contains(e.to()) || !e.bias() && !from.contains(e.from())) continue;
                out.add(e.label(gradients).text().replace('\u2212', '-')); // the terminal writes values as show does
            }
        }
        Collections.sort(out);
        return out;
    }

    /**
     * Today's picture of the reference at 120 columns, character for character (the samples' golden outputs rely on
     * it); numbers written as show writes them (-1.2), the picture's lines in Unicode.
     */
    @Test
    void referenceAt120IsAsItWas() {
        Session s = Nets.session(Nets.SEED);
        assertEquals("""
                input       layer 0: h, relu (3→2)                   layer 1: o, sigmoid (2→1)

                x0 = 0.9    x0 ── 0.2 ──┐                            h0 ── 0.7 ──┐
                x1 = 0.2    x1 ── -1.2 ─┼──▶ (h0)  h_pre0 = 0.29     h1 ── -1.1 ─┼──▶ (o)  o_pre = 0.103
                x2 = 0.5    x2 ── 0.9 ──┤          h0     = 0.29      1 ── -0.1 ─┘         o     = 0.526
                             1 ── -0.1 ─┘

                            x0 ── -0.5 ─┐
                            x1 ── -1.2 ─┼──▶ (h1)  h_pre1 = -0.34
                            x2 ── 0.3 ──┤          h1     = 0
                             1 ── 0.2 ──┘""", Nets.drawing(s, "draw").text(120, true));
        assertEquals("""
                input                        layer 0: h, relu (3→2)                         layer 1: o, sigmoid (2→1)

                x0 = 0.9   ∂E/∂x0 = 0.018    x0 ── 0.083 ─┐                                 h0 ── 0.038 ─┐
                x1 = 0.2   ∂E/∂x1 = -0.11    x1 ── 0.018 ─┼──▶ (h0)  ∂E/∂h_pre0 = 0.092     h1 ── 0 ─────┼──▶ (o)  ∂E/∂o_pre = 0.131
                x2 = 0.5   ∂E/∂x2 = 0.083    x2 ── 0.046 ─┤          ∂E/∂h0     = 0.092      1 ── 0.131 ─┘         ∂E/∂o     = 0.526
                                              1 ── 0.092 ─┘

                                             x0 ── 0 ─────┐
                                             x1 ── 0 ─────┼──▶ (h1)  ∂E/∂h_pre1 = 0
                                             x2 ── 0 ─────┤          ∂E/∂h1     = -0.144
                                              1 ── 0 ─────┘""", Nets.drawing(s, "draw gradients").text(120, true));
    }

    /** At 80 columns (a file, a pipe) the reference still stands side by side, its values under the neurons. */
    @Test
    void referenceAt80StandsSideBySide() {
        String text = Nets.drawing(Nets.session(Nets.SEED), "draw").text(80, true);
        assertTrue(text.startsWith("input       layer 0: h, relu (3→2)             layer 1: o, sigmoid (2→1)\n"), text);
        assertTrue(text.contains("x1 ── -1.2 ─┼──▶ (h0)              h1 ── -1.1 ─┼──▶ (o)"), text);
        assertTrue(text.contains("1 ── -0.1 ─┘    h0     = 0.29"), text);
    }

    @Test
    void asciiUsesTheHyphenMinus() {
        String text = Nets.drawing(Nets.session(Nets.SEED), "draw").text(120, false);
        assertTrue(text.contains("x1 -- -1.2 -+--> (h0)  h_pre0 = 0.29"), text);
        assertTrue(text.contains("layer 0: h, relu (3->2)"), text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphs")
    void graphFitsEveryWidthAndNamesEveryValue(String name) {
        Session s = Nets.session(NETS.get(name));
        Output.Drawing d = Nets.drawing(s, "draw graph");
        for (int width : WIDTHS) {
            for (boolean unicode : new boolean[] {true, false}) {
                String text = d.text(width, unicode);
                for (String line : text.split("\n")) assertTrue(line.length() <= width, name + " at " + width + ":\n" + line);
                if (!unicode) assertTrue(text.chars().allMatch(ch -> ch < 128), text);
                assertTrue(text.contains("E = "), "the loss is the last step\n" + text);
            }
        }
    }

    static Stream<String> graphs() { return Stream.of("3-2-1", "4-6-6-3", "300-20-2"); }

    @Test
    void referenceGraphIsMicrogradsNumberByNumber() {
        String text = Nets.drawing(Nets.session(Nets.SEED), "draw graph").text(80, true);
        assertTrue(text.contains("   1  #1 = w000 * x0"), text);
        assertTrue(text.contains("   2  h_pre0 = #1 + #2 + #3 + b00    0.29  | 0.092"), text);
        assertTrue(text.contains("   6  o = σ(o_pre)"), text);
        assertTrue(text.contains("   7  E = half_sse(o, y)             0.138 | 1"), text);
    }

    @Test
    void lossChartFitsEveryWidthWithItsTicks() {
        Session s = Nets.session("""
                init xavier seed=1
                layer tanh 2->4
                layer sigmoid 4->1
                data xor = [[0,0] -> [0], [0,1] -> [1], [1,0] -> [1], [1,1] -> [0]]
                train xor epochs=2000 lr=0.5
                """);
        Output.Drawing d = Nets.drawing(s, "plot loss");
        for (int width : WIDTHS) {
            String text = d.text(width, true);
            for (String line : text.split("\n")) assertTrue(line.length() <= width, width + ":\n" + text);
            assertTrue(text.contains("0.01 ┤") && text.contains("0.1 ┤"), "decades on the log axis\n" + text);
            assertTrue(text.contains("1000"), "epochs ticked\n" + text);
        }
        String linear = Nets.drawing(s, "plot loss linear").text(80, true);
        assertTrue(linear.contains("0.00 ┤") && linear.contains("0.05 ┤") && linear.contains("0.10 ┤"), "one number format\n" + linear);
    }
}
