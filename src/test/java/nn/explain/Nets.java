package nn.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nn.session.Format;
import nn.session.Output;
import nn.session.Session;
import nn.session.State;
import nn.testing.Scripts;

/** The networks the picture tests draw, each set up in a session through forward and backward. */
final class Nets {
    private Nets() { }

    /** The reference 3-2-1 network. */
    static final String SEED = Scripts.SEED + "forward\nbackward\n";

    static final String NET_4663 = """
            init xavier seed=1
            layer tanh 4->6
            layer tanh 6->6
            layer softmax 6->3
            input [0.5, -1, 2, 0.1]
            target [0, 1, 0]
            forward
            backward
            """;

    /** Eight layers of sixteen units: the largest a picture shows in full. */
    static final String NET_8X16 = deep(new int[] {16, 16, 16, 16, 16, 16, 16, 16, 16}, "tanh", 3);

    /** Deeper than a picture shows: ten layers of eight, its middle layers left out and said to be. */
    static final String DEEP_10 = deep(new int[] {4, 8, 8, 8, 8, 8, 8, 8, 8, 8, 2}, "relu", 5);

    /** Deeper and wider than a picture shows: nine layers of thirty. */
    static final String DEEP_WIDE = deep(new int[] {20, 30, 30, 30, 30, 30, 30, 30, 30, 10}, "relu", 6);

    /** Wider than a picture shows: its middle units are left out and said to be. */
    static final String WIDE = """
            init xavier seed=2
            layer relu 300->20 as h
            layer sigmoid 20->2
            input [%s]
            target [0, 1]
            forward
            backward
            """.formatted(ones(300));

    /** A random 6-layer network (sizes 1 to 16, mixed activations), the same every run. */
    static String random6(long seed) {
        Random r = new Random(seed);
        int[] sizes = new int[7];
        for (int i = 0; i < sizes.length; i++) sizes[i] = 1 + r.nextInt(16);
        String[] acts = {"relu", "tanh", "sigmoid", "linear", "leaky_relu"};
        StringBuilder b = new StringBuilder("init xavier seed=" + seed + "\n");
        for (int k = 0; k < 6; k++) b.append("layer ").append(acts[r.nextInt(acts.length)]).append(' ').append(sizes[k]).append("->").append(sizes[k + 1]).append('\n');
        return b.append(example(sizes[0], sizes[6], r)).toString();
    }

    static String deep(int[] sizes, String act, long seed) {
        StringBuilder b = new StringBuilder("init xavier seed=" + seed + "\n");
        for (int k = 0; k + 1 < sizes.length; k++) b.append("layer ").append(act).append(' ').append(sizes[k]).append("->").append(sizes[k + 1]).append('\n');
        return b.append(example(sizes[0], sizes[sizes.length - 1], new Random(seed))).toString();
    }

    private static String example(int in, int out, Random r) {
        List<String> x = new ArrayList<>();
        for (int i = 0; i < in; i++) x.add(String.valueOf(Math.round((r.nextDouble() * 2 - 1) * 100) / 100.0));
        List<String> y = new ArrayList<>();
        for (int i = 0; i < out; i++) y.add(r.nextBoolean() ? "1" : "0");
        return "input [" + String.join(", ", x) + "]\ntarget [" + String.join(", ", y) + "]\nforward\nbackward\n";
    }

    private static String ones(int n) {
        List<String> x = new ArrayList<>();
        for (int i = 0; i < n; i++) x.add(String.valueOf((i % 7) / 10.0));
        return String.join(", ", x);
    }

    /** A session that ran {@code script} without a problem. */
    static Session session(String script) {
        Session s = new Session();
        Scripts.Run run = Scripts.run(s, script);
        assertEquals(List.of(), run.problems(), script);
        return s;
    }

    /** The drawing a statement outputs (draw, draw gradients, draw graph, plot loss), to be laid out at any width. */
    static Output.Drawing drawing(Session s, String statement) {
        Scripts.Run run = Scripts.run(s, statement);
        assertEquals(List.of(), run.problems(), statement);
        List<Output.Drawing> d = run.all(Output.Drawing.class);
        assertEquals(1, d.size(), statement + " draws one picture");
        return d.get(0);
    }

    /** The session's network as a diagram (names are not compared, only numbers: any will do). */
    static NetDiagram diagram(Session s, boolean gradients) {
        State st = s.state();
        nn.core.Network net = gradients ? st.grads.pass().net() : st.net;
        List<String> act = new ArrayList<>();
        List<String> pre = new ArrayList<>();
        for (int k = 0; k < net.depth(); k++) {
            act.add("a" + k);
            pre.add("z" + k);
        }
        return Figure.diagram(net, st.pass, st.grads, st.xVector(), new Vocabulary(net, act, pre), new Notation(st.precision, Format::number));
    }
}
