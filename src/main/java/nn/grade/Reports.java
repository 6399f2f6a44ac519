package nn.grade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A class's grades as people and graders read them: a table (one row per student, one column per question), the
 * class's statistics per question (how many got it, which slips the hints found, counted), Gradescope's
 * results.json, JUnit XML (one test case per question) and CSV. Everything is returned as text; the front end
 * prints it or writes it where the teacher said.
 */
public final class Reports {
    private Reports() { }

    public static String points(double p) {
        if (p == Math.rint(p) && Math.abs(p) < 1e15) return String.valueOf((long) p);
        String s = String.format(Locale.ROOT, "%.2f", p);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** Column headings: the question's name and its points, "dE/dw100 (2)". */
    private static List<String> headings(Key key) {
        List<String> h = new ArrayList<>();
        for (Key.Question q : key.questions) h.add(q.name() + " (" + points(q.points()) + ")");
        return h;
    }

    /** The terminal table: student, points per question, total. */
    public static String table(Key key, List<Graded> graded) {
        List<List<String>> rows = new ArrayList<>();
        List<String> head = new ArrayList<>();
        head.add("student");
        head.addAll(headings(key));
        head.add("total (" + points(key.maxScore()) + ")");
        rows.add(head);
        for (Graded g : graded) {
            List<String> r = new ArrayList<>();
            r.add(g.student() + (g.notes().isEmpty() ? "" : " *"));
            for (Graded.Outcome o : g.outcomes()) r.add(points(o.points()));
            r.add(points(g.score()));
            rows.add(r);
        }
        int[] w = new int[head.size()];
        for (List<String> r : rows) for (int i = 0; i < r.size(); i++) w[i] = Math.max(w[i], r.get(i).length());
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < rows.size(); k++) {
            List<String> r = rows.get(k);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                String c = r.get(i);
                if (i > 0) line.append("  ");
                line.append(i == 0 ? c + " ".repeat(w[i] - c.length()) : " ".repeat(w[i] - c.length()) + c);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
            if (k == 0) sb.append("-".repeat(line.toString().stripTrailing().length())).append('\n');
        }
        if (graded.stream().anyMatch(g -> !g.notes().isEmpty())) sb.append("* see the notes on this submission (--feedback)\n");
        return sb.toString();
    }

