package nn.lang;

/**
 * One argument of a statement written `keyword argument*`: an option ({@code lr=0.1}), a quoted string (a file), an
 * expression (a value, a name, {@code uniform(-1, 1)}), or a keyword used as a word ({@code explain update w100}).
 * The statement's row reads them ({@code nn.session.Signature}).
 */
public sealed interface Arg permits Option, Str, Word, Expr {
    Pos pos();
}
