package nn.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import nn.core.Layer;
import nn.core.Shape;
import nn.core.Value;
import nn.core.graph.Arith;
import nn.core.graph.Func;
import nn.core.graph.Graph;
import nn.core.graph.Index;
import nn.core.graph.MatMul;
import nn.core.graph.Node;
import nn.core.graph.Op;
import nn.core.graph.ShapeError;
import nn.core.graph.Transpose;
import nn.lang.Arg;
import nn.lang.Expr;
import nn.lang.Literal;
import nn.lang.NnError;
import nn.lang.Option;
import nn.lang.Pos;
import nn.lang.Ref;
import nn.lang.Suggest;

/**
 * Expressions into nodes of the session's graph, and the graph of a state: the network's last forward pass, the
 * user's values as leaves and the user's expressions evaluated over them, in the order their dependencies need.
 * Names resolve to the nodes that hold them (the network's x, W0, h, E; the user's q), so the one backprop reaches
 * through everything.
 */
final class Expressions {
    private Expressions() { }

    /** The graph expressions of this state extend: the recorded one, or a fresh one over the current values. */
    static Graph current(State st) {
        if (st.graph != null) return st.graph;
        return st.pass != null ? st.pass.graph() : new Graph();
    }

    /**
     * Evaluates again everything the user defined, over the network's last forward pass (or over the current values
     * when there is none). With {@code warn} a definition that no longer computes is reported and left out (forward
     * goes on); without, its error ends the statement.
     */
    static void rebuild(State st, Consumer<String> warn) {
        Graph g = st.pass != null ? st.pass.graph().copy() : new Graph();
        for (Map.Entry<String, Value> e : st.values.entrySet()) g.leaf(e.getKey(), e.getValue());
        Set<String> failed = new LinkedHashSet<>();
        for (String name : order(st.definitions)) {
            Expr e = st.definitions.get(name);
            if (warn != null && !java.util.Collections.disjoint(references(e), failed)) {
                failed.add(name);
                continue;
            }
            try {
                define(g, st, name, e);
            } catch (NnError err) {
                if (warn == null) throw err;
                failed.add(name);
                warn.accept(name + " could not be computed again: " + err.getMessage());
            }
        }
        st.graph = g;
    }

    /** Evaluates {@code e} as the user's value {@code name} in {@code g}. */
    static Node define(Graph g, State st, String name, Expr e) {
        Node n = eval(g, st, e, name);
        if (n.name == null || !n.name.equals(name)) g.name(name, n);
        return n;
    }

    /** The user's expressions in an order where each comes after those it uses. */
    static List<String> order(Map<String, Expr> defs) {
        List<String> out = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        for (String n : defs.keySet()) visit(n, defs, done, new LinkedHashSet<>(), out);
        return out;
    }

    private static void visit(String n, Map<String, Expr> defs, Set<String> done, Set<String> path, List<String> out) {
        if (done.contains(n) || !defs.containsKey(n) || !path.add(n)) return;
        for (String r : references(defs.get(n))) visit(r, defs, done, path, out);
        path.remove(n);
        done.add(n);
        out.add(n);
    }

    /** The chain of definitions from {@code name} back to itself if {@code e} (its new expression) would close a cycle, or null. */
    static List<String> cycle(String name, Expr e, Map<String, Expr> defs) {
        for (String r : references(e)) {
            List<String> path = new ArrayList<>(List.of(name));
            if (reaches(r, name, defs, path, new LinkedHashSet<>())) return path;
        }
        return null;
    }

    private static boolean reaches(String from, String target, Map<String, Expr> defs, List<String> path, Set<String> seen) {
        path.add(from);
        if (from.equals(target)) return true;
        if (seen.add(from) && defs.containsKey(from)) {
            for (String r : references(defs.get(from))) if (reaches(r, target, defs, path, seen)) return true;
        }
        path.remove(path.size() - 1);
        return false;
    }

    /** The names an expression reads (the root and the variable of a gradient both count). */
    static Set<String> references(Expr e) {
        Set<String> out = new LinkedHashSet<>();
        collect(e, out);
        return out;
    }

    private static void collect(Arg a, Set<String> out) {
        if (a instanceof Ref r) {
            int slash = r.name().indexOf('/');
            if (slash > 0) {
                out.add(r.name().substring(1, slash));
                out.add(r.name().substring(slash + 2));
            } else {
                out.add(r.name());
            }
        } else if (a instanceof Expr.Unary u) {
            collect(u.operand(), out);
        } else if (a instanceof Expr.Binary b) {
            collect(b.left(), out);
            collect(b.right(), out);
        } else if (a instanceof Expr.Call c) {
            for (Arg x : c.args()) collect(x, out);
        } else if (a instanceof Expr.Index i) {
            collect(i.base(), out);
        } else if (a instanceof Expr.Transpose t) {
            collect(t.base(), out);
        } else if (a instanceof Option o && o.value() instanceof Expr x) {
            collect(x, out);
        }
    }

