package nn.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Mini-batch training: the whole `train` statement runs here, in one loop over preallocated batch buffers, with no
 * allocation, boxing or interpretation per step. Each batch: forward over B rows, the mean loss, backward for the
 * mean loss's gradients, one optimizer update of every parameter array that is not frozen.
 *
 * <p>Numerical faults stop training with the parameters as they were before the faulty batch's update: the loss and
 * ∂E/∂b (the column sums of ∂E/∂z, so non-finite whenever any ∂E/∂z is) are checked before every update. An update
 * that itself overflows shows as a non-finite loss in the next batch; {@link Result#fault()} then has
 * {@code parametersLost} set and the caller discards the run.
 */
public final class Trainer {

    /** Watches a run: polled after every batch for a stop request; told the progress now and then. */
    public interface Monitor {
        boolean stopRequested();

        void progress(int epoch, int epochs, double loss, double examplesPerSecond, double secondsLeft);

        /** How long at least between two calls of {@link #progress} (a live view asks more often than a terminal). */
        default long progressNanos() { return PROGRESS_NANOS; }
    }

    /** Where training met NaN or infinity: epoch and batch (from 1), what was non-finite, and its value. */
    public record Fault(int epoch, int batch, String where, double value, boolean parametersLost) { }

    /**
     * How a run ended: epochs completed, batches done, the mean loss of the last completed epoch (NaN if none),
     * whether a stop request ended it, and the fault that ended it (or null).
     */
    public record Result(int epochs, long batches, double lastLoss, boolean interrupted, int stoppedInEpoch, Fault fault) { }

    /** How often progress is reported, at most. */
    public static final long PROGRESS_NANOS = 1_000_000_000L;

    private final Network net;
    private final DataSet data;
    private final int batch;
    private final Optimizer optimizer;
    private final double lr;
    private final boolean shuffle;
    private final long seed;
    private final BatchPass pass;
    private final boolean direct;
    private final double[][] params;
    private final double[][] grads;
    /** The run's curves, and the meter of its test set (null without one). */
    private LossCurve curve;
    private LossCurve testCurve;
    private Evaluation.Meter meter;

    public Trainer(Network net, DataSet data, int batch, Optimizer.Settings optimizer, double lr, boolean shuffle, long seed) {
        this(net, data, batch, optimizer, lr, shuffle, seed, null);
    }

    /**
     * As above, continuing {@code continued} (an optimizer with state for exactly this network's slots: W0, b0, W1, …
     * of the layers, frozen ones left out) when it is not null, rather than starting the rule afresh.
     */
    public Trainer(Network net, DataSet data, int batch, Optimizer.Settings optimizer, double lr, boolean shuffle, long seed, Optimizer continued) {
        if (data.inputs != net.inputSize() || data.outputs != net.outputSize()) throw new IllegalArgumentException("data set does not fit the network");
        this.net = net;
        this.data = data;
        this.batch = Math.max(1, Math.min(batch, data.rows));
        this.lr = lr;
        this.shuffle = shuffle;
        this.seed = seed;
        // the whole set in its own order is one batch: the data arrays are the batch, nothing is copied
        this.direct = this.batch == data.rows && !shuffle;
        this.pass = direct ? new BatchPass(net, this.batch, data.X, data.Y) : new BatchPass(net, this.batch);
        List<double[]> p = new ArrayList<>();
        List<double[]> g = new ArrayList<>();
        for (int k = 0; k < net.depth(); k++) {
            Layer l = net.layer(k);
            if (!l.frozenW) {
                p.add(l.W);
                g.add(pass.dW[k]);
            }
            if (!l.frozenB) {
                p.add(l.b);
                g.add(pass.dB[k]);
            }
        }
        params = p.toArray(new double[0][]);
        grads = g.toArray(new double[0][]);
        int[] sizes = new int[params.length];
        for (int i = 0; i < sizes.length; i++) sizes[i] = params[i].length;
        this.optimizer = continued != null ? continued : optimizer.create(sizes);
    }

    /** The optimizer with the state the run left it in (the session keeps it, so a later run continues it). */
    public Optimizer optimizer() { return optimizer; }

    /** Bytes a run of this shape allocates besides the network and the data: batch buffers and optimizer state. */
    public static long bytesFor(Network net, DataSet data, int batch, String optimizer) {
        int B = Math.max(1, Math.min(batch, data.rows));
        long bytes = BatchPass.bytesFor(net, B) + (long) B * (data.inputs + data.outputs) * Double.BYTES + (long) data.rows * Integer.BYTES;
        int copies = optimizer.equals("adam") ? 2 : optimizer.equals("momentum") ? 1 : 0;
        return bytes + copies * net.parameterCount() * Double.BYTES;
    }

    public int batch() { return batch; }

    /** Batches per epoch. */
    public int batchesPerEpoch() { return (data.rows + batch - 1) / batch; }

    /** Trains for {@code epochs} epochs, recording each epoch's mean loss in {@code curve}. */
    public Result run(int epochs, LossCurve curve, Monitor monitor) { return run(epochs, curve, null, null, monitor); }

    /**
     * As above, and after every epoch also the mean loss on {@code test} with the parameters as that epoch left them,
     * in {@code testCurve} (when {@code test} is not null): measured by {@link Evaluation.Meter}, so each is the number
     * {@code evaluate} would print at that point. The two curves get a point for the same epochs.
     */
    public Result run(int epochs, LossCurve curve, DataSet test, LossCurve testCurve, Monitor monitor) {
        this.curve = curve;
        this.testCurve = testCurve;
        this.meter = test == null ? null : new Evaluation.Meter(net, test);
        Result r = batch == 1 && !Kernels.plainOnly && RowPass.fits(net) ? runRows(epochs, monitor) : runBatches(epochs, monitor);
        if (r.fault() != null) return r;
        // the last update is checked by no later forward pass: an overflow there must not go unnoticed
        String lost = nonFiniteParameter();
        if (lost == null) return r;
        int epoch = r.stoppedInEpoch() > 0 ? r.stoppedInEpoch() : Math.max(1, r.epochs());
        return new Result(r.epochs(), r.batches(), r.lastLoss(), r.interrupted(), epoch,
                new Fault(epoch, batchesPerEpoch(), lost + " after the update", Double.NaN, true));
    }

    private Result runBatches(int epochs, Monitor monitor) {
        final int rows = data.rows;
        final int B = batch;
        final int in = data.inputs;
        final int out = data.outputs;
        final double[] xb = pass.inputs();
        final double[] yb = pass.targets();
        final int[] order = new int[shuffle ? rows : 0];
        for (int i = 0; i < order.length; i++) order[i] = i;
        final SplitMix rnd = new SplitMix(seed);
        final double[][] dB = pass.dB;
        final Clock clock = new Clock(monitor.progressNanos());
        long batches = 0;
        double lastLoss = Double.NaN;

        for (int e = 1; e > 0 && e <= epochs; e++) { // e > 0: epochs = Integer.MAX_VALUE must not wrap
            if (shuffle) rnd.shuffle(order);
            double sum = 0;
            int b = 0;
            for (int first = 0; first < rows; first += B) {
                int n = Math.min(B, rows - first);
                b++;
                if (!direct) gather(first, n, order, xb, yb);
                pass.forward(n);
                double loss = pass.lossSum(n);
                if (loss - loss != 0) return forwardFault(e, b, batches, lastLoss, loss, n);
                pass.backward(n);
                for (int k = dB.length - 1; k >= 0; k--) {
                    double[] d = dB[k];
                    for (int i = 0; i < d.length; i++) if (d[i] - d[i] != 0) return faulted(e, b, batches, lastLoss, "dE/db" + k + "[" + i + "]", d[i]);
                }
                optimizer.beginStep();
                for (int s = 0; s < params.length; s++) optimizer.update(s, params[s], grads[s], lr);
                sum += loss;
                batches++;
                if (monitor.stopRequested()) {
                    boolean epochDone = first + n >= rows;
                    if (epochDone) {
                        lastLoss = sum / rows;
                        epochDone(lastLoss);
                    }
                    return new Result(epochDone ? e : e - 1, batches, lastLoss, true, epochDone ? 0 : e, null);
                }
                if (clock.tick()) clock.progress(monitor, e, epochs, (double) (e - 1) * rows + first + n, Double.isNaN(lastLoss) ? sum / (first + n) : lastLoss);
            }
            lastLoss = sum / rows;
            epochDone(lastLoss);
        }
        return new Result(epochs, batches, lastLoss, false, 0, null);
    }

    /**
     * The same loop for batches of one row, on a {@link RowPass}: rows are read in place from the data set (only a
     * row's targets are copied, when there are several rows), and plain gradient descent updates from ∂E/∂z directly.
     * Every number is the one {@link #run}'s batch loop computes (RowPassTest).
     */
    private Result runRows(int epochs, Monitor monitor) {
        final int rows = data.rows;
        final int in = data.inputs;
        final int out = data.outputs;
        final double[] X = data.X;
        final double[] yb = rows == 1 ? data.Y : new double[out];
        final int[] order = new int[shuffle ? rows : 0];
        for (int i = 0; i < order.length; i++) order[i] = i;
        final SplitMix rnd = new SplitMix(seed);
        final RowPass row = new RowPass(net);
        final boolean sgd = optimizer instanceof Sgd && Double.isFinite(lr);
        final Clock clock = new Clock(monitor.progressNanos());
        long batches = 0;
        double lastLoss = Double.NaN;

        for (int e = 1; e > 0 && e <= epochs; e++) { // e > 0: epochs = Integer.MAX_VALUE must not wrap
            if (shuffle) rnd.shuffle(order);
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                int src = shuffle ? order[r] : r;
                int xo = src * in;
                if (rows > 1) System.arraycopy(data.Y, src * out, yb, 0, out);
                double loss = row.forward(X, xo, yb);
                if (loss - loss != 0) {
                    // the batch pass names the first non-finite value; the parameters are those this row just used
                    pass.forward(java.util.Arrays.copyOfRange(X, xo, xo + in), 1);
                    return forwardFault(e, r + 1, batches, lastLoss, loss, 1);
                }
                row.backward(yb);
                long bad = row.firstNonFinite();
                if (bad >= 0) {
                    int k = (int) (bad >>> 32), i = (int) bad;
                    return faulted(e, r + 1, batches, lastLoss, "dE/db" + k + "[" + i + "]", 0.0 + row.dz[k][i]);
                }
                if (sgd) {
                    row.sgd(X, xo, lr);
                } else {
                    row.gradients(X, xo, pass.dW, pass.dB);
                    optimizer.beginStep();
                    for (int s = 0; s < params.length; s++) optimizer.update(s, params[s], grads[s], lr);
                }
                sum += loss;
                batches++;
                if (monitor.stopRequested()) {
                    boolean epochDone = r + 1 >= rows;
                    if (epochDone) {
                        lastLoss = sum / rows;
                        epochDone(lastLoss);
                    }
                    return new Result(epochDone ? e : e - 1, batches, lastLoss, true, epochDone ? 0 : e, null);
                }
                if (clock.tick()) clock.progress(monitor, e, epochs, (double) (e - 1) * rows + r + 1, Double.isNaN(lastLoss) ? sum / (r + 1) : lastLoss);
            }
            lastLoss = sum / rows;
            epochDone(lastLoss);
        }
        return new Result(epochs, batches, lastLoss, false, 0, null);
    }

    /** An epoch is complete: its mean loss, and the test set's with the parameters it left. */
    private void epochDone(double loss) {
        curve.add(loss);
        if (meter != null) testCurve.add(meter.measure().meanLoss());
    }

    /**
     * When to report progress: the clock is read only every so many batches, that number adapted so that reading it
     * costs nothing (doubling while batches are fast, halving when they are slow); progress at most every
     * {@link Monitor#progressNanos()}.
     */
    private final class Clock {
        final long start = System.nanoTime();
        long lastCheck = start;
        long lastProgress = start;
        long checkEvery = 1;
        long untilCheck = 1;
        final long every;

        Clock(long every) { this.every = every; }

        /** Counts a batch; true when progress is due. */
        boolean tick() {
            if (--untilCheck != 0) return false;
            long now = System.nanoTime();
            long gap = now - lastCheck;
            if (gap < 2_000_000L && checkEvery < (1L << 24)) checkEvery *= 2;
            else if (gap > 50_000_000L && checkEvery > 1) checkEvery /= 2;
            untilCheck = checkEvery;
            lastCheck = now;
            if (now - lastProgress < every) return false;
            lastProgress = now;
            return true;
        }

        void progress(Monitor monitor, int epoch, int epochs, double done, double loss) {
            double seconds = (lastProgress - start) / 1e9;
            double rate = done / seconds;
            double left = ((double) epochs * data.rows - done) / rate;
            monitor.progress(epoch, epochs, loss, rate, left);
        }
    }

    /** Copies the rows of batch [first, first + n) (in shuffled order if shuffling) into the batch buffers. */
    private void gather(int first, int n, int[] order, double[] xb, double[] yb) {
        int in = data.inputs;
        int out = data.outputs;
        if (order.length == 0) {
            System.arraycopy(data.X, first * in, xb, 0, n * in);
            System.arraycopy(data.Y, first * out, yb, 0, n * out);
            return;
        }
        for (int r = 0; r < n; r++) {
            int src = order[first + r];
            System.arraycopy(data.X, src * in, xb, r * in, in);
            System.arraycopy(data.Y, src * out, yb, r * out, out);
        }
    }

    private Result faulted(int epoch, int batchNo, long batches, double lastLoss, String where, double value) {
        String lost = nonFiniteParameter();
        Fault f = lost != null
                ? new Fault(epoch, batchNo - 1, lost + " after the update", Double.NaN, true)
                : new Fault(epoch, batchNo, where, value, false);
        return new Result(epoch - 1, batches, lastLoss, false, epoch, f);
    }

    /** Names the first value of the forward pass that is not finite, layer by layer (the loss if all are). */
    private Result forwardFault(int epoch, int batchNo, long batches, double lastLoss, double loss, int rows) {
        for (int k = 0; k < pass.depth(); k++) {
            int w = pass.layer(k).out;
            double[][] both = {pass.pre(k), pass.act(k)};
            for (int which = 0; which < 2; which++) {
                double[] v = both[which];
                for (int i = 0; i < rows * w; i++) {
                    if (!Double.isFinite(v[i])) {
                        String what = (which == 0 ? "the pre-activation" : "the activation") + " of layer " + k
                                + " (element " + i % w + (rows > 1 ? ", row " + i / w + " of the batch" : "") + ")";
                        return faulted(epoch, batchNo, batches, lastLoss, what, v[i]);
                    }
                }
            }
        }
        return faulted(epoch, batchNo, batches, lastLoss, "the loss", loss);
    }

    private String nonFiniteParameter() {
        for (int k = 0; k < pass.depth(); k++) {
            Layer l = pass.layer(k);
            for (int i = 0; i < l.W.length; i++) if (!Double.isFinite(l.W[i])) return "W" + k + "[" + i / l.in + "," + i % l.in + "]";
            for (int i = 0; i < l.b.length; i++) if (!Double.isFinite(l.b[i])) return "b" + k + "[" + i + "]";
        }
        return null;
    }
}
