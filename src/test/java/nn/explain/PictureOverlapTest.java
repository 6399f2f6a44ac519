package nn.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import nn.session.Session;
import nn.testing.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every SVG picture and chart keeps its texts apart: each text's box, estimated from its font size and character
 * count with a safe factor (turned as the text is), overlaps no other. Each is also rendered to PNG by rsvg-convert
 * (which must accept it and draw something), and the renders are kept in target/renders to be looked at.
 */
class PictureOverlapTest {
    static final Path RENDERS = Path.of("target", "renders");

    /** What a test draws: a name for the files, the script before, and the statement that writes a file (%s: its name in quotes). */
    record Picture(String name, String script, String statement) {
        @Override public String toString() { return name; }
    }

    static Stream<Picture> pictures() {
        List<Picture> out = new ArrayList<>();
        String[][] nets = {{"net-3-2-1", Nets.SEED}, {"net-4-6-6-3", Nets.NET_4663}, {"net-8x16", Nets.NET_8X16},
            {"net-random-6-layers", Nets.random6(11)}, {"net-300-20-2", Nets.WIDE}, {"net-10-layers", Nets.DEEP_10}, {"net-9x30", Nets.DEEP_WIDE}};
        for (String[] n : nets) {
            out.add(new Picture(n[0], n[1], "draw %s"));
            out.add(new Picture(n[0] + "-gradients", n[1], "draw gradients %s"));
        }
        out.add(new Picture("graph-3-2-1", Nets.SEED, "draw graph %s"));
        out.add(new Picture("graph-4-6-6-3", Nets.NET_4663, "draw graph %s"));
        String xor = """
                init xavier seed=1
                layer tanh 2->4
                layer sigmoid 4->1
                data xor = [[0,0] -> [0], [0,1] -> [1], [1,0] -> [1], [1,1] -> [0]]
                train xor epochs=2000 lr=0.5
                """;
        out.add(new Picture("loss-xor", xor, "plot loss %s"));
        out.add(new Picture("loss-xor-linear", xor, "plot loss %s linear"));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pictures")
    void noTextOverlapsAnotherAndRsvgRendersIt(Picture p) throws Exception {
        Files.createDirectories(RENDERS);
        Path svg = RENDERS.resolve(p.name() + ".svg").toAbsolutePath();
        Session s = Nets.session(p.script());
        Scripts.Run run = Scripts.run(s, p.statement().formatted(quoted(svg)));
        assertEquals(List.of(), run.problems());
        check(svg);
        // the PNG nn draws itself (Java2D) for slides
        Path png = RENDERS.resolve(p.name() + ".java2d.png").toAbsolutePath();
        assertEquals(List.of(), Scripts.run(s, p.statement().formatted(quoted(png))).problems());
        assertPainted(png);
    }

    private static String quoted(Path file) { return "\"" + file.toString().replace("\\", "/") + "\""; }

    /** A computational graph of 30 nodes (18 values, 12 operations), random but the same every run. */
    @Test
    void randomGraphOf30Nodes() throws Exception {
        Random r = new Random(30);
        List<GraphDiagram.Value> values = new ArrayList<>();
        List<GraphDiagram.Op> ops = new ArrayList<>();
        for (int i = 0; i < 6; i++) values.add(value(r, "p" + i));
        String[] symbols = {"+", "*", "@", "relu", "σ", "tanh", "sum", "softmax"};
        for (int k = 0; k < 12; k++) {
            List<Integer> operands = new ArrayList<>();
            int n = 1 + r.nextInt(3);
            for (int a = 0; a < n; a++) {
                int pick = values.size() - 1 - r.nextInt(Math.min(values.size(), 7));
                if (!operands.contains(pick)) operands.add(pick);
            }
            values.add(value(r, r.nextInt(3) == 0 ? null : "v" + k));
            ops.add(new GraphDiagram.Op(symbols[r.nextInt(symbols.length)], operands, values.size() - 1));
        }
        GraphDiagram d = new GraphDiagram("a random graph of 30 nodes", values, ops);
        assertEquals(30, d.values().size() + d.ops().size());
        Files.createDirectories(RENDERS);
        Path svg = RENDERS.resolve("graph-random-30.svg").toAbsolutePath();
        Files.writeString(svg, new GraphSvg(d).svg());
        check(svg);
        String text = new GraphPicture(d, true).render(60);
        for (String line : text.split("\n")) assertTrue(line.length() <= 60, line);
    }

    /** Two curves with a legend: "train" and "test". */
    @Test
    void chartWithTwoCurves() throws Exception {
        int n = 300;
        double[] x = new double[n];
        double[] train = new double[n];
        double[] test = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
            train[i] = 0.7 * Math.exp(-i / 40.0) + 0.002;
            test[i] = 0.75 * Math.exp(-i / 45.0) + 0.02 + 0.00004 * i;
        }
        Chart c = new Chart("loss per epoch", "epoch", "loss", List.of(new Chart.Series("train", x, train), new Chart.Series("test", x, test)),
                Chart.Scale.AUTO);
        Files.createDirectories(RENDERS);
        Path svg = RENDERS.resolve("loss-train-test.svg").toAbsolutePath();
        Files.writeString(svg, ChartScene.svg(c));
        String doc = Files.readString(svg);
        assertTrue(doc.contains(">train<") && doc.contains(">test<"), "a legend");
        check(svg);
        Path png = RENDERS.resolve("loss-train-test.java2d.png");
        Files.write(png, ChartScene.png(c));
        var img = ImageIO.read(png.toFile());
        assertEquals(1600, img.getWidth());
        assertEquals(1000, img.getHeight());
        for (int width : new int[] {60, 80, 120, 200}) {
            String text = ChartText.render(c, width, 10, true);
            for (String line : text.split("\n")) assertTrue(line.length() <= width, width + ":\n" + text);
            assertTrue(text.contains("• train") && text.contains("× test"), text);
        }
    }

