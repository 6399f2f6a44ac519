package nn.robust;

import java.util.List;
import java.util.Random;

/**
 * Random token soup: the lexer's whole vocabulary (every keyword, operator, bracket, number and string form, the
 * Unicode spellings) mixed with what people paste by accident (ligatures, smart quotes, emoji, lone surrogates, NUL,
 * bidi marks, tabs and carriage returns), joined with random spacing.
 */
final class Soup {
    private Soup() { }

    static final List<String> TOKENS = List.of(
            "layer", "input", "target", "loss", "forward", "backward", "update", "step", "show", "expect", "precision",
            "explain", "trace", "draw", "export", "init", "data", "train", "freeze", "unfreeze", "evaluate", "predict",
            "plot", "gradcheck", "save", "run", "reset", "help", "exit", "quit", "as",
            "relu", "sigmoid", "softmax", "tanh", "linear", "leaky_relu", "half_sse", "cross_entropy", "on", "off",
            "x", "y", "E", "W0", "b1", "w100", "h", "h_pre", "o", "o_pre", "dE/dw100", "∂E/∂W0", "do/do_pre", "w_{100}",
            "h_{pre,0}", "lr", "μ", "epochs", "net", "xor", "csv", "random", "uniform", "xavier",
            "0", "1", "0.5", ".5", "5.", "1e-3", "1E+4", "1e400", "1e-400", "4.9e-324", "1e308", "99999999999", "7", "3",
            "->", "→", "±", "+/-", "+-", "<=", "≤", ">=", "≥", "<", ">", "=", "-", "−", "–", "+", "/", ",", "&", "\\\\",
            "[", "]", "(", ")", "[[", "]]", "\\begin{bmatrix}", "\\end{bmatrix}", "\\begin{pmatrix}", "\\end{matrix}", ";",
            "\n", "\r\n", "\r", "\"f.nn\"", "\"a\u0000b\"", "\"/\"", "\"\"", "'x'", "\"\"", "\"unterminated", "# comment", "// comment", "{", "}", "_", "_{",
            "ﬁ", "“", "”", "’", "×", "·", "😀", "\uD800", "\uDC00", "\u0000", "\u202E", "\u200B", "\uFEFF", "\t", "\u00A0",
            "\u3000", "¼", "٣", "𝑥", "Ω", "é", "e\u0301", "\\", "$", "@", "!", "?", "%", "^", "*", "~", "`", "|");

    static String soup(Random r, int maxTokens) {
        StringBuilder b = new StringBuilder();
        int n = 1 + r.nextInt(maxTokens);
        for (int i = 0; i < n; i++) {
            b.append(TOKENS.get(r.nextInt(TOKENS.size())));
            int sp = r.nextInt(10);
            if (sp < 6) b.append(' ');
            else if (sp == 6) b.append('\n');
        }
        return b.toString();
    }
}
