package nn.view;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import nn.explain.MathMl;
import nn.session.Viewer;
import nn.session.ViewModel;

/**
 * The live view (`view`, docs/view.md): a page on 127.0.0.1, on a free port, behind a random token, served by the
 * JDK's own HTTP server. The session tells it of every statement ({@link #changed}); a thread of its own renders the
 * pictures (so a statement never waits for them) and every page watching gets them by server-sent events, the
 * newest only when a page is slower than the session. During training the loss curve is sent five times a second,
 * the picture of the weights as trained so far once a second.
 *
 * <pre>
 * GET /?token=T          the page (self-contained: its script and style inline, nothing fetched elsewhere)
 * GET /events?token=T    server-sent events: state (pictures, loss curve, training progress), stopped
 * GET /state?token=T     the latest state event's data, as JSON
 * GET /explain?token=T&amp;name=w100   the derivations of a clicked element, as HTML with MathML (JSON)
 * </pre>
 * A request without the token (or with another) gets 403 and nothing else.
 */
public final class LiveView implements Viewer {
    /** How often an idle event stream sends a comment, so that closed pages are noticed. */
    static final long HEARTBEAT_MILLIS = 10_000;

    private final String token;
    private HttpServer server;
    private ExecutorService requests;
    private Thread renderer;
    private String address;

    /** What the pages are sent: guarded by {@code this}; waiters wake on every change. */
    private String stateJson;
    private long stateVersion;
    private ViewModel latest;
    private ViewModel pending;
    private boolean stopped;
    /** When the renderer may draw the next picture of a training run (renderer thread only). */
    private long picturesNotBefore;
    /** Pictures of a training run: at most once a second. */
    static final long TRAINING_PICTURES_NANOS = 1_000_000_000L;

