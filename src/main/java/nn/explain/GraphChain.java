package nn.explain;

import static nn.explain.Expr.num;

import java.util.ArrayList;
import java.util.List;
import nn.core.Activation;
import nn.core.graph.Activate;
import nn.core.graph.Arith;
import nn.core.graph.Backward;
import nn.core.graph.Func;
import nn.core.graph.Graph;
import nn.core.graph.Index;
import nn.core.graph.Node;
import nn.core.graph.Reduce;
import nn.core.graph.Transpose;

/**
 * The chain rule along a computation graph, as CS231n writes it for a circuit: each gate's local derivative with its
 * numbers, the product along the path, the sum over paths. Everything is read from the recorded nodes (their values)
 * and the backward pass (the gradients at them); the local derivatives are the operations' own.
 */
public final class GraphChain {
    private final Backward bw;
    private final Graph g;
    private final Notation n;

    /** Short names for the unnamed intermediate values a derivation mentions (u1, u2, ...), in the order met. */
    private final java.util.Map<Node, String> aliases = new java.util.LinkedHashMap<>();

    public GraphChain(Backward bw, Notation n) {
        this.bw = bw;
        this.g = bw.graph();
        this.n = n;
    }

    /** A node as a derivation writes it: its name, a short formula of its inputs, or an alias u1 defined below. */
    private Expr sym(Node v) {
        String name = nameOf(g, v);
        if (name != null) return new Expr.Sym(name, Vocabulary.tex(name));
        if (v.constant() || v.leaf()) return symbol(g, v);
        String alias = aliases.get(v);
        if (alias != null) return new Expr.Sym(alias, "u_{" + alias.substring(1) + "}");
        Expr inline = shape(v, true);
        if (new TextMath(n).render(inline).length() <= 9) return inline;
        alias = "u" + (aliases.size() + 1);
        aliases.put(v, alias);
        return new Expr.Sym(alias, "u_{" + alias.substring(1) + "}");
    }

    /** The operation on its inputs as this derivation names them ({@code paren}: in parentheses where needed). */
    private Expr shape(Node v, boolean paren) {
        List<Expr> in = new ArrayList<>();
        for (int i = 0; i < v.arity(); i++) in.add(sym(v.input(i)));
        Expr e;
        if (v.op instanceof Arith a && in.size() == 2) {
            e = switch (a) {
                case ADD -> Expr.sum(in);
                case SUB -> new Expr.Diff(in.get(0), in.get(1));
                case MUL -> Expr.prod(in.get(0), in.get(1));
                case DIV -> new Expr.Frac(in.get(0), in.get(1));
                default -> new Expr.Call(a.symbol(), a.symbol(), in);
            };
            return paren ? new Expr.Paren(e) : e;
        }
        if (v.op == Func.NEG) return new Expr.Neg(in.get(0));
        if (v.op == Func.EXP) return new Expr.Exp(in.get(0));
        return new Expr.Call(v.op.symbol(), v.op.symbol(), in);
    }

    /** "where u1 = w0·x0 + w1·x1 = 4": the aliases used, each with its value. */
    private void where(List<Part> parts) {
        if (aliases.isEmpty()) return;
        List<Equation> lines = new ArrayList<>();
        for (int k = 0; k < aliases.size(); k++) {
            // defining an alias may name further ones: go on until every alias is defined
            Node v = new ArrayList<>(aliases.keySet()).get(k);
            String a = aliases.get(v);
            lines.add(Equation.of(new Expr.Sym(a, "u_{" + a.substring(1) + "}"), shape(v, false), v.shape.scalar() ? num(v.scalar()) : values(v.data)));
        }
        parts.add(Part.prose("where"));
        parts.add(new Part.Equations(lines));
    }

