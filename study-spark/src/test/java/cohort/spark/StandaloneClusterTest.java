package cohort.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.study.run.StudyFixtures;
import cohort.study.wiring.Studies;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on this machine: a master and two one-core workers, each its own JVM on
 * 127.0.0.1, started from the Spark jars Maven has (the test class path). A study runs on it from a separate driver
 * process, one worker is killed (with its executor) once some runs are done, and the study must still complete,
 * with every run stored once and a {@code study.h5} identical to the local runner's. Every process started here is
 * stopped at the end, whatever happens.
 */
class StandaloneClusterTest {

  /** Eight networks of about a second or two each, so that the study is still running when a worker dies. */
  static final String SPEC = StudyFiles.spec(4, 250).replace("units: 6", "units: 24").replace("batch: 8", "batch: 32")
      .replace("validate_every: 5", "validate_every: 100");

  @TempDir Path tmp;

  private final List<Process> started = new ArrayList<>();

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void aStudyOnATwoWorkerClusterCompletesWhenAWorkerIsKilled() throws Exception {
    Path spec = StudyFixtures.writeSpec(tmp, SPEC);
    long t0 = System.nanoTime();
    Studies.create(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false)
        .run(spec, tmp.resolve("local"), 2, 0, 1);
    long t1 = System.nanoTime();
    try {
      int port = freePort();
      int ui = freePort();
      Path home = Files.createDirectories(tmp.resolve("spark-home/jars"));
      start("master", "org.apache.spark.deploy.master.Master", Map.of(), "--host", "127.0.0.1", "--port",
          String.valueOf(port), "--webui-port", String.valueOf(ui));
      awaitPort(port);
      // A worker launches executors with SPARK_HOME/jars on their class path (empty here: the executors get the
      // test class path through spark.executor.extraClassPath, as an installed Spark would give its own jars).
      Map<String, String> env = Map.of("SPARK_HOME", home.getParent().toString(), "SPARK_SCALA_VERSION", "2.13");
      List<Process> workers = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        workers.add(start("worker" + w, "org.apache.spark.deploy.worker.Worker", env, "--host", "127.0.0.1",
            "--cores", "1", "--memory", "640m", "--webui-port", "0", "--work-dir", tmp.resolve("work" + w).toString(),
            "spark://127.0.0.1:" + port));
      }
      awaitAliveWorkers(ui, 2);

      long t2 = System.nanoTime();
      Path out = tmp.resolve("cluster");
      Process driver = start("driver", "cohort.study.cli.CohortCommand", Map.of(),
          "run", spec.toString(), "--out", out.toString(), "--engine", "spark", "--master", "spark://127.0.0.1:" + port);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (StudyFiles.count(out) < 2 && driver.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      int before = StudyFiles.count(out);
      assertTrue(driver.isAlive() && before >= 2 && before < 8,
          () -> "the worker must die mid-study; runs stored then: " + before + "\n" + log("driver"));
      kill(workers.get(0));

      assertTrue(driver.waitFor(150, TimeUnit.SECONDS), () -> "the driver did not finish\n" + log("driver"));
      long t3 = System.nanoTime();
      assertEquals(0, driver.exitValue(), () -> log("driver"));
      System.out.printf("8 networks: local runner (2 workers) %.1f s; 2-worker standalone cluster %.1f s "
          + "(a worker killed after %d runs)%n", (t1 - t0) / 1e9, (t3 - t2) / 1e9, before);
      StudyFiles.assertEveryRunOnce(out, 8);
      StudyFixtures.assertSameDatasets(tmp.resolve("local/study.h5"), out.resolve("study.h5"));
    } finally {
      for (int i = started.size() - 1; i >= 0; i--) {
        kill(started.get(i));
      }
    }
  }

  /** Starts {@code main} in its own JVM with the test class path; its output goes to {@code NAME.log}. */
  private Process start(String name, String main, Map<String, String> env, String... args) throws IOException {
    String cp = System.getProperty("java.class.path");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-Dspark.executor.memory=512m", "-Dspark.executor.extraClassPath=" + cp,
        "-Dspark.driver.host=127.0.0.1", "-cp", cp, main));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(tmp.resolve(name + ".log").toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    started.add(p);
    return p;
  }

  /** Kills a process and the processes it started (a worker's executors), as a lost machine would end them. */
  private static void kill(Process p) throws InterruptedException {
    p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    p.waitFor(30, TimeUnit.SECONDS);
  }

  private String log(String name) {
    try {
      return Files.readString(tmp.resolve(name + ".log"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void awaitPort(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException e) {
        Thread.sleep(200);
      }
    }
    throw new AssertionError("the Spark master did not listen on port " + port);
  }

  /** Waits until the master's status page lists {@code n} alive workers. */
  private void awaitAliveWorkers(int ui, int n) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String json = "";
    while (System.nanoTime() < deadline) {
      try {
        json = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ui + "/json/")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        if (json.split("\"state\" : \"ALIVE\"", -1).length - 1 >= n) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the workers did not register with the master: " + json + "\n" + log("worker0"));
  }
}
