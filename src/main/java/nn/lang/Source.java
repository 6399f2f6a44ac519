package nn.lang;

import java.util.List;

/** A piece of program text and where it came from (a file path, "-e", "<stdin>", or "<repl>"). */
public record Source(String origin, String text, List<String> lines, int firstLine) {

    public Source(String origin, String text) { this(origin, text, 1); }

    public Source(String origin, String text, int firstLine) {
        this(origin, text, List.of(text.split("\r\n|\r|\n", -1)), firstLine);
    }

    /** The text of line {@code line} (numbered as in {@link Pos}), or "" when out of range. */
    public String line(int line) {
        int i = line - firstLine;
        return i >= 0 && i < lines.size() ? lines.get(i) : "";
    }
}
