package nn.lang;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The parser: every statement form, every notation of values and names, and every syntax error with its place. */
class ParserTest {

    static ParseResult parse(String text) { return Parser.parse(new Source("t.nn", text)); }

    /** The statements of a text that must parse cleanly. */
    static List<Stmt> ok(String text) {
        ParseResult r = parse(text);
        assertTrue(r.errors().isEmpty(), () -> "unexpected errors for <" + text + ">: " + r.errors());
        assertFalse(r.incomplete(), "incomplete: " + text);
        return r.statements();
    }

    /** The one statement of a text, of the given class. */
    static <T extends Stmt> T one(String text, Class<T> type) {
        List<Stmt> s = ok(text);
        assertEquals(1, s.size(), () -> "statements of <" + text + ">: " + s);
        return assertInstanceOf(type, s.get(0));
    }

    static Literal value(String written) { return literal(one("x = " + written, Stmt.Assign.class).value()); }

    /** An argument or expression that must be a literal (a number or bracketed value as written). */
    static Literal literal(Object a) { return assertInstanceOf(Literal.class, a); }

    /** A text parsed and every statement checked against its row's arguments, as the session does before running it. */
    static ParseResult checked(String text) { return new nn.session.Session().parse(new Source("t.nn", text)); }

    /** The only error of a text (a syntax error, or a statement written with arguments it does not take). */
    static Diagnostic error(String text) {
        ParseResult r = checked(text);
        assertEquals(1, r.errors().size(), () -> "errors for <" + text + ">: " + r.errors());
        assertTrue(r.statements().isEmpty(), "a text with syntax errors yields no statements");
        return r.errors().get(0);
    }

    static void at(Diagnostic d, int line, int column) {
        assertEquals(line + ":" + column, d.pos().line() + ":" + d.pos().column(), () -> "position of: " + d.message());
        assertEquals(Diagnostic.Kind.SYNTAX, d.kind());
    }

    // ---------------------------------------------------------------------------------------------------------
    @Nested
    class EveryStatementForm {

        /** One example per labelled alternative of the grammar's statement rule. */
        static final Map<String, String> EXAMPLES = new LinkedHashMap<>();

        static {
            EXAMPLES.put("layerStmt", "layer relu 3->2 as h");
            EXAMPLES.put("dataStmt", "data xor = [[0,0] -> [0], [1,1] -> [0]]");
            EXAMPLES.put("expectStmt", "expect o = 0.526 ± 0.001");
            EXAMPLES.put("assignStmt", "W0 = [[0.2, -1.2, 0.9], [-0.5, -1.2, 0.3]]");
            EXAMPLES.put("equationNumberStmt", "(12)");
            EXAMPLES.put("commandStmt", "train xor epochs=100 lr=0.5");
            EXAMPLES.put("inspectStmt", "dE/dW0");
        }

        @Test
        void everyLabelledAlternativeOfTheGrammarHasAnExampleHere() throws IOException {
            String g4 = Files.readString(Path.of("grammar/nn/grammar/Nn.g4"));
            String rule = g4.substring(g4.indexOf("\nstatement"), g4.indexOf(";", g4.indexOf("\nstatement")));
            Set<String> labels = new TreeSet<>();
            Matcher m = Pattern.compile("#\\s*(\\w+)").matcher(rule);
            while (m.find()) labels.add(m.group(1));
            assertEquals(labels, new TreeSet<>(EXAMPLES.keySet()), "a new statement form needs a parser test");
        }

        @Test
        void everyExampleParsesAloneAndAllTogether() {
            for (String text : EXAMPLES.values()) assertEquals(1, ok(text).size(), text);
            String all = String.join("\n", EXAMPLES.values());
            assertEquals(EXAMPLES.size(), ok(all).size());
            assertEquals(EXAMPLES.size(), ok(String.join("; ", EXAMPLES.values())).size());
        }

        @Test
        void layer() {
            Stmt.Layer l = one("layer relu 3->2", Stmt.Layer.class);
            assertEquals("relu", l.activation().text());
            assertEquals(3, l.in());
            assertEquals(2, l.out());
            assertNull(l.alias());
            assertEquals(12, l.shapePos().column());
            Stmt.Layer named = one("layer sigmoid 2→1 as o", Stmt.Layer.class);
            assertEquals("o", named.alias().text());
            assertEquals(1, named.out());
            Stmt.Layer leaky = one("layer leaky_relu 4->4 slope=0.2", Stmt.Layer.class);
            Option slope = (Option) leaky.args().get(0);
            assertEquals("slope", slope.key());
            assertEquals(0.2, slope.number());
            Option bias = (Option) one("layer linear 2->2 bias=false", Stmt.Layer.class).args().get(0);
            assertEquals("false", bias.text());
        }

