package nn.session;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import nn.core.Layer;
import nn.core.Value;
import nn.lang.Diagnostic;
import nn.lang.Document;
import nn.lang.MathExpr;
import nn.lang.MathParser;
import nn.lang.NnError;
import nn.lang.Pos;
import nn.lang.Ref;
import nn.lang.Source;
import nn.lang.Stmt;

/**
 * {@code check "FILE"}, and a pasted block of display math: reads a worked solution's equations and checks every one.
 * A chain {@code LHS = A = B = … = numbers} sets the left side where it is a parameter, input, target or rate not
 * yet known (its symbolic members must name the right elements), and otherwise is checked: nn computes the left side
 * with its one forward and backward pass (and an update with the document's rate for starred names), every member it
 * can evaluate is evaluated, the last number must match at the precision it is printed with. With no network
 * declared the network is inferred from the document (matrix shapes, {@code h = relu(h_pre)}, {@code E = ½Σ(y − o)²},
 * {@code μ = 0.1}). A slip gets a hint only when computing that slip gives the printed number.
 */
final class CheckCommand {
    private CheckCommand() { }

    static void run(Stmt.Command s, Args a, Context ctx) {
        nn.lang.Str name = a.file("FILE");
        Path file = SourceFiles.named(name, s.pos());
        Source src = SourceFiles.read(file, name.pos());
        check(src, ctx, name.pos());
    }

    /** Checks the equations of {@code src} (a document or a pasted block) in this statement's state. */
    static void check(Source src, Context ctx, Pos at) {
        Document doc = Document.read(src);
        if (doc.equations().isEmpty()) {
            throw new NnError(at, src.origin() + " has no display equations to check",
                    "nn reads $$…$$, \\[…\\], ```math fences and LaTeX equation/align environments; inline $…$ is prose");
        }
        Map<String, Double> overrides = new LinkedHashMap<>();
        Map<String, String> foundAt = new HashMap<>();
        Map<String, Pos> foundPos = new HashMap<>();
        Checker last = null;
        for (int round = 0; round < 4; round++) {
            Checker c = new Checker(doc, ctx.state(), overrides, foundAt, foundPos);
            c.runAll();
            last = c;
            if (c.newOverride == null) break;
            overrides.put(c.newOverride.getKey(), c.newOverride.getValue());
        }
        for (Output o : last.outputs) {
            if (o instanceof Output.Expectation e) ctx.session().countExpect(e.passed());
            if (o instanceof Output.Problem p && (p.diagnostic().kind() == Diagnostic.Kind.RUNTIME || p.diagnostic().kind() == Diagnostic.Kind.EXPECT)) {
                ctx.session().countExpect(false);
            }
            ctx.emit(o);
        }
        last.commit(ctx.state());
    }

    // ---- values ----

    /** A value as the checker computes with it: rows × cols, row-major; a vector is a column. */
    record M(int rows, int cols, double[] d) {
        static M scalar(double v) { return new M(1, 1, new double[] {v}); }

        boolean isScalar() { return d.length == 1; }

        int size() { return d.length; }

        static M of(Value v) {
            return switch (v.kind()) {
                case SCALAR -> scalar(v.scalar());
                case VECTOR -> new M(v.size(), 1, v.data().clone());
                default -> new M(v.rows(), v.cols(), v.data().clone());
            };
        }
    }

    /** Something nn cannot evaluate here (the derivative of a whole expression, a name it does not know). */
    static final class Unknown extends RuntimeException {
        Unknown(String why) { super(why, null, false, false); }
    }

    // ---- what the document says the network is ----

    /** A layer as the document gives it. */
    static final class LayerSpec {
        int in = -1;
        int out = -1;
        String activation;
        String name;
        String wRef;
        String bRef;
        boolean fromProse;
    }

    /** The most parameters searched for one written with one value and computed with another. */
    static final int MAX_SEARCHED = 400;

    static final class Checker {
        final Document doc;
        final State base;
        final Map<String, Double> overrides;
        final Map<String, String> foundAt;
        final List<Output> outputs = new ArrayList<>();
        Map.Entry<String, Double> newOverride;

        final List<Document.Equation> eqs = new ArrayList<>();
        final List<List<MathExpr>> chains = new ArrayList<>();
        final List<LayerSpec> layers = new ArrayList<>();
        boolean declared;
        int layerOffset;
        String loss = "half_sse";
        String lossNote;
        /** Parameters as set so far: W0, b0, ..., x, y (row-major), and the rate. */
        final Map<String, double[]> params = new LinkedHashMap<>();
        final Map<String, int[]> decimals = new HashMap<>();
        final Map<String, String> setIn = new HashMap<>();
        Double lr;
        int precision = 3;
        int right;
        int slips;
        int set;
        int unchecked;
        int unreadable;
        String cannotCompute;
        final Map<String, Env> envs = new HashMap<>();
        final List<Output> sessionChanges = new ArrayList<>();
        final Map<String, Pos> foundPos;

        Checker(Document doc, State base, Map<String, Double> overrides, Map<String, String> foundAt, Map<String, Pos> foundPos) {
            this.doc = doc;
            this.base = base;
            this.overrides = overrides;
            this.foundAt = foundAt;
            this.foundPos = foundPos;
        }

        void runAll() {
            for (Document.Equation e : doc.equations()) {
                try {
                    chains.add(MathParser.chain(e.text()));
                    eqs.add(e);
                } catch (MathParser.Failure f) {
                    unreadable++;
                    Pos p = e.at(f.column, 1);
                    outputs.add(new Output.Problem(new Diagnostic(Diagnostic.Kind.SYNTAX, p, e.label() + ": " + f.getMessage() + "; this equation is skipped",
                            "nn reads names (w_{100}, h_{\\text{pre}}), numbers, + − \\cdot \\times \\frac, \\sigma(…), \\text{relu}(…), e^{…}, \\sum_i and bmatrix/pmatrix")));
                }
            }
            infer();
            slips += sessionChanges.size();
            outputs.addAll(sessionChanges);
            int decimalsSeen = 0;
            for (List<MathExpr> c : chains) decimalsSeen = Math.max(decimalsSeen, maxDecimals(c.get(c.size() - 1)));
            precision = Math.max(3, Math.min(decimalsSeen, 6));
            for (int k = 0; k < eqs.size(); k++) {
                if (newOverride != null) break;
                equation(eqs.get(k), chains.get(k));
            }
            if (newOverride != null) return;
            summary();
        }

        // ---- inference ----

