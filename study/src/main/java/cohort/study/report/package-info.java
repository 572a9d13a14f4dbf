/**
 * The readable report of a Cohort study, and the figures of single networks and trials; drawn with the figure
 * core of {@link cohort.study.report.figure}.
 *
 * <p>{@link cohort.study.report.StudyReport} turns a study's {@code study.h5} ({@link
 * cohort.study.report.StudyData}) into {@code report/index.html} and its figures; {@code cohort report DIR} runs
 * it. The report is the sections of a {@link cohort.study.report.Sections} registry, each one class that writes
 * its own tables and figures (findings, summary, runs, training curves, MDS, distance matrices, fixed points,
 * spectra, separability, the spec) through a {@link cohort.study.report.ReportContext}; grid factors and their
 * colours are in {@link cohort.study.report.Factors}, population item ids in {@link cohort.study.report.Item}.
 * {@link cohort.study.report.TrialPlot} draws a task's trial ({@code cohort tasks sample --png}) and {@link
 * cohort.study.report.NetworkFigures} a network's fixed points and spectra ({@code cohort analyze-network --png}).
 */
package cohort.study.report;
