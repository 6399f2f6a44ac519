package nn.robust;

/** Random session states to run statements against: networks of every activation, passes done or not, data, settings. */
final class States {
    private States() { }

    /** Resets the session and builds a random state through statements (as a user would). */
    static void random(Harness h, Gen g) {
        h.feed("reset");
        int layers = g.random().nextInt(4);
        int in = 1 + g.random().nextInt(4);
        for (int k = 0; k < layers; k++) {
            int out = 1 + g.random().nextInt(4);
            String act = g.pick("linear", "relu", "leaky_relu", "sigmoid", "tanh", "softmax");
            h.feed("layer " + act + " " + in + "->" + out + (g.chance(0.4) ? " as " + g.pick("h", "hidden", "out", "h" + k) : ""));
            in = out;
        }
        if (g.chance(0.3)) h.feed("loss " + g.pick("half_sse", "mse", "bce", "cross_entropy"));
        if (g.chance(0.3)) h.feed(g.pick("lr = 0.1", "μ = 0.5", "eta = 1e-3"));
        if (g.chance(0.2)) h.feed("precision " + g.random().nextInt(8));
        if (g.chance(0.2)) h.feed("trace on");
        if (g.chance(0.3)) h.feed("data d = [" + g.vector(Math.max(1, h.session.state().net.inputSize())) + " -> "
                + g.vector(Math.max(1, h.session.state().net.outputSize())) + ", " + g.vector(Math.max(1, h.session.state().net.inputSize()))
                + " -> " + g.vector(Math.max(1, h.session.state().net.outputSize())) + "]");
        if (g.chance(0.2)) h.feed("train d epochs=2 lr=0.1" + (g.chance(0.5) ? " test=d" : ""));
        if (g.chance(0.15)) h.feed("freeze " + g.pick("W0", "b0", "W1"));
        if (g.chance(0.7)) h.feed("input " + g.vector(Math.max(1, h.session.state().net.inputSize())));
        if (g.chance(0.6)) h.feed("target " + g.vector(Math.max(1, h.session.state().net.outputSize())));
        if (g.chance(0.6)) h.feed("forward");
        if (g.chance(0.5)) h.feed("backward");
        if (g.chance(0.2)) h.feed("W0 = " + g.scalar());
    }
}
