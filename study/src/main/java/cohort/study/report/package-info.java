/**
 * Figures and readable reports of Cohort studies, drawn with plain {@code java.awt} (headless) and written as
 * PNG with {@code javax.imageio}; no plotting library.
 *
 * <p>Why no library: the figures a study needs are few and specific (training curves, MDS scatters with marker
 * shapes for trained and untrained networks, clustered distance-matrix heat maps with group strips, grouped bars,
 * eigenvalues on the complex plane with the unit circle, permutation-null histograms). {@link
 * cohort.study.report.Chart} (a grid of x–y panels with lines, markers, bars, reference lines and circles) and
 * {@link cohort.study.report.HeatMap} (viridis, colour bar, group strips) cover them in about 800 lines that the
 * project controls, in the same style as the trial pictures of {@link cohort.study.report.LinePlot} and {@link
 * cohort.study.report.TrialPlot}; adding JFreeChart or XChart would add a dependency (and, for XChart, several
 * transitive ones) without removing much code, since the heat maps, equal-aspect complex planes and layout would
 * still need custom work. SVG output is not provided (PNG only).
 *
 * <p>{@link cohort.study.report.StudyReport} turns a study's {@code study.h5} ({@link
 * cohort.study.report.StudyData}) into {@code report/index.html} and its figures; {@code cohort report DIR}
 * runs it.
 */
package cohort.study.report;
