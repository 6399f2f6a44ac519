package nn.core;

import java.util.Arrays;

/**
 * The loss per epoch, in bounded memory: every epoch while there are fewer than {@link #CAPACITY} points, then
 * every second, fourth, ... epoch (when full, every other point is dropped and the spacing doubles), plus always the
 * latest epoch. Eleven million epochs keep a thousand points, enough for any chart, and recording costs no
 * allocation. Epochs are numbered from 1 across all training of a session. Which epochs are kept depends on the
 * number of epochs alone, so two curves recorded epoch by epoch (train and test loss) keep the same epochs.
 */
public final class LossCurve {
    public static final int CAPACITY = 1024;
    private final long[] epochs;
    private final double[] losses;
    private int size;
    private long stride = 1;
    private long countdown = 1;
    private long total;
    private double last = Double.NaN;

    public LossCurve() {
        epochs = new long[CAPACITY];
        losses = new double[CAPACITY];
    }

    private LossCurve(LossCurve o) {
        epochs = o.epochs.clone();
        losses = o.losses.clone();
        size = o.size;
        stride = o.stride;
        countdown = o.countdown;
        total = o.total;
        last = o.last;
    }

    public LossCurve copy() { return new LossCurve(this); }

    /** Records the loss of the next epoch. */
    public void add(double loss) {
        total++;
        last = loss;
        if (--countdown != 0) return;
        if (size == CAPACITY) compact();
        epochs[size] = total;
        losses[size++] = loss;
        countdown = stride;
    }

    /**
     * Records {@code n} epochs that have no loss here (a test curve over epochs trained without a test set): they
     * count as epochs, so this curve keeps the same epochs as one that recorded every epoch, and those kept are NaN, a
     * gap in a chart. Costs no more than the points kept.
     */
    public void skip(long n) {
        if (n <= 0) return;
        while (n > 0) {
            long unkept = Math.min(n, countdown - 1);
            total += unkept;
            countdown -= unkept;
            n -= unkept;
            if (n > 0) {
                add(Double.NaN);
                n--;
            }
        }
        last = Double.NaN;
    }

    private void compact() {
        int n = 0;
        for (int i = 0; i < size; i += 2) {
            epochs[n] = epochs[i];
            losses[n++] = losses[i];
        }
        size = n;
        stride *= 2;
    }

    /** Epochs recorded in all. */
    public long total() { return total; }

    public double last() { return last; }

    public boolean isEmpty() { return total == 0; }

    /** The epoch numbers of the kept points, the latest epoch always last. */
    public long[] epochs() {
        if (total == 0) return new long[0];
        boolean extra = epochs[size - 1] != total;
        long[] e = Arrays.copyOf(epochs, size + (extra ? 1 : 0));
        if (extra) e[size] = total;
        return e;
    }

    /** The losses at {@link #epochs()}. */
    public double[] losses() {
        if (total == 0) return new double[0];
        boolean extra = epochs[size - 1] != total;
        double[] l = Arrays.copyOf(losses, size + (extra ? 1 : 0));
        if (extra) l[size] = last;
        return l;
    }
}
