package nn.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nn.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --keep-going: every error and failed expect reported, then the summary line, and a non-zero exit. */
class KeepGoingTest {

    private static final String SCRIPT = """
            layer relu 2->2
            show nothere
            input [1, 2]
            expect x = [1, 2]
            expect x[0] = 5
            W0 = [1, 2, 3]
            layer sigmoid 3->1
            layer sigmoid 2->1
            target [1]
            forward
            expect E < 0
            expect E >= 0
            backward
            update
            """;

    @Test
    void reportsEveryErrorAndFailedExpectThenTheSummary(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("student.nn");
        Files.writeString(f, SCRIPT);
        Cli r = Cli.run("--keep-going", f.toString());
        // errors: show nothere, W0 = 3 numbers, layer 3->1, update without lr; failed expects: x[0] = 5, E < 0
        assertEquals(4, r.inErr(": error: "), r.toString());
        assertEquals(2, r.inErr(": expect failed: "), r.toString());
        assertTrue(r.err().strip().endsWith("14 statements run, 4 errors, 2 expects failed (2 passed)"), r.toString());
        assertEquals(Main.FAILED, r.code(), r.toString());
        assertTrue(r.noStackTrace(), r.toString());
    }

    @Test
    void expectsFailingAfterAFailedStatementPointToIt(@TempDir Path dir) throws IOException {
        // a refused W0 leaves the initial weights: the expects after it fail because of it, and say so
        Path f = dir.resolve("answer.nn");
        Files.writeString(f, """
                layer relu 3->2
                layer sigmoid 2->1
                input [0.9, 0.2, 0.5]
                expect x[0] = 0.7
                W0 = [[0.2, -1.2], [0.9, -0.5], [-1.2, 0.3]]
                forward
                expect x[0] = 0.9
                expect x[0] = 0.8
                """);
        Cli r = Cli.run("--keep-going", f.toString());
        assertEquals(2, r.inErr(": expect failed: "), r.toString());
        assertEquals(1, r.inErr("hint: line 5 failed earlier and changed nothing; this may follow from it"), r.toString());
        assertTrue(r.err().strip().endsWith("8 statements run, 1 error, 2 expects failed (1 passed)"), r.toString());
    }

    @Test
    void withoutKeepGoingTheFirstErrorStops(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("student.nn");
        Files.writeString(f, SCRIPT);
        Cli r = Cli.run(f.toString());
        assertEquals(1, r.inErr(": error: "), r.toString());
        assertEquals(0, r.inErr("expect failed"), r.toString());
        assertEquals(Main.FAILED, r.code());
    }

    @Test
    void onlyFailedExpectsStillExitNonZeroWithTheSummary() {
        Cli r = Cli.run("--keep-going", "-e", "input [1]; expect x = 2; expect x = 1; expect x > 3");
        assertEquals(2, r.inErr(": expect failed: "), r.toString());
        assertTrue(r.err().contains("4 statements run, 0 errors, 2 expects failed (1 passed)"), r.toString());
        assertEquals(Main.FAILED, r.code());
    }

    @Test
    void everythingPassingExitsZeroWithTheSummary() {
        Cli r = Cli.run("--keep-going", "-e", "input [1]; expect x = 1");
        assertTrue(r.err().contains("2 statements run, 0 errors, 0 expects failed (1 passed)"), r.toString());
        assertEquals(Main.OK, r.code(), r.toString());
    }

    /** Grading forty scripts: a broken one (syntax, unreadable) is reported and the others still run. */
    @Test
    void goesOnAcrossScriptsAndCountsUnreadableOnes(@TempDir Path dir) throws IOException {
        Path syntax = dir.resolve("a.nn");
        Files.writeString(syntax, "layer relu 3->\nlayer relu ->2\n");
        Path ok = dir.resolve("b.nn");
        Files.writeString(ok, "input [1]\nexpect x = 1\n");
        Cli r = Cli.run("--keep-going", syntax.toString(), dir.resolve("missing.nn").toString(), ok.toString());
        assertEquals(2, r.inErr("syntax error"), r.toString());
        assertTrue(r.err().contains("no such file"), r.toString());
        assertTrue(r.err().contains("✓") || r.out().contains("✓"), r.toString());
        assertTrue(r.err().contains("2 statements run, 3 errors, 0 expects failed (1 passed)"), r.toString());
        assertEquals(Main.SYNTAX, r.code(), r.toString());
    }
}
