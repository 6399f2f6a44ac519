package nn.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import nn.lang.Source;
import org.junit.jupiter.api.Test;

/**
 * `view` and `view stop` against the Viewer hook: where no front end installed one it says why and the script goes
 * on; the viewer is made once, on first use, and told of every statement that commits (and of a notebook cell
 * undone), never of a failed one; a viewer that throws fails nothing.
 */
class ViewCommandTest {
    /** A viewer that records what it is told. */
    static final class Recorder implements Viewer {
        String address;
        final List<ViewModel> seen = new ArrayList<>();
        int started;
        boolean failing;

        @Override public String start() {
            started++;
            address = "http://127.0.0.1:1/?token=t";
            return address;
        }

        @Override public String address() { return address; }

        @Override public void stop() { address = null; }

        @Override public void changed(ViewModel view) {
            if (failing) throw new IllegalStateException("a broken page");
            seen.add(view);
        }
    }

    private final List<Output> out = new ArrayList<>();

    private Session.Result run(Session s, String text, Session.Mode mode) { return s.run(new Source("<t>", text), out::add, mode); }

    private String last() {
        Output o = out.get(out.size() - 1);
        if (o instanceof Output.Info i) return i.text();
        if (o instanceof Output.Warning w) return "warning: " + w.text();
        return o.toString();
    }

    @Test
    void withoutAViewerViewSaysWhyAndTheScriptGoesOn() {
        Session s = new Session();
        Session.Result r = run(s, "view; layer relu 3->2; view stop", Session.Mode.SCRIPT);
        assertTrue(r.ok());
        assertEquals(3, r.ran());
        assertTrue(out.stream().anyMatch(o -> o instanceof Output.Warning w && w.text().contains("no live view here") && w.text().contains("-i")), out.toString());
        assertEquals("no live view is running", last());
    }

    @Test
    void theViewerIsMadeOnceAndToldOfEveryCommittedStatement() {
        Session s = new Session();
        int[] made = {0};
        Recorder rec = new Recorder();
        s.viewers(session -> {
            made[0]++;
            return rec;
        });
        run(s, "layer relu 3->2", Session.Mode.SCRIPT);
        assertEquals(0, made[0], "made before `view`");
        run(s, "view", Session.Mode.SCRIPT);
        assertTrue(last().startsWith("live view: http://127.0.0.1:1/?token=t"), last());
        assertEquals(1, rec.seen.size(), "the view statement itself shows the session");
        run(s, "view", Session.Mode.SCRIPT);
        assertTrue(last().contains("already running"), last());
        assertEquals(1, rec.started);
        run(s, "input [1, 2, 3]; forward", Session.Mode.SCRIPT);
        assertEquals(4, rec.seen.size());
        ViewModel v = rec.seen.get(rec.seen.size() - 1);
        assertEquals("forward", v.statement());
        assertEquals(1, v.pictures().size(), "a network without gradients: its weights and values");
        for (int i = 1; i < rec.seen.size(); i++) assertTrue(rec.seen.get(i).version() > rec.seen.get(i - 1).version());
        // a failing statement changes nothing and is not shown
        run(s, "W0 = [1, 2]", Session.Mode.SCRIPT);
        assertEquals(4, rec.seen.size());
        // a notebook cell undone: the view is told the state it went back to
        run(s, "target [0, 1]; backward; expect E = 99", Session.Mode.ATOMIC);
        assertEquals("undone", rec.seen.get(rec.seen.size() - 1).statement());
        assertNull(rec.seen.get(rec.seen.size() - 1).training());
        assertEquals(1, made[0]);
        // a viewer that throws fails no statement
        rec.failing = true;
        assertTrue(run(s, "forward", Session.Mode.SCRIPT).ok());
        rec.failing = false;
        run(s, "view stop", Session.Mode.SCRIPT);
        assertEquals("live view stopped: the pages watching it say so", last());
        assertNull(rec.address());
        int before = rec.seen.size();
        run(s, "forward", Session.Mode.SCRIPT);
        assertEquals(before, rec.seen.size(), "a stopped view is told nothing");
    }

    @Test
    void aClickExplainsNamesOnlyAndNeverTouchesTheSession() {
        Session s = new Session();
        Recorder rec = new Recorder();
        s.viewers(session -> rec);
        run(s, nn.testing.Scripts.SEED + "\nforward; backward; update lr=0.1\nview", Session.Mode.SCRIPT);
        ViewModel v = rec.seen.get(rec.seen.size() - 1);
        State before = s.state();
        List<ViewModel.Explained> e = v.explain("∂E/∂w100");
        assertEquals(List.of("explain dE/dw100", "explain update w100"), e.stream().map(ViewModel.Explained::statement).toList());
        assertNotNull(e.get(0).math());
        assertTrue(e.get(0).math().text().contains("0.038"), e.get(0).math().text());
        List<ViewModel.Explained> node = v.explain("h0");
        assertEquals(List.of("explain h0", "explain dE/dh0"), node.stream().map(ViewModel.Explained::statement).toList());
        assertTrue(s.state() == before, "the session's state is the same object");
        for (String bad : List.of("w100; reset", "w100 reset", "\"x\"", "", "w100\nreset")) assertTrue(!ViewModel.clickable(bad), bad);
    }

    @Test
    void viewsRowIsInTheTable() {
        Statement row = Statements.find("view");
        assertNotNull(row);
        assertTrue(row.summary.contains("127.0.0.1"));
    }
}
