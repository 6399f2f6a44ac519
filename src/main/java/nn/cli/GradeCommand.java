package nn.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nn.grade.Graded;
import nn.grade.Grader;
import nn.grade.Key;
import nn.grade.Limits;
import nn.grade.Reports;
import nn.text.Diagnostics;
import nn.text.Style;

/**
 * {@code nn grade KEY.nn SUBMISSION...}: grades each submission in a session of its own (docs/grading.md), prints a
 * table and the class's statistics, and writes the reports asked for. The exit code says whether grading worked,
 * not whether students passed: 0 it did; 1 the key is unusable or a report could not be written; 64 a usage error;
 * 66 the key or a submission given cannot be found.
 */
final class GradeCommand {
    private GradeCommand() { }

    static final String USAGE = """
            usage: nn grade KEY.nn SUBMISSION... [OPTIONS]
              Grades each submission (a .nn file, or a folder: its .nn files) against the answer key, each in a
              fresh, sandboxed session: no file written, files read only in the submission's folder.
              KEY may be a folder of variants (nn exercise --variants): student ID.nn is graded against ID/*_key.nn.
            options:
              --json FILE       Gradescope's results.json (several submissions: one per student, by name)
              --junit FILE      JUnit XML: one test suite per student, one test case per question
              --csv FILE        one row per student, one column per question
              --feedback        print every student's feedback after the table
              --timeout 10s     time limit per submission (and again for the key's checks after it)
              --memory 1g       heap in use above which a submission is stopped (k, m, g)
              --max-output N    outputs a submission may produce before it is stopped (default 100000)
              --answers | --program   the kind of assignment (default: a key with a layer asks for answers,
                                a key without one checks programs)
            exit status: 0 grading worked (whatever the grades); 1 the key is unusable or a report cannot be
                         written; 64 a usage error; 66 the key or a submission cannot be found""";

