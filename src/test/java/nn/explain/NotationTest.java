package nn.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nn.session.Session;
import nn.testing.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reference's numbers pasted in every notation course material uses parse to the same values. */
class NotationTest {
    static final double[] W0 = {0.2, -1.2, 0.9, -0.5, -1.2, 0.3};

    private static Session net() {
        Session s = new Session();
        Script.run(s, "layer relu 3->2 as h\nlayer sigmoid 2->1 as o\n");
        return s;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "W0 = [[0.2, -1.2, 0.9], [-0.5, -1.2, 0.3]]",
        "W0 = [0.2 -1.2 0.9; -0.5 -1.2 0.3]",
        "W0 = [0.2, -1.2, 0.9; -0.5, -1.2, 0.3]",
        "W0 = [0.2 -1.2 0.9\n      -0.5 -1.2 0.3]",
        "W0 = \\begin{bmatrix} 0.2 & -1.2 & 0.9 \\\\ -0.5 & -1.2 & 0.3 \\end{bmatrix}",
        "W0 = \\begin{bmatrix}\n 0.2 & −1.2 & 0.9 \\\\\n −0.5 & −1.2 & 0.3\n\\end{bmatrix}",
        "W0 = \\begin{pmatrix} 1/5 & -6/5 & 9/10 \\\\ -1/2 & -6/5 & 3/10 \\end{pmatrix}",
        "w_{000} = 0.2; w_{001} = −1.2; w_{002} = 9/10; w_{010} = -0.5; w_{011} = -1.2; w_{012} = 0.3",
    })
    void everyMatrixNotationGivesTheSameW0(String statement) {
        Session s = net();
        Script.run(s, statement);
        assertArrayEquals(W0, s.state().net.layer(0).W, 1e-15, statement);
    }

    @ParameterizedTest
    @ValueSource(strings = {"b0 = [-0.1, 0.2]", "b0 = [-0.1; 0.2]", "b0 = [-1/10 1/5]", "b0 = \\begin{bmatrix} −0.1 \\\\ 0.2 \\end{bmatrix}",
        "b_{00} = -0.1; b_{01} = 1/5"})
    void everyVectorNotationGivesTheSameB0(String statement) {
        Session s = net();
        Script.run(s, statement);
        assertArrayEquals(new double[] {-0.1, 0.2}, s.state().net.layer(0).b, 1e-15, statement);
    }

    @Test
    void aColumnWhereARowIsMeantIsTakenAsTheRowAndSaid() {
        Session s = net();
        String out = Script.run(s, "W1 = [0.7; -1.1]");
        assertArrayEquals(new double[] {0.7, -1.1}, s.state().net.layer(1).W, 0);
        assertTrue(out.contains("W1 is 1×2: the 2 numbers are taken as its one row"), out);
    }

    @Test
    void inputAsAColumnAndTargetAsAFraction() {
        Session s = net();
        Script.run(s, "input [0.9; 0.2; 0.5]\ntarget 0/1");
        assertArrayEquals(new double[] {0.9, 0.2, 0.5}, s.state().x.data(), 0);
        assertArrayEquals(new double[] {0}, s.state().y.data(), 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"μ = 0.1\nstep", "η = 0.1\nstep", "step μ=0.1", "step η=1/10", "lr = 0.1\nforward\nbackward\nupdate", "forward\nbackward\nupdate μ=0.1"})
    void theLearningRateAsCoursesWriteIt(String statements) {
        Session s = net();
        Script.run(s, Scripts.SEED.replace("layer relu 3->2 as h\nlayer sigmoid 2->1 as o\n", "") + statements);
        // eq. (18): w100* = 0.7 − 0.1 · 0.0380143
        assertEquals(0.7 - 0.1 * 0.0380143, s.state().net.layer(1).w(0, 0), 1e-7, statements);
    }

    @Test
    void derivativeNamesAsPrinted() {
        String out = Script.reference("show ∂E/∂w_{100} dE/dw100 dE/dh_{pre,0}");
        assertEquals(2, out.split("dE/dw100 = 0.038", -1).length - 1, out);
        assertTrue(out.contains("= 0.092"), out);
    }
}
