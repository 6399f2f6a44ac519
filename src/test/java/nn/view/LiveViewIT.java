package nn.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nn.lang.Source;
import nn.session.Output;
import nn.session.Session;
import nn.testing.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live view end to end: a session with the reference network starts `view`; Debian's headless Chromium
 * (/usr/bin/chromium, which .ci/run installs; without it this test fails) opens the printed address over the
 * DevTools protocol and is checked as a user would see it: the network with the reference numbers, the numbers
 * moving after `step`, a real mouse click on a node and on a gradient showing the derivations typeset as MathML, the
 * loss curve after `train`, a second tab, and `view stop`. Requests without the token are refused. A screenshot is
 * kept in target/live-view.png.
 */
class LiveViewIT {
    @TempDir Path tmp;

    static final String REFERENCE = """
            layer relu 3->2 as h
            layer sigmoid 2->1 as o
            W0 = [[0.2, -1.2, 0.9], [-0.5, -1.2, 0.3]]
            b0 = [-0.1, 0.2]; W1 = [0.7, -1.1]; b1 = -0.1
            input [0.9, 0.2, 0.5]; target 0
            forward; backward
            """;

    private final List<Output> outputs = new ArrayList<>();

    private void run(Session s, String text) {
        Session.Result r = s.run(new Source("<test>", text), outputs::add, Session.Mode.SCRIPT);
        assertTrue(r.ok(), text + ": " + outputs);
    }

    private static final Pattern ADDRESS = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/\\?token=([0-9a-f]{32})");

    private String address() {
        for (int i = outputs.size() - 1; i >= 0; i--) {
            if (outputs.get(i) instanceof Output.Info info) {
                Matcher m = ADDRESS.matcher(info.text());
                if (m.find()) return m.group();
            }
        }
        throw new AssertionError("view printed no address: " + outputs);
    }

    private static int status(String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The texts of the picture titled {@code title}, "|" between them. */
    private static String texts(Chromium c, String title) throws Exception {
        return c.text("[...document.querySelectorAll('.picture')].filter(p => p.dataset.title === '" + title + "')"
                + ".map(p => [...p.querySelectorAll('text')].map(t => t.textContent).join('|')).join('')");
    }

    private static String label(Chromium c, String title, String name) throws Exception {
        return c.text("(() => { const p = [...document.querySelectorAll('.picture')].find(p => p.dataset.title === '" + title + "');"
                + " const t = p && p.querySelector('text.weight[data-name=\"" + name + "\"]'); return t ? t.textContent : null; })()");
    }

    /** Clicks the middle of the first element matching {@code selector} inside the picture titled {@code title}. */
    private static void clickOn(Chromium c, String title, String selector) throws Exception {
        Object v = c.eval("(() => { const p = [...document.querySelectorAll('.picture')].find(p => p.dataset.title === '" + title + "');"
                + " const e = p.querySelector('" + selector + "'); e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                + " return [r.x + r.width / 2, r.y + r.height / 2]; })()");
        List<?> xy = (List<?>) v;
        c.click(((Number) xy.get(0)).doubleValue(), ((Number) xy.get(1)).doubleValue());
    }

    private static String explained(Chromium c) throws Exception {
        return c.text("document.getElementById('explain-body').textContent");
    }

