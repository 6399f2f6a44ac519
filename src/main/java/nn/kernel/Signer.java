package nn.kernel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Message signatures: HMAC-SHA256 over the header, parent header, metadata and content frames, in lower-case hex
 * (the connection file's {@code key} and {@code signature_scheme}). An empty key means no signing, as Jupyter has
 * it: messages then carry an empty signature and every signature is accepted.
 */
final class Signer {
    static final String SCHEME = "hmac-sha256";

    private final byte[] key;

    Signer(String key) { this.key = key.getBytes(StandardCharsets.UTF_8); }

    boolean signs() { return key.length > 0; }

    /** The hex signature of these frames ("" without a key). */
    String sign(byte[]... frames) {
        if (!signs()) return "";
        Mac mac;
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no HmacSHA256", e);
        }
        for (byte[] f : frames) mac.update(f);
        return hex(mac.doFinal());
    }

    /** True when {@code signature} is these frames' (compared in constant time); always true without a key. */
    boolean verify(String signature, byte[]... frames) {
        if (!signs()) return true;
        return MessageDigest.isEqual(sign(frames).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
    }

    static String hex(byte[] bytes) {
        char[] digits = "0123456789abcdef".toCharArray();
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = digits[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = digits[bytes[i] & 0xf];
        }
        return new String(out);
    }
}
