package nn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nn.testing.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The kernel end to end, against the packaged target/nn.jar: `nn kernel install` into a temporary Jupyter data
 * folder, then Jupyter's own Python client (jupyter_client, nbclient; Debian's python3-jupyter-client and
 * python3-nbclient, which .ci/run installs) runs a notebook of the reference example and talks to the kernel
 * (src/test/resources/nn/kernel/kernel_check.py). Never skipped: without those packages this test fails.
 */
class KernelIT {
    @TempDir Path root;

    static final String PYTHON = "/usr/bin/python3";

    /** The notebook's cells: the reference example, its explanation and picture, failing cells, and proof of state. */
    static final List<String> CELLS = List.of(
            "layer relu 3->2 as h\nlayer sigmoid 2->1 as o",                          // 0
            "W0 = [[0.2, -1.2, 0.9], [-0.5, -1.2, 0.3]]\nb0 = [-0.1, 0.2]; W1 = [0.7, -1.1]; b1 = -0.1", // 1
            "input [0.9, 0.2, 0.5]; target 0",                                       // 2
            "step lr=0.1",                                                           // 3
            "explain dE/dw100",                                                      // 4
            "draw",                                                                  // 5
            "expect E = 0.2",                                                        // 6: fails
            "b1 = 5\nlayer relu 3->",                                                // 7: a syntax error
            "b1 = 5\nW0 = [[1, 2], [3, 4]]",                                         // 8: fails at run time
            "forward\nshow b1",                                                      // 9: state kept, unchanged
            "train epochs=20 lr=0.1\nplot loss",                                     // 10
            "export markdown \"example.md\"",                                        // 11
            "W0");                                                                   // 12

    private static String strip(String s) { return s.replaceAll("\u001b\\[[0-9;]*m", ""); }

