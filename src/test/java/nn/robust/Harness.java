package nn.robust;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nn.lang.Diagnostic;
import nn.lang.NnError;
import nn.lang.ParseResult;
import nn.lang.Parser;
import nn.lang.Pos;
import nn.lang.Source;
import nn.lang.Stmt;
import nn.lang.Str;
import nn.session.Output;
import nn.session.Session;
import nn.text.Diagnostics;
import nn.text.Renderer;
import nn.text.Style;

/**
 * Feeds text through the parser and the session as the REPL does and checks the robustness contract on the way:
 * the parser returns diagnostics and never throws; a statement either succeeds or throws {@link NnError}; every
 * diagnostic has a real position and is not INTERNAL (that would be a bug in nn); a failing statement leaves the state
 * bit-identical (and the expect counters as they were); every output renders. Statements that would write or read
 * files outside the sandbox are skipped.
 */
final class Harness {
    final Session session = new Session();
    private final Path sandbox;
    /** Compare fingerprints around every failing statement (off for the long session, where only memory is measured). */
    private final boolean checkAtomicity;
    /** Per statement kind: {succeeded, failed}. */
    final Map<String, int[]> counts = new TreeMap<>();
    int skipped;
    /** Time spent executing each kind of statement (for keeping the long session fast). */
    final Map<String, Long> nanos = new TreeMap<>();
    int syntaxErrors;
    /** Statements that only look: even when they succeed the state stays bit-identical. */
    static final java.util.Set<String> READ_ONLY = java.util.Set.of("Show", "Expect", "Help", "Explain", "Predict");
    private final Renderer colour = new Renderer(new Style(true, true));
    private final Renderer ascii = new Renderer(new Style(false, false));
    private String current = "";

    Harness(Path sandbox, boolean checkAtomicity) {
        this.sandbox = sandbox.toAbsolutePath().normalize();
        this.checkAtomicity = checkAtomicity;
    }

    /** Parses {@code text} (origin "<repl>") and runs its statements one by one. */
    void feed(String text) { feed(text, "<repl>"); }

    /** Parses {@code text} as coming from {@code origin} (a script path: its `run`s resolve beside it) and runs it all. */
    void feed(String text, String origin) {
        current = text;
        ParseResult parsed;
        try {
            parsed = Parser.parse(new Source(origin, text));
        } catch (Throwable t) {
            throw new AssertionError("the parser threw on " + show(text), t);
        }
        if (parsed.statements().isEmpty() && parsed.errors().isEmpty() && !parsed.incomplete() && !text.isBlank() && hasCode(text)) {
            // text with code in it that parses to nothing and reports nothing would be silently lost
            fail("no statements and no errors for " + show(text));
        }
        for (Diagnostic d : parsed.errors()) {
            syntaxErrors++;
            check(d, "syntax");
        }
        if (!parsed.ok()) return;
        for (Stmt s : parsed.statements()) execute(s);
    }

    private static boolean hasCode(String text) {
        for (String line : text.split("\r\n|\r|\n", -1)) {
            String t = line;
            int hash = t.indexOf('#');
            if (hash >= 0) t = t.substring(0, hash);
            int slashes = t.indexOf("//");
            if (slashes >= 0) t = t.substring(0, slashes);
            t = t.replaceAll("\\$|\\\\tag\\*?\\{[^}]*}", " "); // pasted LaTeX's $$ and \tag{n} read as spaces
            if (t.chars().allMatch(c -> c == ';' || blank(c))) continue;
            return true;
        }
        return false;
    }

    /** The grammar's WS and NEWLINE characters. */
    private static boolean blank(int c) {
        return c == ' ' || c == '\t' || c == '\f' || c == '\r' || c == '\n' || c == '\u00A0' || (c >= '\u2000' && c <= '\u200B')
                || c == '\u202F' || c == '\u205F' || c == '\u3000' || c == '\uFEFF';
    }

