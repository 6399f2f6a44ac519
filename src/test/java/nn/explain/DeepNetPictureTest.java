package nn.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nn.session.Output;
import nn.session.Session;
import org.junit.jupiter.api.Test;

/**
 * Networks deeper than {@link Elision#MAX_LAYERS} layers: both pictures show the input, the first and last three
 * layers and a gap that says how many layers it stands for and which, and a note under the picture says the same;
 * eight layers are still shown whole. (PictureOverlapTest checks the SVGs' texts for overlaps and renders them.)
 */
class DeepNetPictureTest {

    @Test
    void whichColumnsAreShown() {
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8), Elision.shownColumns(9), "eight layers: all");
        assertEquals(List.of(0, 1, 2, 3, Elision.GAP, 7, 8, 9), Elision.shownColumns(10), "nine layers: 0-2, a gap for 3-5, 6-8");
        assertEquals(List.of(0, 1, 2, 3, Elision.GAP, 9, 10, 11), Elision.shownColumns(12));
    }

    @Test
    void theTerminalPictureLeavesOutTheMiddleLayersAndSaysSo() {
        Session s = Nets.session(Nets.DEEP_10);
        for (String what : new String[] {"draw", "draw gradients"}) {
            Output.Drawing d = Nets.drawing(s, what);
            for (int width : new int[] {40, 60, 80, 120, 200}) {
                String text = d.text(width, true);
                for (String line : text.split("\n")) assertTrue(line.length() <= width, width + ": " + line);
                String flat = text.replaceAll("\\s+", " ");
                for (int k : new int[] {0, 1, 2, 7, 8, 9}) assertTrue(text.contains("layer " + k + ": "), "layer " + k + " shown at " + width + "\n" + text);
                for (int k = 3; k <= 6; k++) assertFalse(text.contains("layer " + k + ": "), "layer " + k + " left out at " + width);
                assertTrue(text.contains("layers 3-6") && flat.contains("⋯ 4 layers more (a3 … a6)"), "the gap says what it stands for\n" + text);
                assertTrue(flat.contains("(10 layers, showing 0-2 … 7-9; a3 … a6 left out)"), "the note\n" + text);
                String ascii = d.text(width, false);
                assertTrue(ascii.chars().allMatch(ch -> ch < 128), "ASCII\n" + ascii);
                assertTrue(ascii.replaceAll("\\s+", " ").contains("(10 layers, showing 0-2 ... 7-9; a3 ... a6 left out)"), ascii);
            }
        }
    }

    @Test
    void eightLayersAreShownWhole() {
        Session s = Nets.session(Nets.NET_8X16);
        String text = Nets.drawing(s, "draw").text(200, true);
        for (int k = 0; k < 8; k++) assertTrue(text.contains("layer " + k + ": "), "layer " + k);
        assertFalse(text.contains("left out") || text.contains("layers more"), text.substring(Math.max(0, text.length() - 300)));
        String svg = new NetSvg(Nets.diagram(s, false), false).svg();
        assertFalse(svg.contains("class=\"gap\""), "no gap column");
    }

    @Test
    void theSvgLeavesOutTheMiddleLayersAndSaysSo() {
        for (String net : new String[] {Nets.DEEP_10, Nets.DEEP_WIDE}) {
            Session s = Nets.session(net);
            NetDiagram d = Nets.diagram(s, false);
            int layers = d.columns().size() - 1;
            for (boolean gradients : new boolean[] {false, true}) {
                String svg = new NetSvg(Nets.diagram(s, gradients), gradients).svg();
                assertTrue(svg.contains(">layers 3-" + (layers - 4) + "<"), "the gap's heading");
                assertTrue(svg.contains(">" + (layers - 6) + " layers more<"), "how many");
                assertTrue(svg.contains(layers + " layers, showing 0-2 … " + (layers - 3) + "-" + (layers - 1) + "; a3 … a" + (layers - 4) + " left out"), "the note");
                for (int k = 3; k <= layers - 4; k++) {
                    assertFalse(svg.contains(">layer " + k + ": "), "layer " + k + " is left out");
                    assertFalse(svg.contains("data-name=\"a" + k + "["), "no node of layer " + k);
                }
                assertTrue(svg.contains(">layer 2: a2<") && svg.contains(">layer " + (layers - 3) + ": a" + (layers - 3) + "<"), "the layers beside the gap");
            }
        }
    }
}
