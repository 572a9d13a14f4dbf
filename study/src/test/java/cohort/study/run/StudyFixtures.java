package cohort.study.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small but complete study spec for the runner's tests: 2 tasks x 2 architectures x 2 seeds = 8 networks. */
final class StudyFixtures {

  private StudyFixtures() {}

  static final String TINY = """
      study: tiny
      seed: 3
      grid:
        task:
          - flipflop: {bits: 2, steps: 30}
          - xor: {dt: 5}
        architecture: [vanilla, gru]
        activation: tanh
        units: 8
        init: {kind: orthogonal, gain: 1.0}
        seeds: 2
      training:
        iterations: 40
        batch: 16
        lr: 0.01
        validate_every: 20
        validation_batches: 1
      analysis:
        untrained: true
        initial_states: 24
        probe_trials: 6
      comparisons:
        metrics: [cka, svcca, procrustes, dsa]
        separability: [architecture, trained]
        permutations: 20
      """;

  static Path writeSpec(Path dir, String text) throws IOException {
    Path spec = dir.resolve("spec-in.yaml");
    Files.writeString(spec, text);
    return spec;
  }
}
