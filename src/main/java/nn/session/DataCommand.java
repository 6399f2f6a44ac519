package nn.session;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nn.core.DataSet;
import nn.lang.Literal;
import nn.lang.NnError;
import nn.lang.Option;
import nn.lang.Pos;
import nn.lang.Stmt;

/** {@code data NAME = ...}: a data set inline, from a CSV file, or generated; kept in the session by name. */
final class DataCommand {
    private DataCommand() { }

    /** The settings of {@code csv "FILE" ...} and of {@code random(...)}: read as any statement's options are. */
    static final Signature CSV = new Signature(java.util.List.of(),
            java.util.List.of(new Signature.OptionSpec("target", Signature.Type.STRING, 0, 0, java.util.List.of(), java.util.List.of(), "the column holding the targets (default: the last)")),
            java.util.List.of(new Signature.Flag("onehot", "the target column holds class labels: one output per class")));
    static final Signature RANDOM = new Signature(java.util.List.of(), java.util.List.of(
            new Signature.OptionSpec("rows", Signature.Type.WHOLE, 1, Integer.MAX_VALUE, java.util.List.of(), java.util.List.of(), "examples"),
            new Signature.OptionSpec("inputs", Signature.Type.WHOLE, 1, Integer.MAX_VALUE, java.util.List.of(), java.util.List.of(), "inputs per example"),
            new Signature.OptionSpec("classes", Signature.Type.WHOLE, 2, 1_000_000, java.util.List.of(), java.util.List.of(), "one-hot class targets"),
            new Signature.OptionSpec("outputs", Signature.Type.WHOLE, 1, 1_000_000, java.util.List.of(), java.util.List.of(), "targets in [0, 1)"),
            new Signature.OptionSpec("seed", Signature.Type.WHOLE, 0, InitCommand.MAX_SEED, java.util.List.of(), java.util.List.of(), "the generator's seed")),
            java.util.List.of());

    static void run(Stmt.Data s, Args args, Context ctx) {
        State st = ctx.state();
        String name = s.name().text();
        Made made;
        if (s.source() instanceof Stmt.DataSource.Inline in) made = inline(in);
        else if (s.source() instanceof Stmt.DataSource.FromFile f) made = file(f);
        else made = generated((Stmt.DataSource.Generated) s.source());
        DataSet d = made.data();
        boolean replaced = st.datasets.put(name, d) != null;
        st.dataRecipes.put(name, made.recipe());
        ctx.info("data " + name + ": " + describe(d) + (replaced ? " (replaces the earlier " + name + ")" : ""));
    }

    /**
     * A data set and the right-hand side of a {@code data} statement that makes it again exactly, for {@code save}:
     * the numbers of an inline set (written to read back as the same doubles), a CSV file by its absolute path, a
     * generator with its settings.
     */
    record Made(DataSet data, String recipe) { }

    static String describe(DataSet d) {
        String s = d.rows + " row" + (d.rows == 1 ? "" : "s") + ", " + d.inputs + " input" + (d.inputs == 1 ? "" : "s")
                + " -> " + d.outputs + " output" + (d.outputs == 1 ? "" : "s");
        if (d.classes != null) s += " (classes " + String.join(", ", d.classes) + ")";
        else if (d.classification()) s += " (class labels: " + d.classCount() + " classes)";
        return s;
    }

    private static Made inline(Stmt.DataSource.Inline in) {
        int rows = in.inputs().size();
        int ni = in.inputs().get(0).size();
        int no = in.targets().get(0).size();
        double[] X = new double[rows * ni];
        double[] Y = new double[rows * no];
        for (int r = 0; r < rows; r++) {
            String why = "every row of a data set has the same shape as the first (" + ni + " inputs -> " + no + " targets)";
            double[] x = Values.vector(in.inputs().get(r), ni, "the input of row " + r, why);
            double[] y = Values.vector(in.targets().get(r), no, "the target of row " + r, why);
            System.arraycopy(x, 0, X, r * ni, ni);
            System.arraycopy(y, 0, Y, r * no, no);
        }
        DataSet d = new DataSet(rows, ni, no, X, Y, null);
        return new Made(d, written(d));
    }

    /** The rows as an inline data set, one row per line: [[x] -> [y],\n [x] -> [y]]. */
    private static String written(DataSet d) {
        StringBuilder b = new StringBuilder("[");
        for (int r = 0; r < d.rows; r++) {
            if (r > 0) b.append(",\n ");
            b.append(NetScript.vector(java.util.Arrays.copyOfRange(d.X, r * d.inputs, (r + 1) * d.inputs))).append(" -> ")
                    .append(NetScript.vector(java.util.Arrays.copyOfRange(d.Y, r * d.outputs, (r + 1) * d.outputs)));
        }
        return b.append(']').toString();
    }