    @Test
    void thePageFollowsTheSessionAndExplainsWhatIsClicked() throws Exception {
        Session s = new Session();
        s.viewers(session -> new LiveView());
        run(s, REFERENCE);
        run(s, "view");
        String address = address();
        String base = address.substring(0, address.indexOf("/?"));
        String token = address.substring(address.indexOf("token=") + 6);

        // no token, another token, any path: 403 and nothing else
        assertEquals(403, status(base + "/"));
        assertEquals(403, status(base + "/?token=" + "0".repeat(32)));
        assertEquals(403, status(base + "/state"));
        assertEquals(403, status(base + "/events"));
        assertEquals(403, status(base + "/explain?name=w100"));
        assertEquals(403, status(base + "/explain?name=w100&token=" + token.substring(1)));
        assertEquals(200, status(address));

        try (Chromium c = new Chromium()) {
            c.open(address);
            Chromium.await("both pictures", 20_000, () -> ((Number) c.eval("document.querySelectorAll('.picture svg').length")).intValue() == 2);
            // the reference network with its numbers: eqs. (7)-(10), the weights, and the gradients of eqs. (16), (21), (24)
            String values = texts(c, "weights and values");
            for (String n : List.of("0.29", "0.526", "0.103", "0.7", "−1.1", "−0.34")) assertTrue(values.contains(n), n + " in " + values);
            assertEquals("0.7", label(c, "weights and values", "w100"));
            String grads = texts(c, "gradients");
            for (String n : List.of("0.038", "0.131", "0.083")) assertTrue(grads.contains(n), n + " in " + grads);
            assertTrue(c.text("document.getElementById('status').textContent").contains("live"));

            // a step moves the numbers: w100 0.7 → 0.696 (eq. 18), w000 0.2 → 0.192 (eq. 28)
            run(s, "step lr=0.1");
            Chromium.await("w100 = 0.696 after step", 10_000, () -> "0.696".equals(label(c, "weights and values", "w100")));
            assertEquals("0.192", label(c, "weights and values", "w000"));
            assertTrue(c.text("document.getElementById('status').textContent").contains("after step"));

            // a mouse click on the output node: its value and its gradient, typeset as MathML
            clickOn(c, "weights and values", "circle.node[data-name=\"o\"]");
            Chromium.await("o explained", 10_000, () -> explained(c).contains("explain dE/do"));
            String o = explained(c);
            assertTrue(o.contains("explain o"), o);
            assertTrue(o.contains("0.526"), o);
            assertTrue(((Number) c.eval("document.querySelectorAll('#explain-body math').length")).intValue() > 0, "no MathML");
            assertTrue(((Number) c.eval("document.querySelectorAll('#explain-body mfrac').length")).intValue() > 0, "no fraction");
            assertEquals(Boolean.TRUE, c.eval("document.querySelector('circle.node[data-name=\"o\"]').classList.contains('selected')"));

            // a click on a gradient: its chain rule and the update that used it, before and after (eqs. 16-18)
            clickOn(c, "gradients", "text.weight[data-name=\"∂E/∂w100\"]");
            Chromium.await("dE/dw100 explained", 10_000, () -> explained(c).contains("explain update w100"));
            String w = explained(c);
            for (String n : List.of("explain dE/dw100", "0.526", "0.249", "0.29", "0.038", "0.7", "0.696")) assertTrue(w.contains(n), n + " in " + w);
            // the MathML is laid out: a fraction is taller than a line of text
            double height = ((Number) c.eval("document.querySelector('#explain-body mfrac').getBoundingClientRect().height")).doubleValue();
            assertTrue(height > 20, "fraction height " + height);

            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target", "live-view.png"), c.screenshot());

            // train: the loss curve is drawn, and the pictures follow the trained network
            run(s, "train epochs=2000 lr=0.1");
            Chromium.await("the loss curve", 10_000, () -> {
                String d = c.text("(document.getElementById('curve-path') || {getAttribute: () => ''}).getAttribute('d')");
                return d != null && d.split("L").length > 50;
            });
            Chromium.await("the trained weights", 10_000, () -> !"0.696".equals(label(c, "weights and values", "w100")));
            Files.write(Path.of("target", "live-view-trained.png"), c.screenshot());

            // a second tab watches the same session (train left no gradients: one picture)
            String trained = label(c, "weights and values", "w100");
            c.open(address);
            Chromium.await("the second tab's picture", 20_000, () -> trained.equals(label(c, "weights and values", "w100")));
            assertEquals(1, ((Number) c.eval("document.querySelectorAll('.picture svg').length")).intValue());

            // view stop: the page says so and the port is closed
            run(s, "view stop");
            Chromium.await("the page to say it stopped", 10_000, () -> c.text("document.getElementById('status').textContent").contains("stopped"));
        }
        assertThrows(java.io.IOException.class, () -> status(address));
        run(s, "view stop");
        assertTrue(outputs.get(outputs.size() - 1) instanceof Output.Info i && i.text().contains("no live view"));
    }

