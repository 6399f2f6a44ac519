package nn.kernel;

import com.grack.nanojson.JsonObject;
import com.grack.nanojson.JsonParser;
import com.grack.nanojson.JsonParserException;
import com.grack.nanojson.JsonWriter;
import java.util.List;
import java.util.Map;

/**
 * JSON for the kernel's messages, connection files and kernelspecs, through nanojson (the only class that names
 * it): objects are {@code Map<String, Object>} (insertion-ordered), arrays {@code List<Object>}, numbers
 * {@code Number}, and strings, booleans and null as themselves.
 */
final class Json {
    private Json() { }

    /** Thrown for text that is not a JSON object. */
    static final class BadJson extends Exception {
        BadJson(String message) { super(message); }
    }

    /** Parses a JSON object. */
    static Map<String, Object> object(String text) throws BadJson {
        try {
            return JsonParser.object().from(text);
        } catch (JsonParserException e) {
            throw new BadJson(e.getMessage());
        }
    }

    /** Writes maps, lists, strings, numbers, booleans and null as compact JSON. */
    static String write(Object value) { return JsonWriter.string(value); }

    /** Writes an object one key a line, for files people read (kernel.json). */
    static String pretty(Map<String, Object> value) {
        StringBuilder b = new StringBuilder("{");
        String sep = "\n";
        for (Map.Entry<String, Object> e : value.entrySet()) {
            b.append(sep).append("  ").append(write(e.getKey())).append(": ").append(write(e.getValue()));
            sep = ",\n";
        }
        return b.append("\n}").toString();
    }

    /** A new empty object (insertion-ordered). */
    static Map<String, Object> map() { return new JsonObject(); }

    /** An object from alternating keys and values. */
    static Map<String, Object> of(Object... keysAndValues) {
        Map<String, Object> m = new JsonObject();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    /** {@code m[key]} as a map (an empty one when absent or not an object). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> m, String key) {
        return m.get(key) instanceof Map<?, ?> o ? (Map<String, Object>) o : map();
    }

    static String string(Map<String, Object> m, String key, String otherwise) {
        return m.get(key) instanceof String s ? s : otherwise;
    }

    static int integer(Map<String, Object> m, String key, int otherwise) {
        return m.get(key) instanceof Number n ? n.intValue() : otherwise;
    }

    static boolean bool(Map<String, Object> m, String key, boolean otherwise) {
        return m.get(key) instanceof Boolean b ? b : otherwise;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> m, String key) {
        return m.get(key) instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