    void execute(Stmt s) {
        String kind = s.getClass().getSimpleName();
        if (!sandboxed(s)) {
            skipped++;
            return;
        }
        Map<String, String> before = checkAtomicity ? Fingerprint.of(session.state()) : null;
        int failedExpects = session.failedExpects();
        int passedExpects = session.passedExpects();
        List<Output> outs = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            session.execute(s, outs::add);
            counts.computeIfAbsent(kind, k -> new int[2])[0]++;
            if (checkAtomicity && READ_ONLY.contains(kind)) {
                List<String> changed = Fingerprint.changed(before, Fingerprint.of(session.state()));
                if (!changed.isEmpty()) fail(kind + " only looks, but it changed the state (" + changed + "): " + show(current));
            }
        } catch (NnError e) {
            counts.computeIfAbsent(kind, k -> new int[2])[1]++;
            check(e.diagnostic(), kind, e);
            if (checkAtomicity) {
                List<String> changed = Fingerprint.changed(before, Fingerprint.of(session.state()));
                if (!changed.isEmpty()) fail("failing " + kind + " changed the state (" + changed + "): " + show(current) + "\n  error: " + e.getMessage());
            }
            if (session.failedExpects() != failedExpects || session.passedExpects() != passedExpects) {
                fail("failing " + kind + " changed the expect counters: " + show(current));
            }
        } catch (Throwable t) {
            throw new AssertionError(t.getClass().getSimpleName() + " escaped Session.execute for " + kind + ": " + show(current), t);
        }
        nanos.merge(kind, System.nanoTime() - t0, Long::sum);
        for (Output o : outs) {
            if (o instanceof Output.Problem p) check(p.diagnostic(), kind + " (nested)", p.cause());
            try {
                colour.render(o);
                if (checkAtomicity) ascii.render(o); // the long session renders once: it is there for memory, not looks
            } catch (Throwable t) {
                throw new AssertionError("rendering " + o.getClass().getSimpleName() + " threw after " + show(current), t);
            }
        }
    }

    private void check(Diagnostic d, String what) { check(d, what, null); }

    private void check(Diagnostic d, String what, Throwable cause) {
        if (d.kind() == Diagnostic.Kind.INTERNAL) {
            throw new AssertionError("internal error (a bug in nn) in " + what + " for " + show(current) + ": " + d.message(),
                    cause != null && cause.getCause() != null ? cause.getCause() : cause);
        }
        Pos p = d.pos();
        if (!p.known() || p.column() < 1) fail(what + " diagnostic without a position: " + d.message() + " for " + show(current));
        if (p.line() - p.source().firstLine() >= p.source().lines().size()) {
            fail(what + " diagnostic at line " + p.line() + " past the end of its source: " + d.message() + " for " + show(current));
        }
        if (p.column() > p.lineText().length() + 1) {
            fail(what + " diagnostic at column " + p.column() + " past the end of its line (" + p.lineText().length() + " chars): "
                    + d.message() + " for " + show(current));
        }
        if (d.message() == null || d.message().isBlank()) fail(what + " diagnostic without a message for " + show(current));
        try {
            Diagnostics.render(d, new Style(true, true));
            Diagnostics.render(d, new Style(false, false));
        } catch (Throwable t) {
            throw new AssertionError("rendering a diagnostic threw for " + show(current), t);
        }
    }

    /** True when every file name in the statement (at any depth) is an absolute path inside the sandbox. */
    private boolean sandboxed(Object o) {
        if (o instanceof Str s) {
            try {
                Path p = Path.of(s.text());
                return p.isAbsolute() && p.normalize().startsWith(sandbox);
            } catch (RuntimeException e) {
                return true; // not a valid path at all (a NUL in it): nothing can be written there, and it must fail cleanly
            }
        }
        if (o instanceof List<?> l) {
            for (Object e : l) if (!sandboxed(e)) return false;
            return true;
        }
        if (o instanceof Record r && !(o instanceof Pos)) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                if (c.getType() == Pos.class || c.getType().isPrimitive()) continue;
                try {
                    if (!sandboxed(c.getAccessor().invoke(r))) return false;
                } catch (ReflectiveOperationException e) {
                    return false;
                }
            }
        }
        return true;
    }

    static String show(String text) {
        String t = text.length() > 400 ? text.substring(0, 400) + "… (" + text.length() + " chars)" : text;
        return "«" + t.replace("\n", "⏎") + "»";
    }

    String coverage() {
        StringBuilder b = new StringBuilder();
        counts.forEach((k, v) -> b.append(k).append(' ').append(v[0]).append('/').append(v[1]).append("  "));
        return b + " skipped " + skipped + ", syntax errors " + syntaxErrors;
    }
}