    /** The explain endpoint answers for names only: nothing a click sends can run another statement. */
    @Test
    void explainTakesNamesNotStatements() throws Exception {
        Session s = new Session();
        s.viewers(session -> new LiveView());
        run(s, REFERENCE);
        run(s, "view");
        String address = address();
        try {
            HttpClient http = HttpClient.newHttpClient();
            Path file = tmp.resolve("x.nn");
            for (String evil : List.of("w100; save \"" + file + "\"", "w100\nreset", "\"w100\"")) {
                String url = address.replace("/?token=", "/explain?name=" + java.net.URLEncoder.encode(evil, java.nio.charset.StandardCharsets.UTF_8) + "&token=");
                String body = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(body.contains("not a name"), body);
            }
            assertFalse(Files.exists(file));
            String url = address.replace("/?token=", "/explain?name=w100&token=");
            String body = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(body.contains("explain dE/dw100") && body.contains("\\u003cmath"), body);
        } finally {
            run(s, "view stop");
        }
    }

    /** During `train` the page gets the weights and the curve so far, a few times a second and never more than five. */
    @Test
    void trainingIsShownAFewTimesASecond() throws Exception {
        Session s = new Session();
        s.viewers(session -> new LiveView());
        run(s, REFERENCE);
        run(s, "view");
        String events = address().replace("/?token=", "/events?token=");
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try {
                HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(events)).build(), HttpResponse.BodyHandlers.ofLines())
                        .body().filter(l -> l.startsWith("data: ")).forEach(seen::add);
            } catch (Exception e) {
                // the view stopped
            }
        });
        reader.setDaemon(true);
        reader.start();
        Chromium.await("the first state", 10_000, () -> !seen.isEmpty());
        long t0 = System.nanoTime();
        run(s, "train epochs=6000000 lr=0.001");
        double seconds = (System.nanoTime() - t0) / 1e9;
        Chromium.await("the state after training", 10_000, () -> seen.get(seen.size() - 1).contains("\"statement\":\"train\"")
                && seen.get(seen.size() - 1).contains("\"training\":null"));
        long during = seen.stream().filter(d -> d.contains("\"training\":{\"epoch\"")).count();
        try {
            assertTrue(seconds < 0.5 || during >= 1, during + " training events in " + seconds + " s");
            assertTrue(during <= 5 * seconds + 1, during + " training events in " + seconds + " s: more than five a second");
            String last = seen.get(seen.size() - 1);
            assertTrue(last.contains("\"epochs\":[") && last.contains("6000000"), "the whole curve, to the last epoch");
        } finally {
            run(s, "view stop");
        }
    }

    /** A script that never uses `view` loads none of the live view's classes (no start-up cost). */
    @Test
    void scriptsLoadNoViewClasses() throws Exception {
        Processes.Result r = Processes.run(List.of(Processes.java(), "-verbose:class", "-jar", Processes.jar().toString(), "-e",
                "layer relu 3->2 as h; input [1, 2, 3]; forward; show h"), Map.of(), tmp, tmp);
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("nn.session.Session "), "the class log is there");
        assertFalse(r.out().contains("nn.view."), "nn.view loaded: " + r.out().lines().filter(l -> l.contains("nn.view")).toList());
        assertFalse(r.out().contains("com.sun.net.httpserver"), "the HTTP server loaded");
        assertFalse(r.out().contains("nn.session.Viewer ") || r.out().contains("nn.session.ViewModel "), "the view's hook loaded");
    }

    /** A script without -i has no page to keep open: `view` says so, and the script goes on (exit 0). */
    @Test
    void viewInAPlainScriptSaysWhy() throws Exception {
        Processes.Result r = Processes.run(List.of(Processes.java(), "-jar", Processes.jar().toString(), "-e", "view; layer relu 3->2; show W0"), Map.of(), tmp, tmp);
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.clean(), r.toString());
        assertTrue((r.out() + r.err()).contains("no live view here"), r.toString());
        assertNotNull(r.out());
    }
}
