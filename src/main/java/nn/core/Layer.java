package nn.core;

/**
 * A dense layer: z = W·a_prev + b, a = f(z). {@code W} is out×in, row-major: row i holds neuron i's weights, so
 * W[i·in + j] is the reference's w_{k i j}. Arrays are mutated in place by updates and training.
 */
public final class Layer {
    public final String name;
    public final Activation activation;
    /** The activation's parameter (leaky_relu's slope); unused by the others. */
    public final double param;
    public final int in;
    public final int out;
    public final double[] W;
    public final double[] b;
    public boolean frozenW;
    public boolean frozenB;

    public Layer(String name, Activation activation, double param, int in, int out) {
        this(name, activation, param, in, out, new double[Math.multiplyExact(in, out)], new double[out]);
    }

    private Layer(String name, Activation activation, double param, int in, int out, double[] W, double[] b) {
        this.name = name;
        this.activation = activation;
        this.param = param;
        this.in = in;
        this.out = out;
        this.W = W;
        this.b = b;
    }

    public Layer copy() {
        Layer l = new Layer(name, activation, param, in, out, W.clone(), b.clone());
        l.frozenW = frozenW;
        l.frozenB = frozenB;
        return l;
    }

    public double w(int i, int j) { return W[i * in + j]; }

    public int parameterCount() { return W.length + b.length; }

    /** Bytes the parameters of a layer of this shape would take, without allocating them. */
    public static long bytesFor(long in, long out) { return (in * out + out) * Double.BYTES; }
}