        @Test
        void assignments() {
            Stmt.Assign w = one("w100 = 0.7", Stmt.Assign.class);
            assertEquals("w100", w.target().name());
            assertEquals(0.7, literal(w.value()).scalar());
            Stmt.Assign e = one("W1[0,0] = 0.7", Stmt.Assign.class);
            assertEquals("W1", e.target().name());
            assertEquals(List.of(0, 0), e.target().index());
            Stmt.Assign b = one("b10 = -0.1", Stmt.Assign.class);
            assertEquals(-0.1, literal(b.value()).scalar());
            assertEquals(1, literal(b.value()).decimals()[0]);
            Stmt.Assign mu = one("μ = 0.1", Stmt.Assign.class);
            assertEquals("μ", mu.target().name());
            Stmt.Assign x = one("x = [0.9, 0.2, 0.5]", Stmt.Assign.class);
            assertArrayEquals(new double[] {0.9, 0.2, 0.5}, literal(x.value()).values());
            Stmt.Assign chain = one("E = 0.5 * (0 - 0.526)^2 = 0.138", Stmt.Assign.class);
            assertEquals(2, chain.chain().size());
            assertEquals(0.138, literal(chain.value()).scalar());
        }

        @Test
        void expressions() {
            // x + y * z: the product binds tighter
            Expr.Binary sum = assertInstanceOf(Expr.Binary.class, one("q = x + y * z", Stmt.Assign.class).value());
            assertEquals("+", sum.op());
            assertEquals("x", ((Ref) sum.left()).name());
            assertEquals("*", assertInstanceOf(Expr.Binary.class, sum.right()).op());
            // -x^2 is -(x^2); 2^-1 is 2^(-1); powers group to the right
            Expr.Unary neg = assertInstanceOf(Expr.Unary.class, one("a = -x^2", Stmt.Assign.class).value());
            assertEquals("^", assertInstanceOf(Expr.Binary.class, neg.operand()).op());
            Expr.Binary pow = assertInstanceOf(Expr.Binary.class, one("a = 2^-1", Stmt.Assign.class).value());
            assertEquals(-1, literal(pow.right()).scalar());
            Expr.Binary right = assertInstanceOf(Expr.Binary.class, one("a = 2^3^2", Stmt.Assign.class).value());
            assertEquals("^", assertInstanceOf(Expr.Binary.class, right.right()).op());
            // @, ·, ×, \cdot, \times: the matrix product and elementwise products
            assertEquals("@", assertInstanceOf(Expr.Binary.class, one("h = W0 @ x", Stmt.Assign.class).value()).op());
            for (String times : List.of("·", "×", "\\cdot", "\\times", "*")) {
                assertEquals("*", assertInstanceOf(Expr.Binary.class, one("p = 0.526 " + times + " 0.249", Stmt.Assign.class).value()).op(), times);
            }
            // transposes, calls, indexing an expression, and names with their index
            assertInstanceOf(Expr.Transpose.class, one("t = W0^T", Stmt.Assign.class).value());
            assertInstanceOf(Expr.Transpose.class, one("t = W0ᵀ", Stmt.Assign.class).value());
            Expr.Call call = assertInstanceOf(Expr.Call.class, one("J = sum(W0 ^ 2, 1)", Stmt.Assign.class).value());
            assertEquals("sum", call.function().text());
            assertEquals(2, call.args().size());
            Expr.Index ix = assertInstanceOf(Expr.Index.class, one("r = (x @ W)[0]", Stmt.Assign.class).value());
            assertEquals(List.of(0), ix.index());
            Ref h = assertInstanceOf(Ref.class, one("r = h[2, 1]", Stmt.Assign.class).value());
            assertEquals(List.of(2, 1), h.index());
            // a fraction of two numbers stays one number (for expect's decimals, and as printed)
            Literal frac = literal(one("lr = 1/2", Stmt.Assign.class).value());
            assertEquals(0.5, frac.scalar());
            // an expression may span lines inside parentheses
            assertInstanceOf(Expr.Binary.class, one("f = (x +\n y)", Stmt.Assign.class).value());
        }

        private static Stmt.Command command(String text, String keyword) {
            Stmt.Command c = one(text, Stmt.Command.class);
            assertEquals(keyword, c.keyword());
            return c;
        }

        private static Option option(Stmt.Command c, int i) { return assertInstanceOf(Option.class, c.args().get(i)); }

        @Test
        void inputTargetLoss() {
            assertArrayEquals(new double[] {0.9, 0.2, 0.5}, literal(command("input [0.9, 0.2, 0.5]", "input").args().get(0)).values());
            Literal y = literal(command("target 0", "target").args().get(0));
            assertEquals(Literal.Form.SCALAR, y.form());
            assertEquals(0, y.scalar());
            assertEquals(2, option(command("target class=2", "target"), 0).number());
            assertEquals("bce", ((Ref) command("loss bce", "loss").args().get(0)).name());
            assertEquals("sum", option(command("loss mse reduction=sum", "loss"), 1).text());
        }

