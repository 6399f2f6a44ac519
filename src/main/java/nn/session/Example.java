package nn.session;

import nn.core.Network;
import nn.core.Shape;
import nn.core.Value;
import nn.lang.NnError;
import nn.lang.Pos;

/**
 * The example the network runs on: x and y as given, fitted to the network. One example is a vector (or a number,
 * for one input); several are a matrix with one example per row (a design matrix), and y then has as many rows.
 */
final class Example {
    private Example() { }

    /** x as the network takes it, or an error saying what to set. */
    static Value input(State st, Pos pos) {
        Network net = st.net;
        int n = net.inputSize();
        Value x = st.x;
        if (x == null) throw new NnError(pos, "no input: x is not set", "set it with `input [" + example(n) + "]`");
        if (x.kind() == Value.Kind.MATRIX) {
            if (x.cols() == n) return x;
            if (x.rows() == n && x.cols() == 1) return Value.vector(x.data()); // a column vector, as printed
            throw new NnError(pos, "x has " + x.cols() + " columns but layer 0 takes " + n + " inputs",
                    x.rows() == n ? "one example per row: this looks transposed" : "write one example per row, " + n + " numbers each");
        }
        if (x.size() != n) throw new NnError(pos, "x has " + x.size() + " numbers but layer 0 takes " + n, "set x again with `input [...]`");
        return x.kind() == Value.Kind.SCALAR ? Value.of(Shape.vector(1), x.data()) : x;
    }

    /** y as the network's loss takes it for input x, or null when unset. */
    static Value target(State st, Value x, Pos pos) {
        Network net = st.net;
        int n = net.outputSize();
        Value y = st.y;
        if (y == null) return null;
        int rows = x.kind() == Value.Kind.MATRIX ? x.rows() : 1;
        if (rows > 1) {
            if (y.kind() == Value.Kind.MATRIX && y.rows() == rows && y.cols() == n) return y;
            if (n == 1 && y.size() == rows) return Value.matrix(rows, 1, y.data()); // one target per example, written in a row
            throw new NnError(pos, "y must have one row of " + n + " per example (" + rows + "), but it is " + y.describe(), "set y again with `target [[...], ...]`");
        }
        if (y.size() != n) {
            throw new NnError(pos, "y has " + y.size() + " numbers but the output layer has " + n + " neurons", "set y again with `target [...]`");
        }
        return y.kind() == Value.Kind.VECTOR ? y : Value.of(Shape.vector(n), y.data());
    }

    static String example(int n) {
        java.util.List<String> s = new java.util.ArrayList<>();
        for (int i = 0; i < Math.min(n, 4); i++) s.add("0.5");
        return String.join(", ", s) + (n > 4 ? ", ..." : "");
    }
}
