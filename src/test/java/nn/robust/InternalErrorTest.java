package nn.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import nn.cli.Main;
import nn.lang.Diagnostic;
import nn.lang.NnError;
import nn.lang.Parser;
import nn.lang.Source;
import nn.session.Session;
import nn.lang.Stmt;
import org.junit.jupiter.api.Test;

/**
 * A bug inside nn (here planted: `reset` made to throw) prints one line saying it is a bug and how to get details;
 * --debug adds the Java trace; the session goes on; never a trace without --debug.
 */
class InternalErrorTest {

    /** A session whose `reset` fails the way a bug would. */
    private static Supplier<Session> buggy(Throwable t) {
        return () -> {
            Session s = new Session();
            s.override("reset", (stmt, args, ctx) -> {
                ctx.state().precision = 9; // half-done work, which must not survive
                if (t instanceof RuntimeException re) throw re;
                throw (Error) t;
            });
            return s;
        };
    }

    @Test
    void aBugInAStatementIsOneClearErrorAndTheSessionGoesOn() {
        Cli c = Cli.run(buggy(new NullPointerException("planted")), "--keep-going", "-e", "reset\nprecision 4\nexpect x = 1\ninput [1]\nexpect x = 1");
        assertTrue(c.err().contains("-e:1:1: internal error: internal error in nn (NullPointerException: planted); the statement changed nothing"), c.toString());
        assertTrue(c.err().contains("this is a bug in nn; run with --debug to see the details"), c.toString());
        assertTrue(c.noStackTrace(), c.toString());
        assertTrue(c.err().contains("5 statements run, 2 errors"), "the statements after the bug ran: " + c);
        assertEquals(Main.FAILED, c.code());
    }

    @Test
    void debugPrintsTheJavaTraceOfTheCause() {
        Cli c = Cli.run(buggy(new IllegalStateException("planted")), "--debug", "-e", "reset");
        assertTrue(c.err().contains("internal error in nn (IllegalStateException: planted)"), c.toString());
        assertTrue(c.err().contains("java.lang.IllegalStateException: planted") && c.err().contains("\tat nn.robust.InternalErrorTest"), c.toString());
    }

    @Test
    void stackOverflowAndAssertionErrorsAreCaughtAsBugsToo() {
        for (Throwable t : List.of(new StackOverflowError(), new AssertionError("inv"), new ExceptionInInitializerError("init"))) {
            Session s = buggy(t).get();
            NnError e = assertThrows(NnError.class, () -> s.execute(Parser.parse(new Source("<t>", "reset")).statements().get(0), o -> { }));
            assertEquals(Diagnostic.Kind.INTERNAL, e.diagnostic().kind());
            assertEquals(3, s.state().precision, "the half-done work was dropped");
            assertTrue(e.getCause() == t);
        }
    }

    @Test
    void outOfMemoryIsAnErrorThatChangesNothing() {
        Session s = buggy(new OutOfMemoryError("Java heap space")).get();
        NnError e = assertThrows(NnError.class, () -> s.execute(Parser.parse(new Source("<t>", "reset")).statements().get(0), o -> { }));
        assertEquals(Diagnostic.Kind.RUNTIME, e.diagnostic().kind());
        assertTrue(e.getMessage().startsWith("out of memory"), e.getMessage());
        assertEquals(3, s.state().precision);
    }

    /** Outside any statement (here the session itself fails to start): one line, exit 70, trace only with --debug. */
    @Test
    void aBugOutsideAnyStatementIsOneLineAndExit70() {
        Supplier<Session> broken = () -> { throw new IllegalStateException("planted"); };
        Cli c = Cli.run(broken, "-e", "show x");
        assertEquals(Main.INTERNAL, c.code());
        assertEquals("nn: internal error (IllegalStateException: planted): this is a bug in nn; run with --debug to see the details", c.err().strip());
        Cli d = Cli.run(broken, "--debug", "-e", "show x");
        assertTrue(d.err().contains("\tat "), d.toString());
        assertFalse(d.err().contains("run with --debug"), d.toString());
    }
}