        void infer() {
            if (!base.net.isEmpty()) {
                declared = true;
                for (Layer l : base.net.layers()) {
                    LayerSpec s = new LayerSpec();
                    s.in = l.in;
                    s.out = l.out;
                    s.activation = l.activation.id;
                    s.name = l.name;
                    layers.add(s);
                }
                for (int k = 0; k < base.net.depth(); k++) {
                    params.put("W" + k, base.net.layer(k).W.clone());
                    params.put("b" + k, base.net.layer(k).b.clone());
                }
                if (base.x != null) params.put("x", base.x.data().clone());
                if (base.y != null) params.put("y", base.y.data().clone());
                lr = base.lr;
                loss = base.net.loss().id;
                for (var e : params.entrySet()) {
                    for (int i = 0; i < e.getValue().length; i++) {
                        String ek = e.getKey() + ":" + i;
                        decimals.computeIfAbsent(e.getKey(), k -> new int[e.getValue().length])[i] = writtenDecimals(e.getValue()[i]);
                        if (!overrides.containsKey(ek)) continue;
                        sessionChanges.add(new Output.Expectation(false, foundPos.get(ek), foundAt.get(ek) + " " + elementName(e.getKey(), i), "=",
                                Value.scalar(overrides.get(ek)), Value.scalar(e.getValue()[i]), new double[] {0}, precision,
                                List.of(foundAt.get(ek) + " and the equations after it compute with " + elementName(e.getKey(), i) + " = " + Format.plain(overrides.get(ek))
                                        + ", but the session has " + Format.plain(e.getValue()[i]) + "; nn checks them with " + Format.plain(overrides.get(ek)))));
                        e.getValue()[i] = overrides.get(ek);
                    }
                }
                nameLayers();
                return;
            }
            // weight matrices: W_0, W_{hid}, W_1, W_{out}; which layer each is comes from the element names it lists
            // (w_{1ij}), its number, or hid/out
            Map<String, int[]> shapes = new LinkedHashMap<>();
            Map<String, Integer> explicit = new HashMap<>();
            int maxElementLayer = -1;
            int minNumbered = Integer.MAX_VALUE;
            for (List<MathExpr> c : chains) {
                if (!(c.get(0) instanceof MathExpr.Sym s) || s.starred()) continue;
                for (MathExpr m : c) {
                    for (MathExpr.Sym e : syms(m)) {
                        int[] w = weightIndex(e);
                        if (w != null) {
                            maxElementLayer = Math.max(maxElementLayer, w[0]);
                            minNumbered = Math.min(minNumbered, w[0]);
                        }
                    }
                }
                if (!s.base().equals("W")) continue;
                if (s.sub().matches("\\d+")) minNumbered = Math.min(minNumbered, Integer.parseInt(s.sub()));
                for (MathExpr m : c.subList(1, c.size())) {
                    if (m instanceof MathExpr.Matrix mx && m.isNumeric()) shapes.putIfAbsent(s.sub(), new int[] {mx.rows().size(), mx.rows().get(0).size()});
                    if (m instanceof MathExpr.Matrix mx && !m.isNumeric()) {
                        for (List<MathExpr> r : mx.rows()) for (MathExpr e : r) {
                            if (e instanceof MathExpr.Sym es && weightIndex(es) != null) explicit.putIfAbsent(s.sub(), weightIndex(es)[0]);
                        }
                    }
                }
            }
            layerOffset = minNumbered == 1 ? 1 : 0;
            int count = Math.max(shapes.size(), maxElementLayer + 1 - layerOffset);
            for (int k = 0; k < count; k++) layers.add(new LayerSpec());
            List<String> refs = new ArrayList<>(shapes.keySet());
            for (String ref : refs) {
                Integer k = explicit.get(ref);
                if (k != null) k -= layerOffset;
                else if (ref.matches("\\d+")) k = Integer.parseInt(ref) - layerOffset;
                else if (ref.matches("(?i)hid|hidden|h")) k = 0;
                else if (ref.matches("(?i)out|output|o")) k = count - 1;
                if (k == null || k < 0 || k >= count) continue;
                LayerSpec l = layers.get(k);
                l.wRef = ref;
                l.out = shapes.get(ref)[0];
                l.in = shapes.get(ref)[1];
            }
            // element definitions alone (w_{100} = 0.7): the shapes from the largest indices
            for (List<MathExpr> c : chains) {
                for (MathExpr.Sym e : syms(c.get(0))) {
                    int[] w = weightIndex(e);
                    if (w == null) continue;
                    int k = w[0] - layerOffset;
                    if (k < 0 || k >= count) continue;
                    LayerSpec l = layers.get(k);
                    if (l.wRef == null) {
                        l.out = Math.max(l.out, w[1] + 1);
                        l.in = Math.max(l.in, w[2] + 1);
                    }
                }
            }
            nameLayers();
            proseActivations();
            for (List<MathExpr> c : chains) {
                if (!(c.get(0) instanceof MathExpr.Sym s) || s.starred() || !isLoss(s) || c.size() < 2) continue;
                MathExpr def = c.get(1) instanceof MathExpr.Sym && c.size() > 2 ? c.get(2) : c.get(1);
                String text = def.toString();
                if (text.contains("function=log")) { loss = "bce"; lossNote = "E has a log: binary cross-entropy"; }
                else if (hasHalf(def)) loss = "half_sse";
                else if (text.contains("Pow")) { loss = "mse"; lossNote = "E has no ½: the squared error (mse)"; }
                break;
            }
        }

        /** Names and activations from h = relu(h_pre), o = σ(o_pre): the layer NAME_pre is computed with, else the order written. */
        void nameLayers() {
            int next = 0;
            for (List<MathExpr> c : chains) {
                if (c.size() < 2 || !(c.get(0) instanceof MathExpr.Sym s) || s.starred() || !s.sub().isEmpty()) continue;
                if (!(c.get(1) instanceof MathExpr.Call call) || call.args().size() != 1) continue;
                if (!(call.args().get(0) instanceof MathExpr.Sym arg) || !arg.base().equals(s.base()) || !arg.sub().equals("pre")) continue;
                boolean named = false;
                for (LayerSpec l : layers) named |= s.base().equals(l.name);
                if (named) continue;
                int k = layerComputing(s.base());
                if (k < 0) {
                    while (next < layers.size() && layers.get(next).name != null) next++;
                    if (next >= layers.size()) break;
                    k = next++;
                }
                LayerSpec l = layers.get(k);
                if (l.name != null) continue;
                l.name = s.base();
                if (declared) continue; // the declared activation stands; the document only names the layer
                l.activation = switch (call.function()) {
                    case "sigmoid" -> "sigmoid";
                    case "relu" -> "relu";
                    case "tanh" -> "tanh";
                    case "softmax" -> "softmax";
                    default -> null;
                };
            }
        }

        private static final java.util.regex.Pattern ACTIVATION_WORD =
                java.util.regex.Pattern.compile("(?i)(?<![a-z])(relu|sigmoid|logistic|tanh|softmax|linear|identity)(?![a-z])");

        /**
         * A layer whose activation no equation gives (h = relu(h_pre)) takes the one its prose names, when the prose
         * between the weight matrix before it and its own names exactly one ("one neuron with bias, sigmoid activation").
         */
        void proseActivations() {
            int previousEnd = 0;
            for (LayerSpec l : layers) {
                int at = -1;
                for (int k = 0; k < eqs.size(); k++) {
                    if (chains.get(k).get(0) instanceof MathExpr.Sym s && s.base().equals("W") && !s.starred() && s.sub().equals(l.wRef)) { at = k; break; }
                }
                if (at < 0) continue;
                Document.Equation eq = eqs.get(at);
                if (l.activation == null) {
                    String prose = doc.source().text().substring(Math.min(previousEnd, eq.offset()), eq.offset());
                    java.util.Set<String> named = new java.util.LinkedHashSet<>();
                    java.util.regex.Matcher m = ACTIVATION_WORD.matcher(prose);
                    while (m.find()) {
                        String w = m.group(1).toLowerCase(Locale.ROOT);
                        named.add(w.equals("logistic") ? "sigmoid" : w.equals("identity") ? "linear" : w);
                    }
                    if (named.size() == 1) {
                        l.activation = named.iterator().next();
                        l.fromProse = true;
                    }
                }
                previousEnd = eq.offset() + eq.text().length();
            }
        }

        /** The layer whose weights NAME_pre = W… x + b is computed with, or -1. */
        int layerComputing(String name) {
            for (List<MathExpr> c : chains) {
                if (!(c.get(0) instanceof MathExpr.Sym s) || !s.base().equals(name) || !s.sub().equals("pre") || s.starred()) continue;
                for (MathExpr m : c.subList(1, c.size())) {
                    for (MathExpr.Sym w : syms(m)) {
                        if (w.base().equals("W")) {
                            int k = layerOf(w.sub());
                            if (k >= 0) return k;
                        }
                        int[] wi = weightIndex(w);
                        if (wi != null && wi[0] - layerOffset >= 0 && wi[0] - layerOffset < layers.size()) return wi[0] - layerOffset;
                    }
                }
            }
            return -1;
        }

        /** The decimals of a number's shortest exact text (0.8 → 1, 0.19174 → 5): how a session's own value was written. */
        static int writtenDecimals(double v) {
            String t = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
            int dot = t.indexOf('.');
            return dot < 0 ? 0 : t.length() - dot - 1;
        }

        static boolean hasHalf(MathExpr e) {
            if (e instanceof MathExpr.Bin b) {
                if (b.op() == '/' && b.left() instanceof MathExpr.Num n1 && n1.value() == 1 && b.right() instanceof MathExpr.Num n2 && n2.value() == 2) return true;
                return hasHalf(b.left()) || hasHalf(b.right());
            }
            if (e instanceof MathExpr.Num n) return n.value() == 0.5;
            return false;
        }

        /** {k, i, j} of w_{kij}, or null. */
        static int[] weightIndex(MathExpr.Sym s) {
            if (!s.base().equals("w")) return null;
            String d = s.sub().replace(",", "");
            if (!d.matches("\\d{3}")) return null;
            return new int[] {d.charAt(0) - '0', d.charAt(1) - '0', d.charAt(2) - '0'};
        }

        /** {k, i} of b_{ki}, or null. */
        static int[] biasIndex(MathExpr.Sym s) {
            if (!s.base().equals("b")) return null;
            String d = s.sub().replace(",", "");
            if (!d.matches("\\d{2}")) return null;
            return new int[] {d.charAt(0) - '0', d.charAt(1) - '0'};
        }

        static List<MathExpr.Sym> syms(MathExpr e) {
            List<MathExpr.Sym> out = new ArrayList<>();
            collect(e, out);
            return out;
        }

