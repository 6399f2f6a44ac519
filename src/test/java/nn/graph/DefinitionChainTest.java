package nn.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nn.core.graph.Backward;
import nn.core.graph.Graph;
import nn.testing.Scripts;
import org.junit.jupiter.api.Test;

/**
 * A long chain of the user's definitions, each using the one before (issue 19: every name an expression read was
 * looked up in a fresh copy of all the user's names, so re-evaluating the chain after each new definition was
 * quadratic per statement, and a chain of 2500 took minutes). The numbers must be those of the same arithmetic in
 * Java, bit for bit, and the names listed (suggestions, help) in the same order as before: values, then expressions.
 */
class DefinitionChainTest {
    static final int N = 300;

    @Test
    void aChainComputesTheSameBitsAsTheArithmeticWritten() {
        StringBuilder s = new StringBuilder("a = 0.9\nb = 0.1\nn0 = 0.5\n");
        for (int k = 1; k <= N; k++) s.append("n").append(k).append(" = tanh(n").append(k - 1).append(" * a + b) + 0.01\n");
        s.append("backward n").append(N).append('\n');
        Scripts.Run r = Scripts.ok(s.toString());

        double a = 0.9, b = 0.1;
        double[] n = new double[N + 1];
        n[0] = 0.5;
        for (int k = 1; k <= N; k++) n[k] = Math.tanh(n[k - 1] * a + b) + 0.01;
        // backward by hand, in the order the one backprop visits the nodes (the root down)
        double g = 1, ga = 0, gb = 0;
        for (int k = N; k >= 1; k--) {
            double t = Math.tanh(n[k - 1] * a + b);
            double gPre = g * (1 - t * t);
            gb = gb + gPre;
            ga = ga + gPre * n[k - 1];
            g = gPre * a;
        }
        Graph graph = r.session().state().graph;
        Backward bw = r.session().state().backward;
        assertEquals(Double.doubleToRawLongBits(n[N]), Double.doubleToRawLongBits(graph.node("n" + N).scalar()));
        assertEquals(Double.doubleToRawLongBits(n[N]), Double.doubleToRawLongBits(r.shown("n" + N).value().data()[0]));
        assertEquals(g, bw.of(bw.graph().node("n0"))[0], 1e-15 * Math.abs(g) + 1e-300);
        assertEquals(ga, bw.of(bw.graph().node("a"))[0], 1e-12 * Math.abs(ga));
        assertEquals(gb, bw.of(bw.graph().node("b"))[0], 1e-12 * Math.abs(gb));
    }

    @Test
    void theUsersNamesAreListedValuesFirstThenExpressionsInTheirOrder() {
        Scripts.Run r = Scripts.run("zeta = 1\nq = zeta + 1\nkappa = 2\nr = q * kappa\nshow qq\n");
        List<String> problems = r.problems();
        assertEquals(1, problems.size(), problems.toString());
        Scripts.Run h = Scripts.run("zeta = 1\nq = zeta + 1\nkappa = 2\nr = q * kappa\nhelp names\n");
        String text = h.outputs().toString();
        assertTrue(text.contains("zeta, kappa, q, r"), text);
        // a name redefined from a value to an expression and back moves between the two lists, once
        Scripts.Run m = Scripts.run("p = 1\nu = 2\np = u + 1\nhelp names\n");
        assertTrue(m.outputs().toString().contains("u, p "), m.outputs().toString());
    }
}
