package nn.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import nn.core.Layer;
import nn.lang.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * save "net.npz" and load: bit for bit against NumPy's own reader and writer (np.load, np.savez in /usr/bin/python3,
 * Debian's python3-numpy; missing, the test fails), float32, big-endian and Fortran-order inputs read exactly, and
 * untrusted files (not a zip, other dtypes, 3 dimensions, shapes the bytes do not hold, huge shapes, NaN, wrong names
 * and shapes) refused with one message that changes nothing.
 */
class NpzFilesTest {
    static String q(Path p) { return "\"" + p.toString().replace("\\", "/") + "\""; }

    static List<Output> run(Session s, String text, boolean ok) {
        List<Output> out = new ArrayList<>();
        Session.Result r = s.run(new Source("<t>", text), out::add, false);
        if (r.ok() != ok) fail((ok ? "nn failed on\n" : "nn should have refused\n") + text + "\n" + out);
        return out;
    }

    static String python(Path dir, String program) throws Exception {
        Path f = dir.resolve("p.py");
        Files.writeString(f, program, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder("/usr/bin/python3", f.toString()).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "/usr/bin/python3 with numpy (Debian's python3-numpy) failed:\n" + out);
        return out;
    }

    /** A network with awkward numbers: -0.0, subnormals, the largest double, shortest-repr-hostile fractions. */
    static Session network(long seed) {
        Random rnd = new Random(seed);
        Session s = new Session();
        run(s, "layer tanh 3->4\nlayer relu 4->2 bias=shared\nlayer sigmoid 2->1 bias=false", true);
        double[] odd = {-0.0, Double.MIN_VALUE, -Double.MAX_VALUE, 0.1 + 0.2, 1 / 3.0, 4.9e-300, Math.nextUp(1.0)};
        for (Layer l : s.state().net.layers()) {
            for (int i = 0; i < l.W.length; i++) l.W[i] = i < odd.length && rnd.nextBoolean() ? odd[i] : rnd.nextGaussian() * Math.pow(10, rnd.nextInt(20) - 10);
            for (int i = 0; i < l.b.length; i++) l.b[i] = rnd.nextGaussian();
        }
        return s;
    }