        private static void collect(MathExpr e, List<MathExpr.Sym> out) {
            if (e instanceof MathExpr.Sym s) out.add(s);
            else if (e instanceof MathExpr.Bin b) { collect(b.left(), out); collect(b.right(), out); }
            else if (e instanceof MathExpr.Neg n) collect(n.operand(), out);
            else if (e instanceof MathExpr.Pow p) { collect(p.base(), out); collect(p.exponent(), out); }
            else if (e instanceof MathExpr.Transpose t) collect(t.operand(), out);
            else if (e instanceof MathExpr.Call c) for (MathExpr a : c.args()) collect(a, out);
            else if (e instanceof MathExpr.Matrix m) for (List<MathExpr> r : m.rows()) for (MathExpr x : r) collect(x, out);
            else if (e instanceof MathExpr.Sum s) collect(s.body(), out);
        }

        static boolean isLoss(MathExpr.Sym s) {
            return s.sub().isEmpty() && (s.base().equals("E") || s.base().equalsIgnoreCase("loss") || s.base().equals("L") || s.base().equals("J"));
        }

        static boolean isRate(MathExpr.Sym s) {
            return s.sub().isEmpty() && !s.starred() && (s.base().equals("μ") || s.base().equals("η") || s.base().equals("α") || s.base().equals("lr"));
        }

        int layerOf(String sub) {
            if (sub.matches("\\d")) {
                int k = Integer.parseInt(sub) - layerOffset;
                return k >= 0 && k < layers.size() ? k : -1;
            }
            for (int k = 0; k < layers.size(); k++) if (sub.equals(layers.get(k).wRef)) return k;
            if (sub.matches("(?i)hid|hidden")) return 0;
            if (sub.matches("(?i)out|output")) return layers.size() - 1;
            for (int k = 0; k < layers.size(); k++) if (sub.equals(layers.get(k).name)) return k;
            return -1;
        }

        /** What a parameter-like name is: {"W0", flat index or -1 for all}, or null when it is not one. */
        Object[] paramTarget(MathExpr.Sym s) {
            if (isRate(s)) return new Object[] {"lr", -1};
            int[] w = weightIndex(s);
            if (w != null) {
                int k = w[0] - layerOffset;
                if (k < 0 || k >= layers.size() || w[1] >= layers.get(k).out || w[2] >= layers.get(k).in) return null;
                return new Object[] {"W" + k, w[1] * layers.get(k).in + w[2]};
            }
            int[] b = biasIndex(s);
            if (b != null) {
                int k = b[0] - layerOffset;
                if (k < 0 || k >= layers.size() || b[1] >= layers.get(k).out) return null;
                return new Object[] {"b" + k, b[1]};
            }
            if (s.base().equals("W") || s.base().equals("b")) {
                int k = layerOf(s.sub());
                if (k < 0) return null;
                return new Object[] {s.base() + k, -1};
            }
            if (s.base().equals("x") || s.base().equals("y")) {
                if (s.sub().isEmpty()) return new Object[] {s.base(), -1};
                if (s.sub().matches("\\d+")) return new Object[] {s.base(), Integer.parseInt(s.sub())};
            }
            return null;
        }

        int paramSize(String key) {
            if (key.startsWith("W")) { LayerSpec l = layers.get(key.charAt(1) - '0'); return l.in * l.out; }
            if (key.startsWith("b")) return layers.get(key.charAt(1) - '0').out;
            if (key.equals("x")) return layers.isEmpty() ? -1 : layers.get(0).in;
            if (key.equals("y")) return layers.isEmpty() ? -1 : layers.get(layers.size() - 1).out;
            return 1;
        }

        // ---- one equation ----

        void equation(Document.Equation eq, List<MathExpr> chain) {
            MathExpr lhs = chain.get(0);
            if (chain.size() == 1) {
                unchecked++;
                outputs.add(new Output.Info(eq.label() + "  " + text(eq, lhs) + ": no '=', nothing to check"));
                return;
            }
            if (lhs instanceof MathExpr.Sym s && !s.starred()) {
                Object[] target = paramTarget(s);
                if (target != null && (isRate(s) ? lr == null || !setIn.containsKey("lr") : !isSet(target))) {
                    setParameter(eq, chain, s, target);
                    return;
                }
            }
            computed(eq, chain);
        }

        boolean isSet(Object[] target) {
            String key = (String) target[0];
            int i = (int) target[1];
            return setIn.containsKey(key + ":" + i) || i < 0 && setIn.keySet().stream().anyMatch(k -> k.startsWith(key + ":"));
        }

        void setParameter(Document.Equation eq, List<MathExpr> chain, MathExpr.Sym lhs, Object[] target) {
            String key = (String) target[0];
            int index = (int) target[1];
            MathExpr valueMember = null;
            for (int k = chain.size() - 1; k >= 1; k--) if (chain.get(k).isNumeric()) { valueMember = chain.get(k); break; }
            if (valueMember == null) {
                unchecked++;
                outputs.add(new Output.Info(eq.label() + "  " + text(eq, lhs) + ": no numbers to set it with"));
                return;
            }
            M v;
            try {
                v = eval(valueMember, null, "");
            } catch (Unknown u) {
                unchecked++;
                outputs.add(new Output.Info(eq.label() + "  " + text(eq, lhs) + ": " + u.getMessage()));
                return;
            }
            if (key.equals("lr")) {
                lr = v.d()[0];
                setIn.put("lr", eq.label());
                set++;
                outputs.add(new Output.Info(eq.label() + "  ✓ " + text(eq, lhs) + " = " + Format.plain(lr) + ": the learning rate"));
                return;
            }
            int size = index >= 0 ? 1 : paramSize(key);
            if (size < 0 || v.size() != size) {
                slips++;
                outputs.add(new Output.Problem(new Diagnostic(Diagnostic.Kind.RUNTIME, eq.at(minCol(valueMember), 1),
                        eq.label() + ": " + text(eq, lhs) + " has " + v.size() + " number" + (v.size() == 1 ? "" : "s") + ", but the network needs " + size,
                        "the network is inferred from the weight matrices' shapes; declare it before checking (layer relu 3->2 as h)")));
                return;
            }
            double[] current = params.computeIfAbsent(key, k -> new double[paramSize(k)]);
            int[] dec = decimals.computeIfAbsent(key, k -> new int[paramSize(k)]);
            int[] written = numberDecimals(valueMember);
            List<String> changed = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                int at = index >= 0 ? index : i;
                String ek = key + ":" + at;
                double value = v.d()[i];
                if (overrides.containsKey(ek)) {
                    changed.add(elementName(key, at) + " = " + Format.plain(value) + " here, but " + foundAt.get(ek) + " and the equations after it compute with "
                            + Format.plain(overrides.get(ek)) + "; nn checks them with " + Format.plain(overrides.get(ek)));
                    value = overrides.get(ek);
                }
                current[at] = value;
                dec[at] = i < written.length ? written[i] : 3;
                setIn.put(ek, eq.label());
            }
            // symbolic members name the right elements: w_{001} must sit where W0[0,1] is
            List<String> misplaced = new ArrayList<>();
            for (MathExpr m : chain.subList(1, chain.size())) {
                if (m.isNumeric()) continue;
                if (m instanceof MathExpr.Matrix mx) {
                    int cols = mx.rows().get(0).size();
                    int flat = 0;
                    for (List<MathExpr> r : mx.rows()) for (MathExpr e : r) {
                        int at = flat++;
                        if (!(e instanceof MathExpr.Sym es)) continue;
                        Object[] t = paramTarget(es);
                        if (t == null || !t[0].equals(key) || (int) t[1] != at) {
                            misplaced.add(es.text() + " sits at [" + at / cols + "," + at % cols + "] of " + text(eq, lhs)
                                    + (t == null ? ", and nn does not know it" : ", but it is " + position((String) t[0], (int) t[1])));
                        }
                    }
                } else if (m instanceof MathExpr.Sym ms) {
                    Object[] t = paramTarget(ms);
                    if (t == null || !t[0].equals(key) || (int) t[1] != index && !(index < 0 && paramSize(key) == 1 && (int) t[1] == 0)) {
                        misplaced.add(ms.text() + " is not " + text(eq, lhs) + (t == null ? "" : ": it names " + elementName((String) t[0], (int) t[1])));
                    }
                }
            }
            set++;
            String what = index >= 0 ? elementName(key, index) : key;
            if (changed.isEmpty() && !misplaced.isEmpty()) {
                slips++;
                set--;
                MathExpr named = chain.stream().filter(m -> !m.isNumeric() && m != lhs).findFirst().orElse(valueMember);
                outputs.add(new Output.Problem(new Diagnostic(Diagnostic.Kind.EXPECT, eq.at(minCol(named), width(eq, named)),
                        eq.label() + " " + text(eq, lhs) + ": " + misplaced.get(0) + (misplaced.size() > 1 ? " (and " + (misplaced.size() - 1) + " more)" : ""),
                        String.join("; ", misplaced) + "; nn takes the numbers by their places: " + what + " = " + inline(new M(v.rows(), v.cols(), v.d())))));
                return;
            }
            if (!changed.isEmpty() || !misplaced.isEmpty()) {
                slips++;
                set--;
                List<String> hints = new ArrayList<>(changed);
                hints.addAll(misplaced);
                Pos p = eq.at(minCol(valueMember), width(eq, valueMember));
                double[] doc = v.d();
                double[] used = new double[v.size()];
                for (int i = 0; i < used.length; i++) used[i] = current[index >= 0 ? index : i];
                outputs.add(new Output.Expectation(false, p, eq.label() + " " + text(eq, lhs), "=", valueOf(doc, v), valueOf(used, v),
                        tolerances(valueMember, v.size()), precision, hints));
                return;
            }
            outputs.add(new Output.Info(eq.label() + "  ✓ " + text(eq, lhs) + " = " + inline(v) + ": sets " + what
                    + (chain.size() > 2 ? " (" + (chain.size() - 2) + " symbolic member" + (chain.size() == 3 ? " names" : "s name") + " the right elements)" : "")));
        }

