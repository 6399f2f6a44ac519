package nn.kernel;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code nn kernel ...}: installs the kernelspec, or runs the Jupyter kernel on a connection file. The only entry
 * into nn.kernel: nn.cli.Main calls it for the {@code kernel} subcommand, so that no class of the kernel (nor of
 * ZeroMQ or JSON) is loaded by scripts or the REPL.
 */
public final class KernelMain {
    private KernelMain() { }

    static final String USAGE = """
            usage: nn kernel install [--user] [--prefix DIR]
                   nn kernel -f CONNECTION_FILE
              install    writes the kernelspec (kernels/nn/kernel.json) so that Jupyter offers nn:
                         --user  into your Jupyter data folder ($JUPYTER_DATA_DIR, else ~/.local/share/jupyter)
                         --prefix DIR  into DIR/share/jupyter (a virtual environment: --prefix "$VIRTUAL_ENV")
                         neither: into /usr/local/share/jupyter, for everyone
              -f FILE    runs the kernel on the connection file Jupyter wrote (Jupyter does this itself)
            more: docs/jupyter.md""";

    /** Exit codes beyond nn's own: the kernelspec cannot be written (sysexits' EX_CANTCREAT). */
    static final int CANNOT_CREATE = 73;

    /** Runs {@code nn kernel ARGS}; returns the exit code (the kernel returns when Jupyter shuts it down). */
    public static int run(String[] args, PrintStream out, PrintStream err) { return run(args, out, err, null); }

    /** As {@link #run(String[], PrintStream, PrintStream)}; {@code viewers} makes the live view `view` starts (null: none). */
    public static int run(String[] args, PrintStream out, PrintStream err, java.util.function.Function<nn.session.Session, nn.session.Viewer> viewers) {
        if (args.length == 0) {
            err.println(USAGE);
            return 64;
        }
        switch (args[0]) {
            case "--help", "-h", "help" -> {
                out.println(USAGE);
                return 0;
            }
            case "install" -> {
                return install(args, out, err);
            }
            case "-f", "--connection-file" -> {
                if (args.length != 2) return usage(err, "kernel -f needs one connection file");
                return serve(Path.of(args[1]), err, viewers);
            }
            default -> {
                if (args[0].startsWith("--connection-file=") || args[0].startsWith("-f=")) {
                    return serve(Path.of(args[0].substring(args[0].indexOf('=') + 1)), err, viewers);
                }
                return usage(err, "unknown kernel command '" + args[0] + "'");
            }
        }
    }

    private static int usage(PrintStream err, String message) {
        err.println("nn: " + message);
        err.println(USAGE);
        return 64;
    }

    private static int install(String[] args, PrintStream out, PrintStream err) {
        boolean user = false;
        String prefix = null;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--user" -> user = true;
                case "--sys-prefix" -> { } // the default
                case "--prefix" -> {
                    if (i + 1 >= args.length) return usage(err, "--prefix needs a folder");
                    prefix = args[++i];
                }
                default -> {
                    if (args[i].startsWith("--prefix=")) prefix = args[i].substring("--prefix=".length());
                    else return usage(err, "unknown install option '" + args[i] + "'");
                }
            }
        }
        if (user && prefix != null) return usage(err, "give --user or --prefix, not both");
        Path folder = KernelSpec.folder(user, prefix, System.getenv());
        try {
            KernelSpec.write(folder, KernelSpec.argv());
        } catch (AccessDeniedException e) {
            err.println("nn: cannot write " + folder + ": permission denied; install for yourself with `nn kernel install --user`");
            return CANNOT_CREATE;
        } catch (IOException e) {
            err.println("nn: cannot write " + folder + ": " + e.getMessage());
            return CANNOT_CREATE;
        }
        out.println("installed the nn kernel in " + folder);
        out.println("start Jupyter (jupyter lab, jupyter notebook) and choose the kernel \"nn\"");
        return 0;
    }

    private static int serve(Path file, PrintStream err, java.util.function.Function<nn.session.Session, nn.session.Viewer> viewers) {
        if (!Files.isReadable(file)) {
            err.println("nn: cannot read the connection file " + file);
            return 66;
        }
        Connection c;
        try {
            c = Connection.read(file);
        } catch (IOException e) {
            err.println("nn: cannot read the connection file " + file + ": " + e.getMessage());
            return 66;
        } catch (IllegalArgumentException e) {
            err.println("nn: " + e.getMessage());
            return 64;
        }
        try {
            SessionEngine engine = new SessionEngine();
            if (viewers != null) engine.session().viewers(viewers);
            new Kernel(c, engine, err).serve();
        } catch (IllegalStateException | org.zeromq.ZMQException e) {
            err.println("nn kernel: " + e.getMessage());
            return 1;
        }
        return 0;
    }
}
