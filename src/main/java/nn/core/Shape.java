package nn.core;

/**
 * The shape of a value: a scalar, a vector of {@code cols} numbers, or a {@code rows}×{@code cols} matrix (row-major).
 * A vector is one row ({@code rows} = 1), as numpy treats a 1-d array in broadcasting and matrix products.
 */
public record Shape(Value.Kind kind, int rows, int cols) {

    public static final Shape SCALAR = new Shape(Value.Kind.SCALAR, 1, 1);

    public static Shape vector(int n) { return new Shape(Value.Kind.VECTOR, 1, n); }

    public static Shape matrix(int rows, int cols) { return new Shape(Value.Kind.MATRIX, rows, cols); }

    public int size() { return rows * cols; }

    public int rank() { return kind.ordinal(); }

    public boolean scalar() { return kind == Value.Kind.SCALAR; }

    public boolean vector() { return kind == Value.Kind.VECTOR; }

    public boolean matrix() { return kind == Value.Kind.MATRIX; }

    /** "2×3", "[3]" or "scalar": how messages write a shape. */
    public String text() {
        return switch (kind) {
            case SCALAR -> "scalar";
            case VECTOR -> "[" + cols + "]";
            case MATRIX -> rows + "×" + cols;
        };
    }

    /** "a scalar", "a vector of 3", "a 2×3 matrix". */
    public String describe() {
        return switch (kind) {
            case SCALAR -> "a scalar";
            case VECTOR -> "a vector of " + cols;
            case MATRIX -> "a " + rows + "×" + cols + " matrix";
        };
    }
}
