package nn.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nn.lang.Pos;

/**
 * What a session's statements may do with files. The default lets them read and write anything the user can; a
 * sandbox (grading an untrusted submission) refuses every write and reads only inside one folder. The file code
 * ({@link OutputFiles#write}, {@link SourceFiles#text}) asks the policy of the statement running on its thread before
 * it touches the disk, so every statement that reads or writes (run, data csv, save, export, draw "f", plot "f") obeys
 * it without knowing of it.
 */
public final class FilePolicy {
    /** Reads and writes anything (scripts, the REPL, the kernel). */
    public static final FilePolicy OPEN = new FilePolicy(false, null, null);

    private final boolean noWrites;
    /** Reads only below this folder (a real path), or anywhere when null. */
    private final Path readRoot;
    /** Why writes are refused, said in the message (e.g. "while a submission is graded"). */
    private final String why;

    private FilePolicy(boolean noWrites, Path readRoot, String why) {
        this.noWrites = noWrites;
        this.readRoot = readRoot;
        this.why = why;
    }

    /**
     * No file written; files read only inside {@code folder} (symbolic links are followed before checking, so a link
     * cannot lead out). {@code why} completes the messages: "files cannot be written " + why.
     */
    public static FilePolicy sandbox(Path folder, String why) {
        Path root;
        try {
            root = folder.toRealPath();
        } catch (IOException | RuntimeException e) {
            root = folder.toAbsolutePath().normalize();
        }
        return new FilePolicy(true, root, why);
    }

    public boolean writesAllowed() { return !noWrites; }

    public Path readRoot() { return readRoot; }

    private static final ThreadLocal<FilePolicy> CURRENT = ThreadLocal.withInitial(() -> OPEN);

    /** The policy of the statement running on this thread (OPEN outside any session). */
    static FilePolicy current() { return CURRENT.get(); }

    /** Makes {@code p} the current policy; returns the one it replaces, for {@link #restore}. */
    static FilePolicy enter(FilePolicy p) {
        FilePolicy before = CURRENT.get();
        CURRENT.set(p);
        return before;
    }

    static void restore(FilePolicy before) { CURRENT.set(before); }

    /** Refuses writing {@code target} unless writes are allowed. */
    void checkWrite(Path target, Pos at) {
        if (noWrites) {
            throw SourceFiles.io(at, "files cannot be written " + why + ": " + target.getFileName() + " was not written",
                    "the rest of the script still runs; remove save, export and the file names of draw and plot");
        }
    }

    /** Refuses reading {@code file} unless it lies inside the read root. */
    void checkRead(Path file, Pos at) {
        if (readRoot == null) return;
        Path real;
        try {
            real = Files.exists(file) ? file.toRealPath() : file.toAbsolutePath().normalize();
        } catch (IOException | RuntimeException e) {
            real = file.toAbsolutePath().normalize();
        }
        if (!real.startsWith(readRoot)) {
            throw SourceFiles.io(at, "cannot read " + file.getFileName() + ": only files in " + readRoot.getFileName() + "/ can be read " + why,
                    "keep the files a script reads beside it");
        }
    }
}
