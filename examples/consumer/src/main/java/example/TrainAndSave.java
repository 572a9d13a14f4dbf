package example;

import cohort.io.NetworkFile;
import cohort.io.TrainingRun;
import cohort.models.Activation;
import cohort.models.CellRegistry;
import cohort.models.Network;
import cohort.models.NetworkSpec;
import cohort.tasks.Task;
import cohort.tasks.TaskRegistry;
import cohort.training.Trainer;
import cohort.training.TrainingResult;
import cohort.training.TrainingSpec;
import java.nio.file.Path;

/** Trains a GRU on the 3-bit flip-flop and saves it as an HDF5 network file. */
public class TrainAndSave {
  public static void main(String[] args) {
    Task task = TaskRegistry.standard().create("flipflop");
    NetworkSpec spec = NetworkSpec.of(CellRegistry.standard().parse("gru"), Activation.TANH, task.inputSize(), 32,
        task.outputSize());
    TrainingSpec training = TrainingSpec.defaults().withIterations(Integer.parseInt(args[1]))
        .withLearningRate(0.01).withSeed(1);
    Network network = Trainer.initialize(spec, training.seed());
    TrainingResult result = new Trainer(training).train(network, task);
    NetworkFile.write(Path.of(args[0]), new TrainingRun(task.name(), task.parameters(), spec, training), network,
        result);
    System.out.println(result.status().id() + " after " + result.iterations() + " iterations, accuracy "
        + result.finalValidationAccuracy());
  }
}
