package nn.repl;

import nn.session.Session;
import nn.text.Style;

/** The interactive REPL (JLine): placeholder entry point until the REPL feature lands. */
public final class Repl {
    private Repl() { }

    public static int start(Session session, Style style, boolean debug) {
        System.err.println("nn: the interactive REPL is not built yet; run a script: nn FILE.nn");
        return 64;
    }
}
