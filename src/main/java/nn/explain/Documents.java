package nn.explain;

import java.util.List;

/** Parts rendered as a Markdown document (math in $…$ and $$…$$) or a standalone LaTeX document for pdflatex. */
public final class Documents {
    private Documents() { }

    public static String markdown(String title, List<Part> parts, Notation n) { return markdown(title, parts, n, null); }

    /**
     * The document in Markdown: each equation a display of its own ({@code $$…$$}, its continuation lines kept in
     * it) numbered {@code \tag{1}}, {@code \tag{2}}, … in order, as the reference numbers its equations (GitHub,
     * MathJax and KaTeX show the tags); {@code figure}, when not null, the network's picture beside the document,
     * shown before the data.
     */
    public static String markdown(String title, List<Part> parts, Notation n, String figure) {
        TexMath tex = new TexMath(n);
        StringBuilder b = new StringBuilder(title.isEmpty() ? "" : "# " + title + "\n\n");
        int number = 0;
        for (Part p : parts) {
            if (p instanceof Part.Heading h) {
                if (figure != null && h.text().equals(FIGURE_BEFORE)) {
                    b.append("![").append(FIGURE_CAPTION).append("](").append(figure).append(")\n\n");
                    b.append("*Figure 1: ").append(FIGURE_CAPTION).append(".*\n\n");
                }
                b.append("## ").append(h.text()).append("\n\n");
            } else if (p instanceof Part.Prose s) {
                b.append(markdownProse(s, tex)).append("\n\n");
            } else if (title.isEmpty()) {
                // a derivation in a notebook or the live view: one display, unnumbered, as before
                b.append("$$\n\\begin{aligned}\n").append(tex.alignedRows(((Part.Equations) p).lines())).append("\n\\end{aligned}\n$$\n\n");
            } else {
                for (Equation q : ((Part.Equations) p).lines()) {
                    number++;
                    b.append("$$\n\\begin{aligned}\n").append(tex.alignedRows(List.of(q))).append("\n\\end{aligned}\n\\tag{").append(number).append("}\n$$\n\n");
                }
            }
        }
        return b.toString().stripTrailing() + "\n";
    }

    /** The heading the network's figure stands before, and its caption. */
    static final String FIGURE_BEFORE = "Data";
    static final String FIGURE_CAPTION = "The network, each edge with its weight, each neuron with its values";

    /** The parts as Markdown with math, without a title: a derivation shown in a notebook or the live view. */
    public static String markdownBody(List<Part> parts, Notation n) {
        return markdown("", parts, n, null).strip() + "\n";
    }

    private static String markdownProse(Part.Prose s, TexMath tex) {
        StringBuilder b = new StringBuilder();
        for (Object o : s.pieces()) {
            if (o instanceof Expr e) b.append('$').append(tex.render(e)).append('$');
            else if (o instanceof Equation q) b.append('$').append(tex.inline(q)).append('$');
            else b.append(o.toString().replace("*", "\\*").replace("_", "\\_"));
        }
        return b.toString();
    }

    public static String latex(String title, List<Part> parts, Notation n) { return latex(title, parts, n, null); }

    /**
     * The document for pdflatex: every equation numbered (align; its continuation lines unnumbered and never parted
     * from it by a page break, {@code \\*}), each display kept on one page where it fits; {@code figure}, when not
     * null, a PNG beside the document shown as Figure 1 before the data.
     */
    public static String latex(String title, List<Part> parts, Notation n, String figure) {
        TexMath tex = new TexMath(n);
        StringBuilder b = new StringBuilder();
        b.append("% Written by nn (export latex). Compile with: pdflatex FILE.tex\n");
        b.append("\\documentclass[11pt]{article}\n");
        b.append("\\usepackage[T1]{fontenc}\n");
        b.append("\\usepackage{amsmath}\n");
        if (figure != null) b.append("\\usepackage{graphicx}\n");
        // a page may break between two equations of a long display, never inside one (\\* below)
        b.append("\\allowdisplaybreaks[1]\n");
        b.append("\\setlength{\\textwidth}{16cm}\n\\setlength{\\oddsidemargin}{0cm}\n\\setlength{\\evensidemargin}{0cm}\n");
        b.append("\\setlength{\\parindent}{0pt}\n\\setlength{\\parskip}{0.6em}\n");
        b.append("\\title{").append(TexMath.escape(title)).append("}\n\\author{nn}\n\\date{}\n");
        b.append("\\begin{document}\n\\maketitle\n\n");
        for (Part p : parts) {
            if (p instanceof Part.Heading h) {
                if (figure != null && h.text().equals(FIGURE_BEFORE)) {
                    b.append("\\begin{figure}[h]\n\\centering\n\\includegraphics[width=\\textwidth,height=0.45\\textheight,keepaspectratio]{")
                            .append(figure).append("}\n\\caption{").append(TexMath.escape(FIGURE_CAPTION)).append(".}\n\\end{figure}\n\n");
                }
                b.append("\\section*{").append(TexMath.escape(h.text())).append("}\n\n");
            } else if (p instanceof Part.Prose s) {
                b.append(tex.prose(s)).append("\n\n");
            } else {
                List<String> rows = new java.util.ArrayList<>();
                for (Equation q : ((Part.Equations) p).lines()) {
                    String[] lines = tex.alignedRows(List.of(q)).split(" \\\\\\\\\n", -1);
                    for (int i = 0; i < lines.length; i++) {
                        // an equation's continuation lines: no number of their own, no page break before them
                        rows.add(lines[i] + (i > 0 ? " \\nonumber" : "") + (i < lines.length - 1 ? " \\\\*" : ""));
                    }
                }
                StringBuilder align = new StringBuilder();
                for (int i = 0; i < rows.size(); i++) {
                    align.append(rows.get(i));
                    if (i < rows.size() - 1) align.append(rows.get(i).endsWith("\\\\*") ? "\n" : " \\\\\n");
                }
                b.append("\\begin{align}\n").append(align).append("\n\\end{align}\n\n");
            }
        }
        b.append("\\end{document}\n");
        return b.toString();
    }
}
