package nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nn.core.LossCurve;
import nn.explain.Chart;
import nn.explain.ChartScene;
import nn.explain.ChartText;
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
        String chart = ChartText.render(Chart.loss(new long[] {1, 2, 3}, new double[] {1, 0.5, 0.25}, Chart.Scale.AUTO), 60, 4, true);
        String[] lines = chart.split("\n");
        // title, 4 rows, axis, labels
        assertEquals(7, lines.length, chart);
        assertTrue(lines[1].startsWith("1.0 ┤█"), chart);
        // linear scale from 0: 0.25 fills a quarter of 4 rows, the whole bottom row
        assertTrue(lines[4].endsWith("███"), chart);
        assertTrue(lines[6].contains("1") && lines[6].contains("3") && lines[6].endsWith("epoch"), chart);
    }

    @Test
    void pngIsASlide() throws Exception {
        byte[] png = ChartScene.png(Chart.loss(new long[] {1, 25, 50}, new double[] {0.364, 0.35, 0.3412}, Chart.Scale.AUTO));
        var img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        assertEquals(1600, img.getWidth());
        assertEquals(1000, img.getHeight());
    }

    @Test
    void svgIsAWellFormedDocument() throws Exception {
        String svg = ChartScene.svg(Chart.loss(new long[] {1, 10, 100}, new double[] {2, 0.1, 0.001}, Chart.Scale.AUTO));
        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertTrue(svg.contains("log scale"));
        int curves = 0;
        var paths = doc.getElementsByTagName("path");
        for (int i = 0; i < paths.getLength(); i++) if (((org.w3c.dom.Element) paths.item(i)).getAttribute("class").equals("curve")) curves++;
        assertEquals(1, curves);
    }
}
