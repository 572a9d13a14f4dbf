package cohort.study.report;

/**
 * The tables a replication states beside its findings ({@code /findings_tables/NAME}): the numbers its claims were
 * checked on (every task pair's separability before and after training, say), each under its title with its
 * caption. A study without such tables has no such section.
 */
final class FindingsTablesSection implements Section {

  static final String TITLE = "Replication tables";

  @Override
  public boolean appliesTo(StudyData data) {
    return !data.tables().isEmpty();
  }

  @Override
  public Content write(ReportContext report) {
    StringBuilder h = new StringBuilder();
    for (StudyData.Table t : report.data().tables()) {
      h.append("<h3>").append(Html.esc(t.title())).append("</h3>\n");
      if (!t.caption().isEmpty()) {
        h.append("<p>").append(Html.esc(t.caption())).append("</p>\n");
      }
      h.append("<div class=\"scroll\"><table>\n<tr>");
      for (StudyData.Column c : t.columns()) {
        h.append("<th>").append(Html.esc(c.heading())).append("</th>");
      }
      h.append("</tr>\n");
      for (int r = 0; r < t.rows(); r++) {
        h.append("<tr>");
        for (StudyData.Column c : t.columns()) {
          h.append("<td>").append(Html.esc(c.cells()[r])).append("</td>");
        }
        h.append("</tr>\n");
      }
      h.append("</table></div>\n");
    }
    return Content.of(h.toString());
  }
}
