package nn.kernel;

/**
 * Jupyter counts cursor positions in Unicode code points (protocol 5.2 and later); Java strings in UTF-16 units.
 * They differ only after a character outside the Basic Multilingual Plane (an emoji, 𝑤 from a pasted PDF).
 */
final class Positions {
    private Positions() { }

    /** The UTF-16 index of code point {@code codePoints} in {@code s} (clamped to the string). */
    static int toIndex(String s, int codePoints) {
        int total = s.codePointCount(0, s.length());
        return s.offsetByCodePoints(0, Math.max(0, Math.min(codePoints, total)));
    }

    /** The code point offset of UTF-16 index {@code index} in {@code s}. */
    static int toCodePoints(String s, int index) { return s.codePointCount(0, Math.max(0, Math.min(index, s.length()))); }
}
