package nn.session;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import nn.lang.Pos;

/**
 * Writing files atomically: the bytes go to a temporary file beside the target, which is then renamed over it, so
 * a reader (or a crash) never sees half a file and a failed write leaves the old file as it was.
 */
final class OutputFiles {
    private OutputFiles() { }

    /** Relative names are taken from the working directory (where the user runs nn). */
    static Path resolve(String name, Pos at) {
        try {
            return Path.of(name).toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw SourceFiles.io(at, "'" + name + "' is not a valid file name here: " + e.getReason(), null);
        }
    }

    /** The new file gets the old one's permissions, or rw-r--r-- (temporary files start private). */
    private static void permissions(Path tmp, Path target) throws IOException {
        if (!Files.getFileStore(tmp).supportsFileAttributeView("posix")) return;
        var perms = Files.exists(target) ? Files.getPosixFilePermissions(target) : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, perms);
    }

    static void write(Path target, byte[] bytes, Pos at) {
        FilePolicy.current().checkWrite(target, at);
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) throw SourceFiles.io(at, "cannot write " + target + ": the folder " + dir + " does not exist", null);
        if (Files.isDirectory(target)) throw SourceFiles.io(at, "cannot write " + target + ": it is a folder", null);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            Files.write(tmp, bytes);
            permissions(tmp, target);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (AccessDeniedException e) {
            throw SourceFiles.io(at, "cannot write " + target + ": permission denied", null);
        } catch (IOException e) {
            throw SourceFiles.io(at, "cannot write " + target + ": " + e.getMessage(), null);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file could not be removed either; the error above is what matters
                }
            }
        }
    }
}