    private Processes.Result run(List<String> command, Map<String, String> env, int seconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("JAVA_OPTS");
        pb.environment().putAll(env);
        pb.directory(root.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Path out = Files.createTempFile(root, "out", ".txt");
        Path err = Files.createTempFile(root, "err", ".txt");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + seconds + " s\n--- out:\n" + Files.readString(out) + "\n--- err:\n" + Files.readString(err));
        }
        return new Processes.Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private Map<String, String> jupyterEnv(Path data) {
        return Map.of("JUPYTER_DATA_DIR", data.toString(), "JUPYTER_PATH", data.toString(),
                "JUPYTER_RUNTIME_DIR", root.resolve("runtime").toString(), "JUPYTER_CONFIG_DIR", root.resolve("config").toString(),
                "PYTHONDONTWRITEBYTECODE", "1");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) { return (List<Object>) o; }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) { return (Map<String, Object>) o; }

    /** A notebook output's text (stream text, or a MIME entry, which nbformat may store as a list of lines). */
    private static String joined(Object o) {
        if (o instanceof List<?> l) {
            StringBuilder b = new StringBuilder();
            for (Object x : l) b.append(x);
            return b.toString();
        }
        return (String) o;
    }

    private static List<Map<String, Object>> outputs(List<Object> cells, int i) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : list(map(cells.get(i)).get("outputs"))) out.add(map(o));
        return out;
    }

    private static String streams(List<Map<String, Object>> outs, String name) {
        StringBuilder b = new StringBuilder();
        for (Map<String, Object> o : outs) if ("stream".equals(o.get("output_type")) && name.equals(o.get("name"))) b.append(joined(o.get("text")));
        return b.toString();
    }

    private static Map<String, Object> only(List<Map<String, Object>> outs, String type) {
        List<Map<String, Object>> found = outs.stream().filter(o -> type.equals(o.get("output_type"))).toList();
        assertEquals(1, found.size(), "one " + type + " in " + outs);
        return found.get(0);
    }

    private static String mime(Map<String, Object> output, String type) {
        Object v = map(output.get("data")).get(type);
        assertNotNull(v, type + " in " + output);
        return joined(v);
    }

    private static void noErrors(List<Map<String, Object>> outs) {
        for (Map<String, Object> o : outs) assertFalse("error".equals(o.get("output_type")), "an error: " + o);
    }

    /** The numbers of "W0 = [[a, b, c], [d, e, f]]". */
    private static List<Double> numbers(String text) {
        List<Double> out = new ArrayList<>();
        Matcher m = Pattern.compile("-?\\d+(\\.\\d+)?(e-?\\d+)?").matcher(text.substring(text.indexOf('=') + 1));
        while (m.find()) out.add(Double.parseDouble(m.group()));
        return out;
    }

    @Test
    void jupyterRunsTheReferenceExampleThroughTheKernel() throws Exception {
        assertTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " is needed (with python3-jupyter-client, python3-nbclient, python3-nbformat)");
        Path data = root.resolve("data");
        Map<String, String> env = jupyterEnv(data);

        // nn kernel install --user: into $JUPYTER_DATA_DIR/kernels/nn
        Processes.Result install = run(List.of(Processes.java(), "-jar", Processes.jar().toString(), "kernel", "install", "--user"), env, 60);
        assertEquals(0, install.code(), install.toString());
        Path spec = data.resolve("kernels/nn/kernel.json");
        Map<String, Object> kernelJson = Json.object(Files.readString(spec));
        assertEquals("nn", kernelJson.get("display_name"));
        assertEquals("nn", kernelJson.get("language"));
        assertEquals("message", kernelJson.get("interrupt_mode"));
        List<Object> argv = list(kernelJson.get("argv"));
        assertEquals(List.of("-jar", Processes.jar().toString(), "kernel", "-f", "{connection_file}"), argv.subList(argv.size() - 5, argv.size()));
        assertTrue(Files.isExecutable(Path.of((String) argv.get(0))), "argv names a java: " + argv);

        Path cells = root.resolve("cells.json");
        Files.writeString(cells, Json.write(CELLS), StandardCharsets.UTF_8);
        Path script = root.resolve("kernel_check.py");
        try (InputStream in = KernelIT.class.getResourceAsStream("kernel_check.py")) {
            Files.copy(in, script);
        }
        Path out = Files.createDirectories(root.resolve("out"));
        Processes.Result py = run(List.of(PYTHON, script.toString(), cells.toString(), out.toString()), env, 400);
        assertEquals(0, py.code(), "kernel_check.py failed (are python3-jupyter-client and python3-nbclient installed?)\n" + py);

        // ---- the notebook, as nbclient executed it ----
        List<Object> nb = list(Json.object(Files.readString(out.resolve("executed.ipynb"))).get("cells"));
        assertEquals(CELLS.size(), nb.size());
        for (int i = 0; i < nb.size(); i++) assertEquals(i + 1, Json.integer(map(nb.get(i)), "execution_count", -1), "cell " + i + "'s count");
        for (int i : new int[] {0, 1, 2, 3, 4, 5, 9, 10, 11, 12}) noErrors(outputs(nb, i));
        assertTrue(streams(outputs(nb, 0), "stdout").contains("layer 0 (h): relu 3->2"));
        assertEquals("E = 0.138   (before the update)\nupdated W0, b0, W1, b1 with lr = 0.1\n", streams(outputs(nb, 3), "stdout"));

        Map<String, Object> explain = only(outputs(nb, 4), "display_data");
        assertTrue(mime(explain, "text/plain").contains("∂E/∂w100 = 0.526 · 0.249 · 0.29 = 0.038"), mime(explain, "text/plain"));
        String md = mime(explain, "text/markdown");
        assertTrue(md.contains("$$") && md.contains("\\partial E") && md.contains("0.038") && md.contains("0.249"), md);

        Map<String, Object> draw = only(outputs(nb, 5), "display_data");
        assertTrue(mime(draw, "text/plain").contains("layer 0: h, relu"), mime(draw, "text/plain"));
        String svg = mime(draw, "image/svg+xml");
        assertTrue(svg.contains("<svg") && svg.contains("0.192") && svg.contains("0.526"), "the updated weight w000 and o on the picture: " + svg);

        Map<String, Object> expect = only(outputs(nb, 6), "error");
        assertEquals("ExpectFailed", expect.get("ename"));
        String expectTb = strip(String.join("\n", list(expect.get("traceback")).stream().map(String::valueOf).toList()));
        assertTrue(expectTb.contains("expect failed: E = 0.2") && expectTb.contains("actual:   0.1381946"), expectTb);

        Map<String, Object> syntax = only(outputs(nb, 7), "error");
        assertEquals("SyntaxError", syntax.get("ename"));
        assertTrue(strip(String.valueOf(syntax.get("traceback"))).contains("unexpected end of input; expected a number"), syntax.toString());
        assertEquals(1, outputs(nb, 7).size(), "nothing of the cell ran");

        Map<String, Object> runtime = only(outputs(nb, 8), "error");
        assertEquals("RuntimeError", runtime.get("ename"));
        assertTrue(String.valueOf(runtime.get("evalue")).contains("W0 must be 2×3"), runtime.toString());
        assertTrue(strip(String.valueOf(runtime.get("traceback"))).contains("the cell changed nothing"), runtime.toString());
        for (Map<String, Object> o : outputs(nb, 8)) assertFalse(String.valueOf(o).contains("\tat "), "no Java trace");

        // after the failing cells: the step of cell 3 is there, b1 = 5 (cells 7 and 8) is not
        assertEquals("o = 0.519\nE = 0.135\n", streams(outputs(nb, 9), "stdout"));
        String b1 = mime(only(outputs(nb, 9), "execute_result"), "text/plain");
        assertTrue(b1.startsWith("b1 = -0.1"), b1);

        assertTrue(mime(only(outputs(nb, 10), "display_data"), "image/svg+xml").contains("<svg"), "plot loss as SVG");
        Map<String, Object> export = only(outputs(nb, 11), "display_data");
        assertTrue(mime(export, "text/plain").startsWith("wrote example.md"), mime(export, "text/plain"));
        assertEquals(Files.readString(out.resolve("example.md")), mime(export, "text/markdown"), "the document, written in the notebook's folder");
        assertTrue(mime(only(outputs(nb, 12), "execute_result"), "text/plain").startsWith("W0 = [["));

        // ---- jupyter_client: info, completion, inspection, signatures, interrupt, shutdown ----
        Map<String, Object> c = Json.object(Files.readString(out.resolve("client.json")));
        assertEquals("message", c.get("interrupt_mode"));
        Map<String, Object> info = map(c.get("kernel_info"));
        assertEquals("5.3", info.get("protocol_version"));
        assertEquals("nn", map(info.get("language_info")).get("name"));
        assertEquals("ok", map(map(c.get("setup")).get("reply")).get("status"));

        Map<String, Object> lay = map(c.get("complete_lay"));
        assertEquals(List.of("layer"), lay.get("matches"));
        assertEquals(0, Json.integer(lay, "cursor_start", -1));
        assertEquals(3, Json.integer(lay, "cursor_end", -1));
        Map<String, Object> grad = map(c.get("complete_gradient"));
        assertEquals(List.of("dE/dw100", "dE/dw101"), grad.get("matches"));
        assertEquals(5, Json.integer(grad, "cursor_start", -1));

        Map<String, Object> inspectLayer = map(c.get("inspect_layer"));
        assertEquals(Boolean.TRUE, inspectLayer.get("found"));
        assertTrue(((String) map(inspectLayer.get("data")).get("text/plain")).startsWith("layer ACTIVATION IN->OUT [as NAME]"), inspectLayer.toString());
        assertTrue(((String) map(map(c.get("inspect_W0")).get("data")).get("text/plain")).startsWith("W0 = [[ 0.2, -1.2, 0.9]"), c.get("inspect_W0").toString());

        assertEquals("incomplete", map(map(c.get("is_complete_open")).get("content")).get("status"));
        assertEquals("complete", map(map(c.get("is_complete_closed")).get("content")).get("status"));
        assertEquals(Map.of(), map(map(c.get("comm_info")).get("content")).get("comms"));

        assertEquals(Boolean.FALSE, c.get("bad_signature_answered"), "a message with a bad signature is not answered");
        String afterBad = String.valueOf(map(c.get("after_bad_signature")).get("iopub"));
        assertTrue(afterBad.contains("b1 = -0.1"), "the unsigned `reset` did not run: " + afterBad);

        Map<String, Object> interrupted = map(c.get("interrupted"));
        Map<String, Object> ir = map(interrupted.get("reply"));
        assertEquals("error", ir.get("status"), ir.toString());
        assertEquals("Interrupted", ir.get("ename"));
        String trainOut = String.valueOf(interrupted.get("iopub"));
        assertTrue(trainOut.contains("warning: interrupted ") && trainOut.contains("the parameters are kept as trained so far"), trainOut);
        assertTrue(trainOut.contains("epoch "), "progress was shown: " + trainOut);
        assertTrue(((Number) c.get("interrupt_seconds")).doubleValue() < 15, "the interrupt stopped train promptly: " + c.get("interrupt_seconds"));
        String w0 = null;
        for (Object o : list(map(c.get("after_interrupt")).get("iopub"))) {
            if ("execute_result".equals(map(o).get("msg_type"))) w0 = (String) map(map(map(o).get("content")).get("data")).get("text/plain");
        }
        assertNotNull(w0, "W0 shown after the interrupt");
        List<Double> w = numbers(w0);
        assertEquals(6, w.size(), w0);
        assertFalse(w.equals(List.of(0.2, -1.2, 0.9, -0.5, -1.2, 0.3)), "training changed W0 before it was interrupted: " + w0);
        for (double v : w) assertTrue(Double.isFinite(v), w0);
        assertEquals(Boolean.FALSE, c.get("alive_after_shutdown"), "shutdown_request ends the kernel");
    }

    @Test
    void installWithAPrefixWritesUnderItsShareJupyter() throws Exception {
        Path prefix = root.resolve("venv");
        Processes.Result r = run(List.of(Processes.java(), "-jar", Processes.jar().toString(), "kernel", "install", "--prefix", prefix.toString()), Map.of(), 60);
        assertEquals(0, r.code(), r.toString());
        assertTrue(Files.isRegularFile(prefix.resolve("share/jupyter/kernels/nn/kernel.json")));
        assertTrue(r.out().contains("installed the nn kernel in " + prefix.resolve("share/jupyter/kernels/nn")), r.out());
        Processes.Result bad = run(List.of(Processes.java(), "-jar", Processes.jar().toString(), "kernel", "install", "--frobnicate"), Map.of(), 60);
        assertEquals(64, bad.code(), bad.toString());
        assertTrue(bad.clean(), bad.toString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Scripts load nothing of the kernel; the kernel loads no JLine (checked with -verbose:class). */
    @Test
    void scriptsLoadNoKernelClassesAndTheKernelLoadsNoJLine() throws Exception {
        Path seed = Path.of("samples/seed.nn").toAbsolutePath();
        Processes.Result script = run(List.of(Processes.java(), "-verbose:class", "-jar", Processes.jar().toString(), seed.toString()), Map.of(), 60);
        assertEquals(0, script.code(), script.err());
        for (String p : List.of("org.zeromq", "zmq.", "com.grack.nanojson", "nn.kernel", "org.jline")) {
            assertFalse(script.out().contains(" " + p), "a script run loaded " + p);
        }
        assertTrue(script.out().contains(" nn.session.Session "), "-verbose:class lists classes");

        // the kernel on a connection file of our own, driven through ZeroMQ from here
        String key = "it-key";
        Connection conn = new Connection("tcp", "127.0.0.1", freePort(), freePort(), freePort(), freePort(), freePort(), key, Signer.SCHEME);
        Path file = root.resolve("connection.json");
        Files.writeString(file, Json.write(Json.of("shell_port", conn.shell(), "iopub_port", conn.iopub(), "stdin_port", conn.stdin(),
                "control_port", conn.control(), "hb_port", conn.hb(), "ip", conn.ip(), "key", key, "transport", "tcp",
                "signature_scheme", "hmac-sha256", "kernel_name", "nn")));
        ProcessBuilder pb = new ProcessBuilder(Processes.java(), "-verbose:class", "-jar", Processes.jar().toString(), "kernel", "-f", file.toString());
        pb.redirectOutput(root.resolve("kernel-classes.txt").toFile());
        pb.redirectError(root.resolve("kernel-err.txt").toFile());
        Process kernel = pb.start();
        Signer signer = new Signer(key);
        try (ZContext ctx = new ZContext()) {
            ZMQ.Socket shell = ctx.createSocket(SocketType.DEALER);
            shell.setLinger(0);
            shell.setReceiveTimeOut(60_000);
            shell.connect(conn.address(conn.shell()));
            ZMQ.Socket control = ctx.createSocket(SocketType.DEALER);
            control.setLinger(0);
            control.setReceiveTimeOut(30_000);
            control.connect(conn.address(conn.control()));
            send(shell, "execute_request", Json.of("code", "layer relu 3->2 as h\nlayer sigmoid 2->1 as o\nforward", "silent", false), signer);
            assertNotNull(receive(shell, signer), "execute_reply");
            send(shell, "complete_request", Json.of("code", "show dE/dw1", "cursor_pos", 11), signer);
            assertNotNull(receive(shell, signer), "complete_reply");
            send(shell, "inspect_request", Json.of("code", "layer", "cursor_pos", 2, "detail_level", 0), signer);
            assertNotNull(receive(shell, signer), "inspect_reply");
            send(control, "shutdown_request", Json.of("restart", false), signer);
            assertNotNull(receive(control, signer), "shutdown_reply");
        }
        assertTrue(kernel.waitFor(30, TimeUnit.SECONDS), "the kernel exits after shutdown_request");
        assertEquals(0, kernel.exitValue(), Files.readString(root.resolve("kernel-err.txt")));
        String classes = Files.readString(root.resolve("kernel-classes.txt"));
        assertTrue(classes.contains(" nn.kernel.Kernel ") && classes.contains(" org.zeromq."), "the kernel ran");
        assertFalse(classes.contains(" org.jline"), "the kernel loaded JLine");
    }

    /** Jupyter killed without a shutdown_request: the kernel notices that JPY_PARENT_PID is gone and exits. */
    @Test
    void theKernelStopsWhenJupyterIsGone() throws Exception {
        Process parent = new ProcessBuilder("sleep", "2").start();
        Path file = root.resolve("orphan.json");
        Files.writeString(file, Json.write(Json.of("shell_port", freePort(), "iopub_port", freePort(), "stdin_port", freePort(),
                "control_port", freePort(), "hb_port", freePort(), "ip", "127.0.0.1", "key", "k", "transport", "tcp",
                "signature_scheme", "hmac-sha256")));
        ProcessBuilder pb = new ProcessBuilder(Processes.java(), "-jar", Processes.jar().toString(), "kernel", "-f", file.toString());
        pb.environment().put("JPY_PARENT_PID", String.valueOf(parent.pid()));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectError(root.resolve("orphan-err.txt").toFile());
        Process kernel = pb.start();
        try {
            assertTrue(kernel.waitFor(30, TimeUnit.SECONDS), "the kernel outlived Jupyter");
        } finally {
            kernel.destroyForcibly();
        }
        assertTrue(Files.readString(root.resolve("orphan-err.txt")).contains("is gone; stopping"));
    }

    private static void send(ZMQ.Socket s, String type, Map<String, Object> content, Signer signer) {
        List<byte[]> frames = new Message(List.of(), Message.header(type, "it-session"), Json.map(), Json.map(), content, List.of()).frames(signer);
        for (int i = 0; i < frames.size(); i++) s.send(frames.get(i), i + 1 < frames.size() ? ZMQ.SNDMORE : 0);
    }

    private static Message receive(ZMQ.Socket s, Signer signer) throws Message.Invalid {
        byte[] first = s.recv(0);
        if (first == null) return null;
        List<byte[]> frames = new ArrayList<>(List.of(first));
        while (s.hasReceiveMore()) frames.add(s.recv(0));
        return Message.parse(frames, signer);
    }
}
