package nn.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * Which units of a wide layer a picture shows: all of them up to {@link #MAX_UNITS}, otherwise the first and last
 * {@link #KEEP} with a gap between, and the sentence that says what was left out. The terminal and SVG pictures
 * elide alike, so both say the same thing about a wide network.
 */
final class Elision {
    private Elision() { }

    /** More units than this and a picture shows the first and last few only. */
    static final int MAX_UNITS = 16;
    static final int KEEP = 4;
    /** Where the left-out units stand in {@link #shown}'s list. */
    static final int GAP = -1;

    /** The indices of {@code n} units to show, with {@link #GAP} where the left-out ones would be. */
    static List<Integer> shown(int n) {
        List<Integer> out = new ArrayList<>();
        if (n <= MAX_UNITS) {
            for (int i = 0; i < n; i++) out.add(i);
            return out;
        }
        for (int i = 0; i < KEEP; i++) out.add(i);
        out.add(GAP);
        for (int i = n - KEEP; i < n; i++) out.add(i);
        return out;
    }

    static boolean elides(int n) { return n > MAX_UNITS; }

    /** How many units the gap stands for. */
    static int leftOut(int n) { return elides(n) ? n - 2 * KEEP : 0; }

    /** "h: 200 units, showing 0-3 … 196-199" (ASCII "..." where the output is not Unicode). */
    static String note(String name, int n, boolean unicode) {
        return name + ": " + n + " units, showing 0-" + (KEEP - 1) + (unicode ? " … " : " ... ") + (n - KEEP) + "-" + (n - 1);
    }
}
