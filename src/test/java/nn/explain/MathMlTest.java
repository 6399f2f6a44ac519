package nn.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import nn.session.Output;
import nn.session.Session;
import nn.testing.Scripts;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * The MathML writer (the live view's derivations): every derivation `explain` writes for the reference network is
 * well-formed XML whose numbers are exactly those the terminal prints, and names keep their subscripts.
 */
class MathMlTest {
    static final List<String> NAMES = List.of("dE/dw100", "dE/dw000", "dE/dW0", "dE/db10", "dE/dh0", "dE/dh[1]", "dE/dx0", "h_pre0", "h_pre",
            "h0", "o", "E", "do/do_pre", "dh/dh_pre", "update w100", "update W0", "w100", "x");

    private static List<Output.Math> explain(Session s, String name) {
        List<Output.Math> out = new ArrayList<>();
        for (Output o : Scripts.run(s, "explain " + name).outputs()) if (o instanceof Output.Math m) out.add(m);
        assertFalse(out.isEmpty(), "explain " + name + " wrote no math");
        return out;
    }

    private static Document xml(String html) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader("<div>" + html + "</div>")));
    }

    /** The text of every element, a space between elements (a vector's items are cells of a table). */
    private static StringBuilder words(org.w3c.dom.Node n, StringBuilder b) {
        if (n.getNodeType() == org.w3c.dom.Node.TEXT_NODE) b.append(n.getNodeValue());
        for (org.w3c.dom.Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            words(c, b);
            if (c.getNodeType() == org.w3c.dom.Node.ELEMENT_NODE) b.append(' ');
        }
        return b;
    }

    /** The numbers in a text, in order, with − read as -. */
    private static List<String> numbers(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\d+(\\.\\d+)?").matcher(s);
        while (m.find()) out.add(m.group());
        return out;
    }

    @Test
    void everyReferenceDerivationIsWellFormedWithTheTerminalsNumbers() throws Exception {
        Session s = new Session();
        Scripts.run(s, Scripts.SEED + "forward\nbackward\nupdate lr=0.1\n");
        for (String name : NAMES) {
            for (Output.Math m : explain(s, name)) {
                String html = new MathMl(m.notation()).html(m.parts());
                Document d = xml(html);
                String typeset = words(d.getDocumentElement(), new StringBuilder()).toString();
                // every number of the terminal's derivation, in the same order (subscripts are digits too: compare without names)
                List<String> shown = numbers(typeset);
                // ½ is typeset as the fraction 1 over 2, a square as a power 2
                List<String> printed = numbers(m.text().replace("½", "1 2").replace("²", " 2"));
                assertEquals(printed, shown, "explain " + name + ":\n" + m.text() + "\n" + html);
                assertFalse(html.contains("\\"), "TeX left in the MathML of explain " + name + ": " + html);
            }
        }
    }

    @Test
    void namesKeepTheirSubscriptsAndFractionsAreFractions() throws Exception {
        Session s = new Session();
        Scripts.run(s, Scripts.SEED + "forward\nbackward\n");
        Output.Math m = explain(s, "dE/dw100").get(0);
        String html = new MathMl(m.notation()).html(m.parts());
        assertTrue(html.contains("<msub><mi>w</mi><mn>100</mn></msub>"), html);
        assertTrue(html.contains("<msub><mi>o</mi><mtext>pre</mtext></msub>"), html);
        assertTrue(html.contains("<mfrac><mrow><mo>∂</mo><mi>E</mi></mrow>"), html);
        assertTrue(html.contains("<mn>0.038</mn>"), html);
        Document d = xml(html);
        assertTrue(d.getElementsByTagName("math").getLength() >= 2);
    }

    @Test
    void texOfNamesAndSymbols() {
        assertEquals("<msub><mi>w</mi><mn>100</mn></msub>", MathMl.tex("w_{100}"));
        assertEquals("<msub><mi>h</mi><mrow><mtext>pre</mtext><mo>,</mo><mn>0</mn></mrow></msub>", MathMl.tex("h_{\\text{pre},0}"));
        assertEquals("<msup><msub><mi>w</mi><mn>100</mn></msub><mo>*</mo></msup>", MathMl.tex("{w_{100}}^*"));
        assertEquals("<mfrac><mn>1</mn><mn>2</mn></mfrac>", MathMl.tex("\\frac{1}{2}"));
        assertEquals("<mover accent=\"true\"><mi>m</mi><mo>^</mo></mover>", MathMl.tex("\\hat{m}"));
        assertEquals("<mrow><msub><mo>∑</mo><mi>r</mi></msub><msub><mo>∑</mo><mi>i</mi></msub></mrow>", MathMl.tex("\\sum_r \\sum_i"));
        assertEquals("<mtext>leaky_relu</mtext>", MathMl.tex("\\text{leaky\\_relu}"));
        assertEquals("<mrow><mi>a</mi><mo>&lt;</mo><mi>b</mi></mrow>", MathMl.tex("a<b"));
    }
}
