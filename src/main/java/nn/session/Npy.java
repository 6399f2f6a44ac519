package nn.session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * NumPy's .npy format (version 1.0 written; 1.0, 2.0 and 3.0 read) and .npz (a zip of .npy files, as np.savez writes
 * it), for arrays of up to two dimensions. Written: little-endian float64 ('&lt;f8'), C order, so the doubles go out
 * and come back bit for bit. Read: float64 or float32 of either byte order, C or Fortran order; anything else (other
 * dtypes, more dimensions, a shape the bytes do not hold, a damaged zip) is refused with a message, and nothing is
 * allocated before the file is known to hold what its header says.
 */
final class Npy {
    private Npy() { }

    /** Arrays larger than this are refused (the largest network nn builds is far smaller). */
    static final long MAX_ELEMENTS = 1L << 27;

    /** An array: its shape (0 to 2 dimensions) and its numbers in C (row-major) order. */
    record Array(int[] shape, double[] data) {
        String describe() {
            return switch (shape.length) {
                case 0 -> "a single number";
                case 1 -> "a vector of " + shape[0];
                default -> "a " + shape[0] + "×" + shape[1] + " matrix";
            };
        }

        String shapeText() {
            if (shape.length == 0) return "()";
            if (shape.length == 1) return "(" + shape[0] + ",)";
            return "(" + shape[0] + ", " + shape[1] + ")";
        }
    }

    /** A file nn cannot read as an array: the reason, for the user. */
    static final class BadFile extends Exception {
        BadFile(String message) { super(message); }
    }

