package nn.explain;

import java.util.List;

/**
 * A formula as a teacher writes it: symbols, numbers, products, sums, partial derivatives, functions, vectors.
 * One tree is rendered both as text ({@link TextMath}) and as LaTeX ({@link TexMath}), so the terminal, the Markdown
 * and the LaTeX documents always show the same derivation.
 */
public sealed interface Expr {

    /** A named quantity: {@code text} as typed in nn (w100, h_pre0), {@code tex} as printed (w_{100}, h_{\text{pre},0}). */
    record Sym(String text, String tex) implements Expr {
        /** The value after an update: w100*, w_{100}^*. */
        public Sym star() { return new Sym(text + "*", "{" + tex + "}^*"); }
    }

    /** A number, shown at the chosen precision. */
    record Num(double value) implements Expr { }

    /** Literal text that is the same in both renderings, or differs ({@code ½}, {@code \frac{1}{2}}). */
    record Raw(String text, String tex) implements Expr { }

    /** Factors joined by a centred dot: 0.526 · 0.249 · 0.29. */
    record Prod(List<Expr> factors) implements Expr { }

    /** Factors written side by side: 0.526(1 − 0.526), W0 x. */
    record Juxt(List<Expr> factors) implements Expr { }

    /** Terms joined by + (a term that starts with a minus sign is written with −). */
    record Sum(List<Expr> terms) implements Expr { }

    /** a − b. */
    record Diff(Expr left, Expr right) implements Expr { }

    /** −a. */
    record Neg(Expr inner) implements Expr { }

    /** num / den. */
    record Frac(Expr num, Expr den) implements Expr { }

    /** ∂of/∂wrt. */
    record Partial(Expr of, Expr wrt) implements Expr { }

    /** f(arg): relu(h_pre0), σ(o_pre). */
    record Call(String text, String tex, List<Expr> args) implements Expr { }

    /** base², base^k. */
    record Pow(Expr base, String exponent) implements Expr { }

    /** e^(exponent). */
    record Exp(Expr exponent) implements Expr { }

    /** (inner). */
    record Paren(Expr inner) implements Expr { }

    /** A column vector. */
    record Vec(List<Expr> items) implements Expr { }

    /** A matrix, row-major. */
    record Mat(int rows, int cols, List<Expr> items) implements Expr { }

    static Num num(double v) { return new Num(v); }

    static Prod prod(Expr... f) { return new Prod(List.of(f)); }

    static Sum sum(List<Expr> t) { return new Sum(List.copyOf(t)); }

    static Partial d(Expr of, Expr wrt) { return new Partial(of, wrt); }

    static Raw raw(String s) { return new Raw(s, s); }
}
