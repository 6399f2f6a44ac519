package nn.explain;

import java.util.ArrayList;
import java.util.List;
import nn.core.ForwardPass;
import nn.core.Gradients;
import nn.core.Layer;
import nn.core.Network;

/**
 * The one place that reads nn.core's network and passes for the network pictures: it writes them out as a
 * {@link NetDiagram} (every weight and bias on its edge, every value and gradient at its node, named as nn names
 * them). The renderers know only the diagram, so a different core needs only a different version of this class.
 */
public final class Figure {
    private Figure() { }

    /**
     * {@code net}: the parameters to show; {@code p}, {@code g}, {@code x} may be null (not computed, not set). The
     * values come from {@code p}, the gradients from {@code g}; an input of the wrong size is left out.
     */
    public static NetDiagram diagram(Network net, ForwardPass p, Gradients g, double[] x, Vocabulary v, Notation n) {
        List<NetDiagram.Column> columns = new ArrayList<>();
        boolean hasX = x != null && x.length == net.inputSize();
        List<NetDiagram.Node> inputs = new ArrayList<>();
        for (int j = 0; j < net.inputSize(); j++) {
            String name = v.x(j).text();
            List<NetDiagram.Reading> values = hasX ? List.of(reading(name, x[j], n)) : List.of();
            List<NetDiagram.Reading> grads = g != null && g.dX() != null ? List.of(reading(n.gradient(name), g.dX()[j], n)) : List.of();
            inputs.add(new NetDiagram.Node(name, values, grads));
        }
        columns.add(new NetDiagram.Column("input", "x", null, inputs, List.of()));
        for (int k = 0; k < net.depth(); k++) {
            Layer l = net.layer(k);
            List<NetDiagram.Node> nodes = new ArrayList<>();
            List<NetDiagram.Edge> edges = new ArrayList<>();
            for (int i = 0; i < l.out; i++) {
                String pre = v.pre(k, i).text();
                String act = v.act(k, i).text();
                List<NetDiagram.Reading> values = p == null ? List.of() : List.of(reading(pre, p.z()[k][i], n), reading(act, p.a()[k][i], n));
                List<NetDiagram.Reading> grads = g == null ? List.of()
                        : List.of(reading(n.gradient(pre), g.dZ()[k][i], n), reading(n.gradient(act), g.dA()[k][i], n));
                nodes.add(new NetDiagram.Node(act, values, grads));
                for (int j = 0; j < l.in; j++) {
                    String w = v.weight(k, i, j).text();
                    edges.add(new NetDiagram.Edge(j, i, reading(w, l.w(i, j), n), g == null ? null : reading(n.gradient(w), g.dW()[k][i * l.in + j], n)));
                }
                if (l.hasBias()) { // no edge from the constant 1 for a layer without biases; a shared bias feeds every neuron
                    String b = v.bias(k, i).text();
                    int bi = l.bias == Layer.Bias.SHARED ? 0 : i;
                    edges.add(new NetDiagram.Edge(NetDiagram.Edge.BIAS, i, reading(b, l.b[bi], n), g == null ? null : reading(n.gradient(b), g.dB()[k][bi], n)));
                }
            }
            columns.add(new NetDiagram.Column("layer " + k, v.actName(k), l.activation.id, nodes, edges));
        }
        return new NetDiagram("network " + shape(net), columns);
    }

    /** "3-2-1": the input size, then every layer's. */
    static String shape(Network net) {
        StringBuilder s = new StringBuilder().append(net.inputSize());
        for (Layer l : net.layers()) s.append('-').append(l.out);
        return s.toString();
    }

    private static NetDiagram.Reading reading(String name, double value, Notation n) {
        return new NetDiagram.Reading(name, n.text(value), value);
    }
}