        /** "w010, W0[1,0]": an element's name and place. */
        String position(String key, int at) {
            if (at < 0) return key;
            if (key.startsWith("W")) {
                int in = layers.get(key.charAt(1) - '0').in;
                return elementName(key, at) + ", " + key + "[" + at / in + "," + at % in + "]";
            }
            return elementName(key, at);
        }

        String elementName(String key, int at) {
            if (at < 0) return key;
            if (key.startsWith("W")) {
                int k = key.charAt(1) - '0';
                int in = layers.get(k).in;
                return "w" + (k + layerOffset) + (at / in) + (at % in);
            }
            if (key.startsWith("b")) return "b" + (key.charAt(1) - '0' + layerOffset) + at;
            return key + "[" + at + "]";
        }

        // ---- computed quantities ----

        void computed(Document.Equation eq, List<MathExpr> chain) {
            MathExpr lhs = chain.get(0);
            String label = eq.label() + " " + text(eq, lhs);
            Env env;
            try {
                env = env(params, lr);
            } catch (Unknown u) {
                if (lhs instanceof MathExpr.Sym sym && isLoss(sym) && !sym.starred() && chain.stream().noneMatch(MathExpr::isNumeric)) {
                    // E = ½Σ(y − o)² before the example is given: the loss's definition, which the network took
                    set++;
                    outputs.add(new Output.Info(label + ": defines the loss"));
                    return;
                }
                unchecked++;
                if (cannotCompute == null) {
                    cannotCompute = u.getMessage();
                    outputs.add(new Output.Warning(eq.at(1, 1), "from " + eq.label() + " on nothing can be computed: " + u.getMessage()));
                }
                return;
            }
            M truth;
            boolean lhsKnown = true;
            String against = null;
            try {
                truth = eval(lhs, env, "");
            } catch (Unknown u) {
                lhsKnown = false;
                truth = null;
                for (MathExpr m : chain.subList(1, chain.size())) {
                    if (m.isNumeric()) continue;
                    try {
                        truth = eval(m, env, "");
                        against = text(eq, m);
                        break;
                    } catch (Unknown ignored) {
                        // the next member, then
                    }
                }
                if (truth == null) {
                    unchecked++;
                    outputs.add(new Output.Info(eq.label() + "  " + text(eq, lhs) + ": not checked (" + u.getMessage() + ")"));
                    return;
                }
            }
            MathExpr last = chain.get(chain.size() - 1);
            int finalDecimals = Math.max(1, maxDecimals(last));
            int checkedMembers = 0;
            int skipped = 0;
            List<String> memberSlips = new ArrayList<>();
            Pos slipPos = null;
            M printed = null;
            MathExpr printedMember = null;
            M previousNumeric = null;
            MathExpr previousNumericMember = null;
            for (int k = 1; k < chain.size(); k++) {
                MathExpr m = chain.get(k);
                if (!lhsKnown && against != null && text(eq, m).equals(against)) continue;
                M v;
                try {
                    v = eval(m, afterPass(lhs, m) ? env.afterOnly() : env, "");
                } catch (Unknown u) {
                    skipped++;
                    continue;
                }
                checkedMembers++;
                if (v.size() != truth.size()) {
                    memberSlips.add(text(eq, m) + " has " + v.size() + " number" + (v.size() == 1 ? "" : "s") + ", " + text(eq, lhs) + " has " + truth.size());
                    if (slipPos == null) slipPos = eq.at(minCol(m), width(eq, m));
                    continue;
                }
                boolean isLast = k == chain.size() - 1 && m.isNumeric();
                if (isLast) {
                    printed = v;
                    printedMember = m;
                    continue;
                }
                double tol = hasWrittenDecimals(m) ? Math.pow(10, -finalDecimals) : 1e-9;
                if (!close(v, truth, tol)) {
                    if (m.isNumeric() && previousNumeric == null) { previousNumeric = v; previousNumericMember = m; }
                    memberSlips.add(text(eq, m) + " = " + inline(v) + ", but " + text(eq, lhs) + " = " + inline(truth, precision + 3));
                    if (slipPos == null) slipPos = eq.at(minCol(m), width(eq, m));
                } else if (m.isNumeric()) {
                    previousNumeric = v;
                    previousNumericMember = m;
                }
            }
            if (printed == null && memberSlips.isEmpty()) {
                if (checkedMembers == 0) {
                    unchecked++;
                    outputs.add(new Output.Info(eq.label() + "  " + text(eq, lhs) + ": no member nn can evaluate, not checked"));
                } else {
                    right++;
                    outputs.add(new Output.Info(eq.label() + "  ✓ " + text(eq, lhs) + (lhsKnown ? " = " + inline(truth) : " = " + against) + ": " + members(checkedMembers, skipped)));
                }
                return;
            }
            boolean printedOk = true;
            double[] tol = null;
            if (printed != null) {
                tol = tolerances(printedMember, printed.size());
                for (int i = 0; i < printed.size(); i++) printedOk &= Math.abs(printed.d()[i] - truth.d()[i]) <= tol[i] * (1 + 1e-9) + 1e-300;
            }
            if (printedOk && memberSlips.isEmpty()) {
                right++;
                outputs.add(new Output.Info(eq.label() + "  ✓ " + text(eq, lhs) + " = " + inlineAsWritten(eq, printedMember, printed)
                        + (lhsKnown ? "" : " (as " + against + ")") + ": " + members(checkedMembers, skipped)
                        + (lhsKnown ? "   (" + inline(truth, precision + 4) + ")" : "")));
                return;
            }
            slips++;
            List<String> hints = new ArrayList<>();
            if (!printedOk) {
                hints.addAll(slipHints(eq, chain, lhs, env, truth, printed, printedMember, tol, previousNumeric, previousNumericMember, finalDecimals));
                if (newOverride != null) return;
            }
            if (printedOk) hints.addAll(0, memberSlips);
            else for (String s : memberSlips) if (!hints.contains(s)) hints.add(s);
            Pos p = !printedOk ? eq.at(minCol(printedMember), width(eq, printedMember)) : slipPos;
            M shownDoc = printed != null ? printed : truth;
            outputs.add(new Output.Expectation(false, p, label, "=", valueOf(shownDoc.d(), shownDoc), valueOf(truth.d(), truth),
                    tol != null ? tol : new double[truth.size()], precision, hints));
        }

        String members(int checked, int skipped) {
            return checked + " member" + (checked == 1 ? "" : "s") + " checked" + (skipped > 0 ? ", " + skipped + " not evaluated" : "");
        }