    /** A node as a formula: its name, or the expression that made it ((x + y), σ(z)). */
    public static Expr symbol(Graph g, Node v) {
        String name = nameOf(g, v);
        if (name != null) return new Expr.Sym(name, Vocabulary.tex(name));
        if (v.constant()) return num(v.shape.scalar() ? v.scalar() : Double.NaN);
        if (v.arity() == 2 && v.op instanceof Arith a) {
            Expr l = symbol(g, v.input(0)), r = symbol(g, v.input(1));
            return new Expr.Paren(switch (a) {
                case ADD -> Expr.sum(List.of(l, r));
                case SUB -> new Expr.Diff(l, r);
                case MUL -> Expr.prod(l, r);
                case DIV -> new Expr.Frac(l, r);
                default -> new Expr.Call(a.symbol(), a.symbol(), List.of(l, r));
            });
        }
        if (v.arity() == 1) return new Expr.Call(v.op.symbol(), v.op.symbol(), List.of(symbol(g, v.input(0))));
        return new Expr.Raw(v.op.symbol(), v.op.symbol());
    }

    /** The name a node goes by in g (the user's first), or null. */
    public static String nameOf(Graph g, Node v) {
        for (var e : g.names().entrySet()) if (e.getValue() == v) return e.getKey();
        return v.name;
    }

    /** True when every node from {@code x} up to the root is one number: the chain can be written with numbers. */
    private boolean scalarPath(Node x) {
        // every node above x once (a graph with shared values has exponentially many paths, but few nodes)
        java.util.Set<Node> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.ArrayDeque<Node> todo = new java.util.ArrayDeque<>(List.of(x));
        while (!todo.isEmpty()) {
            Node v = todo.pop();
            if (!seen.add(v)) continue;
            if (!v.shape.scalar()) return false;
            todo.addAll(consumers(v));
        }
        return true;
    }

    /** Per node, the nodes that use it and lead to the root, in the graph's order; made on first use, in one pass. */
    private java.util.Map<Node, List<Node>> consumers;

    /** The nodes that use x and lead to the root. */
    List<Node> consumers(Node x) {
        if (consumers == null) {
            consumers = new java.util.IdentityHashMap<>();
            for (int id = 0; id <= bw.root().id; id++) {
                Node c = g.get(id);
                if (!bw.reaches(c) || c.constant()) continue;
                for (int i = 0; i < c.arity(); i++) {
                    if (!c.op.differentiable(i)) continue;
                    List<Node> users = consumers.computeIfAbsent(c.input(i), k -> new ArrayList<>());
                    if (users.isEmpty() || users.get(users.size() - 1) != c) users.add(c);
                }
            }
        }
        return consumers.getOrDefault(x, List.of());
    }

    /** ∂c/∂x for an elementwise operation at scalars, its formula in symbols, and its value; null for others. */
    private Local local(Node c, Node x) {
        int i = c.input(0) == x ? 0 : 1;
        Expr a = sym(c.input(0));
        Expr b = c.arity() > 1 ? sym(c.input(1)) : null;
        double va = c.input(0).scalar();
        double vb = c.arity() > 1 ? c.input(1).scalar() : 0;
        double out = c.scalar();
        if (c.op instanceof Arith op) {
            double d = op == Arith.ADD ? 1 : op == Arith.SUB ? (i == 0 ? 1 : -1)
                    : op == Arith.MUL ? (i == 0 ? vb : va) : op == Arith.DIV ? (i == 0 ? 1 / vb : -va / (vb * vb))
                    : op == Arith.POW ? (i == 0 ? (vb == 0 ? 0 : vb * Math.pow(va, vb - 1)) : (va == 0 && vb >= 0 ? 0 : out * Math.log(va)))
                    : op == Arith.MAXIMUM ? (va == vb ? 0.5 : (i == 0) == (va > vb) ? 1 : 0)
                    : (va == vb ? 0.5 : (i == 0) == (va < vb) ? 1 : 0);
            Expr formula = switch (op) {
                case ADD, SUB -> num(d);
                case MUL -> i == 0 ? b : a;
                case DIV -> i == 0 ? new Expr.Frac(num(1), b) : new Expr.Neg(new Expr.Frac(a, new Expr.Pow(b, "2")));
                case POW -> i == 0 ? Expr.prod(b, new Expr.Call("pow", "", List.of(a, new Expr.Diff(b, num(1))))) : Expr.prod(sym(c), new Expr.Call("ln", "\\ln", List.of(a)));
                default -> num(d);
            };
            String note = (op == Arith.MAXIMUM || op == Arith.MINIMUM) && va == vb ? "a tie: the gradient is shared in halves, as PyTorch does" : null;
            return new Local(formula, d, note);
        }
        if (c.op instanceof Func f) {
            double d = f.df(va, out);
            Expr formula = switch (f) {
                case NEG -> num(-1);
                case EXP -> new Expr.Exp(a);
                case LOG -> new Expr.Frac(num(1), a);
                case SQRT -> new Expr.Frac(num(1), Expr.prod(num(2), new Expr.Call("√", "\\sqrt", List.of(a))));
                case ABS -> new Expr.Call("sign", "\\operatorname{sign}", List.of(a));
            };
            String note = f == Func.ABS && va == 0 ? "|x| has no derivative at 0: 0 is used, as PyTorch does" : null;
            return new Local(formula, d, note);
        }
        if (c.op instanceof Activate act && act.activation().elementwise()) {
            double d = act.derivative(c, 0);
            Expr formula = switch (act.activation()) {
                case SIGMOID -> Expr.prod(sym(c), new Expr.Paren(new Expr.Diff(num(1), sym(c))));
                case TANH -> new Expr.Diff(num(1), new Expr.Pow(sym(c), "2"));
                default -> num(d);
            };
            String note = (act.activation() == Activation.RELU || act.activation() == Activation.LEAKY_RELU) && va == 0
                    ? "relu has no derivative at 0: " + (act.activation() == Activation.RELU ? "0" : "the slope") + " is used, as PyTorch does" : null;
            return new Local(formula, d, note);
        }
        if (c.op instanceof Index || c.op instanceof Transpose || c.op instanceof Reduce r && r.kind() == Reduce.Kind.SUM) return new Local(num(1), 1, null);
        return null;
    }

