package nn.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import nn.lang.Diagnostic;
import nn.lang.NnError;
import nn.lang.Pos;
import nn.lang.Source;

/** Reading script and data files, with one clear message for each way that can fail. */
public final class SourceFiles {
    private SourceFiles() { }

    /** Files larger than this are refused: no .nn script or course data set comes near it. */
    public static final long MAX_BYTES = 256L << 20;

    public static Source read(Path file, Pos at) {
        return new Source(file.toString(), text(file, at));
    }

    /** The file's text, decoded strictly as UTF-8 (a BOM is dropped). */
    public static String text(Path file, Pos at) {
        FilePolicy.current().checkRead(file, at);
        if (Files.isDirectory(file)) throw io(at, (file.toString().isEmpty() ? "." : file) + " is a folder, not a file", null);
        // a device or FIFO is not a script: /dev/zero never ends, a FIFO with no writer blocks for ever
        if (Files.exists(file) && !Files.isRegularFile(file)) throw io(at, "cannot read " + file + ": it is " + kind(file) + ", not a regular file", null);
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) throw io(at, file + " is too large (" + Format.bytes(Files.size(file)) + "; nn reads files up to " + Format.bytes(MAX_BYTES) + ")", null);
            bytes = readCapped(file, at);
        } catch (NoSuchFileException e) {
            throw io(at, "no such file: " + file, missingHint(file));
        } catch (AccessDeniedException e) {
            throw io(at, "cannot read " + file + ": permission denied", null);
        } catch (IOException e) {
            throw io(at, "cannot read " + file + ": " + e.getMessage(), null);
        }
        return decode(bytes, file.toString(), at);
    }

    /** Bytes read from {@code name} as text: strictly UTF-8, a BOM dropped; binary (a NUL in the first 8000) refused. */
    public static String decode(byte[] bytes, String name, Pos at) {
        String file = name;
        for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
            if (bytes[i] == 0) throw io(at, file + " is a binary file, not text", null);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw io(at, file + " is not valid UTF-8 text", "save it as UTF-8 (most editors offer this under 'Save as')");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** At most MAX_BYTES, however much the file grows while it is read. */
    private static byte[] readCapped(Path file, Pos at) throws IOException {
        try (var in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes((int) MAX_BYTES + 1);
            if (b.length > MAX_BYTES) throw io(at, file + " is too large (nn reads files up to " + Format.bytes(MAX_BYTES) + ")", null);
            return b;
        }
    }

    /** What a file that is not a regular file is, in words. */
    static String kind(Path p) {
        try {
            var a = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            if (a.isSymbolicLink()) return "a symbolic link";
            if (a.isDirectory()) return "a folder";
            if (a.isOther()) {
                try {
                    Object mode = Files.getAttribute(p, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
                    int type = ((Integer) mode) & 0170000;
                    return switch (type) {
                        case 0010000 -> "a FIFO (named pipe)";
                        case 0020000 -> "a character device";
                        case 0060000 -> "a block device";
                        case 0140000 -> "a socket";
                        default -> "a special file";
                    };
                } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
                    return "a special file (a device, FIFO or socket)";
                }
            }
        } catch (IOException e) {
            // falls through
        }
        return "a special file (a device, FIFO or socket)";
    }

    private static String missingHint(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) return null;
        try (var s = Files.list(dir)) {
            var names = s.map(p -> p.getFileName().toString()).toList();
            return nn.lang.Suggest.hint(file.getFileName().toString(), names);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The file a statement at {@code at} names: relative to the folder of the script it is in (so a script runs the
     * same from any directory), to the working directory at the prompt, in -e and on standard input.
     */
    static Path named(nn.lang.Str name, Pos at) {
        Path base = at.origin().isEmpty() || at.origin().startsWith("<") || at.origin().equals("-e")
                ? Path.of("") : Path.of(at.origin()).toAbsolutePath().getParent();
        try {
            return (base == null ? Path.of(name.text()) : base.resolve(name.text())).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw io(name.pos(), "not a valid file name: " + e.getReason(), null);
        }
    }

    public static NnError io(Pos at, String message, String hint) {
        return new NnError(new Diagnostic(Diagnostic.Kind.IO, at, message, hint));
    }
}
