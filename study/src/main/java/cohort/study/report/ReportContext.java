package cohort.study.report;

import cohort.study.report.figure.Canvas;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What the sections of one report share: the study's data, its runs by id (so that a population {@link Item}
 * finds its run), the colours of its grid factors, and the directory the figures go to, with the list of figures
 * written so far. A section sees the context under its own heading, which its figures are listed under.
 */
public final class ReportContext {

  private final StudyData data;
  private final Map<String, StudyData.Run> runsById;
  private final Factors factors;
  private final Path out;
  private final List<StudyReport.Figure> figures;
  private final String section;
  private final MetricCaptions captions;

  /** The context of a report of {@code data} whose figures go to {@code out}, with Cohort's own metrics. */
  ReportContext(StudyData data, Path out) {
    this(data, out, MetricCaptions.STANDARD);
  }

  /** The context of a report of {@code data} whose figures go to {@code out}, with the metrics of {@code captions}. */
  ReportContext(StudyData data, Path out, MetricCaptions captions) {
    this(data, new LinkedHashMap<>(), new Factors(data.runs()), out, new ArrayList<>(), "", captions);
    for (StudyData.Run r : data.runs()) {
      runsById.put(r.id(), r);
    }
  }

  private ReportContext(StudyData data, Map<String, StudyData.Run> runsById, Factors factors, Path out,
      List<StudyReport.Figure> figures, String section, MetricCaptions captions) {
    this.captions = captions;
    this.data = data;
    this.runsById = runsById;
    this.factors = factors;
    this.out = out;
    this.figures = figures;
    this.section = section;
  }

  /** This context as the section headed {@code title} sees it. */
  ReportContext in(String title) {
    return new ReportContext(data, runsById, factors, out, figures, title, captions);
  }

  /** What the report says about each metric (caption, units, order). */
  MetricCaptions captions() {
    return captions;
  }

  /** The study. */
  public StudyData data() {
    return data;
  }

  /** The study's grid factors and their colours. */
  public Factors factors() {
    return factors;
  }

  /** The run of a population item's id, or null when {@code /runs} does not hold it. */
  public StudyData.Run run(String itemId) {
    return runsById.get(Item.of(itemId).runId());
  }

  /** The runs of which {@code has} holds, by task (in the tasks' alphabetical order); empty when there are none. */
  public Map<String, List<StudyData.Run>> runsByTask(Predicate<StudyData.Run> has) {
    Map<String, List<StudyData.Run>> byTask = new TreeMap<>();
    for (StudyData.Run r : data.runs()) {
      if (has.test(r)) {
        byTask.computeIfAbsent(r.text("task", "?"), k -> new ArrayList<>()).add(r);
      }
    }
    return byTask;
  }

  /**
   * Writes {@code image} as {@code file} in the report directory, lists it under this section, and returns its
   * HTML: the image, linked to itself, with its title and caption.
   */
  public String figure(BufferedImage image, String file, String title, String caption) {
    Canvas.writePng(image, out.resolve(file));
    figures.add(new StudyReport.Figure(file, section, title, caption));
    return "<figure>\n<a href=\"" + Html.esc(file) + "\"><img src=\"" + Html.esc(file) + "\" alt=\""
        + Html.esc(title) + "\"></a>\n<figcaption><strong>" + Html.esc(title) + ".</strong> " + Html.esc(caption)
        + "</figcaption>\n</figure>\n";
  }

  /** The figures written so far, in order. */
  List<StudyReport.Figure> figures() {
    return List.copyOf(figures);
  }
}
