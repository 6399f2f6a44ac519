package nn.view;

import com.grack.nanojson.JsonObject;
import com.grack.nanojson.JsonParser;
import com.grack.nanojson.JsonParserException;
import com.grack.nanojson.JsonWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's headless Chromium (/usr/bin/chromium) driven over the DevTools protocol through the JDK's own WebSocket
 * client: open a page, evaluate script in it, click at a point as a mouse does, take a screenshot. A tiny client
 * for tests; throws (never skips) when Chromium is missing.
 */
final class Chromium implements AutoCloseable {
    static final String BINARY = "/usr/bin/chromium";

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> waiting = new ConcurrentHashMap<>();
    private String session;

    private final Path profile;

    /** Starts Chromium with a new empty profile of its own (removed again by {@link #close}). */
    Chromium() throws Exception {
        profile = Files.createTempDirectory("nn-chromium");
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's chromium (.ci/run does) to test the live view");
        }
        process = new ProcessBuilder(BINARY, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "--window-size=1400,1000", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        String ws = null;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        StringBuilder seen = new StringBuilder();
        while (ws == null && System.nanoTime() < end) {
            String line = err.readLine();
            if (line == null) break;
            seen.append(line).append('\n');
            if (line.startsWith("DevTools listening on ")) ws = line.substring("DevTools listening on ".length()).trim();
        }
        if (ws == null) {
            process.destroyForcibly();
            throw new IllegalStateException("chromium did not start its DevTools endpoint: " + seen);
        }
        Thread drain = new Thread(() -> {
            try {
                while (err.readLine() != null) { /* Chromium's own chatter */ }
            } catch (IOException e) {
                // the process ended
            }
        }, "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(ws), new WebSocket.Listener() {
            final StringBuilder part = new StringBuilder();

            @Override public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                part.append(data);
                if (last) {
                    String text = part.toString();
                    part.setLength(0);
                    try {
                        JsonObject o = JsonParser.object().from(text);
                        if (o.has("id")) {
                            CompletableFuture<JsonObject> f = waiting.remove(o.getInt("id"));
                            if (f != null) f.complete(o);
                        }
                    } catch (JsonParserException e) {
                        // not ours to read
                    }
                }
                w.request(1);
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
    }

    /** Sends a command (to the page once one is open) and returns its result. */
    JsonObject send(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> f = new CompletableFuture<>();
        waiting.put(id, f);
        JsonObject msg = new JsonObject();
        msg.put("id", id);
        msg.put("method", method);
        msg.put("params", new JsonObject(params));
        if (session != null && !method.startsWith("Target.")) msg.put("sessionId", session);
        socket.sendText(JsonWriter.string(msg), true).get(10, TimeUnit.SECONDS);
        JsonObject r = f.get(30, TimeUnit.SECONDS);
        if (r.has("error")) throw new IllegalStateException(method + ": " + r.get("error"));
        return r.getObject("result");
    }

    /** Opens {@code url} in a new tab and talks to that tab from now on. */
    void open(String url) throws Exception {
        String target = send("Target.createTarget", Map.of("url", url)).getString("targetId");
        session = send("Target.attachToTarget", Map.of("targetId", target, "flatten", true)).getString("sessionId");
        send("Runtime.enable", Map.of());
        send("Page.enable", Map.of());
    }

    /** The value of a script expression in the page (awaited when it is a promise). */
    Object eval(String expression) throws Exception {
        JsonObject r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (r.has("exceptionDetails")) throw new IllegalStateException("script failed: " + r.get("exceptionDetails"));
        JsonObject result = r.getObject("result");
        return result.get("value");
    }

    String text(String expression) throws Exception {
        Object v = eval(expression);
        return v == null ? null : v.toString();
    }

    /** Waits until {@code condition} holds (checked every 50 ms), or fails saying what it waited for. */
    static void await(String what, long millis, ThrowingCondition condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!condition.holds()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(50);
        }
    }

    @FunctionalInterface
    interface ThrowingCondition {
        boolean holds() throws Exception;
    }

    /** A mouse click at (x, y) of the page's viewport, as a user's: moved there, pressed, released. */
    void click(double x, double y) throws Exception {
        send("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", x, "y", y));
        send("Input.dispatchMouseEvent", Map.of("type", "mousePressed", "x", x, "y", y, "button", "left", "clickCount", 1));
        send("Input.dispatchMouseEvent", Map.of("type", "mouseReleased", "x", x, "y", y, "button", "left", "clickCount", 1));
    }

    /** A PNG of the whole page. */
    byte[] screenshot() throws Exception {
        JsonObject r = send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        return Base64.getDecoder().decode(r.getString("data"));
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
        }
        // the profile, links and all (Chromium links its singleton socket from outside): links are removed, not followed
        try (var paths = Files.walk(profile)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException | RuntimeException e) {
            // a temporary folder left behind
        }
    }
}
