package nn.cli;

import java.util.function.IntSupplier;
import nn.text.Renderer;

/**
 * How many columns pictures are laid out for when scripts run: --width, else COLUMNS (when exported), else the
 * terminal's width when standard output is one, else {@link Renderer#DEFAULT_WIDTH}. The terminal is asked only
 * when a picture is first shown, so scripts that draw nothing pay nothing for it.
 */
final class Columns {
    private Columns() { }

    static IntSupplier of(int option, String env, boolean terminal) {
        if (option > 0) return () -> option;
        int fromEnv = parse(env);
        if (fromEnv > 0) return () -> fromEnv;
        if (!terminal) return () -> Renderer.DEFAULT_WIDTH;
        return new IntSupplier() {
            private int asked;

            @Override
            public int getAsInt() {
                if (asked == 0) asked = terminalWidth();
                return asked;
            }
        };
    }

    static int parse(String env) {
        if (env == null) return 0;
        try {
            int n = Integer.parseInt(env.strip());
            return n >= 20 ? n : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The terminal's width, or the default where it cannot be told. */
    private static int terminalWidth() {
        int w = nn.repl.Repl.terminalWidth();
        return w >= 20 ? w : Renderer.DEFAULT_WIDTH;
    }
}