    /** The check itself finds texts on one spot, and a turned text across another (so a pass above means they are apart). */
    @Test
    void theCheckFindsOverlappingTexts() throws Exception {
        Files.createDirectories(RENDERS);
        String same = "<text x=\"10\" y=\"40\" font-size=\"12\">far away</text>"
                + "<text x=\"200\" y=\"100\" font-size=\"12\">alpha</text><text x=\"205\" y=\"102\" font-size=\"12\">beta</text>";
        String crossed = "<text x=\"100\" y=\"300\" font-size=\"12\">a long horizontal label</text>"
                + "<text x=\"150\" y=\"250\" font-size=\"12\" transform=\"rotate(90 150 250)\">a turned label</text>"
                + "<text x=\"400\" y=\"250\" font-size=\"12\" transform=\"rotate(90 400 250)\">apart</text>";
        String[][] cases = {{"check-same-spot", same, "'alpha' overlaps 'beta'"}, {"check-crossed", crossed, "'a long horizontal label' overlaps 'a turned label'"}};
        for (String[] c : cases) {
            Path svg = RENDERS.resolve(c[0] + ".svg").toAbsolutePath();
            Files.writeString(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"500\" height=\"400\">" + c[1] + "</svg>");
            org.opentest4j.AssertionFailedError e = org.junit.jupiter.api.Assertions.assertThrows(org.opentest4j.AssertionFailedError.class, () -> check(svg));
            assertTrue(e.getMessage().contains(c[2]), e.getMessage());
        }
    }

    private static GraphDiagram.Value value(Random r, String name) {
        double v = Math.round((r.nextDouble() * 4 - 2) * 1000) / 1000.0;
        String t = String.valueOf(v).replace('-', '−');
        return new GraphDiagram.Value(name, t, String.valueOf(Math.round(r.nextDouble() * 1000) / 1000.0), v);
    }

    // ---- the checks ----

