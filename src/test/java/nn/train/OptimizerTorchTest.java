package nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import nn.testing.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every optimizer, as a student drives it (`step lr=… optimizer=…` three times in a row), against torch.optim in
 * float64 (Debian's python3-torch, run by /usr/bin/python3) on 60 seeded random problems: activations, losses (the
 * per-element ones with PyTorch's own loss classes), bias per neuron, none or shared, batches of 1 to 4 rows, mean and
 * sum, momentum with and without Nesterov, Adam with ε = 0 among others, weight decay. The parameters after the last
 * step and the optimizer's state (m_W0, v_W0: torch's exp_avg, exp_avg_sq, momentum_buffer) agree to 1e-12.
 */
class OptimizerTorchTest {
    private static final double TOLERANCE = 1e-12;
    private static final int CASES = 60;
    private static final int STEPS = 3;

    /** One random problem: the nn script, the case for PyTorch, and what nn computed. */
    private record Case(String script, String torch, Map<String, double[]> nn) { }

    private static String num(double v) { return Double.toString(v); }

    private static String list(double[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) b.append(i > 0 ? ", " : "").append(num(v[i]));
        return b.append(']').toString();
    }

    private static String matrix(double[] v, int rows, int cols) {
        StringBuilder b = new StringBuilder("[");
        for (int r = 0; r < rows; r++) {
            double[] row = new double[cols];
            System.arraycopy(v, r * cols, row, 0, cols);
            b.append(r > 0 ? ", " : "").append(list(row));
        }
        return b.append(']').toString();
    }

