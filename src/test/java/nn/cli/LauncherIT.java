package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nn.testing.Processes;
import nn.testing.Processes.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/nn}, the launcher the README runs: the same output and exit code as {@code java -jar}, the start-up
 * archive for scripts, the REPL's archive when nn will open the REPL, and plain {@code java -jar} when no archive
 * matches the jar.
 */
@Timeout(120)
class LauncherIT {
    private static Path jar() { return Processes.jar(); }

    /** The project folder (failsafe's working directory): bin/ and samples/ are there. */
    private static Path project() { return Path.of("").toAbsolutePath(); }

    private static Result run(List<String> command, Map<String, String> env, Path dir) throws IOException, InterruptedException {
        return Processes.run(command, env, project(), dir);
    }

    private static List<String> launcher(String... args) {
        List<String> c = new java.util.ArrayList<>(List.of("sh", project().resolve("bin/nn").toString()));
        c.addAll(List.of(args));
        return c;
    }

    @Test
    void theLauncherPrintsWhatJavaJarPrints(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("NN_JAR", jar().toString(), "NO_COLOR", "1");
        Result viaLauncher = run(launcher("samples/seed.nn"), env, dir);
        Result plain = run(List.of(Processes.java(), "-jar", jar().toString(), "samples/seed.nn"), env, dir);
        assertEquals(0, viaLauncher.code(), viaLauncher.toString());
        assertEquals(plain.out(), viaLauncher.out());
        assertEquals(plain.err(), viaLauncher.err());
        Result failing = run(launcher("-e", "input [1]; expect x = 2"), env, dir);
        assertEquals(Main.FAILED, failing.code(), failing.toString());
    }

    @Test
    void scriptsUseTheScriptArchiveAndTheReplItsOwn(@TempDir Path dir) throws Exception {
        Path archive = Path.of(jar().toString().replaceFirst("\\.jar$", ".jsa"));
        assertTrue(Files.isRegularFile(archive), "mvn package made no start-up archive with this java");
        // the JVM's own log of which archive it maps (bin/nn passes JAVA_OPTS last, so this turns the log back on)
        Map<String, String> env = Map.of("NN_JAR", jar().toString(), "JAVA_OPTS", "-Xlog:cds=info");
        Result script = run(launcher("-e", "layer relu 2->1"), env, dir);
        assertTrue(script.out().contains("Opened archive " + archive), script.toString());
        Path repl = Path.of(jar().toString().replaceFirst("\\.jar$", "-repl.jsa"));
        assertTrue(Files.isRegularFile(repl), "no REPL archive: util-linux's script was missing at package time");
        Result withRepl = run(launcher("-i", "-e", "layer relu 2->1"), env, dir);
        assertTrue(withRepl.out().contains("Opened archive " + repl), withRepl.toString());
    }

    @Test
    void aJarWithoutItsArchiveStillRuns(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("nn.jar");
        Files.copy(jar(), copy);
        Result r = run(launcher("samples/seed.nn"), Map.of("NN_JAR", copy.toString(), "JAVA_OPTS", "-Xlog:cds=info"), dir);
        assertEquals(0, r.code(), r.toString());
        assertTrue(!r.out().contains("nn.jsa") && !r.out().contains("nn-repl.jsa"), "no archive beside the copy: " + r);
        assertTrue(r.out().contains("✓"), r.toString());
    }
}