        /** The slip's hints: only those whose computation gives the printed number. */
        List<String> slipHints(Document.Equation eq, List<MathExpr> chain, MathExpr lhs, Env env, M truth, M printed, MathExpr printedMember,
                               double[] tol, M previousNumeric, MathExpr previousNumericMember, int finalDecimals) {
            List<String> hints = new ArrayList<>();
            String follows = null;
            // the document's own arithmetic from rounded numbers gives the printed value
            if (previousNumeric != null && previousNumeric.size() == printed.size() && close(previousNumeric, printed, tol)
                    && close(previousNumeric, truth, Math.pow(10, -finalDecimals))) {
                follows = ("follows from " + text(eq, previousNumericMember) + " = " + inline(previousNumeric, finalDecimals + 3)
                        + ", computed from rounded numbers: with nn's unrounded values it is " + inline(truth, finalDecimals));
            }
            // nn's own slip finder (Mistakes): the ½ dropped, σ′ left out, updated weights used too early, rounding
            Ref ref = lhsRef(lhs);
            if (ref != null) {
                State st = ((MathExpr.Sym) starredOf(lhs)) != null ? env.after() : env.before();
                try {
                    Binding b = Names.resolve(ref, st);
                    Value actual = Values.get(b, st, Pos.NONE);
                    if (actual.size() == printed.size()) {
                        Value expected = new Value(actual.kind(), actual.rows(), actual.cols(), printed.d().clone());
                        for (String h : ExplainCommands.hints(b, expected, actual, tol, st)) if (!hints.contains(h)) hints.add(h);
                        // not when the document's own arithmetic before the result agrees with nn: its inputs were right
                        boolean ownArithmeticRight = previousNumeric != null && close(previousNumeric, truth, 0.5 * Math.pow(10, -finalDecimals));
                        if (b.gradient() && st == env.before() && env.afterOrNull() != null && !ownArithmeticRight) {
                            // the updated weights used too early: the gradient passed down with the weights after the update
                            State early = st.copy();
                            early.net = env.afterOrNull().net;
                            for (String h : ExplainCommands.hints(b, expected, actual, tol, early)) if (!hints.contains(h) && h.contains("already-updated")) hints.add(h);
                        }
                    }
                } catch (NnError | Unknown ignored) {
                    // no binding: no hint of this kind
                }
            }
            // an update the wrong way: w + μ·∂E/∂w (up to the rounding of the gradient the document used)
            if (lhs instanceof MathExpr.Sym s && s.starred() && lr != null) {
                Object[] t = paramTarget(new MathExpr.Sym(s.base(), s.sub(), false, s.text(), s.column()));
                if (t != null && !t[0].equals("lr")) {
                    try {
                        M before = eval(new MathExpr.Sym(s.base(), s.sub(), false, s.text(), s.column()), env, "");
                        boolean all = before.size() == printed.size();
                        double[] flipped = new double[printed.size()];
                        for (int i = 0; all && i < printed.size(); i++) {
                            double step = truth.d()[i] - before.d()[i];
                            flipped[i] = before.d()[i] - step;
                            all = step != 0 && Math.abs(flipped[i] - printed.d()[i]) <= Math.max(tol[i], Math.abs(step) * 0.05);
                        }
                        if (all) hints.add("the update goes the wrong way: " + s.text().replace("^*", "").replace("'", "") + " + μ·∂E/∂" + s.text().replace("^*", "").replace("'", "")
                                + " gives " + inline(new M(truth.rows(), truth.cols(), flipped), finalDecimals + 2) + "; a step against the gradient subtracts it");
                    } catch (Unknown ignored) {
                        // no value before the update
                    }
                }
            }
            if (follows != null) hints.add(follows);
            String cut = truncated(printedMember, printed, truth, tol);
            if (cut != null) hints.add(cut);
            if (hints.isEmpty() && declared && base.lastUpdate != null) {
                // the session has updated its parameters since: the document may be about those before the update
                Map<String, double[]> before = new LinkedHashMap<>();
                for (var e : params.entrySet()) before.put(e.getKey(), e.getValue().clone());
                for (int k = 0; k < base.lastUpdate.before().depth(); k++) {
                    before.put("W" + k, base.lastUpdate.before().layer(k).W.clone());
                    before.put("b" + k, base.lastUpdate.before().layer(k).b.clone());
                }
                try {
                    M then = eval(lhs, env(before, lr), "");
                    if (close(then, printed, tol)) {
                        hints.add("matches the parameters before the session's last update (that gives " + inline(then, finalDecimals + 3)
                                + "); the session has updated them since: `reset` and check the document from its start, or check before updating");
                    }
                } catch (Unknown ignored) {
                    // not computable before the update
                }
            }
            if (hints.isEmpty()) changedWeight(eq, lhs, printed, tol);
            return hints;
        }

        static MathExpr starredOf(MathExpr lhs) {
            if (lhs instanceof MathExpr.Sym s && s.starred()) return s;
            return null;
        }

        /** "0.082 for 0.0825828": the value cut off after its last digit instead of rounded. */
        String truncated(MathExpr member, M printed, M truth, double[] tol) {
            int[] dec = numberDecimals(member);
            boolean cut = false;
            for (int i = 0; i < printed.size(); i++) {
                double a = truth.d()[i];
                double p = printed.d()[i];
                if (Math.abs(a - p) <= tol[i] * (1 + 1e-9)) continue;
                int d = i < dec.length ? dec[i] : -1;
                if (d < 0 || !Double.isFinite(a)) return null;
                if (new BigDecimal(a).setScale(d, RoundingMode.DOWN).compareTo(new BigDecimal(p).setScale(d, RoundingMode.HALF_EVEN)) != 0) return null;
                cut = true;
            }
            if (!cut) return null;
            return "matches nn's value cut off after the last digit written instead of rounded; rounded it is " + inline(truth, Math.max(0, dec.length > 0 ? dec[0] : 3));
        }

        /**
         * A parameter written with one value and computed with another: for each number the document set, the value
         * that gives the printed number (the quantity is smooth in it: one secant step), written with as many decimals
         * as the document gave it, that really gives the printed number. Found, the check starts over with it.
         */
        void changedWeight(Document.Equation eq, MathExpr lhs, M printed, double[] tol) {
            int count = 0;
            for (double[] p : params.values()) count += p.length;
            if (count > MAX_SEARCHED) return; // a worked example by hand has a few dozen numbers; a pasted 1000×1000 matrix is not searched
            int i0 = 0;
            for (String key : new ArrayList<>(params.keySet())) {
                double[] p = params.get(key);
                int[] dec = decimals.getOrDefault(key, new int[p.length]);
                for (int at = 0; at < p.length; at++) {
                    String ek = key + ":" + at;
                    // weights and biases: the input and target are data, and changing them explains anything
                    if (!key.startsWith("W") && !key.startsWith("b")) continue;
                    if (overrides.containsKey(ek) || !setIn.containsKey(ek) && !declared) continue;
                    double v0 = p[at];
                    int d = Math.max(dec[at], 1);
                    double h = Math.pow(10, -d);
                    try {
                        double f0 = scalarAt(lhs, key, at, v0, i0);
                        double f1 = scalarAt(lhs, key, at, v0 + h, i0);
                        if (f1 == f0 || !Double.isFinite(f0) || !Double.isFinite(f1)) continue;
                        for (int e = 0; e < printed.size(); e++) {
                            if (Math.abs(printed.d()[e] - evalWith(lhs, key, at, v0).d()[e]) <= tol[e]) continue;
                            i0 = e;
                            break;
                        }
                        f0 = scalarAt(lhs, key, at, v0, i0);
                        f1 = scalarAt(lhs, key, at, v0 + h, i0);
                        if (f1 == f0) continue;
                        double guess = v0 + (printed.d()[i0] - f0) * h / (f1 - f0);
                        double rounded = new BigDecimal(guess).setScale(d, RoundingMode.HALF_EVEN).doubleValue();
                        if (rounded == v0) continue;
                        M with = evalWith(lhs, key, at, rounded);
                        boolean all = with.size() == printed.size();
                        for (int e = 0; all && e < printed.size(); e++) all = Math.abs(with.d()[e] - printed.d()[e]) <= tol[e] * (1 + 1e-9);
                        if (all) {
                            newOverride = Map.entry(ek, rounded);
                            foundAt.put(ek, eq.label());
                            foundPos.put(ek, eq.at(1, 1));
                            return;
                        }
                    } catch (Unknown ignored) {
                        // not computable with this change
                    }
                }
            }
        }

        private double scalarAt(MathExpr lhs, String key, int at, double v, int i) { return evalWith(lhs, key, at, v).d()[i]; }

        private M evalWith(MathExpr lhs, String key, int at, double v) {
            Map<String, double[]> changed = new LinkedHashMap<>();
            for (var e : params.entrySet()) changed.put(e.getKey(), e.getValue().clone());
            changed.get(key)[at] = v;
            return eval(lhs, env(changed, lr), "");
        }

        // ---- the sessions nn computes in ----

