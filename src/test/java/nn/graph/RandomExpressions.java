package nn.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random expressions of nn's language over random leaves (scalars, vectors, matrices), each written twice: as nn
 * reads it and as PyTorch computes it. Shapes are tracked so every expression is valid; values are kept away from
 * where a derivative does not exist (ReLU's and |x|'s kink, ties of max) and from where they blow up (log, /, sqrt
 * near 0), so that central differences are a fair test.
 */
final class RandomExpressions {

    /** A shape: rows × cols, rank 0 (scalar), 1 (vector of cols) or 2. */
    record Shape(int rank, int rows, int cols) {
        static final Shape SCALAR = new Shape(0, 1, 1);

        static Shape vector(int n) { return new Shape(1, 1, n); }

        static Shape matrix(int r, int c) { return new Shape(2, r, c); }

        int size() { return rows * cols; }
    }

    /** One expression: nn's text, PyTorch's, its shape. */
    record E(String nn, String torch, Shape shape) { }

    /** A generated case: leaves (name → shape and values), the expression, and the scalar root both sides differentiate. */
    record Case(Map<String, Shape> shapes, Map<String, double[]> values, E root) { }

    private final Random rnd;
    private final Map<String, Shape> shapes = new LinkedHashMap<>();
    private final Map<String, double[]> values = new LinkedHashMap<>();

    RandomExpressions(long seed) { this.rnd = new Random(seed); }

    Case generate(int depth) {
        Shape s = randomShape();
        E e = gen(s, depth);
        E root = e.shape.rank == 0 ? e : new E("sum(" + e.nn + ")", "(" + e.torch + ").sum()", Shape.SCALAR);
        return new Case(shapes, values, root);
    }

    private Shape randomShape() {
        return switch (rnd.nextInt(3)) {
            case 0 -> Shape.SCALAR;
            case 1 -> Shape.vector(2 + rnd.nextInt(3));
            default -> Shape.matrix(2 + rnd.nextInt(2), 2 + rnd.nextInt(3));
        };
    }

    /** A leaf of this shape, its values in ±[0.3, 2] (away from 0, where kinks and poles are). */
    private E leaf(Shape s) {
        String name = "v" + shapes.size();
        double[] v = new double[s.size()];
        for (int i = 0; i < v.length; i++) v[i] = (0.3 + 1.7 * rnd.nextDouble()) * (rnd.nextBoolean() ? 1 : -1);
        shapes.put(name, s);
        values.put(name, v);
        return new E(name, name, s);
    }

    /** A number written in the expression. */
    private E constant() {
        double c = Math.round((0.5 + 2 * rnd.nextDouble()) * 100) / 100.0;
        return new E(Double.toString(c), Double.toString(c), Shape.SCALAR);
    }

