package nn.robust;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Random token soup through the parser and the session: diagnostics with positions, never an exception, state kept. */
@Timeout(120)
class TokenSoupPropertyTest {

    /** Seeds 100..115 in every build; longer runs: {@code -Dnn.seed.first=5000 -Dnn.seed.count=200}. */
    static LongStream seeds() {
        long first = Long.getLong("nn.seed.first", 100);
        return LongStream.range(first, first + Long.getLong("nn.seed.count", 16));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void tokenSoupGivesOnlyDiagnostics(long seed, @TempDir Path dir) {
        Random r = new Random(seed);
        Harness h = new Harness(dir, true);
        Gen g = new Gen(r, new Files4Tests(dir), false);
        for (int i = 0; i < 400; i++) {
            if (i % 80 == 0) States.random(h, g);
            h.feed(Soup.soup(r, 12));
        }
        // the soup must reach both the parser's error paths and the interpreter
        assertTrue(h.syntaxErrors > 100, h.coverage());
        assertTrue(h.counts.values().stream().mapToInt(c -> c[0] + c[1]).sum() > 20, h.coverage());
    }

    /** Soup spliced into valid statements: mostly-right input, the most common kind of wrong. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void soupInsideValidStatements(long seed, @TempDir Path dir) {
        Random r = new Random(seed * 31);
        Harness h = new Harness(dir, true);
        Gen g = new Gen(r, new Files4Tests(dir), false);
        for (int i = 0; i < 300; i++) {
            if (i % 60 == 0) States.random(h, g);
            String s = g.statement(h.session.state());
            int at = r.nextInt(s.length() + 1);
            h.feed(s.substring(0, at) + Soup.soup(r, 2) + s.substring(at));
        }
        assertTrue(h.syntaxErrors > 30, h.coverage());
    }
}
