package nn.robust;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import nn.cli.Main;
import nn.session.Session;

/** nn's command line run in-process with captured streams. */
record Cli(int code, String out, String err) {

    static Cli run(String... args) { return run(Session::new, args); }

    static Cli run(Supplier<Session> sessions, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, o, e, false, sessions);
        }
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** How many times {@code s} occurs in standard error. */
    int inErr(String s) {
        int n = 0;
        for (int i = err.indexOf(s); i >= 0; i = err.indexOf(s, i + 1)) n++;
        return n;
    }

    /** True when no Java stack trace is anywhere in the output. */
    boolean noStackTrace() { return !(out + err).contains("\tat ") && !(out + err).contains("Exception in thread"); }

    @Override public String toString() { return "exit " + code + "\n--- out:\n" + out + "\n--- err:\n" + err; }
}
