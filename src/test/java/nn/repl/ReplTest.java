package nn.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nn.session.Session;
import nn.text.Style;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REPL through JLine, on an in-memory terminal: what a user types and what the screen shows. */
class ReplTest {
    @TempDir Path dir;

    private TerminalDriver repl() throws Exception { return new TerminalDriver(dir.resolve("history"), dir); }

    private static void network(TerminalDriver t) {
        t.enter("layer relu 3->2 as h");
        t.enter("layer sigmoid 2->1 as o");
    }

    @Test
    void aDumbTerminalAsksForContinuationLinesWithTheContinuationPrompt() throws Exception {
        // TERM=dumb (Emacs' shell): JLine itself would read the second line without showing "... "
        try (TerminalDriver t = new TerminalDriver(new nn.session.Session(), nn.text.Style.PLAIN, dir.resolve("history"), dir, "dumb")) {
            t.enter("layer relu 2->2");
            t.enter("W0 = [[1, 2],");
            String screen = t.await("\n" + Repl.CONTINUATION);
            t.type("[3, 4]]\r");
            t.enter("show W0");
            screen = t.awaitPrompt();
            assertTrue(screen.contains("W0 = [[1, 2],\n      [3, 4]]"), screen);
            assertFalse(screen.contains("error"), screen);
        }
    }

    @Test
    void promptThenResultThenPrompt() throws Exception {
        try (TerminalDriver t = repl()) {
            t.enter("layer relu 3->2 as h");
            String screen = t.awaitPrompt();
            assertTrue(screen.contains("nn> layer relu 3->2 as h\nlayer 0 (h): relu 3->2"), screen);
        }
    }

    @Test
    void anOpenBracketGetsAContinuationPromptAndTheMatrixIsOneStatement() throws Exception {
        try (TerminalDriver t = repl()) {
            network(t);
            t.enter("W0 = [[0.2, -1.2, 0.9],");
            String screen = t.await("\n" + Repl.CONTINUATION);
            assertEquals(3, TerminalDriver.count(screen, Repl.PROMPT), "no new entry while the bracket is open: " + screen);
            t.type("[-0.5, -1.2, 0.3]]\r");
            t.enter("show W0");
            screen = t.awaitPrompt();
            assertTrue(screen.contains("W0 = [[ 0.2, -1.2, 0.9],\n      [-0.5, -1.2, 0.3]]"), screen);
        }
    }

    @Test
    void tabListsTheCompletionsOfAPartialName() throws Exception {
        try (TerminalDriver t = repl()) {
            network(t);
            t.awaitPrompt();
            t.type("show dE/dw1\t");
            String screen = t.await("dE/dw101");
            assertTrue(screen.contains("dE/dw100"), screen);
            assertFalse(screen.contains("dE/dw000"), "only names that start with what was typed: " + screen);
            t.type("0\t\r"); // Tab put in dE/dw10; with a 0 one name is left, and Tab completes it
            screen = t.await("error: dE/dw100 is not computed yet");
            assertTrue(screen.contains("    show dE/dw100"), screen);
        }
    }

    @Test
    void tabCompletesAStatementKeyword() throws Exception {
        try (TerminalDriver t = repl()) {
            t.awaitPrompt();
            t.type("forw\t\r");
            String screen = t.await("error");
            assertTrue(screen.contains("    forward"), screen);
        }
    }

    @Test
    void anErrorShowsACaretAndTheSessionCarriesOn() throws Exception {
        try (TerminalDriver t = repl()) {
            network(t);
            t.enter("show W9");
            String screen = t.await("hint:");
            assertTrue(screen.contains("error: there is no W9: there is no layer 9\n    show W9\n         ^~"), screen);
            t.enter("show net");
            t.await("total 11 parameters");
            assertTrue(t.running());
        }
    }

    @Test
    void aPastedExerciseIsOneEntryRunStatementByStatement() throws Exception {
        String seed = Files.readString(Path.of("samples/seed.nn"));
        try (TerminalDriver t = repl()) {
            t.awaitPrompt();
            t.paste(seed);
            t.type("\r");
            String screen = t.await("✓ E < 0.138");
            assertEquals(0, t.session.failedExpects(), screen);
            assertEquals(seed.lines().filter(l -> l.startsWith("expect")).count(), t.session.passedExpects());
        }
        List<String> history = Files.readAllLines(dir.resolve("history"));
        assertEquals(1, history.size(), "the pasted block is one history entry: " + history);
    }

