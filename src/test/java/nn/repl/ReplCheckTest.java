package nn.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pasting a worked solution's equations at the prompt checks them (issue 14), through JLine as a user pastes. */
class ReplCheckTest {
    @TempDir Path dir;

    @Test
    void pastedEquationsOfTheReferenceAreCheckedAndTheirSlipNamed() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/check/reference.txt"));
        String block = String.join("\n", lines.subList(10, 70)); // the network, the data, the forward pass, (12), (13)
        try (TerminalDriver t = new TerminalDriver(dir.resolve("history"), dir)) {
            t.awaitPrompt();
            t.paste(block);
            t.type("\r");
            String screen = t.await("checked ");
            screen = t.awaitPrompt();
            assertTrue(screen.contains("(7)  ✓ h_pre = [0.29, -0.34]"), screen);
            assertTrue(screen.contains("(13)  ✓ ∂E/∂o = 0.526"), screen);
            assertTrue(screen.contains("compute with 0.7"), screen);
            assertEquals(1, t.session.failedExpects(), screen);
            t.enter("show w100");
            screen = t.await("w100 = 0.7"); // the session keeps the network as checked
            assertTrue(screen.contains("w100 = 0.7"), screen);
        }
    }
}
