package nn.explain;

import java.util.List;

/**
 * A line chart as people put it on slides: a title, axis labels, and one or more curves ("train", "test") with a
 * legend; the vertical axis linear or logarithmic ({@link Scale#AUTO}: logarithmic when the values span more than
 * two decades, so that a falling loss is a readable slope rather than a cliff). Plain data; {@link ChartScene} draws
 * it for SVG and PNG, {@link ChartText} in the terminal.
 */
public record Chart(String title, String xLabel, String yLabel, List<Series> series, Scale scale) {

    public Chart {
        series = List.copyOf(series);
        if (series.isEmpty()) throw new IllegalArgumentException("a chart needs a curve");
    }

    public enum Scale { AUTO, LINEAR, LOG }

    /** One curve: its name (for the legend) and its points; non-finite y values leave a gap. */
    public record Series(String name, double[] x, double[] y) {
        public Series {
            if (x.length != y.length) throw new IllegalArgumentException(name + ": " + x.length + " x values for " + y.length + " y values");
            if (x.length == 0) throw new IllegalArgumentException(name + " has no points");
            x = x.clone();
            y = y.clone();
        }
    }

    /** The loss per epoch, the chart {@code plot loss} draws. */
    public static Chart loss(long[] epochs, double[] losses, Scale scale) {
        double[] x = new double[epochs.length];
        for (int i = 0; i < x.length; i++) x[i] = epochs[i];
        return new Chart("loss per epoch", "epoch", "loss", List.of(new Series("train", x, losses)), scale);
    }

    /**
     * The loss per epoch and a test set's after each epoch (NaN: an epoch without one, a gap), as {@code plot loss}
     * draws them after {@code train ... test=OTHER}: the curves "train" and "test" with a legend.
     */
    public static Chart loss(long[] epochs, double[] losses, long[] testEpochs, double[] testLosses, Scale scale) {
        Chart train = loss(epochs, losses, scale);
        double[] x = new double[testEpochs.length];
        for (int i = 0; i < x.length; i++) x[i] = testEpochs[i];
        return new Chart(train.title(), train.xLabel(), train.yLabel(), List.of(train.series().get(0), new Series("test", x, testLosses)), scale);
    }

    /** Whether the vertical axis is logarithmic: as asked, or for AUTO when every value is positive and they span more than two decades. */
    public boolean logarithmic() {
        if (scale != Scale.AUTO) return scale == Scale.LOG && Axis.positive(this);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : s.y()) {
                if (!Double.isFinite(v)) continue;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return lo > 0 && hi / lo > 100;
    }
}
