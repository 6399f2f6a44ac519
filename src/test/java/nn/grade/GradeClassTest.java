package nn.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.grack.nanojson.JsonArray;
import com.grack.nanojson.JsonObject;
import com.grack.nanojson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import nn.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A class of 30 submissions graded end to end through `nn grade`: 20 answer sheets of the reference example (right
 * ones, the classic slips, a syntax error, random bytes, one that tries to change the exercise or write a file) and
 * 10 programs that must train XOR (right ones, one that trains forever, one that writes and reads files outside its
 * folder, a syntax error, random bytes, a wrong network). Every student gets the grade and feedback a careful
 * teacher would; the Gradescope JSON and JUnit XML parse; nothing is written but the reports; it finishes in time.
 */
class GradeClassTest {
    @TempDir Path dir;

    static final String SEED_KEY = nn.testing.Scripts.SEED + """
            forward
            expect o = 0.526
            ask E points=2
            expect E = 0.138
            backward
            ask dE/dw100 points=2
            expect dE/dw100 = 0.038
            ask dE/dw000 points=2
            update lr=0.1
            ask w100
            """;

    /** The right answers of the reference, as students write them (several notations). */
    static final String RIGHT = "o = 0.526\nE = 0.138\ndE/dw100 = 0.038\ndE/dw000 = 0.083\nw100 = 0.696\n";

    record Case(String name, String text, double score, List<String> feedback) { }

    static List<Case> answerSheets() {
        return List.of(
                new Case("a01_right", RIGHT, 8, List.of()),
                new Case("a02_right_expect", "expect o = 0.526\nexpect E = 0.138\nexpect dE/dw100 = 0.038\nexpect dE/dw000 = 0.083\nexpect w100 = 0.696\n", 8, List.of()),
                new Case("a03_right_more_digits", "o = 0.52573\nE = 0.13819\ndE/dW1[0,0] = 0.03801\ndE/dw000 = 0.08258\nw100 = 0.69620\n", 8, List.of()),
                new Case("a04_right_chain", "E = 1/2 * (0 − 0.526)^2 = 0.138\no = 0.526\n∂E/∂w100 = 0.038\ndE/dw000 = 0.083\nw_{100} = 0.696\n", 8, List.of()),
                new Case("a05_right_other_order", "w100 = 0.696\ndE/dw000 = 0.083\ndE/dw100 = 0.038\nE = 0.138\no = 0.526\n", 8, List.of()),
                new Case("a06_no_half", "o = 0.526\nE = 0.276\ndE/dw100 = 0.076\ndE/dw000 = 0.165\nw100 = 0.692\n", 1,
                        List.of("without the ½")),
                new Case("a07_sign", "o = 0.526\nE = 0.138\ndE/dw100 = -0.038\ndE/dw000 = -0.083\nw100 = 0.704\n", 3, List.of("sign flipped", "w + μ")),
                new Case("a08_no_sigma_prime", "o = 0.526\nE = 0.138\ndE/dw100 = 0.152\ndE/dw000 = 0.083\nw100 = 0.696\n", 6, List.of("without")),
                new Case("a09_truncated", "o = 0.525\nE = 0.138\ndE/dw100 = 0.038\ndE/dw000 = 0.082\nw100 = 0.696\n", 5, List.of("cut off")),
                new Case("a10_too_few_digits", "o = 0.53\nE = 0.14\ndE/dw100 = 0.04\ndE/dw000 = 0.08\nw100 = 0.7\n", 0, List.of("checked to 3 decimals")),
                new Case("a11_syntax", "o = 0.526\nE = = 0.138\ndE/dw100 = 0.038\ndE/dw000 = 0.083\nw100 = 0.696\n", 6, List.of("syntax error")),
                new Case("a12_changes_exercise", "W0 = [[0, 0, 0], [0, 0, 0]]\nlayer linear 1->1\nreset\no = 0.526\nE = 0.138\ndE/dw100 = 0.038\ndE/dw000 = 0.083\nw100 = 0.696\n", 8,
                        List.of("cannot change the exercise", "did not run")),
                new Case("a13_writes_file", "save \"../stolen.nn\"\nexport markdown \"STOLEN/x.md\"\n" + RIGHT, 8, List.of("did not run")),
                new Case("a14_cheat_tolerance", "expect o = 0.5 ± 1\nexpect E > 0\ndE/dw100 = 0.038\n", 2, List.of()),
                new Case("a15_empty", "\n\n", 0, List.of("empty")),
                new Case("a16_partial", "o = 0.526\n", 1, List.of("no answer for E")),
                new Case("a17_wrong_shape", "o = [0.526, 0.1]\nE = 0.138\ndE/dw100 = 0.038\ndE/dw000 = 0.083\nw100 = 0.696\n", 7, List.of("2 numbers are expected")),
                new Case("a18_prose", "The output is about a half and the loss is small.\n", 0, List.of()),
                new Case("a19_answered_twice", "o = 0.526\no = 0.9\nE = 0.138\ndE/dw100 = 0.038\ndE/dw000 = 0.083\nw100 = 0.696\n", 8, List.of("only the first")),
                new Case("a20_wrong_updated_hidden", "o = 0.526\nE = 0.138\ndE/dw100 = 0.038\ndE/dw000 = 0.083\nw100 = 0.6\n", 7, List.of()));
    }

