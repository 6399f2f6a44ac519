package nn.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nn.lang.Pos;
import org.junit.jupiter.api.Test;

/** samples/seed.nn reproduces the reference document through the session, and its values are the exact ones. */
class ReferenceExampleTest {

    static final double TOL = 1e-7;

    @Test
    void theSeedScriptRunsWithEveryExpectHolding() throws java.io.IOException {
        Session s = new Session();
        List<Output> out = new ArrayList<>();
        Session.Result r = s.run(SourceFiles.read(Path.of("samples/seed.nn"), Pos.NONE), out::add, false);
        assertFalse(r.syntaxErrors());
        assertEquals(0, r.errors(), () -> out.stream().filter(o -> o instanceof Output.Problem).toList().toString());
        assertEquals(0, s.failedExpects());
        long written = java.nio.file.Files.readAllLines(Path.of("samples/seed.nn")).stream().filter(l -> l.strip().startsWith("expect ")).count();
        assertTrue(written >= 35, "an expect after every number the document derives: " + written);
        assertEquals(written, s.passedExpects());
    }

    @Test
    void exactValuesOfTheReadme() {
        Harness h = Harness.seed().run("forward\nbackward");
        assertArrayEquals(new double[] {0.29, -0.34}, h.value("h_pre").data(), TOL);
        assertEquals(0.103, h.value("o_pre").scalar(), TOL);
        assertEquals(0.5257273, h.value("o").scalar(), TOL);
        assertEquals(0.1381946, h.value("E").scalar(), TOL);
        assertEquals(0.1310838, h.value("dE/do_pre").scalar(), TOL);
        assertArrayEquals(new double[] {0.0380143, 0}, h.value("dE/dW_out").data(), TOL);
        assertArrayEquals(new double[] {0.0917587, -0.1441922}, h.value("dE/dh").data(), TOL);
        assertArrayEquals(new double[] {0.0825828, 0.0183517, 0.0458793, 0, 0, 0}, h.value("dE/dW_hid").data(), TOL);
        h.run("update lr=0.1\nforward");
        assertEquals(0.5188346, h.value("o").scalar(), TOL);
        assertEquals(0.1345947, h.value("E").scalar(), TOL);
    }

    @Test
    void stepIsForwardBackwardUpdate() {
        Harness a = Harness.seed().run("step lr=0.1\nforward");
        Harness b = Harness.seed().run("forward\nbackward\nupdate lr=0.1\nforward");
        assertArrayEquals(b.value("W0").data(), a.value("W0").data(), 0.0);
        assertArrayEquals(b.value("W1").data(), a.value("W1").data(), 0.0);
        assertEquals(b.value("E").scalar(), a.value("E").scalar(), 0.0);
        Output.Shown before = (Output.Shown) Harness.seed().run("step lr=0.1").outputs.stream()
                .filter(o -> o instanceof Output.Shown).reduce((x, y) -> y).orElseThrow();
        assertEquals("E", before.label());
        assertEquals(0.1381946, before.value().scalar(), TOL, "step prints the loss before the update");
    }

    @Test
    void valuesAfterAnUpdateAreMarkedAsFromTheLastPass() {
        Harness h = Harness.seed().run("forward\nbackward\nupdate lr=0.1");
        h.run("show o");
        Output.Shown o = (Output.Shown) h.outputs.get(h.outputs.size() - 1);
        assertTrue(o.note() != null && o.note().contains("before the parameters changed"), o.note());
        assertEquals(0.5257273, o.value().scalar(), TOL);
        h.run("show w100");
        assertEquals(null, ((Output.Shown) h.outputs.get(h.outputs.size() - 1)).note());
    }
}
