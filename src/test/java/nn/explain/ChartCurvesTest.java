package nn.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The train and test curves of {@code plot loss} after {@code train ... test=OTHER}: in the terminal at 60, 80 and
 * 200 columns (distinct marks, ASCII ones without Unicode, a gap where no test set was measured), and in SVG and PNG
 * with a legend that no curve runs under, whichever way the test loss goes. One curve stays exactly as it was.
 */
class ChartCurvesTest {
    static final Path RENDERS = Path.of("target", "renders");

    /** A training loss falling to 0.002, a test loss falling then rising (overfitting) from epoch 60, tested from epoch {@code from}. */
    static Chart overfitting(int n, int from, Chart.Scale scale) {
        long[] e = new long[n];
        double[] train = new double[n];
        double[] test = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = i + 1;
            train[i] = 0.7 * Math.exp(-i / 40.0) + 0.002;
            test[i] = i + 1 < from ? Double.NaN : 0.75 * Math.exp(-i / 30.0) + 0.05 + 0.004 * Math.max(0, i - 60);
        }
        return Chart.loss(e, train, e, test, scale);
    }

    static Chart falling(int n) {
        long[] e = new long[n];
        double[] train = new double[n];
        double[] test = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = i + 1;
            train[i] = 0.7 * Math.exp(-i / 40.0) + 0.002;
            test[i] = 0.75 * Math.exp(-i / 45.0) + 0.02;
        }
        return Chart.loss(e, train, e, test, Chart.Scale.AUTO);
    }

    @Test
    void inTheTerminalBothCurvesFitEveryWidthWithDistinctMarks() {
        for (Chart c : List.of(falling(300), overfitting(300, 1, Chart.Scale.AUTO), overfitting(300, 1, Chart.Scale.LINEAR), falling(7))) {
            for (int width : new int[] {60, 80, 200}) {
                String text = ChartText.render(c, width, 10, true);
                String[] lines = text.split("\n");
                for (String line : lines) assertTrue(line.length() <= width, width + ":\n" + text);
                assertTrue(lines[lines.length - 1].contains("• train   × test"), "the legend last\n" + text);
                assertTrue(text.chars().filter(ch -> ch == '•').count() > 1 && text.chars().filter(ch -> ch == '×').count() > 1, "both curves drawn\n" + text);
                assertFalse(text.contains("█"), "several curves are marks, not bars\n" + text);
                String ascii = ChartText.render(c, width, 10, false);
                assertTrue(ascii.chars().allMatch(ch -> ch < 128), "ASCII\n" + ascii);
                assertTrue(ascii.contains("* train   x test"), ascii);
                // one mark per column and curve at most: as many columns as points, or the width allows
                int columns = Math.min(width - 6, c.series().get(0).x().length);
                long marks = ascii.lines().limit(11).mapToLong(l -> l.chars().filter(ch -> ch == '*' || ch == 'x').count()).sum();
                assertTrue(marks <= 2L * columns && marks >= columns, marks + " marks for " + columns + " columns\n" + ascii);
            }
        }
    }

    /** Epochs trained without a test set are a gap: no test mark left of the first tested epoch. */
    @Test
    void untestedEpochsAreAGapInTheTerminal() {
        String text = ChartText.render(overfitting(100, 51, Chart.Scale.LINEAR), 80, 10, false);
        String[] lines = text.split("\n");
        int plotStart = lines[1].indexOf('+') + 1; // "0.8 +": the plot's columns start after the axis
        int columns = 80 - plotStart;
        int firstTested = (int) Math.ceil((51 - 1) / 99.0 * (columns - 1)); // the first column at or after epoch 51
        for (int r = 1; r <= 10; r++) {
            String row = lines[r].substring(Math.min(lines[r].length(), plotStart));
            int firstX = row.indexOf('x');
            assertTrue(firstX < 0 || firstX >= firstTested, "a test mark at column " + firstX + " before epoch 51 (column " + firstTested + "):\n" + text);
        }
        assertTrue(text.contains("x"), text);
    }

    /** One curve is drawn as before, character for character. */
    @Test
    void oneCurveIsUnchanged() {
        long[] e = new long[30];
        double[] l = new double[30];
        for (int i = 0; i < 30; i++) {
            e[i] = i + 1;
            l[i] = 0.5 * Math.exp(-i / 8.0) + 0.01;
        }
        assertEquals("""
                loss per epoch
                0.6 ┤▁
                    │█▄
                0.4 ┤███▄▁
                0.2 ┤█████▆▄▁
                    │█████████▆▄▃▂▁
                0.0 ┤███████████████▇▆▆▅▅▄▄▃▃▃▃▂▂▂▂
                    └─────────┬─────────┬─────────┬
                             10        20        30  epoch""", ChartText.render(Chart.loss(e, l, Chart.Scale.AUTO), 60, 6, true));
        assertEquals("""
                loss per epoch
                0.6 +.
                    |#:
                0.4 +###:.
                0.2 +#####::.
                    |#########::...
                0.0 +###############:::::::........
                    +---------+---------+---------+
                             10        20        30  epoch""", ChartText.render(Chart.loss(e, l, Chart.Scale.AUTO), 60, 6, false));
        Scene s = ChartScene.scene(Chart.loss(e, l, Chart.Scale.AUTO));
        assertTrue(s.shapes().stream().noneMatch(sh -> sh instanceof Scene.Box), "no legend for one curve");
    }

    /**
     * The legend box is crossed by no curve: top right while the curves fall away from it, elsewhere when a rising
     * test loss runs through the top right. The SVGs are rendered by rsvg-convert (target/renders) to be looked at.
     */
    @Test
    void theLegendSitsWhereNoCurveRuns() throws Exception {
        Files.createDirectories(RENDERS);
        record Case(String name, Chart chart, Boolean topRight) { }
        List<Case> cases = List.of(new Case("falling", falling(300), true),
                new Case("overfitting-log", overfitting(300, 1, Chart.Scale.AUTO), false),
                new Case("overfitting-linear", overfitting(300, 1, Chart.Scale.LINEAR), null),
                new Case("tested-late", overfitting(300, 120, Chart.Scale.LINEAR), null));
        for (Case k : cases) {
            Scene s = ChartScene.scene(k.chart());
            Scene.Box legend = null;
            List<Scene.Poly> curves = new ArrayList<>();
            for (Scene.Shape sh : s.shapes()) {
                if (sh instanceof Scene.Box b && "legend".equals(b.role())) legend = b;
                if (sh instanceof Scene.Poly p && "curve".equals(p.role())) curves.add(p);
            }
            assertTrue(legend != null, k.name() + ": a legend");
            if (k.topRight() != null) assertEquals(k.topRight(), legend.x() > ChartScene.WIDTH / 2 && legend.y() < ChartScene.HEIGHT / 2, k.name() + ": the legend at " + legend.x() + ", " + legend.y());
            for (Scene.Poly p : curves) {
                for (int i = 1; i < p.xs().length; i++) {
                    assertFalse(ChartScene.crosses(p.xs()[i - 1], p.ys()[i - 1], p.xs()[i], p.ys()[i], legend.x(), legend.y(), legend.x() + legend.w(), legend.y() + legend.h()),
                            k.name() + ": a curve runs under the legend");
                }
            }
            Path svg = RENDERS.resolve("loss-" + k.name() + ".svg").toAbsolutePath();
            Files.writeString(svg, ChartScene.svg(k.chart()));
            Path png = RENDERS.resolve("loss-" + k.name() + ".svg.png").toAbsolutePath();
            Process p = new ProcessBuilder("rsvg-convert", svg.toString(), "-o", png.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "rsvg-convert: " + out);
            assertEquals(800, ImageIO.read(png.toFile()).getWidth());
            Path java2d = RENDERS.resolve("loss-" + k.name() + ".java2d.png");
            Files.write(java2d, ChartScene.png(k.chart()));
            var img = ImageIO.read(java2d.toFile());
            assertEquals(1600, img.getWidth());
            assertEquals(1000, img.getHeight());
        }
    }

    @Test
    void segmentsAndBoxes() {
        assertTrue(ChartScene.crosses(0, 0, 10, 10, 4, 4, 6, 6), "through");
        assertTrue(ChartScene.crosses(5, 5, 5, 5, 4, 4, 6, 6), "a point inside");
        assertFalse(ChartScene.crosses(0, 10, 10, 10, 4, 4, 6, 6), "below");
        assertFalse(ChartScene.crosses(0, 0, 3, 10, 4, 4, 6, 6), "beside");
        assertTrue(ChartScene.crosses(5, 0, 5, 10, 4, 4, 6, 6), "vertical through");
    }
}
