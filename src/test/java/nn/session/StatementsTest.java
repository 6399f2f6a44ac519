package nn.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nn.lang.Keywords;
import nn.lang.Source;
import nn.lang.Stmt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table of statements is the one place a statement is described: this test fails when the grammar and the
 * table disagree, when a row lacks help, an example or a handler, or when its example does not run as written.
 * Everything else (help, completion, did-you-mean, option checks) is made from the rows, so it cannot drift.
 */
class StatementsTest {

    @Test
    void everyKeywordOfTheGrammarHasARowAndEveryRowAKeyword() throws IOException {
        Set<String> grammar = new TreeSet<>(Keywords.statements());
        Set<String> rows = new TreeSet<>(Statements.keywords());
        assertEquals(grammar, rows, "grammar/nn/grammar/Nn.g4 keywords against nn.session.Statements rows");
        // the grammar's generic form lists exactly the keywords whose rows take `keyword argument*`
        String g4 = Files.readString(Path.of("grammar/nn/grammar/Nn.g4"));
        String rule = g4.substring(g4.indexOf("\nkeyword "), g4.indexOf(";", g4.indexOf("\nkeyword ")));
        Set<String> generic = new TreeSet<>();
        Matcher m = Pattern.compile("\\b([A-Z]+)\\b").matcher(rule);
        while (m.find()) generic.add(m.group(1).toLowerCase());
        Set<String> commandRows = new TreeSet<>();
        for (Statement s : Statements.ALL) {
            if (s.form == Stmt.Command.class) {
                commandRows.add(s.keyword);
                commandRows.addAll(s.aliases);
            }
        }
        assertEquals(commandRows, generic, "the `keyword` rule against the rows of the generic form");
    }

    @Test
    void everySyntaxFormOfTheGrammarHasARow() throws IOException {
        String g4 = Files.readString(Path.of("grammar/nn/grammar/Nn.g4"));
        String rule = g4.substring(g4.indexOf("\nstatement"), g4.indexOf(";", g4.indexOf("\nstatement")));
        Matcher m = Pattern.compile("#\\s*(\\w+)Stmt").matcher(rule);
        List<String> forms = new ArrayList<>();
        while (m.find()) forms.add(m.group(1));
        for (String form : forms) {
            String record = Character.toUpperCase(form.charAt(0)) + form.substring(1);
            boolean found = Statements.ALL.stream().anyMatch(s -> s.form.getSimpleName().equals(record));
            assertTrue(found, "the form " + form + "Stmt has no row (nn.lang.Stmt." + record + ")");
        }
    }

    @Test
    void everyRowHasHelpAnExampleAndASyntax() {
        for (Statement s : Statements.ALL) {
            assertNotNull(s.summary, s.keyword + ": no summary");
            assertFalse(s.summary.isBlank(), s.keyword);
            assertNotNull(s.example, s.keyword + ": no example");
            assertFalse(s.syntax().isBlank(), s.keyword);
            for (Signature.OptionSpec o : s.signature.options) assertFalse(o.help() == null || o.help().isBlank(), s.keyword + " " + o.name() + "=: no help");
            for (Signature.Flag f : s.signature.flags) assertFalse(f.help() == null || f.help().isBlank(), s.keyword + " " + f.name() + ": no help");
        }
    }

    @Test
    void helpListsEveryStatementAndExplainsEveryOption() {
        Session s = new Session();
        StringBuilder all = new StringBuilder();
        s.run(new Source("<t>", "help"), o -> all.append(o).append('\n'), false);
        for (Statement row : Statements.listed()) {
            String label = row.form == Stmt.Assign.class ? "NAME = VALUE" : row.form == Stmt.Inspect.class ? "NAME" : row.keyword;
            assertTrue(all.toString().contains(label), "help does not list " + label);
            if (!row.keyword.matches("[a-z]+")) continue;
            StringBuilder one = new StringBuilder();
            s.run(new Source("<t>", "help " + row.keyword), o -> one.append(o).append('\n'), false);
            for (Signature.OptionSpec o : row.signature.options) assertTrue(one.toString().contains(o.name() + "="), "help " + row.keyword + " omits " + o.name() + "=");
        }
    }

    static List<Statement> rows() { return Statements.ALL; }

    /** Each row's example, run after its setup in a fresh session (in a temporary folder, for the files it writes). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyExampleRunsAsWritten(Statement row) throws IOException {
        Path dir = Files.createTempDirectory("nn-example");
        java.util.function.UnaryOperator<String> files = t -> t.replace("\"example.md\"", "\"" + dir.resolve("example.md") + "\"")
                .replace("\"net.nn\"", "\"" + dir.resolve("net.nn") + "\"")
                .replace("\"net.npz\"", "\"" + dir.resolve("net.npz") + "\"")
                .replace("\"samples/seed.nn\"", "\"" + Path.of("samples/seed.nn").toAbsolutePath() + "\"");
        String example = files.apply(row.example);
        Session s = new Session();
        List<Object> out = new ArrayList<>();
        Session.Result setup = s.run(new Source("<setup>", files.apply(row.setup)), out::add, false);
        assertTrue(setup.ok(), row.keyword + " setup: " + out);
        Session.Result r = s.run(new Source("<example>", example), out::add, false);
        assertTrue(r.ok() && s.failedExpects() == 0, row.keyword + ": `" + example + "` " + out);
    }

    @Test
    void everyOptionIsOfferedByCompletion() {
        for (Statement row : Statements.ALL) {
            if (row.form != Stmt.Command.class && row.form != Stmt.Layer.class) continue;
            for (Signature.OptionSpec o : row.signature.options) {
                boolean offered = false;
                for (int arg = 1; arg <= 4 && !offered; arg++) {
                    CompletionTable.Offer offer = CompletionTable.offer(row.keyword, arg);
                    offered = offer != null && offer.options().contains(o.name());
                }
                assertTrue(offered, row.keyword + " " + o.name() + "= is accepted but not completed");
            }
        }
    }
}
