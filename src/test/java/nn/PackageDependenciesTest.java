package nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house's floors, checked on the sources: each package uses only the ones below it (so there is no cycle),
 * ANTLR only in nn.lang, JLine only in nn.repl, and the front ends (repl, cli, kernel, view) are the only places
 * that print.
 */
class PackageDependenciesTest {

    /** What each package may use, besides itself and the JDK. */
    static final Map<String, Set<String>> ALLOWED = Map.of(
            "core", Set.of(),
            "lang", Set.of("grammar"),
            "explain", Set.of("core"),
            "session", Set.of("core", "lang", "explain"),
            "text", Set.of("core", "lang", "explain", "session"),
            "repl", Set.of("core", "lang", "explain", "session", "text"),
            "kernel", Set.of("core", "lang", "explain", "session", "text", "cli"),
            "view", Set.of("core", "lang", "explain", "session", "text"),
            // grading a class and making exercises: above the interpreter, below the command line
            "grade", Set.of("core", "lang", "explain", "session", "text"),
            "cli", Set.of("core", "lang", "explain", "session", "text", "repl", "kernel", "view", "grade", "exercise"));

    private static final Pattern NN = Pattern.compile("\\bnn\\.([a-z]+)\\.");

    static Map<String, List<Path>> sources() throws IOException {
        Map<String, List<Path>> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(Path.of("src/main/java/nn"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = Path.of("src/main/java/nn").relativize(p).getName(0).toString();
                out.computeIfAbsent(pkg, k -> new ArrayList<>()).add(p);
            }
        }
        return out;
    }

    @Test
    void everyPackageUsesOnlyThoseBelowIt() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (var e : sources().entrySet()) {
            Set<String> allowed = ALLOWED.getOrDefault(e.getKey(), Set.of("core", "lang", "explain", "session", "text"));
            for (Path f : e.getValue()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    String code = lines.get(i).replaceAll("//.*", "");
                    if (code.trim().startsWith("*") || code.trim().startsWith("/*")) continue;
                    Matcher m = NN.matcher(code);
                    while (m.find()) {
                        String used = m.group(1);
                        if (!used.equals(e.getKey()) && !allowed.contains(used)) wrong.add(f + ":" + (i + 1) + " uses nn." + used);
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void antlrOnlyInTheLanguageAndJlineOnlyInTheRepl() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (var e : sources().entrySet()) {
            for (Path f : e.getValue()) {
                String text = Files.readString(f);
                if (text.contains("org.antlr") && !e.getKey().equals("lang")) wrong.add(f + " uses ANTLR");
                if (text.contains("org.jline") && !e.getKey().equals("repl")) wrong.add(f + " uses JLine");
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void onlyTheFrontEndsPrint() throws IOException {
        Set<String> frontEnds = new TreeSet<>(List.of("repl", "cli", "kernel", "view"));
        List<String> wrong = new ArrayList<>();
        for (var e : sources().entrySet()) {
            if (frontEnds.contains(e.getKey())) continue;
            for (Path f : e.getValue()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).matches(".*\\bSystem\\.(out|err)\\b.*") && !lines.get(i).trim().startsWith("*")) wrong.add(f + ":" + (i + 1));
                }
            }
        }
        assertEquals(List.of(), wrong);
    }
}
