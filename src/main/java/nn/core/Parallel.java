package nn.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits a kernel's independent output rows over the cores, for products big enough to pay for the hand-over. Each
 * output element is still computed by one thread in one order, so the results do not depend on the number of
 * threads or on which thread ran which part. {@code -Dnn.threads=1} turns the splitting off.
 *
 * <p>The helpers are nn's own daemon threads, started on the first big product only (scripts that never multiply big
 * matrices never start one). After a part they spin for a short while ({@link #SPIN_NANOS}) before they park: in
 * training the big products come every few hundred microseconds, and waking a parked thread (on this virtual machine
 * tens of microseconds, more when the other core is busy) cost so much that one epoch of the benchmark ran no faster
 * on two threads than on one (2.50 s against 2.08 s, 5 alternating pairs, under load). Measured in-process (one epoch's
 * layer products, activations and updates, 9 alternating rounds, medians): one thread 1.46 s, the common fork-join
 * pool with fixed halves 1.11 s, these threads 0.97 s (quiet machine); under load from other processes 1.96 s, 1.67 s
 * and 1.53 s (the new split faster than fixed halves in all 9 rounds).
 */
final class Parallel {
    private Parallel() { }

    /** Multiply-adds below which one thread does the whole product. */
    static final long MIN_WORK = 1L << 20;

    /**
     * Parts per thread: the threads claim parts one at a time, so a thread that starts late or loses its core does
     * less. More parts cost affine time (each part streams all of its transposed inputs through the cache once):
     * with 1, 2 and 4 per thread, 64×784×256 took 525, 560 and 615 µs on two idle cores.
     */
    static final int PARTS_PER_THREAD = 2;

    /**
     * How long a helper keeps looking for the next product before it parks: longer than the gap between two big
     * products of a training step (activations, the small layers, the update), short enough that an idle nn does
     * not hold a core.
     */
    static final long SPIN_NANOS = 250_000;

    private static final int THREADS = threads();

    /** The latest product handed out (null when none is running), read by the helpers. */
    private static volatile Job current;
    private static Thread[] helpers;

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
     *
     * <p>The parts are not dealt out in advance: the calling thread and the helpers claim them one at a time from a
     * counter until none is left, and the caller then waits only for parts already being run. A helper that is
     * late (descheduled, or parked after a long pause) simply finds fewer parts, and the caller never depends on a
     * helper to start: it runs every part nobody has claimed itself.
     */
    static void forRange(int n, int grain, long work, Rows body) {
        int units = (n + grain - 1) / grain;
        int threads = (int) Math.min(THREADS, Math.max(1, work / MIN_WORK));
        threads = Math.min(threads, units);
        if (threads <= 1 || Thread.currentThread() instanceof Helper) {
            body.run(0, n);
            return;
        }
        Thread[] hs = helpers();
        Job job = new Job(n, grain, units, Math.min(units, threads * PARTS_PER_THREAD), body);
        current = job;
        for (int h = 0; h < threads - 1 && h < hs.length; h++) LockSupport.unpark(hs[h]);
        job.claimParts();
        job.awaitParts();
        if (current == job) current = null; // keeps no reference to the body's arrays once it is done
        job.rethrow();
    }

    private static synchronized Thread[] helpers() {
        if (helpers == null) {
            Thread[] hs = new Thread[THREADS - 1];
            for (int h = 0; h < hs.length; h++) {
                hs[h] = new Helper(h);
                hs[h].start();
            }
            helpers = hs;
        }
        return helpers;
    }

    /** A helper thread: runs parts of whatever product is current, spins briefly for the next one, then parks. */
    private static final class Helper extends Thread {
        Helper(int h) {
            super("nn-kernels-" + (h + 1));
            setDaemon(true);
        }

        @Override public void run() {
            long seen = 0; // the id of the last job looked at (not the job: a finished job's arrays may be garbage)
            long idleSince = System.nanoTime();
            while (true) {
                Job j = current;
                if (j != null && j.id != seen) {
                    seen = j.id;
                    j.claimParts();
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(); // forRange unparks after publishing a job; spurious returns just loop
                    idleSince = System.nanoTime();
                }
            }
        }
    }

    /** One call's parts: claimed from {@code next}, counted in {@code done} when finished (or failed). */
    private static final class Job {
        private static final AtomicInteger IDS = new AtomicInteger();
        final long id = IDS.incrementAndGet();
        private final int n;
        private final int grain;
        private final int units;
        private final int parts;
        private final Rows body;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private volatile Throwable failure;

        Job(int n, int grain, int units, int parts, Rows body) {
            this.n = n;
            this.grain = grain;
            this.units = units;
            this.parts = parts;
            this.body = body;
        }

        void claimParts() {
            for (int p; (p = next.getAndIncrement()) < parts; ) {
                try {
                    int from = Math.min(n, (int) ((long) units * p / parts) * grain);
                    int to = Math.min(n, (int) ((long) units * (p + 1) / parts) * grain);
                    body.run(from, to);
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    done.incrementAndGet(); // publishes the part's results to the thread that reads the count
                }
            }
        }

        /** Waits for the parts other threads are still running (at most one each): spins briefly, then yields. */
        void awaitParts() {
            for (int spins = 0; done.get() < parts; spins++) {
                if (spins < 20_000) Thread.onSpinWait();
                else Thread.yield();
            }
        }

        void rethrow() {
            Throwable e = failure;
            if (e instanceof RuntimeException) throw (RuntimeException) e;
            if (e instanceof Error) throw (Error) e;
            if (e != null) throw new IllegalStateException(e);
        }
    }
}
