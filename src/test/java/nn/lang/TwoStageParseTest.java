package nn.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nn.grammar.NnLexer;
import nn.grammar.NnParser;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.junit.jupiter.api.Test;

/**
 * The parser tries SLL prediction first and falls back to full LL only where SLL fails (Parser.twoStage). Where SLL
 * succeeds its tree must be the one LL gives: checked on every sample, every statement's help example, the fuzz
 * corpus and the ambiguous forms nn has (a command's arguments after an expression: `show x -1`).
 */
class TwoStageParseTest {

    /** The tree as text with SLL, or null where SLL gives up. */
    static String sll(String text) {
        NnParser p = parser(text);
        p.setErrorHandler(new BailErrorStrategy());
        p.getInterpreter().setPredictionMode(PredictionMode.SLL);
        try {
            return p.program().toStringTree(p);
        } catch (ParseCancellationException e) {
            return null;
        }
    }

    static String ll(String text) {
        NnParser p = parser(text);
        p.getInterpreter().setPredictionMode(PredictionMode.LL);
        return p.program().toStringTree(p);
    }

    private static NnParser parser(String text) {
        NnLexer lexer = new NnLexer(CharStreams.fromString(Parser.lexable(text)));
        lexer.removeErrorListeners();
        NnParser p = new NnParser(new CommonTokenStream(lexer));
        p.removeErrorListeners();
        return p;
    }

    static List<String> texts() throws IOException {
        List<String> texts = new ArrayList<>();
        Path root = Path.of(System.getProperty("basedir", "."));
        try (Stream<Path> files = Stream.concat(Files.list(root.resolve("samples")),
                Files.list(root.resolve("src/test/resources/nn/robust/ParserFuzzTestInputs/parseAndRun")))) {
            for (Path f : files.sorted().toList()) {
                if (Files.size(f) > 100_000) continue; // the corpus's huge inputs test limits, not grammar forms
                String text = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.UTF_8);
                texts.add(text);
                texts.addAll(text.lines().toList());
            }
        }
        for (nn.session.Statement s : nn.session.Statements.ALL) texts.add(s.example);
        texts.addAll(List.of("show x -1", "show x - 1", "show x -y", "input -1 -2", "predict [1 -2]", "show x +1 +2",
                "expect o = 0.5 ± 0.01", "f = x + -y", "show f df/dx -1", "layer relu 2->1 as h -1", "x = [1 -2; 3 -4]",
                "train d epochs=1 lr=-1 -2", "h = relu(W0 x + b0) = [0.29, 0]", "show W0^T -x", "f = -x^2 - -y"));
        return texts;
    }

    @Test
    void whereSllParsesItsTreeIsLls() throws IOException {
        int checked = 0;
        for (String text : texts()) {
            String fast = sll(text);
            if (fast == null) continue;
            assertEquals(ll(text), fast, () -> "SLL and LL disagree on: " + text);
            checked++;
        }
        assertTrue(checked > 300, "too few texts parsed by SLL: " + checked);
    }
}
