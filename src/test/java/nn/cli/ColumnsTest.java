package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Pictures are laid out for --width, else COLUMNS, else the terminal's width, else 80 columns. */
class ColumnsTest {
    @Test
    void theOptionWinsThenColumnsThenEighty() {
        assertEquals(132, Columns.of(132, "100", true).getAsInt());
        assertEquals(100, Columns.of(0, "100", false).getAsInt());
        assertEquals(80, Columns.of(0, null, false).getAsInt());
        assertEquals(80, Columns.of(0, "wide", false).getAsInt(), "a COLUMNS that is no number is ignored");
        assertEquals(80, Columns.of(0, "5", false).getAsInt(), "nor one too narrow to draw in");
    }

    @Test
    void drawFitsTheWidthAsked() {
        String seed = "layer relu 3->2 as h; layer sigmoid 2->1 as o; W0 = [[0.2, -1.2, 0.9], [-0.5, -1.2, 0.3]]; "
                + "b0 = [-0.1, 0.2]; W1 = [0.7, -1.1]; b1 = -0.1; input [0.9, 0.2, 0.5]; target 0; forward; backward; draw gradients";
        MainTest.Result wide = MainTest.run("--ascii", "--width", "120", "-e", seed);
        assertTrue(wide.out().contains("dE/dx0 = 0.018    x0 -- 0.083 -+"), "side by side at 120\n" + wide.out());
        MainTest.Result narrow = MainTest.run("--ascii", "--width", "60", "-e", seed);
        assertTrue(narrow.out().contains("x0 -- 0.083 -+"), narrow.out());
        for (String line : narrow.out().split("\n")) {
            if (line.contains(" -- ")) assertTrue(line.length() <= 60, "at 60 columns: " + line);
        }
        MainTest.Result bad = MainTest.run("--width", "ten", "-e", "reset");
        assertEquals(Main.USAGE, bad.code(), bad.err());
        assertTrue(bad.err().contains("--width takes a number of columns"), bad.err());
    }
}