        /**
         * True when a member of a quantity of the second forward pass (o^*, E^*, h^*) writes its formula with plain
         * names (E^* = ½Σ(y_i − o_i)²): they mean the values after the update. Not so for an update (w^* = w − μ∂E/∂w).
         */
        boolean afterPass(MathExpr lhs, MathExpr member) {
            if (!(lhs instanceof MathExpr.Sym s) || !s.starred() || paramTarget(new MathExpr.Sym(s.base(), s.sub(), false, s.text(), s.column())) != null) return false;
            for (MathExpr.Sym x : syms(member)) if (x.starred()) return false;
            return !syms(member).isEmpty();
        }

        record Env(State before, State afterOrNull, String why) {
            /** Every name read after the update. */
            Env afterOnly() { return new Env(after(), afterOrNull, why); }

            State after() {
                if (afterOrNull == null) throw new Unknown(why);
                return afterOrNull;
            }
        }

        Env env(Map<String, double[]> ps, Double rate) {
            StringBuilder key = new StringBuilder(String.valueOf(rate));
            for (var e : ps.entrySet()) key.append(e.getKey()).append(java.util.Arrays.toString(e.getValue()));
            Env cached = envs.get(key.toString());
            if (cached != null) return cached;
            String script = script(ps);
            State before = runScript(script + "forward\nbackward\n");
            State after = null;
            String why = null;
            if (rate == null) why = "the learning rate is not given (μ = 0.1)";
            else after = runScript(script + "forward\nbackward\nupdate lr=" + NetScript.number(rate) + "\nforward\nbackward\n");
            Env e = new Env(before, after, why);
            envs.put(key.toString(), e);
            return e;
        }

        String script(Map<String, double[]> ps) {
            StringBuilder b = new StringBuilder();
            if (layers.isEmpty()) throw new Unknown("no network: the document gives no weight matrix (W_0 = \\begin{bmatrix}…); declare one first (layer relu 3->2 as h)");
            {
                for (int k = 0; k < layers.size(); k++) {
                    LayerSpec l = layers.get(k);
                    if (l.in <= 0 || l.out <= 0) throw new Unknown("the shape of layer " + k + " is not given; declare the network first (layer relu 3->2 as h)");
                    if (l.activation == null) {
                        if (declared) throw new Unknown("layer " + k + " has an activation the checker cannot write");
                        throw new Unknown("layer " + k + "'s activation is not given (write " + (l.name == null ? "h" : l.name) + " = \\text{relu}("
                                + (l.name == null ? "h" : l.name) + "_{\\text{pre}}), or declare the network first: layer relu " + l.in + "->" + l.out + ")");
                    }
                    b.append("layer ").append(l.activation).append(' ').append(l.in).append("->").append(l.out);
                    if (declared && base.net.layer(k).activation == nn.core.Activation.LEAKY_RELU) b.append(" slope=").append(NetScript.number(base.net.layer(k).param));
                    if (l.name != null && l.name.matches("[A-Za-z][A-Za-z0-9]*")) b.append(" as ").append(l.name);
                    b.append('\n');
                }
                b.append("loss ").append(loss).append('\n');
            }
            for (int k = 0; k < layers.size(); k++) {
                if (!ps.containsKey("W" + k)) {
                    if (!declared) throw new Unknown("W" + k + " is not given");
                } else {
                    LayerSpec l = layers.get(k);
                    double[] w = ps.get("W" + k);
                    b.append("W").append(k).append(" = [");
                    for (int i = 0; i < l.out; i++) {
                        b.append(i == 0 ? "[" : ", [");
                        for (int j = 0; j < l.in; j++) b.append(j == 0 ? "" : ", ").append(NetScript.number(w[i * l.in + j]));
                        b.append(']');
                    }
                    b.append("]\n");
                }
                if (ps.containsKey("b" + k)) b.append("b").append(k).append(" = ").append(NetScript.vector(ps.get("b" + k))).append('\n');
                else if (!declared) b.append("b").append(k).append(" = ").append(NetScript.vector(new double[layers.get(k).out])).append('\n');
            }
            if (ps.containsKey("x")) b.append("input ").append(NetScript.vector(ps.get("x"))).append('\n');
            else if (!declared || base.x == null) throw new Unknown("the input x is not given");
            if (ps.containsKey("y")) b.append("target ").append(NetScript.vector(ps.get("y"))).append('\n');
            else if (!declared || base.y == null) throw new Unknown("the target y is not given");
            return b.toString();
        }

        static State runScript(String script) {
            Session inner = new Session();
            List<String> problems = new ArrayList<>();
            Session.Result r = inner.run(new Source("<check>", script), o -> {
                if (o instanceof Output.Problem p) problems.add(p.diagnostic().message());
            }, Session.Mode.SCRIPT);
            if (!r.ok()) throw new Unknown("the document's network cannot be built: " + String.join("; ", problems));
            return inner.state();
        }

        // ---- evaluation ----

        M eval(MathExpr e, Env env, String index) {
            if (e instanceof MathExpr.Num n) return M.scalar(n.value());
            if (e instanceof MathExpr.Neg n) return map(eval(n.operand(), env, index), v -> -v);
            if (e instanceof MathExpr.Opaque o) throw new Unknown("nn does not evaluate " + o.text());
            if (e instanceof MathExpr.Sum s) {
                M body = eval(s.body(), env, s.index());
                double sum = 0;
                for (double v : body.d()) sum += v;
                return M.scalar(sum);
            }
            if (e instanceof MathExpr.Pow p) {
                M b = eval(p.base(), env, index);
                M x = eval(p.exponent(), env, index);
                if (!x.isScalar()) throw new Unknown("a power with a matrix exponent");
                return map(b, v -> Math.pow(v, x.d()[0]));
            }
            if (e instanceof MathExpr.Transpose t) {
                M a = eval(t.operand(), env, index);
                double[] d = new double[a.size()];
                for (int i = 0; i < a.rows(); i++) for (int j = 0; j < a.cols(); j++) d[j * a.rows() + i] = a.d()[i * a.cols() + j];
                return new M(a.cols(), a.rows(), d);
            }
            if (e instanceof MathExpr.Matrix m) {
                int rows = m.rows().size();
                int cols = m.rows().get(0).size();
                double[] d = new double[rows * cols];
                int k = 0;
                for (List<MathExpr> r : m.rows()) for (MathExpr x : r) {
                    M v = eval(x, env, index);
                    if (!v.isScalar()) throw new Unknown("a matrix of matrices");
                    d[k++] = v.d()[0];
                }
                return new M(rows, cols, d);
            }
            if (e instanceof MathExpr.Call c) return call(c, env, index);
            if (e instanceof MathExpr.Bin b) {
                M x = eval(b.left(), env, index);
                M y = eval(b.right(), env, index);
                return switch (b.op()) {
                    case '+' -> zip(x, y, Double::sum);
                    case '-' -> zip(x, y, (p, q) -> p - q);
                    case '/' -> zip(x, y, (p, q) -> p / q);
                    default -> product(x, y);
                };
            }
            if (e instanceof MathExpr.Sym s) {
                if (env == null) throw new Unknown("a name in a value");
                return sym(s, env, index);
            }
            if (e instanceof MathExpr.Deriv d) {
                if (env == null) throw new Unknown("a name in a value");
                return deriv(d, env);
            }
            throw new Unknown("cannot evaluate this");
        }

        M call(MathExpr.Call c, Env env, String index) {
            List<M> args = new ArrayList<>();
            for (MathExpr a : c.args()) args.add(eval(a, env, index));
            M a = args.get(0);
            switch (c.function()) {
                case "relu": return map(a, v -> Math.max(0, v));
                case "sigmoid": return map(a, v -> 1 / (1 + Math.exp(-v)));
                case "tanh": return map(a, Math::tanh);
                case "exp": return map(a, Math::exp);
                case "log": return map(a, Math::log);
                case "max": return args.size() == 2 ? zip(a, args.get(1), Math::max) : a;
                case "min": return args.size() == 2 ? zip(a, args.get(1), Math::min) : a;
                case "softmax": {
                    double m = Double.NEGATIVE_INFINITY;
                    for (double v : a.d()) m = Math.max(m, v);
                    double s = 0;
                    double[] d = new double[a.size()];
                    for (int i = 0; i < d.length; i++) s += d[i] = Math.exp(a.d()[i] - m);
                    for (int i = 0; i < d.length; i++) d[i] /= s;
                    return new M(a.rows(), a.cols(), d);
                }
                default: throw new Unknown("nn does not know the function " + c.function());
            }
        }

        static M map(M a, java.util.function.DoubleUnaryOperator f) {
            double[] d = new double[a.size()];
            for (int i = 0; i < d.length; i++) d[i] = f.applyAsDouble(a.d()[i]);
            return new M(a.rows(), a.cols(), d);
        }

