package cohort.study.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cohort.study.cli.CohortCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The README's study command, {@code cohort run presets/smoke.yaml --out DIR}, end to end on 2 workers, and its
 * {@code study.h5} as a Python user opens it with h5py: groups, shapes, dtypes and attributes.
 */
class SmokePresetTest {

  @TempDir Path tmp;

  @Test
  void theSmokePresetRunsEndToEndAndPythonReadsItsResults() throws Exception {
    Path out = tmp.resolve("smoke");
    CommandLine cl = CohortCommand.commandLine();
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    cl.setOut(new PrintWriter(stdout, true));
    cl.setErr(new PrintWriter(stderr, true));
    int exit = cl.execute("run", Path.of("..", "presets", "smoke.yaml").toString(), "--out", out.toString(),
        "--workers", "2");
    assertEquals(0, exit, stderr.toString());
    assertTrue(stdout.toString().contains("24 runs"), stdout.toString());

    String python = """
        import h5py, json, sys
        f = h5py.File(sys.argv[1], 'r')
        assert f.attrs['format'].decode() == 'cohort-study/1'
        spec = json.loads(f.attrs['spec'])
        assert spec['study'] == 'smoke' and spec['grid']['seeds'] == 3, spec
        assert f.attrs['runs_total'] == 24, f.attrs['runs_total']
        assert f.attrs['runs_completed'] + f.attrs['runs_failed'] == 24
        assert f.attrs['runs_completed'] >= 22, 'too many failed runs: %d' % f.attrs['runs_failed']
        runs = f['runs']
        assert len(runs) == 24
        archs = set()
        for rid, r in runs.items():
            a = r.attrs
            for key in ('spec', 'status', 'cohort_version', 'seed', 'task', 'architecture', 'host', 'started',
                        'finished', 'run_seconds', 'java_version'):
                assert key in a, (rid, key)
            json.loads(a['spec'])
            archs.add(a['architecture'].decode())
            if a['status'].decode() == 'failed':
                continue
            assert r['weights/W_out'].dtype == 'float32' and r['weights/W_out'].shape[0] == 24
            act = r['activations']
            assert act['trained'].dtype == 'float32' and act['trained'].shape[1] == 24
            assert act['untrained'].shape == act['trained'].shape
            assert act['trained'].shape[0] == act.attrs['steps'] * act.attrs['trials']
            assert r['training/val_accuracy'].dtype == 'float64'
            assert r['spectrum/w_rec_re'].dtype == 'float64'
            assert 'fixed_point_count' in a
            if a['fixed_point_count'] > 0:
                fp = r['fixed_points']
                k = fp.attrs['count']
                s = fp['states'].shape
                assert s[0] == k and s[1] in (24, 48), s
                assert fp['eigenvalues_re'].shape == s and fp['q'].dtype == 'float64'
        assert archs == {'vanilla', 'ugrnn', 'gru', 'lstm'}, archs
        for metric in ('cka', 'svcca', 'procrustes'):
            for task in ('flipflop', 'context-integration'):
                g = f['comparisons/%s/%s' % (metric, task)]
                d = g['distance'][()]
                n = len(g['items'])
                assert d.shape == (n, n) and d.dtype == 'float64' and n >= 22, (metric, task, d.shape)
                assert abs(d - d.T).max() < 1e-12 and abs(d.diagonal()).max() < 1e-12
                e = f['embeddings/%s/%s' % (metric, task)]
                assert e['coordinates'].shape == (n, 2) and 'stress' in e.attrs
        dsa = f['comparisons/dsa/all']
        assert dsa['distance'].shape[0] == len(dsa['items']) >= 44
        assert json.loads(dsa.attrs['options'])['score'] in ('wasserstein', 'angular', 'euclidean')
        sep = f['separability/dsa/all/trained/trained_vs_untrained']
        assert 0 <= sep.attrs['accuracy_rows'] <= 1 and sep['null_rows'].shape == (100,)
        assert 'separability/cka/flipflop/architecture' in f
        print('ok')
        """;
    StudyFixtures.assertPythonOk(python, out.resolve("study.h5"));
  }
}