    static byte[] write(Array a) {
        StringBuilder shape = new StringBuilder("(");
        for (int i = 0; i < a.shape.length; i++) shape.append(i > 0 ? ", " : "").append(a.shape[i]);
        if (a.shape.length == 1) shape.append(',');
        shape.append(')');
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 8 * a.data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.US_ASCII));
        for (double d : a.data) b.putDouble(d);
        return b.array();
    }

    /** A .npz: a zip of NAME.npy entries, in the order given. */
    static byte[] writeZip(Map<String, Array> arrays) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (var e : arrays.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                z.write(write(e.getValue()));
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // in memory: cannot happen
        }
        return out.toByteArray();
    }

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    static Array read(byte[] f) throws BadFile {
        if (f.length < 10 || (f[0] & 0xff) != 0x93 || !new String(f, 1, 5, StandardCharsets.ISO_8859_1).equals("NUMPY")) {
            throw new BadFile("it is not a .npy file (it does not start with NumPy's \\x93NUMPY)");
        }
        int major = f[6] & 0xff;
        ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        long hlen;
        int start;
        if (major == 1) {
            hlen = b.getShort(8) & 0xffff;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (f.length < 12) throw new BadFile("its header is cut off");
            hlen = b.getInt(8) & 0xffffffffL;
            start = 12;
        } else {
            throw new BadFile("it is .npy format version " + major + ", which nn does not know (1, 2 and 3 it reads)");
        }
        if (start + hlen > f.length) throw new BadFile("its header is cut off");
        String header = new String(f, start, (int) hlen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header), fo = FORTRAN.matcher(header), sh = SHAPE.matcher(header);
        if (!d.find() || !fo.find() || !sh.find()) throw new BadFile("its header is not NumPy's {'descr': ..., 'fortran_order': ..., 'shape': (...)}");
        String descr = d.group(1);
        ByteOrder order;
        int size;
        switch (descr) {
            case "<f8" -> { order = ByteOrder.LITTLE_ENDIAN; size = 8; }
            case ">f8" -> { order = ByteOrder.BIG_ENDIAN; size = 8; }
            case "<f4" -> { order = ByteOrder.LITTLE_ENDIAN; size = 4; }
            case ">f4" -> { order = ByteOrder.BIG_ENDIAN; size = 4; }
            default -> throw new BadFile("it holds " + dtype(descr) + " numbers; nn reads float64 (and float32): convert it with a.astype(np.float64)");
        }
        boolean fortran = fo.group(1).equals("True");
        List<Integer> dims = new ArrayList<>();
        long n = 1;
        for (String part : sh.group(1).split(",")) {
            String p = part.strip();
            if (p.isEmpty()) continue;
            long v;
            try {
                v = Long.parseLong(p.endsWith("L") ? p.substring(0, p.length() - 1) : p);
            } catch (NumberFormatException e) {
                throw new BadFile("its shape (" + sh.group(1) + ") is not a list of whole numbers");
            }
            if (v < 0) throw new BadFile("its shape (" + sh.group(1) + ") has a negative size");
            if (v > MAX_ELEMENTS) throw new BadFile("its shape (" + sh.group(1) + ") is far larger than any network nn holds");
            n *= v;
            if (n > MAX_ELEMENTS) throw new BadFile("its shape (" + sh.group(1) + ") is far larger than any network nn holds");
            dims.add((int) v);
        }
        if (dims.size() > 2) throw new BadFile("it is a " + dims.size() + "-dimensional array; nn's parameters have at most 2 dimensions");
        long dataStart = start + hlen;
        long need = n * size;
        if (f.length - dataStart < need) throw new BadFile("its header promises " + n + " numbers (shape (" + sh.group(1) + ")) but the file holds only " + (f.length - dataStart) / size);
        ByteBuffer data = ByteBuffer.wrap(f, (int) dataStart, (int) need).order(order);
        double[] raw = new double[(int) n];
        for (int i = 0; i < n; i++) raw[i] = size == 8 ? data.getDouble() : data.getFloat();
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        if (fortran && shape.length == 2) { // column by column: into rows
            int r = shape[0], c = shape[1];
            double[] out = new double[raw.length];
            for (int j = 0; j < c; j++) for (int i = 0; i < r; i++) out[i * c + j] = raw[j * r + i];
            raw = out;
        }
        return new Array(shape, raw);
    }

    private static String dtype(String descr) {
        String kind = descr.length() > 1 ? descr.substring(1) : descr;
        return switch (kind) {
            case "i8" -> "int64";
            case "i4" -> "int32";
            case "f2" -> "float16";
            case "f16", "g" -> "long double";
            case "b1" -> "boolean";
            case "O" -> "Python object";
            default -> kind.startsWith("c") ? "complex" : kind.startsWith("U") || kind.startsWith("S") ? "text" : "'" + descr + "'";
        };
    }

    /** The arrays of a .npz, by name (".npy" dropped), each entry read with a bound so that no zip can swell past it. */
    static Map<String, Array> readZip(InputStream in, long maxBytes) throws BadFile {
        Map<String, Array> out = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(in)) {
            ZipEntry e;
            boolean any = false;
            while ((e = z.getNextEntry()) != null) {
                any = true;
                String name = e.getName();
                if (e.isDirectory()) continue;
                if (!name.endsWith(".npy")) throw new BadFile("it holds " + name + ", which is not a .npy array");
                byte[] bytes = bounded(z, maxBytes, name);
                String key = name.substring(0, name.length() - 4);
                if (out.containsKey(key)) throw new BadFile("it holds " + key + " twice");
                try {
                    out.put(key, read(bytes));
                } catch (BadFile b) {
                    throw new BadFile(name + " in it: " + b.getMessage());
                }
            }
            if (!any) throw new BadFile("it is not a .npz file (a zip of .npy arrays, as np.savez writes)");
        } catch (java.util.zip.ZipException ex) {
            throw new BadFile("it is not a valid .npz file (a zip of .npy arrays): " + ex.getMessage());
        } catch (IOException ex) {
            throw new BadFile("it cannot be read: " + ex.getMessage());
        }
        return out;
    }

    private static byte[] bounded(InputStream in, long max, String name) throws IOException, BadFile {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        long total = 0;
        int r;
        while ((r = in.read(buf)) > 0) {
            total += r;
            if (total > max) throw new BadFile(name + " in it unpacks to more than " + max + " bytes, more than this network's parameters could need");
            out.write(buf, 0, r);
        }
        return out.toByteArray();
    }
}