    private E gen(Shape s, int depth) {
        if (depth <= 0 || rnd.nextInt(5) == 0) return leaf(s);
        int d = depth - 1;
        int choice = rnd.nextInt(18);
        switch (choice) {
            case 0, 1, 2 -> { // + - * with broadcasting: one side may be a scalar
                String op = new String[] {"+", "-", "*"}[choice];
                E a = gen(s, d);
                E b = rnd.nextInt(4) == 0 ? (rnd.nextBoolean() ? constant() : gen(Shape.SCALAR, d)) : gen(s, d);
                if (rnd.nextBoolean()) return bin(b, op, a, s);
                return bin(a, op, b, s);
            }
            case 3 -> { // a / (2 + b·b): the denominator stays away from 0
                E a = gen(s, d);
                E b = gen(s, d);
                return new E("(" + a.nn + ") / (2 + (" + b.nn + ") * (" + b.nn + "))", "(" + a.torch + ") / (2 + (" + b.torch + ") * (" + b.torch + "))", s);
            }
            case 4 -> { // powers: whole exponents of any base, others of a positive one
                E a = gen(s, d);
                if (rnd.nextBoolean()) {
                    int k = 2 + rnd.nextInt(2);
                    return new E("(" + a.nn + ") ^ " + k, "(" + a.torch + ") ** " + k, s);
                }
                double c = new double[] {0.5, 1.5, -1}[rnd.nextInt(3)];
                return new E("(1 + (" + a.nn + ") ^ 2) ^ " + c, "(1 + (" + a.torch + ") ** 2) ** " + c, s);
            }
            case 5 -> { // exp of something bounded
                E a = gen(s, d);
                return new E("exp(tanh(" + a.nn + "))", "torch.exp(torch.tanh(" + a.torch + "))", s);
            }
            case 6 -> {
                E a = gen(s, d);
                return new E("log(1 + (" + a.nn + ") ^ 2)", "torch.log(1 + (" + a.torch + ") ** 2)", s);
            }
            case 7 -> {
                E a = gen(s, d);
                return new E("sqrt(2 + (" + a.nn + ") ^ 2)", "torch.sqrt(2 + (" + a.torch + ") ** 2)", s);
            }
            case 8 -> { // the kinks only on leaves, whose values are away from 0
                E a = leaf(s);
                String f = new String[] {"abs", "relu"}[rnd.nextInt(2)];
                return new E(f + "(" + a.nn + ")", "torch." + f + "(" + a.torch + ")", s);
            }
            case 9 -> {
                E a = gen(s, d);
                String f = rnd.nextBoolean() ? "sigmoid" : "tanh";
                return new E(f + "(" + a.nn + ")", "torch." + f + "(" + a.torch + ")", s);
            }
            case 10 -> {
                E a = leaf(s);
                return new E("leaky_relu(" + a.nn + ", 0.2)", "torch.nn.functional.leaky_relu(" + a.torch + ", 0.2)", s);
            }
            case 11 -> { // softmax over a vector, or over each row of a matrix
                if (s.rank == 0) return gen(s, d);
                E a = gen(s, d);
                return new E("softmax(" + a.nn + ")", "torch.softmax(" + a.torch + ", dim=-1)", s);
            }
            case 12 -> { // reductions make a scalar (or, with an axis, a vector) from something bigger
                if (s.rank == 0) {
                    Shape from = rnd.nextBoolean() ? Shape.vector(2 + rnd.nextInt(3)) : Shape.matrix(2 + rnd.nextInt(2), 2 + rnd.nextInt(2));
                    E a = gen(from, d);
                    String f = new String[] {"sum", "mean", "max", "min"}[rnd.nextInt(4)];
                    String t = f.equals("max") || f.equals("min") ? "(" + a.torch + ")." + f + "()" : "(" + a.torch + ")." + f + "()";
                    return new E(f + "(" + a.nn + ")", t, s);
                }
                if (s.rank == 1) {
                    int axis = rnd.nextInt(2);
                    Shape from = axis == 0 ? Shape.matrix(2 + rnd.nextInt(2), s.cols) : Shape.matrix(s.cols, 2 + rnd.nextInt(2));
                    E a = gen(from, d);
                    String f = rnd.nextBoolean() ? "sum" : "mean";
                    return new E(f + "(" + a.nn + ", " + axis + ")", "(" + a.torch + ")." + f + "(" + axis + ")", s);
                }
                return gen(s, d);
            }
            case 13 -> { // the matrix product, in every form numpy and PyTorch allow
                int k = 2 + rnd.nextInt(3);
                if (s.rank == 0) {
                    E a = gen(Shape.vector(k), d), b = gen(Shape.vector(k), d);
                    return new E("(" + a.nn + ") @ (" + b.nn + ")", "torch.matmul(" + a.torch + ", " + b.torch + ")", s);
                }
                if (s.rank == 1) {
                    boolean left = rnd.nextBoolean();
                    E a = left ? gen(Shape.matrix(s.cols, k), d) : gen(Shape.vector(k), d);
                    E b = left ? gen(Shape.vector(k), d) : gen(Shape.matrix(k, s.cols), d);
                    return new E("(" + a.nn + ") @ (" + b.nn + ")", "torch.matmul(" + a.torch + ", " + b.torch + ")", s);
                }
                E a = gen(Shape.matrix(s.rows, k), d), b = gen(Shape.matrix(k, s.cols), d);
                return new E("(" + a.nn + ") @ (" + b.nn + ")", "torch.matmul(" + a.torch + ", " + b.torch + ")", s);
            }
            case 14 -> { // transposes
                if (s.rank == 2) {
                    E a = gen(Shape.matrix(s.cols, s.rows), d);
                    return new E("(" + a.nn + ")^T", "(" + a.torch + ").t()", s);
                }
                return gen(s, d);
            }
            case 15 -> { // an element of a vector, a row or an element of a matrix
                if (s.rank == 0) {
                    if (rnd.nextBoolean()) {
                        int n = 2 + rnd.nextInt(3), i = rnd.nextInt(n);
                        E a = gen(Shape.vector(n), d);
                        return new E("(" + a.nn + ")[" + i + "]", "(" + a.torch + ")[" + i + "]", s);
                    }
                    int r = 2 + rnd.nextInt(2), c = 2 + rnd.nextInt(2), i = rnd.nextInt(r), j = rnd.nextInt(c);
                    E a = gen(Shape.matrix(r, c), d);
                    return new E("(" + a.nn + ")[" + i + ", " + j + "]", "(" + a.torch + ")[" + i + ", " + j + "]", s);
                }
                if (s.rank == 1) {
                    int r = 2 + rnd.nextInt(2), i = rnd.nextInt(r);
                    E a = gen(Shape.matrix(r, s.cols), d);
                    return new E("(" + a.nn + ")[" + i + "]", "(" + a.torch + ")[" + i + "]", s);
                }
                return gen(s, d);
            }
            case 16 -> { // elementwise max and min of two values (no ties: continuous random values)
                E a = gen(s, d), b = gen(s, d);
                String f = rnd.nextBoolean() ? "max" : "min";
                return new E(f + "(" + a.nn + ", " + b.nn + ")", "torch." + (f.equals("max") ? "maximum" : "minimum") + "(" + a.torch + ", " + b.torch + ")", s);
            }
            default -> { // a vector broadcast over a matrix's rows
                if (s.rank == 2) {
                    E a = gen(s, d), b = gen(Shape.vector(s.cols), d);
                    return bin(a, "*", b, s);
                }
                return unaryMinus(gen(s, d));
            }
        }
    }

    private static E unaryMinus(E a) { return new E("-(" + a.nn + ")", "-(" + a.torch + ")", a.shape); }

    private static E bin(E a, String op, E b, Shape s) {
        return new E("(" + a.nn + ") " + op + " (" + b.nn + ")", "(" + a.torch + ") " + op + " (" + b.torch + ")", s);
    }

    /** nn statements that set the leaves (one per line), exactly. */
    static String leaves(Case c) {
        StringBuilder b = new StringBuilder();
        for (var e : c.shapes().entrySet()) b.append(e.getKey()).append(" = ").append(literal(e.getValue(), c.values().get(e.getKey()))).append('\n');
        return b.toString();
    }

    static String literal(Shape s, double[] v) {
        if (s.rank == 0) return Double.toString(v[0]);
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < s.rows; r++) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < s.cols; c++) row.add(Double.toString(v[r * s.cols + c]));
            rows.add("[" + String.join(", ", row) + "]");
        }
        return s.rank == 1 ? rows.get(0) : "[" + String.join(", ", rows) + "]";
    }
}