    private static void check(Path svg) throws Exception {
        List<double[]> boxes = new ArrayList<>();
        List<String> what = new ArrayList<>();
        NodeList texts = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile()).getElementsByTagName("text");
        assertTrue(texts.getLength() > 0, "texts in " + svg);
        for (int i = 0; i < texts.getLength(); i++) {
            Element t = (Element) texts.item(i);
            boxes.add(box(t));
            what.add(t.getTextContent());
        }
        // pairs in order of their boxes' left edges, each compared with those that start before it ends: boxes whose
        // bounding rectangles are apart cannot overlap, so this finds every pair the all-pairs loop would
        List<double[]> rects = boxes.stream().map(PictureOverlapTest::bounds).toList();
        Integer[] byLeft = new Integer[boxes.size()];
        for (int i = 0; i < byLeft.length; i++) byLeft[i] = i;
        java.util.Arrays.sort(byLeft, java.util.Comparator.comparingDouble(i -> rects.get(i)[0]));
        for (int a = 0; a < byLeft.length; a++) {
            int i = byLeft[a];
            double[] bi = rects.get(i);
            for (int c = a + 1; c < byLeft.length; c++) {
                int j = byLeft[c];
                double[] bj = rects.get(j);
                if (bj[0] > bi[2]) break;
                if (bj[1] > bi[3] || bi[1] > bj[3]) continue;
                if (overlap(boxes.get(i), boxes.get(j))) {
                    int first = Math.min(i, j);
                    int second = Math.max(i, j);
                    fail(svg.getFileName() + ": '" + what.get(first) + "' overlaps '" + what.get(second) + "'");
                }
            }
        }
        rsvg(svg);
    }

    private static final Pattern ROTATE = Pattern.compile("rotate\\(([-0-9.]+) ([-0-9.]+) ([-0-9.]+)\\)");

    /**
     * The corners of a text's box: 0.7 of its font size per character (bold 15% wider), 1.2 font sizes high about
     * the middle of its letters, placed by its anchor and turned by its rotate().
     */
    static double[] box(Element t) {
        double size = Double.parseDouble(t.getAttribute("font-size"));
        boolean bold = t.getAttribute("font-weight").equals("bold");
        String s = t.getTextContent();
        double w = 0.7 * s.codePointCount(0, s.length()) * size * (bold ? 1.15 : 1);
        double x = Double.parseDouble(t.getAttribute("x"));
        double y = Double.parseDouble(t.getAttribute("y")) - 0.36 * size;
        String anchor = t.getAttribute("text-anchor");
        double left = anchor.equals("middle") ? -w / 2 : anchor.equals("end") ? -w : 0;
        double angle = 0;
        double cx = x;
        double cy = y;
        Matcher m = ROTATE.matcher(t.getAttribute("transform"));
        if (m.find()) {
            angle = Math.toRadians(Double.parseDouble(m.group(1)));
            cx = Double.parseDouble(m.group(2));
            cy = Double.parseDouble(m.group(3));
        }
        double[][] local = {{x + left, y - 0.6 * size}, {x + left + w, y - 0.6 * size}, {x + left + w, y + 0.6 * size}, {x + left, y + 0.6 * size}};
        double[] out = new double[8];
        for (int k = 0; k < 4; k++) {
            double dx = local[k][0] - cx;
            double dy = local[k][1] - cy;
            out[2 * k] = cx + dx * Math.cos(angle) - dy * Math.sin(angle);
            out[2 * k + 1] = cy + dx * Math.sin(angle) + dy * Math.cos(angle);
        }
        return out;
    }

    /** A quadrilateral's bounding rectangle: left, top, right, bottom. */
    static double[] bounds(double[] q) {
        double[] b = {q[0], q[1], q[0], q[1]};
        for (int k = 1; k < 4; k++) {
            b[0] = Math.min(b[0], q[2 * k]);
            b[1] = Math.min(b[1], q[2 * k + 1]);
            b[2] = Math.max(b[2], q[2 * k]);
            b[3] = Math.max(b[3], q[2 * k + 1]);
        }
        return b;
    }

    /** Two convex quadrilaterals overlap unless one of their sides' normals separates them (by more than a hair). */
    static boolean overlap(double[] a, double[] b) {
        for (double[] q : new double[][] {a, b}) {
            for (int i = 0; i < 4; i++) {
                int j = (i + 1) % 4;
                double nx = q[2 * i + 1] - q[2 * j + 1];
                double ny = q[2 * j] - q[2 * i];
                double len = Math.hypot(nx, ny);
                double[] pa = project(a, nx / len, ny / len);
                double[] pb = project(b, nx / len, ny / len);
                if (pa[1] <= pb[0] + 0.01 || pb[1] <= pa[0] + 0.01) return false;
            }
        }
        return true;
    }

    private static double[] project(double[] q, double nx, double ny) {
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (int k = 0; k < 4; k++) {
            double p = q[2 * k] * nx + q[2 * k + 1] * ny;
            lo = Math.min(lo, p);
            hi = Math.max(hi, p);
        }
        return new double[] {lo, hi};
    }

    /** rsvg-convert must accept the SVG and draw a picture that is more than a white page. */
    private static void rsvg(Path svg) throws Exception {
        org.junit.jupiter.api.Assertions.assertTrue(ExportTest.onPath("rsvg-convert"), "rsvg-convert is not installed (.ci/run installs librsvg2-bin)");
        Path png = svg.resolveSibling(svg.getFileName().toString().replace(".svg", ".png"));
        Path log = Files.createTempFile("rsvg", ".out");
        try {
            Process p = new ProcessBuilder("rsvg-convert", "-o", png.toString(), svg.toString()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "rsvg-convert did not finish");
            assertEquals(0, p.exitValue(), "rsvg-convert " + svg + ": " + Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
        assertPainted(png);
    }

    private static void assertPainted(Path png) throws Exception {
        assertTrue(Files.size(png) > 2000, png + " is " + Files.size(png) + " bytes");
        var img = ImageIO.read(png.toFile());
        assertTrue(img.getWidth() > 100 && img.getHeight() > 100, png + " is " + img.getWidth() + "×" + img.getHeight());
        long ink = 0;
        long all = 0;
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                all++;
                if ((img.getRGB(x, y) & 0xffffff) != 0xffffff) ink++;
            }
        }
        assertTrue(ink > all / 200, png + " is nearly blank: " + ink + " of " + all + " sampled pixels drawn");
    }

    /** The width estimate the layouts place text by is never narrower than DejaVu Sans draws it (where it is installed). */
    @Test
    void textSizeIsNeverNarrowerThanTheFont() throws Exception {
        System.setProperty("java.awt.headless", "true");
        java.awt.Font plain = new java.awt.Font("DejaVu Sans", java.awt.Font.PLAIN, 100);
        org.junit.jupiter.api.Assertions.assertEquals("DejaVu Sans", plain.getFamily(), "DejaVu Sans is not installed (.ci/run installs fonts-dejavu-core)");
        java.awt.Font bold = plain.deriveFont(java.awt.Font.BOLD);
        var g = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB).createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_FRACTIONALMETRICS, java.awt.RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        List<String> samples = new ArrayList<>(List.of("∂E/∂h_pre0 = 0.092", "−0.123", "a0[15]", "W0", "MW", "layer 7: o", "loss (log scale)",
                "data [0.041, −0.194, 0.854, … (6)]", "grad −0.144", "softmax", "σ", "1e−5", "0.001", "⋮", "numbers on the 157 largest"));
        for (Path f : List.of(Path.of("target", "renders", "net-3-2-1-gradients.svg"), Path.of("target", "renders", "graph-3-2-1.svg"))) {
            if (!Files.exists(f)) continue;
            NodeList texts = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f.toFile()).getElementsByTagName("text");
            for (int i = 0; i < texts.getLength(); i++) samples.add(texts.item(i).getTextContent());
        }
        for (String s : samples) {
            for (boolean b : new boolean[] {false, true}) {
                double drawn = new java.awt.font.TextLayout(s, b ? bold : plain, g.getFontRenderContext()).getAdvance();
                assertTrue(TextSize.width(s, 100, b) >= drawn, "'" + s + "'" + (b ? " bold" : "") + ": estimated " + TextSize.width(s, 100, b) + " < drawn " + drawn);
            }
        }
    }
}