    private record Local(Expr formula, double value, String note) { }

    /** The derivation of ∂root/∂x. */
    public List<Part> derivative(Node x) {
        Node root = bw.root();
        Expr R = sym(root);
        Expr X = sym(x);
        List<Part> parts = new ArrayList<>();
        double[] grad = bw.of(x);
        if (grad == null) {
            parts.add(Part.prose(Expr.d(R, X), " = 0: ", R, " does not depend on ", X, "."));
            return parts;
        }
        if (!scalarPath(x)) {
            parts.add(Part.prose("∂" + nameOr(root) + "/∂" + nameOr(x) + " is " + (x.shape.scalar() ? "one number" : "a " + x.shape.text() + " value")
                    + ": backprop passes it down operation by operation (each passes its gradient through its own derivative)."));
            List<Equation> lines = new ArrayList<>();
            for (Node c : consumers(x)) lines.add(Equation.of(new Expr.Raw("from " + c.op.symbol(), "\\text{from } " + c.op.symbol()), values(bw.of(c))));
            lines.add(Equation.of(Expr.d(R, X), values(grad)));
            parts.add(new Part.Equations(lines));
            return parts;
        }
        List<Node> cs = consumers(x);
        if (cs.size() == 1 && cs.get(0) == root && local(root, x) != null) {
            // one gate between x and the root: its local derivative is the gradient
            Local l = local(root, x);
            Equation e = l.formula() instanceof Expr.Num ? Equation.of(Expr.d(R, X), num(l.value()))
                    : Equation.of(Expr.d(R, X), l.formula(), num(l.value()));
            parts.add(Part.equations(l.note() != null ? e.note(l.note()) : e));
            where(parts);
            return parts;
        }
        if (cs.size() == 1 && chain(x) != null) {
            List<Node> path = chain(x);
            List<Expr> factors = new ArrayList<>();
            List<Expr> numbers = new ArrayList<>();
            List<Equation> lines = new ArrayList<>();
            Node below = x;
            List<String> notes = new ArrayList<>();
            for (Node c : path) {
                Local l = local(c, below);
                if (l == null) return consumerSum(x, cs);
                Expr partial = Expr.d(sym(c), sym(below));
                factors.add(0, partial);
                numbers.add(0, num(l.value()));
                Equation e = l.formula() instanceof Expr.Num ? Equation.of(partial, num(l.value())) : Equation.of(partial, l.formula(), num(l.value()));
                lines.add(0, l.note() != null ? e.note(l.note()) : e);
                below = c;
            }
            parts.add(Part.equations(Equation.of(Expr.d(R, X), new Expr.Prod(factors))));
            parts.add(new Part.Equations(lines));
            parts.add(Part.equations(Equation.of(Expr.d(R, X), new Expr.Prod(numbers), num(grad[0]))));
            where(parts);
            return parts;
        }
        List<Part> out = consumerSum(x, cs);
        where(out);
        return out;
    }

