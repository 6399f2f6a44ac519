package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample script runs clean: exit 0, no error and no failed expect (warnings are allowed). */
class SamplesTest {

    static Stream<String> samples() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("samples"))) {
            return s.filter(p -> p.toString().endsWith(".nn")).map(Path::toString).sorted().toList().stream();
        }
    }

    @Test
    void thereAreSamples() throws IOException {
        List<String> all = samples().toList();
        for (String needed : List.of("samples/seed.nn", "samples/tanh.nn", "samples/two_outputs.nn", "samples/mazur.nn")) {
            assertTrue(all.contains(needed), needed + " in " + all);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void runsClean(String sample) {
        MainTest.Result r = MainTest.run(sample);
        assertEquals(0, r.code(), r::toString);
        assertFalse(r.err().contains("error:") || r.err().contains("expect failed"), r::toString);
        assertFalse(r.out().contains("✗"), r::toString);
    }
}
