package nn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** The protocol against a kernel in this process, with an engine of the test's own, through real ZeroMQ sockets. */
@Timeout(60)
class KernelProtocolTest {
    private static final String KEY = "test-key";
    private final Signer signer = new Signer(KEY);
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final FakeEngine engine = new FakeEngine();
    private Connection connection;
    private Thread server;
    private ZContext client;
    private ZMQ.Socket shell;
    private ZMQ.Socket control;
    private ZMQ.Socket iopub;
    private ZMQ.Socket hb;

    /** Answers a few cells: "block" runs until interrupted; "fail" fails; anything else prints it back. */
    static final class FakeEngine implements Engine {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch interrupted = new CountDownLatch(1);

        @Override public Info info() { return new Info("fake", "1.0", "text/x-fake", ".fake", "a fake", "1.0"); }

        @Override public Result execute(String code, Consumer<Display> out) {
            List<Display> all = new ArrayList<>();
            Consumer<Display> emit = d -> {
                all.add(d);
                out.accept(d);
            };
            switch (code) {
                case "block" -> {
                    started.countDown();
                    try {
                        if (!interrupted.await(30, TimeUnit.SECONDS)) throw new AssertionError("no interrupt came");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    emit.accept(Display.stderr("stopped"));
                    return new Result(all, new Failure("Interrupted", "interrupted", List.of("interrupted")));
                }
                case "fail" -> {
                    return new Result(all, new Failure("RuntimeError", "it failed", List.of("line one", "line two")));
                }
                default -> {
                    emit.accept(Display.stdout("you said " + code));
                    emit.accept(new Display(Kind.DISPLAY, Map.of(PLAIN, "picture", SVG, "<svg/>"), null));
                    emit.accept(new Display(Kind.RESULT, Map.of(PLAIN, "result"), null));
                    return new Result(all, null);
                }
            }
        }

        @Override public Completion complete(String code, int cursor) { return new Completion(List.of("layer"), 0, cursor, List.of("keyword")); }

        @Override public Help inspect(String code, int cursor, int detail) { return new Help(true, Map.of(PLAIN, "help at " + cursor)); }

        @Override public Completeness isComplete(String code) { return code.endsWith("[") ? Completeness.INCOMPLETE : Completeness.COMPLETE; }

        @Override public void interrupt() { interrupted.countDown(); }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @BeforeEach
    void start() throws Exception {
        connection = new Connection("tcp", "127.0.0.1", freePort(), freePort(), freePort(), freePort(), freePort(), KEY, Signer.SCHEME);
        Kernel k = new Kernel(connection, engine, new PrintStream(log, true, StandardCharsets.UTF_8));
        server = new Thread(k::serve, "kernel-under-test");
        server.start();
        client = new ZContext();
        shell = socket(SocketType.DEALER, connection.shell());
        control = socket(SocketType.DEALER, connection.control());
        hb = socket(SocketType.REQ, connection.hb());
        iopub = socket(SocketType.SUB, connection.iopub());
        iopub.subscribe(new byte[0]);
        // PUB drops what is sent before the subscription arrives: ask until iopub carries a status
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < until) {
            send(shell, "kernel_info_request", Json.map(), signer);
            assertNotNull(receive(shell, 5000), "kernel_info_reply");
            Message m = receive(iopub, 200);
            if (m != null) break;
        }
        drain(iopub);
    }

    @AfterEach
    void stop() throws Exception {
        if (server.isAlive()) {
            send(control, "shutdown_request", Json.of("restart", false), signer);
            server.join(10_000);
        }
        client.close();
    }

    private ZMQ.Socket socket(SocketType type, int port) {
        ZMQ.Socket s = client.createSocket(type);
        s.setLinger(0);
        s.connect(connection.address(port));
        return s;
    }

    private Message send(ZMQ.Socket s, String type, Map<String, Object> content, Signer sign) {
        Message m = new Message(List.of(), Message.header(type, "test-session"), Json.map(), Json.map(), content, List.of());
        sendFrames(s, m.frames(sign));
        return m;
    }

    private static void sendFrames(ZMQ.Socket s, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) s.send(frames.get(i), i + 1 < frames.size() ? ZMQ.SNDMORE : 0);
    }

    private Message receive(ZMQ.Socket s, int timeoutMs) throws Message.Invalid {
        s.setReceiveTimeOut(timeoutMs);
        byte[] first = s.recv(0);
        if (first == null) return null;
        List<byte[]> frames = new ArrayList<>(List.of(first));
        while (s.hasReceiveMore()) frames.add(s.recv(0));
        return Message.parse(frames, signer); // the kernel's own messages are signed with the key
    }

    private void drain(ZMQ.Socket s) throws Message.Invalid {
        while (receive(s, 100) != null) { }
    }

    /** iopub messages caused by {@code request}, up to its idle status. */
    private List<Message> broadcasts(Message request) throws Message.Invalid {
        List<Message> out = new ArrayList<>();
        while (true) {
            Message m = receive(iopub, 10_000);
            assertNotNull(m, "iopub went quiet before idle: " + types(out));
            if (!request.id().equals(m.parent().get("msg_id"))) continue;
            out.add(m);
            if (m.type().equals("status") && "idle".equals(m.content().get("execution_state"))) return out;
        }
    }

    private static List<String> types(List<Message> ms) { return ms.stream().map(Message::type).toList(); }

