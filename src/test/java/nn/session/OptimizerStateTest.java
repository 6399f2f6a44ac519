package nn.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nn.testing.Scripts;
import org.junit.jupiter.api.Test;

/**
 * The optimizer's state as a session keeps it: two updates are two steps of one optimizer, assignment and
 * `reset optimizer` start it afresh and say so, train continues it and says which, a failed statement leaves it.
 * The numbers are Adam's formula on the reference's gradients (∂E/∂w100 = 0.0380143 at the start).
 */
class OptimizerStateTest {
    private static final double G1 = 0.03801431364480071; // ∂E/∂w100 of the reference, worked out in ReferenceValuesTest

    private static List<String> infos(Scripts.Run r) {
        return r.all(Output.Info.class).stream().map(Output.Info::text).toList();
    }

    @Test
    void twoUpdatesAreTwoStepsOfOneAdam() {
        Scripts.Run r = Scripts.ok(Scripts.SEED + "step lr=0.1 optimizer=adam\nshow m_w100 v_w100\nstep lr=0.1 optimizer=adam\nshow m_w100\n");
        List<Output.Shown> m = r.all(Output.Shown.class).stream().filter(s -> s.label().equals("m_w100")).toList();
        assertEquals(0.1 * G1, m.get(0).value().scalar(), 1e-17);  // (1 − β1)·g
        assertEquals(0.001 * G1 * G1, r.shown("v_w100").value().scalar(), 1e-19);
        // step 2: 0.9·m1 + 0.1·g2 with g2 the gradient at step 1's parameters; m1 must still be in it
        double g2 = 0.0033816133599415283; // the same by numpy (see samples/adam_by_hand.nn)
        assertEquals(0.9 * 0.1 * G1 + 0.1 * g2, m.get(1).value().scalar(), 1e-12);
        assertTrue(infos(r).stream().anyMatch(t -> t.contains("step 2")), infos(r).toString());
    }

    @Test
    void assigningAParameterResetsTheStateAndSaysSo() {
        Session s = new Session();
        Scripts.ok(s, Scripts.SEED + "step lr=0.1 optimizer=adam\n");
        Scripts.Run r = Scripts.ok(s, "w100 = 0.7\n");
        assertTrue(infos(r).stream().anyMatch(t -> t.contains("adam state (1 step) is reset")), infos(r).toString());
        r = Scripts.ok(s, "step lr=0.1 optimizer=adam\nshow m_w100\n");
        assertTrue(infos(r).stream().anyMatch(t -> t.contains("step 1")), "starts afresh: " + infos(r));
    }

    @Test
    void resetOptimizerForgetsTheMoments() {
        Session s = new Session();
        Scripts.ok(s, Scripts.SEED + "step lr=0.1 optimizer=momentum momentum=0.9\n");
        Scripts.Run r = Scripts.ok(s, "reset optimizer\n");
        assertTrue(infos(r).get(0).contains("momentum (μ = 0.9) after 1 step forgotten"), infos(r).toString());
        assertTrue(Scripts.run(s, "show v_W0\n").summary().errors() > 0, "no velocity after the reset");
    }

    @Test
    void anotherRuleOrSettingStartsAfresh() {
        Scripts.Run r = Scripts.ok(Scripts.SEED + "step lr=0.1 optimizer=adam\nstep lr=0.1 optimizer=adam beta1=0.5\n");
        assertTrue(infos(r).stream().filter(t -> t.contains("step 1")).count() == 2, infos(r).toString());
    }

    @Test
    void aFailedStatementLeavesTheState() {
        Session s = new Session();
        Scripts.ok(s, Scripts.SEED + "step lr=0.1 optimizer=adam\n");
        double[] before = Scripts.ok(s, "show m_W0\n").shown("m_W0").value().data();
        // h1 is a dead ReLU (h_pre1 = −0.34): its weights have gradient 0, and Adam with ε = 0 divides 0 by 0
        assertTrue(Scripts.run(s, "step lr=0.1 optimizer=adam eps=0\n").summary().errors() > 0);
        assertArrayEquals(before, Scripts.ok(s, "show m_W0\n").shown("m_W0").value().data(), 0);
        Scripts.Run r = Scripts.ok(s, "step lr=0.1 optimizer=adam\n");
        assertTrue(infos(r).stream().anyMatch(t -> t.contains("step 2")), infos(r).toString());
    }

    @Test
    void trainContinuesTheOptimizerUnlessFresh() {
        String setup = "layer tanh 2->3\nlayer sigmoid 3->1\ninit xavier seed=1\ndata xor = [[0, 0] -> [0], [0, 1] -> [1], [1, 0] -> [1], [1, 1] -> [0]]\n";
        Scripts.Run r = Scripts.ok(setup + "train xor epochs=5 lr=0.05 optimizer=adam\ntrain xor epochs=5 lr=0.05 optimizer=adam\ntrain xor epochs=5 lr=0.05 optimizer=adam fresh\n");
        List<String> trains = infos(r).stream().filter(t -> t.startsWith("train xor")).toList();
        assertEquals(3, trains.size(), trains.toString());
        assertTrue(!trains.get(0).contains("continued") && trains.get(1).contains("continued from step 5") && !trains.get(2).contains("continued"), trains.toString());
        // five epochs of one batch and five more continued are ten steps of one Adam: the same as ten at once
        double[] split = Scripts.ok(setup + "train xor epochs=5 lr=0.05 optimizer=adam\ntrain xor epochs=5 lr=0.05 optimizer=adam\nshow W0\n").shown("W0").value().data();
        double[] whole = Scripts.ok(setup + "train xor epochs=10 lr=0.05 optimizer=adam\nshow W0\n").shown("W0").value().data();
        assertArrayEquals(whole, split, 0);
    }

    @Test
    void everyNumberTrainAndEvaluatePrintHasAName() {
        String setup = "layer tanh 2->3\nlayer sigmoid 3->1\ninit xavier seed=1\ndata xor = [[0, 0] -> [0], [0, 1] -> [1], [1, 0] -> [1], [1, 1] -> [0]]\n";
        Scripts.Run r = Scripts.ok(setup + "train xor epochs=200 lr=0.5 optimizer=momentum\nevaluate xor\nshow train_loss loss_xor accuracy_xor loss\n");
        assertEquals(r.shown("loss_xor").value().scalar(), r.shown("loss").value().scalar(), 0);
        double acc = r.shown("accuracy_xor").value().scalar();
        assertTrue(acc >= 0 && acc <= 1);
        assertTrue(r.shown("train_loss").value().scalar() > 0);
    }
}
