package nn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether standard input was closed when nn started ({@code nn <&-}). The JVM then opens its own files first and one
 * of them (lib/modules, the jar) lands on descriptor 0, so System.in would read the JDK as a script. Linux shows
 * what descriptor 0 is in /proc; elsewhere this cannot be told and input is read as usual.
 */
final class StandardInput {
    private StandardInput() { }

    static boolean closed() {
        Path fd0 = Path.of("/proc/self/fd/0");
        if (!Files.isSymbolicLink(fd0)) return false;
        try {
            Path target = Files.readSymbolicLink(fd0);
            if (!target.isAbsolute() || !Files.isRegularFile(target)) return false;
            Path real = target.toRealPath();
            Path javaHome = Path.of(System.getProperty("java.home")).toRealPath();
            if (real.startsWith(javaHome)) return true;
            String classPath = System.getProperty("java.class.path", "");
            return !classPath.isEmpty() && Files.exists(Path.of(classPath)) && Files.isSameFile(real, Path.of(classPath));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
