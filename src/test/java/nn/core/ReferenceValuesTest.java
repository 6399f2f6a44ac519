package nn.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/**
 * The worked example of ../shared/reference (3-2-1, ReLU hidden, sigmoid output, E = ½ Σ (y − o)², μ = 0.1) computed by
 * the core alone, against the exact float64 values its README lists (seven decimals), to 1e-7.
 */
class ReferenceValuesTest {

    static final double TOL = 1e-7;

    static Network referenceNetwork() {
        Network net = new Network();
        Layer hid = new Layer("h", Activation.RELU, 0, 3, 2);
        System.arraycopy(new double[] {0.2, -1.2, 0.9, -0.5, -1.2, 0.3}, 0, hid.W, 0, 6);
        System.arraycopy(new double[] {-0.1, 0.2}, 0, hid.b, 0, 2);
        Layer out = new Layer("o", Activation.SIGMOID, 0, 2, 1);
        System.arraycopy(new double[] {0.7, -1.1}, 0, out.W, 0, 2); // w100 = 0.7, as eqs. (9), (18), (24) compute
        out.b[0] = -0.1;
        net.add(hid);
        net.add(out);
        return net;
    }

    static final double[] X = {0.9, 0.2, 0.5};
    static final double[] Y = {0};

    @Test
    void forwardPass() {
        ForwardPass p = referenceNetwork().forward(X, Y);
        assertArrayEquals(new double[] {0.29, -0.34}, p.z()[0], TOL);
        assertArrayEquals(new double[] {0.29, 0}, p.a()[0], TOL);
        assertArrayEquals(new double[] {0.103}, p.z()[1], TOL);
        assertEquals(0.5257273, p.output()[0], TOL);
        assertEquals(0.1381946, p.E(), TOL);
    }

    @Test
    void backwardPass() {
        Network net = referenceNetwork();
        Gradients g = Network.backward(net.forward(X, Y));
        assertFalse(g.fused());
        assertEquals(0.1310838, g.dZ()[1][0], TOL);                                   // ∂E/∂o_pre
        assertArrayEquals(new double[] {0.0380143, 0}, g.dW()[1], TOL);               // ∂E/∂W_out
        assertArrayEquals(new double[] {0.1310838}, g.dB()[1], TOL);                  // ∂E/∂b_out
        assertArrayEquals(new double[] {0.0917587, -0.1441922}, g.dA()[0], TOL);      // ∂E/∂h
        assertArrayEquals(new double[] {0.0917587, 0}, g.dZ()[0], TOL);               // ReLU cut h1
        assertArrayEquals(new double[] {0.0825828, 0.0183517, 0.0458793, 0, 0, 0}, g.dW()[0], TOL); // ∂E/∂W_hid
        assertArrayEquals(new double[] {0.0917587, 0}, g.dB()[0], TOL);
    }

    @Test
    void updateAndSecondForwardPass() {
        Network net = referenceNetwork();
        ForwardPass first = net.forward(X, Y);
        net.update(Network.backward(first), 0.1);
        ForwardPass second = net.forward(X, Y);
        assertEquals(0.5188346, second.output()[0], TOL);
        assertEquals(0.1345947, second.E(), TOL);
        // the first pass is a record of what was computed then: the update did not change it
        assertEquals(0.1381946, first.E(), TOL);
        assertEquals(0.7, first.net().layer(1).W[0], 0.0);
    }

    @Test
    void frozenParametersStayPut() {
        Network net = referenceNetwork();
        net.layer(0).frozenB = true;
        net.layer(1).frozenW = true;
        net.update(Network.backward(net.forward(X, Y)), 0.1);
        assertArrayEquals(new double[] {-0.1, 0.2}, net.layer(0).b, 0.0);
        assertArrayEquals(new double[] {0.7, -1.1}, net.layer(1).W, 0.0);
        assertEquals(0.2 - 0.1 * 0.0825828, net.layer(0).W[0], TOL);
        assertEquals(-0.1 - 0.1 * 0.1310838, net.layer(1).b[0], TOL);
    }

    @Test
    void batchKernelsAgreeRowByRow() {
        // two examples in one batch give the same pre-activations as one at a time, and summed weight gradients
        Layer l = referenceNetwork().layer(0);
        double[] X2 = {0.9, 0.2, 0.5, -0.3, 0.8, 0.1};
        double[] Z = new double[4];
        Kernels.affine(X2, 2, 3, l.W, l.b, 2, Z);
        double[] z0 = new double[2];
        double[] z1 = new double[2];
        Kernels.affine(new double[] {0.9, 0.2, 0.5}, 1, 3, l.W, l.b, 2, z0);
        Kernels.affine(new double[] {-0.3, 0.8, 0.1}, 1, 3, l.W, l.b, 2, z1);
        assertArrayEquals(new double[] {z0[0], z0[1], z1[0], z1[1]}, Z, 0.0);
        double[] dZ = {1, 2, 3, 4};
        double[] dW = new double[6];
        double[] dB = new double[2];
        Kernels.weightGradients(dZ, X2, 2, 3, 2, dW, dB);
        assertArrayEquals(new double[] {0.9 - 0.9, 0.2 + 2.4, 0.5 + 0.3, 1.8 - 1.2, 0.4 + 3.2, 1.0 + 0.4}, dW, 1e-14);
        assertArrayEquals(new double[] {4, 6}, dB, 0.0);
        double[] dX = new double[6];
        Kernels.inputGradients(dZ, l.W, 2, 3, 2, dX);
        // row 0: 1·W[0,:] + 2·W[1,:]; row 1: 3·W[0,:] + 4·W[1,:]
        assertArrayEquals(new double[] {0.2 - 1.0, -1.2 - 2.4, 0.9 + 0.6, 0.6 - 2.0, -3.6 - 4.8, 2.7 + 1.2}, dX, 1e-14);
    }
}