    @Test
    void historyIsWrittenAndReadBackInTheNextSession() throws Exception {
        try (TerminalDriver t = repl()) {
            t.enter("layer relu 3->2 as h");
            t.awaitPrompt();
            t.paste("W0 = [[1, 2, 3],\n      [4, 5, 6]]\nshow W0");
            t.type("\r");
            t.expectNewPrompt();
            t.awaitPrompt();
        }
        List<String> saved = Files.readAllLines(dir.resolve("history"));
        assertEquals(2, saved.size(), saved.toString());
        assertTrue(saved.get(0).endsWith("layer relu 3->2 as h"), saved.toString());
        try (TerminalDriver t = repl()) {
            t.enter(TerminalDriver.CTRL_R + "layer"); // Ctrl-R searches the history; Enter runs what it found
            t.await("layer 0 (h)");
            // Up: the layer just run again; Up once more: the pasted block, all three lines of it
            t.enter(TerminalDriver.UP + TerminalDriver.UP);
            String screen = t.awaitPrompt();
            assertTrue(screen.contains("W0 = [[1, 2, 3],\n      [4, 5, 6]]"), screen);
        }
    }

    @Test
    void ctrlCClearsTheLineBeingTyped() throws Exception {
        try (TerminalDriver t = repl()) {
            t.awaitPrompt();
            t.type("layer relu 3->2");
            t.await("nn> layer relu 3->2");
            t.type(TerminalDriver.CTRL_C);
            t.expectNewPrompt();
            t.enter("show net");
            String screen = t.await("no layers yet");
            assertEquals(0, t.session.state().net.depth(), "the cleared line did not run: " + screen);
            assertTrue(t.running());
        }
    }

    @Test
    void ctrlCInterruptsARunningScriptAndLeavesTheSessionAsBefore() throws Exception {
        StringBuilder script = new StringBuilder("layer relu 3->2\nhelp trace\n");
        for (int i = 0; i < 20_000; i++) script.append("x = [1, 2, 3]\n");
        Files.writeString(dir.resolve("long.nn"), script);
        try (TerminalDriver t = repl()) {
            t.enter("run \"" + dir.resolve("long.nn") + "\"");
            t.await("example: trace on"); // the script is running
            t.type(TerminalDriver.CTRL_C);
            String screen = t.await("the session is as before run");
            assertTrue(screen.contains("interrupted (Ctrl-C)"), screen);
            assertEquals(0, t.session.state().net.depth(), "run is undone as a whole");
            t.enter("show net");
            t.await("no layers yet");
        }
    }

    @Test
    void ctrlDOnAnEmptyLineLeaves() throws Exception {
        TerminalDriver t = repl();
        t.enter("layer relu 3->2");
        t.awaitPrompt();
        t.type(TerminalDriver.CTRL_D);
        assertEquals(0, t.awaitExit());
        t.close();
    }

    @Test
    void exitAndQuitLeave() throws Exception {
        for (String word : List.of("exit", "quit")) {
            TerminalDriver t = repl();
            t.enter(word);
            assertEquals(0, t.awaitExit());
            t.close();
        }
    }

    @Test
    void theEndOfInputLeavesCleanly() throws Exception {
        TerminalDriver t = repl();
        t.enter("layer relu 3->2 as h");
        t.close();
        assertFalse(t.running());
    }

    @Test
    void colourOnlyWhenTheStyleHasIt() throws Exception {
        try (TerminalDriver plain = new TerminalDriver(new Session(), Style.PLAIN, null, dir);
             TerminalDriver coloured = new TerminalDriver(new Session(), new Style(true, true), null, dir)) {
            for (TerminalDriver t : List.of(plain, coloured)) {
                t.enter("forward # a comment");
                t.await("error");
            }
            assertFalse(plain.raw().contains("\u001b[31m") || plain.raw().contains(";31m"), "no red without colour");
            assertTrue(coloured.raw().contains("31m"), "errors are red with colour");
        }
    }
}
