/**
 * The figure core of Cohort's reports: plain {@code java.awt} drawing on images, written as PNG with {@code
 * javax.imageio}; no plotting library, and no global state (see {@link cohort.study.report.figure.Canvas} for
 * headless AWT).
 *
 * <p>The core: {@link cohort.study.report.figure.Style} (the type scale, strokes), {@link
 * cohort.study.report.figure.Palette} (Tableau 10 and viridis), {@link cohort.study.report.figure.Canvas} (the
 * image, measuring, the title block, PNG files), {@link cohort.study.report.figure.Ticks} and {@link
 * cohort.study.report.figure.Ranges} (axes), {@link cohort.study.report.figure.Numbers}, {@link
 * cohort.study.report.figure.Labels}, {@link cohort.study.report.figure.Legend} and {@link
 * cohort.study.report.figure.MarkerShape}. Over it, three kinds of figure: {@link
 * cohort.study.report.figure.Chart}, a grid of x–y {@link cohort.study.report.figure.Panel}s whose plot kinds are
 * {@link cohort.study.report.figure.Layer}s (lines, markers, bars, reference lines, circles, text); {@link
 * cohort.study.report.figure.HeatMap}, a matrix with group strips and a colour bar; and {@link
 * cohort.study.report.figure.LinePlot}, lanes of step series over one time axis.
 *
 * <p>Why no library: the figures a study needs are few and specific (training curves, MDS scatters with marker
 * shapes for trained and untrained networks, clustered distance-matrix heat maps with group strips, grouped bars,
 * eigenvalues on the complex plane with the unit circle, permutation-null histograms, trial pictures). This
 * package covers them in about 1,300 lines that the project controls; JFreeChart or XChart would add a dependency
 * (and, for XChart, several transitive ones) without removing much code, since the heat maps, equal-aspect complex
 * planes and layout would still need custom work. SVG output is not provided (PNG only). Nothing here knows of
 * studies, runs or tasks.
 */
package cohort.study.report.figure;
