package nn.lang;

/**
 * A numeric value as written: a scalar, a vector, or a matrix (row-major {@code values}).
 * {@code decimals[i]} is how many digits element i was written with after the point (-1 for a whole number or a
 * fraction): expect uses it for the default tolerance.
 */
public record Literal(Form form, int rows, int cols, double[] values, int[] decimals, String notation, Pos pos) implements Expr {

    public enum Form { SCALAR, VECTOR, MATRIX }

    public int size() { return values.length; }

    public double scalar() { return values[0]; }
}
