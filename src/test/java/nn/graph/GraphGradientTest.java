package nn.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nn.core.Value;
import nn.core.graph.Node;
import nn.lang.Source;
import nn.session.Output;
import nn.session.Session;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one backprop on 200 random expressions (every operation and function, scalars, vectors and matrices,
 * broadcasting, depth up to 8), each gradient checked two ways: against PyTorch's autograd in float64 (the same
 * expressions, translated; Debian's python3-torch, run by /usr/bin/python3) to 1e-10 relative, and against a
 * five-point central difference of nn's own forward pass. A difference of floating-point values has rounding error
 * of about ε·|f|/h: with h = 1e-3 and the O(h⁴) truncation of the five-point form, 1e-8 relative is what it can
 * certify.
 */
class GraphGradientTest {
    static final int CASES = 200;
    static final double TORCH_TOLERANCE = 1e-10;
    static final double DIFFERENCE_TOLERANCE = 1e-8;

    record Run(RandomExpressions.Case c, double f, Map<String, double[]> grads) { }

    static List<Run> runs = new ArrayList<>();

    @BeforeAll
    static void runAll() {
        for (int seed = 1; seed <= CASES; seed++) {
            RandomExpressions.Case c = new RandomExpressions(seed).generate(1 + seed % 8);
            Session s = new Session();
            run(s, RandomExpressions.leaves(c) + "f = " + c.root().nn() + "\nbackward f\n");
            Map<String, double[]> grads = new HashMap<>();
            for (String leaf : c.shapes().keySet()) grads.put(leaf, s.state().backward.of(s.state().backward.graph().node(leaf)));
            runs.add(new Run(c, value(s), grads));
        }
    }

    private static void run(Session s, String text) { nn.testing.Scripts.ok(s, text); }

    private static double value(Session s) {
        Node f = s.state().graph.node("f");
        return f.data[0];
    }

    private static boolean close(double a, double b, double tol) {
        return Math.abs(a - b) <= tol * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }

    @Test
    void theCasesCoverEveryOperation() {
        String all = String.join("\n", runs.stream().map(r -> r.c().root().nn()).toList());
        for (String op : List.of(" + ", " - ", " * ", " / ", " ^ ", " @ ", "^T", "exp(", "log(", "sqrt(", "abs(", "relu(", "leaky_relu(",
                "sigmoid(", "tanh(", "softmax(", "sum(", "mean(", "max(", "min(", "]")) {
            assertTrue(all.contains(op), "no case uses " + op);
        }
        long matrices = runs.stream().filter(r -> r.c().shapes().values().stream().anyMatch(s -> s.rank() == 2)).count();
        assertTrue(matrices > 50, "matrices in " + matrices + " cases");
    }

    @Test
    void gradientsAgreeWithPyTorch(@TempDir Path dir) throws IOException, InterruptedException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < runs.size(); i++) {
            RandomExpressions.Case c = runs.get(i).c();
            b.append("case ").append(i).append('\n');
            for (var e : c.shapes().entrySet()) {
                RandomExpressions.Shape s = e.getValue();
                b.append("leaf ").append(e.getKey()).append(' ').append(s.rank()).append(' ').append(s.rows()).append(' ').append(s.cols());
                for (double v : c.values().get(e.getKey())) b.append(' ').append(Double.toString(v));
                b.append('\n');
            }
            b.append("root ").append(c.root().torch()).append('\n');
        }
        Path cases = dir.resolve("cases.txt");
        Files.writeString(cases, b.toString(), StandardCharsets.UTF_8);
        Path script = Path.of("src/test/resources/nn/graph/torch_gradients.py").toAbsolutePath();
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), cases.toString()).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "PyTorch took too long");
        assertEquals(0, p.exitValue(), "PyTorch (Debian's python3-torch, run by /usr/bin/python3) failed:\n" + err);
        int checked = 0;
        for (String line : out.split("\n")) {
            String[] w = line.split(" ");
            Run r = runs.get(Integer.parseInt(w[1]));
            if (w[0].equals("value")) {
                assertTrue(close(r.f(), Double.parseDouble(w[2]), TORCH_TOLERANCE), "f of case " + w[1] + ": nn " + r.f() + ", PyTorch " + w[2] + "\n" + r.c().root().nn());
            } else {
                double[] g = r.grads().get(w[2]);
                double mine = g == null ? 0 : g[Integer.parseInt(w[3])];
                double torch = Double.parseDouble(w[4]);
                assertTrue(close(mine, torch, TORCH_TOLERANCE), "d f/d " + w[2] + "[" + w[3] + "] of case " + w[1] + ": nn " + mine + ", PyTorch " + torch
                        + "\n" + r.c().root().nn());
                checked++;
            }
        }
        assertTrue(checked > 1000, "gradients compared: " + checked);
    }

    @Test
    void gradientsAgreeWithFiniteDifferences() {
        int checked = 0;
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            RandomExpressions.Case c = r.c();
            Session s = new Session();
            run(s, RandomExpressions.leaves(c) + "f = " + c.root().nn() + "\n");
            for (String leaf : c.shapes().keySet()) {
                double[] v = c.values().get(leaf);
                for (int k = 0; k < v.length; k++) {
                    double h = 1e-3 * Math.max(1, Math.abs(v[k]));
                    double[] f = new double[4];
                    double[] steps = {2 * h, h, -h, -2 * h};
                    for (int t = 0; t < 4; t++) {
                        double[] w = v.clone();
                        w[k] += steps[t];
                        run(s, leaf + " = " + RandomExpressions.literal(c.shapes().get(leaf), w));
                        f[t] = value(s);
                    }
                    run(s, leaf + " = " + RandomExpressions.literal(c.shapes().get(leaf), v));
                    double numeric = (-f[0] + 8 * f[1] - 8 * f[2] + f[3]) / (12 * h);
                    double[] g = r.grads().get(leaf);
                    double mine = g == null ? 0 : g[k];
                    assertTrue(close(mine, numeric, DIFFERENCE_TOLERANCE), "d f/d " + leaf + "[" + k + "] of case " + i + ": backprop " + mine
                            + ", finite difference " + numeric + "\n" + c.root().nn());
                    checked++;
                }
            }
        }
        assertTrue(checked > 1000, "gradients checked: " + checked);
    }

    @Test
    void theValuesThemselvesAreNnsOwn() {
        // a leaf that the root does not reach has gradient 0 (micrograd's .grad stays 0): never a missing number
        for (Run r : runs) for (var e : r.grads().entrySet()) assertTrue(e.getValue() == null || e.getValue().length == r.c().shapes().get(e.getKey()).size());
        assertTrue(runs.stream().allMatch(r -> Double.isFinite(r.f())));
    }
}
