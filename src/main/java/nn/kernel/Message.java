package nn.kernel;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One message of the Jupyter messaging protocol (5.3) and its wire form: the routing identities, the delimiter
 * {@code <IDS|MSG>}, the HMAC signature, then header, parent header, metadata and content as JSON, then any binary
 * buffers.
 */
record Message(List<byte[]> identities, Map<String, Object> header, Map<String, Object> parent,
               Map<String, Object> metadata, Map<String, Object> content, List<byte[]> buffers) {

    static final String PROTOCOL_VERSION = "5.3";
    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);

    String type() { return Json.string(header, "msg_type", ""); }

    String id() { return Json.string(header, "msg_id", ""); }

    /** A message frames could not be read as: why (a missing delimiter, a bad signature, JSON that is not JSON). */
    static final class Invalid extends Exception {
        Invalid(String message) { super(message); }
    }

    /** A new header for a message this kernel sends in {@code session}. */
    static Map<String, Object> header(String type, String session) {
        return Json.of("msg_id", UUID.randomUUID().toString(), "session", session, "username", "nn", "date", Instant.now().toString(),
                "msg_type", type, "version", PROTOCOL_VERSION);
    }

    /** A reply or broadcast caused by {@code parent} (its header becomes the parent header; identities are kept). */
    static Message of(Message parent, String type, String session, Map<String, Object> content) {
        return new Message(parent == null ? List.of() : parent.identities(), header(type, session),
                parent == null ? Json.map() : parent.header(), Json.map(), content, List.of());
    }

    /** The frames to send, signed by {@code signer}. */
    List<byte[]> frames(Signer signer) {
        byte[] h = utf8(Json.write(header));
        byte[] p = utf8(Json.write(parent));
        byte[] m = utf8(Json.write(metadata));
        byte[] c = utf8(Json.write(content));
        List<byte[]> out = new ArrayList<>(identities);
        out.add(DELIMITER);
        out.add(utf8(signer.sign(h, p, m, c)));
        out.add(h);
        out.add(p);
        out.add(m);
        out.add(c);
        out.addAll(buffers);
        return out;
    }

    /** Reads received frames, checking the signature; throws {@link Invalid} for anything that is not a signed message. */
    static Message parse(List<byte[]> frames, Signer signer) throws Invalid {
        int d = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                d = i;
                break;
            }
        }
        if (d < 0) throw new Invalid("no <IDS|MSG> delimiter");
        if (frames.size() < d + 6) throw new Invalid("fewer than the five frames after the delimiter");
        String signature = new String(frames.get(d + 1), StandardCharsets.US_ASCII);
        byte[] h = frames.get(d + 2);
        byte[] p = frames.get(d + 3);
        byte[] m = frames.get(d + 4);
        byte[] c = frames.get(d + 5);
        if (!signer.verify(signature, h, p, m, c)) throw new Invalid("bad signature");
        try {
            Map<String, Object> header = Json.object(new String(h, StandardCharsets.UTF_8));
            Map<String, Object> parent = Json.object(new String(p, StandardCharsets.UTF_8));
            Map<String, Object> metadata = Json.object(new String(m, StandardCharsets.UTF_8));
            Map<String, Object> content = Json.object(new String(c, StandardCharsets.UTF_8));
            if (!(header.get("msg_type") instanceof String)) throw new Invalid("a header without msg_type");
            return new Message(List.copyOf(frames.subList(0, d)), header, parent, metadata, content, List.copyOf(frames.subList(d + 6, frames.size())));
        } catch (Json.BadJson e) {
            throw new Invalid("not JSON: " + e.getMessage());
        }
    }

    /** The signature frame of received frames ("" when there is none). */
    static String signatureOf(List<byte[]> frames) {
        for (int i = 0; i + 1 < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) return new String(frames.get(i + 1), StandardCharsets.US_ASCII);
        }
        return "";
    }

    private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }
}
