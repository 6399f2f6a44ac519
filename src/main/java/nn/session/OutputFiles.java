package nn.session;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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

    /**
     * Only a regular file the user may write is replaced: not a link (the rename would replace the link, not what it
     * points to), a device, FIFO or socket (as root, save "/dev/null" would replace the system's), a read-only file
     * or a file of another user (the rename would bypass its mode and take it over). Each says why.
     */
    static void refuseToReplace(Path target, Pos at) {
        if (Files.isSymbolicLink(target)) {
            throw SourceFiles.io(at, "cannot write " + target + ": it is a symbolic link, and nn does not replace links",
                    "save to the file it points to, or remove the link first");
        }
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) return;
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw SourceFiles.io(at, "cannot write " + target + ": it is " + SourceFiles.kind(target) + ", not a regular file", "nn writes only regular files; choose another name");
        }
        if (!Files.isWritable(target) || readOnlyMode(target)) {
            throw SourceFiles.io(at, "cannot write " + target + ": it is read-only (permission denied)", "nn does not replace a file you may not write; choose another name");
        }
        try {
            String owner = Files.getOwner(target, LinkOption.NOFOLLOW_LINKS).getName();
            String me = System.getProperty("user.name");
            if (me != null && !owner.equals(me) && !me.equals("root")) {
                throw SourceFiles.io(at, "cannot write " + target + ": it belongs to another user (" + owner + ")", "nn does not replace other users' files; choose another name");
            }
        } catch (IOException | UnsupportedOperationException e) {
            // no owners on this file system: the mode checked above is all there is
        }
    }

    /** Mode without the owner's write bit (444): read-only even for root, who may write anything. */
    private static boolean readOnlyMode(Path target) {
        try {
            return !Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS).contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    static final String TEMP_SUFFIX = ".nn-save.tmp";

    /** A hidden name beside the target, short enough for any file system (names of 255 bytes are the limit). */
    static String tempPrefix(Path target) {
        String name = target.getFileName().toString();
        if (name.length() > 60) name = name.substring(0, 40) + "~" + Integer.toHexString(name.hashCode());
        return "." + name + ".";
    }

    /** Temporary files of this target that a killed save left behind (older than a minute: no save is still writing them). */
    private static void removeStale(Path dir, Path target) {
        String prefix = tempPrefix(target);
        long now = System.currentTimeMillis();
        try (var files = Files.newDirectoryStream(dir, p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(TEMP_SUFFIX);
        })) {
            for (Path p : files) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && now - Files.getLastModifiedTime(p).toMillis() > 60_000) Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            // cleaning up is a courtesy: the save itself goes on
        }
    }

    static void write(Path target, byte[] bytes, Pos at) {
        FilePolicy.current().checkWrite(target, at);
        if (Files.isDirectory(target)) throw SourceFiles.io(at, "cannot write " + target + ": it is a folder", null);
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) throw SourceFiles.io(at, "cannot write " + target + ": the folder " + (dir == null ? target : dir) + " does not exist", null);
        refuseToReplace(target, at);
        removeStale(dir, target);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, tempPrefix(target), TEMP_SUFFIX);
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
