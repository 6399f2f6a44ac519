package nn.core;

/**
 * An update rule: how a parameter array p moves given its gradient g. Training hands it every parameter array that
 * is not frozen, each under a fixed slot number (so rules with memory, momentum and Adam, keep one state array per
 * slot, allocated once). {@link #beginStep()} is called once per update, before the arrays.
 */
public abstract class Optimizer {

    /** Called once at the start of every update (Adam counts its steps here). */
    public void beginStep() { }

    /** Updates p in place from g with learning rate lr. */
    public abstract void update(int slot, double[] p, double[] g, double lr);

    /** The rule and its settings, as `show` and `train` print them. */
    public abstract String describe();

    /** The names `train optimizer=...` accepts. */
    public static final java.util.List<String> NAMES = java.util.List.of("sgd", "momentum", "adam");

    /** Which rule, with its settings; {@link #create} makes a fresh optimizer (zero state) for given slot sizes. */
    public record Settings(String name, double momentum, double beta1, double beta2, double eps) {
        public static Settings sgd() { return new Settings("sgd", Momentum.DEFAULT_MU, Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2, Adam.DEFAULT_EPS); }

        public Settings named(String n) { return new Settings(n, momentum, beta1, beta2, eps); }

        public Optimizer create(int[] sizes) {
            return switch (name) {
                case "sgd" -> new Sgd();
                case "momentum" -> new Momentum(momentum, sizes);
                case "adam" -> new Adam(beta1, beta2, eps, sizes);
                default -> throw new IllegalArgumentException("unknown optimizer " + name);
            };
        }
    }
}
