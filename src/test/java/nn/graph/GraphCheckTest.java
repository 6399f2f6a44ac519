package nn.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import nn.core.Value;
import nn.core.graph.Arith;
import nn.core.graph.Backprop;
import nn.core.graph.Backward;
import nn.core.graph.Graph;
import nn.core.graph.GraphCheck;
import nn.core.graph.Node;
import nn.session.Output;
import nn.testing.Scripts;
import org.junit.jupiter.api.Test;

/** gradcheck on the user's graphs: it agrees where backprop is right, catches a wrong gradient, and puts every value back. */
class GraphCheckTest {
    /** CS231n's circuit f = (x + y)·z at x = −2, y = 5, z = −4: df/dx = df/dy = z = −4, df/dz = x + y = 3. */
    private static Graph circuit(List<Node> leaves) {
        Graph g = new Graph();
        Node x = g.leaf("x", Value.scalar(-2));
        Node y = g.leaf("y", Value.scalar(5));
        Node z = g.leaf("z", Value.scalar(-4));
        leaves.addAll(List.of(x, y, z));
        Node q = g.apply(Arith.ADD, "q", x, y);
        g.apply(Arith.MUL, "f", q, z);
        return g;
    }

    @Test
    void agreesWithBackpropOnTheCircuit() {
        Graph g = circuit(new ArrayList<>());
        Backward bw = Backprop.run(g, g.node("f"));
        List<GraphCheck.Entry> e = GraphCheck.run(bw, 1e-3, 100);
        assertEquals(3, e.size());
        for (GraphCheck.Entry x : e) {
            double expected = switch (x.leaf()) { case "x", "y" -> -4; case "z" -> 3; default -> Double.NaN; };
            assertEquals(expected, x.numeric(), 1e-9, x.leaf());
            assertTrue(x.error() < 1e-10 && !x.kink(), x.toString());
        }
    }

    @Test
    void catchesAWrongGradientAndPutsEveryValueBack() {
        Graph g = circuit(new ArrayList<>());
        Backward bw = Backprop.run(g, g.node("f"));
        List<double[]> before = new ArrayList<>();
        for (Node n : g.nodes()) before.add(n.data.clone());
        bw.of(g.node("z"))[0] = 2.5; // as if the product's local derivative were wrong
        GraphCheck.Entry z = GraphCheck.run(bw, 1e-3, 100).stream().filter(x -> x.leaf().equals("z")).findFirst().orElseThrow();
        assertTrue(z.error() > 0.1 && !z.kink(), z.toString());
        for (int k = 0; k < before.size(); k++) assertArrayEquals(before.get(k), g.get(k).data, 0);
    }

    @Test
    void aKinkIsNamedNotFailed() {
        Scripts.Run r = Scripts.ok("x = -2\nu = relu(x + 2)\nbackward u\ngradcheck\n");
        assertTrue(r.all(Output.Warning.class).get(0).text().contains("kink"));
    }

    @Test
    void theStatementChecksTheLastBackwardOfAnyExpression() {
        Scripts.Run r = Scripts.ok("A = [[1, 2], [3, -4]]\nv = [0.5, -1]\ng = sum(tanh(A @ v) ^ 2) + exp(v[0])\nbackward g\ngradcheck\n");
        Output.Table t = r.all(Output.Table.class).get(0);
        assertEquals(6, t.rows().size(), t.rows().toString());
        assertTrue(t.rows().stream().allMatch(row -> row.get(4).equals("ok")), t.rows().toString());
        assertFalse(Scripts.run("x = 1\ngradcheck\n").problems().isEmpty(), "no backward yet: one clear error");
    }
}
