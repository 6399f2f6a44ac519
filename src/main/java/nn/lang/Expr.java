package nn.lang;

import java.util.List;

/**
 * An expression as written, with positions: numbers and bracketed values ({@link Literal}), names ({@link Ref},
 * gradients and indexed names included), operators, function calls, indexing and transposition. The interpreter
 * turns it into nodes of the computation graph.
 */
public sealed interface Expr extends Arg permits Literal, Ref, Expr.Unary, Expr.Binary, Expr.Call, Expr.Index, Expr.Transpose {

    /** {@code -x} (and {@code +x}, kept for its position). */
    record Unary(Pos pos, String op, Expr operand) implements Expr { }

    /** {@code a + b}, {@code a - b}, {@code a * b} (also · and ×), {@code a / b}, {@code a ^ b}, {@code a @ b}. */
    record Binary(Pos pos, String op, Pos opPos, Expr left, Expr right) implements Expr { }

    /** {@code sum(W0 ^ 2)}, {@code leaky_relu(z, 0.2)}, {@code random(rows=4, inputs=2)}: args are Exprs or Options. */
    record Call(Pos pos, Word function, List<Arg> args) implements Expr { }

    /** {@code (x @ W)[0]}, {@code X[2, 1]}: an index of a value that is not a plain name (those are {@link Ref}s). */
    record Index(Pos pos, Expr base, List<Integer> index) implements Expr { }

    /** {@code Mᵀ}, {@code M^T}. */
    record Transpose(Pos pos, Expr base) implements Expr { }

    /** The literal this expression is, when it is only a number or a bracketed value (a sign folded in), else null. */
    static Literal literal(Expr e) { return e instanceof Literal l ? l : null; }
}
