package cohort.analysis.similarity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What one option of a {@link Metric} means, on the component of its options record: the one description from
 * which the registry writes the option's command-line help and spec documentation. Say the meaning, the unit and
 * the accepted values; the default is the record's own (its no-argument constructor).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Help {
  /** One line. */
  String value();
}
