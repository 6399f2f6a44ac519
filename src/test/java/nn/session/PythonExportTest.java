package nn.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import nn.core.Value;
import nn.lang.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export numpy} and {@code export pytorch}: the programs run in /usr/bin/python3 (Debian's python3-numpy and
 * python3-torch; missing ones fail the test) over the reference example and 60 seeded random networks (every
 * activation, loss, reduction and bias mode, single examples and batches, sgd, momentum with and without Nesterov,
 * adam, weight decay, frozen parameters, optimizers continuing earlier steps), and every number they print is set
 * against what nn shows for the same name, computed by a separate session doing forward, backward, update, forward:
 * to 1e-12 relative (x and y bit for bit: they are the literals the program was written with).
 */
class PythonExportTest {
    static final double TOLERANCE = 1e-12;
    static final int CASES = 60;
    static final List<String> ACTIVATIONS = List.of("linear", "relu", "leaky_relu", "sigmoid", "tanh", "softmax");
    static final List<String> LOSSES = List.of("half_sse", "mse", "bce", "cross_entropy", "bce_logits", "cross_entropy_logits");

    /** A case: the statements that build it, earlier updates, the update's options, and whether export follows a step. */
    record Case(String name, String setup, String before, String options, boolean afterStep) { }

    static String run(Session s, String text) {
        List<Output> out = new ArrayList<>();
        Session.Result r = s.run(new Source("<t>", text), out::add, false);
        if (!r.ok()) fail("nn failed on\n" + text + "\n" + out);
        return out.toString();
    }

    static Value show(Session s, String name) {
        List<Output> out = new ArrayList<>();
        Session.Result r = s.run(new Source("<t>", "show " + name), out::add, false);
        if (!r.ok()) fail("nn cannot show " + name + ": " + out);
        for (Output o : out) if (o instanceof Output.Shown sh) return sh.value();
        throw new AssertionError("no value shown for " + name + ": " + out);
    }

    static String d(double v) { return Double.toString(v); }

    static String vec(double[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) b.append(i > 0 ? ", " : "").append(d(v[i]));
        return b.append(']').toString();
    }

    static String mat(double[] v, int rows, int cols) {
        StringBuilder b = new StringBuilder("[");
        for (int r = 0; r < rows; r++) {
            b.append(r > 0 ? ", " : "").append(vec(java.util.Arrays.copyOfRange(v, r * cols, (r + 1) * cols)));
        }
        return b.append(']').toString();
    }

