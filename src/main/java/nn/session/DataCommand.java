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

    static void run(Stmt.Data s, Context ctx) {
        State st = ctx.state();
        String name = s.name().text();
        DataSet d;
        if (s.source() instanceof Stmt.DataSource.Inline in) d = inline(in);
        else if (s.source() instanceof Stmt.DataSource.FromFile f) d = file(f);
        else d = generated((Stmt.DataSource.Generated) s.source());
        boolean replaced = st.datasets.put(name, d) != null;
        ctx.info("data " + name + ": " + describe(d) + (replaced ? " (replaces the earlier " + name + ")" : ""));
    }

    static String describe(DataSet d) {
        String s = d.rows + " row" + (d.rows == 1 ? "" : "s") + ", " + d.inputs + " input" + (d.inputs == 1 ? "" : "s")
                + " -> " + d.outputs + " output" + (d.outputs == 1 ? "" : "s");
        if (d.classes != null) s += " (classes " + String.join(", ", d.classes) + ")";
        else if (d.classification()) s += " (class labels: " + d.classCount() + " classes)";
        return s;
    }

    private static DataSet inline(Stmt.DataSource.Inline in) {
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
        return new DataSet(rows, ni, no, X, Y, null);
    }

    private static DataSet file(Stmt.DataSource.FromFile f) {
        if (!f.format().text().equalsIgnoreCase("csv")) {
            throw new NnError(f.format().pos(), "nn reads data sets from csv files, not '" + f.format().text() + "'", "write data NAME = csv \"FILE.csv\"");
        }
        OptionReader o = new OptionReader(f.options(), "csv", List.of("target", "onehot"), "csv \"iris.csv\" target=species onehot");
        Path path = inputFile(f.file().text(), f.file().pos());
        String target = o.has("target") ? o.get("target").text() : null;
        return CsvData.load(path, f.file().pos(), target, o.pos("target", f.pos()), o.bool("onehot", false));
    }

    private static DataSet generated(Stmt.DataSource.Generated g) {
        if (!g.generator().text().equals("random")) {
            throw new NnError(g.generator().pos(), "unknown generator '" + g.generator().text() + "'", "nn generates random(rows=N, inputs=N, classes=N, seed=N)");
        }
        List<Option> opts = new java.util.ArrayList<>();
        for (Object a : g.args()) {
            if (a instanceof Option o) opts.add(o);
            else throw new NnError(((Literal) a).pos(), "random takes named settings", "e.g. random(rows=1000, inputs=4, classes=3, seed=0)");
        }
        String example = "random(rows=1000, inputs=4, classes=3, seed=0)";
        OptionReader o = new OptionReader(opts, "random", List.of("rows", "inputs", "classes", "outputs", "seed"), example);
        for (String need : List.of("rows", "inputs")) {
            if (!o.has(need)) throw new NnError(g.pos(), "random needs " + need + "=N", "e.g. " + example);
        }
        if (o.has("classes") == o.has("outputs")) {
            throw new NnError(g.pos(), "random needs either classes=N (one-hot class targets) or outputs=N (numbers in [0, 1))", "e.g. " + example);
        }
        int rows = (int) o.whole("rows", 0, 1, Integer.MAX_VALUE);
        int inputs = (int) o.whole("inputs", 0, 1, Integer.MAX_VALUE);
        int classes = (int) o.whole("classes", 0, 2, 1_000_000);
        int outputs = (int) o.whole("outputs", 0, 1, 1_000_000);
        long seed = o.whole("seed", 0, 0, InitCommand.MAX_SEED);
        long bytes = DataSet.bytesFor(rows, inputs, Math.max(classes, outputs));
        long elements = Math.max((long) rows * inputs, (long) rows * Math.max(classes, outputs));
        if (elements > Integer.MAX_VALUE - 16 || bytes > Runtime.getRuntime().maxMemory() / 2) {
            throw new NnError(g.pos(), "a data set of " + rows + " rows × " + inputs + " inputs needs " + Format.bytes(bytes)
                    + "; this nn may use " + Format.bytes(Runtime.getRuntime().maxMemory()), "use fewer rows, or run java with a larger -Xmx");
        }
        return DataSet.random(rows, inputs, classes, outputs, seed);
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