    private static Made file(Stmt.DataSource.FromFile f) {
        if (!f.format().text().equalsIgnoreCase("csv")) {
            throw new NnError(f.format().pos(), "nn reads data sets from csv files, not '" + f.format().text() + "'", "write data NAME = csv \"FILE.csv\"");
        }
        Args o = CSV.read("csv", f.pos(), f.args());
        Path path = inputFile(f.file().text(), f.file().pos());
        String target = o.choice("target", null);
        boolean onehot = o.flag("onehot");
        DataSet d = CsvData.load(path, f.file().pos(), target, o.pos("target", f.pos()), onehot);
        // the file by its absolute path, so that the saved script finds it from anywhere (and reads it again: a
        // changed file gives a changed data set); a name no nn string can hold is saved as the numbers instead
        String where = path.toAbsolutePath().normalize().toString();
        String file = quoted(where);
        if (file == null || (target != null && quoted(target) == null)) return new Made(d, written(d));
        String column = target == null ? "" : " target=" + (target.matches("[A-Za-z_][A-Za-z0-9_]*") ? target : quoted(target));
        return new Made(d, "csv " + file + column + (onehot ? " onehot" : ""));
    }

    /** s as an nn string ("..." or '...': they have no escapes), or null if it holds both quotes or a line break. */
    private static String quoted(String s) {
        if (s.contains("\n") || s.contains("\r")) return null;
        if (!s.contains("\"")) return '"' + s + '"';
        if (!s.contains("'")) return "'" + s + "'";
        return null;
    }

    private static Made generated(Stmt.DataSource.Generated g) {
        nn.lang.Expr.Call call = g.call();
        if (!call.function().text().equals("random")) {
            throw new NnError(call.function().pos(), "unknown generator '" + call.function().text() + "'", "nn generates random(rows=N, inputs=N, classes=N, seed=N)");
        }
        String example = "random(rows=1000, inputs=4, classes=3, seed=0)";
        for (nn.lang.Arg a : call.args()) {
            if (!(a instanceof Option)) throw new NnError(a.pos(), "random takes named settings", "e.g. " + example);
        }
        Args o = RANDOM.read("random", g.pos(), call.args());
        for (String need : List.of("rows", "inputs")) {
            if (!o.has(need)) throw new NnError(g.pos(), "random needs " + need + "=N", "e.g. " + example);
        }
        if (o.has("classes") == o.has("outputs")) {
            throw new NnError(g.pos(), "random needs either classes=N (one-hot class targets) or outputs=N (numbers in [0, 1))", "e.g. " + example);
        }
        int rows = (int) o.whole("rows", 0);
        int inputs = (int) o.whole("inputs", 0);
        int classes = (int) o.whole("classes", 0);
        int outputs = (int) o.whole("outputs", 0);
        long seed = o.whole("seed", 0);
        long bytes = DataSet.bytesFor(rows, inputs, Math.max(classes, outputs));
        long elements = Math.max((long) rows * inputs, (long) rows * Math.max(classes, outputs));
        if (elements > Integer.MAX_VALUE - 16 || bytes > Runtime.getRuntime().maxMemory() / 2) {
            throw new NnError(g.pos(), "a data set of " + rows + " rows × " + inputs + " inputs needs " + Format.bytes(bytes)
                    + "; a data set may take at most " + Format.bytes(Runtime.getRuntime().maxMemory() / 2) + " here (half of the " + Format.bytes(Runtime.getRuntime().maxMemory()) + " heap)", "use fewer rows, or run java with a larger -Xmx");
        }
        String recipe = "random(rows=" + rows + ", inputs=" + inputs + (classes > 0 ? ", classes=" + classes : ", outputs=" + outputs)
                + ", seed=" + seed + ")";
        return new Made(DataSet.random(rows, inputs, classes, outputs, seed), recipe);
    }

    /**
     * A file a statement reads: relative names are looked up beside the script first (as `run` does), then in the
     * working directory.
     */
    static Path inputFile(String name, Pos at) {
        Path p;
        try {
            p = Path.of(name);
        } catch (java.nio.file.InvalidPathException e) {
            throw SourceFiles.io(at, "'" + name + "' is not a valid file name here: " + e.getReason(), null);
        }
        if (p.isAbsolute()) return p;
        String origin = at.origin();
        if (!origin.isEmpty() && !origin.startsWith("<") && !origin.equals("-e")) {
            Path dir = Path.of(origin).toAbsolutePath().getParent();
            if (dir != null && Files.exists(dir.resolve(p))) return dir.resolve(p).normalize();
        }
        return p;
    }
}
