package nn.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nn.core.DataSet;
import nn.core.Layer;
import nn.lang.Diagnostic;
import nn.lang.NnError;
import nn.lang.ParseResult;
import nn.lang.Parser;
import nn.lang.Pos;
import nn.lang.Source;
import nn.lang.Stmt;
import nn.session.Output;
import nn.session.Session;
import nn.text.Diagnostics;
import nn.text.Style;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 20, robustness second pass: each defect found by the hostile runs, as the input that found it. */
class SecondPassTest {
    private final Session session = new Session();
    private final List<Output> outputs = new ArrayList<>();

    private static ParseResult parse(String text) { return Parser.parse(new Source("<test>", text)); }

    private void run(String text) {
        ParseResult r = session.parse(new Source("<test>", text));
        assertTrue(r.errors().isEmpty(), () -> r.errors().toString());
        for (Stmt s : r.statements()) session.execute(s, outputs::add);
    }

    // ---- numbers ----

    /** Before: NumberFormatException out of the parser (exit 70), or a wrong tolerance (0e-2147483648 passed anything). */
    @ParameterizedTest
    @ValueSource(strings = {"w100 = 1e-99999999999", "x = 0e2147483648", "precision 0e2147483648", "expect o = 99e-2147483647",
            "expect o = 0e-2147483648", "input [1e99999, 2]", "x = 1.5e-2147483649", "x = -3e+99999999999999999999"})
    void anExponentBeyondAnIntIsASyntaxErrorNumberOutOfRange(String line) {
        ParseResult r = parse(line);
        assertEquals(1, r.errors().size(), () -> r.errors().toString());
        Diagnostic d = r.errors().get(0);
        assertEquals(Diagnostic.Kind.SYNTAX, d.kind());
        assertTrue(d.message().startsWith("number out of range"), d.message());
        assertTrue(d.pos().known() && d.pos().column() > 1, d.pos().toString());
    }

    @Test
    void exponentsWithinRangeStillRead() {
        run("x = 1e-400");
        run("y = 2.5e+3");
        run("expect y = 2500");
        run("expect x = 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"b0 = [1e308/1e-308]", "x = 1e308/1e-308", "input [-1e300/1e-300, 1]"})
    void aFractionThatOverflowsIsRefused(String line) {
        ParseResult r = parse(line);
        assertEquals(1, r.errors().size(), () -> r.errors().toString());
        assertTrue(r.errors().get(0).message().startsWith("number too large"), r.errors().get(0).message());
    }

    // ---- no parameter becomes non-finite ----

    @ParameterizedTest
    @ValueSource(strings = {"init uniform(-1e308, 1e308)", "init normal(0, 1e308)"})
    void anInitWhoseDrawsOverflowIsRefused(String init) {
        run("layer relu 2->3");
        Map<String, String> before = Fingerprint.of(session.state());
        assertThrows(NnError.class, () -> run(init));
        assertEquals(List.of(), Fingerprint.changed(before, Fingerprint.of(session.state())));
    }

    /** Before: W0 = -Infinity (sgd) or NaN (adam) after the statement succeeded, and save wrote an unloadable file. */
    @ParameterizedTest
    @ValueSource(strings = {"sgd", "adam", "momentum"})
    void anOverflowInTheLastUpdateOfTrainFailsTheStatement(String optimizer) {
        run("layer linear 1->1");
        run("data d = [[1e150]->[0], [1e150]->[0]]");
        Map<String, String> before = Fingerprint.of(session.state());
        NnError e = assertThrows(NnError.class, () -> run("train d epochs=1 lr=1e10 optimizer=" + optimizer));
        assertTrue(e.getMessage().contains("not finite"), e.getMessage());
        assertEquals(List.of(), Fingerprint.changed(before, Fingerprint.of(session.state())));
        for (int k = 0; k < session.state().net.depth(); k++) {
            Layer l = session.state().net.layer(k);
            for (double w : l.W) assertTrue(Double.isFinite(w));
            for (double b : l.b) assertTrue(Double.isFinite(b));
        }
    }

    // ---- onehot ----

    /** Before: "1.0" was not found among the classes, so its 1 went into the row before it (two classes there, none here). */
    @Test
    void onehotTreatsLabelsWrittenDifferentlyAsOneClass(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("labels.csv");
        Files.writeString(f, "x,y\n1,1\n2,1.0\n3,2\n4,2.00\n5,1e0\n");
        run("data d = csv \"" + f.toString().replace("\\", "/") + "\" onehot");
        DataSet d = (DataSet) session.state().datasets.get("d");
        assertEquals(2, d.outputs);
        double[] expected = {1, 0, 1, 0, 0, 1, 0, 1, 1, 0};
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(d.Y));
    }

    // ---- hangs ----

    /** Before: 100 000 blank lines took 45 s (ANTLR's prediction rescanned them for each one). */
    @Test
    void blankLinesBeforeAStatementParseInLinearTime() {
        String text = "\n".repeat(300_000) + "layer relu 1->1\n" + "\n".repeat(300_000) + "forward\n" + "\n".repeat(300_000);
        ParseResult r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> parse(text));
        assertTrue(r.errors().isEmpty(), () -> r.errors().toString());
        assertEquals(2, r.statements().size());
        assertEquals(600_002, r.statements().get(1).pos().line());
    }

