package nn.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import nn.session.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * `draw` shows the reference network with its eight weights on their edges and its values, written as show writes
 * them (-1.2); the SVG says the same, typeset (−1.2).
 */
class DrawTest {
    static final String[] WEIGHTS = {"0.2", "−1.2", "0.9", "−0.5", "−1.2", "0.3", "0.7", "−1.1"};

    @Test
    void terminalPictureShowsEveryWeightOnItsEdgeAndTheValues() {
        String out = Script.reference("draw");
        // each edge: source ── weight ──, one line per edge into its neuron
        String[] edges = {"x0 ── 0.2 ", "x1 ── -1.2 ", "x2 ── 0.9 ", "x0 ── -0.5 ", "x1 ── -1.2 ", "x2 ── 0.3 ", "h0 ── 0.7 ", "h1 ── -1.1 "};
        int from = 0;
        for (int e = 0; e < 6; e++) { // layer 0's edges, in order down its column
            int at = out.indexOf(edges[e], from);
            assertTrue(at >= 0, edges[e] + " in\n" + out);
            from = at + 1;
        }
        assertTrue(out.contains(edges[6]) && out.contains(edges[7]), out);
        assertTrue(out.contains("1 ── -0.1 "), "bias b00 on the edge from 1\n" + out);
        assertTrue(out.contains("1 ── 0.2 "), "bias b01\n" + out);
        for (String v : List.of("h_pre0 = 0.29", "h0     = 0.29", "h_pre1 = -0.34", "h1     = 0", "o_pre = 0.103", "o     = 0.526", "x0 = 0.9")) {
            assertTrue(out.contains(v), v + " in\n" + out);
        }
        assertTrue(out.contains("relu") && out.contains("sigmoid"), out);
    }

    @Test
    void gradientsOnTheEdges() {
        String out = Script.reference("draw gradients");
        for (String v : List.of("x0 ── 0.083 ", "x1 ── 0.018 ", "x2 ── 0.046 ", "h0 ── 0.038 ", "h1 ── 0 ", "∂E/∂o_pre = 0.131", "∂E/∂h1     = -0.144")) {
            assertTrue(out.contains(v), v + " in\n" + out);
        }
    }

    @Test
    void svgHasEveryWeightNodeAndValue(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("net.svg");
        String out = Script.reference("draw \"" + file.toString().replace("\\", "/") + "\"");
        assertTrue(out.contains("wrote"), out);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        assertEquals("svg", doc.getDocumentElement().getTagName());
        List<String> weights = new ArrayList<>();
        List<String> names = new ArrayList<>();
        NodeList labels = doc.getElementsByTagName("text");
        java.util.Map<String, String> byName = new java.util.TreeMap<>();
        for (int i = 0; i < labels.getLength(); i++) {
            Element t = (Element) labels.item(i);
            if (t.getAttribute("class").equals("weight")) byName.put(t.getAttribute("data-name"), t.getTextContent());
        }
        names.addAll(byName.keySet());
        weights.addAll(byName.values());
        assertEquals(List.of("w000", "w001", "w002", "w010", "w011", "w012", "w100", "w101"), names, "every weight on its edge");
        assertEquals(List.of(WEIGHTS), weights);
        int edges = 0;
        NodeList lines = doc.getElementsByTagName("line");
        for (int i = 0; i < lines.getLength(); i++) if (((Element) lines.item(i)).getAttribute("class").equals("edge")) edges++;
        assertEquals(8, edges, "one line per edge");
        List<String> texts = new ArrayList<>();
        NodeList t = doc.getElementsByTagName("text");
        for (int i = 0; i < t.getLength(); i++) texts.add(t.item(i).getTextContent());
        for (String v : List.of("x0", "x1", "x2", "h0", "h1", "o", "relu", "sigmoid", "h_pre0 = 0.29", "h0 = 0.29", "h_pre1 = −0.34", "o = 0.526", "b10 = −0.1")) {
            assertTrue(texts.contains(v), v + " in " + texts);
        }
        assertTrue(Files.list(dir).allMatch(p -> p.equals(file)), "no temporary file left behind");
    }

    @Test
    void legibleFor4663() {
        Session s = new Session();
        String out = Script.run(s, "layer tanh 4->6\nlayer relu 6->6\nlayer sigmoid 6->3\ninit xavier seed=1\ninput [1, 2, 3, 4]\ntarget [0, 1, 0]\nforward\ndraw");
        for (String line : out.split("\n")) assertTrue(line.length() <= 120, "line too long: " + line);
        // every one of the 4·6 + 6·6 + 6·3 = 78 edges and 15 biases is drawn
        int edges = 0;
        for (String line : out.split("\n")) if (line.matches("\\s*(x\\d|a\\d\\[\\d\\]|1) ── .*")) edges++;
        assertEquals(78 + 15, edges, out);
    }
}
