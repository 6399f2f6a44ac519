package nn.text;

/**
 * Prose laid out for a width: every line longer than the width is broken at spaces (never inside a word), its
 * continuation lines indented under where its text starts. Where that is depends on the line: a table row of help
 * ({@code "  layer         append a dense layer"}) continues under its description, a labelled line
 * ({@code "  hint: did you mean"}) under the text after the label, any other under its own indentation. A word
 * longer than the whole width stands on a line of its own, whole (a file name is not cut). Widths count characters
 * (code points), not bytes; the text must not hold colour codes yet.
 */
public final class Wrap {
    private Wrap() { }

    /** {@code text} with each of its lines wrapped to at most {@code width} characters where it has spaces. */
    public static String text(String text, int width) {
        if (text.isEmpty() || fits(text, width)) return text;
        StringBuilder b = new StringBuilder(text.length() + 16);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) b.append('\n');
            line(b, lines[i], width);
        }
        return b.toString();
    }

    private static boolean fits(String text, int width) {
        int col = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            col = cp == '\n' ? 0 : col + 1;
            if (col > width) return false;
        }
        return true;
    }

    private static int length(String s) { return s.codePointCount(0, s.length()); }

    private static void line(StringBuilder b, String line, int width) {
        if (length(line) <= width) {
            b.append(line);
            return;
        }
        int hang = Math.min(hang(line), width / 2);
        String indent = " ".repeat(hang);
        int lead = 0;
        while (lead < line.length() && line.charAt(lead) == ' ') lead++;
        StringBuilder current = new StringBuilder(line.substring(0, lead));
        int currentLength = lead;
        boolean empty = true; // no word on the current line yet
        int i = lead;
        while (i < line.length()) {
            int spaces = i;
            while (spaces < line.length() && line.charAt(spaces) == ' ') spaces++;
            int end = spaces;
            while (end < line.length() && line.charAt(end) != ' ') end++;
            if (spaces == line.length()) break; // trailing spaces
            String gap = line.substring(i, spaces);
            String word = line.substring(spaces, end);
            int wordLength = length(word);
            if (!empty && currentLength + gap.length() + wordLength > width) {
                b.append(current.toString().stripTrailing()).append('\n');
                current.setLength(0);
                current.append(indent).append(word);
                currentLength = hang + wordLength;
            } else {
                current.append(gap).append(word);
                currentLength += gap.length() + wordLength;
            }
            empty = false;
            i = end;
        }
        b.append(current);
    }

    /** Where a line's continuation lines start (see the class comment). */
    static int hang(String line) {
        int lead = 0;
        while (lead < line.length() && line.charAt(lead) == ' ') lead++;
        // a table row: a short first column, two or more spaces, the description
        int gap = line.indexOf("  ", lead);
        if (gap > lead && gap - lead <= 24) {
            int text = gap;
            while (text < line.length() && line.charAt(text) == ' ') text++;
            if (text < line.length() && length(line.substring(0, text)) <= 32) return length(line.substring(0, text));
        }
        // a label: "hint: ", "warning: ", "- " bullets
        int colon = line.indexOf(": ", lead);
        if (colon > lead && colon - lead <= 10 && line.substring(lead, colon).chars().allMatch(Character::isLetter)) {
            return colon + 2;
        }
        if (line.startsWith("- ", lead) || line.startsWith("• ", lead)) return lead + 2;
        return lead;
    }

    /**
     * A one-line list {@code [a, b, c]} that starts at column {@code start}, broken after its commas so that no line
     * is wider than {@code width}, continued under its first element (as numpy wraps a long array).
     */
    public static String list(String list, int start, int width) {
        if (start + length(list) <= width) return list;
        String[] parts = list.split(", ");
        StringBuilder b = new StringBuilder();
        int col = start;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i] + (i < parts.length - 1 ? "," : "");
            if (i > 0) {
                if (col + 1 + length(part) > width) {
                    b.append('\n').append(" ".repeat(start + 1));
                    col = start + 1;
                } else {
                    b.append(' ');
                    col++;
                }
            }
            b.append(part);
            col += length(part);
        }
        return b.toString();
    }

    /**
     * Derivations laid out for a width: a long equation is broken before its "=" signs, each continuation line
     * starting with "=" under the first one (as a worked example sets a long chain over several lines); a part too
     * long even for a line of its own is then wrapped at its spaces.
     */
    public static String equations(String text, int width) {
        if (text.isEmpty() || fits(text, width)) return text;
        StringBuilder b = new StringBuilder(text.length() + 16);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) b.append('\n');
            String line = lines[i];
            int eq = line.indexOf(" = ");
            if (length(line) <= width || eq < 0 || eq + 1 > width / 2) {
                line(b, line, width);
                continue;
            }
            String indent = " ".repeat(length(line.substring(0, eq + 1)));
            String[] parts = line.substring(eq + 3).split(" = ", -1);
            StringBuilder current = new StringBuilder(line.substring(0, eq + 3)).append(parts[0]);
            for (int k = 1; k < parts.length; k++) {
                if (length(current.toString()) + 3 + length(parts[k]) > width) {
                    line(b, current.toString(), width);
                    b.append('\n');
                    current = new StringBuilder(indent).append("= ").append(parts[k]);
                } else {
                    current.append(" = ").append(parts[k]);
                }
            }
            line(b, current.toString(), width);
        }
        return b.toString();
    }
}
