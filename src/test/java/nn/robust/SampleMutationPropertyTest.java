package nn.robust;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample script, mutated as hands and clipboards mutate text (characters and tokens deleted, duplicated,
 * swapped; numbers made extreme; junk inserted), run statement by statement as --keep-going runs it: only diagnostics
 * with positions, and every failing statement leaves the state as it was. The samples are copied to a sandbox and
 * their file names pointed into it, so a mutated `save` never writes into the repository.
 */
@Timeout(120)
class SampleMutationPropertyTest {
    private static final int MUTANTS = 30;

    static Stream<Arguments> samples() throws IOException {
        Path dir = Path.of(System.getProperty("basedir", "."), "samples");
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".nn")).sorted().toList()) {
                for (long seed = 1; seed <= 2; seed++) out.add(Arguments.of(p.getFileName().toString(), seed));
            }
        }
        assertFalse(out.isEmpty(), "no samples/*.nn found in " + dir.toAbsolutePath());
        return out.stream();
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("samples")
    void mutatedSampleGivesOnlyDiagnostics(String sample, long seed, @TempDir Path box) throws IOException {
        Path samples = Path.of(System.getProperty("basedir", "."), "samples");
        copyTree(samples, box.resolve("samples"));
        new Files4Tests(box);
        Path copy = box.resolve("samples").resolve(sample);
        String text = pointIntoSandbox(Files.readString(copy, StandardCharsets.UTF_8), copy.getParent());
        Random r = new Random(seed * 1_000_003L + sample.hashCode());
        Harness h = new Harness(box, true);
        for (int i = 0; i < MUTANTS; i++) {
            h.feed("reset");
            h.feed(mutate(text, r), copy.toString());
        }
        int ran = h.counts.values().stream().mapToInt(c -> c[0] + c[1]).sum();
        assertTrue(ran > MUTANTS, "the mutants hardly ran: " + h.coverage());
    }

    private static final Pattern STRING = Pattern.compile("\"([^\"\\r\\n]*)\"");

    /** Relative file names in the script become absolute names in the sandbox copy. */
    static String pointIntoSandbox(String text, Path dir) {
        Matcher m = STRING.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) m.appendReplacement(b, Matcher.quoteReplacement("\"" + dir.resolve(m.group(1)).normalize() + "\""));
        m.appendTail(b);
        return b.toString();
    }

    private static final List<String> EXTREMES = List.of("1e308", "-1e308", "1e400", "1e-400", "0", "1e300", "4.9e-324", "1/0",
            "99999999999999999999", "-0", "NaN", "Infinity", "2147483648");

    static String mutate(String text, Random r) {
        String s = text;
        int n = 1 + r.nextInt(3);
        for (int k = 0; k < n && !s.isEmpty(); k++) {
            int i = r.nextInt(s.length());
            switch (r.nextInt(9)) {
                case 0 -> s = s.substring(0, i) + s.substring(i + 1);                                       // delete a character
                case 1 -> s = s.substring(0, i + 1) + s.charAt(i) + s.substring(i + 1);                     // duplicate one
                case 2 -> { if (i + 1 < s.length()) s = s.substring(0, i) + s.charAt(i + 1) + s.charAt(i) + s.substring(i + 2); }
                case 3 -> s = s.substring(0, i) + Soup.TOKENS.get(r.nextInt(Soup.TOKENS.size())) + s.substring(i);
                case 4 -> s = tokens(s, r, 0);                                                               // delete a token
                case 5 -> s = tokens(s, r, 1);                                                               // duplicate a token
                case 6 -> s = tokens(s, r, 2);                                                               // swap two tokens
                case 7 -> s = s.replaceFirst("(?<![\\w.])\\d+(\\.\\d+)?(?![\\w.])", EXTREMES.get(r.nextInt(EXTREMES.size())));
                default -> {                                                                                 // a line lost or doubled
                    String[] lines = s.split("\n", -1);
                    int l = r.nextInt(lines.length);
                    List<String> ls = new ArrayList<>(List.of(lines));
                    if (r.nextBoolean()) ls.remove(l); else ls.add(l, lines[l]);
                    s = String.join("\n", ls);
                }
            }
        }
        return s;
    }

    private static final Pattern TOKEN = Pattern.compile("\\S+");

    private static String tokens(String s, Random r, int op) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = TOKEN.matcher(s);
        while (m.find()) spans.add(new int[] {m.start(), m.end()});
        if (spans.size() < 2) return s;
        int[] a = spans.get(r.nextInt(spans.size()));
        String tok = s.substring(a[0], a[1]);
        return switch (op) {
            case 0 -> s.substring(0, a[0]) + s.substring(a[1]);
            case 1 -> s.substring(0, a[1]) + " " + tok + s.substring(a[1]);
            default -> {
                int[] b = spans.get(r.nextInt(spans.size()));
                if (b[0] == a[0]) yield s;
                int[] first = a[0] < b[0] ? a : b;
                int[] second = a[0] < b[0] ? b : a;
                yield s.substring(0, first[0]) + s.substring(second[0], second[1]) + s.substring(first[1], second[0])
                        + s.substring(first[0], first[1]) + s.substring(second[1]);
            }
        };
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t); else Files.copy(p, t);
            }
        }
    }
}
