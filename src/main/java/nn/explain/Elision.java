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

    /** More layers than this and a picture shows the first and last {@link #KEEP_LAYERS} only, a gap between. */
    static final int MAX_LAYERS = 8;
    static final int KEEP_LAYERS = 3;

    /**
     * The columns of a diagram to show (0: the input, k + 1: layer k), with {@link #GAP} where left-out layers would
     * stand: every column up to {@link #MAX_LAYERS} layers, otherwise the input, the first and last
     * {@link #KEEP_LAYERS} layers.
     */
    static List<Integer> shownColumns(int columns) {
        int layers = columns - 1;
        List<Integer> out = new ArrayList<>();
        if (layers <= MAX_LAYERS) {
            for (int c = 0; c < columns; c++) out.add(c);
            return out;
        }
        for (int c = 0; c <= KEEP_LAYERS; c++) out.add(c);
        out.add(GAP);
        for (int c = columns - KEEP_LAYERS; c < columns; c++) out.add(c);
        return out;
    }

    /** The first and last layer a gap of {@link #shownColumns} stands for. */
    static int firstLeftOutLayer() { return KEEP_LAYERS; }

    static int lastLeftOutLayer(int columns) { return columns - 2 - KEEP_LAYERS; }

    /** "12 layers, showing 0-2 … 9-11; a3 … a8 left out". */
    static String layersNote(List<NetDiagram.Column> columns, boolean unicode) {
        int n = columns.size() - 1;
        int a = firstLeftOutLayer();
        int b = lastLeftOutLayer(columns.size());
        String more = unicode ? " … " : " ... ";
        return n + " layers, showing 0-" + (KEEP_LAYERS - 1) + more + (n - KEEP_LAYERS) + "-" + (n - 1) + "; "
                + columns.get(a + 1).name() + (a == b ? "" : (b == a + 1 ? ", " : more) + columns.get(b + 1).name()) + " left out";
    }

    /** "h: 200 units, showing 0-3 … 196-199" (ASCII "..." where the output is not Unicode). */
    static String note(String name, int n, boolean unicode) {
        return name + ": " + n + " units, showing 0-" + (KEEP - 1) + (unicode ? " … " : " ... ") + (n - KEEP) + "-" + (n - 1);
    }
}