    static int run(String[] args, PrintStream out, PrintStream err) {
        String keyFile = null;
        List<String> subs = new ArrayList<>();
        String json = null, junit = null, csv = null;
        boolean feedback = false;
        Key.Kind kind = null;
        Limits limits = Limits.DEFAULT;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--json" -> json = value(args, ++i, a);
                    case "--junit" -> junit = value(args, ++i, a);
                    case "--csv" -> csv = value(args, ++i, a);
                    case "--feedback" -> feedback = true;
                    case "--answers" -> kind = Key.Kind.ANSWERS;
                    case "--program", "--programs" -> kind = Key.Kind.PROGRAM;
                    case "--timeout" -> limits = limits.withTimeout(duration(value(args, ++i, a)));
                    case "--memory" -> limits = limits.withMemory(bytes(value(args, ++i, a)));
                    case "--max-output" -> limits = limits.withOutputs(whole(value(args, ++i, a), a));
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return Main.OK;
                    }
                    default -> {
                        if (a.startsWith("--")) throw new IllegalArgumentException("unknown option " + a + " for nn grade");
                        if (keyFile == null) keyFile = a;
                        else subs.add(a);
                    }
                }
            }
            if (keyFile == null || subs.isEmpty()) throw new IllegalArgumentException("nn grade needs an answer key and at least one submission");
        } catch (IllegalArgumentException e) {
            err.println("nn grade: " + e.getMessage());
            err.println("run `nn grade --help` for usage");
            return Main.USAGE;
        }
        // a folder of variants (nn exercise --variants): each student is graded against the key of their own variant
        boolean variants = Files.isDirectory(Path.of(keyFile));
        Grader grader = null;
        if (!variants) {
            int[] code = {0};
            grader = grader(Path.of(keyFile), kind, limits, err, code);
            if (grader == null) return code[0];
        }
        int code = Main.OK;
        List<Path> files = new ArrayList<>();
        for (String s : subs) {
            Path p;
            try {
                p = Path.of(s);
            } catch (java.nio.file.InvalidPathException e) {
                err.println("nn grade: not a valid file name: " + s);
                code = Main.NO_INPUT;
                continue;
            }
            if (Files.isDirectory(p)) {
                List<Path> in = nnFiles(p);
                if (in.isEmpty()) {
                    err.println("nn grade: " + s + " has no .nn files");
                    code = Main.NO_INPUT;
                }
                files.addAll(in);
            } else if (Files.exists(p)) {
                files.add(p);
            } else {
                err.println("nn grade: no such submission: " + s);
                code = Main.NO_INPUT;
            }
        }
        Path keyPath = Path.of(keyFile).toAbsolutePath().normalize();
        files.removeIf(f -> f.toAbsolutePath().normalize().equals(keyPath) || variants && f.toAbsolutePath().normalize().startsWith(keyPath));
        for (String o : new String[] {json, junit, csv}) {
            if (o == null) continue;
            Path op = Path.of(o).toAbsolutePath().normalize();
            if (op.equals(keyPath) || files.stream().anyMatch(f -> f.toAbsolutePath().normalize().equals(op))) {
                err.println("nn grade: " + o + " is the key or a submission; reports are not written over it");
                return Main.USAGE;
            }
        }
        Map<String, Integer> seen = new HashMap<>();
        for (Path f : files) {
            String n = f.getFileName().toString().replaceFirst("\\.nn$", "");
            seen.merge(n, 1, Integer::sum);
        }
        List<Graded> graded = new ArrayList<>();
        Key key = grader != null ? grader.key() : null;
        for (Path f : files) {
            String id = f.getFileName().toString().replaceFirst("\\.nn$", "");
            String n = id;
            Path parent = f.toAbsolutePath().getParent();
            if (seen.get(n) > 1 && parent != null && parent.getFileName() != null) n = parent.getFileName() + "/" + n;
            Grader g = grader;
            if (variants) {
                Path variant = variantKey(Path.of(keyFile), id);
                int[] c = {0};
                g = variant == null ? null : grader(variant, kind, limits, err, c);
                if (g == null) {
                    err.println("nn grade: no usable variant key for " + n + " in " + keyFile + "/" + ExerciseCommand.safe(id) + "/; not graded");
                    code = Main.FAILED;
                    continue;
                }
                if (key == null) key = g.key();
                if (!sameQuestions(key, g.key())) {
                    err.println("nn grade: the variant of " + n + " asks other questions than the first variant; variants must share their questions");
                    return Main.FAILED;
                }
            }
            graded.add(g.grade(n, f));
        }
        if (key == null) {
            err.println("nn grade: nothing was graded");
            return code == Main.OK ? Main.FAILED : code;
        }
        out.print(Reports.table(key, graded));
        out.println();
        out.print(Reports.stats(key, graded));
        if (feedback) {
            out.println();
            for (Graded g : graded) out.print(Reports.feedback(g));
        }
        if (json != null && !write(json, Reports.gradescope(graded), err)) code = Main.FAILED;
        if (junit != null && !write(junit, Reports.junit(graded), err)) code = Main.FAILED;
        if (csv != null && !write(csv, Reports.csv(key, graded), err)) code = Main.FAILED;
        out.flush();
        return code;
    }

    /** Reads and checks a key; null (with the exit code in {@code code[0]}) after saying why it cannot be used. */
    private static Grader grader(Path keyFile, Key.Kind kind, Limits limits, PrintStream err, int[] code) {
        Style plain = new Style(false, true);
        Key key;
        try {
            key = Key.load(keyFile, kind);
        } catch (Key.Problem p) {
            for (var d : p.diagnostics) err.println(Diagnostics.render(d, plain));
            err.println("nn grade: " + p.getMessage() + "; nothing was graded with it");
            code[0] = p.getMessage().contains("cannot be read") ? Main.NO_INPUT : Main.FAILED;
            return null;
        } catch (java.nio.file.InvalidPathException e) {
            err.println("nn grade: not a valid file name: " + keyFile);
            code[0] = Main.NO_INPUT;
            return null;
        }
        Grader grader = new Grader(key, limits);
        List<String> keyProblems = grader.checkKey();
        if (!keyProblems.isEmpty()) {
            for (String p : keyProblems) err.println(p);
            err.println("nn grade: the key " + keyFile.getFileName() + " does not run clean on its own (above); fix it before grading with it");
            code[0] = Main.FAILED;
            return null;
        }
        return grader;
    }

    /** The key of a student's variant: the one *_key.nn in VARIANTS/ID/, or null. */
    private static Path variantKey(Path variants, String id) {
        Path d = variants.resolve(ExerciseCommand.safe(id));
        if (!Files.isDirectory(d)) return null;
        try (Stream<Path> s = Files.list(d)) {
            List<Path> keys = s.filter(p -> p.getFileName().toString().endsWith("_key.nn")).toList();
            return keys.size() == 1 ? keys.get(0) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean sameQuestions(Key a, Key b) {
        if (a.questions.size() != b.questions.size()) return false;
        for (int i = 0; i < a.questions.size(); i++) {
            if (!a.questions.get(i).name().equals(b.questions.get(i).name()) || a.questions.get(i).points() != b.questions.get(i).points()) return false;
        }
        return true;
    }

    private static List<Path> nnFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".nn") && !Files.isDirectory(p)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Writes a report atomically (a temporary file beside it, renamed over it). */
    private static boolean write(String name, String text, PrintStream err) {
        Path target = Path.of(name).toAbsolutePath().normalize();
        Path dir = target.getParent();
        Path tmp = null;
        try {
            if (dir != null && !Files.isDirectory(dir)) Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            return true;
        } catch (IOException | RuntimeException e) {
            err.println("nn grade: cannot write " + name + ": " + e.getMessage());
            return false;
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the report was not written; said above
                }
            }
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value after it");
        return args[i];
    }

    /** "10s", "10", "500ms", "2m" → milliseconds. */
    static long duration(String t) {
        String s = t.strip().toLowerCase(java.util.Locale.ROOT);
        double scale = 1000;
        if (s.endsWith("ms")) { scale = 1; s = s.substring(0, s.length() - 2); }
        else if (s.endsWith("s")) s = s.substring(0, s.length() - 1);
        else if (s.endsWith("m")) { scale = 60_000; s = s.substring(0, s.length() - 1); }
        try {
            double v = Double.parseDouble(s) * scale;
            if (v >= 1 && v <= 86_400_000) return (long) v;
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("--timeout takes a time such as 10s, 500ms or 2m, not '" + t + "'");
    }

    /** "512m", "1g", "65536k", "100000000" → bytes. */
    static long bytes(String t) {
        String s = t.strip().toLowerCase(java.util.Locale.ROOT);
        long scale = 1;
        if (s.endsWith("k")) scale = 1L << 10;
        else if (s.endsWith("m")) scale = 1L << 20;
        else if (s.endsWith("g")) scale = 1L << 30;
        if (scale != 1) s = s.substring(0, s.length() - 1);
        try {
            long v = Long.parseLong(s);
            if (v > 0 && v < (Long.MAX_VALUE / scale)) return v * scale;
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("--memory takes a size such as 512m or 1g, not '" + t + "'");
    }

    private static long whole(String t, String option) {
        try {
            long v = Long.parseLong(t.strip());
            if (v > 0) return v;
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(option + " takes a positive whole number, not '" + t + "'");
    }
}