    /** Per question: how many got it, and the slips found, most frequent first. */
    public static String stats(Key key, List<Graded> graded) {
        StringBuilder sb = new StringBuilder();
        int n = graded.size();
        double sum = 0;
        for (Graded g : graded) sum += g.score();
        sb.append(n).append(" submission").append(n == 1 ? "" : "s").append(", mean ").append(points(n == 0 ? 0 : Math.round(sum / n * 100) / 100.0))
                .append(" of ").append(points(key.maxScore())).append('\n');
        for (int i = 0; i < key.questions.size(); i++) {
            Key.Question q = key.questions.get(i);
            int right = 0;
            Map<String, Integer> slips = slips(graded, i);
            for (Graded g : graded) if (g.outcomes().get(i).correct()) right++;
            sb.append(q.name()).append(": ").append(right).append(" of ").append(n).append(" right");
            boolean first = true;
            for (var e : slips.entrySet()) {
                sb.append(first ? "; slips: " : ", ").append(e.getValue()).append("× ").append(e.getKey());
                first = false;
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The slips the hints found for question {@code i}, counted per student, most frequent first. */
    public static Map<String, Integer> slips(List<Graded> graded, int i) {
        Map<String, Integer> count = new LinkedHashMap<>();
        for (Graded g : graded) for (String s : g.outcomes().get(i).slips()) count.merge(s, 1, Integer::sum);
        List<Map.Entry<String, Integer>> es = new ArrayList<>(count.entrySet());
        es.sort((a, b) -> b.getValue() - a.getValue());
        Map<String, Integer> out = new LinkedHashMap<>();
        for (var e : es) out.put(e.getKey(), e.getValue());
        return out;
    }

    /** One student's feedback, as the terminal shows it with --feedback. */
    public static String feedback(Graded g) {
        StringBuilder sb = new StringBuilder();
        sb.append("== ").append(g.student()).append(": ").append(points(g.score())).append(" of ").append(points(g.max())).append('\n');
        for (String n : g.notes()) sb.append(indent(n, "  note: ")).append('\n');
        for (Graded.Outcome o : g.outcomes()) {
            sb.append("  ").append(o.question().name()).append(": ").append(points(o.points())).append("/").append(points(o.question().points())).append('\n');
            if (!o.correct()) sb.append(indent(o.feedback(), "    ")).append('\n');
        }
        return sb.toString();
    }

    private static String indent(String text, String first) {
        String pad = " ".repeat(first.length());
        StringBuilder sb = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) sb.append(i == 0 ? first : "\n" + pad).append(lines[i]);
        return sb.toString();
    }

    // ---- Gradescope: https://gradescope-autograders.readthedocs.io/en/latest/specs/ (results.json)

    /** One submission's results.json, as a Gradescope autograder writes it. */
    public static String gradescope(Graded g) {
        StringBuilder sb = new StringBuilder();
        gradescope(g, sb, "");
        return sb.append('\n').toString();
    }

    private static void gradescope(Graded g, StringBuilder sb, String in) {
        sb.append("{\n");
        sb.append(in).append("  \"score\": ").append(number(g.score())).append(",\n");
        sb.append(in).append("  \"output\": ").append(json(String.join("\n", g.notes()))).append(",\n");
        sb.append(in).append("  \"tests\": [");
        for (int i = 0; i < g.outcomes().size(); i++) {
            Graded.Outcome o = g.outcomes().get(i);
            sb.append(i == 0 ? "\n" : ",\n").append(in).append("    {");
            sb.append("\"name\": ").append(json(o.question().name()));
            sb.append(", \"number\": ").append(json(String.valueOf(i + 1)));
            sb.append(", \"score\": ").append(number(o.points()));
            sb.append(", \"max_score\": ").append(number(o.question().points()));
            sb.append(", \"status\": ").append(json(o.correct() ? "passed" : "failed"));
            sb.append(", \"output\": ").append(json(o.feedback()));
            sb.append('}');
        }
        sb.append('\n').append(in).append("  ]\n").append(in).append('}');
    }

    /**
     * A class: one submission is exactly its results.json; several are an object with one results.json per student
     * ({@code {"alice": {...}, "bob": {...}}}).
     */
    public static String gradescope(List<Graded> graded) {
        if (graded.size() == 1) return gradescope(graded.get(0));
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < graded.size(); i++) {
            sb.append(i == 0 ? "\n  " : ",\n  ").append(json(graded.get(i).student())).append(": ");
            gradescope(graded.get(i), sb, "  ");
        }
        return sb.append("\n}\n").toString();
    }

    static String number(double d) {
        if (!Double.isFinite(d)) return "0";
        return points(d);
    }

    static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    // ---- JUnit XML: one test suite per student, one test case per question

    public static String junit(List<Graded> graded) {
        int tests = 0, failures = 0;
        for (Graded g : graded) {
            tests += g.outcomes().size();
            for (Graded.Outcome o : g.outcomes()) if (!o.correct()) failures++;
        }
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuites name=\"nn grade\" tests=\"").append(tests).append("\" failures=\"").append(failures).append("\">\n");
        for (Graded g : graded) {
            int f = 0;
            for (Graded.Outcome o : g.outcomes()) if (!o.correct()) f++;
            sb.append("  <testsuite name=\"").append(xml(g.student())).append("\" tests=\"").append(g.outcomes().size())
                    .append("\" failures=\"").append(f).append("\" errors=\"0\">\n");
            sb.append("    <properties><property name=\"score\" value=\"").append(number(g.score())).append("\"/><property name=\"max_score\" value=\"")
                    .append(number(g.max())).append("\"/><property name=\"file\" value=\"").append(xml(g.file())).append("\"/></properties>\n");
            for (Graded.Outcome o : g.outcomes()) {
                sb.append("    <testcase classname=\"").append(xml(g.student())).append("\" name=\"").append(xml(o.question().name()))
                        .append(" (").append(points(o.points())).append("/").append(points(o.question().points())).append(")\"");
                if (o.correct()) {
                    sb.append("/>\n");
                } else {
                    String first = o.feedback().lines().findFirst().orElse("wrong");
                    sb.append(">\n      <failure message=\"").append(xml(first)).append("\">").append(xml(o.feedback())).append("</failure>\n    </testcase>\n");
                }
            }
            if (!g.notes().isEmpty()) sb.append("    <system-out>").append(xml(String.join("\n", g.notes()))).append("</system-out>\n");
            sb.append("  </testsuite>\n");
        }
        return sb.append("</testsuites>\n").toString();
    }

    /** Text safe in XML 1.0: markup escaped, characters XML cannot hold (most control characters) dropped. */
    static String xml(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    boolean ok = c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD
                            || Character.isSurrogate(c) && i + 1 < s.length() && Character.isHighSurrogate(c) && Character.isLowSurrogate(s.charAt(i + 1));
                    if (Character.isHighSurrogate(c) && ok) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (ok && !Character.isSurrogate(c)) {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    // ---- CSV (RFC 4180): student, file, one column per question, total

    public static String csv(Key key, List<Graded> graded) {
        StringBuilder sb = new StringBuilder();
        List<String> head = new ArrayList<>(List.of("student", "file"));
        head.addAll(headings(key));
        head.add("total");
        head.add("max");
        row(sb, head);
        for (Graded g : graded) {
            List<String> r = new ArrayList<>(List.of(g.student(), g.file()));
            for (Graded.Outcome o : g.outcomes()) r.add(points(o.points()));
            r.add(points(g.score()));
            r.add(points(g.max()));
            row(sb, r);
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            // a cell a spreadsheet would run as a formula is quoted with a leading apostrophe
            if (!c.isEmpty() && "=+-@".indexOf(c.charAt(0)) >= 0 && !c.matches("-?[0-9.]+")) c = "'" + c;
            boolean quote = c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r");
            if (i > 0) sb.append(',');
            sb.append(quote ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
        }
        sb.append("\r\n");
    }
}
