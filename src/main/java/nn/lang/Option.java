package nn.lang;

/**
 * {@code name=value} after a statement ({@code lr=0.1}, {@code optimizer=adam}, {@code file="a.csv"}) or a bare flag
 * ({@code onehot}: {@code value} null). {@code value} is a {@link Literal} (numbers), a {@link Word} or a {@link Str}.
 */
public record Option(Word name, Object value, Pos pos) implements Arg {

    public String key() { return name.text(); }

    public boolean flag() { return value == null; }

    public boolean isNumber() { return value instanceof Literal l && l.form() == Literal.Form.SCALAR; }

    public double number() { return ((Literal) value).scalar(); }

    public Pos valuePos() {
        if (value instanceof Literal l) return l.pos();
        if (value instanceof Word w) return w.pos();
        if (value instanceof Str s) return s.pos();
        return pos;
    }

    /** The value as text (a word, a string, or the number as written). */
    public String text() {
        if (value instanceof Word w) return w.text();
        if (value instanceof Str s) return s.text();
        if (value instanceof Literal l) return valuePos().source().line(l.pos().line())
                .substring(l.pos().column() - 1, Math.min(valuePos().lineText().length(), l.pos().column() - 1 + l.pos().length()));
        return "";
    }
}
