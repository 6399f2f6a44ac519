package nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nn.core.LossCurve;
import nn.text.LossChart;
import org.junit.jupiter.api.Test;

/** The bounded loss record and its charts. */
class LossCurveTest {

    @Test
    void shortRunsKeepEveryEpoch() {
        LossCurve c = new LossCurve();
        for (int e = 1; e <= 10; e++) c.add(1.0 / e);
        assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, c.epochs());
        assertEquals(0.1, c.losses()[9], 0);
    }

    @Test
    void longRunsAreThinnedToEvenlySpacedEpochsAndKeepTheLast() {
        LossCurve c = new LossCurve();
        int n = 1_000_003;
        for (int e = 1; e <= n; e++) c.add(e);
        long[] epochs = c.epochs();
        double[] losses = c.losses();
        assertTrue(epochs.length <= LossCurve.CAPACITY + 1);
        assertTrue(epochs.length > LossCurve.CAPACITY / 2);
        long step = epochs[1] - epochs[0];
        for (int i = 1; i < epochs.length - 1; i++) assertEquals(step, epochs[i] - epochs[i - 1]);
        assertEquals(n, epochs[epochs.length - 1]);
        // each kept point is the loss of that very epoch (here loss = epoch number)
        for (int i = 0; i < epochs.length; i++) assertEquals(epochs[i], losses[i], 0);
        assertEquals(n, c.total());
    }

    @Test
    void copiesAreIndependent() {
        LossCurve a = new LossCurve();
        a.add(1);
        LossCurve b = a.copy();
        b.add(2);
        assertEquals(1, a.total());
        assertEquals(2, b.total());
    }

    @Test
    void terminalChartHasOneColumnPerPointUpToItsWidth() {
        String chart = LossChart.terminal(new long[] {1, 2, 3}, new double[] {1, 0.5, 0.25}, 60, 4);
        String[] lines = chart.split("\n");
        // title, 4 rows, axis, labels
        assertEquals(7, lines.length);
        assertTrue(lines[1].startsWith("1 ┤█"), chart);
        // linear scale from 0: 0.25 fills a quarter of 4 rows, the whole bottom row
        assertTrue(lines[4].endsWith("███"), chart);
        assertTrue(lines[6].contains("1") && lines[6].contains("3") && lines[6].endsWith("epoch"));
    }

    @Test
    void pngLabelsTheLastEpochUnderTheEndOfTheAxis() throws Exception {
        byte[] png = LossChart.png(new long[] {1, 25, 50}, new double[] {0.364, 0.35, 0.3412});
        var img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        assertEquals(640, img.getWidth());
        assertEquals(400, img.getHeight());
        // the band below the x axis (y 352..370) right of the middle holds only the label "50": its ink is centred on
        // the axis end, x = 620, as in the SVG (it used to sit 40 px to the left, under the curve's last stretch)
        long sum = 0, n = 0;
        for (int y = 352; y < 370; y++) {
            for (int x = 400; x < 640; x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                if ((rgb >> 16 & 0xff) < 128 && (rgb >> 8 & 0xff) < 128 && (rgb & 0xff) < 128) { sum += x; n++; }
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(n > 0, "this JVM draws no text (no fonts): the curve only");
        assertEquals(620, sum / (double) n, 4, "centre of the last epoch's label");
    }

    @Test
    void svgIsAWellFormedDocument() throws Exception {
        String svg = LossChart.svg(new long[] {1, 10, 100}, new double[] {2, 0.1, 0.001});
        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertTrue(svg.contains("log scale"));
        assertEquals(1, doc.getElementsByTagName("polyline").getLength());
    }
}
