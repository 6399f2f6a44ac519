package nn.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import nn.lang.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The limits of one submission: time, memory and output; passing one stops that submission with a note, nothing more. */
class GraderLimitsTest {
    @TempDir Path dir;

    static final String KEY = "data xor_check = [[0,0] -> [0], [0,1] -> [1], [1,0] -> [1], [1,1] -> [0]]\nevaluate xor_check\nexpect accuracy = 1\n";
    static final String TRAIN_FOREVER = "layer tanh 2->4\nlayer sigmoid 4->1\ndata xor = [[0,0] -> [0], [0,1] -> [1], [1,0] -> [1], [1,1] -> [0]]\n"
            + "train xor epochs=2000000000 lr=0.5 batch=1\n";

    private Graded grade(Limits limits, String submission) throws Exception {
        Path k = dir.resolve("key.nn");
        Files.writeString(k, KEY);
        Path s = dir.resolve("s.nn");
        Files.writeString(s, submission);
        Grader g = new Grader(Key.of(k, new Source(k.toString(), KEY), null), limits);
        return g.grade("s", s);
    }

    @Test
    void theTimeLimitStopsTrainingAndTheKeyStillChecks() throws Exception {
        long t0 = System.nanoTime();
        Graded g = grade(Limits.DEFAULT.withTimeout(500), TRAIN_FOREVER);
        double s = (System.nanoTime() - t0) / 1e9;
        assertTrue(s < 5, s + " s");
        assertTrue(String.join("\n", g.notes()).contains("stopped at the time limit (0.5 s)"), g.notes().toString());
        // the key's expect ran on the network the training reached: it was checked, right or wrong
        assertTrue(!g.outcomes().get(0).feedback().startsWith("not checked"), g.outcomes().get(0).feedback());
    }

    /** gradcheck does not poll for an interrupt: past the grace period the submission is abandoned, the next is graded. */
    @Test
    void aComputationThatDoesNotStopIsAbandonedAndTheNextIsGraded() throws Exception {
        long t0 = System.nanoTime();
        Graded g = grade(Limits.DEFAULT.withTimeout(300), "layer tanh 300->300\nlayer tanh 300->300\nlayer softmax 300->2\n"
                + "data d = random(rows=64, inputs=300, classes=2, seed=1)\ngradcheck d max=1000000\n");
        double s = (System.nanoTime() - t0) / 1e9;
        assertTrue(s < 10, s + " s");
        assertTrue(String.join("\n", g.notes()).contains("did not stop when asked and was abandoned"), g.notes().toString());
        assertEquals(0, g.score());
        Graded next = grade(Limits.DEFAULT, "init xavier seed=1\nlayer tanh 2->4\nlayer sigmoid 4->1\n"
                + "data xor = [[0,0] -> [0], [0,1] -> [1], [1,0] -> [1], [1,1] -> [0]]\ntrain xor epochs=2000 lr=0.5\n");
        assertEquals(1, next.score(), next.notes().toString());
        assertEquals(java.util.List.of(), next.notes());
    }

    @Test
    void theMemoryLimitStopsASubmission() throws Exception {
        Graded g = grade(Limits.DEFAULT.withMemory(1), TRAIN_FOREVER);
        assertTrue(String.join("\n", g.notes()).contains("stopped at the memory limit"), g.notes().toString());
    }

    @Test
    void theOutputLimitStopsASubmission() throws Exception {
        Graded g = grade(Limits.DEFAULT.withOutputs(50), "layer relu 2->2\n" + "show W0\n".repeat(5000) + TRAIN_FOREVER);
        assertTrue(String.join("\n", g.notes()).contains("stopped at the output limit (50 outputs)"), g.notes().toString());
        assertEquals(1, g.outcomes().size());
    }
}
