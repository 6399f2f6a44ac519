package nn.session;

import java.util.ArrayList;
import java.util.List;
import nn.core.ForwardPass;
import nn.core.Value;
import nn.explain.Part;
import nn.lang.NnError;
import nn.lang.Ref;

/**
 * explain on a batch: which example a value belongs to, and where the batch's mean (or sum) enters. A gradient of a
 * parameter is the mean (or sum) of the examples' gradients; the derivation of one example's share is that of the
 * single example.
 */
final class BatchExplain {
    private BatchExplain() { }

    static void explain(Binding b, Ref ref, Context ctx) {
        State st = ctx.state();
        ForwardPass p = st.pass;
        int n = p.examples();
        String how = st.net.sums() ? "the sum" : "the mean";
        List<Part> parts = new ArrayList<>();
        if (b.kind() == Binding.Kind.LOSS) {
            Value rows = p.exampleLosses().value();
            parts.add(Part.prose("E is " + how + " of the " + n + " examples' losses E_row = " + Format.inline(rows, st.precision)
                    + ": E = " + (st.net.sums() ? "Σ_r E_row[r]" : "(1/" + n + ") Σ_r E_row[r]") + " = " + Format.number(p.E(), st.precision) + "."));
            parts.add(Part.prose("Each example's loss is that of one example (explain it with `input` set to that row); "
                    + (st.net.sums() ? "" : "the 1/" + n + " scales every gradient of the batch.")));
        } else if (b.gradient()) {
            parts.add(Part.prose(b.label() + " over a batch of " + n + " examples: " + how + " enters at E, so every gradient below it is "
                    + (st.net.sums() ? "the sum" : "1/" + n + " times the sum") + " of the examples' own. " + b.label() + " = "
                    + Format.inline(Values.get(b, st, ref.pos()), st.precision) + "."));
            parts.add(Part.prose("For one example's chain rule, set `input` to its row and run forward and backward."));
        } else {
            if (!b.element()) throw new NnError(ref.pos(), b.label() + " holds one row per example of the batch", "explain one example's: " + b.label() + "[0], or one element: " + b.label() + "[0, 0]");
            parts.add(Part.prose(b.label() + " = " + Format.inline(Values.get(b, st, ref.pos()), st.precision) + ": "
                    + (b.j() >= 0 ? "example " + b.i() + ", element " + b.j() : "example " + b.i()) + " of the batch of " + n + "; every example runs through the same weights."));
        }
        ctx.emit(ExplainCommands.block(parts, st));
    }
}
