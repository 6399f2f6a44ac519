package nn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The core is plain arithmetic: no parser, no terminal, no files, no knowledge of the language or the session. */
class CoreIsolationTest {

    static final List<String> FORBIDDEN = List.of("org.antlr", "org.jline", "java.io", "java.nio", "nn.lang", "nn.session",
            "nn.text", "nn.cli", "nn.repl", "nn.grammar", "System.out", "System.err", "System.in");

    @Test
    void coreSourcesReferNeitherToAntlrNorToIoNorToTheLanguage() throws IOException {
        Path dir = Path.of("src/main/java/nn/core");
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        List<String> found = new ArrayList<>();
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                String code = lines.get(i).replaceAll("//.*", "");
                for (String bad : FORBIDDEN) {
                    if (code.matches(".*\\b" + java.util.regex.Pattern.quote(bad) + "\\b.*")) {
                        found.add(f.getFileName() + ":" + (i + 1) + ": " + bad);
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }

    /**
     * Loads the core in a class loader that can see only the JDK's java.lang/java.util and nn.core, and runs a
     * forward and backward pass there: any reference to ANTLR, I/O or another nn package would fail to link.
     */
    @Test
    void coreRunsWithoutAntlrOrIo() throws Exception {
        URL classes = Network.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                boolean allowed = name.startsWith("nn.core.") || (name.startsWith("java.")
                        && !name.startsWith("java.io.") && !name.startsWith("java.nio.") && !name.startsWith("java.net."));
                if (!allowed) throw new ClassNotFoundException(name + " is not available to the core");
                return super.loadClass(name, resolve);
            }
        }) {
            Class<?> network = isolated.loadClass("nn.core.Network");
            assertTrue(network.getClassLoader() == isolated, "the core classes come from the isolated loader");
            Class<?> layer = isolated.loadClass("nn.core.Layer");
            Class<?> activation = isolated.loadClass("nn.core.Activation");
            Object relu = activation.getField("RELU").get(null);
            Object sigmoid = activation.getField("SIGMOID").get(null);
            Object net = network.getConstructor().newInstance();
            Object hid = layer.getConstructor(String.class, activation, double.class, int.class, int.class).newInstance("h", relu, 0.0, 3, 2);
            Object out = layer.getConstructor(String.class, activation, double.class, int.class, int.class).newInstance("o", sigmoid, 0.0, 2, 1);
            System.arraycopy(new double[] {0.2, -1.2, 0.9, -0.5, -1.2, 0.3}, 0, layer.getField("W").get(hid), 0, 6);
            System.arraycopy(new double[] {-0.1, 0.2}, 0, layer.getField("b").get(hid), 0, 2);
            System.arraycopy(new double[] {0.7, -1.1}, 0, layer.getField("W").get(out), 0, 2);
            ((double[]) layer.getField("b").get(out))[0] = -0.1;
            Method add = network.getMethod("add", layer);
            add.invoke(net, hid);
            add.invoke(net, out);
            Object pass = network.getMethod("forward", double[].class, double[].class).invoke(net, new double[] {0.9, 0.2, 0.5}, new double[] {0});
            double e = (double) pass.getClass().getMethod("E").invoke(pass);
            assertEquals(0.1381946, e, 1e-7);
            Object grads = network.getMethod("backward", pass.getClass()).invoke(null, pass);
            double[][] dW = (double[][]) grads.getClass().getMethod("dW").invoke(grads);
            assertEquals(0.0380143, dW[1][0], 1e-7);
            // and the loss functions and initialisation load too
            isolated.loadClass("nn.core.Loss").getMethod("names").invoke(null);
            isolated.loadClass("nn.core.Init");
            isolated.loadClass("nn.core.Kernels");
        }
    }
}