    private static String words(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double d : v) b.append(' ').append(num(d));
        return b.toString();
    }

    private static Case make(int seed) {
        Random rnd = new Random(seed);
        String[] hidden = {"relu", "tanh", "sigmoid", "linear", "leaky_relu"};
        String[] losses = {"half_sse", "mse", "bce", "bce_logits", "cross_entropy_logits", "cross_entropy_softmax"};
        String lossCase = losses[seed % losses.length];
        int in = 2 + rnd.nextInt(3), mid = 2 + rnd.nextInt(2), out = lossCase.startsWith("cross") ? 2 + rnd.nextInt(2) : 1 + rnd.nextInt(3);
        int rows = 1 + rnd.nextInt(4);
        String h = hidden[rnd.nextInt(hidden.length)];
        String last = switch (lossCase) {
            case "bce" -> "sigmoid";
            case "cross_entropy_softmax" -> "softmax";
            case "bce_logits", "cross_entropy_logits" -> "linear";
            default -> hidden[rnd.nextInt(4)];
        };
        String nnLoss = switch (lossCase) {
            case "cross_entropy_logits" -> rnd.nextBoolean() ? "CrossEntropyLoss" : "cross_entropy";
            case "cross_entropy_softmax" -> "cross_entropy";
            case "bce_logits" -> "BCEWithLogitsLoss";
            case "mse" -> rnd.nextBoolean() ? "mse" : "MSELoss";
            default -> lossCase;
        };
        String reduction = rnd.nextBoolean() ? "mean" : "sum";
        String[] biasModes = {"true", "false", "shared"};
        String[] acts = {h, last};
        int[][] sizes = {{in, mid}, {mid, out}};
        StringBuilder s = new StringBuilder();
        StringBuilder t = new StringBuilder("case " + seed + "\n");
        List<String> bias = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            // one bias shared by a softmax's inputs shifts them all alike: its gradient is 0 up to rounding, and Adam
            // would divide that rounding noise by its own root mean square, so the case says nothing
            String bm = biasModes[rnd.nextInt(k == 1 && lossCase.startsWith("cross") ? 2 : 3)];
            bias.add(bm);
            s.append("layer ").append(acts[k]).append(' ').append(sizes[k][0]).append("->").append(sizes[k][1])
                    .append(acts[k].equals("leaky_relu") ? " slope=0.1" : "").append(" bias=").append(bm).append('\n');
            t.append("layer ").append(acts[k]).append(' ').append(sizes[k][0]).append(' ').append(sizes[k][1]).append(' ')
                    .append(bm.equals("true") ? "neuron" : bm.equals("false") ? "none" : "shared").append(" 0.1\n");
        }
        s.append("loss ").append(nnLoss).append(" reduction=").append(reduction).append('\n');
        t.append("loss ").append(lossCase).append(' ').append(reduction).append('\n');
        for (int k = 0; k < 2; k++) {
            double[] W = new double[sizes[k][0] * sizes[k][1]];
            for (int i = 0; i < W.length; i++) W[i] = rnd.nextGaussian();
            s.append('W').append(k).append(" = ").append(matrix(W, sizes[k][1], sizes[k][0])).append('\n');
            t.append("W ").append(k).append(words(W)).append('\n');
            if (!bias.get(k).equals("false")) {
                double[] b = new double[bias.get(k).equals("shared") ? 1 : sizes[k][1]];
                for (int i = 0; i < b.length; i++) b[i] = 0.5 * rnd.nextGaussian();
                s.append('b').append(k).append(" = ").append(list(b)).append('\n');
                t.append("b ").append(k).append(words(b)).append('\n');
            }
        }
        double[] X = new double[rows * in];
        for (int i = 0; i < X.length; i++) X[i] = rnd.nextGaussian();
        double[] Y = new double[rows * out];
        for (int r = 0; r < rows; r++) {
            if (lossCase.startsWith("cross")) Y[r * out + rnd.nextInt(out)] = 1;
            else for (int i = 0; i < out; i++) Y[r * out + i] = lossCase.startsWith("bce") ? rnd.nextDouble() : rnd.nextGaussian();
        }
        s.append("input ").append(rows == 1 && rnd.nextBoolean() ? list(X) : matrix(X, rows, in)).append('\n');
        s.append("target ").append(rows == 1 ? list(Y) : matrix(Y, rows, out)).append('\n');
        t.append("x ").append(rows).append(' ').append(in).append(words(X)).append('\n');
        t.append("y ").append(rows).append(' ').append(out).append(words(Y)).append('\n');
        String[] opts = {"sgd", "momentum", "adam"};
        String opt = opts[(seed / 2) % 3];
        double lr = List.of(0.5, 0.1, 0.01).get(rnd.nextInt(3));
        double mu = 0.5 + 0.45 * rnd.nextDouble();
        boolean nesterov = opt.equals("momentum") && rnd.nextBoolean();
        double b1 = rnd.nextBoolean() ? 0.9 : 0.5 + 0.4 * rnd.nextDouble();
        double b2 = rnd.nextBoolean() ? 0.999 : 0.9 + 0.09 * rnd.nextDouble();
        // ε = 0 only where no gradient is exactly 0 at every step (a dead ReLU's is: 0/0, which nn refuses, PyTorch NaNs)
        double eps = h.equals("relu") || last.equals("relu") ? 1e-8 : List.of(0.0, 1e-8, 1e-3).get(rnd.nextInt(3));
        double wd = rnd.nextInt(3) == 0 ? 0.01 : 0;
        StringBuilder options = new StringBuilder("lr=" + num(lr) + " optimizer=" + opt);
        if (opt.equals("momentum")) options.append(" momentum=").append(num(mu)).append(nesterov ? " nesterov" : "");
        if (opt.equals("adam")) options.append(" beta1=").append(num(b1)).append(" beta2=").append(num(b2)).append(" eps=").append(num(eps));
        if (wd != 0) options.append(" weight_decay=").append(num(wd));
        for (int i = 0; i < STEPS; i++) s.append("step ").append(options).append('\n');
        t.append(String.format(Locale.ROOT, "opt %s %s %s %s %s %s %s %s%n", opt, num(lr), num(mu), nesterov, num(b1), num(b2), num(eps), num(wd)));
        t.append("steps ").append(STEPS).append('\n');
        List<String> names = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            names.add("W" + k);
            if (!bias.get(k).equals("false")) names.add("b" + k);
        }
        List<String> state = new ArrayList<>();
        for (String n : names) {
            if (opt.equals("adam")) state.addAll(List.of("m_" + n, "v_" + n));
            if (opt.equals("momentum")) state.add("v_" + n);
        }
        List<String> shown = new ArrayList<>(names);
        shown.addAll(state);
        s.append("show ").append(String.join(" ", shown)).append('\n');
        Scripts.Run r = Scripts.ok(s.toString());
        Map<String, double[]> got = new HashMap<>();
        for (String n : shown) got.put(n, r.shown(n).value().data());
        return new Case(s.toString(), t.toString(), got);
    }

    @Test
    void everyOptimizerStepsAsTorchOptimDoes(@TempDir Path dir) throws IOException, InterruptedException {
        List<Case> cases = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        for (int seed = 0; seed < CASES; seed++) {
            Case c = make(seed);
            cases.add(c);
            all.append(c.torch());
        }
        Path file = dir.resolve("cases.txt");
        Files.writeString(file, all.toString(), StandardCharsets.UTF_8);
        Path script = Path.of("src/test/resources/nn/train/torch_optimizers.py").toAbsolutePath();
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), file.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "PyTorch took too long");
        assertEquals(0, p.exitValue(), "PyTorch (Debian's python3-torch, run by /usr/bin/python3) failed:\n" + err);
        int params = 0, states = 0;
        for (String line : out.split("\n")) {
            String[] w = line.split(" ");
            if (w[0].equals("loss")) continue;
            Case c = cases.get(Integer.parseInt(w[1]));
            double[] mine = c.nn().get(w[2]);
            if (mine == null) throw new AssertionError(w[2] + " is not shown by nn for case " + w[1] + ":\n" + c.script());
            double torch = Double.parseDouble(w[4]);
            double nn = mine[Integer.parseInt(w[3])];
            assertTrue(Math.abs(nn - torch) <= TOLERANCE * Math.max(1, Math.abs(torch)),
                    w[2] + "[" + w[3] + "] after " + STEPS + " steps: nn " + nn + ", PyTorch " + torch + "\n" + c.script());
            if (w[0].equals("param")) params++; else states++;
        }
        assertTrue(params > 500, "parameters compared: " + params);
        assertTrue(states > 300, "optimizer state compared: " + states);
    }
}
