package nn.robust;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nn.session.State;

/**
 * A digest of everything a {@link State} holds, reached by reflection so that fields added by later features
 * (datasets, optimizer moments in {@code extra}) are covered without this class knowing them. Doubles are hashed by
 * their bits, so "bit-identical" means exactly that; shared objects and cycles are hashed once and then by reference
 * number, so aliasing is part of the fingerprint too.
 */
public final class Fingerprint {
    private Fingerprint() { }

    /** One digest per top-level field of the state: a mismatch names the field that changed. */
    public static Map<String, String> of(State s) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Field f : fields(State.class)) {
            Walker w = new Walker();
            w.walk(get(f, s));
            out.put(f.getName(), w.digest());
        }
        return out;
    }

    /** The fields whose digests differ, e.g. [net, pass]. */
    public static List<String> changed(Map<String, String> before, Map<String, String> after) {
        List<String> out = new ArrayList<>();
        for (String k : before.keySet()) if (!before.get(k).equals(after.get(k))) out.add(k);
        for (String k : after.keySet()) if (!before.containsKey(k)) out.add(k);
        return out;
    }

    private static List<Field> fields(Class<?> c) {
        List<Field> out = new ArrayList<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) continue;
                out.add(f);
            }
        }
        return out;
    }

    private static Object get(Field f, Object o) {
        try {
            f.setAccessible(true);
            return f.get(o);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "<unreadable " + f.getName() + ">";
        }
    }

    private static final class Walker {
        private final MessageDigest md;
        private final IdentityHashMap<Object, Integer> seen = new IdentityHashMap<>();

        Walker() {
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        String digest() { return HexFormat.of().formatHex(md.digest()); }

        private void text(String s) {
            md.update(s.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
        }

        private void number(long v) {
            for (int i = 0; i < 8; i++) md.update((byte) (v >>> (8 * i)));
        }

        void walk(Object o) {
            if (o == null) {
                text("null");
                return;
            }
            Class<?> c = o.getClass();
            if (o instanceof Double d) { text("D"); number(Double.doubleToRawLongBits(d)); return; }
            if (o instanceof Float f) { text("F"); number(Float.floatToRawIntBits(f)); return; }
            if (o instanceof Number || o instanceof Boolean || o instanceof Character || o instanceof String) {
                text(c.getSimpleName() + ":" + o);
                return;
            }
            if (o instanceof Enum<?> e) { text("E" + e.getDeclaringClass().getName() + "." + e.name()); return; }
            Integer ref = seen.get(o);
            if (ref != null) { text("@" + ref); return; }
            seen.put(o, seen.size());
            if (c.isArray()) {
                int n = Array.getLength(o);
                text("[" + c.getComponentType().getName() + "#" + n);
                if (o instanceof double[] a) { for (double v : a) number(Double.doubleToRawLongBits(v)); return; }
                if (o instanceof int[] a) { for (int v : a) number(v); return; }
                if (o instanceof long[] a) { for (long v : a) number(v); return; }
                if (o instanceof boolean[] a) { for (boolean v : a) number(v ? 1 : 0); return; }
                if (o instanceof float[] a) { for (float v : a) number(Float.floatToRawIntBits(v)); return; }
                if (o instanceof byte[] a) { md.update(a); return; }
                for (int i = 0; i < n; i++) walk(Array.get(o, i));
                return;
            }
            if (o instanceof Map<?, ?> m) {
                text("{" + m.size());
                for (Map.Entry<?, ?> e : m.entrySet()) { walk(e.getKey()); walk(e.getValue()); }
                return;
            }
            if (o instanceof Collection<?> col) {
                text("(" + col.size());
                for (Object e : col) walk(e);
                return;
            }
            String name = c.getName();
            if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.")) {
                // a JDK object we do not know (Random, Path, ...): its class and its text
                text(name + ":" + safeToString(o));
                return;
            }
            text("<" + name);
            for (Field f : fields(c)) {
                text(f.getName());
                walk(get(f, o));
            }
        }

        private static String safeToString(Object o) {
            try {
                String s = o.toString();
                // identity hash codes (Random@1b6d3586) say nothing about content
                return s.matches(".*@[0-9a-f]+$") ? o.getClass().getName() : s;
            } catch (RuntimeException e) {
                return o.getClass().getName();
            }
        }
    }
}
