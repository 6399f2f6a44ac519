package nn.explain;

/** Prose lines for a fixed width: broken between words, never inside one (a word longer than the width is cut). */
public final class Words {
    private Words() { }

    /** {@code text} in lines of at most {@code width} characters, continuation lines indented by one space. */
    public static String fill(String text, int width) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (word.isEmpty()) continue;
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                out.append(line).append('\n');
                line.setLength(0);
                line.append(' ');
            }
            if (line.length() > 0 && !line.toString().isBlank()) line.append(' ');
            line.append(word);
            if (line.length() > width) line.setLength(Math.max(1, width));
        }
        return out.append(line).toString();
    }
}
