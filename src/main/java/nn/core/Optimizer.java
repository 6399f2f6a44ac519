package nn.core;

import java.util.List;

/**
 * An update rule: how a parameter array p moves given its gradient g. Every parameter array that is not frozen has a
 * fixed slot number, so rules with memory (momentum, Adam) keep one state array per slot, allocated once; the state
 * lasts from one update to the next (two `update optimizer=adam` are two Adam steps) and is copied with the session.
 * {@link #beginStep()} is called once per update, before the arrays.
 */
public abstract class Optimizer {

    /** Called once at the start of every update (Adam counts its steps here). */
    public void beginStep() { }

    /** Updates p in place from g with learning rate lr. */
    public abstract void update(int slot, double[] p, double[] g, double lr);

    /** An independent copy, state and all (a statement works on a copy of the session). */
    public abstract Optimizer copy();

    /** The updates made so far. */
    public abstract long steps();

    /** The named state of a slot, as `show m_W0` names it ("m", "v" for Adam; "v", the velocity, for momentum). */
    public abstract double[] state(String name, int slot);

    /** The names of the state arrays this rule keeps. */
    public abstract List<String> stateNames();

    /** The names `train optimizer=...` accepts. */
    public static final List<String> NAMES = List.of("sgd", "momentum", "adam");

    /**
     * Which rule, with its settings (PyTorch's: momentum μ with optional Nesterov, Adam's β1, β2, ε, and the L2
     * weight decay both add to the gradient); {@link #create} makes a fresh optimizer (zero state) for given slot sizes.
     */
    public record Settings(String name, double momentum, double beta1, double beta2, double eps, boolean nesterov, double weightDecay) {
        public Settings(String name, double momentum, double beta1, double beta2, double eps) {
            this(name, momentum, beta1, beta2, eps, false, 0);
        }

        public static Settings sgd() { return new Settings("sgd", Momentum.DEFAULT_MU, Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2, Adam.DEFAULT_EPS); }

        public Settings named(String n) { return new Settings(n, momentum, beta1, beta2, eps, nesterov, weightDecay); }

        // equals and hashCode as a record's, written out: the generated ones are bootstrapped through
        // java.lang.runtime.ObjectMethods on first use, which cost ~20-40 ms of method-handle set-up in the first
        // `step` of a session (issue 19). Doubles compare as Double.compare does, as a record's do.
        @Override public boolean equals(Object o) {
            return o instanceof Settings s && java.util.Objects.equals(name, s.name) && Double.compare(momentum, s.momentum) == 0
                    && Double.compare(beta1, s.beta1) == 0 && Double.compare(beta2, s.beta2) == 0 && Double.compare(eps, s.eps) == 0
                    && nesterov == s.nesterov && Double.compare(weightDecay, s.weightDecay) == 0;
        }

        @Override public int hashCode() {
            int h = java.util.Objects.hashCode(name);
            h = 31 * h + Double.hashCode(momentum);
            h = 31 * h + Double.hashCode(beta1);
            h = 31 * h + Double.hashCode(beta2);
            h = 31 * h + Double.hashCode(eps);
            h = 31 * h + Boolean.hashCode(nesterov);
            return 31 * h + Double.hashCode(weightDecay);
        }

        public Optimizer create(int[] sizes) {
            return switch (name) {
                case "sgd" -> new Sgd(weightDecay);
                case "momentum" -> new Momentum(momentum, nesterov, weightDecay, sizes);
                case "adam" -> new Adam(beta1, beta2, eps, weightDecay, sizes);
                default -> throw new IllegalArgumentException("unknown optimizer " + name);
            };
        }
    }
}
