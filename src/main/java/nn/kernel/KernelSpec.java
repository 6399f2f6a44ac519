package nn.kernel;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The kernelspec Jupyter finds nn's kernel by: {@code kernels/nn/kernel.json} (how to start it) and a logo, in a
 * Jupyter data folder. The command is this very java running this very jar (or class path), so that the kernel is
 * the nn that installed it.
 */
final class KernelSpec {
    private KernelSpec() { }

    static final String NAME = "nn";

    /** Where {@code kernel install} writes: {@code --prefix DIR}, {@code --user}, or the system-wide folder. */
    static Path folder(boolean user, String prefix, Map<String, String> env) {
        if (prefix != null) return Path.of(prefix).toAbsolutePath().resolve("share/jupyter/kernels").resolve(NAME);
        if (user) return userDataDir(env).resolve("kernels").resolve(NAME);
        return Path.of("/usr/local/share/jupyter/kernels").resolve(NAME);
    }

    /** Jupyter's user data folder: $JUPYTER_DATA_DIR, else $XDG_DATA_HOME/jupyter, else ~/.local/share/jupyter (as jupyter_core). */
    static Path userDataDir(Map<String, String> env) {
        String d = env.get("JUPYTER_DATA_DIR");
        if (d != null && !d.isEmpty()) return Path.of(d).toAbsolutePath();
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isEmpty()) return Path.of(xdg).toAbsolutePath().resolve("jupyter");
        return Path.of(System.getProperty("user.home"), ".local", "share", "jupyter");
    }

    /** The command that starts the kernel: java, then -jar nn.jar (or the class path of a build), then kernel -f. */
    static List<String> argv() {
        List<String> a = new ArrayList<>();
        a.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        a.add("-XX:+UseSerialGC");
        Path jar = jar();
        if (jar != null) {
            a.add("-jar");
            a.add(jar.toString());
        } else {
            a.add("-cp");
            a.add(absoluteClassPath());
            a.add("nn.cli.Main");
        }
        a.addAll(List.of("kernel", "-f", "{connection_file}"));
        return a;
    }

    /** The jar this class was loaded from, or null when it runs from a folder of classes (a build's target/classes). */
    static Path jar() {
        try {
            var src = KernelSpec.class.getProtectionDomain().getCodeSource();
            if (src == null) return null;
            Path p = Path.of(src.getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p.toAbsolutePath() : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static String absoluteClassPath() {
        List<String> parts = new ArrayList<>();
        for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!p.isEmpty()) parts.add(Path.of(p).toAbsolutePath().toString());
        }
        return String.join(File.pathSeparator, parts);
    }

    /** kernel.json's text. */
    static String json(List<String> argv) {
        Map<String, Object> spec = Json.of("argv", argv, "display_name", "nn", "language", "nn",
                // interrupt_request on the control channel: Session.interrupt() stops a long train, keeping its parameters
                "interrupt_mode", "message",
                "env", Json.map(),
                "metadata", Json.of("debugger", false));
        return Json.pretty(spec) + "\n";
    }

    /** A small logo JupyterLab shows in its launcher (logo-svg.svg). */
    static final String LOGO = """
            <svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
              <rect width="64" height="64" rx="10" fill="#2b5f8a"/>
              <g stroke="#ffffff" stroke-width="2" opacity="0.55">
                <line x1="14" y1="18" x2="32" y2="32"/><line x1="14" y1="46" x2="32" y2="32"/>
                <line x1="32" y1="32" x2="50" y2="32"/>
              </g>
              <circle cx="14" cy="18" r="5" fill="#ffffff"/><circle cx="14" cy="46" r="5" fill="#ffffff"/>
              <circle cx="32" cy="32" r="5" fill="#ffffff"/><circle cx="50" cy="32" r="5" fill="#f0b429"/>
            </svg>
            """;

    /** Writes the kernelspec into {@code folder} (made if needed; an older kernel.json there is replaced). */
    static void write(Path folder, List<String> argv) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("kernel.json"), json(argv), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("logo-svg.svg"), LOGO, StandardCharsets.UTF_8);
    }
}
