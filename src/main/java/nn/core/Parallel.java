package nn.core;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * Splits a kernel's independent output rows over the cores, for products big enough to pay for waking another
 * thread (some microseconds). Each output element is still computed by one thread in one order, so the results do
 * not depend on the number of threads. Uses the common fork-join pool, created on first use only: scripts that
 * never multiply big matrices never start a thread. {@code -Dnn.threads=1} turns the splitting off.
 */
final class Parallel {
    private Parallel() { }

    /** Multiply-adds below which one thread does the whole product. */
    static final long MIN_WORK = 1L << 20;

    private static final int THREADS = threads();

    private static int threads() {
        int n = Runtime.getRuntime().availableProcessors();
        String p = System.getProperty("nn.threads");
        if (p != null) {
            try {
                n = Math.max(1, Integer.parseInt(p.trim()));
            } catch (NumberFormatException e) {
                // not a number: keep the processor count
            }
        }
        return Math.min(n, 64);
    }

    /** The rows [i0, i1) of an output, handled by one thread. */
    interface Rows {
        void run(int i0, int i1);
    }

    /**
     * Runs {@code body} over [0, n) in contiguous parts whose boundaries are multiples of {@code grain}, in parallel
     * when {@code work} (multiply-adds) is at least {@link #MIN_WORK}.
     */
    static void forRange(int n, int grain, long work, Rows body) {
        int parts = (int) Math.min(THREADS, Math.max(1, work / MIN_WORK));
        parts = Math.min(parts, Math.max(1, n / grain));
        if (parts <= 1 || ForkJoinTask.inForkJoinPool()) {
            body.run(0, n);
            return;
        }
        int units = (n + grain - 1) / grain;
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            int from = Math.min(n, (int) ((long) units * p / parts) * grain);
            int to = Math.min(n, (int) ((long) units * (p + 1) / parts) * grain);
            tasks[p - 1] = ForkJoinPool.commonPool().submit(new Part(body, from, to));
        }
        body.run(0, Math.min(n, (units / parts) * grain));
        for (ForkJoinTask<?> t : tasks) t.join();
    }

    private static final class Part extends RecursiveAction {
        private final Rows body;
        private final int from;
        private final int to;

        Part(Rows body, int from, int to) {
            this.body = body;
            this.from = from;
            this.to = to;
        }

        @Override protected void compute() { body.run(from, to); }
    }
}
