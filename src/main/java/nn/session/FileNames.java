package nn.session;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * File names for completion inside quotes: {@code run "sam} → {@code "samples/}, then {@code "samples/seed.nn"}.
 * Folders are offered without the closing quote so that Tab can go on into them.
 */
public final class FileNames {
    private FileNames() { }

    /** At most this many names are listed: a folder of thousands of files is not a menu. */
    static final int LIMIT = 500;

    /**
     * Completions of {@code word} (with or without its opening quote) relative to {@code base}: folders and the
     * files ending in {@code extension} (every file when null). Values keep the quote the user typed, or open one after an empty word.
     */
    public static List<CompletionTable.Suggestion> complete(String word, String extension, Path base) {
        if (!word.isEmpty() && word.charAt(0) != '"' && word.charAt(0) != '\'') return List.of(); // file names are quoted
        char quote = word.isEmpty() ? '"' : word.charAt(0);
        String typed = word.isEmpty() ? "" : word.substring(1);
        if (typed.indexOf(quote) >= 0) return List.of(); // the quote is already closed
        int slash = typed.lastIndexOf('/');
        String dirPart = slash >= 0 ? typed.substring(0, slash + 1) : "";
        String namePart = typed.substring(slash + 1);
        Path dir;
        if (dirPart.startsWith("~/")) {
            dir = Path.of(System.getProperty("user.home"), dirPart.substring(2));
        } else {
            Path p = Path.of(dirPart.isEmpty() ? "." : dirPart);
            dir = p.isAbsolute() ? p : base.resolve(p);
        }
        List<CompletionTable.Suggestion> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (!name.startsWith(namePart)) continue;
                if (name.startsWith(".") && !namePart.startsWith(".")) continue;
                boolean folder = Files.isDirectory(e);
                if (!folder && extension != null && !name.endsWith(extension)) continue;
                String value = quote + dirPart + name + (folder ? "/" : String.valueOf(quote));
                out.add(new CompletionTable.Suggestion(value, name + (folder ? "/" : ""), "files", null, !folder));
                if (out.size() >= LIMIT) break;
            }
        } catch (IOException | SecurityException e) {
            return out; // an unreadable folder offers nothing
        }
        return out;
    }
}
