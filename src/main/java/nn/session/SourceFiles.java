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
        if (Files.isDirectory(file)) throw io(at, file + " is a folder, not a file", null);
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) throw io(at, file + " is too large (" + Files.size(file) + " bytes)", null);
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw io(at, "no such file: " + file, missingHint(file));
        } catch (AccessDeniedException e) {
            throw io(at, "cannot read " + file + ": permission denied", null);
        } catch (IOException e) {
            throw io(at, "cannot read " + file + ": " + e.getMessage(), null);
        }
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

    public static NnError io(Pos at, String message, String hint) {
        return new NnError(new Diagnostic(Diagnostic.Kind.IO, at, message, hint));
    }
}
