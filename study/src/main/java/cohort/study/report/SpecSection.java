package cohort.study.report;

/** The study's spec as the file stores it (root attribute {@code spec}), pretty-printed. */
final class SpecSection implements Section {

  @Override
  public Content write(ReportContext report) {
    Object spec = report.data().attributes().get("spec");
    return Content.of(spec == null ? "<p class=\"none\">The file carries no spec attribute.</p>\n"
        : "<pre>" + Html.esc(PrettyJson.of(String.valueOf(spec))) + "</pre>\n");
  }
}