        @Test
        void passes() {
            assertTrue(command("forward", "forward").args().isEmpty());
            assertTrue(command("backward", "backward").args().isEmpty());
            assertInstanceOf(Expr.Call.class, command("backward sum(f)", "backward").args().get(0));
            Option lr = option(command("update lr=0.1", "update"), 0);
            assertEquals("lr", lr.key());
            assertEquals(0.1, lr.number());
            assertTrue(command("update", "update").args().isEmpty());
            assertEquals(0.5, option(command("step lr=1/2", "step"), 0).number());
        }

        @Test
        void showAndBareName() {
            Stmt.Command s = command("show x W0 w100 h_pre o E dE/dh[0] net", "show");
            List<Ref> refs = s.args().stream().map(a -> (Ref) a).toList();
            assertEquals(List.of("x", "W0", "w100", "h_pre", "o", "E", "dE/dh", "net"), refs.stream().map(Ref::name).toList());
            assertEquals(List.of(0), refs.get(6).index());
            assertTrue(refs.get(6).derivative());
            Stmt.Inspect bare = one("W0[1,2]", Stmt.Inspect.class);
            assertEquals(List.of(1, 2), ((Ref) bare.expr()).index());
            assertInstanceOf(Expr.Binary.class, one("x + y", Stmt.Inspect.class).expr());
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "expect o = 0.5      | EQ", "expect o < 0.5  | LT", "expect o > 0.5 | GT",
            "expect o <= 0.5     | LE", "expect o >= 0.5 | GE", "expect o ≤ 0.5 | LE", "expect o ≥ 0.5 | GE"})
        void expectRelations(String text, Stmt.Relation relation) {
            Stmt.Expect e = one(text, Stmt.Expect.class);
            assertEquals(relation, e.relation());
            assertEquals(0.5, e.value().scalar());
            assertNull(e.tolerance());
        }

        @ParameterizedTest
        @ValueSource(strings = {"expect E = 0.138 ± 0.001", "expect E = 0.138 +/- 0.001", "expect E = 0.138 +- 0.001"})
        void expectTolerance(String text) {
            Stmt.Expect e = one(text, Stmt.Expect.class);
            assertEquals(0.001, e.tolerance().scalar());
            assertEquals(3, e.value().decimals()[0]);
        }

        @Test
        void expectMatrixAndExpression() {
            Stmt.Expect e = one("expect dE/dW0 = [[0.083, 0.018, 0.046], [0, 0, 0]]", Stmt.Expect.class);
            assertEquals("dE/dW0", ((Ref) e.subject()).name());
            assertEquals(2, e.value().rows());
            assertEquals(3, e.value().cols());
            assertInstanceOf(Expr.Call.class, one("expect sum(h) = 0.29", Stmt.Expect.class).subject());
        }

        @Test
        void precisionTraceHelpExit() {
            assertEquals(6, literal(command("precision 6", "precision").args().get(0)).scalar());
            assertEquals("on", ((Ref) command("trace on", "trace").args().get(0)).name());
            assertTrue(command("help", "help").args().isEmpty());
            assertEquals("layer", ((Word) command("help layer", "help").args().get(0)).text());
            command("exit", "exit");
            command("quit", "quit");
            command("reset", "reset");
            assertEquals("12", one("(12)", Stmt.EquationNumber.class).number());
        }

        @Test
        void laterFeatureForms() {
            assertEquals("dE/dw100", ((Ref) command("explain dE/dw100", "explain").args().get(0)).name());
            Stmt.Command upd = command("explain update w100", "explain");
            assertEquals("update", ((Word) upd.args().get(0)).text());
            assertTrue(command("draw", "draw").args().isEmpty());
            assertEquals("net.svg", ((Str) command("draw \"net.svg\"", "draw").args().get(0)).text());
            assertEquals("latex", ((Ref) command("export latex 'out.tex'", "export").args().get(0)).name());
            Stmt.Command init = command("init uniform(-0.5, 0.5) seed=1", "init");
            Expr.Call u = assertInstanceOf(Expr.Call.class, init.args().get(0));
            assertEquals(2, u.args().size());
            assertEquals(-0.5, literal(u.args().get(0)).scalar());
            assertEquals("seed", option(init, 1).key());
            Stmt.Command t = command("train xor epochs=100 lr=0.5 shuffle", "train");
            assertEquals("xor", ((Ref) t.args().get(0)).name());
            assertEquals("shuffle", ((Ref) t.args().get(3)).name());
            assertEquals(2, command("freeze b0 b1", "freeze").args().size());
            assertTrue(command("unfreeze", "unfreeze").args().isEmpty());
            assertEquals(2, literal(command("predict [1, 0]", "predict").args().get(0)).size());
            assertEquals("loss", ((Ref) command("plot loss", "plot").args().get(0)).name());
            assertEquals("net.nn", ((Str) command("save \"net.nn\"", "save").args().get(0)).text());
            assertEquals("seed.nn", ((Str) command("run \"seed.nn\"", "run").args().get(0)).text());
        }

