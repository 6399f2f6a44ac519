package nn.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The display equations of a document: plain text or Markdown with {@code $$…$$} (or a {@code ```math} fence), or a
 * LaTeX file ({@code \[…\]}, {@code equation}, {@code align}, {@code aligned}...). Prose, inline {@code $…$} math and
 * other code is skipped. Each equation keeps its place in the source (carets point into the document) and its number:
 * {@code \tag{2}}, {@code \quad (24)} at its end, a line {@code (7)} after it, or LaTeX's own numbering of
 * {@code equation} and {@code align}. Rows of an aligned block are equations of their own; a row that starts with
 * {@code &=} goes on with the equation above it.
 */
public record Document(Source source, List<Document.Equation> equations) {

    /** One equation: its text (the document's characters at {@code offset}, layout blanked), and its number or "". */
    public record Equation(Source source, int offset, String text, String number) {
        /** Where column {@code col} (1-based, of {@link #text}) is in the document. */
        public Pos at(int col, int length) {
            int off = Math.min(offset + Math.max(col - 1, 0), source.text().length());
            int line = source.firstLine();
            int lineStart = 0;
            String t = source.text();
            for (int i = 0; i < off; i++) {
                if (t.charAt(i) == '\n') { line++; lineStart = i + 1; }
            }
            return new Pos(source, line, off - lineStart + 1, Math.max(1, length));
        }

        /** The line the equation starts on. */
        public int line() { return at(firstNonBlank(), 1).line(); }

        private int firstNonBlank() {
            for (int i = 0; i < text.length(); i++) if (!Character.isWhitespace(text.charAt(i))) return i + 1;
            return 1;
        }

        /** "(3)" for a numbered equation, else "line 97". */
        public String label() { return number.isEmpty() ? "line " + line() : "(" + number + ")"; }
    }

    private static final Pattern TAG = Pattern.compile("\\\\tag\\*?\\{\\s*([^}]*?)\\s*\\}");
    private static final Pattern TRAILING_NUMBER = Pattern.compile("(?:\\\\q?quad|\\\\hfill|\\\\;|\\\\,|\\s{2,})\\s*\\(\\s*(\\d+[a-z]?)\\s*\\)\\s*$");
    private static final Pattern LINE_NUMBER = Pattern.compile("^\\s*\\$*\\s*\\(\\s*(\\d+[a-z]?)\\s*\\)\\s*\\$*\\s*$");
    private static final Pattern ANNOTATION = Pattern.compile("\\\\q?quad\\s*\\\\(text|mbox|textrm|mathrm)\\s*\\{");
    private static final Pattern ENV = Pattern.compile("\\\\begin\\{(equation|align|gather|multline|eqnarray|displaymath)(\\*?)\\}");

    /** A source looks like a document (not nn statements) when it has display math or TeX commands nn's language lacks. */
    public static boolean looksLikeMath(String text) {
        return text.contains("$$") || text.contains("\\[") || text.contains("\\frac") || text.contains("\\partial")
                || text.contains("\\begin{equation") || text.contains("\\begin{align") || text.contains("\\sum") || text.contains("\\sigma")
                || text.contains("```math") || text.contains("\\text{relu}") || text.contains("^*");
    }

    public static Document read(Source src) {
        String t = src.text();
        List<Equation> out = new ArrayList<>();
        int autoNumber = 0;
        int i = 0;
        int n = t.length();
        while (i < n) {
            // Markdown code fences: ```math is display math, any other fence is skipped whole
            if ((i == 0 || t.charAt(i - 1) == '\n') && t.startsWith("```", i)) {
                int eol = lineEnd(t, i);
                String info = t.substring(i + 3, eol).trim();
                int close = t.indexOf("\n```", eol);
                int end = close < 0 ? n : close + 1;
                if (info.equals("math") || info.equals("latex") || info.equals("tex")) {
                    addDisplay(src, eol + 1, end, out, false, 0);
                }
                i = close < 0 ? n : lineEnd(t, close + 1);
                continue;
            }
            if (t.startsWith("$$", i)) {
                int close = t.indexOf("$$", i + 2);
                if (close < 0) close = n;
                autoNumber = addDisplay(src, i + 2, close, out, false, autoNumber);
                i = Math.min(n, close + 2);
                continue;
            }
            if (t.startsWith("\\[", i)) {
                int close = t.indexOf("\\]", i + 2);
                if (close < 0) close = n;
                autoNumber = addDisplay(src, i + 2, close, out, false, autoNumber);
                i = Math.min(n, close + 2);
                continue;
            }
            if (t.startsWith("\\begin{", i)) {
                Matcher m = ENV.matcher(t);
                m.region(i, n);
                if (m.lookingAt()) {
                    String endTag = "\\end{" + m.group(1) + m.group(2) + "}";
                    int close = t.indexOf(endTag, m.end());
                    if (close < 0) close = n;
                    autoNumber = addDisplay(src, m.end(), close, out, m.group(2).isEmpty() && !m.group(1).equals("displaymath"), autoNumber);
                    i = Math.min(n, close + endTag.length());
                    continue;
                }
            }
            if (t.startsWith("\\(", i)) { // inline math: prose
                int close = t.indexOf("\\)", i + 2);
                i = close < 0 ? n : close + 2;
                continue;
            }
            if (t.charAt(i) == '$') { // inline $…$: prose
                int close = t.indexOf('$', i + 1);
                int eol = lineEnd(t, i);
                i = close < 0 || close > eol + 200 ? i + 1 : close + 1;
                continue;
            }
            if (t.charAt(i) == '%' && (i == 0 || t.charAt(i - 1) != '\\')) { // a LaTeX comment
                i = lineEnd(t, i);
                continue;
            }
            if (t.charAt(i) == '(' && (i == 0 || t.charAt(i - 1) == '\n' || onlySpacesBefore(t, i))) {
                int eol = lineEnd(t, i);
                Matcher m = LINE_NUMBER.matcher(t.substring(lineStart(t, i), eol));
                if (m.matches()) {
                    number(out, m.group(1));
                    i = eol;
                    continue;
                }
            }
            i++;
        }
        return new Document(src, List.copyOf(out));
    }

    private static boolean onlySpacesBefore(String t, int i) {
        for (int k = i - 1; k >= 0 && t.charAt(k) != '\n'; k--) if (t.charAt(k) != ' ' && t.charAt(k) != '\t') return false;
        return true;
    }

    private static int lineStart(String t, int i) {
        int k = i;
        while (k > 0 && t.charAt(k - 1) != '\n') k--;
        return k;
    }

    private static int lineEnd(String t, int i) {
        int e = t.indexOf('\n', i);
        return e < 0 ? t.length() : e;
    }

    /** A number on a line of its own numbers the equation just above it, if that has none. */
    private static void number(List<Equation> out, String number) {
        if (out.isEmpty()) return;
        Equation last = out.get(out.size() - 1);
        if (last.number().isEmpty()) out.set(out.size() - 1, new Equation(last.source(), last.offset(), last.text(), number));
    }

    /**
     * The equations of one display [from, to): rows at top-level {@code \\} (not those inside a matrix), '&' blanked,
     * a row starting with '=' joined to the one above. Returns the next automatic number.
     */
    private static int addDisplay(Source src, int from, int to, List<Equation> out, boolean numbered, int auto) {
        String t = src.text();
        char[] body = t.substring(from, to).toCharArray();
        // blank what is layout: \begin{aligned} \end{aligned} \label{..} and annotations (\qquad \text{ReLU on})
        blank(body, "\\begin{aligned}", "\\end{aligned}", "\\begin{align*}", "\\end{align*}", "\\begin{split}", "\\end{split}",
                "\\begin{gathered}", "\\end{gathered}", "\\nonumber", "\\notag");
        String s = new String(body);
        if (s.trim().matches("\\(\\s*\\d+[a-z]?\\s*\\)")) { // $$(45)$$: only a number
            number(out, s.trim().replaceAll("[()\\s]", ""));
            return auto;
        }
        List<int[]> rows = new ArrayList<>();
        int depth = 0;
        int braces = 0;
        int start = 0;
        for (int k = 0; k < body.length; k++) {
            if (startsWith(body, k, "\\begin{")) depth++;
            else if (startsWith(body, k, "\\end{")) depth--;
            else if (body[k] == '{' && (k == 0 || body[k - 1] != '\\')) braces++;
            else if (body[k] == '}' && (k == 0 || body[k - 1] != '\\')) braces--;
            else if (depth == 0 && braces == 0 && startsWith(body, k, "\\\\")) {
                rows.add(new int[] {start, k});
                body[k] = ' ';
                body[k + 1] = ' ';
                // \\* is the same row break with no page break allowed after it
                if (k + 2 < body.length && body[k + 2] == '*') body[k + 2] = ' ';
                start = k + 2;
                k++;
            }
        }
        rows.add(new int[] {start, body.length});
        int next = auto;
        List<Equation> mine = new ArrayList<>();
        for (int[] r : rows) {
            char[] row = java.util.Arrays.copyOfRange(body, r[0], r[1]);
            int d = 0;
            for (int k = 0; k < row.length; k++) { // '&' of alignment (outside matrices) is layout
                if (startsWith(row, k, "\\begin{")) d++;
                else if (startsWith(row, k, "\\end{")) d--;
                else if (d == 0 && row[k] == '&' && (k == 0 || row[k - 1] != '\\')) row[k] = ' ';
            }
            String text = new String(row);
            Matcher ann = ANNOTATION.matcher(text);
            if (ann.find()) text = text.substring(0, ann.start()) + " ".repeat(text.length() - ann.start());
            String number = "";
            Matcher tag = TAG.matcher(text);
            if (tag.find()) number = tag.group(1);
            Matcher trailing = TRAILING_NUMBER.matcher(text);
            if (number.isEmpty() && trailing.find()) {
                number = trailing.group(1);
                text = text.substring(0, trailing.start()) + " ".repeat(text.length() - trailing.start());
            }
            boolean noNumber = text.contains("\\nonumber") || text.contains("\\notag");
            if (text.isBlank()) continue;
            if (text.strip().startsWith("=") && !mine.isEmpty()) { // &= … goes on with the equation above
                Equation prev = mine.remove(mine.size() - 1);
                // keep the blanking already done: the previous text, the gap, this row
                char[] merged = new char[from + r[1] - prev.offset()];
                java.util.Arrays.fill(merged, ' ');
                System.arraycopy(prev.text().toCharArray(), 0, merged, 0, prev.text().length());
                int rowAt = from + r[0] - prev.offset();
                System.arraycopy(text.toCharArray(), 0, merged, rowAt, text.length());
                String num = !number.isEmpty() ? number : prev.number();
                mine.add(new Equation(src, prev.offset(), new String(merged), num));
                continue;
            }
            if (number.isEmpty() && numbered && !noNumber) number = String.valueOf(++next);
            // x = …, \qquad y = 1: two equations on one row
            int cut = 0;
            for (int comma : topLevelCommas(text)) {
                String left = text.substring(cut, comma);
                if (left.contains("=") && text.substring(comma + 1).contains("=")) {
                    char[] first = text.toCharArray();
                    for (int k = comma; k < first.length; k++) first[k] = ' ';
                    for (int k = 0; k < cut; k++) first[k] = ' ';
                    mine.add(new Equation(src, from + r[0], new String(first), number));
                    cut = comma + 1;
                }
            }
            if (cut > 0) text = " ".repeat(cut) + text.substring(cut);
            mine.add(new Equation(src, from + r[0], text, number));
        }
        out.addAll(mine);
        return next;
    }

    /** Commas outside braces, brackets, parentheses and matrices. */
    private static List<Integer> topLevelCommas(String t) {
        List<Integer> out = new ArrayList<>();
        int depth = 0;
        for (int k = 0; k < t.length(); k++) {
            char c = t.charAt(k);
            if (t.startsWith("\\begin{", k)) depth++;
            else if (t.startsWith("\\end{", k)) depth--;
            else if (c == '{' || c == '(' || c == '[') depth++;
            else if (c == '}' || c == ')' || c == ']') depth--;
            else if (c == ',' && depth == 0) out.add(k);
        }
        return out;
    }

    private static boolean startsWith(char[] a, int k, String s) {
        if (k + s.length() > a.length) return false;
        for (int j = 0; j < s.length(); j++) if (a[k + j] != s.charAt(j)) return false;
        return true;
    }

    private static void blank(char[] body, String... words) {
        for (String w : words) {
            for (int k = 0; k + w.length() <= body.length; k++) {
                if (startsWith(body, k, w)) for (int j = 0; j < w.length(); j++) body[k + j] = ' ';
            }
        }
    }
}