    static final String XOR_KEY = """
            # the program must train a network on XOR to accuracy 1
            data xor_check = [[0,0] -> [0], [0,1] -> [1], [1,0] -> [1], [1,1] -> [0]]
            evaluate xor_check
            ask accuracy points=3
            expect accuracy = 1
            expect E < 0.1
            """;

    static final String XOR = """
            init xavier seed=1
            layer tanh 2->4 as h
            layer sigmoid 4->1 as o
            data xor = [[0,0] -> [0], [0,1] -> [1], [1,0] -> [1], [1,1] -> [0]]
            train xor epochs=2000 lr=0.5
            """;

    static List<Case> programs() {
        return List.of(
                new Case("p01_right", XOR, 4, List.of()),
                new Case("p02_right_adam", XOR.replace("lr=0.5", "lr=0.05 optimizer=adam"), 4, List.of()),
                new Case("p03_untrained", XOR.replace("train xor epochs=2000 lr=0.5\n", ""), 0, List.of("expect failed")),
                new Case("p04_forever", "layer tanh 2->4\nlayer sigmoid 4->1\ndata xor = [[0,0] -> [0], [0,1] -> [1], [1,0] -> [1], [1,1] -> [0]]\ntrain xor epochs=2000000000 lr=0.5 batch=1\n",
                        -1, List.of("time limit")),
                new Case("p05_writes_and_reads", "save \"" + "../evil.nn\"\nplot loss \"loss.svg\"\nrun \"/etc/hostname\"\ndata d = csv \"../../secret.csv\"\n" + XOR + "draw \"net.svg\"\nexport latex \"x.tex\"\n",
                        4, List.of("files cannot be written", "only files in")),
                new Case("p06_syntax", XOR.replace("layer tanh 2->4 as h", "layer tanh 2->> 4"), 0, List.of("syntax error")),
                new Case("p07_wrong_shape", "layer tanh 3->4\nlayer sigmoid 4->1\n", 0, List.of("failed on this submission's network")),
                new Case("p08_exit_early", "exit\n" + XOR, 0, List.of()),
                new Case("p09_right_relu", XOR.replace("tanh", "relu").replace("epochs=2000", "epochs=3000"), -1, List.of()),
                new Case("p10_right_more", XOR.replace("as h", "as h\n# a comment\nprecision 4"), 4, List.of()));
    }

