package nn.core.graph;

import nn.core.Loss;
import nn.core.Shape;

/**
 * What each output contributes to an example's loss (E_o1 = ½(y₁ − o₁)², E_o2 of a worked example): same shape as
 * the output. Shown, not differentiated: E is computed from o directly.
 */
public record LossTerms(Loss loss) implements Op {

    @Override public String symbol() { return loss.id + " terms"; }

    @Override public Shape shape(Shape[] in) { return in[0]; }

    @Override public boolean differentiable(int input) { return false; }

    @Override public void forward(Node n) {
        double[] o = n.input(0).data, y = n.input(1).data;
        for (int i = 0; i < n.data.length; i++) n.data[i] = loss.term(o[i], y[i]);
    }

    @Override public void backward(Node n, double[] g, double[][] gIn, Twist twist) { }
}
