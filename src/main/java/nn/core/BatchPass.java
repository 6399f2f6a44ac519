package nn.core;

import java.util.HashMap;
import java.util.Map;
import nn.core.graph.Backprop;
import nn.core.graph.Backward;
import nn.core.graph.Graph;
import nn.core.graph.Node;

/**
 * The network's graph over a batch of rows, built once and evaluated again and again in place: the training loop,
 * evaluation and gradcheck run it millions of times without allocating. Its leaves are the network's own parameter
 * arrays (so updates made between calls are seen by the next pass) and batch buffers of up to {@code capacity}
 * rows; a shorter last batch gets a graph of its own over the same arrays. The numbers are the graph's, computed by
 * the same operations as every other pass.
 */
public final class BatchPass {
    private final Network net;
    public final int capacity;
    private final double[] X;
    private final double[] Y;
    /** ∂E/∂W[k] (out × in) and ∂E/∂b[k] of the batch's loss: the same arrays for every batch size. */
    public final double[][] dW;
    public final double[][] dB;
    private final Map<Integer, Pass> passes = new HashMap<>();
    private Pass last;

    /** The graph for one number of rows, and the arrays its backward pass writes again each time. */
    private record Pass(ForwardPass p, Backward reuse, double[] seed) { }

    public BatchPass(Network net, int capacity) {
        this(net, capacity, new double[Math.multiplyExact(capacity, net.inputSize())], new double[Math.multiplyExact(capacity, net.outputSize())]);
    }

    /** A pass over the caller's arrays X (rows × inputs) and Y (rows × outputs): a whole data set as one batch. */
    public BatchPass(Network net, int capacity, double[] X, double[] Y) {
        if (net.isEmpty()) throw new IllegalArgumentException("no layers");
        this.net = net;
        this.capacity = capacity;
        this.X = X;
        this.Y = Y;
        int L = net.depth();
        dW = new double[L][];
        dB = new double[L][];
        for (int k = 0; k < L; k++) {
            dW[k] = new double[net.layer(k).W.length];
            dB[k] = new double[net.layer(k).b.length];
        }
    }

    /** Bytes the buffers of a pass over {@code capacity} rows of this network take. */
    public static long bytesFor(Network net, long capacity) {
        long n = 0;
        for (Layer l : net.layers()) n += 4 * capacity * l.out + l.W.length + l.out;
        return n * Double.BYTES;
    }

    /** The input buffer (capacity × inputs) to fill with a batch's rows. */
    public double[] inputs() { return X; }

    /** The target buffer (capacity × outputs). */
    public double[] targets() { return Y; }

    public int depth() { return net.depth(); }

    public Layer layer(int k) { return net.layer(k); }

    /** The pass of the last {@link #forward}: its nodes hold the values. */
    public ForwardPass pass() { return last.p(); }

    /** The outputs of the last forward pass (rows × outputs). */
    public double[] output() { return last.p().output(); }

    public double[] pre(int k) { return last.p().z()[k]; }

    public double[] act(int k) { return last.p().a()[k]; }

    private Pass graph(int rows) {
        return passes.computeIfAbsent(rows, r -> {
            Graph g = new Graph();
            Node x = g.shared("x", Shape.matrix(r, net.inputSize()), X);
            Node y = g.shared("y", Shape.matrix(r, net.outputSize()), Y);
            ForwardPass p = net.buildShared(g, x, y);
            double[][] grads = new double[g.size()][];
            for (int k = 0; k < net.depth(); k++) {
                grads[p.weightNode(k).id] = dW[k];
                if (p.biasNode(k) != null) grads[p.biasNode(k).id] = dB[k];
            }
            return new Pass(p, new Backward(g, p.lossNode(), grads, new double[g.size()][]), Backprop.ones(p.lossNode()));
        });
    }

    /** Forward pass over the first {@code rows} rows of X (rows × inputs); X is copied in unless it is this pass's own buffer. */
    public void forward(double[] X, int rows) {
        if (X != this.X) System.arraycopy(X, 0, this.X, 0, rows * net.inputSize());
        forward(rows);
    }

    /** Forward pass over the first {@code rows} rows of the input buffer. */
    public void forward(int rows) {
        last = graph(rows);
        last.p().graph().evaluate();
    }

    /** The sum over rows of each row's loss against Y (rows × outputs), from the last forward pass. */
    public double lossSum(double[] Y, int rows) {
        if (Y != this.Y) {
            System.arraycopy(Y, 0, this.Y, 0, rows * net.outputSize());
            last.p().graph().evaluate(); // the loss again, with these targets
        }
        return lossSum(rows);
    }

    public double lossSum(int rows) {
        double[] r = last.p().exampleLosses().data;
        double s = 0;
        for (int i = 0; i < rows; i++) s += r[i];
        return s;
    }

    /** The batch's loss E: the mean (or, as the network says, the sum) of its rows' losses. */
    public double loss() { return last.p().E(); }

    /** Backward pass for the batch's loss: fills dW and dB of every layer. X and Y must be those the forward pass used. */
    public void backward(double[] X, double[] Y, int rows) { backward(rows); }

    public void backward(int rows) {
        Pass p = graph(rows);
        Backprop.run(p.p().graph(), p.p().lossNode(), p.seed(), nn.core.graph.Twist.NONE, p.reuse());
    }
}
