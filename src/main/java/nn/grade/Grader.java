package nn.grade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import nn.lang.Diagnostic;
import nn.lang.Expr;
import nn.lang.Literal;
import nn.lang.NnError;
import nn.lang.ParseResult;
import nn.lang.Parser;
import nn.lang.Pos;
import nn.lang.Ref;
import nn.lang.Source;
import nn.lang.Stmt;
import nn.session.Binding;
import nn.session.FilePolicy;
import nn.session.Output;
import nn.session.Session;
import nn.session.SourceFiles;
import nn.text.Renderer;
import nn.text.Style;

/**
 * Grades submissions against a {@link Key}, each in a fresh {@link Session} of its own, sandboxed: no file written,
 * files read only inside the submission's folder, a time limit per phase, a memory and an output limit. A
 * submission that breaks any of these gets what it earned so far and a note; nothing it does reaches another
 * submission or stops the grading.
 */
public final class Grader {
    /** Submissions larger than this are not read: an answer sheet or a course script is a few KB. */
    public static final long MAX_SUBMISSION_BYTES = 1L << 20;
    static final String WHY = "while a submission is graded";

    private final Key key;
    private final Limits limits;
    private final Renderer renderer = new Renderer(Style.PLAIN, () -> 100);

    public Grader(Key key, Limits limits) {
        this.key = key;
        this.limits = limits;
    }

    public Key key() { return key; }

    /**
     * An ANSWERS key runs clean on its own (every statement, every expect), in the sandbox; the problems found, as
     * text (empty: the key is sound). A PROGRAM key cannot run alone: its syntax was checked when it was read.
     */
    public List<String> checkKey() {
        List<String> bad = new ArrayList<>();
        if (key.kind != Key.Kind.ANSWERS) return bad;
        Session s = new Session();
        s.files(FilePolicy.sandbox(key.folder(), "while a key is checked"));
        Session.Result r = s.run(key.source, o -> {
            if (o instanceof Output.Problem || o instanceof Output.Expectation e && !e.passed()) bad.add(renderer.render(o));
        }, Session.Mode.KEEP_GOING);
        if (r.syntaxErrors() && bad.isEmpty()) bad.add("the key has syntax errors");
        return bad;
    }

    /** Grades one file. Never throws for anything the submission does. */
    public Graded grade(String student, Path file) {
        Work w = new Work(student, file);
        Source src;
        try {
            if (Files.isRegularFile(file) && Files.size(file) > MAX_SUBMISSION_BYTES) {
                return w.allWrong("the submission is too large (" + Files.size(file) + " bytes; at most " + MAX_SUBMISSION_BYTES + " are read)");
            }
            src = SourceFiles.read(file, Pos.NONE);
        } catch (NnError e) {
            return w.allWrong("the submission cannot be read: " + e.diagnostic().message());
        } catch (IOException | RuntimeException e) {
            return w.allWrong("the submission cannot be read: " + e.getMessage());
        }
        if (src.text().isBlank()) return w.allWrong("the submission is empty");
        Thread t = new Thread(null, () -> w.runGuarded(src), "nn-grade-" + student, nn.session.Session.STACK_BYTES);
        t.setDaemon(true);
        t.start();
        supervise(t, w);
        return w.result();
    }

