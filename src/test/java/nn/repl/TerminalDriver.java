package nn.repl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import nn.session.Session;
import nn.text.Style;
import org.jline.terminal.Size;
import org.jline.terminal.impl.ExternalTerminal;

/**
 * A REPL on an in-memory terminal: keys go in as bytes, the screen's bytes come out. JLine sees an xterm, so it
 * edits, completes and pastes as it does for a user; escape sequences are stripped from what tests read.
 */
final class TerminalDriver implements AutoCloseable {
    static final String PASTE_START = "\u001b[200~";
    static final String PASTE_END = "\u001b[201~";
    /** The up arrow as an xterm sends it once JLine has switched the keypad to application mode. */
    static final String UP = "\u001bOA";
    static final String CTRL_C = "\u0003";
    static final String CTRL_R = "\u0012";
    static final String CTRL_D = "\u0004";

    final Session session;
    private final Keys keys = new Keys();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final ExternalTerminal terminal;
    private final Thread thread;
    private volatile Integer exitCode;

    TerminalDriver(Session session, Style style, Path history, Path base) throws IOException {
        this(session, style, history, base, "xterm-256color");
    }

    /** {@code type}: the terminal type JLine is told (TERM), e.g. "dumb". */
    TerminalDriver(Session session, Style style, Path history, Path base, String type) throws IOException {
        this.session = session;
        OutputStream out = new OutputStream() {
            @Override public void write(int b) {
                synchronized (screen) {
                    screen.write(b);
                }
            }

            @Override public void write(byte[] b, int off, int len) {
                synchronized (screen) {
                    screen.write(b, off, len);
                }
            }
        };
        terminal = new ExternalTerminal("test", type, keys, out, StandardCharsets.UTF_8);
        terminal.setSize(new Size(100, 40));
        Repl repl = new Repl(session, terminal, style, false, history, base);
        thread = new Thread(() -> exitCode = repl.loop(), "repl-under-test");
        thread.setDaemon(true);
        thread.start();
    }

    TerminalDriver(Path history, Path base) throws IOException {
        this(new Session(), Style.PLAIN, history, base);
    }

    /** Prompts the screen shows once the REPL is ready for the next entry. */
    private int promptsBefore = 1;

    /**
     * Waits for the prompt, then types {@code line} and Enter: keys typed before the prompt would be echoed by the
     * terminal as well as by JLine, as on a real terminal when typing ahead.
     */
    void enter(String line) {
        awaitPrompt();
        type(line + "\r");
        promptsBefore++;
    }

    /** Waits until the REPL shows the prompt for the next entry. */
    String awaitPrompt() { return await(Repl.PROMPT, promptsBefore); }

    /** An entry that ends without Enter (Ctrl-C, a line with continuation lines) still leads to one new prompt. */
    void expectNewPrompt() { promptsBefore++; }

    void type(String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) keys.queue.add(b & 0xff);
    }

    /** Types {@code text} the way a terminal sends a paste: inside bracketed-paste markers. */
    void paste(String text) { type(PASTE_START + text + PASTE_END); }

    /** The screen so far as plain text: escape sequences and carriage returns removed. */
    String text() {
        String raw;
        synchronized (screen) {
            raw = screen.toString(StandardCharsets.UTF_8);
        }
        return plain(raw);
    }

    /** The screen so far with its escape sequences. */
    String raw() {
        synchronized (screen) {
            return screen.toString(StandardCharsets.UTF_8);
        }
    }

    static String plain(String raw) {
        return raw.replaceAll("\u001b\\[[0-9;?]*[ -/]*[@-~]", "").replaceAll("\u001b[()][0-9A-Za-z]", "")
                .replaceAll("\u001b[=>]", "").replace("\r", "");
    }

    /** Waits until the screen shows {@code expected} {@code times} times; fails with the screen if it does not. */
    String await(String expected, int times) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            String t = text();
            if (count(t, expected) >= times) return t;
            if (!thread.isAlive() && count(text(), expected) < times) break;
            sleep();
        }
        throw new AssertionError("the screen never showed '" + expected + "' " + times + " time(s):\n" + text());
    }

    String await(String expected) { return await(expected, 1); }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) n++;
        return n;
    }

    /** Waits for the REPL to leave and returns its exit code. */
    int awaitExit() throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(20));
        if (thread.isAlive()) throw new AssertionError("the REPL did not leave:\n" + text());
        return exitCode;
    }

    boolean running() { return thread.isAlive(); }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the input (as a closed stdin would) and waits for the REPL to leave. */
    @Override
    public void close() throws Exception {
        keys.queue.add(-1);
        thread.join(TimeUnit.SECONDS.toMillis(20));
        terminal.close();
    }

    /** Keys typed so far and not yet read; -1 ends the input. */
    private static final class Keys extends InputStream {
        final LinkedBlockingQueue<Integer> queue = new LinkedBlockingQueue<>();
        private boolean ended;

        @Override
        public int read() throws IOException {
            if (ended) return -1;
            try {
                int b = queue.take();
                if (b < 0) ended = true;
                return b;
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            int first = read();
            if (first < 0) return -1;
            b[off] = (byte) first;
            int n = 1;
            while (n < len && !queue.isEmpty() && queue.peek() >= 0) b[off + n++] = (byte) (int) queue.poll();
            return n;
        }

        @Override
        public int available() { return queue.isEmpty() || queue.peek() < 0 ? 0 : queue.size(); }
    }
}
