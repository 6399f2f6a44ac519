package nn.session;

import nn.core.Layer;

/**
 * How a new layer's parameters start. The foundation's default is {@link nn.core.Init#byDefault}; an {@code init}
 * statement (training feature) stores its scheme in {@link State#extra} under {@link #KEY} and is applied here.
 */
final class LayerInit {
    private LayerInit() { }

    static final String KEY = "init";

    /** A hook that re-initialises {@code layer} (the k-th) from the session's chosen scheme. */
    interface Scheme {
        void apply(Layer layer, int k);
    }

    static void apply(State st, Layer layer, int k) {
        Object scheme = st.extra.get(KEY);
        if (scheme instanceof Scheme s) s.apply(layer, k);
    }
}
