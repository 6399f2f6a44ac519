package nn.robust;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 30000 random statements in one session, the way a long day in the REPL goes (with a reset now and then, as a
 * user starts over): every contract of {@link Harness} holds throughout, and the heap retained after a full
 * collection does not grow between checkpoints (no history, cache or listener that keeps every statement alive).
 * Measured: 66 KiB of growth over 90000 statements (less than a byte each); the bound, 4 MiB over 27000, catches
 * anything that keeps 160 bytes per statement. {@code -Dnn.long.statements=N} runs a longer day.
 */
class LongSessionTest {
    private static final int STATEMENTS = Integer.getInteger("nn.long.statements", 30_000);
    private static final int CHECKPOINTS = 10;
    /** Retained-heap growth allowed from the first checkpoint to the last: far below what 27000 kept statements would take. */
    private static final long ALLOWED_GROWTH = 4L << 20;

    @Test
    @Timeout(120)
    void thirtyThousandStatementsWithoutMemoryGrowth(@TempDir Path dir) {
        Random r = new Random(20240611);
        Harness h = new Harness(dir, false);
        Gen g = new Gen(r, new Files4Tests(dir), true);
        List<Long> retained = new ArrayList<>();
        int per = STATEMENTS / CHECKPOINTS;
        for (int c = 0; c < CHECKPOINTS; c++) {
            for (int i = 0; i < per; i++) {
                if (r.nextInt(400) == 0) States.random(h, g);
                h.feed(g.statement(h.session.state()));
            }
            retained.add(retainedHeap());
        }
        int ran = h.counts.values().stream().mapToInt(x -> x[0] + x[1]).sum();
        assertTrue(ran > STATEMENTS / 2, "too few statements reached the session: " + h.coverage());
        // the first checkpoint is the baseline: by then the parser's caches and every class are warm
        long growth = retained.get(retained.size() - 1) - retained.get(0);
        assertTrue(growth < ALLOWED_GROWTH, "retained heap grew by " + (growth >> 10) + " KiB over " + (STATEMENTS - per)
                + " statements; checkpoints (KiB): " + retained.stream().map(b -> b >> 10).toList());
    }

    /** Heap in use after full collections, once it stops falling. */
    static long retainedHeap() {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            best = Math.min(best, mem.getHeapMemoryUsage().getUsed());
        }
        return best;
    }
}