    /** The value of {@code e}, computed in a scratch copy of the state's graph (nothing is recorded). */
    static Value value(State st, Expr e) {
        Graph g = current(st).copy();
        return eval(g, st, e, null, true).value();
    }

    /** Adds the nodes that compute {@code e} to {@code g}; the outermost gets {@code name}. */
    static Node eval(Graph g, State st, Expr e, String name) { return eval(g, st, e, name, false); }

    /**
     * As {@link #eval(Graph, State, Expr, String)}; with {@code now} the parameters, x and y are their current values
     * (an assignment {@code W0 = W0 - 0.1 * dE/dW0} computes from W0 as it is), else the leaves of the recorded pass,
     * so that a definition's gradient reaches the parameters the pass used.
     */
    private static Node eval(Graph g, State st, Expr e, String name, boolean now) {
        if (e instanceof Literal l) return g.constant(literal(l));
        if (e instanceof Ref r) return node(g, st, r, now);
        if (e instanceof Expr.Unary u) return apply(g, Func.NEG, name, e, List.of(u.operand()), eval(g, st, u.operand(), null, now));
        if (e instanceof Expr.Binary b) {
            Node left = eval(g, st, b.left(), null, now);
            Node right = eval(g, st, b.right(), null, now);
            Op op = switch (b.op()) {
                case "+" -> Arith.ADD;
                case "-" -> Arith.SUB;
                case "*" -> Arith.MUL;
                case "/" -> Arith.DIV;
                case "^" -> Arith.POW;
                case "@" -> MatMul.OP;
                default -> throw new NnError(b.opPos(), "unknown operator " + b.op(), null);
            };
            return apply(g, op, name, e, List.of(b.left(), b.right()), left, right);
        }
        if (e instanceof Expr.Call c) return call(g, st, c, name, now);
        if (e instanceof Expr.Index i) {
            List<Integer> ix = i.index();
            if (ix.size() > 2) throw new NnError(i.pos(), "at most two indices: [i] or [row, column]", null);
            Node base = eval(g, st, i.base(), null, now);
            return apply(g, new Index(ix.get(0), ix.size() > 1 ? ix.get(1) : -1), name, e, List.of(i.base()), base);
        }
        if (e instanceof Expr.Transpose t) return apply(g, Transpose.OP, name, e, List.of(t.base()), eval(g, st, t.base(), null, now));
        throw new NnError(e.pos(), "this expression is not understood", null);
    }

    /** {@code op(inputs)} in g; a shape its operands cannot have is an error at the operand at fault. */
    private static Node apply(Graph g, Op op, String name, Expr whole, List<? extends Expr> operands, Node... inputs) {
        try {
            Node n = g.apply(op, name, inputs);
            check(n, whole.pos());
            return n;
        } catch (ShapeError s) {
            Pos at = s.operand >= 0 && s.operand < operands.size() ? operands.get(s.operand).pos() : whole.pos();
            List<String> shapes = new ArrayList<>();
            for (Node in : inputs) shapes.add(in.shape.text());
            throw new NnError(at, s.getMessage(), operands.size() > 1 ? "the operands are " + String.join(" and ", shapes) : null);
        }
    }

    /** A value that is not finite is refused where it arises (log of 0, 1/0), as the passes refuse it. */
    private static void check(Node n, Pos pos) {
        for (int i = 0; i < n.data.length; i++) {
            if (!Double.isFinite(n.data[i])) {
                throw new NnError(pos, (Double.isNaN(n.data[i]) ? "NaN" : "an infinite value") + " in " + n.op.symbol()
                        + (n.data.length > 1 ? " (element " + i + ")" : ""), "check the operands: a log or sqrt of a negative number, a division by 0, an overflow");
            }
        }
    }

