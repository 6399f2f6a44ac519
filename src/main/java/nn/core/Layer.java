package nn.core;

/**
 * A dense layer: z = W·a_prev + b, a = f(z). {@code W} is out×in, row-major: row i holds neuron i's weights, so
 * W[i·in + j] is the reference's w_{k i j}. The biases are one per neuron, one shared by the layer (as some textbooks
 * have it), or none. Arrays are mutated in place by updates and training.
 */
public final class Layer {
    /** How a layer's biases are kept: {@code b} has out numbers, one, or none. */
    public enum Bias { PER_NEURON, SHARED, NONE }

    public final String name;
    public final Activation activation;
    /** The activation's parameter (leaky_relu's slope); unused by the others. */
    public final double param;
    public final int in;
    public final int out;
    public final Bias bias;
    public final double[] W;
    public final double[] b;
    public boolean frozenW;
    public boolean frozenB;

    public Layer(String name, Activation activation, double param, int in, int out) {
        this(name, activation, param, in, out, Bias.PER_NEURON);
    }

    public Layer(String name, Activation activation, double param, int in, int out, Bias bias) {
        this(name, activation, param, in, out, bias, new double[Math.multiplyExact(in, out)], new double[biases(bias, out)]);
    }

    private Layer(String name, Activation activation, double param, int in, int out, Bias bias, double[] W, double[] b) {
        this.name = name;
        this.activation = activation;
        this.param = param;
        this.in = in;
        this.out = out;
        this.bias = bias;
        this.W = W;
        this.b = b;
    }

    static int biases(Bias bias, int out) {
        return switch (bias) {
            case PER_NEURON -> out;
            case SHARED -> 1;
            case NONE -> 0;
        };
    }

    public Layer copy() { return with(W.clone(), b.clone()); }

    /** This layer over other parameter arrays (of the same sizes): what a recorded pass computed with. */
    Layer with(double[] weights, double[] biases) {
        Layer l = new Layer(name, activation, param, in, out, bias, weights, biases);
        l.frozenW = frozenW;
        l.frozenB = frozenB;
        return l;
    }

    public double w(int i, int j) { return W[i * in + j]; }

    /** The bias neuron i adds (the shared one for every neuron; 0 without biases). */
    public double bias(int i) {
        return switch (bias) {
            case PER_NEURON -> b[i];
            case SHARED -> b[0];
            case NONE -> 0;
        };
    }

    public boolean hasBias() { return bias != Bias.NONE; }

    /** The shape of b as a value: a vector of out, one number, or nothing. */
    public Shape biasShape() { return bias == Bias.SHARED ? Shape.SCALAR : Shape.vector(out); }

    public int parameterCount() { return W.length + b.length; }

    /** Bytes the parameters of a layer of this shape would take, without allocating them. */
    public static long bytesFor(long in, long out) { return (in * out + out) * Double.BYTES; }
}
