package nn.repl;

import java.util.Map;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;

/**
 * JLine's line reader, redrawing the line only when no more keys are waiting. Text pasted into a terminal without
 * bracketed paste (or while a statement runs) arrives as a burst of keys; redrawing and highlighting after each of
 * them made 1000 lines take many seconds. The line is still drawn in full when it is accepted.
 */
final class ReplLineReader extends LineReaderImpl {

    ReplLineReader(Terminal terminal, String appName, Map<String, Object> variables) {
        super(terminal, appName, variables);
    }

    /** The redraw after each key (the final one on accepting a line is {@code redisplay(boolean)}, not this). */
    @Override
    public boolean redisplay() {
        if (keysWaiting()) return true;
        return super.redisplay();
    }

    private boolean keysWaiting() {
        try {
            return terminal.reader().available() > 0;
        } catch (RuntimeException e) {
            return false; // a reader that cannot tell: draw as usual
        }
    }
}
