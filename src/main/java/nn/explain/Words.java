package nn.explain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prose lines for a fixed width: broken between words, never inside one (a word longer than the width is cut).
 * Spaces inside a line are kept as written (they may align columns); a break swallows the spaces where it falls.
 */
public final class Words {
    private Words() { }

    private static final Pattern WORD = Pattern.compile("( *)([^ ]+)");

    /** {@code text} in lines of at most {@code width} characters, continuation lines indented by one space. */
    public static String fill(String text, int width) { return fill(text, width, 1); }

    /** {@code text} in lines of at most {@code width} characters, continuation lines indented by {@code indent}. */
    public static String fill(String text, int width, int indent) {
        String pad = " ".repeat(Math.min(indent, Math.max(0, width - 1)));
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder();
        boolean fresh = true; // nothing but the indentation on the line yet
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String spaces = m.group(1);
            String word = m.group(2);
            if (!fresh && line.length() + spaces.length() + word.length() > width) {
                out.append(line).append('\n');
                line.setLength(0);
                line.append(pad);
                spaces = "";
            }
            line.append(spaces).append(word);
            fresh = false;
            if (line.length() > width) line.setLength(Math.max(1, width));
        }
        return out.append(line).toString();
    }
}
