package nn.explain;

import java.util.List;

/** A piece of a derivation or document: a heading, a sentence, or a group of equations aligned on their '='. */
public sealed interface Part {

    record Heading(String text) implements Part { }

    /** A sentence of words ({@code String}) and formulas ({@link Expr} or {@link Equation}) shown inline. */
    record Prose(List<Object> pieces) implements Part {
        public Prose { pieces = List.copyOf(pieces); }
    }

    record Equations(List<Equation> lines) implements Part {
        public Equations { lines = List.copyOf(lines); }
    }

    static Prose prose(Object... pieces) { return new Prose(List.of(pieces)); }

    static Equations equations(Equation... lines) { return new Equations(List.of(lines)); }
}
