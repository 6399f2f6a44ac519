package nn.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nn.cli.Main;
import nn.lang.Diagnostic;
import nn.lang.NnError;
import nn.lang.ParseResult;
import nn.lang.Parser;
import nn.lang.Pos;
import nn.lang.Source;
import nn.lang.Stmt;
import nn.session.Output;
import nn.session.Session;
import nn.session.SourceFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files: every way reading one can fail gets its own clear message, on the command line and through `run`. */
class FileProblemsTest {
    @TempDir Path dir;
    private final Session session = new Session();
    private final List<Output> outputs = new ArrayList<>();

    private static NnError unreadable(Path p) {
        NnError e = assertThrows(NnError.class, () -> SourceFiles.read(p, Pos.NONE));
        assertEquals(Diagnostic.Kind.IO, e.diagnostic().kind());
        return e;
    }

    private void run(String text) {
        ParseResult r = Parser.parse(new Source("<test>", text));
        assertTrue(r.ok(), () -> r.errors().toString());
        for (Stmt s : r.statements()) session.execute(s, outputs::add);
    }

    /** `run "file"` fails with an IO diagnostic at the file name, and changes nothing. */
    private NnError runFails(Path file) {
        Map<String, String> before = Fingerprint.of(session.state());
        NnError e = assertThrows(NnError.class, () -> run("run \"" + file + "\""));
        assertEquals(List.of(), Fingerprint.changed(before, Fingerprint.of(session.state())));
        assertTrue(e.diagnostic().pos().known() && e.diagnostic().pos().column() == 5, "the error points at the file name");
        return e;
    }

    @Test
    void missingFileSaysSoAndSuggestsANeighbour() throws IOException {
        Files.writeString(dir.resolve("seed.nn"), "precision 3\n");
        NnError e = unreadable(dir.resolve("sed.nn"));
        assertEquals("no such file: " + dir.resolve("sed.nn"), e.getMessage());
        assertTrue(e.diagnostic().hint() != null && e.diagnostic().hint().contains("seed.nn"), String.valueOf(e.diagnostic().hint()));
        runFails(dir.resolve("sed.nn"));
        Cli c = Cli.run(dir.resolve("sed.nn").toString());
        assertEquals(Main.NO_INPUT, c.code());
        assertTrue(c.err().contains("no such file") && c.noStackTrace(), c.toString());
    }

    @Test
    void aFolderIsNotAFile() {
        assertEquals(dir + " is a folder, not a file", unreadable(dir).getMessage());
        runFails(dir);
        assertEquals(Main.NO_INPUT, Cli.run(dir.toString()).code());
    }

    // a file without read permission: ProcessIT.aFileWithoutReadPermission (as root, it runs nn as another user)

    /** A file the kernel refuses to read (as root too): an I/O error, reported as such. */
    @Test
    void aFileThatFailsToRead() {
        Path mem = Path.of("/proc/self/mem");
        assumeTrue(Files.exists(mem), "needs Linux /proc");
        String m = unreadable(mem).getMessage();
        assertTrue(m.startsWith("cannot read /proc/self/mem: "), m);
    }

    @Test
    void binaryGarbage() throws IOException {
        Path f = dir.resolve("model.nn");
        byte[] garbage = new byte[4096];
        new java.util.Random(3).nextBytes(garbage);
        garbage[100] = 0;
        Files.write(f, garbage);
        assertEquals(f + " is a binary file, not text", unreadable(f).getMessage());
        runFails(f);
        Cli c = Cli.run(f.toString());
        assertEquals(Main.NO_INPUT, c.code());
        assertTrue(c.err().split("\n").length <= 2, "one clear message, not the garbage: " + c);
    }

    @Test
    void invalidUtf8() throws IOException {
        Path f = dir.resolve("latin1.nn");
        Files.write(f, "layer relu 3->2 as h\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        NnError e = unreadable(f);
        assertEquals(f + " is not valid UTF-8 text", e.getMessage());
        assertTrue(e.diagnostic().hint().contains("UTF-8"));
        runFails(f);
    }

    @Test
    void anEmptyFileRunsNothingAndSaysSo() throws IOException {
        Path f = dir.resolve("empty.nn");
        Files.writeString(f, "");
        Cli c = Cli.run(f.toString());
        assertEquals(Main.OK, c.code(), c.toString());
        assertTrue(c.err().contains(f + " is empty: nothing to run"), c.toString());
        run("run \"" + f + "\"");
        assertTrue(outputs.stream().anyMatch(o -> o instanceof Output.Warning w && w.text().contains("is empty")), outputs.toString());
    }

    @Test
    void aByteOrderMarkAndWindowsLineEndsAreFine() throws IOException {
        Path f = dir.resolve("win.nn");
        Files.write(f, "\uFEFFinput [1, 2]\r\nexpect x = [1, 2]\r\n".getBytes(StandardCharsets.UTF_8));
        Cli c = Cli.run(f.toString());
        assertEquals(Main.OK, c.code(), c.toString());
    }

    @Test
    void aScriptThatRunsItselfIsStoppedWithTheChain() throws IOException {
        Files.writeString(dir.resolve("self.nn"), "precision 5\nrun \"self.nn\"\n");
        outputs.clear();
        NnError e = runFails(dir.resolve("self.nn"));
        assertEquals(3, session.state().precision, "nothing of the script is kept");
        String nested = problems();
        assertTrue(nested.contains("run would run self.nn inside itself: self.nn → self.nn"), nested + " / " + e.getMessage());
    }

    @Test
    void aScriptThatRunsItselfThroughOthersIsStoppedWithTheChain() throws IOException {
        Files.writeString(dir.resolve("a.nn"), "precision 5\nrun \"b.nn\"\n");
        Files.writeString(dir.resolve("b.nn"), "run \"c.nn\"\n");
        Files.writeString(dir.resolve("c.nn"), "run \"a.nn\"\n");
        outputs.clear();
        runFails(dir.resolve("a.nn"));
        assertTrue(problems().contains("a.nn → b.nn → c.nn → a.nn"), problems());
        Cli c = Cli.run(dir.resolve("a.nn").toString());
        assertEquals(Main.FAILED, c.code());
        assertTrue(c.err().contains("a.nn → b.nn → c.nn → a.nn") && c.noStackTrace(), c.toString());
    }

    @Test
    void aScriptMayRunAnotherTwiceWithoutBeingARecursion() throws IOException {
        Files.writeString(dir.resolve("lib.nn"), "precision 4\n");
        Files.writeString(dir.resolve("main.nn"), "run \"lib.nn\"\nrun \"lib.nn\"\n");
        run("run \"" + dir.resolve("main.nn") + "\"");
        assertEquals(4, session.state().precision);
    }

    private String problems() {
        StringBuilder b = new StringBuilder();
        for (Output o : outputs) if (o instanceof Output.Problem p) b.append(p.diagnostic().message()).append('\n');
        return b.toString();
    }
}
