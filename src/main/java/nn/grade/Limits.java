package nn.grade;

/**
 * What one submission may use while graded: wall-clock time per phase (the submission's own statements, then the
 * key's checks), heap in use (sampled; over it the submission is stopped as at the time limit), and outputs (lines it
 * may produce before it is stopped). {@code feedbackChars} bounds the feedback kept for one submission.
 */
public record Limits(long timeoutMillis, long memoryBytes, long maxOutputs, int feedbackChars) {
    public static final Limits DEFAULT = new Limits(10_000, Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 10 * 8), 100_000, 20_000);

    public Limits {
        if (timeoutMillis <= 0) throw new IllegalArgumentException("the time limit must be positive");
        if (memoryBytes <= 0) throw new IllegalArgumentException("the memory limit must be positive");
        if (maxOutputs <= 0) throw new IllegalArgumentException("the output limit must be positive");
    }

    public Limits withTimeout(long ms) { return new Limits(ms, memoryBytes, maxOutputs, feedbackChars); }

    public Limits withMemory(long bytes) { return new Limits(timeoutMillis, bytes, maxOutputs, feedbackChars); }

    public Limits withOutputs(long n) { return new Limits(timeoutMillis, memoryBytes, n, feedbackChars); }
}