    @Test
    void aClassOfThirtyIsGradedAsATeacherWould() throws Exception {
        Path answers = Files.createDirectories(dir.resolve("class/answers"));
        Path progs = Files.createDirectories(dir.resolve("class/programs"));
        Files.writeString(dir.resolve("seed_key.nn"), SEED_KEY);
        Files.writeString(dir.resolve("xor_key.nn"), XOR_KEY);
        for (Case c : answerSheets()) Files.writeString(answers.resolve(c.name + ".nn"), c.text.replace("STOLEN", dir.toString()));
        for (Case c : programs()) Files.writeString(progs.resolve(c.name + ".nn"), c.text);
        byte[] noise = new byte[4096];
        new Random(15).nextBytes(noise);
        Files.write(answers.resolve("a21_random_bytes.nn"), noise);
        Files.write(progs.resolve("p11_random_bytes.nn"), noise);
        Files.writeString(dir.resolve("secret.csv"), "a,b\n1,2\n");
        Path out = Files.createDirectories(dir.resolve("out"));
        TreeSet<String> before = tree(dir);

        long t0 = System.nanoTime();
        Run a = nn("grade", dir.resolve("seed_key.nn").toString(), answers.toString(), "--feedback",
                "--json", out.resolve("a.json").toString(), "--junit", out.resolve("a.xml").toString(), "--csv", out.resolve("a.csv").toString());
        Run p = nn("grade", dir.resolve("xor_key.nn").toString(), progs.toString(), "--timeout", "2s", "--feedback",
                "--json", out.resolve("p.json").toString(), "--junit", out.resolve("p.xml").toString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, a.code, a.err);
        assertEquals(0, p.code, p.err);
        assertTrue(seconds < 60, "graded in " + seconds + " s");

        // nothing written but the reports: the submissions' save/export/draw/plot and the grader itself
        TreeSet<String> after = tree(dir);
        after.removeAll(before);
        assertEquals(new TreeSet<>(List.of("out/a.csv", "out/a.json", "out/a.xml", "out/p.json", "out/p.xml")), after);

        Map<String, JsonObject> aj = byStudent(Files.readString(out.resolve("a.json")));
        Map<String, JsonObject> pj = byStudent(Files.readString(out.resolve("p.json")));
        assertEquals(21, aj.size());
        assertEquals(11, pj.size());
        check(answerSheets(), aj, 8);
        check(programs(), pj, 4);
        assertEquals(0, aj.get("a21_random_bytes").getDouble("score"));
        assertTrue(aj.get("a21_random_bytes").getString("output").contains("cannot be read"));
        assertEquals(0, pj.get("p11_random_bytes").getDouble("score"));
        // a run stopped at the time limit is graded on what it computed, with a note
        assertTrue(pj.get("p04_forever").getString("output").contains("time limit"));

        // the class statistics count the slips the hints found
        assertTrue(a.out.contains("dE/dw100: "), a.out);
        String w100 = a.out.lines().filter(l -> l.startsWith("dE/dw100: ")).findFirst().orElseThrow();
        assertTrue(w100.matches("dE/dw100: \\d+ of 21 right; slips: .*1× the gradient of Σ\\(y − o\\)² without the ½.*"), w100);
        assertTrue(w100.contains("1× with the sign flipped"), w100);

        junit(out.resolve("a.xml"), aj);
        junit(out.resolve("p.xml"), pj);
        List<String> csv = Files.readAllLines(out.resolve("a.csv"));
        assertEquals(22, csv.size());
        assertTrue(csv.get(0).startsWith("student,file,o (1),E (2),dE/dw100 (2),dE/dw000 (2),w100 (1),total,max"), csv.get(0));
    }

    /** Each case's score (-1: whatever it earned, full or not) and feedback; Gradescope's rules: score = Σ tests. */
    private static void check(List<Case> cases, Map<String, JsonObject> json, double max) {
        for (Case c : cases) {
            JsonObject r = json.get(c.name);
            double sum = 0, maxSum = 0;
            StringBuilder all = new StringBuilder(r.getString("output"));
            JsonArray tests = r.getArray("tests");
            for (int i = 0; i < tests.size(); i++) {
                JsonObject t = tests.getObject(i);
                sum += t.getDouble("score");
                maxSum += t.getDouble("max_score");
                assertEquals(t.getDouble("score") == t.getDouble("max_score") ? "passed" : "failed", t.getString("status"), c.name);
                all.append('\n').append(t.getString("output"));
            }
            assertEquals(max, maxSum, c.name);
            assertEquals(r.getDouble("score"), sum, 1e-9, c.name);
            if (c.score >= 0) assertEquals(c.score, r.getDouble("score"), 1e-9, c.name + ":\n" + all);
            for (String f : c.feedback) assertTrue(all.toString().contains(f), c.name + " should say '" + f + "':\n" + all);
        }
    }

