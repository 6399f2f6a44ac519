package nn.explain;

import java.util.List;

/** Parts rendered as a Markdown document (math in $…$ and $$…$$) or a standalone LaTeX document for pdflatex. */
public final class Documents {
    private Documents() { }

    public static String markdown(String title, List<Part> parts, Notation n) {
        TexMath tex = new TexMath(n);
        StringBuilder b = new StringBuilder("# ").append(title).append("\n\n");
        for (Part p : parts) {
            if (p instanceof Part.Heading h) {
                b.append("## ").append(h.text()).append("\n\n");
            } else if (p instanceof Part.Prose s) {
                b.append(markdownProse(s, tex)).append("\n\n");
            } else {
                b.append("$$\n\\begin{aligned}\n").append(tex.alignedRows(((Part.Equations) p).lines())).append("\n\\end{aligned}\n$$\n\n");
            }
        }
        return b.toString().stripTrailing() + "\n";
    }

    /** The parts as Markdown with math, without a title: a derivation shown in a notebook or the live view. */
    public static String markdownBody(List<Part> parts, Notation n) {
        String doc = markdown("", parts, n);
        return doc.substring(doc.indexOf('\n') + 1).strip() + "\n";
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

    public static String latex(String title, List<Part> parts, Notation n) {
        TexMath tex = new TexMath(n);
        StringBuilder b = new StringBuilder();
        b.append("% Written by nn (export latex). Compile with: pdflatex FILE.tex\n");
        b.append("\\documentclass[11pt]{article}\n");
        b.append("\\usepackage[T1]{fontenc}\n");
        b.append("\\usepackage{amsmath}\n");
        b.append("\\allowdisplaybreaks\n");
        b.append("\\setlength{\\textwidth}{16cm}\n\\setlength{\\oddsidemargin}{0cm}\n\\setlength{\\evensidemargin}{0cm}\n");
        b.append("\\setlength{\\parindent}{0pt}\n\\setlength{\\parskip}{0.6em}\n");
        b.append("\\title{").append(TexMath.escape(title)).append("}\n\\author{nn}\n\\date{}\n");
        b.append("\\begin{document}\n\\maketitle\n\n");
        for (Part p : parts) {
            if (p instanceof Part.Heading h) {
                b.append("\\section*{").append(TexMath.escape(h.text())).append("}\n\n");
            } else if (p instanceof Part.Prose s) {
                b.append(tex.prose(s)).append("\n\n");
            } else {
                b.append("\\begin{align*}\n").append(tex.alignedRows(((Part.Equations) p).lines())).append("\n\\end{align*}\n\n");
            }
        }
        b.append("\\end{document}\n");
        return b.toString();
    }
}
