package nn.session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import nn.core.DataSet;
import nn.lang.NnError;
import nn.lang.Pos;
import nn.lang.Source;

/**
 * A data set from a CSV file: comma-separated, an optional header (taken as one when its first row is not all
 * numbers), double-quoted fields allowed. One column is the target, by header name or 0-based index (the last
 * column unless {@code target=} says otherwise); every other column is an input. {@code onehot} turns the target's
 * class labels (words or numbers) into one-hot rows, classes in sorted order. Every problem is reported at its line
 * and column in the file.
 */
final class CsvData {
    private CsvData() { }

    /** A cell: its text and where it starts (1-based column). */
    private record Cell(String text, int column) { }

    static DataSet load(Path file, Pos at, String target, Pos targetPos, boolean onehot) {
        String text = SourceFiles.text(file, at);
        Source src = new Source(file.toString(), text);
        List<List<Cell>> rows = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        for (int ln = 1; ln <= src.lines().size(); ln++) {
            String line = src.line(ln);
            if (line.isBlank()) continue;
            rows.add(split(line, new Pos(src, ln, 1, line.length())));
            lineNumbers.add(ln);
        }
        if (rows.isEmpty()) throw SourceFiles.io(at, file + " has no rows", null);
        boolean header = header(rows);
        List<String> names = new ArrayList<>();
        int width = rows.get(0).size();
        for (int i = 0; i < width; i++) names.add(header ? rows.get(0).get(i).text().strip() : "column " + i);
        int first = header ? 1 : 0;
        if (rows.size() == first) throw SourceFiles.io(at, file + " has a header but no rows", null);
        if (width < 2) throw SourceFiles.io(new Pos(src, lineNumbers.get(0), 1, 1), "a data set needs at least two columns (inputs and a target), but " + file.getFileName() + " has one", "separate columns with commas");
        int t = targetColumn(target, targetPos, names, header, width);
        for (int r = first; r < rows.size(); r++) {
            if (rows.get(r).size() != width) {
                int ln = lineNumbers.get(r);
                throw SourceFiles.io(new Pos(src, ln, 1, src.line(ln).length()), "row has " + rows.get(r).size() + " value" + (rows.get(r).size() == 1 ? "" : "s")
                        + " but the " + (header ? "header" : "first row") + " has " + width, "every row needs one value per column");
            }
        }
        int n = rows.size() - first;
        int inputs = width - 1;
        double[] X = new double[Math.multiplyExact(n, inputs)];
        for (int r = 0; r < n; r++) {
            List<Cell> row = rows.get(first + r);
            int c = 0;
            for (int col = 0; col < width; col++) {
                if (col == t) continue;
                X[r * inputs + c++] = number(row.get(col), src, lineNumbers.get(first + r), names.get(col), null);
            }
        }
        if (!onehot) {
            double[] Y = new double[n];
            for (int r = 0; r < n; r++) {
                Y[r] = number(rows.get(first + r).get(t), src, lineNumbers.get(first + r), names.get(t),
                        "a target of class names needs `onehot` after the file name, e.g. csv \"" + file.getFileName() + "\" target=" + names.get(t).replace(' ', '_') + " onehot");
            }
            return new DataSet(n, inputs, 1, X, Y, null);
        }
        List<String> labels = new ArrayList<>();
        for (int r = 0; r < n; r++) labels.add(rows.get(first + r).get(t).text().strip());
        List<String> classes = classes(labels);
        if (classes.size() < 2) throw SourceFiles.io(at, "the target column '" + names.get(t) + "' has only one class (" + classes.get(0) + ")", "onehot needs at least two classes");
        double[] Y = new double[Math.multiplyExact(n, classes.size())];
        // a label's class by the same order that made the classes: 1 and 1.0 are one class (as the sort said)
        java.util.TreeMap<String, Integer> index = new java.util.TreeMap<>(order(labels));
        for (int i = 0; i < classes.size(); i++) index.put(classes.get(i), i);
        for (int r = 0; r < n; r++) Y[r * classes.size() + index.get(labels.get(r))] = 1;
        return new DataSet(n, inputs, classes.size(), X, Y, classes);
    }

    /**
     * The first row is a header when it is all words, or has a word where the next row has a number (a column of
     * class names without a header has words in both).
     */
    private static boolean header(List<List<Cell>> rows) {
        List<Cell> top = rows.get(0);
        if (top.stream().noneMatch(c -> numeric(c.text()))) return true;
        if (rows.size() < 2) return false;
        List<Cell> next = rows.get(1);
        for (int i = 0; i < Math.min(top.size(), next.size()); i++) {
            if (!numeric(top.get(i).text()) && numeric(next.get(i).text())) return true;
        }
        return false;
    }

    /** The class labels in sorted order: numerically if they are all numbers, else alphabetically. */
    private static List<String> classes(List<String> labels) {
        TreeSet<String> set = new TreeSet<>(order(labels));
        List<String> out = new ArrayList<>();
        for (String l : labels) if (set.add(l)) out.add(l);
        out.sort(set.comparator());
        return out;
    }

    /** Numerically if all labels are numbers (1 and 1.0 then being one label), else alphabetically. */
    private static java.util.Comparator<String> order(List<String> labels) {
        boolean numbers = labels.stream().allMatch(CsvData::numeric);
        return numbers ? java.util.Comparator.comparingDouble(Double::parseDouble) : java.util.Comparator.naturalOrder();
    }

    private static int targetColumn(String target, Pos pos, List<String> names, boolean header, int width) {
        if (target == null) return width - 1;
        if (target.matches("-?\\d+")) {
            long i = target.length() > 12 ? Long.MAX_VALUE : Long.parseLong(target);
            if (i < 0) i += width;
            if (i < 0 || i >= width) throw new NnError(pos, "column " + target + " does not exist: the file has " + width + " columns (0 to " + (width - 1) + ")", null);
            return (int) i;
        }
        for (int i = 0; i < width; i++) if (names.get(i).equals(target)) return i;
        for (int i = 0; i < width; i++) if (names.get(i).equalsIgnoreCase(target)) return i;
        if (!header) throw new NnError(pos, "the file has no header, so columns have no names", "give the target column's index, e.g. target=" + (width - 1));
        String hint = nn.lang.Suggest.hint(target, names);
        throw new NnError(pos, "no column named '" + target + "'", hint != null ? hint : "columns: " + String.join(", ", names));
    }

    private static double number(Cell c, Source src, int line, String column, String hint) {
        String t = c.text().strip();
        Pos p = new Pos(src, line, c.column(), Math.max(1, c.text().length()));
        if (t.isEmpty()) throw SourceFiles.io(p, "missing value in column '" + column + "'", "fill in every value (nn has no missing-value handling)");
        if (!numeric(t)) throw SourceFiles.io(p, "'" + t + "' in column '" + column + "' is not a number", hint);
        double v = Double.parseDouble(t);
        if (!Double.isFinite(v)) throw SourceFiles.io(p, "'" + t + "' in column '" + column + "' is not a finite number", null);
        return v;
    }

    static boolean numeric(String s) {
        String t = s.strip();
        return t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    }

    /** Splits a line at commas outside double quotes ("a ""b""" is a "b"). */
    private static List<Cell> split(String line, Pos at) {
        List<Cell> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        int start = 1;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(new Cell(cur.toString(), start));
                cur.setLength(0);
                start = i + 2;
            } else {
                cur.append(ch);
            }
        }
        if (quoted) throw SourceFiles.io(at, "a quote opened in this row is never closed", null);
        out.add(new Cell(cur.toString(), start));
        return out;
    }
}
