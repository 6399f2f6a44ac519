package nn.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nn.session.Output;
import nn.testing.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** export and trace on the user's graphs: the circuit's values and chain rules written up, backward traced root first. */
class GraphExportTest {
    private static final String CIRCUIT = "x = -2; y = 5; z = -4\nq = x + y\nf = q * z\nbackward f\n";

    @Test
    void exportWritesEveryValueAndEveryGradient(@TempDir Path dir) throws IOException {
        Path md = dir.resolve("c.md");
        Scripts.ok(CIRCUIT + "export markdown \"" + md + "\"\n");
        String text = Files.readString(md);
        assertTrue(text.startsWith("# Backpropagation through f"), text);
        assertTrue(text.contains("q &= x + y = -2 + 5 = 3") && text.contains("f &= q \\cdot z = 3 \\cdot \\left(-4\\right) = -12"), text);
        for (String leaf : List.of("x", "y", "z", "q")) assertTrue(text.contains("\\frac{\\partial f}{\\partial " + leaf + "}"), leaf + " in\n" + text);
        assertTrue(text.contains("= -4 \\cdot 1 = -4"), "the chain rule with its numbers:\n" + text);
        Path tex = dir.resolve("c.tex");
        Scripts.ok(CIRCUIT + "export latex \"" + tex + "\"\n");
        assertTrue(Files.readString(tex).contains("\\begin{document}"));
    }

    @Test
    void traceShowsEveryGradientFromTheRootDown() {
        Scripts.Run r = Scripts.ok("x = -2; y = 5; z = -4\nq = x + y\nf = q * z\ntrace on\nbackward f\n");
        List<String> order = r.all(Output.Shown.class).stream().map(Output.Shown::label).filter(l -> l.startsWith("df/")).toList();
        assertEquals(List.of("df/df", "df/dq", "df/dy", "df/dx", "df/dz"), order);
        assertEquals(-4, r.shown("df/dq").value().scalar(), 0);
        assertEquals(3, r.shown("df/dz").value().scalar(), 0);
    }
}