        static M zip(M a, M b, java.util.function.DoubleBinaryOperator f) {
            if (a.isScalar() && !b.isScalar()) return map(b, v -> f.applyAsDouble(a.d()[0], v));
            if (b.isScalar() && !a.isScalar()) return map(a, v -> f.applyAsDouble(v, b.d()[0]));
            if (a.size() != b.size()) throw new Unknown("shapes " + a.rows() + "×" + a.cols() + " and " + b.rows() + "×" + b.cols() + " do not match");
            double[] d = new double[a.size()];
            for (int i = 0; i < d.length; i++) d[i] = f.applyAsDouble(a.d()[i], b.d()[i]);
            return new M(a.rows(), a.cols(), d);
        }

        /** a·b: scalars scale, a matrix times a vector (or matrix) whose rows match its columns is a matrix product, same shapes elementwise. */
        static M product(M a, M b) {
            if (a.isScalar() || b.isScalar()) return zip(a, b, (p, q) -> p * q);
            if (a.cols() == b.rows()) {
                double[] d = new double[a.rows() * b.cols()];
                for (int i = 0; i < a.rows(); i++) for (int j = 0; j < b.cols(); j++) {
                    double s = 0;
                    for (int k = 0; k < a.cols(); k++) s += a.d()[i * a.cols() + k] * b.d()[k * b.cols() + j];
                    d[i * b.cols() + j] = s;
                }
                return new M(a.rows(), b.cols(), d);
            }
            return zip(a, b, (p, q) -> p * q);
        }

        /** nn's name of a document's name: W0, w100, b10, h_pre (with an index), E; null when there is none. */
        Ref nnRef(MathExpr.Sym s, String index) {
            String sub = s.sub();
            if (isLoss(s) || s.base().equalsIgnoreCase("loss") && sub.isEmpty()) return ref("E", List.of());
            Object[] t = paramTarget(new MathExpr.Sym(s.base(), sub, false, s.text(), s.column()));
            if (t != null && !t[0].equals("lr")) {
                String key = (String) t[0];
                int at = (int) t[1];
                if (at < 0) return ref(key, List.of());
                if (key.startsWith("W") || key.startsWith("b")) return ref(elementName(key, at), List.of());
                return ref(key, List.of(at));
            }
            if ((s.base().equals("x") || s.base().equals("y") || layerName(s.base())) && !index.isEmpty() && sub.equals(index)) return ref(s.base(), List.of());
            if (layerName(s.base())) {
                if (sub.isEmpty()) return ref(s.base(), List.of());
                if (sub.equals("pre")) return ref(s.base() + "_pre", List.of());
                if (sub.matches("pre,\\d+")) return ref(s.base() + "_pre", List.of(Integer.parseInt(sub.substring(4))));
                if (sub.matches("\\d+")) return ref(s.base(), List.of(Integer.parseInt(sub)));
                if (!index.isEmpty() && sub.equals("pre," + index)) return ref(s.base() + "_pre", List.of());
            }
            return null;
        }

        boolean layerName(String n) {
            for (LayerSpec l : layers) if (n.equals(l.name)) return true;
            return false;
        }

        static Ref ref(String name, List<Integer> index) { return new Ref(name, index, name, Pos.NONE); }

        Ref lhsRef(MathExpr lhs) {
            if (lhs instanceof MathExpr.Sym s) return nnRef(s, "");
            if (lhs instanceof MathExpr.Deriv d && isLoss(d.of()) && !d.by().starred()) {
                Ref by = nnRef(d.by(), "");
                if (by != null) return ref("dE/d" + by.name(), by.index());
            }
            return null;
        }

        M sym(MathExpr.Sym s, Env env, String index) {
            if (isRate(s)) {
                if (lr == null) throw new Unknown("the learning rate is not given");
                return M.scalar(lr);
            }
            Ref r = nnRef(s, index);
            if (r == null) throw new Unknown("nn does not know " + s.text());
            return value(r, s.starred() ? env.after() : env.before());
        }

        static M value(Ref r, State st) {
            try {
                return M.of(Values.get(Names.resolve(r, st), st, Pos.NONE));
            } catch (NnError e) {
                throw new Unknown(e.diagnostic().message());
            }
        }

        M deriv(MathExpr.Deriv d, Env env) {
            MathExpr.Sym of = d.of();
            MathExpr.Sym by = d.by();
            if (of.starred() || by.starred()) throw new Unknown("derivatives after the update are not computed");
            State st = env.before();
            if (isLoss(of)) {
                Ref b = nnRef(by, "");
                if (b == null) throw new Unknown("nn does not know " + by.text());
                return value(ref("dE/d" + b.name(), b.index()), st);
            }
            // local derivatives of a layer: ∂h_0/∂h_pre,0, ∂o_pre/∂w_100, ∂o_pre/∂h_0, ∂h_pre,0/∂b_00
            if (layerName(of.base())) {
                int k = layerIndexOf(of.base());
                String osub = of.sub();
                if (!osub.startsWith("pre") && by.base().equals(of.base()) && by.sub().startsWith("pre")) {
                    int i = osub.isEmpty() ? -1 : parseIndex(osub);
                    int j = by.sub().equals("pre") ? -1 : parseIndex(by.sub().substring(4));
                    M local = value(ref("d" + of.base() + "/d" + of.base() + "_pre", List.of()), st);
                    if (i < 0 && j < 0) return local;
                    if (i < 0 || j < 0) throw new Unknown("an element by a vector");
                    return M.scalar(i == j ? local.d()[i] : 0);
                }
                if (osub.startsWith("pre")) {
                    int i = osub.equals("pre") ? (layers.get(k).out == 1 ? 0 : -1) : parseIndex(osub.substring(4));
                    if (i < 0) throw new Unknown("∂ of a whole vector");
                    LayerSpec l = layers.get(k);
                    int[] w = weightIndex(by);
                    if (w != null && w[0] - layerOffset == k) {
                        if (w[1] != i) return M.scalar(0);
                        return M.scalar(layerInput(k, st).d()[w[2]]);
                    }
                    int[] b = biasIndex(by);
                    if (b != null && b[0] - layerOffset == k) return M.scalar(b[1] == i ? 1 : 0);
                    String below = k == 0 ? "x" : layers.get(k - 1).name;
                    if (below != null && by.base().equals(below) && by.sub().matches("\\d+")) {
                        int j = Integer.parseInt(by.sub());
                        if (j >= l.in) throw new Unknown(by.text() + " is not an input of layer " + k);
                        return M.scalar(params.get("W" + k) != null ? weight(st, k, i, j) : Double.NaN);
                    }
                }
            }
            throw new Unknown("nn does not compute ∂" + of.text() + "/∂" + by.text());
        }

        int layerIndexOf(String name) {
            for (int k = 0; k < layers.size(); k++) if (name.equals(layers.get(k).name)) return k;
            return -1;
        }

        static int parseIndex(String s) {
            try {
                return Integer.parseInt(s.replace(",", ""));
            } catch (NumberFormatException e) {
                throw new Unknown("an index nn does not read: " + s);
            }
        }

        M layerInput(int k, State st) {
            if (k == 0) return value(ref("x", List.of()), st);
            String below = layers.get(k - 1).name;
            return value(ref(below != null ? below : "a" + (k - 1), List.of()), st);
        }

        static double weight(State st, int k, int i, int j) {
            Layer l = st.net.layer(k);
            return l.W[i * l.in + j];
        }

        // ---- text ----

        static int minCol(MathExpr e) {
            int c = e.column();
            if (e instanceof MathExpr.Bin b) c = Math.min(c, Math.min(minCol(b.left()), minCol(b.right())));
            else if (e instanceof MathExpr.Neg n) c = Math.min(c, minCol(n.operand()));
            else if (e instanceof MathExpr.Pow p) c = Math.min(c, minCol(p.base()));
            else if (e instanceof MathExpr.Transpose t) c = Math.min(c, minCol(t.operand()));
            return c;
        }

        static int maxCol(MathExpr e) {
            int c = e.column();
            if (e instanceof MathExpr.Num n) return n.column() + n.text().length() - 1;
            if (e instanceof MathExpr.Sym s) return s.column() + s.text().length() - 1;
            if (e instanceof MathExpr.Bin b) c = Math.max(c, Math.max(maxCol(b.left()), maxCol(b.right())));
            else if (e instanceof MathExpr.Neg n) c = Math.max(c, maxCol(n.operand()));
            else if (e instanceof MathExpr.Pow p) c = Math.max(c, maxCol(p.exponent()));
            else if (e instanceof MathExpr.Call call) for (MathExpr a : call.args()) c = Math.max(c, maxCol(a));
            else if (e instanceof MathExpr.Matrix m) for (List<MathExpr> r : m.rows()) for (MathExpr x : r) c = Math.max(c, maxCol(x));
            else if (e instanceof MathExpr.Sum s) c = Math.max(c, maxCol(s.body()));
            else if (e instanceof MathExpr.Transpose t) c = Math.max(c, maxCol(t.operand()) + 2);
            else if (e instanceof MathExpr.Deriv d) c = Math.max(c, Math.max(maxCol(d.of()), maxCol(d.by())) + 1);
            return c;
        }

