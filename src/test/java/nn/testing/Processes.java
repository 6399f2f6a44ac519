package nn.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged nn as users start it: a command with its environment, standard input from /dev/null. */
public final class Processes {
    private Processes() { }

    /** How a process ended: its exit code and everything it printed. */
    public record Result(int code, String out, String err) {
        /** No Java stack trace or exception name anywhere in the output. */
        public boolean clean() { return !(out + err).contains("\tat ") && !(out + err).contains("Exception"); }

        @Override public String toString() { return "exit " + code + "\n--- out:\n" + out + "\n--- err:\n" + err; }
    }

    /** The jar `mvn package` made, as failsafe names it (system property nn.jar). */
    public static Path jar() {
        String jar = System.getProperty("nn.jar");
        assertTrue(jar != null && new File(jar).isFile(), "system property nn.jar must name the packaged jar: " + jar);
        return Path.of(jar).toAbsolutePath();
    }

    /** The java running the tests. */
    public static String java() { return Path.of(System.getProperty("java.home"), "bin", "java").toString(); }

    /**
     * Runs {@code command} in {@code workDir} with {@code env} added to this environment (JAVA_OPTS removed first),
     * its output kept in files under {@code scratch}; fails the test if it has not ended after 60 seconds.
     */
    public static Result run(List<String> command, Map<String, String> env, Path workDir, Path scratch) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("JAVA_OPTS");
        pb.environment().putAll(env);
        pb.directory(workDir.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Path out = scratch.resolve("out.txt");
        Path err = scratch.resolve("err.txt");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "nn did not exit: " + command);
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
