package nn.core.graph;

import nn.core.Shape;

/** A node nothing computes: a value given (gets a gradient) or a constant written in an expression (gets none). */
public enum Leaf implements Op {
    VALUE, CONSTANT;

    @Override public String symbol() { return this == VALUE ? "value" : "constant"; }

    @Override public Shape shape(Shape[] in) { throw new IllegalStateException("a leaf has no inputs"); }

    @Override public void forward(Node n) { }

    @Override public void backward(Node n, double[] g, double[][] gIn, Twist twist) { }
}
