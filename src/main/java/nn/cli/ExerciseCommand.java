package nn.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import nn.grade.Exercise;
import nn.lang.Source;
import nn.session.Output;
import nn.session.Session;

/**
 * {@code nn exercise layers=3-2-1 activations=relu,sigmoid loss=half_sse seed=7 ex1 [--variants roster.csv]}:
 * writes an exercise with nice numbers (docs/grading.md): the problem (ex1.md, ex1.tex, the picture ex1.svg and
 * ex1.png), the answer key ex1_key.nn (usable by nn grade), a blank answer sheet ex1_sheet.nn and the worked
 * solution ex1_solution.nn. With a roster, one variant per student in ex1/STUDENT_ID/.
 */
final class ExerciseCommand {
    private ExerciseCommand() { }

    static final String USAGE = """
            usage: nn exercise layers=3-2-1 activations=relu,sigmoid [loss=half_sse] [seed=7] [lr=0.1] NAME
                              [--variants roster.csv]
              Writes NAME.md and NAME.tex (the problem, with the picture NAME.svg / NAME.png), NAME_key.nn (the
              answer key for nn grade), NAME_sheet.nn (a blank answer sheet) and NAME_solution.nn (the worked
              answers). --variants: one exercise per student of the roster (its first column, or the column
              named id), in NAME/ID/, reproducible from the seed and the id.""";

    static int run(String[] args, PrintStream out, PrintStream err) {
        String layers = null, activations = null, loss = "half_sse", name = null, roster = null;
        long seed = 0;
        double lr = 0.1;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) {
                    out.println(USAGE);
                    return Main.OK;
                }
                if (a.equals("--variants")) {
                    if (++i >= args.length) throw new IllegalArgumentException("--variants needs a roster file (CSV) after it");
                    roster = args[i];
                } else if (a.startsWith("--")) {
                    throw new IllegalArgumentException("unknown option " + a + " for nn exercise");
                } else if (a.contains("=")) {
                    String k = a.substring(0, a.indexOf('=')), v = a.substring(a.indexOf('=') + 1).strip();
                    switch (k) {
                        case "layers" -> layers = v;
                        case "activations" -> activations = v;
                        case "loss" -> loss = v;
                        case "seed" -> seed = Long.parseLong(v);
                        case "lr" -> lr = Double.parseDouble(v);
                        default -> throw new IllegalArgumentException("unknown setting " + k + "= (layers, activations, loss, seed, lr)");
                    }
                } else if (name == null) {
                    name = a;
                } else {
                    throw new IllegalArgumentException("one exercise name, not '" + name + "' and '" + a + "'");
                }
            }
            if (layers == null) throw new IllegalArgumentException("nn exercise needs layers=, e.g. layers=3-2-1");
            if (name == null || name.isBlank()) throw new IllegalArgumentException("nn exercise needs a name for its files, e.g. ex1");
            if (seed < 0) throw new IllegalArgumentException("seed= is a whole number from 0");
            String[] parts = layers.split("-");
            int[] sizes = new int[parts.length];
            for (int i = 0; i < parts.length; i++) sizes[i] = Integer.parseInt(parts[i].strip());
            List<String> acts = new ArrayList<>();
            if (activations == null) {
                for (int i = 0; i + 1 < sizes.length; i++) acts.add(i + 2 == sizes.length ? "sigmoid" : "relu");
            } else {
                for (String s : activations.split(",")) acts.add(s.strip());
            }
            Exercise.Spec spec = new Exercise.Spec(sizes, acts, loss, seed, lr);
            if (roster == null) return write(spec, Path.of(name), out, err);
            int code = Main.OK;
            Path base = Path.of(name);
            for (String id : ids(Path.of(roster))) {
                Path dir = (base.getParent() == null ? Path.of(base.getFileName().toString()) : base).resolve(safe(id));
                code = Math.max(code, write(spec.forStudent(id), dir.resolve(base.getFileName().toString()), out, err));
            }
            return code;
        } catch (NumberFormatException e) {
            err.println("nn exercise: not a number: " + e.getMessage().replaceFirst("^For input string: ", ""));
            return Main.USAGE;
        } catch (IllegalArgumentException e) {
            err.println("nn exercise: " + e.getMessage());
            return Main.USAGE;
        } catch (IOException e) {
            err.println("nn exercise: " + e.getMessage());
            return Main.NO_INPUT;
        }
    }

    /** A student id as a folder name: letters, digits, '.', '-', '_', '@' kept, anything else '_'. */
    static String safe(String id) {
        String s = id.strip().replaceAll("[^A-Za-z0-9._@-]", "_");
        return s.isEmpty() || s.chars().allMatch(c -> c == '.') ? "_" + s : s;
    }

    /** The ids of a roster: the column named id (or student, email), else the first; a header row is skipped. */
    static List<String> ids(Path roster) throws IOException {
        List<String> lines = Files.readAllLines(roster, StandardCharsets.UTF_8);
        Set<String> out = new LinkedHashSet<>();
        int col = 0;
        boolean header = false;
        if (!lines.isEmpty()) {
            String[] h = lines.get(0).split(",");
            for (int i = 0; i < h.length; i++) {
                String c = h[i].strip().replace("\"", "").toLowerCase(java.util.Locale.ROOT);
                if (c.equals("id") || c.equals("student") || c.equals("student_id") || c.equals("email")) {
                    col = i;
                    header = true;
                    break;
                }
            }
        }
        for (int i = header ? 1 : 0; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            if (cells.length <= col) continue;
            String id = cells[col].strip().replace("\"", "");
            if (!id.isEmpty()) out.add(id);
        }
        if (out.isEmpty()) throw new IllegalArgumentException(roster + " lists no students");
        return new ArrayList<>(out);
    }

    private static int write(Exercise.Spec spec, Path stem, PrintStream out, PrintStream err) throws IOException {
        Path dir = stem.toAbsolutePath().getParent();
        String n = stem.getFileName().toString();
        Files.createDirectories(dir);
        Exercise.Made m = Exercise.make(spec, n, n + ".png");
        Files.writeString(dir.resolve(n + ".md"), m.markdown().replace("(" + n + ".png)", "(" + n + ".svg)"), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(n + ".tex"), m.latex(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(n + "_key.nn"), m.key(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(n + "_sheet.nn"), m.sheet(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(n + "_solution.nn"), m.solution(), StandardCharsets.UTF_8);
        // the picture of the network as given (weights on the edges), drawn by the session as `draw "f"` draws it
        Session s = new Session();
        List<String> problems = new ArrayList<>();
        String draw = "draw \"" + dir.resolve(n + ".svg").toString().replace("\"", "") + "\"\ndraw \"" + dir.resolve(n + ".png").toString().replace("\"", "") + "\"\n";
        s.run(new Source("<exercise>", m.setup() + draw), o -> {
            if (o instanceof Output.Problem p) problems.add(p.diagnostic().message());
        }, Session.Mode.KEEP_GOING);
        for (String p : problems) err.println("nn exercise: " + p);
        out.println("wrote " + dir.resolve(n) + ".{md,tex,svg,png}, " + n + "_key.nn, " + n + "_sheet.nn, " + n + "_solution.nn (" + spec.describe() + ")");
        return problems.isEmpty() ? Main.OK : Main.FAILED;
    }
}
