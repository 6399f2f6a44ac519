package nn.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A Jupyter connection file: where the five sockets listen and the key messages are signed with. */
record Connection(String transport, String ip, int shell, int iopub, int stdin, int control, int hb, String key, String scheme) {

    /** Reads {@code file}; throws IllegalArgumentException with a message for the user when it is not usable. */
    static Connection read(Path file) throws IOException {
        Map<String, Object> m;
        try {
            m = Json.object(Files.readString(file, StandardCharsets.UTF_8));
        } catch (Json.BadJson e) {
            throw new IllegalArgumentException(file + " is not a Jupyter connection file: " + e.getMessage());
        }
        return of(m, file.toString());
    }

    static Connection of(Map<String, Object> m, String where) {
        String transport = Json.string(m, "transport", "tcp");
        if (!transport.equals("tcp")) {
            throw new IllegalArgumentException(where + ": transport '" + transport + "' is not supported: nn's kernel listens on tcp only");
        }
        String scheme = Json.string(m, "signature_scheme", Signer.SCHEME);
        String key = Json.string(m, "key", "");
        if (!key.isEmpty() && !scheme.equals(Signer.SCHEME)) {
            throw new IllegalArgumentException(where + ": signature scheme '" + scheme + "' is not supported: nn's kernel signs with " + Signer.SCHEME);
        }
        String[] ports = {"shell_port", "iopub_port", "stdin_port", "control_port", "hb_port"};
        int[] p = new int[ports.length];
        for (int i = 0; i < ports.length; i++) {
            p[i] = Json.integer(m, ports[i], -1);
            if (p[i] < 0 || p[i] > 65535) throw new IllegalArgumentException(where + ": no valid " + ports[i]);
        }
        return new Connection(transport, Json.string(m, "ip", "127.0.0.1"), p[0], p[1], p[2], p[3], p[4], key, scheme);
    }

    /** The address to bind for {@code port} (0: any free port, as ZeroMQ's "*"). */
    String address(int port) {
        String host = ip.contains(":") ? "[" + ip + "]" : ip;
        return transport + "://" + host + ":" + (port == 0 ? "*" : String.valueOf(port));
    }
}
