package nn.grade;

import java.util.List;

/**
 * One submission graded: who, the outcome of every question of the key (in its order), and notes about the
 * submission as a whole (syntax errors, a refused file write, the time limit reached).
 */
public record Graded(String student, String file, List<Outcome> outcomes, List<String> notes) {

    /** A question's outcome: points earned of its points, right or not, feedback to show, and the slips the hints named. */
    public record Outcome(Key.Question question, double points, boolean correct, String feedback, List<String> slips) { }

    public double score() {
        double s = 0;
        for (Outcome o : outcomes) s += o.points;
        return s;
    }

    public double max() {
        double m = 0;
        for (Outcome o : outcomes) m += o.question.points();
        return m;
    }
}
