package nn.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** TeX math as worked solutions write it (nn.lang.MathParser) and where a document's equations are (nn.lang.Document). */
class MathParserTest {

    @Test
    void derivativesInEveryWayTheyAreWritten() {
        for (String t : List.of("\\frac{\\partial E}{\\partial w_{100}}", "\\partial E/\\partial w_{100}", "∂E/∂w_{100}", "\\dfrac{\\partial E}{\\partial w_{100}}")) {
            MathExpr e = MathParser.chain(t).get(0);
            MathExpr.Deriv d = assertInstanceOf(MathExpr.Deriv.class, e, t);
            assertEquals("E", d.of().base());
            assertEquals("100", d.by().sub());
        }
        // the reference's eq. 30 writes h_{\text{pre}},0 inside the fraction
        MathExpr.Deriv d = (MathExpr.Deriv) MathParser.chain("\\frac{\\partial h_{\\text{pre}},0}{\\partial w_{001}}").get(0);
        assertEquals("pre,0", d.of().sub());
        // the derivative of a whole expression is read, not evaluated
        assertInstanceOf(MathExpr.Opaque.class, MathParser.chain("\\frac{\\partial w_{100} h_0 + b}{\\partial w_{100}}").get(0));
    }

    @Test
    void starsPrimesProductsSideBySideAndPowers() {
        List<MathExpr> c = MathParser.chain("w_{100}^* = {w_{100}}^{*} = w_{100}' = 0.7 - 0.1 \\cdot 0.038 = 0.696");
        assertEquals(5, c.size());
        for (int i = 0; i < 3; i++) assertTrue(((MathExpr.Sym) c.get(i)).starred(), c.get(i).toString());
        assertTrue(c.get(3).isNumeric());
        // 0.526(1 - 0.526): a product; W_{\text{out}}h: a product of two names
        assertInstanceOf(MathExpr.Bin.class, MathParser.chain("0.526(1 - 0.526)").get(0));
        MathExpr.Bin wh = (MathExpr.Bin) MathParser.chain("W_{\\text{out}}h + b").get(0);
        assertEquals('+', wh.op());
        // e^{-x} is exp; x^23 is x² times 3
        assertInstanceOf(MathExpr.Call.class, ((MathExpr.Bin) MathParser.chain("\\frac{1}{1+e^{-0.103}}").get(0)).right() instanceof MathExpr.Bin b ? b.right() : null);
        MathExpr.Bin p = (MathExpr.Bin) MathParser.chain("x^23").get(0);
        assertInstanceOf(MathExpr.Pow.class, p.left());
        // ½Σ(y − o)², σ, relu, \text{relu}, \max(0, x), pmatrix
        assertInstanceOf(MathExpr.Bin.class, MathParser.chain("\\frac{1}{2} \\sum_{i} (y_i - o_i)^2").get(0));
        assertEquals("sigmoid", ((MathExpr.Call) MathParser.chain("\\sigma(o_{\\text{pre}})").get(0)).function());
        assertEquals("relu", ((MathExpr.Call) MathParser.chain("\\text{relu}\\left(h_{\\text{pre}}\\right)").get(0)).function());
        assertEquals(2, ((MathExpr.Call) MathParser.chain("\\max(0, 0.29)").get(0)).args().size());
        MathExpr.Matrix m = (MathExpr.Matrix) MathParser.chain("\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}").get(0);
        assertEquals(2, m.rows().size());
    }

    @Test
    void whatCannotBeReadIsNamedWithItsColumn() {
        MathParser.Failure f = assertThrows(MathParser.Failure.class, () -> MathParser.chain("E = \\foo{x}"));
        assertEquals(5, f.column);
        MathParser.Failure g = assertThrows(MathParser.Failure.class, () -> MathParser.chain("E = (1 + 2"));
        assertTrue(g.getMessage().contains("')'"), g.getMessage());
        assertThrows(MathParser.Failure.class, () -> MathParser.chain("\\begin{bmatrix} 1 & 2 \\\\ 3 \\end{bmatrix}"));
    }

    @Test
    void theDocumentReaderFindsDisplayMathAndItsNumbers() {
        String text = "Prose with $x = 1$ inline.\n$$a = 1$$\n (7)\n$$b = 2 \\tag{8}$$\n$$c = 3 \\quad (9)$$\n"
                + "```python\n$$d = 4$$\n```\n```math\ne = 5\n```\n$$\\begin{aligned} f &= 1 + 1 \\\\ &= 2 \\\\ g &= 3 \\end{aligned}$$\n"
                + "\\begin{align}\nk &= 1 \\nonumber \\\\\n &= 1 \\\\\nl &= 2\n\\end{align}\n";
        Document d = Document.read(new Source("t.md", text));
        List<String> labels = d.equations().stream().map(Document.Equation::label).toList();
        assertEquals(List.of("(7)", "(8)", "(9)", "line 10", "line 12", "line 12", "(1)", "(2)"), labels);
        Document.Equation f = d.equations().get(4);
        assertEquals(3, MathParser.chain(f.text()).size(), f.text());
        assertEquals(12, f.at(1, 1).line());
        Document.Equation k = d.equations().get(6);
        assertEquals(3, MathParser.chain(k.text()).size(), k.text());
    }
}
