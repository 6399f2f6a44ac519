package nn.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nn.lang.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session under a sandbox policy writes no file and reads only inside its folder; the rest of the script runs. */
class SandboxTest {
    @TempDir Path dir;

    private List<String> run(Session s, String text) {
        List<String> problems = new ArrayList<>();
        s.run(new Source(dir.resolve("inside/sub.nn").toString(), text), o -> {
            if (o instanceof Output.Problem p) problems.add(p.diagnostic().message());
        }, Session.Mode.KEEP_GOING);
        return problems;
    }

    @Test
    void writesAreRefusedAndReadsStayInTheFolder() throws Exception {
        Path inside = Files.createDirectories(dir.resolve("inside"));
        Files.writeString(inside.resolve("net.nn"), "layer relu 3->2\n");
        Files.writeString(inside.resolve("d.csv"), "a,b,y\n1,2,0\n3,4,1\n");
        Files.writeString(dir.resolve("secret.nn"), "layer relu 9->9\n");
        Files.createSymbolicLink(inside.resolve("link.nn"), dir.resolve("secret.nn"));
        Session s = new Session();
        s.files(FilePolicy.sandbox(inside, "while a submission is graded"));
        List<String> p = run(s, String.join("\n",
                "run \"net.nn\"", "data d = csv \"d.csv\"", "input [1, 2, 3]", "target [0, 1]", "forward",
                "save \"" + dir.resolve("out.nn") + "\"", "export markdown \"ex.md\"", "draw \"n.svg\"", "train epochs=2 lr=0.1", "plot loss \"l.svg\"",
                "run \"../secret.nn\"", "run \"link.nn\"", "data e = csv \"" + dir.resolve("secret.nn") + "\"", "backward"));
        assertEquals(7, p.size(), p.toString());
        for (int i = 0; i < 4; i++) assertTrue(p.get(i).startsWith("files cannot be written while a submission is graded"), p.get(i));
        for (int i = 4; i < 7; i++) assertTrue(p.get(i).contains("only files in inside/ can be read"), p.get(i));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("inside", "secret.nn"), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        try (var files = Files.list(inside)) {
            assertEquals(3, files.count()); // net.nn, d.csv, link.nn: nothing added
        }
        assertTrue(s.state().grads != null, "the statements after the refused ones ran");
        assertFalse(s.files().writesAllowed());
    }

    @Test
    void theDefaultPolicyIsOpenAndOtherSessionsAreNotSandboxed() throws Exception {
        Session sandboxed = new Session();
        sandboxed.files(FilePolicy.sandbox(dir, "while graded"));
        Session open = new Session();
        assertTrue(open.files().writesAllowed());
        List<String> p = new ArrayList<>();
        open.run(new Source("-e", "layer relu 3->2\nsave \"" + dir.resolve("net.nn") + "\""), o -> {
            if (o instanceof Output.Problem x) p.add(x.diagnostic().message());
        }, Session.Mode.SCRIPT);
        assertEquals(List.of(), p);
        assertTrue(Files.exists(dir.resolve("net.nn")));
    }
}
