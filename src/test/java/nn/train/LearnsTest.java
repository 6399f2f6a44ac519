package nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import nn.testing.Scripts;
import org.junit.jupiter.api.Test;

/** The samples learn what they say they learn, from their fixed seeds. */
class LearnsTest {

    private static String sample(String name) throws java.io.IOException {
        Path p = Path.of("samples", name);
        return "run \"" + p.toAbsolutePath().toString().replace("\\", "/") + "\"\n";
    }

    @Test
    void xorSampleLearnsXor() throws Exception {
        Scripts.Run r = Scripts.ok(sample("xor.nn") + "evaluate xor\n");
        assertEquals(1.0, r.shown("accuracy").value().scalar(), 0);
        assertTrue(r.shown("loss").value().scalar() < 0.01);
        assertTrue(r.session().passedExpects() > 0);
    }

    @Test
    void irisSampleClassifiesIris() throws Exception {
        Scripts.Run r = Scripts.ok(sample("iris.nn") + "evaluate iris\n");
        assertTrue(r.shown("accuracy").value().scalar() >= 0.96, "accuracy " + r.shown("accuracy").value().scalar());
        assertTrue(r.shown("loss").value().scalar() < 0.15);
    }

    @Test
    void everyOptimizerSampleRuns() throws Exception {
        for (String o : new String[] {"sgd", "momentum", "adam"}) {
            Scripts.Run r = Scripts.ok(sample("optimizer_" + o + ".nn"));
            assertTrue(r.session().passedExpects() > 0, o);
        }
    }

    @Test
    void irisCsvIsTheRealDataSet() throws Exception {
        var lines = Files.readAllLines(Path.of("samples", "iris.csv"));
        assertEquals(151, lines.size());
        double[] sums = new double[4];
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",");
            for (int i = 0; i < 4; i++) sums[i] += Double.parseDouble(f[i]);
        }
        // Fisher's Iris: column means 5.843, 3.057, 3.758, 1.199
        assertEquals(5.843, sums[0] / 150, 5e-4);
        assertEquals(3.057, sums[1] / 150, 5e-4);
        assertEquals(3.758, sums[2] / 150, 5e-4);
        assertEquals(1.199, sums[3] / 150, 5e-4);
    }
}
