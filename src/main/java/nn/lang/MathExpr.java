package nn.lang;

import java.util.List;

/**
 * An equation member as a document writes it in TeX math ({@link MathParser}): {@code w_{100}^*},
 * {@code \frac{\partial E}{\partial o}}, {@code 0.526(1 - 0.526)}, {@code \begin{bmatrix}…\end{bmatrix}}.
 * {@code column} is where it starts in the equation's text (1-based).
 */
public sealed interface MathExpr {

    int column();

    /** A number as written: its value and how many decimals it was written with (-1 for a whole number). */
    record Num(double value, int decimals, String text, int column) implements MathExpr { }

    /**
     * A name: {@code base} (w, W, h, E, μ, loss), its subscript with TeX commands removed ("100", "pre,0", "hid", or
     * ""), and whether it is starred or primed (the value after the update).
     */
    record Sym(String base, String sub, boolean starred, String text, int column) implements MathExpr {
        public Sym withStar() { return new Sym(base, sub, true, text + "^*", column); }
    }

    /** ∂of/∂by: a derivative of one name by another. */
    record Deriv(Sym of, Sym by, String text, int column) implements MathExpr { }

    /** Something read but not evaluated (the derivative of a whole expression, ∂σ(o_pre)/∂o_pre). */
    record Opaque(String text, int column) implements MathExpr { }

    /** a op b: '+', '-', '*' (·, ×, juxtaposition: a matrix product where the shapes say so), '/'. */
    record Bin(char op, MathExpr left, MathExpr right, int column) implements MathExpr { }

    record Neg(MathExpr operand, int column) implements MathExpr { }

    record Pow(MathExpr base, MathExpr exponent, int column) implements MathExpr { }

    /** a^T. */
    record Transpose(MathExpr operand, int column) implements MathExpr { }

    /** relu, σ, tanh, exp, max, log, softmax applied to arguments. */
    record Call(String function, List<MathExpr> args, int column) implements MathExpr { }

    /** A matrix or vector: rows of members. */
    record Matrix(List<List<MathExpr>> rows, int column) implements MathExpr { }

    /** Σ over {@code index} of {@code body}: names subscripted with the index stand for their whole vector. */
    record Sum(String index, MathExpr body, int column) implements MathExpr { }

    /** True when no name occurs in e (it is numbers and operations only). */
    static boolean numeric(MathExpr e) {
        if (e instanceof Num) return true;
        if (e instanceof Bin b) return numeric(b.left()) && numeric(b.right());
        if (e instanceof Neg n) return numeric(n.operand());
        if (e instanceof Pow p) return numeric(p.base()) && numeric(p.exponent());
        if (e instanceof Transpose t) return numeric(t.operand());
        if (e instanceof Call c) return c.args().stream().allMatch(MathExpr::numeric);
        if (e instanceof Matrix m) return m.rows().stream().allMatch(r -> r.stream().allMatch(MathExpr::numeric));
        return false; // names, derivatives, sums over names, what was not read
    }

    /** True when e is numbers and operations only. */
    default boolean isNumeric() { return numeric(this); }
}
