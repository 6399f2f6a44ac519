package nn.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worked example as a document: the Markdown carries the reference's numbers; the LaTeX compiles. */
class ExportTest {
    /** The whole reference: forward, backward, update, and the second forward pass. */
    static String exportReference(Path file, String format) {
        return Script.reference("update lr=0.1\nforward\nexport " + format + " \"" + file.toString().replace("\\", "/") + "\"");
    }

    @Test
    void markdownCarriesTheReferencesNumbers(@TempDir Path dir) throws Exception {
        Path md = dir.resolve("example.md");
        String out = exportReference(md, "markdown");
        assertTrue(out.contains("network, data, forward pass, loss, gradients, update, second forward pass"), out);
        String doc = Files.readString(md, StandardCharsets.UTF_8);
        // a long chain is set over several rows of an aligned block: read it as one line
        String flat = doc.replace(" \\\\\n&= ", " = ").replace(" \\\\\n&\\quad ", " ");
        for (String section : List.of("## Network", "## Data", "## Forward pass", "## Backpropagation", "## Update", "## Second forward pass")) {
            assertTrue(doc.contains(section), section);
        }
        // eqs. (1)-(5), (7)-(11), (13)-(16), (18), (21)-(22), (24), (29), (32), (37)-(38), (44), (46)-(48) as LaTeX in the Markdown
        for (String s : List.of(
                "\\begin{bmatrix} 0.2 & -1.2 & 0.9 \\\\ -0.5 & -1.2 & 0.3 \\end{bmatrix}",
                "x &= \\begin{bmatrix} 0.9 \\\\ 0.2 \\\\ 0.5 \\end{bmatrix}",
                "= \\begin{bmatrix} 0.39 \\\\ -0.54 \\end{bmatrix} + \\begin{bmatrix} -0.1 \\\\ 0.2 \\end{bmatrix} = \\begin{bmatrix} 0.29 \\\\ -0.34 \\end{bmatrix}",
                "= 0.203 - 0.1 = 0.103",
                "\\frac{1}{1 + e^{-0.103}} = 0.526",
                "\\frac{1}{2} {\\left(0 - 0.526\\right)}^{2} = 0.138",
                "= 0.526 - 0 = 0.526",
                "0.526 \\left(1 - 0.526\\right) = 0.249",
                "= 0.526 \\cdot 0.249 \\cdot 0.29 = 0.038",
                "= 0.7 - 0.1 \\cdot 0.038 = 0.696",
                "= 0.526 \\cdot 0.249 \\cdot 1 = 0.131",
                "= -0.1 - 0.1 \\cdot 0.131 = -0.113",
                "0.526 \\cdot 0.249 \\cdot 0.7 = 0.092",
                "0.526 \\cdot 0.249 \\cdot \\left(-1.1\\right) = -0.144",
                "= -0.144 \\cdot 0 \\cdot 0.9 = 0",
                "= -1.2 - 0.1 \\cdot 0.018 = -1.202",
                "= 0.9 - 0.1 \\cdot 0.046 = 0.895",
                "\\begin{bmatrix} 0.271 \\\\ -0.34 \\end{bmatrix}", // eq. (44) prints 0.27: the exact 0.2707 is 0.271 at three decimals
                "= 0.188 - 0.113 = 0.075",
                "\\frac{1}{1 + e^{-0.075}} = 0.519",
                "0.135")) {
            assertTrue(flat.contains(s), s + " in\n" + flat);
        }
        assertTrue(doc.contains("{h_{\\text{pre}}}^*"), "the second pass is starred as h_pre*");
    }

    @Test
    void exportWithoutAnUpdateEndsWhereTheWorkDid(@TempDir Path dir) throws Exception {
        Path md = dir.resolve("forward.md");
        String out = Script.reference("export md \"" + md.toString().replace("\\", "/") + "\"");
        assertTrue(out.contains("network, data, forward pass, loss, gradients"), out);
        String doc = Files.readString(md);
        assertTrue(doc.contains("## Backpropagation") && !doc.contains("## Update"), doc);
    }

    @Test
    void latexIsStandaloneAndCompilesWithPdflatex(@TempDir Path dir) throws Exception {
        Path tex = dir.resolve("example.tex");
        exportReference(tex, "latex");
        String doc = Files.readString(tex, StandardCharsets.UTF_8);
        assertTrue(doc.startsWith("% Written by nn") && doc.contains("\\documentclass") && doc.contains("\\end{document}"));
        assertTrue(doc.contains("= 0.526 \\cdot 0.249 \\cdot 0.29 = 0.038"), doc);
        for (char c : doc.toCharArray()) assertTrue(c < 128, "non-ASCII '" + c + "' in the LaTeX");
        org.junit.jupiter.api.Assertions.assertTrue(onPath("pdflatex"), "pdflatex is not installed (.ci/run installs texlive-latex-base)");
        Process p = new ProcessBuilder("pdflatex", "-interaction=nonstopmode", "-halt-on-error", "example.tex")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("pdflatex.out").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "pdflatex did not finish");
        String log = Files.readString(dir.resolve("pdflatex.out"), StandardCharsets.ISO_8859_1);
        assertEquals(0, p.exitValue(), log);
        assertTrue(Files.size(dir.resolve("example.pdf")) > 1000, log);
        assertTrue(!log.contains("Undefined control sequence"), log);
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String d : path.split(File.pathSeparator)) if (Files.isExecutable(Path.of(d, program))) return true;
        return false;
    }

    /** Issue 17: numbered equations, the network's figure, the loss as a formula, an equation never split. */
    @Test
    void documentsNumberTheirEquationsAndShowTheNetwork(@TempDir Path dir) throws Exception {
        Path tex = dir.resolve("doc.tex");
        exportReference(tex, "latex");
        String latex = Files.readString(tex, StandardCharsets.UTF_8);
        assertTrue(latex.contains("\\begin{align}") && !latex.contains("align*"), "numbered displays");
        assertTrue(latex.contains("\\nonumber \\\\*"), "continuation lines unnumbered and kept with their equation");
        assertTrue(latex.contains("\\includegraphics[width=\\textwidth,height=0.45\\textheight,keepaspectratio]{doc-net.png}"), latex);
        byte[] png = Files.readAllBytes(dir.resolve("doc-net.png"));
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "the figure is a PNG");
        assertTrue(latex.contains("E &= \\frac{1}{2} \\sum_i \\left(y_i - o_i\\right)^2"), "the loss as a formula");
        assertTrue(!latex.contains("Loss: half"), "not the loss's identifier");

        Path md = dir.resolve("doc.md");
        exportReference(md, "markdown");
        String markdown = Files.readString(md, StandardCharsets.UTF_8);
        assertTrue(markdown.contains("![The network, each edge with its weight, each neuron with its values](doc-net.svg)"), markdown);
        assertTrue(Files.readString(dir.resolve("doc-net.svg")).startsWith("<svg") || Files.readString(dir.resolve("doc-net.svg")).startsWith("<?xml"));
        // every display has one number, in order from 1
        String[] displays = markdown.split("\\$\\$\n");
        int expected = 1;
        for (int i = 1; i < displays.length; i += 2) {
            assertTrue(displays[i].endsWith("\\tag{" + expected + "}\n"), "display " + expected + ":\n" + displays[i]);
            expected++;
        }
        assertTrue(expected > 40, "the reference's equations are numbered: " + expected);
    }
}
