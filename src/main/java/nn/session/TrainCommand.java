package nn.session;

import nn.core.Value;
import java.util.ArrayList;
import java.util.List;
import nn.core.DataSet;
import nn.core.ForwardPass;
import nn.core.LossCurve;
import nn.core.Network;
import nn.core.Optimizer;
import nn.core.Trainer;
import nn.lang.NnError;
import nn.lang.Pos;
import nn.lang.Stmt;
import nn.lang.Suggest;

/**
 * {@code train [DATA] epochs=N lr=X [batch=B] [optimizer=sgd|momentum|adam] [shuffle] [seed=S]}: reads the options,
 * hands the whole run to {@link Trainer} (the interpreter is not in the loop), then records the loss curve and a
 * fresh forward pass with the trained parameters. Ctrl-C and numerical faults stop training early and keep the
 * parameters trained so far.
 */
final class TrainCommand {
    private TrainCommand() { }

    static final String EXAMPLE = "train xor epochs=1000 lr=0.5";

    /** How often a live view is told the loss curve during training: five times a second. */
    static final long VIEW_PROGRESS_NANOS = 200_000_000L;

    static void run(Stmt.Command s, Args o, Context ctx) {
        State st = ctx.state();
        if (st.net.isEmpty()) throw new NnError(s.pos(), "there is no network to train", "add layers first, e.g. `layer relu 3->2`");
        nn.lang.Word dataName = o.word("DATA");
        DataSet data = dataSet(dataName, s.pos(), st, "train");
        if (!o.has("epochs")) throw new NnError(s.pos(), "train needs epochs=N", "e.g. " + EXAMPLE);
        int epochs = (int) o.whole("epochs", 1);
        double lr = o.has("lr") ? o.number("lr", 0) : st.lr != null ? st.lr : Double.NaN;
        if (Double.isNaN(lr)) throw new NnError(s.pos(), "train needs a learning rate", "write `train ... lr=0.1` (or set `μ = 0.1` once)");
        int batch = (int) o.whole("batch", data.rows);
        Optimizer.Settings opt = OptimizerState.read(o, st);
        boolean shuffle = o.bool("shuffle", false);
        long seed = o.whole("seed", 0);
        // test=OTHER: a data set measured after every epoch, not trained on; it must fit the network as DATA does
        nn.lang.Word testName = o.data("test");
        DataSet test = testName == null ? null : dataSet(testName, testName.pos(), st, "train");
        long bytes = Trainer.bytesFor(st.net, data, batch, opt.name()) + (test == null ? 0 : nn.core.Evaluation.Meter.bytesFor(st.net, test));
        if (bytes > ModelCommands.memoryLimit()) {
            throw new NnError(o.pos("batch", s.pos()), "training with batch " + Math.min(batch, data.rows) + " needs " + Format.bytes(bytes) + " of buffers", "use a smaller batch");
        }

        LossCurve curve = st.curve != null ? st.curve.copy() : new LossCurve();
        long before = curve.total();
        // the test curve keeps step with the training curve, epoch for epoch: epochs trained without a test set are gaps
        LossCurve testCurve = null;
        if (test != null) {
            testCurve = st.testCurve != null ? st.testCurve.copy() : new LossCurve();
            testCurve.skip(before - testCurve.total());
        }
        // an earlier run's (or update's) optimizer goes on, moments and all, unless told otherwise: say which
        java.util.List<String> slots = OptimizerState.networkSlots(st.net);
        OptimizerState earlier = st.optimizer;
        boolean continues = earlier != null && !o.flag("fresh") && earlier.fits(opt, slots) && earlier.optimizer().steps() > 0 && !opt.name().equals("sgd");
        Trainer trainer = new Trainer(st.net, data, batch, opt, lr, shuffle, seed, continues ? earlier.copy().optimizer() : null);
        long stepsBefore = continues ? earlier.optimizer().steps() : 0;
        Session session = ctx.session();
        // a live view watching gets the loss curve five times a second; the terminal still its line once a second
        Viewer viewer = session.liveViewer();
        LossCurve tested = testCurve;
        Trainer.Result r = trainer.run(epochs, curve, test, testCurve, new Trainer.Monitor() {
            private long lastShown = System.nanoTime();

            @Override public boolean stopRequested() { return session.interruptPending(); }

            @Override public long progressNanos() { return viewer != null ? VIEW_PROGRESS_NANOS : Trainer.PROGRESS_NANOS; }

            @Override public void progress(int epoch, int total, double loss, double rate, double left) {
                if (viewer != null) {
                    // the weights as trained so far (the trainer updates this network in place) and the curve so far;
                    // the passes of before training no longer match them, so they are left out
                    State snapshot = st.copy();
                    snapshot.pass = null;
                    snapshot.grads = null;
                    snapshot.backward = null;
                    snapshot.stale = false;
                    snapshot.curve = curve.copy();
                    snapshot.testCurve = tested == null ? null : tested.copy();
                    session.showTraining(snapshot, epoch, total);
                    long now = System.nanoTime();
                    if (now - lastShown < Trainer.PROGRESS_NANOS) return;
                    lastShown = now;
                }
                ctx.emit(new Output.Progress(epoch, total, loss, rate, left, tested == null ? Double.NaN : tested.last()));
            }
        });
        if (r.fault() != null && r.fault().parametersLost()) {
            Trainer.Fault f = r.fault();
            throw new NnError(s.pos(), "training overflowed: " + f.where() + " of epoch " + f.epoch() + ", batch " + f.batch()
                    + " is not finite; nothing was changed", "use a smaller learning rate");
        }
        // an interrupt is left pending: the REPL or script running this statement stops the statements after it
        st.curve = curve;
        if (testCurve == null && st.testCurve != null) {
            testCurve = st.testCurve.copy();
            testCurve.skip(curve.total() - testCurve.total());
        }
        st.testCurve = testCurve;
        st.testedOn = test == null ? null : testName.text();
        st.optimizer = new OptimizerState(opt, java.util.List.copyOf(slots), trainer.optimizer());
        st.lossHistory = boxed(curve.losses());
        String what = dataName == null ? "the current example" : dataName.text() + " (" + data.rows + " rows)";
        int B = trainer.batch();
        ctx.info("train " + what + ": " + r.epochs() + " epoch" + (r.epochs() == 1 ? "" : "s") + " × " + trainer.batchesPerEpoch() + " batch"
                + (trainer.batchesPerEpoch() == 1 ? "" : "es") + " of " + B + (shuffle ? " (shuffled, seed " + seed + ")" : "") + ", " + OptimizerState.describe(opt)
                + (continues ? " continued from step " + stepsBefore : "")
                + ", lr = " + Format.plain(lr));
        if (r.interrupted()) {
            ctx.emit(new Output.Warning(s.pos(), "interrupted " + (r.stoppedInEpoch() > 0 ? "during epoch " + r.stoppedInEpoch() : "after epoch " + r.epochs())
                    + " of " + epochs + ": the parameters are kept as trained so far (" + r.batches() + " updates)"));
        }
        if (r.fault() != null) {
            Trainer.Fault f = r.fault();
            ctx.emit(new Output.Warning(s.pos(), (Double.isNaN(f.value()) ? "NaN" : "an infinite value") + " in " + f.where() + " at epoch " + f.epoch()
                    + ", batch " + f.batch() + ": training stopped; the parameters are those before that batch's update (use a smaller learning rate)"));
        }
        if (curve.total() > before) {
            int p = Math.max(st.precision, 4);
            double first = firstLoss(curve, before);
            boolean one = curve.total() == before + 1;
            ctx.info("loss (mean per epoch): " + (Double.isNaN(first) || one ? "" : Format.number(first, p) + " → ") + Format.number(curve.last(), p));
            if (test != null) {
                double firstTest = firstLoss(testCurve, before);
                ctx.info("test loss (mean over " + testName.text() + " after each epoch): " + (Double.isNaN(firstTest) || one ? "" : Format.number(firstTest, p) + " → ")
                        + Format.number(testCurve.last(), p));
            }
        }
        freshPass(s.pos(), ctx, data, dataName == null);
    }