    public LiveView() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        StringBuilder t = new StringBuilder();
        for (byte x : b) t.append(String.format("%02x", x));
        token = t.toString();
    }

    @Override
    public synchronized String start() throws IOException {
        if (address != null) return address;
        stopped = false;
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        requests = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "nn-view-http");
            t.setDaemon(true);
            return t;
        });
        s.setExecutor(requests);
        s.createContext("/", this::handle);
        s.start();
        server = s;
        address = "http://127.0.0.1:" + s.getAddress().getPort() + "/?token=" + token;
        renderer = new Thread(this::renderLoop, "nn-view-render");
        renderer.setDaemon(true);
        renderer.start();
        return address;
    }

    @Override
    public synchronized String address() { return address; }

    @Override
    public void stop() {
        HttpServer s;
        synchronized (this) {
            if (address == null) return;
            stopped = true;
            address = null;
            s = server;
            server = null;
            notifyAll();
        }
        // the event streams see `stopped`, say so to their pages and end; then the port closes
        s.stop(1);
        requests.shutdownNow();
        renderer.interrupt();
    }

    @Override
    public synchronized void changed(ViewModel view) {
        pending = view;
        notifyAll();
    }

    /** The latest snapshot the view was told of (for a click), or null before any. */
    synchronized ViewModel latest() { return latest; }

    // ---- rendering, on its own thread: only the newest snapshot is drawn ----

    private void renderLoop() {
        while (true) {
            ViewModel v;
            synchronized (this) {
                while (pending == null && !stopped) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (stopped) return;
                v = pending;
                pending = null;
            }
            // while training, the curve goes out with every snapshot (five a second) but the weights' picture at most
            // once a second, and drawing takes at most a twentieth of a core: a large network is drawn less often
            boolean training = v.training() != null;
            boolean draw = !training || System.nanoTime() >= picturesNotBefore;
            String json;
            long began = System.nanoTime();
            try {
                json = stateJson(v, draw);
            } catch (RuntimeException e) {
                json = "{\"version\":" + v.version() + ",\"statement\":" + str(v.statement()) + ",\"pictures\":[],\"curve\":{\"epochs\":[],\"losses\":[]},"
                        + "\"error\":" + str("this state could not be drawn (" + e + ")") + "}";
            }
            long spent = System.nanoTime() - began;
            if (training && draw) picturesNotBefore = System.nanoTime() + Math.max(TRAINING_PICTURES_NANOS, 19 * spent);
            synchronized (this) {
                latest = v;
                stateJson = json;
                stateVersion++;
                notifyAll();
            }
        }
    }

    /** A snapshot as the pages get it; without {@code pictures} (during training), the pages keep the ones they have. */
    static String stateJson(ViewModel v, boolean pictures) {
        StringBuilder b = new StringBuilder("{\"version\":").append(v.version()).append(",\"statement\":").append(str(v.statement()));
        b.append(",\"loss\":").append(num(v.loss()));
        if (pictures) pictures(v, b);
        b.append(",\"curve\":").append(curve(v.curveEpochs(), v.curveLosses()));
        int[] t = v.training();
        b.append(",\"training\":").append(t == null ? "null" : "{\"epoch\":" + t[0] + ",\"epochs\":" + t[1] + "}").append('}');
        return b.toString();
    }

    private static void pictures(ViewModel v, StringBuilder b) {
        b.append(",\"pictures\":[");
        List<ViewModel.Picture> pictures = v.pictures();
        for (int i = 0; i < pictures.size(); i++) {
            if (i > 0) b.append(',');
            String svg = pictures.get(i).svg();
            if (svg.startsWith("<?xml")) svg = svg.substring(svg.indexOf("?>") + 2).strip();
            b.append("{\"title\":").append(str(pictures.get(i).title())).append(",\"svg\":").append(str(svg)).append('}');
        }
        b.append(']');
    }

    static String curve(long[] epochs, double[] losses) {
        StringBuilder b = new StringBuilder("{\"epochs\":[");
        for (int i = 0; i < epochs.length; i++) b.append(i > 0 ? "," : "").append(epochs[i]);
        b.append("],\"losses\":[");
        for (int i = 0; i < losses.length; i++) b.append(i > 0 ? "," : "").append(num(losses[i]));
        return b.append("]}").toString();
    }

    // ---- HTTP ----

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            URI uri = x.getRequestURI();
            Map<String, String> q = query(uri.getRawQuery());
            if (!tokenMatches(q.get("token"))) {
                send(x, 403, "text/plain; charset=utf-8", "403 forbidden: this page needs the address `view` printed, token and all\n");
                return;
            }
            if (!x.getRequestMethod().equals("GET")) {
                send(x, 405, "text/plain; charset=utf-8", "405: only GET\n");
                return;
            }
            switch (uri.getPath()) {
                case "/", "/index.html" -> send(x, 200, "text/html; charset=utf-8", Page.html());
                case "/state" -> {
                    String s;
                    synchronized (this) {
                        s = stateJson;
                    }
                    send(x, 200, "application/json; charset=utf-8", s == null ? "{}" : s);
                }
                case "/explain" -> send(x, 200, "application/json; charset=utf-8", explain(q.get("name")));
                case "/events" -> events(x);
                default -> send(x, 404, "text/plain; charset=utf-8", "404: no such page\n");
            }
        } catch (IOException e) {
            // the page went away mid-answer: nothing to tell anyone
        }
    }

    private boolean tokenMatches(String given) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    /** The derivations of a clicked element, as JSON: {name, items: [{statement, html | problem}]}. */
    String explain(String name) {
        ViewModel v = latest();
        StringBuilder b = new StringBuilder("{\"name\":").append(str(name == null ? "" : name)).append(",\"items\":[");
        if (v == null || !ViewModel.clickable(name)) {
            b.append("{\"statement\":\"\",\"problem\":").append(str(v == null ? "nothing to explain yet" : "not a name nn knows")).append('}');
            return b.append("]}").toString();
        }
        List<ViewModel.Explained> items = v.explain(name);
        for (int i = 0; i < items.size(); i++) {
            ViewModel.Explained e = items.get(i);
            if (i > 0) b.append(',');
            b.append("{\"statement\":").append(str(e.statement()));
            if (e.math() != null) b.append(",\"html\":").append(str(new MathMl(e.math().notation()).html(e.math().parts())));
            if (e.problem() != null) b.append(",\"problem\":").append(str(e.problem()));
            b.append('}');
        }
        return b.append("]}").toString();
    }

    /** Server-sent events until the page goes or the view stops: the newest state and training curve, never a backlog. */
    private void events(HttpExchange x) throws IOException {
        x.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.sendResponseHeaders(200, 0);
        OutputStream out = x.getResponseBody();
        long sentState = 0;
        out.write(": nn live view\nretry: 1000\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        while (true) {
            String state = null;
            boolean end;
            synchronized (this) {
                if (!stopped && stateVersion == sentState) {
                    try {
                        wait(HEARTBEAT_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                end = stopped;
                if (stateVersion != sentState) {
                    state = stateJson;
                    sentState = stateVersion;
                }
            }
            StringBuilder b = new StringBuilder();
            if (state != null) b.append("event: state\ndata: ").append(state).append("\n\n");
            if (end) b.append("event: stopped\ndata: {}\n\n");
            if (b.length() == 0) b.append(": still here\n\n");
            out.write(b.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (end) return;
        }
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        x.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        if (type.startsWith("text/html")) {
            // the page runs only its own inline script and connects only to this server
            x.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:");
        }
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            try {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a malformed escape: that parameter is left out
            }
        }
        return out;
    }

    static String num(double v) {
        if (!Double.isFinite(v)) return "null";
        return Double.toString(v);
    }

    static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '<' -> b.append("\\u003c"); // never "</script>" in a page
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    /** Waits up to {@code millis} for the renderer to have drawn version {@code version} (tests). */
    synchronized boolean awaitDrawn(long version, long millis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (latest == null || latest.version() < version) {
            long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
            if (left <= 0) return false;
            wait(left);
        }
        return true;
    }
}
