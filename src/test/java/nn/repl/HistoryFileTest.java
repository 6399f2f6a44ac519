package nn.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryFileTest {
    @TempDir Path dir;

    @Test
    void theHomeFileUnlessNnHistorySaysOtherwise() {
        assertEquals(Path.of("/home/ann", ".nn_history"), HistoryFile.path(Map.of(), "/home/ann"));
        assertEquals(Path.of("/tmp/h"), HistoryFile.path(Map.of("NN_HISTORY", "/tmp/h"), "/home/ann"));
        assertNull(HistoryFile.path(Map.of("NN_HISTORY", ""), "/home/ann"), "empty: keep no history");
        assertNull(HistoryFile.path(Map.of(), null));
        assertEquals(Path.of("/tmp/box", ".nn_history"), HistoryFile.path(Map.of("HOME", "/tmp/box"), "/home/ann"), "$HOME decides");
        assertEquals(Path.of("/tmp/h"), HistoryFile.path(Map.of("HOME", "/tmp/box", "NN_HISTORY", "/tmp/h"), "/home/ann"), "NN_HISTORY wins");
        assertEquals(Path.of("/home/ann", ".nn_history"), HistoryFile.path(Map.of("HOME", ""), "/home/ann"), "empty HOME: the account's");
    }

    @Test
    void aNewHistoryFileIsTheOwnersOnly() throws IOException {
        Path h = dir.resolve("new");
        assertNull(HistoryFile.create(h));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(h)));
        assertNull(HistoryFile.create(h), "an existing file is kept");
        assertNotNull(HistoryFile.create(dir.resolve("missing/h")));
    }

    @Test
    void problemsAreFoundBeforeJLineWouldLogThem() throws IOException {
        assertNull(HistoryFile.problem(dir.resolve("h")));
        Files.writeString(dir.resolve("h"), "");
        assertNull(HistoryFile.problem(dir.resolve("h")));
        assertNotNull(HistoryFile.problem(dir.resolve("missing/h")));
        assertNotNull(HistoryFile.problem(dir), "a folder is no history file");
    }
}
