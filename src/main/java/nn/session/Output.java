package nn.session;

import nn.core.Value;
import java.util.List;
import nn.lang.Diagnostic;
import nn.lang.Pos;

/**
 * What executing a statement produces, as data (JShell's way: the engine returns events, the tool prints them).
 * The cli and the repl render these with nn.text.Renderer.
 */
public sealed interface Output {

    /**
     * {@code label = value}, shown with {@code precision} decimals; {@code note} is an optional remark. A big value
     * is summarised when shown (its corners, its shape stated) unless {@code full} ({@code show W0 full}).
     */
    record Shown(String label, Value value, int precision, String note, boolean full) implements Output {
        public Shown(String label, Value value, int precision, String note) { this(label, value, precision, note, false); }
    }

    /** One line of information ("layer 0 (h): relu 3->2"). */
    record Info(String text) implements Output { }

    /** A warning tied to a statement (a shape taken as the only one that fits, a stale value). */
    record Warning(Pos pos, String text) implements Output { }

    /** A table (show net, evaluate). */
    record Table(List<String> header, List<List<String>> rows, String footer) implements Output { }

    /** Preformatted text (help, explain). */
    record Block(String text) implements Output { }

    /**
     * A picture or chart laid out when it is shown, for the screen it is shown on (draw, plot): the renderer asks
     * for it at its width in columns and says whether the output is Unicode.
     */
    /**
     * A derivation (explain, trace): its parts, rendered as text by the terminal front ends and as Markdown with math
     * by the Jupyter kernel and the live view.
     */
    record Math(java.util.List<nn.explain.Part> parts, nn.explain.Notation notation) implements Output {
        public String text() { return new nn.explain.TextMath(notation).render(parts); }
    }

    /** A file written (export, save, draw "f"): what was written, and the document itself where it is one (Markdown), else null. */
    record Written(String info, String markdown) implements Output { }

    /** A picture laid out when shown ({@code svg}: the same picture as an SVG for front ends that show images, or null). */
    record Drawing(Layout layout, java.util.function.Supplier<String> svg) implements Output {
        public Drawing(Layout layout) { this(layout, null); }

        /** The text at most {@code width} characters wide; ASCII only unless {@code unicode}. */
        @FunctionalInterface
        public interface Layout {
            String text(int width, boolean unicode);
        }

        public String text(int width, boolean unicode) { return layout.text(width, unicode); }
    }

    /** The outcome of an expect. {@code tolerance} per element; {@code hints} are computed, true explanations of a miss. */
    record Expectation(boolean passed, Pos pos, String label, String relation, Value expected, Value actual,
                       double[] tolerance, int precision, List<String> hints) implements Output { }

    /**
     * A problem (syntax or runtime error) met while running a whole source or a nested script. {@code cause} is the
     * unexpected exception behind an INTERNAL diagnostic (null otherwise): printed only with --debug.
     */
    record Problem(Diagnostic diagnostic, Throwable cause) implements Output {
        public Problem(Diagnostic diagnostic) { this(diagnostic, null); }
    }

    /** Training progress: epoch of epochs, loss, and examples per second so far. */
    /** Training's progress; {@code testLoss}: the test set's loss after the last epoch done (NaN without test=). */
    record Progress(int epoch, int epochs, double loss, double rate, double secondsLeft, double testLoss) implements Output {
        public Progress(int epoch, int epochs, double loss, double rate, double secondsLeft) { this(epoch, epochs, loss, rate, secondsLeft, Double.NaN); }
    }
}
