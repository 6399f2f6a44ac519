package nn.core;

import static org.objectweb.asm.Opcodes.*;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Generates, for one small network, a {@link RowStep} whose forward pass, backward pass and update are straight-line
 * code: every loop of {@link RowPass} unrolled, every size, index, activation and frozen flag a constant, values kept in
 * local variables. For the reference 3-2-1 network this halves the time of a training step (RowPass spends most of
 * it on loops that run one to three times). The operations are RowPass's, in RowPass's order, so the numbers are the
 * same bit for bit ({@code RowPassTest} trains random networks both ways and compares raw bits). Activations and
 * losses are still called, not copied: each formula keeps its one home in {@link Activation} and {@link Loss}, and
 * the JIT inlines the calls (their receivers are constants here).
 *
 * <p>The class is made with ASM and defined as a hidden class of this package (so it may extend the package-private
 * {@link RowStep}); the JVM unloads it when it is no longer used. A few recent shapes are kept, so training the same
 * network again does not generate it again.
 */
final class RowCode {
    private RowCode() { }

    /**
     * Runs of fewer rows use the loops: the first class of a process costs tens of milliseconds (ASM loads and is
     * verified), later ones a few, and each saves ~30 ns per row; measured through bin/nn, a run of this many rows
     * takes the same time either way. Tests lower it.
     */
    static long worthFrom = 200_000;
    /** Larger networks keep the loops: their loops run long enough to be efficient, and unrolled code would grow. */
    static final int MAX_WEIGHTS = 256;
    static final int MAX_UNITS = 64;
    /** The JIT does not compile methods of more than 8000 bytes of bytecode; stay well under it. */
    private static final int MAX_CODE_BYTES = 7500;
    private static final int KEEP = 16;

    private static final String STEP = "nn/core/RowStep";
    private static final String ACTIVATION = "nn/core/Activation";
    private static final String LOSS = "nn/core/Loss";
    private static final String ARRAYS = "[[D";