    private static Map<String, JsonObject> byStudent(String text) throws Exception {
        JsonObject o = JsonParser.object().from(text);
        Map<String, JsonObject> m = new HashMap<>();
        for (String k : o.keySet()) m.put(k, o.getObject(k));
        return m;
    }

    private static void junit(Path file, Map<String, JsonObject> json) throws Exception {
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        NodeList suites = d.getElementsByTagName("testsuite");
        assertEquals(json.size(), suites.getLength());
        int cases = 0, failures = 0;
        for (int i = 0; i < suites.getLength(); i++) {
            Element s = (Element) suites.item(i);
            JsonObject r = json.get(s.getAttribute("name"));
            JsonArray tests = r.getArray("tests");
            NodeList tc = s.getElementsByTagName("testcase");
            assertEquals(tests.size(), tc.getLength());
            int f = 0;
            for (int k = 0; k < tests.size(); k++) if (!tests.getObject(k).getString("status").equals("passed")) f++;
            assertEquals(f, s.getElementsByTagName("failure").getLength(), s.getAttribute("name"));
            assertEquals(String.valueOf(f), s.getAttribute("failures"));
            cases += tc.getLength();
            failures += f;
        }
        Element root = d.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals(String.valueOf(cases), root.getAttribute("tests"));
        assertEquals(String.valueOf(failures), root.getAttribute("failures"));
    }

    @Test
    void oneSubmissionIsExactlyGradescopesResultsJson() throws Exception {
        Files.writeString(dir.resolve("key.nn"), SEED_KEY);
        Path sub = Files.createDirectories(dir.resolve("submission"));
        Files.writeString(sub.resolve("answers.nn"), "o = 0.526\nE = 0.276\n");
        Run r = nn("grade", dir.resolve("key.nn").toString(), sub.toString(), "--json", dir.resolve("results/results.json").toString());
        assertEquals(0, r.code, r.err);
        JsonObject o = JsonParser.object().from(Files.readString(dir.resolve("results/results.json")));
        assertEquals(1, o.getDouble("score"));
        assertEquals(5, o.getArray("tests").size());
        JsonObject e = o.getArray("tests").getObject(1);
        assertEquals("E", e.getString("name"));
        assertEquals(0, e.getDouble("score"));
        assertEquals(2, e.getDouble("max_score"));
        assertTrue(e.getString("output").contains("without the ½"), e.getString("output"));
    }

    @Test
    void gradingThatCannotWorkSaysSoInItsExitCode() throws Exception {
        Files.writeString(dir.resolve("sub.nn"), RIGHT);
        assertEquals(Main.NO_INPUT, nn("grade", dir.resolve("missing.nn").toString(), dir.resolve("sub.nn").toString()).code);
        Files.writeString(dir.resolve("broken.nn"), SEED_KEY.replace("expect E = 0.138", "expect E = 0.5"));
        Run b = nn("grade", dir.resolve("broken.nn").toString(), dir.resolve("sub.nn").toString());
        assertEquals(Main.FAILED, b.code);
        assertTrue(b.err.contains("does not run clean"), b.err);
        Files.writeString(dir.resolve("key.nn"), SEED_KEY);
        Run u = nn("grade", dir.resolve("key.nn").toString(), dir.resolve("sub.nn").toString(), "--timeout", "soon");
        assertEquals(Main.USAGE, u.code);
        assertFalse(u.err.contains("Exception"), u.err);
        Run over = nn("grade", dir.resolve("key.nn").toString(), dir.resolve("sub.nn").toString(), "--csv", dir.resolve("sub.nn").toString());
        assertEquals(Main.USAGE, over.code);
        assertEquals(RIGHT, Files.readString(dir.resolve("sub.nn")));
        Run nobody = nn("grade", dir.resolve("key.nn").toString(), dir.resolve("nobody").toString());
        assertEquals(Main.NO_INPUT, nobody.code);
    }

    record Run(int code, String out, String err) { }

    static Run nn(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8), false);
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    static TreeSet<String> tree(Path root) throws Exception {
        TreeSet<String> out = new TreeSet<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).forEach(f -> out.add(root.relativize(f).toString()));
        }
        return out;
    }
}