    /** Watches the worker: the time limit of each phase, the memory and output limits; stops it when one is passed. */
    @SuppressWarnings({"deprecation", "removal"})
    private void supervise(Thread t, Work w) {
        int phase = -1;
        long deadline = 0;
        long grace = 0;
        boolean stopping = false;
        long nextGc = 0;
        Runtime rt = Runtime.getRuntime();
        while (t.isAlive()) {
            try {
                t.join(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long now = System.currentTimeMillis();
            if (w.phase != phase) {
                phase = w.phase;
                deadline = now + limits.timeoutMillis();
                stopping = false;
            }
            if (!t.isAlive()) break;
            String why = null;
            if (!stopping && now > deadline) why = "stopped at the time limit (" + seconds(limits.timeoutMillis()) + ")";
            else if (!stopping && w.outputs > limits.maxOutputs()) why = "stopped at the output limit (" + limits.maxOutputs() + " outputs)";
            else if (!stopping && rt.totalMemory() - rt.freeMemory() > limits.memoryBytes() && now >= nextGc) {
                System.gc(); // what is in use, not garbage not yet collected (at most once a second)
                nextGc = now + 1000;
                if (rt.totalMemory() - rt.freeMemory() > limits.memoryBytes()) why = "stopped at the memory limit (" + (limits.memoryBytes() >> 20) + " MiB)";
            }
            if (why != null) {
                w.note((phase == 0 ? "the submission was " : "the key's checks were ") + why + "; graded on what it had computed");
                w.session.interrupt();
                stopping = true;
                grace = now + Math.max(2000, limits.timeoutMillis() / 2);
            } else if (stopping && now > grace) {
                // a computation that does not poll for the interrupt: its session is thrown away with it
                w.abandoned = true;
                w.note("the submission did not stop when asked and was abandoned; questions not yet checked get no points");
                try {
                    t.stop();
                } catch (UnsupportedOperationException e) {
                    // newer JDKs cannot stop a thread: it runs on as a daemon, its session discarded, until nn exits
                }
                break;
            }
        }
    }

    private static String seconds(long ms) {
        return ms % 1000 == 0 ? (ms / 1000) + " s" : (ms / 1000.0) + " s";
    }

    /** One submission's grading, run on a worker thread; the supervisor reads its phase, outputs and notes. */
    private final class Work {
        final String student;
        final Path file;
        final Session session = new Session();
        /** 0: the submission's statements; 1: the key's (its checks). */
        volatile int phase;
        volatile long outputs;
        volatile boolean abandoned;
        final List<String> notes = Collections.synchronizedList(new ArrayList<>());
        final List<Graded.Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        int feedbackChars;

        Work(String student, Path file) {
            this.student = student;
            this.file = file;
        }

        void note(String text) {
            if (feedbackChars > limits.feedbackChars()) return;
            feedbackChars += text.length();
            notes.add(text);
        }

        Graded allWrong(String why) {
            note(why);
            return result();
        }

        /** Every question in the key's order: those not reached (time limit, abandoned) get no points. */
        Graded result() {
            List<Graded.Outcome> out = new ArrayList<>();
            List<Graded.Outcome> got;
            synchronized (outcomes) {
                got = new ArrayList<>(outcomes);
            }
            for (Key.Question q : key.questions) {
                Graded.Outcome o = null;
                for (Graded.Outcome g : got) if (g.question() == q) o = g;
                out.add(o != null ? o : new Graded.Outcome(q, 0, false, notes.isEmpty() ? "not checked" : "not checked: " + notes.get(notes.size() - 1), List.of()));
            }
            return new Graded(student, file.toString(), List.copyOf(out), List.copyOf(notes));
        }

        void runGuarded(Source src) {
            try {
                if (key.kind == Key.Kind.ANSWERS) answers(src);
                else program(src);
            } catch (ThreadDeath e) {
                throw e;
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError | AssertionError | LinkageError e) {
                note("grading this submission met an internal error in nn (" + e.getClass().getSimpleName() + "); questions not yet checked get no points");
            }
        }

        /** What the submission's own statements output: counted (the output limit); problems kept as notes. */
        Consumer<Output> collector() {
            int[] problems = {0};
            return o -> {
                outputs++;
                if (o instanceof Output.Problem p) {
                    if (++problems[0] <= 10) note(renderer.render(p));
                    else if (problems[0] == 11) note("(more errors not shown)");
                }
            };
        }

        // ---- answers: the key's session, the submission's numbers checked in it

        private record Answer(Stmt.Expect expect, String subject, Ref ref, int line) { }

        void answers(Source src) {
            session.files(FilePolicy.sandbox(key.folder(), WHY));
            ParseResult parsed = Parser.parse(src);
            Set<Integer> badLines = new HashSet<>();
            int shown = 0;
            for (Diagnostic d : parsed.errors()) {
                badLines.add(d.pos().line());
                if (shown++ < 10) note(renderer.render(new Output.Problem(d)));
            }
            if (!parsed.errors().isEmpty()) note("lines with syntax errors are not read as answers; the rest are graded");
            List<Answer> answers = new ArrayList<>();
            List<String> ignored = new ArrayList<>();
            for (Stmt s : parsed.built()) {
                if (badLines.contains(s.pos().line())) continue;
                Answer a = answer(s);
                if (a != null) answers.add(a);
                else if (!(s instanceof Stmt.EquationNumber)) ignored.add("line " + s.pos().line());
            }
            if (!ignored.isEmpty()) {
                note(ignored.size() + " statement" + (ignored.size() == 1 ? "" : "s") + " other than answers (" + String.join(", ", ignored.subList(0, Math.min(5, ignored.size())))
                        + (ignored.size() > 5 ? ", ..." : "") + ") did not run: the key sets the exercise up; an answer is `NAME = NUMBER` or `expect NAME = NUMBER`");
            }
            boolean[] used = new boolean[answers.size()];
            Consumer<Output> quiet = o -> outputs++;
            for (int i = 0; i < key.statements.size(); i++) {
                Stmt s = key.statements.get(i);
                Key.Question q = questionAt(i);
                if (q != null) {
                    check(q, answers, used);
                    continue;
                }
                if (isQuestionPart(i) || s instanceof Stmt.Expect) continue;
                if (session.takeInterrupt()) return;
                try {
                    session.execute(s, quiet);
                } catch (NnError e) {
                    note("the key's line " + s.pos().line() + " failed: " + e.diagnostic().message());
                }
            }
            for (int k = 0; k < answers.size(); k++) {
                if (used[k]) continue;
                Answer a = answers.get(k);
                boolean asked = false;
                for (Key.Question q : key.questions) asked |= q.ref() != null && a.ref != null && q.ref().text().equals(a.ref.text());
                note("line " + a.line + ": " + a.subject + (asked ? " is answered more often than the key asks it; only the first answer counts"
                        : " is not asked by the key; the line did not run (a submission cannot change the exercise)"));
            }
        }

        private Key.Question questionAt(int i) {
            for (Key.Question q : key.questions) if (q.index() == i) return q;
            return null;
        }

        private boolean isQuestionPart(int i) {
            for (Key.Question q : key.questions) if (q.expectIndex() == i) return true;
            return false;
        }

        /** An answer line: {@code expect X = v} or {@code X = v} (the last member of a chain), or null if it is none. */
        private Answer answer(Stmt s) {
            if (s instanceof Stmt.Expect e) {
                if (e.relation() != Stmt.Relation.EQ) return null;
                String subject = Key.subjectKey(e.subject(), e);
                return new Answer(new Stmt.Expect(e.pos(), e.subject(), Stmt.Relation.EQ, e.value(), null), subject,
                        e.subject() instanceof Ref r ? r : null, e.pos().line());
            }
            if (s instanceof Stmt.Assign a) {
                Literal lit = literal(a.value());
                if (lit == null) return null;
                return new Answer(new Stmt.Expect(a.pos(), a.target(), Stmt.Relation.EQ, lit, null), a.target().text(), a.target(), a.pos().line());
            }
            return null;
        }

        /** A number as written, or its negation ({@code -0.038} parses as minus a literal). */
        private Literal literal(Expr e) {
            if (e instanceof Literal l) return l;
            if (e instanceof Expr.Unary u && u.operand() instanceof Literal l && (u.op().equals("-") || u.op().equals("+"))) {
                if (u.op().equals("+")) return l;
                double[] v = l.values().clone();
                for (int i = 0; i < v.length; i++) v[i] = -v[i];
                return new Literal(l.form(), l.rows(), l.cols(), v, l.decimals(), l.notation(), u.pos());
            }
            return null;
        }

        /** The same value (the label aside: dE/dw100 and dE/dW1[0,0] are one). */
        private boolean same(Binding a, Binding b) {
            return a != null && b != null && a.kind() == b.kind() && a.layer() == b.layer() && a.i() == b.i() && a.j() == b.j()
                    && a.gradient() == b.gradient() && java.util.Objects.equals(a.user(), b.user()) && java.util.Objects.equals(a.of(), b.of());
        }

        private void check(Key.Question q, List<Answer> answers, boolean[] used) {
            Binding asked = q.ref() != null ? session.binding(q.ref()) : null;
            String askedText = q.ref() != null ? q.ref().text() : Key.subjectKey(q.expect().subject(), q.expect());
            int found = -1;
            for (int k = 0; k < answers.size() && found < 0; k++) {
                if (used[k]) continue;
                Answer a = answers.get(k);
                boolean match = asked != null && a.ref != null ? same(asked, session.binding(a.ref)) : Key.squeeze(a.subject).equals(Key.squeeze(askedText));
                if (match) found = k;
            }
            if (found < 0) {
                outcomes.add(new Graded.Outcome(q, 0, false, "no answer for " + q.name() + " (write `" + q.name() + " = NUMBER`)", List.of()));
                return;
            }
            used[found] = true;
            Answer a = answers.get(found);
            int required = q.expect() != null ? decimals(q.expect().value(), session.precision()) : session.precision();
            Literal given = a.expect.value();
            int[] dec = given.decimals().clone();
            boolean raised = false;
            for (int i = 0; i < dec.length; i++) {
                int d = dec[i] >= 0 ? dec[i] : required;
                if (d < required) raised = true;
                dec[i] = Math.max(d, required);
            }
            Literal strict = new Literal(given.form(), given.rows(), given.cols(), given.values(), dec, given.notation(), given.pos());
            Stmt.Expect e = new Stmt.Expect(a.expect.pos(), a.expect.subject(), Stmt.Relation.EQ, strict, null);
            checkExpect(q, e, raised ? "checked to " + required + " decimals, as the key asks" : null);
        }

        /** The most decimals a key's number is written with (whole numbers: the session's precision). */
        private int decimals(Literal l, int precision) {
            int d = -1;
            for (int x : l.decimals()) d = Math.max(d, x);
            return d >= 0 ? d : precision;
        }

        /** Runs an expect in the session and turns what it said into an outcome of {@code q}. */
        private void checkExpect(Key.Question q, Stmt.Expect e, String remark) {
            List<Output.Expectation> seen = new ArrayList<>();
            try {
                session.execute(e, o -> {
                    if (o instanceof Output.Expectation x) seen.add(x);
                });
            } catch (NnError err) {
                outcomes.add(new Graded.Outcome(q, 0, false, renderer.render(new Output.Problem(err.diagnostic())), List.of()));
                return;
            }
            if (seen.isEmpty()) {
                outcomes.add(new Graded.Outcome(q, 0, false, "not checked", List.of()));
                return;
            }
            Output.Expectation x = seen.get(0);
            List<String> slips = new ArrayList<>();
            for (String h : x.hints()) {
                String slip = Slips.name(h);
                if (slip != null) slips.add(slip);
            }
            String text = x.passed() ? "right: " + x.label() + " = " + Renderer.inline(x.actual(), x.precision() + 1) : renderer.render(x);
            if (remark != null) text += "\n(" + remark + ")";
            outcomes.add(new Graded.Outcome(q, x.passed() ? q.points() : 0, x.passed(), text, List.copyOf(new LinkedHashSet<>(slips))));
        }

        // ---- programs: the submission runs, then the key's statements and expects in its session

        void program(Source src) {
            Path folder = file.toAbsolutePath().getParent();
            session.files(FilePolicy.sandbox(folder != null ? folder : Path.of("").toAbsolutePath(), WHY));
            Session.Result r = session.run(src, collector(), Session.Mode.KEEP_GOING);
            if (r.syntaxErrors()) note("the script has syntax errors: nothing of it ran");
            phase = 1;
            session.takeInterrupt();
            session.files(FilePolicy.sandbox(key.folder(), WHY));
            Consumer<Output> quiet = o -> outputs++;
            for (int i = 0; i < key.statements.size(); i++) {
                Stmt s = key.statements.get(i);
                if (session.takeInterrupt()) return;
                Key.Question q = null;
                for (Key.Question k : key.questions) if (k.expectIndex() == i) q = k;
                if (q != null) {
                    checkExpect(q, q.expect(), null);
                    continue;
                }
                if (s instanceof Stmt.Command c && c.keyword().equals("ask")) continue;
                try {
                    session.execute(s, quiet);
                } catch (NnError e) {
                    note("the key's line " + s.pos().line() + " (" + s.text() + ") failed on this submission's network: " + e.diagnostic().message());
                }
            }
        }
    }
}
