package nn.cli;

import java.util.ArrayList;
import java.util.List;

/** The parsed command line. */
final class Options {
    /** A script file or inline statements (-e), in the order given. */
    record Input(String file, String text) { }

    final List<Input> inputs = new ArrayList<>();
    boolean interactive;
    boolean keepGoing;
    boolean ascii;
    boolean noColor;
    boolean debug;
    boolean help;
    boolean version;
    /** --width N: the columns pictures are laid out for (0: the terminal's, or COLUMNS, or 80). */
    int width;

    static Options parse(String[] args) {
        Options o = new Options();
        boolean files = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (files || !a.startsWith("-") || a.equals("-")) {
                o.inputs.add(new Input(a, null));
                continue;
            }
            switch (a) {
                case "--" -> files = true;
                case "-e", "--eval" -> {
                    if (i + 1 >= args.length) throw new IllegalArgumentException(a + " needs statements after it, e.g. -e 'layer relu 3->2; show net'");
                    o.inputs.add(new Input(null, args[++i]));
                }
                case "-i", "--interactive" -> o.interactive = true;
                case "-k", "--keep-going" -> o.keepGoing = true;
                case "--ascii" -> o.ascii = true;
                case "--no-color", "--no-colour" -> o.noColor = true;
                case "--debug" -> o.debug = true;
                case "-w", "--width" -> {
                    if (i + 1 >= args.length) throw new IllegalArgumentException(a + " needs a number of columns after it, e.g. --width 120");
                    o.width = columns(args[++i], a);
                }
                case "-h", "--help" -> o.help = true;
                case "-V", "--version" -> o.version = true;
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return o;
    }

    private static int columns(String text, String option) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 20 && n <= 10_000) return n;
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(option + " takes a number of columns from 20 to 10000, not '" + text + "'");
    }
}