    private static Node call(Graph g, State st, Expr.Call c, String name, boolean now) {
        String fn = c.function().text();
        if (!Functions.ALL.containsKey(fn) && !fn.equals("σ")) {
            String hint = Suggest.hint(fn, Functions.names());
            throw new NnError(c.function().pos(), "unknown function '" + fn + "'", hint != null ? hint : "functions: " + String.join(", ", Functions.names()));
        }
        // the reductions and leaky_relu take plain numbers after their value (an axis, a slope)
        boolean numbersAfterFirst = fn.equals("sum") || fn.equals("mean") || fn.equals("leaky_relu");
        List<Expr> valueArgs = new ArrayList<>();
        List<Double> numbers = new ArrayList<>();
        for (int i = 0; i < c.args().size(); i++) {
            Arg a = c.args().get(i);
            if (a instanceof Option o) throw new NnError(o.pos(), fn + " takes no named arguments", "write " + Functions.ALL.get(fn.equals("σ") ? "sigmoid" : fn).signature());
            if (numbersAfterFirst && i > 0) {
                if (!(a instanceof Literal l) || l.form() != Literal.Form.SCALAR) {
                    throw new NnError(a.pos(), fn + "'s " + (fn.equals("leaky_relu") ? "slope" : "axis") + " is a number", "write " + Functions.ALL.get(fn).signature());
                }
                numbers.add(l.scalar());
            } else {
                valueArgs.add((Expr) a);
            }
        }
        Op op = Functions.op(fn, valueArgs.size(), numbers);
        if (op == null) throw new NnError(c.pos(), fn + " does not take these arguments", "write " + Functions.ALL.get(fn.equals("σ") ? "sigmoid" : fn).signature());
        Node[] in = new Node[valueArgs.size()];
        for (int i = 0; i < in.length; i++) in[i] = eval(g, st, valueArgs.get(i), null, now);
        return apply(g, op, name, c, valueArgs, in);
    }

    /** A literal as the value it denotes (a 1-row or column literal stays a vector). */
    static Value literal(Literal l) {
        return switch (l.form()) {
            case SCALAR -> Value.scalar(l.scalar());
            case VECTOR -> Value.vector(l.values());
            case MATRIX -> Value.matrix(l.rows(), l.cols(), l.values());
        };
    }

    /** The node a name denotes in g: the recorded one, or a leaf made from the current value. */
    static Node node(Graph g, State st, Ref ref, boolean now) {
        if (Names.isLearningRate(ref.name()) && !ref.indexed() && st.lr != null) return g.constant(Value.scalar(st.lr));
        Binding b = Names.resolve(ref, st);
        if (b.gradient() || b.kind() == Binding.Kind.LOCAL || b.kind() == Binding.Kind.ACCURACY) {
            // a gradient (or a local derivative, or the accuracy) enters an expression as the number it is now
            return g.constant(Values.get(b, st, ref.pos()));
        }
        boolean given = b.kind() == Binding.Kind.WEIGHTS || b.kind() == Binding.Kind.BIASES || b.kind() == Binding.Kind.INPUT || b.kind() == Binding.Kind.TARGET;
        Node whole = now && given ? g.constant(Values.get(new Binding(b.kind(), b.layer(), -1, -1, false, b.label()), st, ref.pos())) : whole(g, st, b, ref.pos());
        if (!b.element()) return whole;
        Op ix = new Index(b.i(), b.j());
        if (b.kind() == Binding.Kind.WEIGHTS && !whole.shape.matrix()) ix = Index.of(b.j());
        try {
            return g.apply(ix, null, whole);
        } catch (ShapeError s) {
            throw new NnError(ref.pos(), ref.text() + ": " + s.getMessage(), null);
        }
    }

    private static Node whole(Graph g, State st, Binding b, Pos pos) {
        String name = b.node(st.net);
        Node n = g.node(name);
        if (n != null) return n;
        switch (b.kind()) {
            case USER -> throw new NnError(pos, name + " could not be computed (see the warning where it failed)", "define it again");
            case INPUT -> { return g.leaf("x", need(st.x, pos, "x is not set", "set it with `input [0.9, 0.2, 0.5]` or `x = ...`")); }
            case TARGET -> { return g.leaf("y", need(st.y, pos, "y is not set", "set it with `target [0]` or `y = ...`")); }
            case WEIGHTS -> {
                Layer l = st.net.layer(b.layer());
                return g.leaf(name, Value.of(Shape.matrix(l.out, l.in), l.W));
            }
            case BIASES -> {
                Layer l = st.net.layer(b.layer());
                if (!l.hasBias()) throw new NnError(pos, "layer " + b.layer() + " has no biases (bias=false)", null);
                return g.leaf(name, Value.of(l.biasShape(), l.b));
            }
            default -> throw new NnError(pos, name + " is not computed yet", "run `forward` (or `step lr=...`) first");
        }
    }

    private static Value need(Value v, Pos pos, String message, String hint) {
        if (v == null) throw new NnError(pos, message, hint);
        return v;
    }

    /** The names of the user's values and expressions, for listings. */
    static Map<String, String> kinds(State st) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String v : st.values.keySet()) out.put(v, "value");
        for (String d : st.definitions.keySet()) out.put(d, "expression");
        return out;
    }
}
