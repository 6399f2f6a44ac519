package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line through Main.run with byte streams: exit codes, -e, scripts, standard input, messages. */
class MainTest {

    /** What one run printed and returned. */
    record Result(int code, String out, String err) {
        @Override public String toString() { return "exit " + code + "\n--- out\n" + out + "--- err\n" + err; }
    }

    static Result piped(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), o, e, false);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Result run(String... args) { return piped("", args); }

    static void noJavaTrace(Result r) {
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r::toString);
    }

    @Test
    void helpAndVersion() {
        Result help = run("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().startsWith("usage: nn"), help::toString);
        assertTrue(help.out().contains("exit status"));
        Result version = run("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().matches("nn \\d+\\.\\d+\\.\\d+\\R"), version::toString);
    }

    @Test
    void usageErrorsExit64() {
        Result bogus = run("--bogus");
        assertEquals(64, bogus.code(), bogus::toString);
        assertTrue(bogus.err().contains("unknown option --bogus"));
        assertTrue(bogus.err().contains("nn --help"));
        Result dangling = run("-e");
        assertEquals(64, dangling.code());
        assertTrue(dangling.err().contains("-e needs statements after it"));
    }

    @Test
    void unreadableScriptExits66(@TempDir Path dir) {
        Result missing = run(dir.resolve("nope.nn").toString());
        assertEquals(66, missing.code(), missing::toString);
        assertTrue(missing.err().contains("no such file"), missing::toString);
        Result folder = run(dir.toString());
        assertEquals(66, folder.code());
        assertTrue(folder.err().contains("is a folder"), folder::toString);
        noJavaTrace(folder);
    }

    @Test
    void inlineStatements() {
        Result r = run("-e", "layer relu 3->2; show net");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("relu"), r::toString);
        assertTrue(r.out().contains("3->2"));
        assertTrue(r.out().contains("2×3"));
        assertTrue(r.out().contains("total 8 parameters"), r::toString);
        assertEquals("", r.err());
    }

    @Test
    void severalInlineArgumentsShareOneSession() {
        Result r = run("-e", "layer linear 1->1; W0 = [[2]]; b0 = [1]", "-e", "input [3]; forward");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("o = 7"), r::toString);
    }

    @Test
    void syntaxErrorsExit2AndNothingRuns() {
        Result r = run("-e", "layer relu 3->2\nshow net\nlyer sigmoid 2->1\nforward now\nx = [1, 2]]");
        assertEquals(2, r.code(), r::toString);
        assertEquals("", r.out(), "nothing ran");
        assertTrue(r.err().contains("-e:3:1: syntax error: unknown statement 'lyer'"), r::toString);
        assertTrue(r.err().contains("hint: did you mean layer?"));
        assertTrue(r.err().contains("-e:4:9: syntax error: unexpected 'now' after forward"), r::toString);
        assertTrue(r.err().contains("-e:5:11: syntax error: ']' without a matching opening bracket"), r::toString);
        // the source line and a caret under the column
        assertTrue(r.err().contains("    forward now\n            ^~~"), r::toString);
    }

    @Test
    void anUnclosedBracketAtTheEndOfAScriptIsASyntaxError() {
        Result r = run("-e", "x = [1, 2,\n 3");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("-e:1:5: syntax error: this bracket is never closed"), r::toString);
    }

    @Test
    void runtimeErrorExits1AndStopsTheScript(@TempDir Path dir) throws IOException {
        Path script = dir.resolve("bad.nn");
        Files.writeString(script, "layer relu 3->2\nW0 = [[1, 2], [3, 4], [5, 6]]\nshow net\n");
        Result r = run(script.toString());
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains(script + ":2:6: error: W0 must be 2×3, but a 3×2 matrix is given"), r::toString);
        assertTrue(r.err().contains("this looks transposed"));
        assertFalse(r.out().contains("total"), "the script stopped at the error");
        noJavaTrace(r);
        Result going = run("--keep-going", script.toString());
        assertEquals(1, going.code());
        assertTrue(going.out().contains("total 8 parameters"), going::toString);
    }

    /**
     * `nn key.nn | head -1`: once standard output's reader is gone nothing more runs (no file is written by a later
     * `save`), nothing more is printed, and the exit status is the shell's for SIGPIPE.
     */
    @Test
    void closedStandardOutputStopsTheScript(@TempDir Path dir) throws IOException {
        Path script = dir.resolve("key.nn");
        Path saved = dir.resolve("after.nn");
        Files.writeString(script, "layer relu 2->1\nshow W0\nshow b0\nsave \"" + saved + "\"\n");
        java.io.OutputStream gone = new java.io.OutputStream() {
            @Override public void write(int b) throws IOException { throw new IOException("Broken pipe"); }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {script.toString()}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(gone, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        assertEquals(Main.OUTPUT_CLOSED, code);
        assertFalse(Files.exists(saved), "the save after the closed output did not run");
        assertEquals("", err.toString(StandardCharsets.UTF_8), "no interruption notes once output is gone");
    }

    @Test
    void aFailedExpectExits1ButTheScriptGoesOn() {
        Result r = run("-e", "layer linear 1->1; W0 = [[1]]; b0 = [0]; input [2]; forward; expect o = 3; expect o = 2; show W0");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("-e:1:"), r::toString);
        assertTrue(r.err().contains("expect failed: o = 3"), r::toString);
        assertTrue(r.err().contains("expected: 3"), r::toString);
        assertTrue(r.err().contains("actual:"));
        assertTrue(r.out().contains("✓ o = 2") || r.out().contains("ok o = 2"), r::toString);
        assertTrue(r.out().contains("W0 = "), "the statements after the failed expect ran");
        assertTrue(r.err().contains("1 expect failed (1 passed)"), r::toString);
    }

    @Test
    void aFailedRelationalExpectShowsTheBoundWithItsRelation() {
        Result r = run("-e", "layer linear 1->1; W0 = [[1]]; b0 = [0]; input [2]; forward; expect o < 0.5; expect o >= 3");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("expected: < 0.5\n"), r::toString);
        assertTrue(r.err().contains("expected: >= 3\n"), r::toString);
        assertTrue(r.err().contains("actual:   2\n"), r::toString);
    }

    @Test
    void aFailedExpectDoesNotStopTheNextScript(@TempDir Path dir) throws IOException {
        Path first = dir.resolve("first.nn");
        Path second = dir.resolve("second.nn");
        Files.writeString(first, "layer linear 1->1\nW0 = [[1]]\nb0 = [0]\ninput [2]\nforward\nexpect o = 5\n");
        Files.writeString(second, "show W0\n");
        Result r = run(first.toString(), second.toString());
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.out().contains("W0 = [[1]]"), r::toString);
    }

    @Test
    void standardInputIsAScript() {
        Result r = piped("layer relu 3->2\nshow net\n");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("total 8 parameters"), r::toString);
        Result bad = piped("forward now\n");
        assertEquals(2, bad.code(), bad::toString);
        assertTrue(bad.err().contains("<stdin>:1:9: syntax error"), bad::toString);
        Result dash = piped("show net\n", "-e", "layer relu 3->2", "-");
        assertEquals(0, dash.code(), dash::toString);
        assertTrue(dash.out().contains("total 8 parameters"), dash::toString);
    }

    @Test
    void standardInputIsNotReadWhenScriptsAreGiven() {
        Result r = piped("lyer nonsense\n", "-e", "layer relu 3->2");
        assertEquals(0, r.code(), r::toString);
    }

    @Test
    void exitStopsTheScript() {
        Result r = run("-e", "layer relu 3->2; exit; show nothing");
        assertEquals(0, r.code(), r::toString);
    }

    @Test
    void theReferenceExampleRunsClean() {
        Result r = run("samples/seed.nn");
        assertEquals(0, r.code(), r::toString);
        assertEquals("", r.err());
        assertTrue(r.out().contains("o = 0.526"));
        assertTrue(r.out().contains("E = 0.138"));
        assertTrue(r.out().contains("E = 0.135"));
    }
}
