package nn.session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nn.core.Layer;
import nn.core.Network;
import nn.lang.NnError;
import nn.lang.Pos;
import nn.lang.Stmt;

/**
 * Parameters in and out as NumPy files: {@code save "net.npz"} writes W0, b0, W1, … (float64, W{k} out×in, b{k} a
 * vector, a shared bias a single number; a layer without biases has no b{k}); {@code load "net.npz"} reads them back
 * into the network, every shape checked; {@code load "W0.npy"} (or {@code load "kernel.npy" into=W0}) one parameter.
 */
final class NpzFiles {
    private NpzFiles() { }

    static void save(Stmt.Command s, Args a, Context ctx) {
        State st = ctx.state();
        nn.lang.Str file = a.file("FILE");
        if (st.net.isEmpty()) throw new NnError(s.pos(), "there is no network to save", "add layers first");
        Map<String, Npy.Array> arrays = arrays(st.net);
        Path target = OutputFiles.resolve(file.text(), file.pos());
        OutputFiles.write(target, Npy.writeZip(arrays), file.pos());
        ctx.info("saved " + String.join(", ", arrays.keySet()) + " (" + st.net.parameterCount() + " numbers, float64) to " + file.text()
                + "; in Python: p = np.load(\"" + file.text() + "\"); p[\"W0\"]");
    }

    static Map<String, Npy.Array> arrays(Network net) {
        Map<String, Npy.Array> out = new LinkedHashMap<>();
        for (int k = 0; k < net.depth(); k++) {
            Layer l = net.layer(k);
            out.put("W" + k, new Npy.Array(new int[] {l.out, l.in}, l.W.clone()));
            if (l.bias == Layer.Bias.PER_NEURON) out.put("b" + k, new Npy.Array(new int[] {l.out}, l.b.clone()));
            if (l.bias == Layer.Bias.SHARED) out.put("b" + k, new Npy.Array(new int[0], l.b.clone()));
        }
        return out;
    }

    static void load(Stmt.Command s, Args a, Context ctx) {
        State st = ctx.state();
        nn.lang.Str file = a.file("FILE");
        Pos at = file.pos();
        if (st.net.isEmpty()) throw new NnError(s.pos(), "there is no network to load parameters into", "add its layers first (or run the .nn script `save` wrote)");
        Path path = OutputFiles.resolve(file.text(), at);
        String name = path.getFileName().toString();
        Map<String, Npy.Array> arrays;
        try {
            if (Files.isDirectory(path)) throw SourceFiles.io(at, path + " is a folder, not a file", null);
            long size = Files.size(path);
            if (size > SourceFiles.MAX_BYTES) throw SourceFiles.io(at, path + " is too large (" + size + " bytes)", null);
            if (name.endsWith(".npy")) {
                String param = a.has("into") ? a.choice("into", null) : name.substring(0, name.length() - 4);
                try {
                    arrays = Map.of(param, Npy.read(Files.readAllBytes(path)));
                } catch (Npy.BadFile e) {
                    throw SourceFiles.io(at, "cannot load " + file.text() + ": " + e.getMessage(), null);
                }
            } else {
                if (a.has("into")) throw new NnError(a.pos("into", s.pos()), "into= names the parameter a single .npy goes into; a .npz names its own", null);
                try (InputStream in = Files.newInputStream(path)) {
                    arrays = Npy.readZip(in, 8 * st.net.parameterCount() + (1 << 20)); // no entry of a file for this network unpacks past this
                } catch (Npy.BadFile e) {
                    throw SourceFiles.io(at, "cannot load " + file.text() + ": " + e.getMessage(), name.endsWith(".npz") ? null : "load reads .npz (np.savez) and .npy (np.save) files");
                }
            }
        } catch (NoSuchFileException e) {
            throw SourceFiles.io(at, "no such file: " + path, null);
        } catch (AccessDeniedException e) {
            throw SourceFiles.io(at, "cannot read " + path + ": permission denied", null);
        } catch (IOException e) {
            throw SourceFiles.io(at, "cannot read " + path + ": " + e.getMessage(), null);
        }
        List<String> loaded = new ArrayList<>();
        for (var e : arrays.entrySet()) {
            put(st.net, e.getKey(), e.getValue(), file.text(), at);
            loaded.add(e.getKey());
        }
        if (loaded.isEmpty()) throw SourceFiles.io(at, file.text() + " holds no arrays", null);
        List<String> kept = new ArrayList<>();
        for (String p : arrays(st.net).keySet()) if (!arrays.containsKey(p)) kept.add(p);
        if (st.pass != null) st.stale = true;
        ctx.info("loaded " + String.join(", ", loaded) + " from " + file.text() + (kept.isEmpty() ? "" : " (" + String.join(", ", kept) + " not in the file: kept as they were)"));
    }

    /** One array into parameter {@code name}, its shape checked as an assignment checks it. */
    private static void put(Network net, String name, Npy.Array a, String file, Pos at) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([Wb])(\\d{1,6})").matcher(name);
        if (!m.matches()) {
            throw new NnError(at, file + " holds an array named '" + name + "', which is not a parameter of the network (W0, b0, W1, …)",
                    "rename it in Python before saving: np.savez(\"net.npz\", W0=..., b0=...) (see docs/export.md)");
        }
        int k = Integer.parseInt(m.group(2));
        if (k >= net.depth()) throw new NnError(at, file + " holds " + name + ", but the network has " + net.depth() + " layer" + (net.depth() == 1 ? "" : "s") + " (0 to " + (net.depth() - 1) + ")", null);
        Layer l = net.layer(k);
        double[] d = a.data();
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) throw new NnError(at, name + " in " + file + " holds " + (Double.isNaN(d[i]) ? "NaN" : "an infinite value") + " (element " + i + ")", null);
        }
        int[] s = a.shape();
        String layer = "layer " + k + " is " + l.activation.id + " " + l.in + "->" + l.out;
        if (name.startsWith("W")) {
            boolean fits = s.length == 2 && s[0] == l.out && s[1] == l.in || s.length == 1 && l.out == 1 && s[0] == l.in;
            if (!fits) {
                boolean transposed = s.length == 2 && s[0] == l.in && s[1] == l.out;
                throw new NnError(at, name + " must be " + l.out + "×" + l.in + ", but " + file + " holds " + a.describe() + " " + a.shapeText(),
                        layer + ": " + name + " has one row per neuron (" + l.out + ") and one column per input (" + l.in + ")"
                                + (transposed ? "; this looks transposed (a Keras kernel is in×out: save kernel.T)" : ""));
            }
            System.arraycopy(d, 0, l.W, 0, d.length);
            return;
        }
        switch (l.bias) {
            case NONE -> throw new NnError(at, file + " holds " + name + ", but " + layer + " has no biases (bias=false)", null);
            case SHARED -> {
                if (d.length != 1) throw new NnError(at, name + " is one number (the layer's shared bias), but " + file + " holds " + a.describe() + " " + a.shapeText(), null);
                l.b[0] = d[0];
            }
            case PER_NEURON -> {
                boolean fits = s.length == 1 && s[0] == l.out || s.length == 0 && l.out == 1 || s.length == 2 && d.length == l.out && (s[0] == 1 || s[1] == 1);
                if (!fits) throw new NnError(at, name + " must be a vector of " + l.out + ", but " + file + " holds " + a.describe() + " " + a.shapeText(), layer + ": one bias per neuron");
                System.arraycopy(d, 0, l.b, 0, d.length);
            }
        }
    }
}
