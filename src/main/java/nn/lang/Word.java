package nn.lang;

/** A word as written (activation, loss, option or data-set name, flag) with its position. */
public record Word(String text, Pos pos) implements Arg {
    @Override public String toString() { return text; }
}
