package nn.lang;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** "Did you mean ...?": the candidates closest to a misspelt word by edit distance. */
public final class Suggest {
    private Suggest() { }

    /** Up to {@code max} candidates within a distance that grows with the word's length, closest first. */
    public static List<String> closest(String word, Collection<String> candidates, int max) {
        int limit = Math.max(1, Math.min(3, word.length() / 3 + 1));
        record Scored(String s, int d) { }
        List<Scored> scored = new ArrayList<>();
        for (String c : candidates) {
            // the distance is at least the difference in length: a 10-million-character word is near nothing
            boolean prefix = c.length() > 2 && word.length() > 2 && word.length() <= c.length() && c.toLowerCase().startsWith(word.toLowerCase());
            if (!prefix && Math.abs(word.length() - c.length()) > limit) continue;
            int d = distance(word.toLowerCase(), c.toLowerCase());
            if (d <= limit || (c.length() > 2 && word.length() > 2 && c.toLowerCase().startsWith(word.toLowerCase()))) {
                scored.add(new Scored(c, d));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::d).thenComparing(Scored::s));
        List<String> out = new ArrayList<>();
        for (Scored s : scored) {
            if (out.size() == max) break;
            if (!out.contains(s.s())) out.add(s.s());
        }
        return out;
    }

    /** "did you mean a, b or c?" or null when nothing is close. */
    public static String hint(String word, Collection<String> candidates) {
        List<String> c = closest(word, candidates, 3);
        if (c.isEmpty()) return null;
        return "did you mean " + joinOr(c) + "?";
    }

    public static String joinOr(List<String> items) {
        if (items.size() == 1) return items.get(0);
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    /** Optimal string alignment distance (Levenshtein plus adjacent transpositions: "lyaer" is 1 from "layer"). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
