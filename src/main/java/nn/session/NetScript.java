package nn.session;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nn.core.Activation;
import nn.core.Layer;
import nn.core.Network;
import nn.lang.NnError;
import nn.lang.Stmt;

/**
 * {@code save "FILE.nn"}: the network as a script that rebuilds it: layers with their names and activations, the
 * loss, every parameter, frozen parameters, the current example and learning rate if set, and the data sets. Numbers are written
 * with Double.toString, the shortest text that reads back as exactly the same double, so running the file gives
 * the same network bit for bit.
 */
final class NetScript {
    private NetScript() { }

    static void save(Stmt.Command s, Args a, Context ctx) {
        State st = ctx.state();
        nn.lang.Str file = a.file("FILE");
        if (st.net.isEmpty()) throw new NnError(s.pos(), "there is no network to save", "add layers first");
        Path target = OutputFiles.resolve(file.text(), file.pos());
        for (int k = 0; k < st.net.depth(); k++) {
            Layer l = st.net.layer(k);
            for (int i = 0; i < l.W.length; i++) if (!Double.isFinite(l.W[i])) throw unreadable(s, "W" + k + "[" + i / l.in + "," + i % l.in + "] is " + l.W[i]);
            for (int i = 0; i < l.b.length; i++) if (!Double.isFinite(l.b[i])) throw unreadable(s, "b" + k + "[" + i + "] is " + l.b[i]);
        }
        String text = render(st);
        // what nn saves, nn must read: run reads scripts up to Parser.MAX_CHARS
        if (text.length() > nn.lang.Parser.MAX_CHARS) {
            throw new NnError(s.pos(), "the network is too large to save as a script: it would take " + Format.whole(text.length()) + " characters, and run reads at most "
                    + Format.whole(nn.lang.Parser.MAX_CHARS) + "; nothing was written", "a script holds up to about 800 000 parameters");
        }
        OutputFiles.write(target, text.getBytes(StandardCharsets.UTF_8), file.pos());
        String data = st.datasets.isEmpty() ? "" : " and data set" + (st.datasets.size() == 1 ? " " : "s ") + String.join(", ", st.datasets.keySet());
        ctx.info("saved " + st.net.depth() + " layers, " + st.net.parameterCount() + " parameters" + data + " to " + file.text()
                + " (run it in a fresh session, or after reset, to rebuild this network exactly)");
    }

    private static NnError unreadable(Stmt.Command s, String what) {
        return new NnError(s.pos(), "cannot save: " + what + ", and a saved script could not read it back; nothing was written", "set it to a finite value, or re-initialise with init");
    }

    static String render(State st) {
        Network net = st.net;
        StringBuilder b = new StringBuilder();
        b.append("# saved by nn: run this script (in a fresh session, or after `reset`) to rebuild the network exactly;\n");
        b.append("# every number is written so that it reads back as the same double.\n");
        for (Layer l : net.layers()) {
            b.append("layer ").append(l.activation.id).append(' ').append(l.in).append("->").append(l.out);
            if (l.name != null) b.append(" as ").append(l.name);
            if (l.activation == Activation.LEAKY_RELU) b.append(" slope=").append(number(l.param));
            if (l.bias == Layer.Bias.NONE) b.append(" bias=false");
            if (l.bias == Layer.Bias.SHARED) b.append(" bias=shared");
            b.append('\n');
        }
        b.append("loss ").append(net.loss().id).append(net.sums() ? " reduction=sum" : "").append('\n');
        List<String> frozen = new ArrayList<>();
        for (int k = 0; k < net.depth(); k++) {
            Layer l = net.layer(k);
            String head = "W" + k + " = [";
            b.append(head);
            for (int i = 0; i < l.out; i++) {
                if (i > 0) b.append(",\n").append(" ".repeat(head.length()));
                b.append('[');
                for (int j = 0; j < l.in; j++) {
                    if (j > 0) b.append(", ");
                    b.append(number(l.W[i * l.in + j]));
                }
                b.append(']');
            }
            b.append("]\n");
            if (l.hasBias()) b.append("b").append(k).append(" = ").append(vector(l.b)).append('\n');
            if (l.frozenW) frozen.add("W" + k);
            if (l.frozenB) frozen.add("b" + k);
        }
        if (!frozen.isEmpty()) b.append("freeze ").append(String.join(" ", frozen)).append('\n');
        if (st.x != null && st.x.cols() == net.inputSize()) b.append("input ").append(value(st.x)).append('\n');
        if (st.y != null && st.y.cols() == net.outputSize()) b.append("target ").append(value(st.y)).append('\n');
        if (st.lr != null) b.append("lr = ").append(number(st.lr)).append('\n');
        for (String name : st.datasets.keySet()) {
            String recipe = st.dataRecipes.get(name);
            if (recipe != null) b.append("data ").append(name).append(" = ").append(recipe).append('\n');
        }
        return b.toString();
    }

    static String vector(double[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            if (i > 0) b.append(", ");
            b.append(number(v[i]));
        }
        return b.append(']').toString();
    }

    /** A vector as [a, b], a batch (one row per example) as [[…], […]]. */
    private static String value(nn.core.Value v) {
        if (v.kind() != nn.core.Value.Kind.MATRIX) return vector(v.data());
        StringBuilder b = new StringBuilder("[");
        for (int r = 0; r < v.rows(); r++) {
            if (r > 0) b.append(", ");
            b.append(vector(java.util.Arrays.copyOfRange(v.data(), r * v.cols(), (r + 1) * v.cols())));
        }
        return b.append(']').toString();
    }

    /** Double.toString round-trips exactly; whole numbers lose their ".0" only where that changes nothing. */
    static String number(double v) {
        if (v == 0 && 1 / v < 0) return "-0.0";
        return Format.plain(v);
    }
}
