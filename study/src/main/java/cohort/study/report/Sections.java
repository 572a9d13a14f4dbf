package cohort.study.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The sections of a study report in page order, each under its heading: "one class + one registry line" per
 * section. {@link #standard()} is Cohort's report; a project of its own builds on it with {@link #builder()}.
 * Every entry is checked by the section contract test, so a section is tested the moment it is registered.
 */
public final class Sections {

  /**
   * A section under its heading.
   *
   * @param title the heading, whose words also make the anchor its entry in the contents links to
   * @param headline the section stands above the contents, at the top of the page (the study's headline results)
   */
  public record Entry(String title, boolean headline, Section section) {}

  private static final Sections STANDARD = builder()
      .headline(FindingsSection.TITLE, new FindingsSection())
      .add(FindingsTablesSection.TITLE, new FindingsTablesSection())
      .add("Summary", new SummarySection())
      .add("Runs", new RunsSection())
      .add(CurvesSection.TITLE, new CurvesSection())
      .add(MdsSection.TITLE, new MdsSection())
      .add(DistanceSection.TITLE, new DistanceSection())
      .add(FixedPointSection.TITLE, new FixedPointSection())
      .add(SpectraSection.TITLE, new SpectraSection())
      .add(SpectraTrainingSection.TITLE, new SpectraTrainingSection())
      .add(SeparabilitySection.TITLE, new SeparabilitySection())
      .add("Study specification", new SpecSection())
      .build();

  private final List<Entry> entries;

  private Sections(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * Cohort's report: findings (as a headline), the findings' tables, summary, runs, training, geometry, distances,
   * fixed points, spectra, spectra before and after training, separability, the spec.
   */
  public static Sections standard() {
    return STANDARD;
  }

  /** Starts an empty list of sections. */
  public static Builder builder() {
    return new Builder();
  }

  /** The sections in page order. */
  public List<Entry> all() {
    return entries;
  }

  /** Builds a {@link Sections}; headings must differ (they are the anchors of the contents). */
  public static final class Builder {
    private final List<Entry> entries = new ArrayList<>();

    private Builder() {}

    /** Adds a section under {@code title}, after those added so far. */
    public Builder add(String title, Section section) {
      return add(new Entry(title, false, section));
    }

    /** Adds a section that stands above the contents, after the headline sections added so far. */
    public Builder headline(String title, Section section) {
      return add(new Entry(title, true, section));
    }

    /** Adds every section of {@code other}, in its order. */
    public Builder addAll(Sections other) {
      other.all().forEach(this::add);
      return this;
    }

    public Sections build() {
      return new Sections(entries);
    }

    private Builder add(Entry entry) {
      String anchor = Html.anchor(entry.title());
      for (Entry e : entries) {
        if (Html.anchor(e.title()).equals(anchor)) {
          throw new IllegalArgumentException("section '" + entry.title() + "': its anchor '" + anchor
              + "' is taken by section '" + e.title() + "'; accepted: a heading of its own");
        }
      }
      entries.add(entry);
      return this;
    }
  }
}
