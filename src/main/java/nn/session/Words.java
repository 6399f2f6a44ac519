package nn.session;

import java.util.ArrayList;
import java.util.List;

/**
 * The words of a REPL buffer as completion sees them: separated by spaces, and by newlines and ';' between
 * statements; a quoted file name is one word even with spaces in it; brackets keep a matrix in one statement.
 * Deliberately looser than the grammar: it must make sense of a line that is only half typed.
 */
public final class Words {
    private Words() { }

    /** A word: its characters [start, end) and the number of the statement it belongs to. */
    public record Span(int start, int end, int statement) {
        public String text(String line) { return line.substring(start, end); }
    }

    /** The words of {@code text}, and the number of the statement its end belongs to. */
    public record Split(List<Span> spans, int statementAtEnd) { }

    public static Split split(String text) {
        List<Span> spans = new ArrayList<>();
        int depth = 0;
        int statement = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                if (depth == 0) statement++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == ';' && depth == 0) {
                statement++;
                i++;
            } else if (c == '#' || (c == '/' && i + 1 < n && text.charAt(i + 1) == '/')) {
                while (i < n && text.charAt(i) != '\n' && text.charAt(i) != '\r') i++; // a comment
            } else {
                int start = i;
                while (i < n) {
                    c = text.charAt(i);
                    if (c == '"' || c == '\'') {
                        int close = i + 1;
                        while (close < n && text.charAt(close) != c && text.charAt(close) != '\n') close++;
                        i = close < n && text.charAt(close) == c ? close + 1 : close;
                        continue;
                    }
                    if (Character.isWhitespace(c) || (c == ';' && depth == 0)) break;
                    if (c == '[' || c == '(') depth++;
                    if ((c == ']' || c == ')') && depth > 0) depth--;
                    i++;
                }
                spans.add(new Span(start, i, statement));
            }
        }
        return new Split(spans, statement);
    }

    /** Where the cursor is: the words of its statement before it, and the part of the current word before it. */
    public record Place(List<String> before, String word) {
        /** The statement's keyword (its first word), or null at the start of a statement. */
        public String keyword() { return before.isEmpty() ? null : before.get(0); }

        /** 0: the cursor is on the statement's first word; 1: the first word after the keyword; ... */
        public int arg() { return before.size(); }

        public String previous() { return before.isEmpty() ? null : before.get(before.size() - 1); }
    }

    public static Place place(String line, int cursor) {
        String head = line.substring(0, Math.max(0, Math.min(cursor, line.length())));
        Split s = split(head);
        List<Span> spans = s.spans();
        String word = "";
        int statement = s.statementAtEnd();
        int upTo = spans.size();
        if (!spans.isEmpty() && spans.get(spans.size() - 1).end() == head.length() && !endsInComment(head)) {
            Span last = spans.get(spans.size() - 1);
            word = last.text(head);
            statement = last.statement();
            upTo--;
        }
        List<String> before = new ArrayList<>();
        for (int i = 0; i < upTo; i++) if (spans.get(i).statement() == statement) before.add(spans.get(i).text(head));
        return new Place(before, word);
    }

    /** True when the end of {@code head} is inside a comment (no completion there). */
    public static boolean endsInComment(String head) {
        int lineStart = Math.max(head.lastIndexOf('\n'), head.lastIndexOf('\r')) + 1;
        boolean quoted = false;
        char quote = 0;
        for (int i = lineStart; i < head.length(); i++) {
            char c = head.charAt(i);
            if (quoted) {
                if (c == quote) quoted = false;
            } else if (c == '"' || c == '\'') {
                quoted = true;
                quote = c;
            } else if (c == '#' || (c == '/' && i + 1 < head.length() && head.charAt(i + 1) == '/')) {
                // '//' inside a word (a path, dE/dw) is not a comment; at a word's start it is
                if (c == '#' || i == lineStart || Character.isWhitespace(head.charAt(i - 1))) return true;
            }
        }
        return false;
    }
}