        @Test
        void dataSources() {
            Stmt.Data inline = one("data xor = [[0,0] -> [0], [0,1] -> [1], [1,0] -> [1], [1,1] -> [0]]", Stmt.Data.class);
            Stmt.DataSource.Inline in = assertInstanceOf(Stmt.DataSource.Inline.class, inline.source());
            assertEquals(4, in.inputs().size());
            assertArrayEquals(new double[] {0, 1}, in.inputs().get(1).values());
            assertArrayEquals(new double[] {1}, in.targets().get(1).values());
            Stmt.Data file = one("data iris = csv \"iris.csv\" target=species onehot", Stmt.Data.class);
            Stmt.DataSource.FromFile f = assertInstanceOf(Stmt.DataSource.FromFile.class, file.source());
            assertEquals("iris.csv", f.file().text());
            assertEquals("species", ((Option) f.args().get(0)).text());
            Stmt.Data gen = one("data big = random(rows=100, inputs=4, classes=3)", Stmt.Data.class);
            Stmt.DataSource.Generated g = assertInstanceOf(Stmt.DataSource.Generated.class, gen.source());
            assertEquals(3, g.call().args().size());
        }

        @Test
        void keywordsAreWordsWhereAWordIsExpected() {
            assertEquals("layer", ((Word) command("help layer", "help").args().get(0)).text());
            assertEquals("target", one("data d = csv \"d.csv\" target=target", Stmt.Data.class).source() instanceof Stmt.DataSource.FromFile ff
                    ? ((Option) ff.args().get(0)).key() : null);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    @Nested
    class Layout {

        @Test
        void separatorsCommentsAndBlankLines() {
            String text = """
                    # a comment line
                    layer relu 3->2   # trailing comment
                    // another comment style

                    input [1, 2, 3]; target 0 ; forward
                    """;
            List<Stmt> s = ok(text);
            assertEquals(4, s.size());
            assertEquals(2, s.get(0).pos().line());
            assertEquals(5, s.get(3).pos().line());
            assertEquals(29, s.get(3).pos().column());
        }

        @Test
        void windowsLineEndings() {
            assertEquals(3, ok("forward\r\nbackward\r\nupdate lr=0.1\r\n").size());
        }

        @Test
        void emptyAndCommentOnlyTexts() {
            assertTrue(ok("").isEmpty());
            assertTrue(ok("\n\n# nothing\n").isEmpty());
        }

        @Test
        void aBracketLeftOpenContinuesOnTheNextLine() {
            List<Stmt> s = ok("W0 = [[0.2, -1.2, 0.9],\n      [-0.5, -1.2, 0.3]]\nforward");
            assertEquals(2, s.size());
            Literal w = literal(((Stmt.Assign) s.get(0)).value());
            assertEquals(2, w.rows());
            assertEquals(3, s.get(1).pos().line());
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    @Nested
    class Numbers {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "0.5 | 0.5", ".5 | 0.5", "-1.2 | -1.2", "−1.2 | -1.2", "+3 | 3", "1e-3 | 0.001", "1E+2 | 100", "2.5e1 | 25",
            "1e−3 | 0.001", "7/10 | 0.7", "-7/10 | -0.7", "1/-4 | -0.25", "0 | 0", "3. | 3"})
        void scalars(String written, double expected) {
            Literal v = value(written);
            assertEquals(Literal.Form.SCALAR, v.form());
            assertEquals(expected, v.scalar(), 0.0);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "0.526 | 3", "0.5 | 1", ".5 | 1", "0 | -1", "12 | -1", "1e-3 | 3", "1.5e-3 | 4", "7/10 | -1", "0.50 | 2", "−0.144 | 3"})
        void decimalsAsWrittenForExpectsDefaultTolerance(String written, int decimals) {
            assertEquals(decimals, value(written).decimals()[0]);
        }

        @Test
        void otherMinusSignsFromDocuments() {
            for (String minus : List.of("\u2212", "\u2013", "\u2012", "\uFE63", "\uFF0D")) {
                assertEquals(-0.5, value(minus + "0.5").scalar(), 0.0, "minus " + minus);
            }
        }

        @Test
        void numberTooLarge() {
            Diagnostic d = error("x = 1e400");
            at(d, 1, 5);
            assertEquals("number too large: 1e400", d.message());
        }

        @Test
        void tinyNumbersAreNotAnError() {
            assertEquals(1e-300, value("1e-300").scalar(), 0.0);
        }

        @Test
        void divisionByZero() {
            Diagnostic d = error("x = 1/0");
            at(d, 1, 5);
            assertTrue(d.message().startsWith("division by zero"), d.message());
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    @Nested
    class Values {

        @Test
        void vectorWithCommasSpacesAndTrailingComma() {
            for (String written : List.of("[0.9, 0.2, 0.5]", "[0.9 0.2 0.5]", "[0.9, 0.2, 0.5,]", "[ 0.9 ,0.2,0.5 ]")) {
                Literal v = value(written);
                assertEquals(Literal.Form.VECTOR, v.form(), written);
                assertArrayEquals(new double[] {0.9, 0.2, 0.5}, v.values(), written);
            }
        }

        @Test
        void negativeNumbersInSpaceSeparatedRows() {
            Literal v = value("[0.2 -1.2 0.9]");
            assertArrayEquals(new double[] {0.2, -1.2, 0.9}, v.values());
        }

        @Test
        void nestedListMatrix() {
            Literal m = value("[[0.2, -1.2, 0.9], [-0.5, -1.2, 0.3]]");
            assertEquals(Literal.Form.MATRIX, m.form());
            assertEquals(2, m.rows());
            assertEquals(3, m.cols());
            assertArrayEquals(new double[] {0.2, -1.2, 0.9, -0.5, -1.2, 0.3}, m.values());
        }

        @Test
        void matlabRowsWithSemicolons() {
            Literal m = value("[0.2 -1.2 0.9; -0.5 -1.2 0.3]");
            assertEquals(2, m.rows());
            assertEquals(3, m.cols());
            assertArrayEquals(new double[] {0.2, -1.2, 0.9, -0.5, -1.2, 0.3}, m.values());
            Literal c = value("[0.2, -1.2, 0.9; -0.5, -1.2, 0.3]");
            assertArrayEquals(m.values(), c.values());
        }

        @Test
        void matlabRowsOnSeparateLines() {
            Literal m = value("[0.2 -1.2 0.9\n     -0.5 -1.2 0.3]");
            assertEquals(Literal.Form.MATRIX, m.form());
            assertEquals(2, m.rows());
            assertArrayEquals(new double[] {0.2, -1.2, 0.9, -0.5, -1.2, 0.3}, m.values());
            // a trailing ';' at the end of a line is the same row break written twice: still two rows
            assertEquals(2, value("[1 2;\n 3 4]").rows());
        }

        @Test
        void commasMakeOneVectorEvenAcrossLines() {
            Literal v = value("[0.9,\n 0.2,\n 0.5]");
            assertEquals(Literal.Form.VECTOR, v.form());
            assertEquals(3, v.size());
        }

        @Test
        void columnVector() {
            Literal c = value("[0.9; 0.2; 0.5]");
            assertEquals(Literal.Form.MATRIX, c.form());
            assertEquals(3, c.rows());
            assertEquals(1, c.cols());
            assertArrayEquals(new double[] {0.9, 0.2, 0.5}, c.values());
            Literal nested = value("[[0.9], [0.2], [0.5]]");
            assertEquals(3, nested.rows());
            assertEquals(1, nested.cols());
        }

        @Test
        void latexMatrices() {
            for (String env : List.of("bmatrix", "pmatrix", "matrix", "vmatrix", "bmatrix*")) {
                Literal m = value("\\begin{" + env + "} 0.2 & -1.2 & 0.9 \\\\ -0.5 & -1.2 & 0.3 \\end{" + env + "}");
                assertEquals(2, m.rows(), env);
                assertEquals(3, m.cols(), env);
                assertArrayEquals(new double[] {0.2, -1.2, 0.9, -0.5, -1.2, 0.3}, m.values(), env);
            }
            Literal column = value("\\begin{bmatrix} 0.9 \\\\ 0.2 \\\\ 0.5 \\end{bmatrix}");
            assertEquals(3, column.rows());
            assertEquals(1, column.cols());
            Literal multiLine = value("\\begin{bmatrix}\n 0.2 & -1.2 \\\\\n -0.5 & 0.3 \\\\\n\\end{bmatrix}");
            assertEquals(2, multiLine.rows());
            assertEquals(2, multiLine.cols());
        }

        @Test
        void fractionsInsideValues() {
            assertArrayEquals(new double[] {0.5, 0.25}, value("[1/2, 1/4]").values());
        }

        @Test
        void raggedRowsEveryNotation() {
            Diagnostic d = error("W0 = [[1, 2], [3]]");
            at(d, 1, 6);
            assertEquals("row 2 has 1 number but row 1 has 2", d.message());
            at(error("W0 = [1 2; 3]"), 1, 6);
            at(error("W0 = [1 2\n 3]"), 1, 6);
            Diagnostic latex = error("W0 = \\begin{bmatrix} 1 & 2 \\\\ 3 \\end{bmatrix}");
            at(latex, 1, 6);
            assertEquals("row 2 has 1 number but row 1 has 2", latex.message());
        }

        @Test
        void emptyAndMixedBrackets() {
            Diagnostic empty = error("x = []");
            at(empty, 1, 5);
            assertTrue(empty.message().startsWith("empty brackets"));
            Diagnostic mixed = error("x = [[1, 2], 3]");
            at(mixed, 1, 5);
            assertTrue(mixed.message().startsWith("mixed numbers and brackets"));
        }

        @Test
        void bracketsThreeDeep() {
            Diagnostic d = error("x = [[[1, 2]], [[3, 4]]]");
            assertTrue(d.message().contains("nested three deep"), d.message());
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    @Nested
    class Names {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "w100 | w100", "w_{100} | w_100", "w_100 | w_100", "h_{pre,0} | h_pre,0", "h_pre | h_pre", "W_{out} | W_out",
            "∂E/∂w100 | dE/dw100", "dE/dw_{100} | dE/dw_100", "∂E/∂h_{pre} | dE/dh_pre", "do/do_pre | do/do_pre",
            "μ | μ", "η | η", "σ | σ", "b_{hid} | b_hid", "b_{\\text{hid}} | b_hid", "h_{\\text{pre},0} | h_pre,0",
            "W_{\\mathrm{out}} | W_out", "dE/dh_{\\text{pre}} | dE/dh_pre", "\\mu | mu", "\\eta | eta"})
        void normalisedNames(String written, String name) {
            Ref r = (Ref) one("show " + written, Stmt.Command.class).args().get(0);
            assertEquals(name, r.name());
            assertEquals(written, r.text());
            assertEquals(6, r.pos().column());
        }

        @Test
        void pastedDisplayMathKeepsOnlyTheStatement() {
            // eq. (2) and (6) of the reference as printed: the $$ delimiters and \tag{n} read as spaces
            Stmt.Assign b = one("$$b_{\\text{hid}} = \\begin{bmatrix} -0.1 \\\\ 0.2 \\end{bmatrix} \\tag{2}$$", Stmt.Assign.class);
            assertEquals("b_hid", b.target().name());
            assertArrayEquals(new double[] {-0.1, 0.2}, literal(b.value()).values());
            assertEquals(3, b.target().pos().column());
            assertArrayEquals(new double[] {0}, literal(one("$$y = 0 \\tag{6}$$", Stmt.Assign.class).value()).values());
            assertEquals("mu", one("$$\\mu = 0.1 \\tag{17}$$", Stmt.Assign.class).target().name());
            assertEquals("mu", ((Option) one("step \\mu=0.1", Stmt.Command.class).args().get(0)).name().text());
            // a '$' inside a file name is still part of the name
            assertEquals("a$b.nn", ((Str) one("run \"a$b.nn\"", Stmt.Command.class).args().get(0)).text());
        }

        @Test
        void indexes() {
            Ref r = (Ref) one("show dE/dW0[1, 2]", Stmt.Command.class).args().get(0);
            assertEquals("dE/dW0", r.name());
            assertEquals(List.of(1, 2), r.index());
            Diagnostic d = error("show W0[1.5, 0]");
            at(d, 1, 9);
            assertEquals("an index must be a whole number, not 1.5", d.message());
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    @Nested
    class Errors {

        @Test
        void unknownStatementSuggestsTheKeyword() {
            Diagnostic d = error("lyer relu 3->2");
            at(d, 1, 1);
            assertEquals("unknown statement 'lyer'", d.message());
            assertEquals("did you mean layer?", d.hint());
            assertEquals(4, d.pos().length());
            Diagnostic f = error("show x\n  forwrd now");
            at(f, 2, 3);
            assertEquals("unknown statement 'forwrd'", f.message());
            assertEquals("did you mean forward?", f.hint());
            Diagnostic after = error("forward; lyaer relu 3->2");
            at(after, 1, 10);
            assertEquals("did you mean layer?", after.hint());
        }

        @Test
        void aWordAfterACompleteStatementIsNotAnUnknownStatement() {
            Diagnostic d = error("forward now");
            at(d, 1, 9);
            assertEquals("unexpected 'now' after forward", d.message());
        }

        @Test
        void missingValue() {
            Diagnostic d = error("W0 =");
            at(d, 1, 5);
            assertEquals("unexpected end of input; expected a value (a number, [ ], a name or an expression)", d.message());
            Diagnostic input = error("input\nforward");
            at(input, 1, 1);
            assertEquals("input needs a value or expression (VALUE)", input.message());
            Diagnostic tol = error("expect o = 0.5 ±");
            at(tol, 1, 17);
            assertTrue(tol.message().endsWith("expected a number"), tol.message());
        }

        @Test
        void pastedDefinitionWithNamesSaysWhichPartToKeep() {
            Diagnostic d = error("$$W_0 = \\begin{bmatrix} w_{000} & w_{001} \\\\ w_{010} & w_{011} \\end{bmatrix}"
                    + " = \\begin{bmatrix} 0.2 & -1.2 \\\\ -0.5 & -1.2 \\end{bmatrix}$$ \\tag{1}");
            at(d, 1, 25);
            assertEquals("unexpected 'w_{000}'; expected a number", d.message());
            assertEquals("the names are the document's notation; keep the part with the numbers: "
                    + "W_0 = \\begin{bmatrix} 0.2 & -1.2 \\\\ -0.5 & -1.2 \\end{bmatrix}", d.hint());
            // a chain of names and a value is an equation of its own: b_out is b10, both -0.1
            Stmt.Assign chained = one("b_{\\text{out}} = b_{10} = -0.1", Stmt.Assign.class);
            assertEquals("b_out", chained.target().name());
            assertEquals("b_10", ((Ref) chained.chain().get(0)).name());
            Diagnostic alone = error("W0 = \\begin{bmatrix} w_{000} & 1 \\end{bmatrix}");
            assertTrue(alone.hint().startsWith("a matrix holds numbers"), alone.hint());
        }

        @Test
        void equationNumbersAreNamed() {
            // as pasted from a document: on a line of its own, or after an equation
            assertEquals("1", one("(1)", Stmt.EquationNumber.class).number());
            assertEquals(0, literal(one("y = 0 (6)", Stmt.Assign.class).value()).scalar());
            assertEquals(0.5, one("expect o = 0.5 (10)", Stmt.Expect.class).value().scalar());
        }

        @Test
        void aLineThatCannotStartAStatementDoesNotHideTheLinesAfterIt() {
            // ANTLR used to give up at such a line after another error: (2), ']' and lyer went unreported
            ParseResult r = checked("(1)\n(2)\nshow x\n]\n¤\nlyer relu 3->2\nforward now\n(x, 2)");
            List<String> where = r.errors().stream().map(d -> d.pos().line() + ":" + d.pos().column() + " " + d.message())
                    .collect(Collectors.toList());
            String statement = "expected a statement (layer, input, target, forward, show, ... `help` lists them) or NAME = VALUE";
            // (1) and (2) on lines of their own are equation numbers, as pasted: no error
            assertEquals(List.of("4:1 ']' without a matching opening bracket", "5:1 unexpected character '¤' (U+00A4)",
                    "6:1 unknown statement 'lyer'", "7:9 unexpected 'now' after forward", "8:3 unexpected ','; expected ')'"), where);
            assertEquals("t.nn", r.errors().get(3).pos().source().origin());
            assertEquals("forward now", r.errors().get(3).pos().lineText());
            assertTrue(r.statements().isEmpty());
        }

        @Test
        void missingWordsSayWhatKind() {
            // a bare `loss` is a name (the loss E, as the reference writes "loss = E"); a loss statement needs a word
            assertEquals("loss takes a word (NAME) here, not 2", error("loss 2").message());
            assertTrue(error("layer").message().endsWith("expected an activation (linear, relu, leaky_relu, sigmoid, tanh, softmax)"));
            assertEquals("show needs a name (NAME)", error("show").message());
            assertEquals("precision needs numbers (DIGITS)", error("precision").message());
            assertEquals("trace needs on or off", error("trace").message());
        }

        @Test
        void layerShapeWithoutArrow() {
            Diagnostic d = error("layer relu 3 2");
            at(d, 1, 14);
            assertEquals("unexpected number 2; expected '->'", d.message());
            assertEquals("a layer's shape is written fan-in->size, e.g. 3->2", d.hint());
        }

        @Test
        void layerSizesAreWholeNumbers() {
            Diagnostic d = error("layer relu 3->2.5");
            at(d, 1, 15);
            assertEquals("a layer's size must be a whole number, not 2.5", d.message());
            Diagnostic big = error("layer relu 99999999999->2");
            at(big, 1, 12);
            assertEquals("that is too large", big.hint());
        }

        @Test
        void unclosedBracketIsIncompleteNotAnError() {
            ParseResult r = parse("W0 = [[0.2, -1.2, 0.9],\n      [-0.5, -1.2, 0.3]");
            assertTrue(r.incomplete(), "the REPL asks for more lines");
            assertFalse(r.ok());
            assertTrue(r.statements().isEmpty());
            // where a script ends there, the one message points at the bracket still open
            assertEquals(1, r.errors().size(), () -> r.errors().toString());
            Diagnostic d = r.errors().get(0);
            assertEquals("this bracket is never closed", d.message());
            assertEquals("1:6", d.pos().line() + ":" + d.pos().column());
            assertTrue(Parser.incomplete("x = [1, 2,\n"));
            assertTrue(Parser.incomplete("W0 = \\begin{bmatrix} 1 & 2 \\\\"));
            assertFalse(Parser.incomplete("x = [1, 2]"));
            assertFalse(Parser.incomplete("x = [1, 2]]"));
        }

        @Test
        void unclosedBracketAfterOtherErrorsKeepsThem() {
            ParseResult r = parse("lyer relu 3->2\nx = [1, 2");
            assertTrue(r.incomplete());
            assertEquals(2, r.errors().size(), () -> r.errors().toString());
            assertEquals("unknown statement 'lyer'", r.errors().get(0).message());
            assertEquals(2, r.errors().get(1).pos().line());
        }

        @Test
        void unmatchedClosingBracket() {
            Diagnostic d = error("x = [1, 2]]");
            at(d, 1, 11);
            assertEquals("']' without a matching opening bracket", d.message());
            at(error("x = 1]"), 1, 6);
        }

        @Test
        void badCharacters() {
            Diagnostic d = error("x = 3 ¤ 4");
            at(d, 1, 7);
            assertEquals("unexpected character '¤' (U+00A4)", d.message());
            Diagnostic times = error("layer relu 3×2");
            at(times, 1, 13);
            assertEquals("unexpected '×'; expected '->'", times.message());
            assertTrue(times.hint().contains("3->2"));
            Diagnostic quote = error("save “net.nn”");
            at(quote, 1, 6);
            assertTrue(quote.hint().contains("straight quotes"));
        }

        @Test
        void extraTokensAfterAStatement() {
            Diagnostic d = error("input [1, 2] 3");
            at(d, 1, 14);
            assertEquals("unexpected '3' after input", d.message());
            at(error("step 0.1"), 1, 6);
        }

        @Test
        void negativeTolerance() {
            Diagnostic d = error("expect o = 0.5 ± -0.1");
            at(d, 1, 18);
            assertEquals("a tolerance cannot be negative", d.message());
        }

        @Test
        void everyErrorOfAFileIsReportedInOrder() {
            String text = String.join("\n",
                    "lyer relu 3->2",            // 1:1 unknown statement
                    "layer relu 3->2",           // fine
                    "forward now",               // 3:9 extra word
                    "x = [1, 2]]",               // 4:11 unmatched ]
                    "y = @",                     // 5:5 bad character
                    "W0 = [[1, 2], [3]]",        // 6:6 ragged
                    "b0 = 1e400",                // 7:6 too large
                    "show",                      // 8:5 missing name
                    "backward");
            ParseResult r = checked(text);
            List<String> where = r.errors().stream().map(d -> d.pos().line() + ":" + d.pos().column()).collect(Collectors.toList());
            assertEquals(List.of("1:1", "3:9", "4:11", "5:5", "6:6", "7:6", "8:1"), where, () -> r.errors().toString());
            assertTrue(r.statements().isEmpty(), "nothing of a file with syntax errors runs");
            assertFalse(r.incomplete());
        }

        @Test
        void linesAreNumberedFromTheSourcesFirstLine() {
            ParseResult r = Parser.parse(new Source("<repl>", "forward (", 7));
            assertEquals(7, r.errors().get(0).pos().line());
            assertEquals("forward (", r.errors().get(0).pos().lineText());
        }

        @Test
        void errorsKnowTheirFileAndLineText() {
            Diagnostic d = Parser.parse(new Source("ex.nn", "forward\nlyer relu 3->2")).errors().get(0);
            assertEquals("ex.nn:2:1", d.pos().where());
            assertEquals("lyer relu 3->2", d.pos().lineText());
        }
    }

    @org.junit.jupiter.api.Test
    void toleranceOnlyWithEquals() {
        var r = nn.lang.Parser.parse(new nn.lang.Source("t.nn", "expect E < 0.5 ± 0.01"));
        org.junit.jupiter.api.Assertions.assertEquals(1, r.errors().size());
        var d = r.errors().get(0);
        org.junit.jupiter.api.Assertions.assertEquals(1, d.pos().line());
        org.junit.jupiter.api.Assertions.assertEquals(16, d.pos().column());
        org.junit.jupiter.api.Assertions.assertEquals("a tolerance (±) belongs to `=` only; `<` compares exactly", d.message());
        org.junit.jupiter.api.Assertions.assertTrue(nn.lang.Parser.parse(new nn.lang.Source("t.nn", "expect E = 0.5 ± 0.01")).ok());
    }
}