    @Test
    void syntaxErrorsAreCappedWithACountOfTheRest() {
        String text = "lyer 1\n".repeat(350);
        Session.Result res = session.run(new Source("many.nn", text), outputs::add, Session.Mode.KEEP_GOING);
        assertEquals(350, res.errors());
        List<Output.Problem> problems = outputs.stream().filter(o -> o instanceof Output.Problem).map(o -> (Output.Problem) o).toList();
        assertEquals(101, problems.size());
        Diagnostic last = problems.get(problems.size() - 1).diagnostic();
        assertTrue(last.message().contains("and 250 more syntax errors"), last.message());
        assertEquals(101, last.pos().line());
    }

    /** Before: each error on a long line copied the whole line (9.8 s for 50 000 errors on one 400 kB line). */
    @Test
    void anErrorOnAHugeLineRendersInTimeIndependentOfTheLine() {
        String line = "forward;".repeat(1_250_000); // 10 MB
        Source src = new Source("huge.nn", line);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 0; i < 20_000; i++) {
                String r = Diagnostics.render(new Diagnostic(Diagnostic.Kind.RUNTIME, new Pos(src, 1, 1 + 8 * (i * 61 % 1_250_000), 7), "no network"), Style.PLAIN);
                assertTrue(r.length() < 600, r);
            }
        });
    }

    // ---- what error lines show ----

    /** Before: an ESC in a script reached the terminal raw (it could set the title, or erase the lines above). */
    @Test
    void controlAndBidiCharactersInErrorLinesAreEscaped() {
        String text = "x\u001b]0;pwned\u0007 = 1\nshow \u202ez\u0008\u0008\u0008\n";
        session.run(new Source("ctl.nn", text), outputs::add, Session.Mode.KEEP_GOING);
        StringBuilder all = new StringBuilder();
        for (Output o : outputs) if (o instanceof Output.Problem p) all.append(Diagnostics.render(p.diagnostic(), Style.PLAIN)).append('\n');
        String shown = all.toString();
        assertFalse(shown.isEmpty());
        for (char c : shown.toCharArray()) {
            assertTrue(c == '\n' || (c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0) && !(c >= 0x202a && c <= 0x202e)),
                    () -> "raw control character U+" + Integer.toHexString(c) + " in:\n" + shown);
        }
        assertTrue(shown.contains("\\x1b]0;pwned\\x07"), shown);
        assertTrue(shown.contains("\\u202e"), shown);
    }

    @Test
    void theCaretStaysUnderTheColumnAfterEscapes() {
        Source src = new Source("c.nn", "\u001b\u001b lyer 1");
        String r = Diagnostics.caret(new Pos(src, 1, 4, 4), Style.PLAIN);
        String[] lines = r.split("\n");
        assertEquals(lines[0].indexOf("lyer"), lines[1].indexOf('^'), r);
        assertTrue(lines[1].endsWith("^~~~"), r);
    }

    @Test
    void aHugeNameIsNotEchoedWhole() {
        String name = "a".repeat(100_000);
        String r = Diagnostics.render(new Diagnostic(Diagnostic.Kind.RUNTIME, Pos.NONE, "unknown name '" + name + "'"), Style.PLAIN);
        assertTrue(r.length() < 1000, () -> "" + r.length());
        assertTrue(r.contains("characters left out"), r);
    }

    // ---- files ----

    private NnError fails(String text) {
        Map<String, String> before = Fingerprint.of(session.state());
        NnError e = assertThrows(NnError.class, () -> run(text));
        assertEquals(List.of(), Fingerprint.changed(before, Fingerprint.of(session.state())));
        assertTrue(e.diagnostic().pos().known());
        return e;
    }

    private static String quoted(Path p) { return "\"" + p.toString().replace("\\", "/") + "\""; }

    private static void mkfifo(Path p) throws Exception {
        assertEquals(0, new ProcessBuilder("mkfifo", p.toString()).inheritIO().start().waitFor());
    }

    /** Before: the rename replaced the link, the FIFO, the read-only file with a regular file of nn's. */
    @Test
    void saveRefusesWhatIsNotARegularFileItMayWrite(@TempDir Path dir) throws Exception {
        run("layer relu 1->1");
        Path target = dir.resolve("target.nn");
        Files.writeString(target, "# theirs\n");
        Path link = dir.resolve("link.nn");
        Files.createSymbolicLink(link, target);
        assertTrue(fails("save " + quoted(link)).getMessage().contains("symbolic link"));
        assertTrue(Files.isSymbolicLink(link));
        Path fifo = dir.resolve("fifo.nn");
        mkfifo(fifo);
        assertTrue(fails("save " + quoted(fifo)).getMessage().contains("FIFO"));
        assertFalse(Files.isRegularFile(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
        assertTrue(fails("save " + quoted(target)).getMessage().contains("read-only"));
        assertEquals("# theirs\n", Files.readString(target));
        assertTrue(fails("save \"/dev/null\"").getMessage().contains("character device"));
        Path svg = dir.resolve("pic.svg");
        mkfifo(svg);
        assertTrue(fails("draw " + quoted(svg)).getMessage().contains("FIFO"));
    }

    @Test
    void saveOfTheRootFolderSaysItIsAFolder() {
        run("layer relu 1->1");
        assertEquals("cannot write /: it is a folder", fails("save \"/\"").getMessage());
    }

    /** Before: "File name too long" about the temporary file beside it. */
    @Test
    void aFileNameOf250CharactersCanBeSaved(@TempDir Path dir) throws IOException {
        run("layer relu 1->1");
        Path target = dir.resolve("n".repeat(250) + ".nn");
        run("save " + quoted(target));
        assertTrue(Files.readString(target).contains("layer relu 1->1"));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left");
        }
    }

    @Test
    void aTemporaryFileAKilledSaveLeftIsRemovedByTheNextSave(@TempDir Path dir) throws IOException {
        run("layer relu 1->1");
        Path target = dir.resolve("k.nn");
        run("save " + quoted(target));
        Path stale = dir.resolve(".k.nn.123456" + ".nn-save.tmp");
        Files.write(stale, new byte[1000]);
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        run("save " + quoted(target));
        assertFalse(Files.exists(stale));
    }

    /** Before: /dev/zero was read for 2 GB, a FIFO with no writer blocked for ever. */
    @Test
    void readingRefusesDevicesAndFifos(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("fifo.nn");
        mkfifo(fifo);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertTrue(fails("run " + quoted(fifo)).getMessage().contains("not a regular file"));
            assertTrue(fails("run \"/dev/zero\"").getMessage().contains("character device"));
            assertTrue(fails("data d = csv \"/dev/zero\"").getMessage().contains("character device"));
        });
        Cli r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Cli.run("/dev/zero"));
        assertEquals(66, r.code(), r.toString());
        assertTrue(r.err().contains("not a regular file"), r.toString());
    }

    @Test
    void runOfTheCurrentFolderNamesIt() {
        assertEquals(". is a folder, not a file", fails("run \".\"").getMessage());
    }

    // ---- what nn saves, nn reads ----

    /** Before: layer relu 1000->1000 was saved as 20.9 M characters, which run refuses (input too long). */
    @Test
    void saveRefusesAScriptRunCouldNotRead(@TempDir Path dir) {
        run("layer relu 1000->1000");
        Path target = dir.resolve("k.nn");
        NnError e = fails("save " + quoted(target));
        assertTrue(e.getMessage().contains("too large to save"), e.getMessage());
        assertFalse(Files.exists(target));
    }

    @Test
    void aSavedScriptOfTheLargestSizeRunsBack(@TempDir Path dir) throws IOException {
        run("layer linear 700->900");
        Path target = dir.resolve("big.nn");
        run("save " + quoted(target));
        Session fresh = new Session();
        Session.Result r = fresh.run(nn.session.SourceFiles.read(target, Pos.NONE), o -> { }, Session.Mode.SCRIPT);
        assertEquals(0, r.errors());
        assertEquals(java.util.Arrays.toString(session.state().net.layer(0).W), java.util.Arrays.toString(fresh.state().net.layer(0).W));
    }

    /** Before: "lr = 1.0E100", Java's spelling. */
    @Test
    void numbersAreShownAsNnWritesThem() {
        assertEquals("1e100", nn.session.Format.plain(1e100));
        assertEquals("1.5e-7", nn.session.Format.plain(1.5e-7));
        assertEquals("-2.5e300", nn.session.Format.plain(-2.5e300));
    }

    // ---- standard input, memory outside a statement ----

    private static Cli withStdin(byte[] in, java.util.function.Supplier<Session> sessions) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code;
        try (java.io.PrintStream o = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
             java.io.PrintStream e = new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8)) {
            code = nn.cli.Main.run(new String[0], new java.io.ByteArrayInputStream(in), o, e, false, sessions);
        }
        return new Cli(code, out.toString(java.nio.charset.StandardCharsets.UTF_8), err.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Before: accepted (decoded with replacement characters) while the same bytes in a file were refused. */
    @Test
    void invalidUtf8OnStandardInputIsRefusedAsInAFile() {
        byte[] bytes = "layer relu 1->1\nx = 1 # caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Cli r = withStdin(bytes, Session::new);
        assertEquals(nn.cli.Main.NO_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains("not valid UTF-8"), r.toString());
        assertFalse(r.out().contains("layer 0"), r.toString());
    }

    /** Before: "nn: internal error (OutOfMemoryError ...): this is a bug in nn", exit 70. */
    @Test
    void outOfMemoryOutsideAStatementIsNotCalledABug() {
        Cli r = withStdin("layer relu 1->1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), () -> {
            throw new OutOfMemoryError("Java heap space");
        });
        assertTrue(r.err().contains("out of memory"), r.toString());
        assertFalse(r.err().contains("bug in nn"), r.toString());
        assertEquals(nn.cli.Main.FAILED, r.code());
    }

    /** Before: "0 expects failed" under the failed expect the run had shown. */
    @Test
    void theSummaryCountsAnExpectThatFailedInsideAFailedRun(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("f.nn");
        Files.writeString(f, "layer relu 1->1\nexpect W0 = 99\nshow nothere\n");
        Cli r = Cli.run("--keep-going", "-e", "run " + quoted(f));
        assertEquals(1, r.inErr(": expect failed: "), r.toString());
        assertTrue(r.err().contains("1 error, 1 expect failed"), r.toString());
    }

    /** Before: a spurious second error, "empty brackets", about the brackets the parser had repaired. */
    @ParameterizedTest
    @ValueSource(strings = {"input [NaN, 1]", "input [inf]", "target [nan]"})
    void aWordInBracketsIsOneError(String line) {
        ParseResult r = parse(line);
        assertEquals(1, r.errors().size(), () -> r.errors().toString());
        assertFalse(r.errors().get(0).message().contains("empty brackets"));
        assertEquals(1, parse("input []").errors().size());
        assertTrue(parse("input []").errors().get(0).message().contains("empty brackets"));
    }

    /** Before: 58 s and 3.3 GB for the did-you-mean of a 10-million-character name, echoed whole. */
    @Test
    void aTenMillionCharacterNameFailsQuicklyAndIsNotEchoedWhole() {
        String text = "show " + "a".repeat(10_000_000);
        assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
            session.run(new Source("name.nn", text), outputs::add, Session.Mode.SCRIPT);
        });
        Output.Problem p = (Output.Problem) outputs.stream().filter(o -> o instanceof Output.Problem).findFirst().orElseThrow();
        assertTrue(Diagnostics.render(p.diagnostic(), Style.PLAIN).length() < 1200);
    }

    /** Before: "needs 4.9 MiB … this nn may use 32 MiB", a refusal whose figures said it fitted. */
    @Test
    void theLayerSizeMessageComparesTheFiguresItShows() {
        long limit = Runtime.getRuntime().maxMemory() / 4;
        int n = (int) Math.min(46_000, Math.sqrt(limit / 8.0 / 3.0) * 1.2);
        NnError e = assertThrows(NnError.class, () -> run("layer relu " + n + "->" + n));
        String m = e.getMessage();
        assertTrue(m.contains("at most " + nn.session.Format.bytes(limit)), m);
        assertFalse(m.contains("may use " + nn.session.Format.bytes(Runtime.getRuntime().maxMemory())), m);
    }
}
