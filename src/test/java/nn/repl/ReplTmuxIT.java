package nn.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REPL end to end in a real pseudo-terminal: {@code java -jar nn.jar} under tmux, driven as a user would —
 * typing the reference example line by line, pressing Tab, pasting the whole example (bracketed paste), quitting,
 * and coming back to find the history. Skipped, with a message, where tmux is not installed.
 */
class ReplTmuxIT {
    @TempDir Path dir;
    private Path jar;
    private String socket;

    @BeforeEach
    void needTmuxAndTheJar() {
        assertTrue(tmuxInstalled(), "tmux is not installed (.ci/run installs it): the end-to-end REPL test needs it");
        String j = System.getProperty("nn.jar");
        assertTrue(j != null && Files.isRegularFile(Path.of(j)), "no packaged nn.jar (run through mvn verify)");
        jar = Path.of(j).toAbsolutePath();
        socket = "nn-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    }

    @AfterEach
    void stopTmux() throws Exception {
        if (socket != null) tmux("kill-server");
    }

    @Test
    void typingTabPastingQuittingAndComingBack() throws Exception {
        Path history = dir.resolve("history");
        List<String> seed = Files.readAllLines(Path.of("samples/seed.nn"));
        Files.createDirectories(dir.resolve("samples"));
        Files.write(dir.resolve("samples/seed.nn"), seed);

        start(history, false);
        awaitLast("nn> ");

        // the reference example, typed line by line (comments, blank lines and the two-line matrix too)
        for (String line : seed) enter(line);
        String typed = transcript();
        assertFalse(typed.contains("error:") || typed.contains("expect failed"), typed);
        assertTrue(typed.contains("✓ E < 0.138"), typed);

        // Tab: the gradients of layer 1's weights, then the one chosen
        enter("backward");
        sendKeys("show dE/dw1", "Tab");
        awaitScreen("dE/dw101");
        assertTrue(screen().contains("dE/dw100"), screen());
        sendKeys("0", "Enter");
        // after the update, by hand: (o − y)·o(1 − o)·h0 = 0.51883 · 0.24964 · 0.27073 = 0.035 (the first pass gave 0.038)
        awaitScreen("dE/dw100 = 0.035");

        // a mistyped statement: marked before Enter, explained after it
        sendKeys("forwrd");
        awaitScreen("nn> forwrd");
        String marked = screenWithEscapes().lines().filter(l -> l.contains("forwrd")).findFirst().orElseThrow();
        assertTrue(marked.contains("31m"), "an unknown word is marked in red before Enter: " + marked);
        sendKeys("Enter");
        awaitScreen("did you mean forward?");

        // the whole example pasted at once: one entry, run statement by statement
        enter("reset");
        int before = transcript().length();
        tmux("load-buffer", "-b", "seed", dir.resolve("samples/seed.nn").toString());
        tmux("paste-buffer", "-p", "-b", "seed", "-t", "nn");
        awaitLast("... ");
        enter("");
        awaitCount("✓ E < 0.138", 2);
        String pasted = transcript().substring(before);
        assertFalse(pasted.contains("expect failed") || pasted.contains("error:"), pasted);

        // run a script by name, completed with Tab inside the quotes
        enter("reset");
        sendKeys("run \"sam", "Tab");
        awaitScreen("run \"samples/");
        sendKeys("se", "Tab", "Enter");
        awaitCount("✓ E < 0.138", 3);

        // leave, and come back: the history is there
        sendLine("quit");
        awaitExit();
        List<String> entries = Files.readAllLines(history, StandardCharsets.UTF_8);
        assertTrue(entries.stream().anyMatch(e -> e.contains("expect E < 0.138") && e.contains("layer relu 3->2 as h")),
                "the pasted block is one history entry");
        assertTrue(entries.get(entries.size() - 1).endsWith("quit"), entries.toString());

        start(history, true);
        awaitLast("nn> ");
        sendKeys("C-r");
        sendKeys("dE/dw10");
        awaitScreen("show dE/dw100");
        sendKeys("Enter");
        awaitScreen("error: unknown name 'w100'"); // a fresh session, no layers: the entry came from the history file
        assertFalse(screenWithEscapes().contains("31m"), "NO_COLOR: no colour");
        awaitLast("nn> "); // Ctrl-D at the prompt ends the session; sent earlier it would reach the running statement
        sendKeys("C-d");
        awaitExit();
    }

    // ---- driving tmux ----

    private void start(Path history, boolean noColor) throws Exception {
        // the shell around nn prints its exit status and keeps the pane open for the test to read it
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", "\"$@\"; echo \"[nn exited: $?]\"; sleep 600", "sh",
                "env", "NN_HISTORY=" + history, "TERM=xterm-256color", "LANG=C.UTF-8"));
        if (noColor) cmd.add("NO_COLOR=1");
        cmd.addAll(List.of("java", "-jar", jar.toString()));
        List<String> args = new ArrayList<>(List.of("/dev/null", "new-session", "-d", "-s", "nn", "-x", "110", "-y", "40", "-c", dir.toString()));
        args.addAll(cmd);
        tmux("-f", args.toArray(String[]::new)); // -f /dev/null: none of the user's tmux configuration
        tmux("set-option", "-t", "nn", "history-limit", "20000");
    }

    /** Types a line and Enter, and waits for the next prompt (or continuation prompt). */
    private void enter(String line) throws Exception {
        int before = prompts();
        sendLine(line);
        await(() -> {
            if (prompts() <= before) return false;
            String[] lines = screen().stripTrailing().split("\n");
            String last = lines[lines.length - 1].strip();
            return last.equals("nn>") || last.equals("...");
        }, "the prompt after '" + line + "'");
    }

    /** How many prompts the pane has shown, continuation prompts included. */
    private int prompts() throws Exception {
        return (int) transcript().lines().filter(l -> l.startsWith("nn> ") || l.startsWith("... ") || l.equals("nn>") || l.equals("...")).count();
    }

    private void sendLine(String line) throws Exception {
        if (!line.isEmpty()) tmux("send-keys", "-t", "nn", "-l", line);
        tmux("send-keys", "-t", "nn", "Enter");
    }

    /** Keys: literal text, or tmux key names (Tab, Enter, C-r). */
    private void sendKeys(String... keys) throws Exception {
        for (String k : keys) {
            if (k.equals("Tab") || k.equals("Enter") || k.startsWith("C-")) tmux("send-keys", "-t", "nn", k);
            else tmux("send-keys", "-t", "nn", "-l", k);
        }
    }

    private String screen() throws Exception { return tmux("capture-pane", "-p", "-t", "nn"); }

    private String screenWithEscapes() throws Exception { return tmux("capture-pane", "-p", "-e", "-t", "nn"); }

    /** Everything the pane has shown, scrolled-off lines included. */
    private String transcript() throws Exception { return tmux("capture-pane", "-p", "-J", "-S", "-", "-t", "nn"); }

    private void awaitScreen(String text) throws Exception {
        await(() -> screen().contains(text), "the screen to show '" + text + "'");
    }

    private void awaitCount(String text, int n) throws Exception {
        await(() -> TerminalDriver.count(transcript(), text) >= n, "'" + text + "' " + n + " times");
    }

    /** Waits until the last non-blank line of the screen is exactly {@code prompt} (nn waits for input). */
    private void awaitLast(String prompt) throws Exception {
        await(() -> {
            String[] lines = screen().stripTrailing().split("\n");
            return lines[lines.length - 1].strip().equals(prompt.strip());
        }, "the prompt '" + prompt + "'");
    }

    private void awaitExit() throws Exception {
        awaitScreen("[nn exited: ");
        assertTrue(screen().contains("[nn exited: 0]"), "exit status 0: " + screen());
        tmux("kill-session", "-t", "nn");
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private void await(Check c, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (c.ok()) return;
            Thread.sleep(20);
        }
        throw new AssertionError("timed out waiting for " + what + "; the screen:\n" + transcript());
    }

    private String tmux(String first, String... rest) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket, first));
        cmd.addAll(List.of(rest));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    private static boolean tmuxInstalled() {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
