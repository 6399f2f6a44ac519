package nn.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nn.core.Init;
import nn.core.Layer;
import nn.lang.Literal;
import nn.lang.NnError;
import nn.lang.Option;
import nn.lang.Stmt;
import nn.lang.Suggest;

/**
 * {@code init SCHEME [seed=N]}: re-initialises every layer already built and every layer added later. Layer k draws
 * from its own generator, seeded by (seed, k), so a layer's numbers do not depend on whether `init` came before or
 * after it, nor on the layers around it: the script alone fixes every number.
 */
final class InitCommand {
    private InitCommand() { }

    /** Seeds are whole numbers a double holds exactly. */
    static final long MAX_SEED = 1L << 53;

    static final List<String> SCHEMES = List.of("xavier", "he", "uniform", "normal", "zeros");

    /** A chosen scheme: {@link LayerInit.Scheme} applied to each layer by its index. */
    record Chosen(Init.Scheme scheme, double a, double b, long seed, String text) {
        void apply(Layer layer, int k) { Init.fill(layer, scheme, a, b, new Random(layerSeed(seed, k))); }
    }

    /** Mixes the seed and the layer index so that neighbouring seeds and layers give unrelated streams. */
    static long layerSeed(long seed, int k) { return seed * 0x9E3779B97F4A7C15L + k * 0xC2B2AE3D27D4EB4FL; }

    static void run(Stmt.Command s, Args args, Context ctx) {
        State st = ctx.state();
        nn.lang.Expr.Call call = args.call("SCHEME");
        nn.lang.Word scheme0 = call.function();
        String name = scheme0.text().toLowerCase();
        Init.Scheme scheme = switch (name) {
            case "xavier", "glorot" -> Init.Scheme.XAVIER;
            case "he", "kaiming" -> Init.Scheme.HE;
            case "uniform" -> Init.Scheme.UNIFORM;
            case "normal", "gaussian" -> Init.Scheme.NORMAL;
            case "zeros", "zero" -> Init.Scheme.ZEROS;
            default -> {
                String hint = Suggest.hint(name, SCHEMES);
                throw new NnError(scheme0.pos(), "unknown initialisation '" + scheme0.text() + "'",
                        hint != null ? hint : "schemes: xavier, he, uniform(-0.5, 0.5), normal(0, 0.1), zeros");
            }
        };
        double[] ab = arguments(call, scheme);
        long seed = args.whole("seed", 0);
        String text = switch (scheme) {
            case UNIFORM -> "uniform(" + Format.plain(ab[0]) + ", " + Format.plain(ab[1]) + ")";
            case NORMAL -> "normal(" + Format.plain(ab[0]) + ", " + Format.plain(ab[1]) + ")";
            default -> name.equals("glorot") ? "xavier" : name.equals("kaiming") ? "he" : name.equals("zero") ? "zeros" : name;
        } + " seed=" + seed;
        Chosen c = new Chosen(scheme, ab[0], ab[1], seed, text);
        st.init = c;
        List<String> done = new ArrayList<>();
        for (int k = 0; k < st.net.depth(); k++) {
            c.apply(st.net.layer(k), k);
            done.add("W" + k + ", b" + k);
        }
        if (st.pass != null) st.stale = true;
        ctx.info("init " + text + (done.isEmpty() ? ": new layers start this way" : ": re-initialised " + String.join("; ", done) + "; new layers start this way too")
                + (scheme == Init.Scheme.XAVIER || scheme == Init.Scheme.HE ? " (biases 0)" : ""));
    }

    private static double[] arguments(nn.lang.Expr.Call s, Init.Scheme scheme) {
        List<Double> nums = new ArrayList<>();
        for (nn.lang.Arg a : s.args()) {
            if (a instanceof Literal l && l.form() == Literal.Form.SCALAR) nums.add(l.scalar());
            else throw new NnError(a.pos(), "init takes its range as plain numbers, e.g. uniform(-0.5, 0.5)", null);
        }
        boolean ranged = scheme == Init.Scheme.UNIFORM || scheme == Init.Scheme.NORMAL;
        if (!ranged && !nums.isEmpty()) throw new NnError(s.function().pos(), s.function().text() + " takes no numbers", "only uniform(lo, hi) and normal(mean, std) do");
        if (!ranged) return new double[] {0, 0};
        if (nums.isEmpty()) return scheme == Init.Scheme.UNIFORM ? new double[] {-0.5, 0.5} : new double[] {0, 0.1};
        if (nums.size() != 2) {
            throw new NnError(s.pos(), s.function().text() + " takes two numbers, not " + nums.size(),
                    scheme == Init.Scheme.UNIFORM ? "uniform(lo, hi), e.g. uniform(-0.5, 0.5)" : "normal(mean, std), e.g. normal(0, 0.1)");
        }
        if (scheme == Init.Scheme.UNIFORM && !(nums.get(0) < nums.get(1))) throw new NnError(s.pos(), "uniform(lo, hi) needs lo < hi", null);
        if (scheme == Init.Scheme.NORMAL && !(nums.get(1) >= 0)) throw new NnError(s.pos(), "normal(mean, std) needs std ≥ 0", null);
        // every weight drawn must be a finite number: hi − lo (or mean ± 40·std) must not overflow
        if (scheme == Init.Scheme.UNIFORM && !Double.isFinite(nums.get(1) - nums.get(0))) {
            throw new NnError(s.pos(), "uniform(lo, hi) is too wide: hi − lo overflows (beyond ±1.8e308)", "use a range such as uniform(-1e300, 1e300)");
        }
        if (scheme == Init.Scheme.NORMAL && !Double.isFinite(Math.abs(nums.get(0)) + 40 * nums.get(1))) {
            throw new NnError(s.pos(), "normal(mean, std) is too wide: its draws could overflow (beyond ±1.8e308)", "use a std of at most 1e306");
        }
        return new double[] {nums.get(0), nums.get(1)};
    }
}
