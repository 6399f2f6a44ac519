package nn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignerTest {
    private static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Test
    void signsWithHmacSha256InLowerCaseHex() {
        // RFC 4231, test case 2
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                new Signer("Jefe").sign(b("what do ya want for nothing?")));
    }

    @Test
    void theFramesAreSignedAsOneStream() {
        Signer s = new Signer("secret");
        assertEquals(s.sign(b("{\"a\":1}{}{}{\"b\":2}")), s.sign(b("{\"a\":1}"), b("{}"), b("{}"), b("{\"b\":2}")));
    }

    @Test
    void verifiesItsOwnSignaturesAndNoOthers() {
        Signer s = new Signer("secret");
        String sig = s.sign(b("h"), b("p"), b("m"), b("c"));
        assertTrue(s.verify(sig, b("h"), b("p"), b("m"), b("c")));
        assertFalse(s.verify(sig, b("h"), b("p"), b("m"), b("C")), "tampered content");
        assertFalse(new Signer("other").verify(sig, b("h"), b("p"), b("m"), b("c")), "another key");
        assertFalse(s.verify("", b("h"), b("p"), b("m"), b("c")), "no signature");
        assertFalse(s.verify(sig.toUpperCase(), b("h"), b("p"), b("m"), b("c")), "hex is compared exactly");
    }

    @Test
    void anEmptyKeyMeansNoSigning() {
        Signer s = new Signer("");
        assertFalse(s.signs());
        assertEquals("", s.sign(b("anything")));
        assertTrue(s.verify("", b("anything")));
    }
}