    static Case random(int seed) {
        Random rnd = new Random(seed);
        String loss = LOSSES.get(seed % LOSSES.size());
        int depth = 1 + rnd.nextInt(3);
        int[] sizes = new int[depth + 1];
        for (int i = 0; i <= depth; i++) sizes[i] = 1 + rnd.nextInt(4);
        if (loss.startsWith("cross")) sizes[depth] = 2 + rnd.nextInt(3);
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < depth; k++) {
            String act = ACTIVATIONS.get(rnd.nextInt(ACTIVATIONS.size()));
            if (k == depth - 1) {
                act = switch (loss) {
                    case "bce" -> "sigmoid";
                    case "cross_entropy" -> List.of("softmax", "linear", "sigmoid").get(rnd.nextInt(3));
                    default -> act;
                };
            }
            String bias = List.of("true", "shared", "false").get(rnd.nextInt(3));
            b.append("layer ").append(act).append(' ').append(sizes[k]).append("->").append(sizes[k + 1]);
            if (rnd.nextInt(3) == 0 && k < depth - 1) b.append(" as h").append(k);
            if (act.equals("leaky_relu")) b.append(" slope=").append(d(0.05 + 0.3 * rnd.nextDouble()));
            b.append(" bias=").append(bias).append('\n');
            double[] W = new double[sizes[k] * sizes[k + 1]];
            for (int i = 0; i < W.length; i++) W[i] = rnd.nextGaussian();
            b.append("W").append(k).append(" = ").append(mat(W, sizes[k + 1], sizes[k])).append('\n');
            if (bias.equals("true")) {
                double[] v = new double[sizes[k + 1]];
                for (int i = 0; i < v.length; i++) v[i] = 0.5 * rnd.nextGaussian();
                b.append("b").append(k).append(" = ").append(vec(v)).append('\n');
            } else if (bias.equals("shared")) {
                b.append("b").append(k).append(" = ").append(d(0.5 * rnd.nextGaussian())).append('\n');
            }
        }
        b.append("loss ").append(loss).append(rnd.nextBoolean() ? " reduction=sum" : "").append('\n');
        int rows = rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(4); // 0: one example as a vector
        int in = sizes[0], out = sizes[depth];
        double[] X = new double[Math.max(rows, 1) * in], Y = new double[Math.max(rows, 1) * out];
        for (int i = 0; i < X.length; i++) X[i] = rnd.nextGaussian();
        for (int r = 0; r < Math.max(rows, 1); r++) {
            if (loss.startsWith("cross") && rnd.nextBoolean()) Y[r * out + rnd.nextInt(out)] = 1;
            else if (loss.startsWith("cross")) {
                double s = 0;
                for (int i = 0; i < out; i++) s += Y[r * out + i] = rnd.nextDouble();
                for (int i = 0; i < out; i++) Y[r * out + i] /= s;
            } else for (int i = 0; i < out; i++) Y[r * out + i] = loss.startsWith("bce") ? rnd.nextDouble() : rnd.nextGaussian();
        }
        b.append("input ").append(rows == 0 ? vec(X) : mat(X, rows, in)).append('\n');
        b.append("target ").append(rows == 0 ? vec(Y) : mat(Y, rows, out)).append('\n');
        if (rnd.nextInt(4) == 0) b.append("freeze ").append(rnd.nextBoolean() ? "W0" : "W" + (depth - 1)).append('\n');
        String lr = d(0.01 + 0.2 * rnd.nextDouble());
        String options = "lr=" + lr + switch (rnd.nextInt(6)) {
            case 0 -> "";
            case 1 -> " weight_decay=0.001";
            case 2 -> " optimizer=momentum momentum=" + d(0.5 + 0.4 * rnd.nextDouble());
            case 3 -> " optimizer=momentum nesterov=true weight_decay=" + d(0.01 * rnd.nextDouble());
            case 4 -> " optimizer=adam";
            default -> " optimizer=adam beta1=0.8 beta2=0.99 eps=1e-6 weight_decay=" + d(0.01 * rnd.nextDouble());
        };
        StringBuilder before = new StringBuilder();
        int earlier = rnd.nextInt(3);
        for (int i = 0; i < earlier; i++) before.append("step ").append(options).append('\n');
        return new Case("case " + seed, b.toString(), before.toString(), options, rnd.nextBoolean());
    }

    static Case reference() {
        return new Case("the reference", nn.testing.Scripts.SEED, "", "lr=0.1", true);
    }

    /** nn's numbers, section by section, as a session doing forward, backward, update and forward shows them. */
    static Map<String, Map<String, Value>> expected(Case c, Map<String, List<String>> printed) {
        Session s = new Session();
        run(s, c.setup() + c.before());
        run(s, "forward\nbackward");
        Map<String, Map<String, Value>> out = new LinkedHashMap<>();
        Map<String, Value> m = new LinkedHashMap<>();
        for (String sec : List.of("forward", "backward")) for (String n : printed.getOrDefault(sec, List.of())) m.put(n, show(s, n));
        out.put("forward", m);
        out.put("backward", m);
        run(s, "update " + c.options());
        Map<String, Value> u = new LinkedHashMap<>();
        for (String n : printed.getOrDefault("update", List.of())) u.put(n, show(s, n));
        out.put("update", u);
        run(s, "forward");
        Map<String, Value> f = new LinkedHashMap<>();
        for (String n : printed.getOrDefault("forward after the update", List.of())) f.put(n, show(s, n));
        out.put("forward after the update", f);
        return out;
    }

    /** Writes both programs of a case with nn's export, as the case says (after a step, or with the update's options). */
    static void export(Case c, Path np, Path pt) {
        Session s = new Session();
        run(s, c.setup() + c.before());
        String q = "\"" + np.toString().replace("\\", "/") + "\"", r = "\"" + pt.toString().replace("\\", "/") + "\"";
        if (c.afterStep()) run(s, "step " + c.options() + "\nforward\nexport numpy " + q + "\nexport pytorch " + r);
        else run(s, "export numpy " + q + " " + c.options() + "\nexport torch " + r + " " + c.options());
    }

    /** A printed value: its numbers and its nesting (0 a number, 1 a list, 2 a list of lists). */
    record Printed(double[] data, int depth) { }

    static Printed parse(String text) {
        String t = text.strip();
        int depth = 0;
        while (depth < t.length() && t.charAt(depth) == '[') depth++;
        String flat = t.replace("[", " ").replace("]", " ").replace(",", " ").strip();
        if (flat.isEmpty()) return new Printed(new double[0], depth);
        String[] w = flat.split("\\s+");
        double[] v = new double[w.length];
        for (int i = 0; i < w.length; i++) v[i] = switch (w[i]) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(w[i]);
        };
        return new Printed(v, depth);
    }

    static boolean close(double a, double b) {
        return Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }

    /** Runs every program in one python3 (numpy and torch imported once); its output per program. */
    static Map<String, String> runPython(Path dir, List<Path> programs) throws Exception {
        Path driver = dir.resolve("driver.py");
        Files.writeString(driver, """
                import contextlib, io, runpy, sys, traceback
                import numpy, torch
                for path in sys.argv[1:]:
                    buf = io.StringIO()
                    try:
                        with contextlib.redirect_stdout(buf):
                            runpy.run_path(path, run_name="__main__")
                        out = buf.getvalue()
                    except BaseException:
                        out = buf.getvalue() + "!! " + traceback.format_exc().replace("\\n", " | ") + "\\n"
                    print("@@ " + path)
                    print(out, end="")
                """, StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", driver.toString()));
        for (Path p : programs) cmd.add(p.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("PYTHONIOENCODING", "utf-8");
        pb.redirectError(dir.resolve("stderr.txt").toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "python3 took too long");
        String err = Files.readString(dir.resolve("stderr.txt"));
        assertEquals(0, p.exitValue(), "/usr/bin/python3 with numpy and torch (Debian's python3-numpy, python3-torch) failed:\n" + err);
        Map<String, String> byProgram = new LinkedHashMap<>();
        String current = null;
        StringBuilder b = new StringBuilder();
        for (String line : out.split("\n", -1)) {
            if (line.startsWith("@@ ")) {
                if (current != null) byProgram.put(current, b.toString());
                current = line.substring(3);
                b.setLength(0);
            } else b.append(line).append('\n');
        }
        if (current != null) byProgram.put(current, b.toString());
        return byProgram;
    }

    /** The program's output by section: name → printed text. */
    static Map<String, Map<String, String>> sections(String out) {
        Map<String, Map<String, String>> s = new LinkedHashMap<>();
        Map<String, String> cur = null;
        for (String line : out.split("\n")) {
            if (line.isBlank()) continue;
            if (line.startsWith("!! ")) fail("the program failed: " + line);
            if (line.startsWith("# ")) {
                cur = new LinkedHashMap<>();
                s.put(line.substring(2), cur);
                continue;
            }
            int eq = line.indexOf(" = ");
            assertTrue(cur != null && eq > 0, "not NAME = value: " + line);
            cur.put(line.substring(0, eq), line.substring(eq + 3));
        }
        return s;
    }

    /** Every number the program printed against nn's own; returns how many were compared. */
    static int compare(Case c, String program, String out, String kind) {
        Map<String, Map<String, String>> got = sections(out);
        assertEquals(List.of("forward", "backward", "update", "forward after the update"), new ArrayList<>(got.keySet()), kind + " of " + c.name() + ":\n" + out);
        Map<String, List<String>> names = new LinkedHashMap<>();
        for (var e : got.entrySet()) names.put(e.getKey(), new ArrayList<>(e.getValue().keySet()));
        Map<String, Map<String, Value>> want = expected(c, names);
        int n = 0;
        for (var sec : got.entrySet()) {
            for (var e : sec.getValue().entrySet()) {
                Value v = want.get(sec.getKey()).get(e.getKey());
                Printed p = parse(e.getValue());
                String where = kind + " of " + c.name() + ", " + sec.getKey() + ": " + e.getKey() + " = " + e.getValue() + ", nn " + java.util.Arrays.toString(v.data())
                        + "\n" + c.setup() + c.before() + (c.afterStep() ? "step " : "export ") + c.options() + "\n" + program;
                assertEquals(v.data().length, p.data().length, where);
                assertEquals(switch (v.kind()) { case SCALAR -> 0; case VECTOR -> 1; case MATRIX -> 2; }, p.depth(), "shape: " + where);
                for (int i = 0; i < p.data().length; i++) {
                    if (e.getKey().equals("x") || e.getKey().equals("y")) {
                        assertEquals(Double.doubleToLongBits(v.data()[i]), Double.doubleToLongBits(p.data()[i]), "bit for bit: " + where);
                    }
                    assertTrue(close(v.data()[i], p.data()[i]), where);
                    n++;
                }
            }
        }
        // what must be there: every layer's values and parameters, the loss before and after
        assertTrue(got.get("forward").containsKey("E") && got.get("forward after the update").containsKey("E"), kind + " of " + c.name());
        assertTrue(got.get("update").containsKey("W0") && got.get("backward").containsKey("dE/dW0"), kind + " of " + c.name());
        return n;
    }

    @Test
    void programsComputeNnsNumbers(@TempDir Path dir) throws Exception {
        List<Case> cases = new ArrayList<>();
        cases.add(reference());
        for (int seed = 1; seed <= CASES; seed++) cases.add(random(seed));
        List<Path> programs = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Path np = dir.resolve("c" + i + "_numpy.py"), pt = dir.resolve("c" + i + "_torch.py");
            export(cases.get(i), np, pt);
            programs.add(np);
            programs.add(pt);
        }
        Map<String, String> out = runPython(dir, programs);
        int numbers = 0;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < cases.size(); i++) {
            for (int j = 0; j < 2; j++) {
                Path prog = programs.get(2 * i + j);
                String o = out.get(prog.toString());
                assertTrue(o != null, "no output from " + prog);
                numbers += compare(cases.get(i), Files.readString(prog), o, j == 0 ? "numpy" : "pytorch");
            }
            String setup = cases.get(i).setup() + cases.get(i).options();
            for (String w : List.of("softmax", "leaky_relu", "bias=shared", "bias=false", "reduction=sum", "momentum", "nesterov", "adam", "freeze", "[[")) {
                if (setup.contains(w)) seen.add(w);
            }
        }
        assertEquals(Set.of("softmax", "leaky_relu", "bias=shared", "bias=false", "reduction=sum", "momentum", "nesterov", "adam", "freeze", "[["), seen, "the cases cover");
        assertTrue(numbers > 3000, "numbers compared: " + numbers);
    }

    @Test
    void theReferenceProgramPrintsTheReferencesNumbers(@TempDir Path dir) throws Exception {
        Path np = dir.resolve("seed.py"), pt = dir.resolve("seed_torch.py");
        export(reference(), np, pt);
        Map<String, String> out = runPython(dir, List.of(np, pt));
        for (String o : out.values()) {
            assertTrue(o.contains("E = 0.13819457541721228"), o);
            assertTrue(o.contains("dE/dW1 = [[0.03801431364480071, 0.0]]"), o);
            assertTrue(o.contains("# forward after the update"), o);
        }
        String torch = Files.readString(pt);
        assertTrue(torch.contains("torch.nn.Linear(3, 2)") && torch.contains("torch.optim.SGD(") && torch.contains("torch.nn.MSELoss(reduction=\"sum\")"), torch);
    }

    @Test
    void exportWithoutAnUpdateOrRateSaysWhatItNeeds(@TempDir Path dir) {
        Session s = new Session();
        run(s, nn.testing.Scripts.SEED);
        List<Output> out = new ArrayList<>();
        Session.Result r = s.run(new Source("<t>", "export numpy \"" + dir.resolve("a.py").toString().replace("\\", "/") + "\""), out::add, false);
        assertTrue(!r.ok() && out.toString().contains("export needs a learning rate"), out.toString());
        out.clear();
        r = s.run(new Source("<t>", "export markdown \"" + dir.resolve("a.md").toString().replace("\\", "/") + "\" lr=0.1"), out::add, false);
        assertTrue(!r.ok() && out.toString().contains("lr= is for export numpy and export pytorch"), out.toString());
    }
}
