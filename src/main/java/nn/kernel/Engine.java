package nn.kernel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the Jupyter kernel asks of a language: the protocol ({@link Kernel}) knows nothing of nn, the engine knows
 * nothing of Jupyter. Positions are UTF-16 indices into {@code code} (the protocol converts Jupyter's code points).
 * {@link SessionEngine} is the engine over nn's {@code Session}; tests give their own.
 */
public interface Engine {

    /** The language as kernel_info_reply describes it. */
    Info info();

    /**
     * Runs one cell. Every output goes to {@code out} as soon as it is produced, in order (the kernel publishes each
     * at once, so a long {@code train} shows its progress); the result lists them again with the outcome. Called
     * from one thread at a time; {@link #interrupt()} may be called from another meanwhile.
     */
    Result execute(String code, Consumer<Display> out);

    /** {@link #execute(String, Consumer)} with the outputs only in the result. */
    default Result execute(String code) { return execute(code, d -> { }); }

    /** What may replace {@code code[start, end)} at {@code cursor} (Tab). */
    Completion complete(String code, int cursor);

    /** Help on what is at {@code cursor} (Shift-Tab); {@code detail} 0 or 1 as Jupyter asks. */
    Help inspect(String code, int cursor, int detail);

    /** Whether {@code code} is a whole input or needs more lines (an unclosed bracket). */
    Completeness isComplete(String code);

    /** Stops the running cell at its next check (a long {@code train} keeps the parameters it reached). Any thread. */
    void interrupt();

    /** kernel_info_reply's language_info and banner. */
    record Info(String name, String version, String mimetype, String fileExtension, String banner, String implementationVersion) { }

    /** Where an output goes: a stream, a display (rich MIME data), the cell's result (Out[n]), or an update of a display. */
    enum Kind { STDOUT, STDERR, DISPLAY, RESULT, UPDATE }

    /**
     * One output: a MIME bundle ({@code text/plain} always; {@code image/svg+xml}, {@code text/markdown} where there is
     * more) and, for a display that is later updated in place (training progress), its id.
     */
    record Display(Kind kind, Map<String, String> data, String displayId) {
        public Display {
            if (!data.containsKey(PLAIN)) throw new IllegalArgumentException("every output has text/plain");
            data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
        }

        public static Display stdout(String text) { return new Display(Kind.STDOUT, Map.of(PLAIN, text), null); }

        public static Display stderr(String text) { return new Display(Kind.STDERR, Map.of(PLAIN, text), null); }

        public String text() { return data.get(PLAIN); }
    }

    String PLAIN = "text/plain";
    String SVG = "image/svg+xml";
    String MARKDOWN = "text/markdown";

    /**
     * Why a cell failed: Jupyter's error (ename, evalue, traceback). The traceback is nn's own message, line by line
     * (a caret under the place, a hint), never a Java trace.
     */
    record Failure(String ename, String evalue, List<String> traceback) { }

    /** A cell's outputs and, when it failed, why ({@code failure} null: it succeeded). */
    record Result(List<Display> outputs, Failure failure) {
        public boolean ok() { return failure == null; }
    }

    /** Completions of the text between {@code start} and {@code end}; {@code types} has each match's group, or is empty. */
    record Completion(List<String> matches, int start, int end, List<String> types) { }

    /** Inspection's answer: found or not, and a MIME bundle. */
    record Help(boolean found, Map<String, String> data) {
        public static final Help NONE = new Help(false, Map.of());
    }

    enum Completeness { COMPLETE, INCOMPLETE, INVALID }
}
