package nn.core;

/** A value the user can see or write: a scalar, a vector, or a matrix (row-major). Never mutated once made. */
public record Value(Kind kind, int rows, int cols, double[] data) {

    public enum Kind { SCALAR, VECTOR, MATRIX }

    public static Value scalar(double v) { return new Value(Kind.SCALAR, 1, 1, new double[] {v}); }

    public static Value vector(double[] v) { return new Value(Kind.VECTOR, 1, v.length, v.clone()); }

    public static Value matrix(int rows, int cols, double[] v) { return new Value(Kind.MATRIX, rows, cols, v.clone()); }

    /** A value of this shape over {@code data}, not copied: the caller hands the array over. */
    public static Value of(Shape s, double[] data) { return new Value(s.kind(), s.rows(), s.cols(), data); }

    public Shape shape() { return new Shape(kind, rows, cols); }

    public int size() { return data.length; }

    public double get(int i) { return data[i]; }

    public double get(int r, int c) { return data[r * cols + c]; }

    public double scalar() { return data[0]; }

    /** "a scalar", "a vector of 3", "a 2×3 matrix": for messages. */
    public String describe() {
        return switch (kind) {
            case SCALAR -> "a scalar";
            case VECTOR -> "a vector of " + cols;
            case MATRIX -> "a " + rows + "×" + cols + " matrix";
        };
    }

    public boolean sameShape(Value o) {
        return kind == o.kind && rows == o.rows && cols == o.cols;
    }
}
