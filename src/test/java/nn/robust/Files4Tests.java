package nn.robust;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The sandbox folder random statements read and write in: scripts that work, fail, run themselves or each other,
 * are empty, binary or not UTF-8; data files good and bad; a folder where a file is expected.
 */
final class Files4Tests implements Gen.Sandbox {
    private final Path dir;

    static final List<String> SCRIPTS = List.of("ok.nn", "fails.nn", "syntax.nn", "self.nn", "a.nn", "b.nn", "c.nn",
            "empty.nn", "binary.nn", "latin1.nn", "folder.nn", "missing.nn", "layers.nn");
    static final List<String> DATA = List.of("xor.csv", "empty.csv", "ragged.csv", "binary.csv", "text.csv", "missing.csv", "folder.nn");

    Files4Tests(Path dir) {
        this.dir = dir;
        try {
            write("ok.nn", "precision 4\ntrace off\n");
            write("fails.nn", "precision 5\nshow nothere\n");
            write("syntax.nn", "precision 6\nlayer relu 3->\n");
            write("self.nn", "precision 7\nrun \"self.nn\"\n");
            write("a.nn", "run \"b.nn\"\n");
            write("b.nn", "run \"c.nn\"\n");
            write("c.nn", "run \"a.nn\"\n");
            write("empty.nn", "");
            write("layers.nn", "reset\nlayer relu 2->2 as h\nlayer sigmoid 2->1\ninput [1, 2]\ntarget [1]\nforward\nbackward\n");
            Files.write(dir.resolve("binary.nn"), new byte[] {0x50, 0x4b, 3, 4, 0, 0, (byte) 0xff, 0x10, 0});
            Files.write(dir.resolve("latin1.nn"), "show caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
            Files.createDirectories(dir.resolve("folder.nn"));
            write("xor.csv", "a,b,label\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n");
            write("empty.csv", "");
            write("ragged.csv", "a,b,label\n0,0\n0,1,1,5\nx,y,z\n");
            Files.write(dir.resolve("binary.csv"), new byte[] {0, 1, 2, (byte) 0xfe});
            write("text.csv", "this is not,a table\n\"unterminated\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Override public Path dir() { return dir; }

    @Override public String script(Random r) { return quote(dir.resolve(SCRIPTS.get(r.nextInt(SCRIPTS.size())))); }

    @Override public String dataFile(Random r) { return quote(dir.resolve(DATA.get(r.nextInt(DATA.size())))); }

    static String quote(Path p) { return "\"" + p + "\""; }
}
