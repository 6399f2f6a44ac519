package nn.session;

/**
 * The live view of a session (`view`): a front end that shows the session somewhere else (a browser page) and is
 * told when it changes. nn.session does not know how it is shown: the front ends that stay open (the REPL, a script
 * with -i, the Jupyter kernel) install a factory with {@link Session#viewers}, and the class behind it is loaded only
 * when `view` first runs. Every method is called on the thread that runs the session's statements and must return
 * at once (the view renders on its own threads).
 */
public interface Viewer {

    /** Starts the view (or keeps the running one); its address, to print. */
    String start() throws java.io.IOException;

    /** The address while it runs, else null. */
    String address();

    /** Ends it: every page watching is told, the port is closed. */
    void stop();

    /**
     * A statement committed (or a run was undone): {@code view} is the session as it now is. During training, also
     * a few times a second: the weights and the loss curve so far ({@link ViewModel#training()}).
     */
    void changed(ViewModel view);
}