    @Test
    void kernelInfoDescribesTheProtocolAndLanguage() throws Exception {
        Message req = send(shell, "kernel_info_request", Json.map(), signer);
        Message reply = receive(shell, 5000);
        assertEquals("kernel_info_reply", reply.type());
        assertEquals(req.id(), reply.parent().get("msg_id"));
        assertEquals("5.3", reply.content().get("protocol_version"));
        assertEquals("fake", Json.object(reply.content(), "language_info").get("name"));
        assertEquals(List.of("status", "status"), types(broadcasts(req)));
    }

    @Test
    void executeBroadcastsInputOutputsAndStatusAndRepliesWithTheCount() throws Exception {
        Message req = send(shell, "execute_request", Json.of("code", "hello", "silent", false, "store_history", true), signer);
        Message reply = receive(shell, 10_000);
        assertEquals("execute_reply", reply.type());
        assertEquals("ok", reply.content().get("status"));
        assertEquals(1, Json.integer(reply.content(), "execution_count", -1));
        List<Message> b = broadcasts(req);
        assertEquals(List.of("status", "execute_input", "stream", "display_data", "execute_result", "status"), types(b));
        assertEquals("busy", b.get(0).content().get("execution_state"));
        assertEquals("hello", b.get(1).content().get("code"));
        assertEquals("stdout", b.get(2).content().get("name"));
        assertEquals("you said hello\n", b.get(2).content().get("text"));
        assertEquals("<svg/>", Json.object(b.get(3).content(), "data").get("image/svg+xml"));
        assertEquals(1, Json.integer(b.get(4).content(), "execution_count", -1));

        Message second = send(shell, "execute_request", Json.of("code", "again"), signer);
        assertEquals(2, Json.integer(receive(shell, 10_000).content(), "execution_count", -1));
        broadcasts(second);
    }

    @Test
    void aFailedCellIsAnErrorOnIopubAndInTheReply() throws Exception {
        Message req = send(shell, "execute_request", Json.of("code", "fail"), signer);
        Message reply = receive(shell, 10_000);
        assertEquals("error", reply.content().get("status"));
        assertEquals("RuntimeError", reply.content().get("ename"));
        assertEquals(List.of("line one", "line two"), reply.content().get("traceback"));
        List<Message> b = broadcasts(req);
        assertEquals(List.of("status", "execute_input", "error", "status"), types(b));
    }

    @Test
    void silentCellsBroadcastNothingAndAreNotCounted() throws Exception {
        Message req = send(shell, "execute_request", Json.of("code", "quiet", "silent", true), signer);
        assertEquals(0, Json.integer(receive(shell, 10_000).content(), "execution_count", -1));
        assertEquals(List.of("status", "status"), types(broadcasts(req)));
    }

    @Test
    void interruptOnControlReachesTheEngineWhileACellRuns() throws Exception {
        Message req = send(shell, "execute_request", Json.of("code", "block"), signer);
        assertTrue(engine.started.await(10, TimeUnit.SECONDS));
        send(control, "interrupt_request", Json.map(), signer);
        Message ir = receive(control, 10_000);
        assertEquals("interrupt_reply", ir.type());
        Message reply = receive(shell, 10_000);
        assertEquals("Interrupted", reply.content().get("ename"));
        assertTrue(types(broadcasts(req)).contains("error"));
    }

    @Test
    void completeInspectAndIsComplete() throws Exception {
        send(shell, "complete_request", Json.of("code", "lay", "cursor_pos", 3), signer);
        Message c = receive(shell, 5000);
        assertEquals(List.of("layer"), c.content().get("matches"));
        assertEquals(0, Json.integer(c.content(), "cursor_start", -1));
        assertEquals(3, Json.integer(c.content(), "cursor_end", -1));

        send(shell, "inspect_request", Json.of("code", "layer", "cursor_pos", 2, "detail_level", 0), signer);
        Message i = receive(shell, 5000);
        assertEquals(Boolean.TRUE, i.content().get("found"));
        assertEquals("help at 2", Json.object(i.content(), "data").get("text/plain"));

        send(shell, "is_complete_request", Json.of("code", "W0 = ["), signer);
        assertEquals("incomplete", receive(shell, 5000).content().get("status"));
        send(shell, "is_complete_request", Json.of("code", "W0"), signer);
        assertEquals("complete", receive(shell, 5000).content().get("status"));

        send(shell, "comm_info_request", Json.map(), signer);
        assertEquals(Json.map(), receive(shell, 5000).content().get("comms"));
    }

    @Test
    void messagesWithABadSignatureOrSentTwiceAreDropped() throws Exception {
        send(shell, "kernel_info_request", Json.map(), new Signer("not the key"));
        assertNull(receive(shell, 1000), "a message signed with another key gets no answer");
        Message m = new Message(List.of(), Message.header("kernel_info_request", "s"), Json.map(), Json.map(), Json.map(), List.of());
        List<byte[]> frames = m.frames(signer);
        sendFrames(shell, frames);
        assertNotNull(receive(shell, 5000));
        sendFrames(shell, frames);
        assertNull(receive(shell, 1000), "a replayed message gets no answer");
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("bad signature"), log.toString(StandardCharsets.UTF_8));
        send(shell, "kernel_info_request", Json.map(), signer);
        assertNotNull(receive(shell, 5000), "and the kernel goes on");
    }

    @Test
    void theHeartbeatEchoes() {
        hb.send("ping");
        hb.setReceiveTimeOut(5000);
        assertEquals("ping", hb.recvStr());
    }

    @Test
    void shutdownRepliesAndEndsTheKernel() throws Exception {
        send(control, "shutdown_request", Json.of("restart", false), signer);
        Message r = receive(control, 5000);
        assertEquals("shutdown_reply", r.type());
        server.join(10_000);
        assertTrue(!server.isAlive(), "serve() returned");
    }
}
