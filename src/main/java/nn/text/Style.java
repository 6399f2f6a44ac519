package nn.text;

import java.nio.charset.Charset;
import java.util.Map;

/**
 * How output looks: ANSI colour or not, Unicode symbols (∂, σ, ·, ², ✓) or their ASCII spellings. Colour only on a
 * real terminal and never with NO_COLOR set or TERM=dumb; Unicode only where the locale's charset is UTF-8.
 */
public record Style(boolean color, boolean unicode) {

    public static final Style PLAIN = new Style(false, true);

    /** The style for standard output as the environment describes it. */
    public static Style detect(boolean terminal) {
        String term = System.getenv("TERM");
        boolean dumb = term == null || term.equals("dumb");
        boolean noColor = System.getenv("NO_COLOR") != null && !System.getenv("NO_COLOR").isEmpty();
        return new Style(terminal && !dumb && !noColor, utf8Locale());
    }

    /** True unless the locale (LC_ALL, LC_CTYPE, LANG) names a charset other than UTF-8. */
    static boolean utf8Locale() {
        for (String v : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String s = System.getenv(v);
            if (s != null && !s.isEmpty()) {
                String u = s.toUpperCase();
                return u.contains("UTF-8") || u.contains("UTF8") || u.equals("C.UTF-8");
            }
        }
        // no locale at all (CI, cron, containers): the JVM's own choice
        return Charset.defaultCharset().name().toUpperCase().startsWith("UTF");
    }

    private static final Map<String, String> ASCII = Map.ofEntries(
            Map.entry("∂", "d"), Map.entry("σ′", "sigma'"), Map.entry("σ", "sigma"), Map.entry("·", "*"), Map.entry("²", "^2"),
            Map.entry("−", "-"), Map.entry("×", "x"), Map.entry("✓", "ok"), Map.entry("✗", "FAIL"), Map.entry("½", "1/2"),
            Map.entry("Σ", "sum"), Map.entry("μ", "mu"), Map.entry("η", "eta"), Map.entry("δ", "delta"), Map.entry("→", "->"),
            Map.entry("←", "<-"), Map.entry("≤", "<="), Map.entry("≥", ">="), Map.entry("±", "+/-"), Map.entry("≈", "~"),
            Map.entry("′", "'"), Map.entry("…", "..."), Map.entry("—", "--"), Map.entry("│", "|"), Map.entry("─", "-"),
            Map.entry("┼", "+"), Map.entry("ᵀ", "^T"), Map.entry("√", "sqrt"), Map.entry("∞", "inf"), Map.entry("⁻", "^-"),
            Map.entry("¹", "^1"), Map.entry("ₖ", "_k"), Map.entry("ᵢ", "_i"), Map.entry("ⱼ", "_j"),
            // chart cells (plot loss): eighth blocks, axis corners
            Map.entry("▁", "."), Map.entry("▂", "."), Map.entry("▃", "."), Map.entry("▄", ":"), Map.entry("▅", ":"),
            Map.entry("▆", ":"), Map.entry("▇", ":"), Map.entry("█", "#"), Map.entry("┤", "+"), Map.entry("└", "+"),
            // the network picture (draw)
            Map.entry("┐", "+"), Map.entry("┘", "+"), Map.entry("┬", "+"), Map.entry("┴", "+"), Map.entry("▶", ">"));

    /** The text as this style shows it (Unicode symbols spelt in ASCII where Unicode is off). */
    public String text(String s) {
        if (unicode) return s;
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            String ch = s.substring(i, i + n);
            if (cp < 128) b.append(ch);
            else if (i + 2 <= s.length() && ASCII.containsKey(s.substring(i, Math.min(s.length(), i + 2)))) {
                b.append(ASCII.get(s.substring(i, i + 2)));
                i += 2;
                continue;
            } else b.append(ASCII.getOrDefault(ch, "?"));
            i += n;
        }
        return b.toString();
    }

    public String red(String s) { return color ? "\u001b[31m" + s + "\u001b[0m" : s; }

    public String green(String s) { return color ? "\u001b[32m" + s + "\u001b[0m" : s; }

    public String yellow(String s) { return color ? "\u001b[33m" + s + "\u001b[0m" : s; }

    public String bold(String s) { return color ? "\u001b[1m" + s + "\u001b[0m" : s; }

    public String dim(String s) { return color ? "\u001b[2m" + s + "\u001b[0m" : s; }

    public String cyan(String s) { return color ? "\u001b[36m" + s + "\u001b[0m" : s; }
}
