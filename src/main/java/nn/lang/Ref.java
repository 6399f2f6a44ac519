package nn.lang;

import java.util.List;

/**
 * A reference to a value: {@code W0}, {@code h_pre}, {@code w100}, {@code dE/dw100}, {@code h[0]}, {@code W0[1,2]}.
 * {@code name} is normalised (TeX subscripts {@code w_{100}} become {@code w_100}; '∂' becomes 'd');
 * {@code text} is what the user wrote; {@code index} is empty when there is none.
 */
public record Ref(String name, List<Integer> index, String text, Pos pos) implements Expr {

    public boolean indexed() { return !index.isEmpty(); }

    /** True for dE/dNAME and other derivative names. */
    public boolean derivative() { return name.indexOf('/') > 0; }

    /** The normalised name of a name as written ({@code w_{100}} → {@code w_100}), as the parser makes it. */
    public static String normalise(String written) { return AstBuilder.normaliseName(written); }

    @Override public String toString() { return text; }
}
