package nn.grade;

/**
 * The name of the slip a hint found, for counting across a class: the hint's claim without the numbers it computed
 * ("matches the gradient of Σ(y − o)² without the ½" from "matches the gradient ... without the ½: with E = ...
 * (that gives 0.077)"). Null for a hint that names no slip.
 */
final class Slips {
    private Slips() { }

    static String name(String hint) {
        if (hint == null || !hint.startsWith("matches")) return null;
        String s = hint;
        int k = s.indexOf(" (that gives");
        if (k >= 0) s = s.substring(0, k);
        for (String stop : new String[] {":", ";", "; rounded it is"}) {
            int j = s.indexOf(stop);
            if (j > 0) s = s.substring(0, j);
        }
        s = s.replaceFirst("^matches ", "").strip();
        return s.isEmpty() ? null : s;
    }
}
