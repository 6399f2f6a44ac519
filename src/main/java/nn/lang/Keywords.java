package nn.lang;

import java.util.ArrayList;
import java.util.List;
import nn.grammar.NnLexer;

/** The statement keywords as the lexer defines them, read from its vocabulary rather than copied. */
public final class Keywords {
    private Keywords() { }

    /** Every keyword token of the grammar, as written ('layer', 'forward', ...): the words a statement may start with. */
    public static List<String> statements() {
        List<String> out = new ArrayList<>();
        for (int t = 1; t <= NnLexer.VOCABULARY.getMaxTokenType(); t++) {
            String lit = NnLexer.VOCABULARY.getLiteralName(t);
            if (lit == null) continue;
            String w = lit.substring(1, lit.length() - 1);
            if (w.matches("[a-z]+") && t != NnLexer.AS) out.add(w);
        }
        return out;
    }

    /** The keywords of the generic form {@code keyword argument*} (grammar rule `keyword`). */
    public static List<String> commands() {
        List<String> out = new ArrayList<>();
        for (String w : statements()) if (!w.equals("layer") && !w.equals("data") && !w.equals("expect")) out.add(w);
        return out;
    }
}
