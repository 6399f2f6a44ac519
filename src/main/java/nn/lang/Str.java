package nn.lang;

/** A quoted string (a file name), without its quotes. */
public record Str(String text, Pos pos) implements Arg { }