    /** x feeds several operations: its gradient is the sum over them (the gradients from every path add up). */
    private List<Part> consumerSum(Node x, List<Node> cs) {
        Node root = bw.root();
        Expr R = sym(root), X = sym(x);
        List<Expr> sym = new ArrayList<>();
        List<Expr> nums = new ArrayList<>();
        List<Equation> lines = new ArrayList<>();
        for (Node c : cs) {
            Local l = local(c, x);
            Expr up = Expr.d(R, sym(c));
            Expr loc = Expr.d(sym(c), X);
            sym.add(Expr.prod(up, loc));
            double[] gc = bw.of(c);
            nums.add(Expr.prod(num(gc[0]), num(l == null ? Double.NaN : l.value())));
            if (l != null) lines.add(l.formula() instanceof Expr.Num ? Equation.of(loc, num(l.value())) : Equation.of(loc, l.formula(), num(l.value())));
            lines.add(Equation.of(up, num(gc[0])));
        }
        List<Part> parts = new ArrayList<>();
        parts.add(Part.equations(Equation.of(Expr.d(R, X), Expr.sum(sym))));
        parts.add(new Part.Equations(lines));
        parts.add(Part.equations(Equation.of(Expr.d(R, X), Expr.sum(nums), num(bw.of(x)[0]))));
        if (cs.size() > 1) parts.add(Part.prose(nameOr(x) + " is used " + cs.size() + " times: the gradients from every path add up."));
        return parts;
    }

    /** The path from x up to the root when every node on it has one consumer, or null. */
    private List<Node> chain(Node x) {
        List<Node> path = new ArrayList<>();
        Node at = x;
        while (at != bw.root()) {
            List<Node> cs = consumers(at);
            if (cs.size() != 1) return null;
            at = cs.get(0);
            path.add(at);
        }
        return path;
    }

    private String nameOr(Node v) {
        String s = nameOf(g, v);
        return s != null ? s : v.op.symbol();
    }

    private Expr values(double[] v) {
        if (v.length == 1) return num(v[0]);
        List<Expr> items = new ArrayList<>();
        for (double d : v) items.add(num(d));
        return new Expr.Vec(items);
    }

    /** How a user's value was computed: q = x + y = −2 + 5 = 3. */
    public static Equation value(Graph g, Node v) {
        Expr lhs = new Expr.Sym(nameOf(g, v), Vocabulary.tex(nameOf(g, v)));
        if (v.leaf()) return Equation.of(lhs, v.shape.scalar() ? num(v.scalar()) : vector(v.data));
        List<Expr> sides = new ArrayList<>();
        sides.add(lhs);
        Expr sym = definition(g, v, false);
        sides.add(sym);
        boolean allScalar = true;
        for (int i = 0; i < v.arity(); i++) allScalar &= v.input(i).shape.scalar();
        if (allScalar) sides.add(definition(g, v, true));
        sides.add(v.shape.scalar() ? num(v.scalar()) : vector(v.data));
        return new Equation(sides);
    }

    private static Expr vector(double[] d) {
        List<Expr> items = new ArrayList<>();
        for (double x : d) items.add(num(x));
        return new Expr.Vec(items);
    }

    /** The operation on its inputs: by their names, or ({@code numbers}) by their values. */
    public static Expr definition(Graph g, Node v, boolean numbers) {
        List<Expr> in = new ArrayList<>();
        for (int i = 0; i < v.arity(); i++) in.add(numbers ? num(v.input(i).scalar()) : symbol(g, v.input(i)));
        if (v.op instanceof Arith a && in.size() == 2) {
            return switch (a) {
                case ADD -> Expr.sum(in);
                case SUB -> new Expr.Diff(in.get(0), in.get(1));
                case MUL -> Expr.prod(in.get(0), in.get(1));
                case DIV -> new Expr.Frac(in.get(0), in.get(1));
                default -> new Expr.Call(a.symbol(), a.symbol(), in);
            };
        }
        return new Expr.Call(v.op.symbol(), v.op.symbol(), in);
    }
}
