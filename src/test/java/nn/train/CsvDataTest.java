package nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import nn.core.DataSet;
import nn.lang.Diagnostic;
import nn.session.Output;
import nn.testing.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading CSV files, and every way a CSV file can be wrong, reported at its line and column. */
class CsvDataTest {
    @TempDir Path dir;

    private Scripts.Run load(String csv, String options) throws Exception {
        Path f = dir.resolve("d.csv");
        Files.writeString(f, csv);
        return Scripts.run("data d = csv \"" + f.toString().replace("\\", "/") + "\" " + options + "\n");
    }

    private static Diagnostic problem(Scripts.Run r) {
        return r.all(Output.Problem.class).get(0).diagnostic();
    }

    @Test
    void headerTargetByNameAndOneHotClasses() throws Exception {
        Scripts.Run r = load("a,kind,b\n1,cat,2\n3,dog,4\n5,cat,6.5\n", "target=kind onehot");
        assertEquals(0, r.summary().errors(), r.problems().toString());
        DataSet d = (DataSet) r.session().state().datasets.get("d");
        assertEquals(3, d.rows);
        assertEquals(2, d.inputs);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6.5}, d.X, 0);
        assertEquals(java.util.List.of("cat", "dog"), d.classes);
        assertArrayEquals(new double[] {1, 0, 0, 1, 1, 0}, d.Y, 0);
        assertTrue(d.classification());
    }

    @Test
    void noHeaderTargetByIndexAndNumericClassesSortNumerically() throws Exception {
        Scripts.Run r = load("0.5,10,2\n1.5,9,1\n2.5,8,10\n", "target=2 onehot");
        DataSet d = (DataSet) r.session().state().datasets.get("d");
        assertEquals(3, d.rows);
        assertEquals(java.util.List.of("1", "2", "10"), d.classes);
        assertArrayEquals(new double[] {0, 1, 0, 1, 0, 0, 0, 0, 1}, d.Y, 0);
        Scripts.Run last = load("0.5,10,2\n1.5,9,1\n", "");
        DataSet n = (DataSet) last.session().state().datasets.get("d");
        assertArrayEquals(new double[] {2, 1}, n.Y, 0);
        assertArrayEquals(new double[] {0.5, 10, 1.5, 9}, n.X, 0);
    }

    @Test
    void quotedFields() throws Exception {
        Scripts.Run r = load("x,\"label, long\"\n1,\"a \"\"b\"\"\"\n2,c\n", "target=\"label, long\" onehot");
        DataSet d = (DataSet) r.session().state().datasets.get("d");
        assertEquals(java.util.List.of("a \"b\"", "c"), d.classes);
    }

    @Test
    void raggedRowIsReportedAtItsLine() throws Exception {
        Diagnostic p = problem(load("a,b,c\n1,2,3\n4,5\n7,8,9\n", ""));
        assertEquals(3, p.pos().line());
        assertTrue(p.message().contains("row has 2 values but the header has 3"), p.message());
        assertTrue(p.pos().origin().endsWith("d.csv"));
    }

    @Test
    void nonNumericValueIsReportedAtItsColumn() throws Exception {
        Diagnostic p = problem(load("a,b,c\n1,2,3\n4,x5,6\n", ""));
        assertEquals(3, p.pos().line());
        assertEquals(3, p.pos().column());
        assertTrue(p.message().contains("'x5' in column 'b' is not a number"), p.message());
    }

    @Test
    void classNamesWithoutOneHotGetAHint() throws Exception {
        Diagnostic p = problem(load("a,species\n1,setosa\n", "target=species"));
        assertTrue(p.hint().contains("onehot"), p.hint());
    }

    @Test
    void unknownTargetColumnSuggestsTheClosest() throws Exception {
        Diagnostic p = problem(load("width,species\n1,setosa\n2,versicolor\n", "target=specis onehot"));
        assertTrue(p.message().contains("no column named 'specis'"));
        assertTrue(p.hint().contains("species"), p.hint());
    }

    @Test
    void missingValueAndMissingFile() throws Exception {
        Diagnostic p = problem(load("a,b\n1,\n", ""));
        assertTrue(p.message().contains("missing value"), p.message());
        Scripts.Run r = Scripts.run("data d = csv \"" + dir.resolve("nope.csv").toString().replace("\\", "/") + "\"\n");
        assertTrue(r.problems().get(0).contains("no such file"), r.problems().toString());
    }

    @Test
    void inlineRowsMustShareAShape() {
        Scripts.Run r = Scripts.run("data d = [[0, 0] -> [0], [1] -> [1]]\n");
        assertTrue(r.problems().get(0).contains("the input of row 1"), r.problems().toString());
    }

    @Test
    void randomDataIsDeterministicAndSized() {
        DataSet a = (DataSet) Scripts.ok("data d = random(rows=100, inputs=7, classes=4, seed=3)\n").session().state().datasets.get("d");
        DataSet b = (DataSet) Scripts.ok("data d = random(rows=100, inputs=7, classes=4, seed=3)\n").session().state().datasets.get("d");
        assertArrayEquals(a.X, b.X, 0);
        assertArrayEquals(a.Y, b.Y, 0);
        assertEquals(4, a.outputs);
        assertTrue(a.classification());
        for (double v : a.X) assertTrue(v >= 0 && v < 1);
        assertTrue(Scripts.run("data d = random(rows=10, inputs=2)\n").problems().get(0).contains("classes=N"));
    }
}