    private static final Map<String, MethodHandle> MADE = new LinkedHashMap<>(KEEP, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, MethodHandle> eldest) { return size() > KEEP; }
    };

    /** Whether {@code net} is small enough to be generated. */
    static boolean fits(Network net) {
        if (net.isEmpty()) return false;
        long weights = 0, units = 0;
        for (Layer l : net.layers()) {
            weights += (long) l.in * l.out;
            units += l.in + l.out;
        }
        return weights <= MAX_WEIGHTS && units <= MAX_UNITS;
    }

    /** A generated step for {@code net}, or null if the network is too large for it. */
    static RowStep step(Network net) {
        if (!fits(net)) return null;
        String key = key(net);
        MethodHandle make;
        synchronized (MADE) {
            make = MADE.get(key);
        }
        try {
            if (make == null) {
                byte[] code = new Generator(new RowPass(net)).generate();
                if (code == null) return null;
                MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClass(code, true);
                make = hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class, Network.class));
                synchronized (MADE) {
                    MADE.put(key, make);
                }
            }
            return (RowStep) make.invoke(net);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("generated training step for " + key, e);
        }
    }

    /** Everything the generated code bakes in: shapes, activations with their parameters, frozen flags, the loss. */
    private static String key(Network net) {
        StringBuilder k = new StringBuilder(net.loss().name());
        for (Layer l : net.layers()) {
            k.append('|').append(l.activation.name()).append(':').append(Double.doubleToRawLongBits(l.param))
                    .append(':').append(l.in).append('x').append(l.out)
                    .append(l.frozenW ? ":fW" : "").append(l.frozenB ? ":fB" : "");
        }
        return k.toString();
    }

    /** Writes the class: one method per phase, each RowPass's loops unrolled for this network. */
    private static final class Generator {
        private final RowStep net;
        private final int L;

        Generator(RowStep shape) {
            this.net = shape;
            this.L = shape.L;
        }

        /** The class file, or null if a method would be too large for the JIT. */
        byte[] generate() {
            ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
                // only arrays of double and this meet at branches; no class ever needs loading to merge them
                @Override protected String getCommonSuperClass(String a, String b) { return "java/lang/Object"; }
            };
            cw.visit(V17, ACC_FINAL | ACC_SUPER, "nn/core/RowStepCode", null, STEP, null);
            MethodVisitor init = cw.visitMethod(0, "<init>", "(Lnn/core/Network;)V", null, null);
            init.visitCode();
            init.visitVarInsn(ALOAD, 0);
            init.visitVarInsn(ALOAD, 1);
            init.visitMethodInsn(INVOKESPECIAL, STEP, "<init>", "(Lnn/core/Network;)V", false);
            init.visitInsn(RETURN);
            init.visitMaxs(0, 0);
            init.visitEnd();
            boolean small = forward(new Code(cw, net, "forward", "([DI[D)D", 4))
                    && backward(new Code(cw, net, "backward", "([D)V", 2))
                    && sgd(new Code(cw, net, "sgd", "([DID)V", 5))
                    && firstNonFinite(new Code(cw, net, "firstNonFinite", "()J", 1));
            cw.visitEnd();
            return small ? cw.toByteArray() : null;
        }

        // Local variables of forward: 1 X, 2 xo, 3 Y.
        private boolean forward(Code c) {
            int[] Wk = c.rows("W"), Bk = c.rows("B"), Zk = c.rows("z"), Ak = c.rows("a");
            int in0 = net.ins[0];
            int[] x = new int[in0];
            for (int j = 0; j < in0; j++) {
                c.input(j);
                x[j] = c.store();
            }
            for (int k = 0; k < L; k++) {
                int in = net.ins[k], out = net.outs[k], f = net.kind[k];
                double p = net.param[k];
                int[] act = new int[out];
                for (int i = 0; i < out; i++) {
                    // z_i = (0 + w_i0·x_0 + w_i1·x_1 + …) + b_i
                    c.dconst(0);
                    for (int j = 0; j < in; j++) {
                        c.element(Wk[k], i * in + j);
                        c.var(DLOAD, x[j]);
                        c.op(DMUL);
                        c.op(DADD);
                    }
                    c.element(Bk[k], i);
                    c.op(DADD);
                    int zi = c.store();
                    c.put(Zk[k], i, zi);
                    if (f != RowStep.SOFTMAX) {
                        c.activation(f);
                        c.var(DLOAD, zi);
                        c.dconst(p);
                        c.method(ACTIVATION, "f", "(DD)D");
                        act[i] = c.store();
                        c.put(Ak[k], i, act[i]);
                    }
                }
                if (f == RowStep.SOFTMAX) {
                    c.activation(f);
                    c.var(ALOAD, Zk[k]);
                    c.var(ALOAD, Ak[k]);
                    c.iconst(0);
                    c.iconst(out);
                    c.dconst(p);
                    c.method(ACTIVATION, "forward", "([D[DIID)V");
                    for (int i = 0; i < out; i++) {
                        c.element(Ak[k], i);
                        act[i] = c.store();
                    }
                }
                x = act;
            }
            // sum = 0; sum += loss.value(o, Y, 0, n): the batch trainer's sum over its one row
            c.dconst(0);
            c.loss();
            c.var(ALOAD, Ak[L - 1]);
            c.var(ALOAD, 3);
            c.iconst(0);
            c.iconst(net.outs[L - 1]);
            c.method(LOSS, "value", "([D[DII)D");
            c.op(DADD);
            c.op(DRETURN);
            return c.end();
        }

        // Local variables of backward: 1 Y.
        private boolean backward(Code c) {
            int[] Wk = c.rows("W"), Zk = c.rows("z"), Ak = c.rows("a"), DAk = c.rows("da"), DZk = c.rows("dz");
            int top = L - 1, n = net.outs[top];
            int[] d = new int[n];
            if (net.fused) {
                // softmax with cross-entropy: dZ_i = (o_i·Σy − y_i)·1
                c.dconst(0);
                for (int i = 0; i < n; i++) {
                    c.var(ALOAD, 1);
                    c.iconst(i);
                    c.op(DALOAD);
                    c.op(DADD);
                }
                int sumY = c.store();
                for (int i = 0; i < n; i++) {
                    c.element(Ak[top], i);
                    c.var(DLOAD, sumY);
                    c.op(DMUL);
                    c.var(ALOAD, 1);
                    c.iconst(i);
                    c.op(DALOAD);
                    c.op(DSUB);
                    c.dconst(1);
                    c.op(DMUL);
                    d[i] = c.store();
                    c.put(DZk[top], i, d[i]);
                }
            } else {
                c.loss();
                c.var(ALOAD, Ak[top]);
                c.var(ALOAD, 1);
                c.var(ALOAD, DAk[top]);
                c.iconst(0);
                c.iconst(n);
                c.dconst(1);
                c.method(LOSS, "gradient", "([D[D[DIID)V");
                int f = net.kind[top];
                if (f == RowStep.SOFTMAX) {
                    softmaxBackward(c, Zk[top], Ak[top], DAk[top], DZk[top], n, net.param[top]);
                    for (int i = 0; i < n; i++) {
                        c.element(DZk[top], i);
                        d[i] = c.store();
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        c.element(DAk[top], i);
                        c.derivative(f, Zk[top], Ak[top], i, net.param[top]);
                        c.op(DMUL);
                        d[i] = c.store();
                        c.put(DZk[top], i, d[i]);
                    }
                }
            }
            for (int k = top; k > 0; k--) {
                // ∂E/∂a below = dZ·W summed over i ascending from +0, zero terms skipped; f' below applied last
                int in = net.ins[k], last = net.outs[k] - 1, f = net.kind[k - 1];
                double p = net.param[k - 1];
                int[] dx = new int[in];
                if (last > 0) {
                    for (int j = 0; j < in; j++) {
                        c.dconst(0);
                        dx[j] = c.store();
                    }
                    for (int i = 0; i < last; i++) c.addTerms(d[i], Wk[k], i * in, dx);
                }
                int dl = d[last];
                int[] below = new int[in];
                if (f == RowStep.SOFTMAX) {
                    if (last == 0) {
                        for (int j = 0; j < in; j++) {
                            c.dconst(0);
                            dx[j] = c.store();
                        }
                    }
                    c.addTerms(dl, Wk[k], last * in, dx);
                    for (int j = 0; j < in; j++) c.put(DAk[k - 1], j, dx[j]);
                    softmaxBackward(c, Zk[k - 1], Ak[k - 1], DAk[k - 1], DZk[k - 1], in, p);
                    for (int j = 0; j < in; j++) {
                        c.element(DZk[k - 1], j);
                        below[j] = c.store();
                    }
                } else {
                    for (int j = 0; j < in; j++) below[j] = c.newDouble();
                    int v = c.newDouble();
                    Label zero = new Label(), done = new Label();
                    c.var(DLOAD, dl);
                    c.dconst(0);
                    c.op(DCMPL);
                    c.jump(IFEQ, zero);
                    for (int withLast = 1; withLast >= 0; withLast--) {
                        for (int j = 0; j < in; j++) {
                            // v = (last == 0 ? 0.0 : dx_j) [+ dl·w_last,j]; da_j = v; dz_j = v·f'(z_j)
                            if (last == 0) c.dconst(0);
                            else c.var(DLOAD, dx[j]);
                            if (withLast == 1) {
                                c.var(DLOAD, dl);
                                c.element(Wk[k], last * in + j);
                                c.op(DMUL);
                                c.op(DADD);
                            }
                            c.var(DSTORE, v);
                            c.put(DAk[k - 1], j, v);
                            c.var(DLOAD, v);
                            c.derivative(f, Zk[k - 1], Ak[k - 1], j, p);
                            c.op(DMUL);
                            c.var(DSTORE, below[j]);
                            c.put(DZk[k - 1], j, below[j]);
                        }
                        if (withLast == 1) {
                            c.jump(GOTO, done);
                            c.label(zero);
                        }
                    }
                    c.label(done);
                }
                d = below;
            }
            c.op(RETURN);
            return c.end();
        }

        private static void softmaxBackward(Code c, int z, int a, int dA, int dZ, int n, double p) {
            c.activation(RowStep.SOFTMAX);
            c.var(ALOAD, z);
            c.var(ALOAD, a);
            c.var(ALOAD, dA);
            c.var(ALOAD, dZ);
            c.iconst(0);
            c.iconst(n);
            c.dconst(p);
            c.method(ACTIVATION, "backward", "([D[D[D[DIID)V");
        }

        // Local variables of sgd: 1 X, 2 xo, 3-4 lr.
        private boolean sgd(Code c) {
            int[] Wk = c.rows("W"), Bk = c.rows("B"), Ak = c.rows("a"), DZk = c.rows("dz");
            for (int k = 0; k < L; k++) {
                Layer l = net.layers[k];
                boolean updateW = !l.frozenW, updateB = !l.frozenB;
                int in = net.ins[k], out = net.outs[k];
                int[] x = new int[in];
                if (updateW) {
                    for (int j = 0; j < in; j++) {
                        if (k == 0) c.input(j);
                        else c.element(Ak[k - 1], j);
                        x[j] = c.store();
                    }
                }
                for (int i = 0; i < out && (updateW || updateB); i++) {
                    c.element(DZk[k], i);
                    int di = c.store();
                    if (updateB) { // b_i ← b_i − lr·(0 + d_i)
                        c.var(ALOAD, Bk[k]);
                        c.iconst(i);
                        c.op(DUP2);
                        c.op(DALOAD);
                        c.var(DLOAD, 3);
                        c.dconst(0);
                        c.var(DLOAD, di);
                        c.op(DADD);
                        c.op(DMUL);
                        c.op(DSUB);
                        c.op(DASTORE);
                    }
                    if (updateW) { // unless d_i = 0: w_ij ← w_ij − lr·(0 + d_i·x_j)
                        Label skip = new Label();
                        c.var(DLOAD, di);
                        c.dconst(0);
                        c.op(DCMPL);
                        c.jump(IFEQ, skip);
                        for (int j = 0; j < in; j++) {
                            c.var(ALOAD, Wk[k]);
                            c.iconst(i * in + j);
                            c.op(DUP2);
                            c.op(DALOAD);
                            c.var(DLOAD, 3);
                            c.dconst(0);
                            c.var(DLOAD, di);
                            c.var(DLOAD, x[j]);
                            c.op(DMUL);
                            c.op(DADD);
                            c.op(DMUL);
                            c.op(DSUB);
                            c.op(DASTORE);
                        }
                        c.label(skip);
                    }
                }
            }
            c.op(RETURN);
            return c.end();
        }

        private boolean firstNonFinite(Code c) {
            int[] DZk = c.rows("dz");
            for (int k = L - 1; k >= 0; k--) {
                for (int i = 0; i < net.outs[k]; i++) { // d − d ≠ 0 exactly when d is NaN or infinite
                    Label finite = new Label();
                    c.element(DZk[k], i);
                    c.op(DUP2);
                    c.op(DSUB);
                    c.dconst(0);
                    c.op(DCMPL);
                    c.jump(IFEQ, finite);
                    c.lconst(((long) k << 32) | i);
                    c.op(LRETURN);
                    c.label(finite);
                }
            }
            c.lconst(-1);
            c.op(LRETURN);
            return c.end();
        }
    }

    /** One method being written, with its next free local variable and an upper bound on its size in bytes. */
    private static final class Code {
        private final MethodVisitor mv;
        private final int layers;
        private final String loss;
        private int next;
        private int bytes;

        Code(ClassWriter cw, RowStep net, String name, String descriptor, int firstFree) {
            mv = cw.visitMethod(0, name, descriptor, null, null);
            mv.visitCode();
            layers = net.L;
            loss = net.loss.name();
            next = firstFree;
        }

        /** Loads this.field[k] of every layer k into a local variable; returns their slots. */
        int[] rows(String field) {
            int[] slots = new int[layers];
            for (int k = 0; k < layers; k++) {
                var(ALOAD, 0);
                field(GETFIELD, STEP, field, ARRAYS);
                iconst(k);
                op(AALOAD);
                slots[k] = next++;
                var(ASTORE, slots[k]);
            }
            return slots;
        }

        void op(int opcode) {
            mv.visitInsn(opcode);
            bytes += 1;
        }

        void var(int opcode, int slot) {
            mv.visitVarInsn(opcode, slot);
            bytes += slot < 256 ? 2 : 4;
        }

        void iconst(int v) {
            if (v >= -1 && v <= 5) mv.visitInsn(ICONST_0 + v);
            else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) mv.visitIntInsn(BIPUSH, v);
            else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) mv.visitIntInsn(SIPUSH, v);
            else mv.visitLdcInsn(v);
            bytes += 3;
        }

        /** Pushes a double constant; +0.0 and 1.0 by their own instructions (−0.0 is not DCONST_0). */
        void dconst(double v) {
            if (Double.doubleToRawLongBits(v) == 0L) mv.visitInsn(DCONST_0);
            else if (v == 1.0) mv.visitInsn(DCONST_1);
            else mv.visitLdcInsn(v);
            bytes += 3;
        }

        void lconst(long v) {
            mv.visitLdcInsn(v);
            bytes += 3;
        }

        int newDouble() {
            int slot = next;
            next += 2;
            return slot;
        }

        /** Stores the double on the stack into a new local variable; returns its slot. */
        int store() {
            int slot = newDouble();
            var(DSTORE, slot);
            return slot;
        }

        /** Pushes array[index] of the array in local {@code array}. */
        void element(int array, int index) {
            var(ALOAD, array);
            iconst(index);
            op(DALOAD);
        }

        /** Pushes X[xo + j], the row's input j: X and xo are the local variables 1 and 2 of forward and sgd. */
        void input(int j) {
            var(ALOAD, 1);
            var(ILOAD, 2);
            if (j > 0) {
                iconst(j);
                op(IADD);
            }
            op(DALOAD);
        }

        /** array[index] = the double in local {@code value}. */
        void put(int array, int index, int value) {
            var(ALOAD, array);
            iconst(index);
            var(DLOAD, value);
            op(DASTORE);
        }

        /** Unless d = 0: acc_j = acc_j + d·W[offset + j] for every j, j ascending. */
        void addTerms(int d, int W, int offset, int[] acc) {
            Label skip = new Label();
            var(DLOAD, d);
            dconst(0);
            op(DCMPL);
            jump(IFEQ, skip);
            for (int j = 0; j < acc.length; j++) {
                var(DLOAD, acc[j]);
                var(DLOAD, d);
                element(W, offset + j);
                op(DMUL);
                op(DADD);
                var(DSTORE, acc[j]);
            }
            label(skip);
        }

        /** Pushes the activation's enum constant, the receiver of its functions. */
        void activation(int kind) {
            field(GETSTATIC, ACTIVATION, activationName(kind), "Lnn/core/Activation;");
        }

        /** Pushes f'(z[j]) of an elementwise activation, given the arrays z and a = f(z). */
        void derivative(int kind, int z, int a, int j, double p) {
            activation(kind);
            element(z, j);
            element(a, j);
            dconst(p);
            method(ACTIVATION, "df", "(DDD)D");
        }

        /** Pushes the loss's enum constant. */
        void loss() {
            field(GETSTATIC, LOSS, loss, "Lnn/core/Loss;");
        }

        void field(int opcode, String owner, String name, String descriptor) {
            mv.visitFieldInsn(opcode, owner, name, descriptor);
            bytes += 3;
        }

        void method(String owner, String name, String descriptor) {
            mv.visitMethodInsn(INVOKEVIRTUAL, owner, name, descriptor, false);
            bytes += 3;
        }

        void jump(int opcode, Label target) {
            mv.visitJumpInsn(opcode, target);
            bytes += 3;
        }

        void label(Label l) {
            mv.visitLabel(l);
        }

        /** Ends the method; false if it may be too large for the JIT to compile. */
        boolean end() {
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            return bytes <= MAX_CODE_BYTES;
        }
    }

    private static String activationName(int kind) {
        return switch (kind) {
            case RowStep.LINEAR -> "LINEAR";
            case RowStep.RELU -> "RELU";
            case RowStep.LEAKY -> "LEAKY_RELU";
            case RowStep.SIGMOID -> "SIGMOID";
            case RowStep.TANH -> "TANH";
            default -> "SOFTMAX";
        };
    }
}
