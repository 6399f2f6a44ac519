package nn.repl;

import nn.session.CompletionTable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nn.lang.Source;
import nn.session.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NnCompleterTest {
    @TempDir Path dir;

    /** The reference network: relu 3->2 as h, sigmoid 2->1 as o. */
    private static Session reference() {
        Session s = new Session();
        Session.Result r = s.run(new Source("t", "layer relu 3->2 as h\nlayer sigmoid 2->1 as o"), o -> { }, false);
        assertEquals(0, r.errors());
        return s;
    }

    private List<String> values(Session s, String line) {
        return new NnCompleter(s::state, dir).suggest(line, line.length()).stream().map(CompletionTable.Suggestion::value).toList();
    }

    @Test
    void aPartialGradientNameCompletesToTheWeightsOfThatLayer() {
        // layer 1 is 2->1: its weights are w100 and w101, so dE/dw1 offers exactly their gradients
        assertEquals(List.of("dE/dw100", "dE/dw101"), values(reference(), "show dE/dw1"));
    }

    @Test
    void namesFollowTheNetwork() {
        Session s = reference();
        List<String> w = values(s, "show W");
        assertTrue(w.containsAll(List.of("W0", "W1", "W_h", "W_o")), w.toString());
        assertFalse(w.contains("W2"), "the network has two layers");
        assertEquals(List.of("h", "h_pre"), values(s, "expect h").stream().sorted().toList());
        assertTrue(values(new Session(), "show W").isEmpty(), "no layers, no weights");
    }

    @Test
    void statementsAtTheStartOfALineAndAfterASemicolon() {
        assertEquals(List.of("forward", "freeze"), values(reference(), "f"));
        assertEquals(List.of("backward"), values(reference(), "forward; back"));
        List<String> empty = values(reference(), "");
        assertTrue(empty.contains("layer") && empty.contains("quit"), empty.toString());
        assertFalse(empty.contains("W0"), "an empty line lists statements, not every name");
        assertTrue(values(reference(), "dE/dW").contains("dE/dW0"), "a bare name shows it");
    }

    @Test
    void eachStatementOffersWhatItTakes() {
        Session s = reference();
        assertEquals(List.of("relu"), values(s, "layer re"));
        assertTrue(values(s, "layer ").containsAll(List.of("linear", "relu", "sigmoid", "tanh", "softmax")));
        assertTrue(values(s, "loss ").containsAll(List.of("half_sse", "mse", "bce", "cross_entropy")));
        assertEquals(List.of("lr="), values(s, "step l"));
        assertEquals(List.of("on", "off"), values(s, "trace o"));
        assertEquals(List.of("optimizer=adam"), values(s, "train epochs=10 optimizer=a"));
        assertTrue(values(s, "help ").containsAll(List.of("layer", "names", "activations")));
        assertEquals(List.of("layer"), values(s, "help la"));
        assertTrue(values(s, "layer relu 2->2 as ").isEmpty(), "a new layer's name is the user's to choose");
        assertTrue(values(s, "W0 = ").isEmpty(), "no completion inside values");
        assertTrue(values(s, "forward # show W").isEmpty(), "nothing inside a comment");
    }

    @Test
    void fileNamesInsideQuotes() throws IOException {
        Files.createDirectories(dir.resolve("samples"));
        Files.writeString(dir.resolve("samples/seed.nn"), "");
        Files.writeString(dir.resolve("samples/notes.txt"), "");
        Files.writeString(dir.resolve("sum.nn"), "");
        assertEquals(List.of("\"samples/"), values(reference(), "run \"sa"));
        assertEquals(List.of("\"samples/seed.nn\""), values(reference(), "run \"samples/"), "run offers .nn files");
        assertEquals(List.of("\"samples/", "\"sum.nn\""), values(reference(), "run ").stream().sorted().toList(), "Tab opens the quote");
        List<String> export = values(reference(), "export markdown \"samples/");
        assertTrue(export.contains("\"samples/notes.txt\"") && export.contains("\"samples/seed.nn\""), export.toString());
        assertTrue(values(reference(), "run \"samples/seed.nn\" ").isEmpty());
    }

    @Test
    void optionsAreNotCompleteWords() {
        List<CompletionTable.Suggestion> s = new NnCompleter(reference()::state, dir).suggest("update ", 7);
        assertTrue(s.stream().anyMatch(x -> x.value().equals("lr=")), s.toString());
        assertTrue(s.stream().anyMatch(x -> x.value().equals("optimizer=")), s.toString());
        for (CompletionTable.Suggestion x : s) {
            if (x.value().endsWith("=")) assertFalse(x.complete(), "no space after " + x.value());
            else assertTrue(x.complete(), x.value() + " is a flag: a complete word");
        }
    }
}
