package nn.explain;

import java.util.List;

/**
 * left = side₁ = side₂ = …: a chain of equal expressions, the way a derivation is written on the board, with an
 * optional remark beside it ("ReLU on: h_pre0 = 0.29 &gt; 0").
 */
public record Equation(List<Expr> sides, Part.Prose note) {

    public Equation {
        if (sides.isEmpty()) throw new IllegalArgumentException("an equation needs a side");
        sides = List.copyOf(sides);
    }

    public Equation(List<Expr> sides) { this(sides, null); }

    public static Equation of(Expr... sides) { return new Equation(List.of(sides), null); }

    public Equation note(Object... pieces) { return new Equation(sides, Part.prose(pieces)); }

    /** The last side: the value the chain arrives at. */
    public Expr result() { return sides.get(sides.size() - 1); }
}
