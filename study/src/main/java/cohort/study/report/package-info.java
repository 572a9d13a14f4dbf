/**
 * Figures and readable reports of Cohort studies, drawn with the figure core of {@link
 * cohort.study.report.figure}.
 *
 * <p>{@link cohort.study.report.StudyReport} turns a study's {@code study.h5} ({@link
 * cohort.study.report.StudyData}) into {@code report/index.html} and its figures; {@code cohort report DIR}
 * runs it. {@link cohort.study.report.TrialPlot} draws a task's trial ({@code cohort tasks sample --png}) and
 * {@link cohort.study.report.NetworkFigures} a network's fixed points and spectra ({@code cohort analyze-network
 * --png}).
 */
package cohort.study.report;
