package nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nn.core.Layer;
import nn.session.State;
import nn.testing.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** save writes a script that rebuilds the network bit for bit. */
class SaveRoundTripTest {
    @TempDir Path dir;

    @Test
    void biasModesReductionAndBatchesRoundTrip() throws IOException {
        Path file = dir.resolve("modes.nn");
        String script = """
                layer tanh 3->2 bias=shared
                layer linear 2->2 bias=false
                loss mse reduction=sum
                W0 = [[0.2, -1.2, 0.9], [-0.5, -1.2, 0.3]]
                b0 = [0.3]
                W1 = [[0.7, -1.1], [0.4, 0.5]]
                input [[0.9, 0.2, 0.5], [0.1, 0.2, 0.3]]
                target [[0, 1], [1, 0]]
                step lr=0.1
                save "%s"
                forward
                """.formatted(file.toString().replace("\\", "/"));
        Scripts.Run original = Scripts.ok(script + "show E\n");
        String text = Files.readString(file);
        assertTrue(text.contains("layer tanh 3->2 bias=shared") && text.contains("layer linear 2->2 bias=false"), text);
        assertTrue(text.contains("loss mse reduction=sum") && !text.contains("b1 ="), text);
        Scripts.Run loaded = Scripts.ok("run \"" + file.toString().replace("\\", "/") + "\"\nforward\nshow E\n");
        assertEquals(original.shown("E").value().scalar(), loaded.shown("E").value().scalar(), 0, "the same batch, loss and parameters");
        State a = original.session().state(), b = loaded.session().state();
        for (int k = 0; k < 2; k++) {
            assertEquals(a.net.layer(k).bias, b.net.layer(k).bias);
            assertArrayEquals(a.net.layer(k).b, b.net.layer(k).b, 0);
            assertArrayEquals(a.net.layer(k).W, b.net.layer(k).W, 0);
        }
    }

    @Test
    void trainedNetworkRoundTripsExactly() throws IOException {
        Path file = dir.resolve("net.nn");
        String script = """
                init normal(0, 1) seed=42
                layer leaky_relu 3->5 as hidden slope=0.2
                layer tanh 5->4
                layer softmax 4->3 as out
                loss cross_entropy
                data d = random(rows=40, inputs=3, classes=3, seed=1)
                train d epochs=30 lr=0.05 batch=8 optimizer=adam shuffle seed=2
                freeze b1
                W0[0,0] = -0.0
                b2[1] = 1e-300
                save "%s"
                """.formatted(file.toString().replace("\\", "/"));
        State original = Scripts.ok(script).session().state();
        String text = Files.readString(file);
        assertTrue(text.contains("layer leaky_relu 3->5 as hidden slope=0.2"), text);
        assertTrue(text.contains("loss cross_entropy"), text);
        assertTrue(text.contains("freeze b1"), text);
        State loaded = Scripts.ok("run \"" + file.toString().replace("\\", "/") + "\"\n").session().state();
        assertEquals(original.net.depth(), loaded.net.depth());
        assertEquals(original.net.loss(), loaded.net.loss());
        for (int k = 0; k < original.net.depth(); k++) {
            Layer a = original.net.layer(k);
            Layer b = loaded.net.layer(k);
            assertEquals(a.name, b.name);
            assertEquals(a.activation, b.activation);
            assertEquals(a.param, b.param, 0);
            assertEquals(a.frozenW, b.frozenW);
            assertEquals(a.frozenB, b.frozenB);
            for (int i = 0; i < a.W.length; i++) assertEquals(Double.doubleToRawLongBits(a.W[i]), Double.doubleToRawLongBits(b.W[i]), "W" + k + " element " + i);
            for (int i = 0; i < a.b.length; i++) assertEquals(Double.doubleToRawLongBits(a.b[i]), Double.doubleToRawLongBits(b.b[i]), "b" + k + " element " + i);
        }
        assertArrayEquals(original.x.data(), loaded.x.data(), 0);
        assertArrayEquals(original.y.data(), loaded.y.data(), 0);
        // no temporary file is left beside the result
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void dataSetsAreSavedAndReadBackWithTheSameNumbers() throws IOException {
        Path csv = dir.resolve("pts.csv");
        Files.writeString(csv, "a,b,kind\n0.1,0.2,x\n-1e-300,3,y\n0.30000000000000004,-0.0,x\n");
        Path file = dir.resolve("with-data.nn");
        String script = """
                layer sigmoid 2->1
                data inline = [[0.1, 0.2] -> [1], [1e-300, -0.0] -> [0], [0.30000000000000004, 2] -> [0.5]]
                data gen = random(rows=7, inputs=2, classes=3, seed=5)
                data pts = csv "%s" target=kind onehot
                save "%s"
                """.formatted(csv.toString().replace("\\", "/"), file.toString().replace("\\", "/"));
        Scripts.Run saved = Scripts.ok(script);
        assertTrue(saved.all(nn.session.Output.Info.class).stream().anyMatch(i -> i.toString().contains("and data sets inline, gen, pts")));
        String text = Files.readString(file);
        assertTrue(text.contains("data gen = random(rows=7, inputs=2, classes=3, seed=5)"), text);
        assertTrue(text.contains("data pts = csv \"" + csv.toAbsolutePath().normalize() + "\" target=kind onehot"), text);
        // run from another directory's point of view: the CSV is found by its absolute path
        State loaded = Scripts.ok("run \"" + file.toString().replace("\\", "/") + "\"\n").session().state();
        State original = saved.session().state();
        assertEquals(original.datasets.keySet(), loaded.datasets.keySet());
        for (String name : original.datasets.keySet()) {
            nn.core.DataSet a = (nn.core.DataSet) original.datasets.get(name), b = (nn.core.DataSet) loaded.datasets.get(name);
            assertEquals(a.rows, b.rows, name);
            for (int i = 0; i < a.X.length; i++) assertEquals(Double.doubleToRawLongBits(a.X[i]), Double.doubleToRawLongBits(b.X[i]), name + " X " + i);
            for (int i = 0; i < a.Y.length; i++) assertEquals(Double.doubleToRawLongBits(a.Y[i]), Double.doubleToRawLongBits(b.Y[i]), name + " Y " + i);
            assertEquals(a.classes, b.classes, name);
        }
    }

    @Test
    void savingOverAFileReplacesIt() throws IOException {
        Path file = dir.resolve("n.nn");
        Files.writeString(file, "old");
        Scripts.ok(Scripts.SEED + "save \"" + file.toString().replace("\\", "/") + "\"\n");
        assertTrue(Files.readString(file).startsWith("# saved by nn"));
    }

    @Test
    void aMissingFolderIsAClearError() {
        Scripts.Run r = Scripts.run(Scripts.SEED + "save \"" + dir.resolve("no/such/n.nn").toString().replace("\\", "/") + "\"\n");
        assertTrue(r.problems().get(0).contains("does not exist"), r.problems().toString());
    }
}