        static int width(Document.Equation eq, MathExpr e) {
            if (e instanceof MathExpr.Matrix) {
                int end = eq.text().indexOf("\\end{", minCol(e));
                if (end >= 0) {
                    int close = eq.text().indexOf('}', end);
                    return close + 2 - minCol(e);
                }
            }
            return Math.max(1, maxCol(e) - minCol(e) + 1);
        }

        /** A member as the document writes it, shortened to read on one line: ∂E/∂w_100, h_pre^*. */
        static String text(Document.Equation eq, MathExpr e) {
            if (e instanceof MathExpr.Sym s) return s.text();
            if (e instanceof MathExpr.Deriv d) return d.text();
            int from = minCol(e) - 1;
            int to = Math.min(eq.text().length(), width(eq, e) + from);
            String all = eq.text();
            // a closing bracket of a parenthesised last term belongs to the member: 0.5 \times (-0.109)
            while (to < all.length() && balance(all.substring(Math.max(0, from), to)) > 0 && (all.charAt(to) == ')' || all.charAt(to) == ' ' || all.charAt(to) == '}')) to++;
            String t = eq.text().substring(Math.max(0, from), Math.max(from, to)).replaceAll("\\s+", " ").strip();
            return t.length() > 60 ? t.substring(0, 57) + "…" : t;
        }

        static int balance(String t) {
            int b = 0;
            for (char c : t.toCharArray()) b += c == '(' ? 1 : c == ')' ? -1 : 0;
            return b;
        }

        String inline(M v) { return inline(v, precision); }

        static String inline(M v, int p) {
            if (v.size() == 1) return Format.number(v.d()[0], p);
            if (v.rows() > 1 && v.cols() > 1) {
                List<String> rows = new ArrayList<>();
                for (int i = 0; i < v.rows(); i++) {
                    List<String> parts = new ArrayList<>();
                    for (int j = 0; j < v.cols(); j++) parts.add(Format.number(v.d()[i * v.cols() + j], p));
                    rows.add("[" + String.join(", ", parts) + "]");
                }
                return "[" + String.join(", ", rows) + "]";
            }
            List<String> parts = new ArrayList<>();
            for (double d : v.d()) parts.add(Format.number(d, p));
            return "[" + String.join(", ", parts) + "]";
        }

        String inlineAsWritten(Document.Equation eq, MathExpr member, M v) {
            if (member instanceof MathExpr.Num n) return n.text();
            if (member instanceof MathExpr.Neg neg && neg.operand() instanceof MathExpr.Num n) return "-" + n.text();
            return inline(v);
        }

        static Value valueOf(double[] d, M shape) {
            if (d.length == 1) return Value.scalar(d[0]);
            if (shape.cols() == 1 || shape.rows() == 1) return Value.vector(d);
            return Value.matrix(shape.rows(), shape.cols(), d);
        }

        static boolean hasWrittenDecimals(MathExpr e) {
            if (e instanceof MathExpr.Num n) return n.decimals() > 0;
            if (e instanceof MathExpr.Bin b) return hasWrittenDecimals(b.left()) || hasWrittenDecimals(b.right());
            if (e instanceof MathExpr.Neg n) return hasWrittenDecimals(n.operand());
            if (e instanceof MathExpr.Pow p) return hasWrittenDecimals(p.base()) || hasWrittenDecimals(p.exponent());
            if (e instanceof MathExpr.Call c) return c.args().stream().anyMatch(Checker::hasWrittenDecimals);
            if (e instanceof MathExpr.Matrix m) return m.rows().stream().anyMatch(r -> r.stream().anyMatch(Checker::hasWrittenDecimals));
            if (e instanceof MathExpr.Sum s) return hasWrittenDecimals(s.body());
            return false;
        }

        static int maxDecimals(MathExpr e) {
            int best = 0;
            for (int d : numberDecimals(e)) best = Math.max(best, d);
            return best;
        }

        /** The decimals each number of a member was written with, in order (-1 for a whole number). */
        static int[] numberDecimals(MathExpr e) {
            List<Integer> out = new ArrayList<>();
            decimals(e, out);
            int[] a = new int[out.size()];
            for (int i = 0; i < a.length; i++) a[i] = out.get(i);
            return a;
        }

        private static void decimals(MathExpr e, List<Integer> out) {
            if (e instanceof MathExpr.Num n) out.add(n.decimals());
            else if (e instanceof MathExpr.Neg n) decimals(n.operand(), out);
            else if (e instanceof MathExpr.Matrix m) for (List<MathExpr> r : m.rows()) for (MathExpr x : r) decimals(x, out);
            else if (e instanceof MathExpr.Bin b) { decimals(b.left(), out); decimals(b.right(), out); }
        }

        /** Half a unit of the last digit written, per number; a whole number to the display precision (as expect). */
        double[] tolerances(MathExpr member, int size) {
            int[] dec = numberDecimals(member);
            double[] tol = new double[size];
            for (int i = 0; i < size; i++) {
                int d = dec.length == size ? dec[i] : maxDecimals(member);
                tol[i] = InspectCommands.defaultTolerance(d <= 0 ? -1 : d, precision);
            }
            return tol;
        }

        static boolean close(M a, M b, double tol) {
            if (a.size() != b.size()) return false;
            for (int i = 0; i < a.size(); i++) {
                double t = tol * Math.max(1, tol < 1e-6 ? Math.abs(b.d()[i]) : 1);
                if (!(Math.abs(a.d()[i] - b.d()[i]) <= t * (1 + 1e-9) + 1e-12)) return false;
            }
            return true;
        }

        static boolean close(M a, M b, double[] tol) {
            if (a.size() != b.size()) return false;
            for (int i = 0; i < a.size(); i++) if (!(Math.abs(a.d()[i] - b.d()[i]) <= tol[i] * (1 + 1e-9) + 1e-300)) return false;
            return true;
        }

        // ---- the end ----

        void summary() {
            StringBuilder net = new StringBuilder();
            if (!layers.isEmpty() && !declared) {
                List<String> ls = new ArrayList<>();
                for (LayerSpec l : layers) ls.add((l.activation == null ? "?" : l.activation) + " " + l.in + "->" + l.out + (l.name == null ? "" : " as " + l.name)
                        + (l.fromProse ? " (activation from the prose)" : ""));
                net.append("network read from the document: ").append(String.join(", ", ls)).append("; loss ").append(loss)
                        .append(lossNote != null ? " (" + lossNote + ")" : "").append(lr != null ? "; rate " + Format.plain(lr) : "");
                outputs.add(0, new Output.Info(net.toString()));
            } else if (declared) {
                outputs.add(0, new Output.Info("checking against the network declared in this session"));
            }
            if (!declared && cannotCompute == null) {
                for (int k = 0; k < layers.size(); k++) {
                    if (layers.get(k).activation == null) {
                        outputs.add(new Output.Warning(Pos.NONE, "the equations do not say layer " + k + "'s activation (h = \\text{relu}(h_{\\text{pre}})): declare the network first (layer ACTIVATION "
                                + layers.get(k).in + "->" + layers.get(k).out + " for each layer), then check again; the session is unchanged"));
                    }
                }
            }
            int total = right + slips + set + unchecked + unreadable;
            String s = String.format(Locale.ROOT, "checked %d equation%s: %d right, %d set the network, %d slip%s, %d not checked%s",
                    total, total == 1 ? "" : "s", right, set, slips, slips == 1 ? "" : "s", unchecked,
                    unreadable > 0 ? ", " + unreadable + " unreadable (skipped)" : "");
            outputs.add(new Output.Info(s));
        }

        /** The session keeps the document's network and numbers (as checked), so that show, explain and export go on from it. */
        void commit(State st) {
            if (cannotCompute != null || layers.isEmpty()) return;
            try {
                State built = runScript(script(params));
                st.net = built.net;
                st.x = built.x;
                st.y = built.y;
                if (lr != null) st.lr = lr;
                st.forgetPasses();
            } catch (Unknown ignored) {
                // the document does not give a whole network: the session stays as it was
            }
        }
    }
}