    @Test
    void saveIsReadByNumpyBitForBit(@TempDir Path dir) throws Exception {
        Session s = network(7);
        Path npz = dir.resolve("net.npz");
        run(s, "save " + q(npz), true);
        String out = python(dir, """
                import numpy as np
                p = np.load("net.npz")
                for k in p.files:
                    a = p[k]
                    print(k, a.dtype.str, a.shape, " ".join(float(v).hex() for v in a.ravel(order="C")))
                """);
        List<String> lines = out.lines().toList();
        assertEquals(List.of("W0", "b0", "W1", "b1", "W2"), lines.stream().map(l -> l.split(" ")[0]).toList(), out);
        var net = s.state().net;
        for (String line : lines) {
            String name = line.split(" ")[0];
            int k = name.charAt(1) - '0';
            Layer l = net.layer(k);
            assertTrue(line.contains(" <f8 "), line);
            String shape = line.substring(line.indexOf('('), line.indexOf(')') + 1);
            double[] want = name.startsWith("W") ? l.W : l.b;
            assertEquals(name.startsWith("W") ? "(" + l.out + ", " + l.in + ")" : l.bias == Layer.Bias.SHARED ? "()" : "(" + l.out + ",)", shape, line);
            String[] hex = line.substring(line.indexOf(')') + 2).split(" ");
            assertEquals(want.length, hex.length, line);
            for (int i = 0; i < want.length; i++) {
                assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(hexToDouble(hex[i])), name + "[" + i + "]: " + line);
            }
        }
    }

    /** Python's float.hex, read back: [-]0x1.hhhp±e (or 0x0.0p+0). */
    static double hexToDouble(String h) { return Double.parseDouble(h); }

    @Test
    void roundTripThroughNnIsBitExact(@TempDir Path dir) {
        Session s = network(11);
        Path npz = dir.resolve("a.npz");
        run(s, "save " + q(npz), true);
        Session t = network(12); // same architecture, other numbers
        run(t, "load " + q(npz), true);
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(bits(s.state().net.layer(k).W), bits(t.state().net.layer(k).W));
            assertArrayEquals(bits(s.state().net.layer(k).b), bits(t.state().net.layer(k).b));
        }
    }

    static long[] bits(double[] d) {
        long[] b = new long[d.length];
        for (int i = 0; i < d.length; i++) b[i] = Double.doubleToRawLongBits(d[i]);
        return b;
    }

    @Test
    void numpysFilesLoadExactlyIncludingFloat32BigEndianAndFortranOrder(@TempDir Path dir) throws Exception {
        String out = python(dir, """
                import numpy as np
                rng = np.random.default_rng(3)
                W0 = rng.standard_normal((4, 3)) * 1e3
                b0 = rng.standard_normal(4)
                W1 = rng.standard_normal((2, 4))
                b1 = np.float64(0.25)
                W2 = rng.standard_normal((1, 2))
                np.savez("f64.npz", W0=W0, b0=b0, W1=W1, b1=b1, W2=W2)
                np.savez_compressed("f32.npz", W0=W0.astype(np.float32), b0=b0.astype(">f4"), W1=np.asfortranarray(W1), W2=W2.astype(">f8"))
                np.save("W1.npy", np.asfortranarray(W1.astype(">f8")))
                np.save("kernel.npy", W0.T.copy())
                for name, a in [("W0", W0), ("b0", b0), ("W1", W1), ("b1", np.array(b1)), ("W2", W2)]:
                    print(name, " ".join(float(v).hex() for v in a.ravel()))
                    print(name + "_32", " ".join(float(v).hex() for v in a.astype(np.float32).astype(np.float64).ravel()))
                """);
        java.util.Map<String, double[]> want = new java.util.HashMap<>();
        for (String line : out.lines().toList()) {
            String[] w = line.split(" ");
            double[] v = new double[w.length - 1];
            for (int i = 1; i < w.length; i++) v[i - 1] = hexToDouble(w[i]);
            want.put(w[0], v);
        }
        Session s = network(1);
        run(s, "load " + q(dir.resolve("f64.npz")), true);
        var net = s.state().net;
        assertArrayEquals(bits(want.get("W0")), bits(net.layer(0).W));
        assertArrayEquals(bits(want.get("b0")), bits(net.layer(0).b));
        assertArrayEquals(bits(want.get("W1")), bits(net.layer(1).W));
        assertArrayEquals(bits(want.get("b1")), bits(net.layer(1).b));
        assertArrayEquals(bits(want.get("W2")), bits(net.layer(2).W));
        Session t = network(2);
        List<Output> o = run(t, "load " + q(dir.resolve("f32.npz")), true);
        assertTrue(o.toString().contains("b1 not in the file: kept"), o.toString());
        net = t.state().net;
        assertArrayEquals(bits(want.get("W0_32")), bits(net.layer(0).W), "float32 widened exactly");
        assertArrayEquals(bits(want.get("b0_32")), bits(net.layer(0).b), "big-endian float32");
        assertArrayEquals(bits(want.get("W1")), bits(net.layer(1).W), "Fortran order");
        assertArrayEquals(bits(want.get("W2")), bits(net.layer(2).W), "big-endian float64");
        Session u = network(3);
        run(u, "load " + q(dir.resolve("W1.npy")), true);
        assertArrayEquals(bits(want.get("W1")), bits(u.state().net.layer(1).W), "a single big-endian Fortran-order .npy by its name");
        List<Output> e = run(u, "load " + q(dir.resolve("kernel.npy")) + " into=W0", false);
        assertTrue(e.toString().contains("W0 must be 4×3, but") && e.toString().contains("kernel.npy holds a 3×4 matrix (3, 4)") && e.toString().contains("looks transposed"), e.toString());
    }

    @Test
    void untrustedFilesAreRefusedClearly(@TempDir Path dir) throws Exception {
        python(dir, """
                import numpy as np, zipfile
                np.savez("ints.npz", W0=np.arange(12).reshape(4, 3))
                np.savez("cube.npz", W0=np.zeros((4, 3, 1)))
                np.savez("names.npz", weight=np.zeros((4, 3)))
                np.savez("deep.npz", W7=np.zeros((4, 3)))
                np.savez("shape.npz", b0=np.zeros(5))
                np.savez("nan.npz", W0=np.full((4, 3), np.nan))
                np.savez("nobias.npz", b2=np.zeros(1))
                np.savez_compressed("bomb.npz", W0=np.zeros(2_000_000))
                np.save("obj.npy", np.array([1, "a"], dtype=object), allow_pickle=True)
                h = b"{'descr': '<f8', 'fortran_order': False, 'shape': (100000000000, 100000), }"
                h = h + b" " * (117 - len(h)) + b"\\n"
                open("huge.npy", "wb").write(b"\\x93NUMPY\\x01\\x00" + len(h).to_bytes(2, "little") + h + b"\\x00" * 64)
                h = b"{'descr': '<f8', 'fortran_order': False, 'shape': (4, 3), }"
                h = h + b" " * (117 - len(h)) + b"\\n"
                open("W0.npy", "wb").write(b"\\x93NUMPY\\x01\\x00" + len(h).to_bytes(2, "little") + h + b"\\x00" * 40)
                open("text.npz", "w").write("W0 = [[1, 2]]\\n")
                data = open("ints.npz", "rb").read()
                open("cut.npz", "wb").write(data[: len(data) // 2])
                """);
        Session s = network(5);
        String before = java.util.Arrays.toString(s.state().net.layer(0).W);
        String[][] cases = {
                {"ints.npz", "holds int64 numbers; nn reads float64"},
                {"cube.npz", "3-dimensional array"},
                {"names.npz", "'weight', which is not a parameter"},
                {"deep.npz", "W7, but the network has 3 layers"},
                {"shape.npz", "b0 must be a vector of 4, but"}, {"shape.npz", "holds a vector of 5 (5,)"},
                {"nan.npz", "nan.npz holds NaN (element 0)"},
                {"nobias.npz", "has no biases"},
                {"bomb.npz", "unpacks to more than"},
                {"obj.npy", "Python object"},
                {"huge.npy", "far larger than any network"},
                {"W0.npy", "promises 12 numbers"},
                {"text.npz", "not a"},
                {"cut.npz", "npz"},
                {"missing.npz", "no such file"},
        };
        for (String[] c : cases) {
            List<Output> out = run(s, "load " + q(dir.resolve(c[0])), false);
            String text = out.toString();
            assertTrue(text.contains(c[1]), c[0] + ": " + text);
            assertFalse(text.contains("Exception") || text.contains("\tat "), c[0] + ": " + text);
            assertEquals(before, java.util.Arrays.toString(s.state().net.layer(0).W), c[0] + " changed nothing");
        }
    }
}
