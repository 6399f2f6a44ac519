package nn.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import nn.cli.Main;
import nn.core.Value;
import nn.lang.Source;
import nn.session.Output;
import nn.session.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exercises from 100 seeds: every one has nice numbers by the rules (checked here on its own passes, not by
 * the generator's check), and its key grades its own worked solution as full marks and the blank sheet as none.
 */
class ExerciseTest {
    @TempDir Path dir;

    static final List<Exercise.Spec> SHAPES = List.of(
            new Exercise.Spec(new int[] {3, 2, 1}, List.of("relu", "sigmoid"), "half_sse", 0, 0.1),
            new Exercise.Spec(new int[] {2, 3, 1}, List.of("tanh", "sigmoid"), "bce", 0, 0.5),
            new Exercise.Spec(new int[] {3, 3, 2}, List.of("relu", "softmax"), "cross_entropy", 0, 0.1),
            new Exercise.Spec(new int[] {2, 2, 2, 1}, List.of("relu", "tanh", "linear"), "mse", 0, 0.05),
            new Exercise.Spec(new int[] {4, 2, 1}, List.of("leaky_relu", "sigmoid"), "half_sse", 0, 0.1));

    static IntStream seeds() { return IntStream.range(0, 100); }

    static Exercise.Spec spec(int seed) {
        Exercise.Spec s = SHAPES.get(seed % SHAPES.size());
        return new Exercise.Spec(s.sizes(), s.activations(), s.loss(), seed * 7919L + 1, s.lr());
    }

    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])-?\\d+(\\.\\d+)?(?![\\w>])");

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void niceNumbersAndAKeyThatGradesItsOwnSolution(int seed) throws Exception {
        Exercise.Spec spec = spec(seed);
        Exercise.Made m = Exercise.make(spec, "ex", null);

        // given numbers: one or two decimals
        for (String line : m.setup().split("\n")) {
            if (line.startsWith("layer") || line.startsWith("loss")) continue;
            Matcher k = NUMBER.matcher(line.substring(line.indexOf(' ') + 1));
            while (k.find()) {
                String n = k.group();
                int d = n.contains(".") ? n.length() - n.indexOf('.') - 1 : 0;
                assertTrue(d <= 2, "seed " + seed + ": " + n + " in " + line);
            }
        }
        // the passes, computed afresh: no ReLU kink, no saturated sigmoid or tanh, gradients not all zero
        Session s = new Session();
        Session.Result r = s.run(new Source("t", m.setup() + "forward\nbackward\n"), o -> { }, Session.Mode.SCRIPT);
        assertTrue(r.ok(), "seed " + seed);
        int depth = spec.sizes().length - 1;
        for (int k = 0; k < depth; k++) {
            String act = spec.activations().get(k);
            Value z = show(s, k == depth - 1 ? "o_pre" : "z" + k);
            for (double v : z.data()) {
                if (act.contains("relu")) assertTrue(Math.abs(v) >= 0.05, "seed " + seed + ": z" + k + " = " + v + " at the kink");
                if (act.equals("sigmoid")) assertTrue(Math.abs(v) <= 3, "seed " + seed + ": sigmoid saturated at " + v);
                if (act.equals("tanh")) assertTrue(Math.abs(v) <= 2, "seed " + seed + ": tanh saturated at " + v);
            }
            double most = 0;
            for (double g : show(s, "dE/dW" + k).data()) most = Math.max(most, Math.abs(g));
            assertTrue(most >= 0.0005, "seed " + seed + ": dE/dW" + k + " all zero at three decimals");
        }

        // the key grades its worked solution full marks, the blank sheet none, one slip less than full
        Path keyFile = dir.resolve("ex_key.nn");
        Files.writeString(keyFile, m.key());
        Key key = Key.of(keyFile, new Source(keyFile.toString(), m.key()), null);
        assertEquals(Key.Kind.ANSWERS, key.kind);
        Grader g = new Grader(key, Limits.DEFAULT);
        assertEquals(List.of(), g.checkKey(), "seed " + seed);
        Path sol = dir.resolve("solution.nn");
        Files.writeString(sol, m.solution());
        Graded full = g.grade("solution", sol);
        assertEquals(full.max(), full.score(), "seed " + seed + ": " + Reports.feedback(full));
        assertEquals(key.maxScore(), full.max());
        Path sheet = dir.resolve("sheet.nn");
        Files.writeString(sheet, m.sheet());
        assertEquals(0, g.grade("sheet", sheet).score(), "seed " + seed);
        String eLine = m.solution().lines().filter(l -> l.startsWith("E = ")).findFirst().orElseThrow();
        double e = Double.parseDouble(eLine.substring(4));
        Path slip = dir.resolve("slip.nn");
        Files.writeString(slip, m.solution().replace(eLine, "E = " + Exercise.num(e * 2 + 0.01, 3)));
        Graded one = g.grade("slip", slip);
        assertEquals(full.max() - 1, one.score(), "seed " + seed);

        // reproducible from the seed
        assertEquals(m.key(), Exercise.make(spec, "ex", null).key());
    }

    static Value show(Session s, String name) {
        Value[] v = {null};
        s.run(new Source("t", "show " + name), o -> {
            if (o instanceof Output.Shown sh) v[0] = sh.value();
        }, Session.Mode.SCRIPT);
        return v[0];
    }

    @Test
    void variantsDifferPerStudentAndAreReproducible() {
        Exercise.Spec base = spec(7);
        String alice = Exercise.make(base.forStudent("alice@uni.it"), "ex", null).setup();
        assertEquals(alice, Exercise.make(base.forStudent("alice@uni.it"), "ex", null).setup());
        assertNotEquals(alice, Exercise.make(base.forStudent("bob@uni.it"), "ex", null).setup());
        assertNotEquals(alice, Exercise.make(spec(8).forStudent("alice@uni.it"), "ex", null).setup());
    }

    @Test
    void theCommandWritesProblemKeySheetAndPictureAndVariants() throws Exception {
        Path stem = dir.resolve("week3/ex1");
        Run r = nn("exercise", "layers=3-2-1", "activations=relu,sigmoid", "loss=half_sse", "seed=7", stem.toString());
        assertEquals(0, r.code, r.err);
        for (String f : List.of("ex1.md", "ex1.tex", "ex1.svg", "ex1.png", "ex1_key.nn", "ex1_sheet.nn", "ex1_solution.nn")) {
            assertTrue(Files.size(dir.resolve("week3").resolve(f)) > 0, f);
        }
        assertTrue(Files.readString(dir.resolve("week3/ex1.md")).contains("![the network](ex1.svg)"));
        String tex = Files.readString(dir.resolve("week3/ex1.tex"));
        assertTrue(tex.contains("\\includegraphics") && tex.contains("\\begin{bmatrix}") && tex.contains("\\end{document}"));
        assertTrue(Files.readString(dir.resolve("week3/ex1.svg")).contains("<svg"));
        Run g = nn("grade", dir.resolve("week3/ex1_key.nn").toString(), dir.resolve("week3/ex1_solution.nn").toString());
        assertEquals(0, g.code, g.err);
        assertTrue(g.out.contains("1 submission, mean 10 of 10"), g.out);

        Files.writeString(dir.resolve("roster.csv"), "name,id\nAlice,s001\nBob,s002\n");
        Run v = nn("exercise", "layers=2-2-1", "activations=tanh,sigmoid", "seed=3", dir.resolve("hw/ex2").toString(), "--variants", dir.resolve("roster.csv").toString());
        assertEquals(0, v.code, v.err);
        String a = Files.readString(dir.resolve("hw/ex2/s001/ex2_key.nn"));
        String b = Files.readString(dir.resolve("hw/ex2/s002/ex2_key.nn"));
        assertNotEquals(a, b);
        // each student is graded against their own variant: a copied solution gets nothing
        Path subs = Files.createDirectories(dir.resolve("subs"));
        Files.copy(dir.resolve("hw/ex2/s001/ex2_solution.nn"), subs.resolve("s001.nn"));
        Files.copy(dir.resolve("hw/ex2/s001/ex2_solution.nn"), subs.resolve("s002.nn"));
        Run graded = nn("grade", dir.resolve("hw/ex2").toString(), subs.toString(), "--csv", dir.resolve("grades.csv").toString());
        assertEquals(0, graded.code, graded.err);
        List<String> csv = Files.readAllLines(dir.resolve("grades.csv"));
        assertTrue(csv.get(1).startsWith("s001,") && csv.get(1).endsWith(",10,10"), csv.get(1));
        assertTrue(csv.get(2).startsWith("s002,") && csv.get(2).endsWith(",0,10"), csv.get(2));

        Run bad = nn("exercise", "layers=3-2-1", "activations=relu", "ex3");
        assertEquals(Main.USAGE, bad.code);
        assertTrue(bad.err.contains("activations= needs 2"), bad.err);
    }

    record Run(int code, String out, String err) { }

    static Run nn(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8), false);
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }
}
