package cohort.study.report;

/**
 * One section of a study report: what it puts under its heading (tables, text, figures), drawn from the study
 * through a {@link ReportContext}. The heading and the section's place on the page are its line in a {@link
 * Sections} registry; a section is one class (or, for a project's own, a lambda) and one registry line.
 */
@FunctionalInterface
public interface Section {

  /** Writes the section's figures through {@code report} and returns what goes under its heading. */
  Content write(ReportContext report);

  /**
   * Whether the section belongs in the report of {@code data} at all; one that does not leaves no heading, no
   * entry in the contents and no note (the findings of a study that states none, say).
   */
  default boolean appliesTo(StudyData data) {
    return true;
  }

  /**
   * What a section puts under its heading: its HTML, or, when that is empty, a note that the study holds nothing
   * for it and why. A note given beside HTML is reported (by {@code cohort report}) without being shown.
   *
   * @param html the section's body (tables, text, figures); empty when it has nothing to show
   * @param leftOut why (part of) the section is not in this study, or null
   */
  record Content(String html, String leftOut) {

    public Content {
      html = html == null ? "" : html;
    }

    /** A section with something to show. */
    public static Content of(String html) {
      return new Content(html, null);
    }

    /** A section with nothing to show, and why. */
    public static Content leftOut(String why) {
      return new Content("", why);
    }
  }
}
