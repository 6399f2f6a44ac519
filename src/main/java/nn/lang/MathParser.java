package nn.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one equation of a document as TeX math writes it: {@code LHS = A = B = … = numbers}. Products may be written
 * with {@code \cdot}, {@code \times}, {@code ·}, {@code ×}, {@code *} or side by side ({@code W_{\text{out}}h},
 * {@code 0.526(1 - 0.526)}, {@code \mu \frac{\partial E}{\partial w}}); {@code \frac{a}{b}}, {@code e^{…}},
 * {@code \sum_i}, {@code \sigma(…)}, {@code \text{relu}(…)}, {@code \max(0, x)}, bmatrix/pmatrix/vmatrix,
 * starred and primed names ({@code w_{100}^*}, {@code {w_{100}}^*}, {@code E'}) and derivatives
 * ({@code \frac{\partial E}{\partial w_{100}}}, {@code \partial E/\partial o}, {@code ∂E/∂o}).
 * Spacing commands, {@code \left}/{@code \right} and {@code \label} carry nothing. A recursive descent over a small
 * token list: TeX math has no grammar ANTLR could use without reading every juxtaposition as ambiguous.
 */
public final class MathParser {

    /** Something the parser could not read, at {@code column} (1-based) of the equation's text. */
    public static final class Failure extends RuntimeException {
        public final int column;

        Failure(String message, int column) {
            super(message, null, false, false);
            this.column = column;
        }
    }

    private enum T { NUM, WORD, SUB, CMD, OP, LBRACE, RBRACE, LPAREN, RPAREN, LBRACK, RBRACK, EQ, AMP, ROWSEP, BEGIN, END, COMMA, STAR, END_OF_INPUT }

    private record Tok(T type, String text, int column) { }

    private static final Set<String> FUNCTIONS = Set.of("relu", "sigma", "σ", "sigmoid", "tanh", "exp", "max", "min", "log", "ln", "softmax");
    private static final Set<String> NOISE = Set.of("left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr",
            "displaystyle", "textstyle", ",", ";", "!", ":", " ", "quad", "qquad", "limits", "nolimits", "nonumber", "notag");
    private static final Set<String> WRAPPERS = Set.of("mathbf", "boldsymbol", "bm", "vec", "mathbb", "mathcal", "mathit", "mathsf");
    private static final Set<String> WORDS = Set.of("text", "mathrm", "textrm", "operatorname", "textit", "rm", "textbf");
    private static final java.util.Map<String, String> GREEK = java.util.Map.ofEntries(
            java.util.Map.entry("mu", "μ"), java.util.Map.entry("eta", "η"), java.util.Map.entry("alpha", "α"),
            java.util.Map.entry("lambda", "λ"), java.util.Map.entry("delta", "δ"), java.util.Map.entry("theta", "θ"),
            java.util.Map.entry("epsilon", "ε"), java.util.Map.entry("varepsilon", "ε"), java.util.Map.entry("sigma", "σ"),
            java.util.Map.entry("gamma", "γ"), java.util.Map.entry("beta", "β"), java.util.Map.entry("ell", "ℓ"));
    // h_{\text{pre}},0 inside a fraction (the reference's eq. 30) means h_{pre,0}
    private static final Pattern SPLIT_SUBSCRIPT = Pattern.compile("_\\{((?:\\\\[a-z]+\\{[^{}]*\\}|[^{}])*)\\},\\s*(\\d+)\\}");

    private final List<Tok> toks;
    private int at;

    private MathParser(List<Tok> toks) { this.toks = toks; }

    /** The members of an equation, left to right (one member when there is no '='). */
    public static List<MathExpr> chain(String text) {
        MathParser p = new MathParser(tokens(text));
        List<MathExpr> members = new ArrayList<>();
        members.add(p.expr());
        while (p.peek().type == T.EQ) {
            p.next();
            members.add(p.expr());
        }
        Tok t = p.peek();
        if (t.type != T.END_OF_INPUT) throw new Failure("cannot read '" + t.text + "' here", t.column);
        return members;
    }

    // ---- tokens ----

    static List<Tok> tokens(String raw) {
        // h_{\text{pre}},0} → h_{\text{pre},0}}: the same length, so columns stay those of the text as written
        String s = fixSubscripts(raw);
        List<Tok> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            int col = i + 1;
            if (Character.isWhitespace(c) || c == '$' || c == '\u00A0') { i++; continue; }
            if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1))) {
                int j = i;
                while (j < n && Character.isDigit(s.charAt(j))) j++;
                if (j < n && s.charAt(j) == '.' && !(j + 1 < n && s.charAt(j + 1) == '.')) {
                    j++;
                    while (j < n && Character.isDigit(s.charAt(j))) j++;
                }
                out.add(new Tok(T.NUM, s.substring(i, j), col));
                i = j;
                continue;
            }
            if (Character.isLetter(c)) {
                int j = i;
                if (c == 'σ' || c == 'μ' || c == 'η' || c == 'α' || c == 'Σ' || c == '∂') j = i + 1;
                else {
                    while (j < n && Character.isLetter(s.charAt(j)) && "σμηαΣ∂".indexOf(s.charAt(j)) < 0) j++;
                    while (j < n && Character.isDigit(s.charAt(j))) j++;
                }
                String w = s.substring(i, j);
                if (w.equals("Σ")) out.add(new Tok(T.CMD, "sum", col));
                else if (w.equals("∂")) out.add(new Tok(T.CMD, "partial", col));
                else out.add(new Tok(T.WORD, w, col));
                i = j;
                continue;
            }
            if (c == '\\') {
                if (i + 1 < n && s.charAt(i + 1) == '\\') { out.add(new Tok(T.ROWSEP, "\\\\", col)); i += 2; continue; }
                int j = i + 1;
                while (j < n && Character.isLetter(s.charAt(j))) j++;
                if (j == i + 1 && j < n) j++; // \, \; \! \{ \}
                String name = s.substring(i + 1, j);
                i = j;
                if (name.equals("{") || name.equals("}")) { out.add(new Tok(name.equals("{") ? T.LBRACE : T.RBRACE, name, col)); continue; }
                if (NOISE.contains(name)) continue;
                if (name.equals("label") || name.equals("tag") || name.equals("tag*")) { i = skipGroup(s, i); continue; }
                if (name.equals("begin") || name.equals("end")) {
                    int close = s.indexOf('}', i);
                    if (close < 0) throw new Failure("\\" + name + " without {…}", col);
                    String env = s.substring(i, close + 1);
                    i = close + 1;
                    if (!env.contains("matrix")) continue; // aligned, split, gathered: their '&' and '\\' are layout
                    out.add(new Tok(name.equals("begin") ? T.BEGIN : T.END, "\\" + name + env, col));
                    continue;
                }
                if (WORDS.contains(name)) {
                    int[] g = group(s, i, col);
                    String inner = s.substring(g[0], g[1]).trim();
                    out.add(new Tok(T.WORD, inner, col));
                    i = g[1] + 1;
                    continue;
                }
                if (name.equals("cdot") || name.equals("times") || name.equals("ast") || name.equals("cdotp")) { out.add(new Tok(T.OP, "*", col)); continue; }
                if (name.equals("div")) { out.add(new Tok(T.OP, "/", col)); continue; }
                if (name.equals("approx") || name.equals("simeq")) { out.add(new Tok(T.EQ, "=", col)); continue; }
                if (name.equals("prime")) { out.add(new Tok(T.STAR, "'", col)); continue; }
                if (GREEK.containsKey(name)) { out.add(new Tok(T.WORD, GREEK.get(name), col)); continue; }
                out.add(new Tok(T.CMD, name, col));
                continue;
            }
            if (c == '_') {
                int j = i + 1;
                while (j < n && s.charAt(j) == ' ') j++;
                if (j < n && s.charAt(j) == '{') {
                    int[] g = group(s, j, col);
                    out.add(new Tok(T.SUB, subscript(s.substring(g[0], g[1])), col));
                    i = g[1] + 1;
                } else if (j < n && s.charAt(j) == '\\') {
                    int k = j + 1;
                    while (k < n && Character.isLetter(s.charAt(k))) k++;
                    String name = s.substring(j + 1, k);
                    if (WORDS.contains(name)) {
                        int[] g = group(s, k, col);
                        out.add(new Tok(T.SUB, subscript(s.substring(g[0], g[1])), col));
                        i = g[1] + 1;
                    } else {
                        out.add(new Tok(T.SUB, GREEK.getOrDefault(name, name), col));
                        i = k;
                    }
                } else if (j < n) {
                    out.add(new Tok(T.SUB, String.valueOf(s.charAt(j)), col));
                    i = j + 1;
                } else {
                    throw new Failure("a subscript is missing after '_'", col);
                }
                continue;
            }
            i++;
            switch (c) {
                case '+' -> out.add(new Tok(T.OP, "+", col));
                case '-', '\u2212', '\u2013', '\u2012' -> out.add(new Tok(T.OP, "-", col));
                case '*' -> {
                    if (!out.isEmpty() && out.get(out.size() - 1).type == T.OP && out.get(out.size() - 1).text.equals("^")) {
                        out.set(out.size() - 1, new Tok(T.STAR, "*", col));
                    } else {
                        out.add(new Tok(T.OP, "*", col));
                    }
                }
                case '\u00B7', '\u22C5', '\u00D7', '\u2219' -> out.add(new Tok(T.OP, "*", col));
                case '/', '\u00F7' -> out.add(new Tok(T.OP, "/", col));
                case '^' -> out.add(new Tok(T.OP, "^", col));
                case '\'', '\u2032' -> out.add(new Tok(T.STAR, "'", col));
                case '{' -> {
                    // ^{*}: a star in braces
                    if (!out.isEmpty() && out.get(out.size() - 1).type == T.OP && out.get(out.size() - 1).text.equals("^")
                            && s.startsWith("*}", i)) {
                        out.set(out.size() - 1, new Tok(T.STAR, "*", col));
                        i += 2;
                    } else if (!out.isEmpty() && out.get(out.size() - 1).type == T.OP && out.get(out.size() - 1).text.equals("^")
                            && s.startsWith("\\ast}", i)) {
                        out.set(out.size() - 1, new Tok(T.STAR, "*", col));
                        i += 5;
                    } else {
                        out.add(new Tok(T.LBRACE, "{", col));
                    }
                }
                case '}' -> out.add(new Tok(T.RBRACE, "}", col));
                case '(' -> out.add(new Tok(T.LPAREN, "(", col));
                case ')' -> out.add(new Tok(T.RPAREN, ")", col));
                case '[' -> out.add(new Tok(T.LBRACK, "[", col));
                case ']' -> out.add(new Tok(T.RBRACK, "]", col));
                case '|' -> { } // \left| … \right| as brackets: read as grouping
                case '=', '\u2248' -> out.add(new Tok(T.EQ, "=", col));
                case '&' -> out.add(new Tok(T.AMP, "&", col));
                case ',' -> out.add(new Tok(T.COMMA, ",", col));
                case ';' -> out.add(new Tok(T.ROWSEP, ";", col));
                case '\u00BD' -> out.add(new Tok(T.NUM, "½", col));
                case '\u00B2' -> { out.add(new Tok(T.OP, "^", col)); out.add(new Tok(T.NUM, "2", col)); }
                case '\u1D40' -> { out.add(new Tok(T.OP, "^", col)); out.add(new Tok(T.WORD, "T", col)); }
                case '\u2211' -> out.add(new Tok(T.CMD, "sum", col));
                case '\u2202' -> out.add(new Tok(T.CMD, "partial", col));
                case '~', '\u2009', '\u200A', '\u202F' -> { }
                default -> throw new Failure("cannot read '" + c + "' in an equation", col);
            }
        }
        out.add(new Tok(T.END_OF_INPUT, "the end of the equation", s.length() + 1));
        return out;
    }

    private static String fixSubscripts(String s) {
        Matcher m = SPLIT_SUBSCRIPT.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String r = "_{" + m.group(1) + "," + m.group(2) + "}}";
            m.appendReplacement(b, Matcher.quoteReplacement(r + " ".repeat(Math.max(0, m.group().length() - r.length()))));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** {start, end} of the text inside the group opening at {@code from} (spaces before '{' allowed). */
    private static int[] group(String s, int from, int col) {
        int i = from;
        while (i < s.length() && s.charAt(i) == ' ') i++;
        if (i >= s.length() || s.charAt(i) != '{') throw new Failure("'{' expected", col);
        int depth = 0;
        for (int j = i; j < s.length(); j++) {
            if (s.charAt(j) == '{') depth++;
            else if (s.charAt(j) == '}' && --depth == 0) return new int[] {i + 1, j};
        }
        throw new Failure("'{' is never closed", i + 1);
    }

    private static int skipGroup(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) == ' ') i++;
        if (i < s.length() && s.charAt(i) == '*') i++;
        if (i >= s.length() || s.charAt(i) != '{') return from;
        return group(s, i, i + 1)[1] + 1;
    }

    /** A subscript's text without TeX commands, braces and spaces: {@code \text{pre},0} → {@code pre,0}. */
    static String subscript(String raw) {
        String s = raw.replaceAll("\\\\(text|mathrm|textrm|operatorname|textit|rm|mathit)\\s*", "");
        s = s.replace("{", "").replace("}", "").replace(" ", "").replace("\\,", "");
        return s;
    }

    // ---- parser ----

    private Tok peek() { return toks.get(at); }

    private Tok peek(int k) { return toks.get(Math.min(at + k, toks.size() - 1)); }

    private Tok next() { return toks.get(at++); }

    private Tok expect(T type, String what) {
        Tok t = peek();
        if (t.type != type) throw new Failure(what + " expected, not '" + t.text + "'", t.column);
        return next();
    }

    private MathExpr expr() {
        MathExpr e = term();
        while (peek().type == T.OP && (peek().text.equals("+") || peek().text.equals("-"))) {
            Tok op = next();
            e = new MathExpr.Bin(op.text.charAt(0), e, term(), op.column);
        }
        return e;
    }

    private MathExpr term() {
        MathExpr e = unary();
        while (true) {
            Tok t = peek();
            if (t.type == T.OP && (t.text.equals("*") || t.text.equals("/"))) {
                next();
                e = new MathExpr.Bin(t.text.charAt(0), e, unary(), t.column);
            } else if (startsPrimary(t)) {
                e = new MathExpr.Bin('*', e, power(), t.column);
            } else {
                return e;
            }
        }
    }

    private boolean startsPrimary(Tok t) {
        return switch (t.type) {
            case NUM, WORD, LPAREN, LBRACE, LBRACK, BEGIN -> true;
            case CMD -> !t.text.equals("end");
            default -> false;
        };
    }

    private MathExpr unary() {
        Tok t = peek();
        if (++depth > 200) throw new Failure("the equation is nested too deep to read", t.column);
        try {
            if (t.type == T.OP && t.text.equals("-")) { next(); return new MathExpr.Neg(unary(), t.column); }
            if (t.type == T.OP && t.text.equals("+")) { next(); return unary(); }
            return power();
        } finally {
            depth--;
        }
    }

    private MathExpr power() {
        MathExpr e = primary();
        while (true) {
            Tok t = peek();
            if (t.type == T.STAR) { next(); e = star(e, t); continue; }
            if (t.type == T.SUB && e instanceof MathExpr.Sym s && s.sub().isEmpty()) { // {w}_{100}
                next();
                e = new MathExpr.Sym(s.base(), t.text, s.starred(), s.text() + "_" + t.text, s.column());
                continue;
            }
            if (t.type == T.OP && t.text.equals("^")) {
                next();
                Tok u = peek();
                if (u.type == T.WORD && (u.text.equals("T") || u.text.equals("\\top"))) { next(); e = new MathExpr.Transpose(e, t.column); continue; }
                if (u.type == T.CMD && u.text.equals("top")) { next(); e = new MathExpr.Transpose(e, t.column); continue; }
                if (u.type == T.LBRACE && peek(1).type == T.WORD && peek(1).text.equals("T") && peek(2).type == T.RBRACE) {
                    at += 3;
                    e = new MathExpr.Transpose(e, t.column);
                    continue;
                }
                MathExpr exponent = superscript();
                if (e instanceof MathExpr.Sym s && s.base().equals("e") && s.sub().isEmpty() && !s.starred()) {
                    e = new MathExpr.Call("exp", List.of(exponent), s.column());
                } else {
                    e = new MathExpr.Pow(e, exponent, t.column);
                }
                continue;
            }
            return e;
        }
    }

    /** The exponent after '^': a group, or one digit or letter (x^23 is x² · 3 in TeX). */
    private MathExpr superscript() {
        Tok t = peek();
        if (t.type == T.LBRACE) {
            next();
            MathExpr e = expr();
            expect(T.RBRACE, "'}'");
            return e;
        }
        if (t.type == T.NUM) {
            next();
            if (t.text.length() > 1 && !t.text.contains(".")) {
                // ^23: only the first digit is the exponent; give back the rest
                toks.add(at, new Tok(T.NUM, t.text.substring(1), t.column + 1));
                return num(t.text.substring(0, 1), t.column);
            }
            return num(t.text, t.column);
        }
        if (t.type == T.OP && t.text.equals("-")) { next(); return new MathExpr.Neg(superscript(), t.column); }
        return primary();
    }

    private static MathExpr star(MathExpr e, Tok t) {
        if (e instanceof MathExpr.Sym s) return t.text.equals("'") ? new MathExpr.Sym(s.base(), s.sub(), true, s.text() + "'", s.column()) : s.withStar();
        throw new Failure("only a name can be starred (w^*, E^*)", t.column);
    }

    private int depth;

    private MathExpr primary() {
        if (++depth > 200) throw new Failure("the equation is nested too deep to read", peek().column);
        try {
            return primaryInner();
        } finally {
            depth--;
        }
    }

    private MathExpr primaryInner() {
        Tok t = next();
        switch (t.type) {
            case NUM:
                return num(t.text, t.column);
            case LPAREN: {
                MathExpr e = expr();
                if (peek().type == T.COMMA) throw new Failure("a list in parentheses is only read as a function's arguments", peek().column);
                expect(T.RPAREN, "')'");
                return e;
            }
            case LBRACK: {
                MathExpr e = expr();
                expect(T.RBRACK, "']'");
                return e;
            }
            case LBRACE: {
                MathExpr e = expr();
                expect(T.RBRACE, "'}'");
                return e;
            }
            case BEGIN:
                return matrix(t);
            case WORD:
                return word(t);
            case CMD:
                return command(t);
            default:
                throw new Failure(t.type == T.END_OF_INPUT ? "the equation ends where a value is expected" : "a value is expected here, not '" + t.text + "'", t.column);
        }
    }

    private MathExpr matrix(Tok begin) {
        List<List<MathExpr>> rows = new ArrayList<>();
        List<MathExpr> row = new ArrayList<>();
        while (true) {
            Tok t = peek();
            if (t.type == T.END) { next(); break; }
            if (t.type == T.END_OF_INPUT) throw new Failure(begin.text + " is never closed (\\end{…} expected)", begin.column);
            row.add(expr());
            Tok sep = peek();
            if (sep.type == T.AMP || sep.type == T.COMMA) { next(); continue; }
            if (sep.type == T.ROWSEP) {
                next();
                rows.add(row);
                row = new ArrayList<>();
                continue;
            }
            if (sep.type != T.END) throw new Failure("'&', '\\\\' or \\end{…} expected in a matrix, not '" + sep.text + "'", sep.column);
        }
        if (!row.isEmpty()) rows.add(row);
        if (rows.isEmpty()) throw new Failure("an empty matrix", begin.column);
        int width = rows.get(0).size();
        for (List<MathExpr> r : rows) {
            if (r.size() != width) throw new Failure("the rows of this matrix have different lengths (" + width + " and " + r.size() + ")", begin.column);
        }
        return new MathExpr.Matrix(rows, begin.column);
    }

    private MathExpr word(Tok t) {
        String w = t.text;
        String lower = w.toLowerCase(Locale.ROOT);
        if (FUNCTIONS.contains(lower) && peek().type == T.LPAREN) return call(lower, t);
        if (FUNCTIONS.contains(lower) && (peek().type == T.CMD && peek().text.equals("left"))) return call(lower, t);
        if (peek().type == T.SUB) {
            Tok sub = next();
            return new MathExpr.Sym(w, sub.text, false, w + "_" + sub.text, t.column);
        }
        return new MathExpr.Sym(w, "", false, w, t.column);
    }

    private MathExpr call(String f, Tok t) {
        expect(T.LPAREN, "'('");
        List<MathExpr> args = new ArrayList<>();
        args.add(expr());
        while (peek().type == T.COMMA) {
            next();
            args.add(expr());
        }
        expect(T.RPAREN, "')'");
        String fn = f.equals("sigma") || f.equals("σ") ? "sigmoid" : f.equals("ln") ? "log" : f;
        return new MathExpr.Call(fn, args, t.column);
    }

    private MathExpr command(Tok t) {
        String c = t.text;
        switch (c) {
            case "frac": case "dfrac": case "tfrac": return fraction(t);
            case "partial": return partialSlash(t);
            case "sum": {
                String index = "";
                if (peek().type == T.SUB) index = next().text;
                if (peek().type == T.OP && peek().text.equals("^")) { next(); superscript(); }
                if (index.contains("=")) index = index.substring(0, index.indexOf('='));
                return new MathExpr.Sum(index, term(), t.column);
            }
            case "exp": case "max": case "min": case "log": case "ln": case "tanh": case "operatorname":
                if (peek().type == T.LPAREN) return call(c, t);
                throw new Failure("\\" + c + " needs its argument in parentheses", t.column);
            case "hat": case "bar": case "tilde": {
                MathExpr inner = primary();
                if (inner instanceof MathExpr.Sym s) return new MathExpr.Sym(s.base() + "_" + c, s.sub(), s.starred(), "\\" + c + "{" + s.text() + "}", t.column);
                return new MathExpr.Opaque("\\" + c, t.column);
            }
            case "sqrt": {
                MathExpr inner = primary();
                return new MathExpr.Pow(inner, new MathExpr.Num(0.5, 1, "0.5", t.column), t.column);
            }
            default:
                if (WRAPPERS.contains(c)) return primary();
                throw new Failure("\\" + c + " is not something nn can read in an equation", t.column);
        }
    }

    /** {@code \frac{a}{b}}: a quotient, or ∂a/∂b when both start with ∂ (or d). */
    private MathExpr fraction(Tok t) {
        List<Tok> num = groupTokens();
        List<Tok> den = groupTokens();
        if (isPartial(num) && isPartial(den)) {
            MathExpr.Sym of = singleName(num.subList(1, num.size()));
            MathExpr.Sym by = singleName(den.subList(1, den.size()));
            String text = "∂" + (of == null ? "(…)" : of.text()) + "/∂" + (by == null ? "(…)" : by.text());
            if (of == null || by == null) return new MathExpr.Opaque(text, t.column);
            return new MathExpr.Deriv(of, by, text, t.column);
        }
        if (isD(num) && isD(den)) { // \frac{dE}{dw}
            MathExpr.Sym of = singleName(dropD(num));
            MathExpr.Sym by = singleName(dropD(den));
            if (of != null && by != null) return new MathExpr.Deriv(of, by, "∂" + of.text() + "/∂" + by.text(), t.column);
        }
        MathExpr a = new MathParser(withEnd(num)).wholeExpr();
        MathExpr b = new MathParser(withEnd(den)).wholeExpr();
        return new MathExpr.Bin('/', a, b, t.column);
    }

    private MathExpr partialSlash(Tok t) {
        // ∂E/∂o: a name, '/', ∂, a name
        List<Tok> of = new ArrayList<>();
        while (!(peek().type == T.OP && peek().text.equals("/")) && peek().type != T.END_OF_INPUT && peek().type != T.EQ) of.add(next());
        if (!(peek().type == T.OP && peek().text.equals("/"))) throw new Failure("∂ is read as ∂A/∂B or \\frac{\\partial A}{\\partial B}", t.column);
        next();
        Tok p = next();
        if (!(p.type == T.CMD && p.text.equals("partial"))) throw new Failure("∂ expected after '/' in ∂A/∂B", p.column);
        List<Tok> by = new ArrayList<>();
        by.add(expect(T.WORD, "a name"));
        while (peek().type == T.SUB || peek().type == T.STAR) by.add(next());
        MathExpr.Sym a = singleName(of);
        MathExpr.Sym b = singleName(by);
        if (a == null || b == null) return new MathExpr.Opaque("∂…/∂…", t.column);
        return new MathExpr.Deriv(a, b, "∂" + a.text() + "/∂" + b.text(), t.column);
    }

    private List<Tok> groupTokens() {
        Tok open = peek();
        if (open.type != T.LBRACE) {
            // \frac12: two single tokens
            if (open.type == T.NUM && open.text.length() >= 1) {
                next();
                if (open.text.length() > 1 && !open.text.contains(".")) {
                    toks.add(at, new Tok(T.NUM, open.text.substring(1), open.column + 1));
                    return List.of(new Tok(T.NUM, open.text.substring(0, 1), open.column));
                }
                return List.of(open);
            }
            if (open.type == T.WORD) return List.of(next());
            throw new Failure("'{' expected after \\frac", open.column);
        }
        next();
        int depth = 1;
        List<Tok> inner = new ArrayList<>();
        while (true) {
            Tok t = next();
            if (t.type == T.END_OF_INPUT) throw new Failure("'{' is never closed", open.column);
            if (t.type == T.LBRACE) depth++;
            if (t.type == T.RBRACE && --depth == 0) return inner;
            inner.add(t);
        }
    }

    private static boolean isPartial(List<Tok> g) { return !g.isEmpty() && g.get(0).type == T.CMD && g.get(0).text.equals("partial"); }

    private static boolean isD(List<Tok> g) {
        return !g.isEmpty() && g.get(0).type == T.WORD && g.get(0).text.startsWith("d") && g.get(0).text.length() > 1 && g.size() <= 3;
    }

    private static List<Tok> dropD(List<Tok> g) {
        List<Tok> out = new ArrayList<>(g);
        Tok f = out.get(0);
        out.set(0, new Tok(T.WORD, f.text.substring(1), f.column + 1));
        return out;
    }

    /** The tokens as one name (E, w_{100}, h_{pre,0}, {w_{100}}^*), or null when they are more than a name. */
    private static MathExpr.Sym singleName(List<Tok> g) {
        if (g.isEmpty()) return null;
        try {
            MathParser p = new MathParser(withEnd(g));
            MathExpr e = p.power();
            if (p.peek().type != T.END_OF_INPUT) return null;
            return e instanceof MathExpr.Sym s ? s : null;
        } catch (Failure f) {
            return null;
        }
    }

    private static List<Tok> withEnd(List<Tok> g) {
        List<Tok> l = new ArrayList<>(g);
        int col = g.isEmpty() ? 1 : g.get(g.size() - 1).column + 1;
        l.add(new Tok(T.END_OF_INPUT, "the end of the group", col));
        return l;
    }

    private MathExpr wholeExpr() {
        MathExpr e = expr();
        Tok t = peek();
        if (t.type != T.END_OF_INPUT) throw new Failure("cannot read '" + t.text + "' here", t.column);
        return e;
    }

    private static MathExpr num(String text, int column) {
        if (text.equals("½")) return new MathExpr.Bin('/', new MathExpr.Num(1, -1, "1", column), new MathExpr.Num(2, -1, "2", column), column);
        int dot = text.indexOf('.');
        int decimals = dot < 0 ? -1 : text.length() - dot - 1;
        return new MathExpr.Num(Double.parseDouble(text), decimals, text, column);
    }
}
