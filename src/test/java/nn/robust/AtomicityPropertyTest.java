package nn.robust;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import nn.lang.ParseResult;
import nn.lang.Parser;
import nn.lang.Source;
import nn.lang.Stmt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every statement is atomic: random statements of every form against random states, and after each failing one the
 * state is bit-identical (see {@link Harness}). Only NnErrors with a position escape, never an internal error.
 */
@Timeout(120)
class AtomicityPropertyTest {

    /**
     * Seeds 1..20 in every build; a longer hostile run takes others without editing the test:
     * {@code mvn test -Dtest=AtomicityPropertyTest -Dnn.seed.first=1000 -Dnn.seed.count=400}.
     */
    static LongStream seeds() {
        long first = Long.getLong("nn.seed.first", 1);
        return LongStream.concat(LongStream.range(first, first + Long.getLong("nn.seed.count", 20)), LongStream.of(FOUND_DEFECTS)).distinct();
    }

    /** Seeds of longer runs that found a defect (`draw` of an empty graph: an error without a position), kept. */
    static final long[] FOUND_DEFECTS = {1047, 1177};

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomStatementsAgainstRandomStates(long seed, @TempDir Path dir) {
        Harness h = new Harness(dir, true);
        Gen g = new Gen(new Random(seed), new Files4Tests(dir), false);
        for (int round = 0; round < 6; round++) {
            States.random(h, g);
            for (int i = 0; i < 50; i++) {
                String s = g.statement(h.session.state());
                // sometimes two statements in one input, as a pasted line or a script has them
                if (g.chance(0.1)) s += g.pick("; ", "\n", ";") + g.statement(h.session.state());
                h.feed(s);
            }
        }
        int ran = h.counts.values().stream().mapToInt(c -> c[0] + c[1]).sum();
        assertTrue(ran > 200, "too few statements ran: " + h.coverage());
    }

    /**
     * Atomicity verified for every statement kind: each form is generated against random states until it has
     * failed at least once under the fingerprint check (reset and exit cannot fail; a kind whose feature is not
     * built yet fails with "not available", trivially atomic, and becomes a real check once it lands).
     */
    @Test
    void everyStatementKindFailsAtomically(@TempDir Path dir) {
        Harness h = new Harness(dir, true);
        Gen g = new Gen(new Random(7), new Files4Tests(dir), false);
        List<String> neverFailed = new ArrayList<>();
        for (Gen.Form f : EnumSet.complementOf(EnumSet.of(Gen.Form.RESET, Gen.Form.EXIT))) {
            String kind = kindOf(f, g, h);
            int attempts = 0;
            while (failures(h, kind) == 0 && attempts++ < 400) {
                if (attempts % 20 == 1) States.random(h, g);
                h.feed(g.statement(f, h.session.state()));
            }
            if (failures(h, kind) == 0) neverFailed.add(f + " (" + kind + ")");
        }
        assertTrue(neverFailed.isEmpty(), "no failing case generated for " + neverFailed + "; coverage: " + h.coverage());
    }

    private static int failures(Harness h, String kind) {
        int[] c = h.counts.get(kind);
        return c == null ? 0 : c[1];
    }

    /** The AST record a form parses to (inspect is a Show). */
    private static String kindOf(Gen.Form f, Gen g, Harness h) {
        for (int i = 0; i < 50; i++) {
            ParseResult r = Parser.parse(new Source("<test>", g.statement(f, h.session.state())));
            if (r.ok() && r.statements().size() == 1) {
                Stmt s = r.statements().get(0);
                return s.getClass().getSimpleName();
            }
        }
        throw new AssertionError("the generator never produced a valid " + f);
    }
}
