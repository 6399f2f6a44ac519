package nn.robust;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nn.lang.NnError;
import nn.lang.Pos;
import nn.session.SourceFiles;

/**
 * Jazzer fuzz tests. Plain `mvn test` replays the corpus in src/test/resources/nn/robust/ParserFuzzTestInputs/;
 * `JAZZER_FUZZ=1 mvn test -Dtest=ParserFuzzTest#parseAndRun` fuzzes (coverage-guided) and saves what it finds there.
 * The contract is {@link Harness}'s: diagnostics with positions, never an exception, never an internal error, state
 * unchanged by failing statements.
 */
class ParserFuzzTest {
    private static final Path SANDBOX;

    static {
        try {
            SANDBOX = Files.createTempDirectory("nn-fuzz");
            SANDBOX.toFile().deleteOnExit();
            new Files4Tests(SANDBOX);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Any text, as typed or pasted into the REPL, against a session with a small network already built. */
    @FuzzTest(maxDuration = "5m")
    void parseAndRun(@NotNull String text) {
        Harness h = new Harness(SANDBOX, true);
        h.feed("layer relu 3->2 as h\nlayer sigmoid 2->1\ninput [0.9, 0.2, 0.5]\ntarget [0]\nforward\nbackward");
        h.feed(text);
    }

    /** Any bytes as a script file: a clear IO error or text that then parses under the same contract. */
    @FuzzTest(maxDuration = "5m")
    void readScriptFile(byte[] bytes) throws IOException {
        Path f = Files.createTempFile(SANDBOX, "fuzz", ".nn");
        try {
            Files.write(f, bytes);
            String text;
            try {
                text = SourceFiles.text(f, Pos.NONE);
            } catch (NnError e) {
                if (e.diagnostic().kind() != nn.lang.Diagnostic.Kind.IO) throw new AssertionError("not an IO error: " + e.getMessage());
                return;
            }
            new Harness(SANDBOX, true).feed(text, f.toString());
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
