package nn.repl;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/** Where the REPL keeps its history across sessions: {@code $NN_HISTORY}, else {@code ~/.nn_history}. */
final class HistoryFile {
    private HistoryFile() { }

    static final String VARIABLE = "NN_HISTORY";
    static final String NAME = ".nn_history";

    /**
     * The history file for this environment; null when {@code NN_HISTORY} is set empty (keep no history) or there is
     * no home. The home is {@code $HOME}, as for every Unix tool (a test, a sandbox or {@code sudo -H} sets it);
     * only where it is unset the account's home, {@code fallbackHome}.
     */
    static Path path(Map<String, String> env, String fallbackHome) {
        String home = env.get("HOME");
        if (home == null || home.isBlank()) home = fallbackHome;
        String set = env.get(VARIABLE);
        if (set != null) return set.isBlank() ? null : Path.of(set);
        if (home == null || home.isBlank()) return null;
        return Path.of(home, NAME);
    }

    /** Why the history cannot be kept in {@code file}, or null when it can. */
    static String problem(Path file) {
        Path abs = file.toAbsolutePath();
        if (Files.isDirectory(abs)) return abs + " is a folder";
        if (Files.exists(abs)) {
            if (!Files.isReadable(abs) || !Files.isWritable(abs)) return "cannot read and write " + abs;
            return null;
        }
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) return "no folder " + dir;
        if (!Files.isWritable(dir)) return "cannot write in " + dir;
        return null;
    }

    /** Creates the file readable by its owner only (what is typed is nobody else's business); null, or why not. */
    static String create(Path file) {
        try {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file); // not a POSIX file system: its own defaults
            }
            return null;
        } catch (FileAlreadyExistsException e) {
            return null;
        } catch (IOException | SecurityException e) {
            return "cannot create " + file.toAbsolutePath() + " (" + e.getMessage() + ")";
        }
    }
}
