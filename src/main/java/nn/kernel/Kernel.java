package nn.kernel;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The Jupyter messaging protocol (5.3) over ZeroMQ, for one {@link Engine}. Five sockets, as the connection file
 * says: shell (ROUTER: requests, answered in order), control (ROUTER: interrupt and shutdown, on its own thread so
 * that they arrive while a cell runs), iopub (PUB: status, inputs and outputs), stdin (ROUTER: bound, unused, as nn
 * never asks for input) and heartbeat (REP: echoes, on its own thread). Cells run on a worker thread; the shell
 * thread waits for each. Every message is signed, and one whose signature is wrong (or that was seen before) is
 * dropped with a line on standard error, as ipykernel does.
 */
final class Kernel {
    /** How long a blocking receive waits before the loop looks at {@link #running} again. */
    private static final int POLL_MS = 100;

    private final Connection connection;
    private final Engine engine;
    private final Signer signer;
    private final PrintStream log;
    private final String session = UUID.randomUUID().toString();
    private final ZContext context = new ZContext(1);
    private ZMQ.Socket shell;
    private ZMQ.Socket control;
    private ZMQ.Socket stdin;
    private ZMQ.Socket iopub;
    private ZMQ.Socket heartbeat;
    private final Object iopubLock = new Object();
    private volatile boolean running = true;
    private int executionCount;
    /** Signatures of messages received lately: a message sent again (replayed) is refused. */
    private final Set<String> seen = new LinkedHashSet<>();
    private static final int SEEN_LIMIT = 4096;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(null, r, "nn-kernel-cell", nn.session.Session.STACK_BYTES);
        t.setDaemon(true);
        return t;
    });

    Kernel(Connection connection, Engine engine, PrintStream log) {
        this.connection = connection;
        this.engine = engine;
        this.signer = new Signer(connection.key());
        this.log = log;
    }

    /** Binds the sockets and serves until a shutdown_request; returns then (the caller exits). */
    void serve() {
        try {
            shell = bind(SocketType.ROUTER, connection.shell());
            control = bind(SocketType.ROUTER, connection.control());
            stdin = bind(SocketType.ROUTER, connection.stdin());
            iopub = bind(SocketType.PUB, connection.iopub());
            heartbeat = bind(SocketType.REP, connection.hb());
            Thread hb = new Thread(this::heartbeatLoop, "nn-kernel-heartbeat");
            hb.setDaemon(true);
            Thread ctl = new Thread(this::controlLoop, "nn-kernel-control");
            ctl.setDaemon(true);
            hb.start();
            ctl.start();
            watchParent();
            publish(null, "status", Json.of("execution_state", "starting"));
            shellLoop();
            worker.shutdown();
            try {
                if (!worker.awaitTermination(3, TimeUnit.SECONDS)) log.println("nn kernel: the running cell did not stop; leaving anyway");
                ctl.join(2000);
                hb.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } finally {
            context.close();
        }
    }

    /**
     * Jupyter names its own process in JPY_PARENT_PID: should it die without shutting the kernel down (killed, a
     * crash), the kernel stops too instead of running on unseen, as ipykernel does.
     */
    private void watchParent() {
        String pid = System.getenv("JPY_PARENT_PID");
        if (pid == null || !pid.matches("\\d+")) return;
        var parent = ProcessHandle.of(Long.parseLong(pid));
        if (parent.isEmpty()) return;
        Thread t = new Thread(() -> {
            while (running) {
                if (!parent.get().isAlive()) {
                    log.println("nn kernel: Jupyter (process " + pid + ") is gone; stopping");
                    engine.interrupt();
                    running = false;
                    return;
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "nn-kernel-parent");
        t.setDaemon(true);
        t.start();
    }

    private ZMQ.Socket bind(SocketType type, int port) {
        ZMQ.Socket s = context.createSocket(type);
        s.setLinger(1000);
        s.setReceiveTimeOut(POLL_MS);
        String address = connection.address(port);
        if (!s.bind(address)) throw new IllegalStateException("cannot listen on " + address);
        return s;
    }

    // ---- the loops ----

    private void shellLoop() {
        while (running) {
            Message m = receive(shell);
            if (m != null) handleShell(m);
        }
    }

    private void controlLoop() {
        while (running) {
            Message m = receive(control);
            if (m == null) continue;
            switch (m.type()) {
                case "interrupt_request" -> {
                    engine.interrupt();
                    reply(control, m, "interrupt_reply", Json.of("status", "ok"));
                }
                case "shutdown_request" -> shutdown(control, m);
                case "kernel_info_request" -> reply(control, m, "kernel_info_reply", kernelInfo());
                default -> {
                    if (m.type().endsWith("_request")) {
                        reply(control, m, m.type().replace("_request", "_reply"), Json.of("status", "error", "ename", "NotSupported",
                                "evalue", m.type() + " is not supported by nn's kernel", "traceback", List.of()));
                    } else {
                        log.println("nn kernel: ignored " + m.type() + " on the control channel");
                    }
                }
            }
        }
    }

    private void heartbeatLoop() {
        while (running) {
            List<byte[]> frames = frames(heartbeat);
            if (frames == null) continue;
            send(heartbeat, frames);
        }
    }

    // ---- shell requests ----

    private void handleShell(Message m) {
        publish(m, "status", Json.of("execution_state", "busy"));
        try {
            switch (m.type()) {
                case "kernel_info_request" -> reply(shell, m, "kernel_info_reply", kernelInfo());
                case "execute_request" -> execute(m);
                case "complete_request" -> complete(m);
                case "inspect_request" -> inspect(m);
                case "is_complete_request" -> isComplete(m);
                case "comm_info_request" -> reply(shell, m, "comm_info_reply", Json.of("status", "ok", "comms", Json.map()));
                case "history_request" -> reply(shell, m, "history_reply", Json.of("status", "ok", "history", List.of()));
                case "connect_request" -> reply(shell, m, "connect_reply", Json.of("shell_port", connection.shell(), "iopub_port", connection.iopub(),
                        "stdin_port", connection.stdin(), "hb_port", connection.hb(), "control_port", connection.control()));
                case "shutdown_request" -> shutdown(shell, m);
                case "comm_open" -> publish(m, "comm_close", Json.of("comm_id", Json.string(m.content(), "comm_id", ""), "data", Json.map()));
                case "comm_msg", "comm_close" -> { } // nn has no comms
                default -> log.println("nn kernel: unknown message type " + m.type() + " on the shell channel");
            }
        } finally {
            publish(m, "status", Json.of("execution_state", "idle"));
        }
    }

    private void execute(Message m) {
        Map<String, Object> c = m.content();
        String code = Json.string(c, "code", "");
        boolean silent = Json.bool(c, "silent", false);
        boolean store = Json.bool(c, "store_history", true) && !silent;
        if (store) executionCount++;
        int count = executionCount;
        if (!silent) publish(m, "execute_input", Json.of("code", code, "execution_count", count));
        Engine.Result r;
        Future<Engine.Result> cell = worker.submit(() -> engine.execute(code, d -> {
            if (!silent) display(m, d, count);
        }));
        try {
            r = cell.get();
        } catch (ExecutionException e) {
            Throwable t = e.getCause();
            r = new Engine.Result(List.of(), new Engine.Failure("InternalError", String.valueOf(t),
                    List.of("internal error in nn's kernel (" + t + "): this is a bug in nn")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            r = new Engine.Result(List.of(), new Engine.Failure("Interrupted", "the kernel is shutting down", List.of("the kernel is shutting down")));
        }
        Map<String, Object> reply;
        if (r.ok()) {
            reply = Json.of("status", "ok", "execution_count", count, "user_expressions", Json.map(), "payload", List.of());
        } else {
            Engine.Failure f = r.failure();
            if (!silent) publish(m, "error", Json.of("ename", f.ename(), "evalue", f.evalue(), "traceback", f.traceback()));
            reply = Json.of("status", "error", "execution_count", count, "ename", f.ename(), "evalue", f.evalue(), "traceback", f.traceback(),
                    "user_expressions", Json.map(), "payload", List.of());
        }
        reply(shell, m, "execute_reply", reply);
        if (!r.ok() && Json.bool(c, "stop_on_error", true)) abortQueued();
    }

    /** After a failed cell, execute requests already waiting are answered "aborted" (as ipykernel does); others run. */
    private void abortQueued() {
        List<Message> waiting = new ArrayList<>();
        for (List<byte[]> f; (f = frames(shell, ZMQ.DONTWAIT)) != null; ) {
            Message q = accept(f);
            if (q != null) waiting.add(q);
        }
        for (Message q : waiting) {
            if (q.type().equals("execute_request")) {
                publish(q, "status", Json.of("execution_state", "busy"));
                reply(shell, q, "execute_reply", Json.of("status", "aborted", "execution_count", executionCount));
                publish(q, "status", Json.of("execution_state", "idle"));
            } else {
                handleShell(q);
            }
        }
    }

    /** An engine output as its iopub message. */
    private void display(Message parent, Engine.Display d, int count) {
        Map<String, Object> data = Json.map();
        data.putAll(d.data());
        switch (d.kind()) {
            case STDOUT, STDERR -> publish(parent, "stream", Json.of("name", d.kind() == Engine.Kind.STDOUT ? "stdout" : "stderr", "text", d.text() + "\n"));
            case RESULT -> publish(parent, "execute_result", Json.of("execution_count", count, "data", data, "metadata", Json.map()));
            case DISPLAY, UPDATE -> {
                Map<String, Object> content = Json.of("data", data, "metadata", Json.map());
                content.put("transient", d.displayId() == null ? Json.map() : Json.of("display_id", d.displayId()));
                publish(parent, d.kind() == Engine.Kind.DISPLAY ? "display_data" : "update_display_data", content);
            }
        }
    }

    private void complete(Message m) {
        String code = Json.string(m.content(), "code", "");
        int cursor = Positions.toIndex(code, Json.integer(m.content(), "cursor_pos", code.codePointCount(0, code.length())));
        Engine.Completion c = engine.complete(code, cursor);
        List<Object> types = new ArrayList<>();
        for (int i = 0; i < c.types().size() && i < c.matches().size(); i++) {
            types.add(Json.of("start", Positions.toCodePoints(code, c.start()), "end", Positions.toCodePoints(code, c.end()),
                    "text", c.matches().get(i), "type", c.types().get(i)));
        }
        reply(shell, m, "complete_reply", Json.of("status", "ok", "matches", c.matches(), "cursor_start", Positions.toCodePoints(code, c.start()),
                "cursor_end", Positions.toCodePoints(code, c.end()), "metadata", Json.of("_jupyter_types_experimental", types)));
    }

    private void inspect(Message m) {
        String code = Json.string(m.content(), "code", "");
        int cursor = Positions.toIndex(code, Json.integer(m.content(), "cursor_pos", code.codePointCount(0, code.length())));
        Engine.Help h = engine.inspect(code, cursor, Json.integer(m.content(), "detail_level", 0));
        Map<String, Object> data = Json.map();
        data.putAll(h.data());
        reply(shell, m, "inspect_reply", Json.of("status", "ok", "found", h.found(), "data", data, "metadata", Json.map()));
    }

    private void isComplete(Message m) {
        Engine.Completeness c = engine.isComplete(Json.string(m.content(), "code", ""));
        Map<String, Object> content = Json.of("status", c.name().toLowerCase());
        if (c == Engine.Completeness.INCOMPLETE) content.put("indent", "");
        reply(shell, m, "is_complete_reply", content);
    }

    private void shutdown(ZMQ.Socket channel, Message m) {
        boolean restart = Json.bool(m.content(), "restart", false);
        engine.interrupt();
        Map<String, Object> content = Json.of("status", "ok", "restart", restart);
        reply(channel, m, "shutdown_reply", content);
        publish(m, "shutdown_reply", content);
        running = false;
    }

    private Map<String, Object> kernelInfo() {
        Engine.Info i = engine.info();
        return Json.of("status", "ok", "protocol_version", Message.PROTOCOL_VERSION, "implementation", i.name(),
                "implementation_version", i.implementationVersion(),
                "language_info", Json.of("name", i.name(), "version", i.version(), "mimetype", i.mimetype(), "file_extension", i.fileExtension()),
                "banner", i.banner(), "help_links", List.of(), "debugger", false);
    }

    // ---- sending and receiving ----

    private void reply(ZMQ.Socket channel, Message request, String type, Map<String, Object> content) {
        // each ROUTER socket is used by one thread only: shell by the shell thread, control by the control thread
        send(channel, Message.of(request, type, session, content).frames(signer));
    }

    /** Sends on iopub (from the shell, control and cell threads, one at a time). */
    private void publish(Message parent, String type, Map<String, Object> content) {
        Message out = new Message(List.of(("kernel." + session + "." + type).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                Message.header(type, session), parent == null ? Json.map() : parent.header(), Json.map(), content, List.of());
        List<byte[]> frames = out.frames(signer);
        synchronized (iopubLock) {
            send(iopub, frames);
        }
    }

    private static void send(ZMQ.Socket s, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) s.send(frames.get(i), i + 1 < frames.size() ? ZMQ.SNDMORE : 0);
    }

    private static List<byte[]> frames(ZMQ.Socket s) { return frames(s, 0); }

    /** The frames of one multipart message, or null when none came within the receive time-out. */
    private static List<byte[]> frames(ZMQ.Socket s, int flags) {
        byte[] first = s.recv(flags);
        if (first == null) return null;
        List<byte[]> out = new ArrayList<>();
        out.add(first);
        while (s.hasReceiveMore()) out.add(s.recv(0));
        return out;
    }

    private Message receive(ZMQ.Socket s) {
        List<byte[]> f;
        try {
            f = frames(s);
        } catch (org.zeromq.ZMQException e) {
            if (!running) return null;
            throw e;
        }
        return f == null ? null : accept(f);
    }

    /** The message in {@code frames}, or null (logged) when it is not a validly signed message or is a replay. */
    private Message accept(List<byte[]> frames) {
        try {
            Message m = Message.parse(frames, signer);
            if (signer.signs()) {
                String sig = Message.signatureOf(frames);
                synchronized (seen) {
                    if (!seen.add(sig)) throw new Message.Invalid("a replay of a message already received");
                    if (seen.size() > SEEN_LIMIT) {
                        var it = seen.iterator();
                        it.next();
                        it.remove();
                    }
                }
            }
            return m;
        } catch (Message.Invalid e) {
            log.println("nn kernel: dropped an invalid message: " + e.getMessage());
            return null;
        }
    }
}