    /** The loss of the first epoch of this run, if the curve still has it (it always has for short runs). */
    private static double firstLoss(LossCurve c, long before) {
        long[] e = c.epochs();
        double[] l = c.losses();
        for (int i = 0; i < e.length; i++) if (e[i] == before + 1) return l[i];
        return Double.NaN;
    }

    static List<Double> boxed(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double d : v) out.add(d);
        return out;
    }

    /**
     * After training, E and the activations are those of a new forward pass with the final parameters: on the
     * current example, or (when it is unset or does not fit) on the data set's first row, which becomes x and y.
     */
    private static void freshPass(Pos pos, Context ctx, DataSet data, boolean onExample) {
        State st = ctx.state();
        Network net = st.net;
        boolean fits;
        try {
            Value x = Example.input(st, pos);
            Example.target(st, x, pos);
            fits = true;
        } catch (NnError e) {
            fits = false;
        }
        if (!fits && !onExample) {
            st.x = Value.vector(java.util.Arrays.copyOfRange(data.X, 0, data.inputs));
            st.y = Value.vector(java.util.Arrays.copyOfRange(data.Y, 0, data.outputs));
            ctx.info("x and y are now row 0 of the data set (E and the activations are computed for it)");
        }
        Value x = Example.input(st, pos);
        ForwardPass p = net.forward(x, Example.target(st, x, pos), nn.core.graph.Twist.NONE);
        st.grads = null;
        try {
            Numerics.checkForward(p, pos);
        } catch (NnError e) {
            // the trained parameters are kept even so; only this pass is not shown
            st.pass = null;
            st.stale = false;
            ctx.emit(new Output.Warning(pos, "the forward pass on x with the trained parameters is not finite (" + e.getMessage() + "): E is not available"));
            return;
        }
        st.pass = p;
        st.backward = null;
        st.stale = false;
        Expressions.rebuild(st, w -> ctx.emit(new Output.Warning(pos, w)));
        if (p.hasLoss()) ctx.emit(new Output.Shown("E", Value.scalar(p.E()), st.precision, "forward pass with the trained parameters"));
    }

    /**
     * The data set a statement names, checked against the network; without a name, the current example as a
     * data set of one row.
     */
    static DataSet dataSet(nn.lang.Word name, Pos pos, State st, String statement) {
        Network net = st.net;
        if (name == null) {
            if (st.x == null || st.y == null) {
                throw new NnError(pos, statement + " without a data set uses the current example, but " + (st.x == null ? "x" : "y") + " is not set",
                        "set `input [...]` and `target [...]`, or name a data set: " + statement + " DATA ...");
            }
            Value x = Example.input(st, pos);
            Value y = Example.target(st, x, pos);
            int rows = x.kind() == Value.Kind.MATRIX ? x.rows() : 1;
            return new DataSet(rows, net.inputSize(), net.outputSize(), x.data().clone(), y.data().clone(), null);
        }
        Object o = st.datasets.get(name.text());
        if (!(o instanceof DataSet d)) {
            String hint = Suggest.hint(name.text(), st.datasets.keySet());
            throw new NnError(name.pos(), "no data set named '" + name.text() + "'",
                    hint != null ? hint : st.datasets.isEmpty() ? "make one with `data NAME = [[0,0] -> [0], ...]`" : "data sets: " + String.join(", ", st.datasets.keySet()));
        }
        if (d.inputs != net.inputSize()) {
            throw new NnError(name.pos(), name.text() + " has " + d.inputs + " input" + (d.inputs == 1 ? "" : "s") + " per row but layer 0 takes " + net.inputSize(), null);
        }
        if (d.outputs != net.outputSize()) {
            throw new NnError(name.pos(), name.text() + " has " + d.outputs + " target" + (d.outputs == 1 ? "" : "s") + " per row but the output layer has "
                    + net.outputSize() + " neuron" + (net.outputSize() == 1 ? "" : "s"), d.classes != null ? "its classes are " + String.join(", ", d.classes) : null);
        }
        return d;
    }
}
