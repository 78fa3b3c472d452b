package dev.voicegate.biometrics.internal.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws DET curves (log-log FMR vs FNMR, in %) as a PNG with XChart. */
public final class DetPlot {

    private static final double FLOOR = 0.01;

    private DetPlot() {
    }

    /** Writes one curve per named system to {@code png}. */
    public static void write(Map<String, DetMetrics> curves, String title, Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(720).height(560).title(title)
                .xAxisTitle("false match rate FMR (%)").yAxisTitle("false non-match rate FNMR (%)").build();
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        chart.getStyler().setXAxisMin(FLOOR).setXAxisMax(100.0).setYAxisMin(FLOOR).setYAxisMax(100.0);
        for (Map.Entry<String, DetMetrics> e : curves.entrySet()) {
            double[][] pts = e.getValue().detPoints();
            double[] x = new double[pts[0].length];
            double[] y = new double[pts[0].length];
            for (int i = 0; i < x.length; i++) {
                x[i] = Math.max(FLOOR, 100 * pts[0][i]);
                y[i] = Math.max(FLOOR, 100 * pts[1][i]);
            }
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            s.setMarker(SeriesMarkers.NONE);
        }
        String file = png.toString();
        BitmapEncoder.saveBitmap(chart, file.endsWith(".png") ? file.substring(0, file.length() - 4) : file,
                BitmapEncoder.BitmapFormat.PNG);
    }
}
