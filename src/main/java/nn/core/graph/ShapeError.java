package nn.core.graph;

/** Inputs whose shapes an operation cannot combine; {@code operand} is the input at fault (or -1 for all of them). */
public final class ShapeError extends RuntimeException {
    public final int operand;

    public ShapeError(int operand, String message) {
        super(message, null, false, false);
        this.operand = operand;
    }
}
