package nn.lang;

/** A place in a source: 1-based line and column, and how many characters the construct spans there. */
public record Pos(Source source, int line, int column, int length) {

    public static final Pos NONE = new Pos(new Source("", ""), 0, 0, 0);

    public String origin() { return source.origin(); }

    public String lineText() { return source.line(line); }

    public boolean known() { return line > 0; }

    /** "file:line:col" as compilers print it. */
    public String where() { return origin() + ":" + line + ":" + column; }
}
