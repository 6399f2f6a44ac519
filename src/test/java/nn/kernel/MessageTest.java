package nn.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTest {
    private final Signer signer = new Signer("a-key");

    private static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private static Message request() {
        Map<String, Object> header = Message.header("execute_request", "client-session");
        return new Message(List.of(b("router-id-1"), b("router-id-2")), header, Json.map(), Json.map(),
                Json.of("code", "show W0 ∂", "silent", false, "cursor_pos", 3), List.of(b("buffer")));
    }

    @Test
    void framesAreIdentitiesDelimiterSignatureFourJsonPartsAndBuffers() {
        List<byte[]> f = request().frames(signer);
        assertEquals(2 + 1 + 1 + 4 + 1, f.size());
        assertArrayEquals(b("router-id-1"), f.get(0));
        assertArrayEquals(b("<IDS|MSG>"), f.get(2));
        assertEquals(signer.sign(f.get(4), f.get(5), f.get(6), f.get(7)), new String(f.get(3), StandardCharsets.US_ASCII));
        assertEquals("{}", new String(f.get(5), StandardCharsets.UTF_8), "an empty parent header");
        assertArrayEquals(b("buffer"), f.get(8));
    }

    @Test
    void parsingGivesBackWhatWasSent() throws Exception {
        Message m = Message.parse(request().frames(signer), signer);
        assertEquals("execute_request", m.type());
        assertEquals(2, m.identities().size());
        assertEquals("router-id-2", new String(m.identities().get(1), StandardCharsets.UTF_8));
        assertEquals("show W0 ∂", m.content().get("code"));
        assertEquals(3, Json.integer(m.content(), "cursor_pos", -1));
        assertEquals(Boolean.FALSE, m.content().get("silent"));
        assertEquals("5.3", m.header().get("version"));
        assertEquals(1, m.buffers().size());
    }

    @Test
    void aReplyNamesItsRequestAsParentAndGoesBackToItsSender() throws Exception {
        Message req = Message.parse(request().frames(signer), signer);
        Message reply = Message.of(req, "execute_reply", "kernel-session", Json.of("status", "ok"));
        assertEquals(req.header(), reply.parent());
        assertEquals("kernel-session", reply.header().get("session"));
        assertEquals(req.identities(), reply.identities());
        Message back = Message.parse(reply.frames(signer), signer);
        assertEquals(req.id(), back.parent().get("msg_id"));
    }

    @Test
    void aBadSignatureIsRefused() {
        List<byte[]> f = new ArrayList<>(request().frames(signer));
        f.set(7, b("{\"code\":\"reset\"}")); // the content changed after signing
        Message.Invalid e = assertThrows(Message.Invalid.class, () -> Message.parse(f, signer));
        assertEquals("bad signature", e.getMessage());
        assertThrows(Message.Invalid.class, () -> Message.parse(request().frames(signer), new Signer("another key")));
        assertThrows(Message.Invalid.class, () -> Message.parse(request().frames(new Signer("")), signer), "unsigned");
    }

    @Test
    void framesThatAreNoMessageAreRefused() {
        assertThrows(Message.Invalid.class, () -> Message.parse(List.of(b("id"), b("no delimiter")), signer));
        assertThrows(Message.Invalid.class, () -> Message.parse(List.of(b("<IDS|MSG>"), b(""), b("{}")), signer));
        Signer none = new Signer("");
        assertThrows(Message.Invalid.class, () -> Message.parse(List.of(b("<IDS|MSG>"), b(""), b("not json"), b("{}"), b("{}"), b("{}")), none));
        assertThrows(Message.Invalid.class, () -> Message.parse(List.of(b("<IDS|MSG>"), b(""), b("{}"), b("{}"), b("{}"), b("{}")), none),
                "a header without msg_type");
    }

    @Test
    void positionsAreCodePointsOnTheWire() {
        String s = "x𝑤1 ∂E"; // 𝑤 is two UTF-16 units
        assertEquals(3, Positions.toIndex(s, 2));
        assertEquals(2, Positions.toCodePoints(s, 3));
        assertEquals(s.length(), Positions.toIndex(s, 100));
    }

    @Test
    void connectionFilesAreReadAsJupyterWritesThem() {
        Connection c = Connection.of(Json.of("shell_port", 50001, "iopub_port", 50002, "stdin_port", 50003, "control_port", 50004,
                "hb_port", 50005, "ip", "127.0.0.1", "key", "k", "transport", "tcp", "signature_scheme", "hmac-sha256", "kernel_name", "nn"), "c.json");
        assertEquals("tcp://127.0.0.1:50004", c.address(c.control()));
        assertThrows(IllegalArgumentException.class, () -> Connection.of(Json.of("transport", "ipc"), "c.json"));
        assertThrows(IllegalArgumentException.class, () -> Connection.of(Json.of("key", "k", "signature_scheme", "hmac-md5",
                "shell_port", 1, "iopub_port", 2, "stdin_port", 3, "control_port", 4, "hb_port", 5), "c.json"));
    }
}
