using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.LinearAlgebra.Distributed;
using OptSuite.Models.Persistence;
using OptSuite.MpiHost;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Solvers;

/// <summary>
/// Checkpoints (<see cref="SolverCheckpoints"/>): a run stopped after some iterations and resumed from its last checkpoint
/// reaches the uninterrupted run's optimum (objective to 1e-10), counting its iterations on; the solvers that keep their
/// whole state (trust-region Newton, FISTA) take bit for bit the uninterrupted run's steps; a checkpoint of another solver
/// or problem is refused; the checkpoint files round-trip and a damaged one is named.
/// </summary>
public class CheckpointTests
{
    private static readonly Lazy<(CsrMatrix X, double[] Y)> A9a = new(() =>
    {
        var d = SvmlightReader.Read(DatasetLocator.Find("binary/a9a.xz"));
        return (BlockDualCoordinateDescentTests.Head(d.Features, 2000), d.Labels.Take(2000).ToArray());
    });

    /// <summary>Runs <paramref name="run"/> whole, then to <paramref name="stopAt"/> iterations saving every
    /// <paramref name="every"/>, then from the last checkpoint to the end; returns (whole, resumed, checkpoint).</summary>
    private static (SolverResult Whole, SolverResult Resumed, SolverCheckpoint Saved) StopAndResume(
        Func<SolverCheckpoints?, int, SolverResult> run, int stopAt, int every)
    {
        var whole = run(null, 100_000);
        Assert.True(whole.Converged, whole.ToString());
        Assert.True(whole.Iterations > stopAt, $"the run converged in {whole.Iterations} iterations, before the stop at {stopAt}");
        SolverCheckpoint? last = null;
        var stopped = run(new SolverCheckpoints { Every = every, Save = c => last = c }, stopAt);
        Assert.Equal(StopReason.MaxIterations, stopped.StopReason);
        Assert.NotNull(last);
        Assert.Equal(stopAt / every * every, last.Iteration);
        var resumed = run(new SolverCheckpoints { Resume = last }, 100_000);
        Assert.True(resumed.Converged, resumed.ToString());
        Assert.True(resumed.Iterations > last.Iteration);
        Assert.Equal(whole.Objective, resumed.Objective, 1e-10 * Math.Abs(whole.Objective));
        return (whole, resumed, last);
    }

    [SharedDatasetFact]
    public void NewtonAndFistaResumeBitForBit()
    {
        var (x, y) = A9a.Value;
        var f = new LinearObjective<LogisticLoss, ZeroRegularizer>(x, y, default, default, 1e-3, true);
        var (whole, resumed, _) = StopAndResume((c, max) => TrustRegionNewton.Minimize(f, default,
            new TrustRegionNewtonOptions { Tolerance = 1e-12, MaxIterations = max, Checkpoints = c }), 4, 2);
        Assert.Equal(whole.Solution, resumed.Solution);
        Assert.Equal(whole.Iterations, resumed.Iterations);

        var lasso = new LinearObjective<LogisticLoss, L1Norm>(x, y, default, new L1Norm(1e-3), 0, true);
        (whole, resumed, _) = StopAndResume((c, max) => ProximalGradient.Minimize(lasso, default,
            new ProximalGradientOptions { Tolerance = 1e-10, MaxIterations = max, Checkpoints = c }), 300, 100);
        Assert.Equal(whole.Solution, resumed.Solution);
        Assert.Equal(whole.Iterations, resumed.Iterations);
    }

    [SharedDatasetFact]
    public void QuasiNewtonAndDualCoordinateDescentResumeToTheOptimum()
    {
        var (x, y) = A9a.Value;
        var smooth = new LinearObjective<LogisticLoss, ZeroRegularizer>(x, y, default, default, 1e-3, true);
        StopAndResume((c, max) => Lbfgs.Minimize(smooth.AsSmooth(), default, new LbfgsOptions { Tolerance = 1e-10, MaxIterations = max, Checkpoints = c }), 20, 10);
        var l1 = new LinearObjective<LogisticLoss, L1Norm>(x, y, default, new L1Norm(1e-3), 0, true);
        StopAndResume((c, max) => OwlQn.Minimize(l1.AsL1Composite(), default, new OwlQnOptions { Tolerance = 1e-10, MaxIterations = max, Checkpoints = c }), 40, 20);
        var svm = new LinearObjective<HingeLoss, ZeroRegularizer>(x, y, default, default, 1e-3, false);
        var (_, _, saved) = StopAndResume((c, max) => DualCoordinateDescent.Minimize(svm,
            new DualCoordinateDescentOptions { Tolerance = 1e-9, MaxIterations = max, Checkpoints = c }), 30, 10);
        Assert.Equal(y.Length, saved.Vectors["alpha"].Length);
    }

    /// <summary>CoCoA+ on three in-process ranks: each rank saves its own α and the shared w, and all resume together.</summary>
    [SharedDatasetFact]
    public void CocoaResumesOnEveryRankFromItsOwnDualVariables()
    {
        var (x, y) = A9a.Value;
        var whole = InProcessCommunicator.Run(3, comm => Cocoa(comm, x, y, null, 100_000));
        var saved = new SolverCheckpoint?[3];
        InProcessCommunicator.Run(3, comm => Cocoa(comm, x, y, new SolverCheckpoints { Every = 10, Save = c => saved[comm.Rank] = c }, 25));
        Assert.All(saved, c => Assert.Equal(20, c!.Iteration));
        Assert.NotEqual(saved[0]!.Vectors["alpha"], saved[1]!.Vectors["alpha"]);   // each rank's own rows
        Assert.Equal(saved[0]!.Vectors["w"], saved[1]!.Vectors["w"]);               // the shared w
        var resumed = InProcessCommunicator.Run(3, comm => Cocoa(comm, x, y, new SolverCheckpoints { Resume = saved[comm.Rank] }, 100_000));
        Assert.All(resumed, r => Assert.True(r.Converged, r.ToString()));
        Assert.All(resumed, r => Assert.Equal(resumed[0].Solution, r.Solution));
        Assert.Equal(whole[0].Objective, resumed[0].Objective, 1e-8 * whole[0].Objective);
        // A checkpoint of three ranks does not resume on two.
        var e = Assert.Throws<AggregateException>(() => InProcessCommunicator.Run(2, comm =>
            Cocoa(comm, x, y, new SolverCheckpoints { Resume = saved[comm.Rank] }, 100)));
        Assert.Contains("3 ranks", e.InnerExceptions[0].Message);
    }

    private static SolverResult Cocoa(ICommunicator comm, CsrMatrix x, double[] y, SolverCheckpoints? checkpoints, int max)
    {
        var (from, to) = SolveScenarios.Range(y.Length, comm.Size, comm.Rank);
        var f = new LinearObjective<SquaredHingeLoss, ZeroRegularizer>(new DistributedRows(x.SliceRows(from, to), comm), y[from..to], default, default, 1e-3, false);
        return DualCoordinateDescent.Minimize(f, new DualCoordinateDescentOptions { Tolerance = 1e-9, MaxIterations = max, Checkpoints = checkpoints });
    }

    [SharedDatasetFact]
    public void ACheckpointOfAnotherSolverOrProblemIsRefused()
    {
        var (x, y) = A9a.Value;
        var f = new LinearObjective<LogisticLoss, ZeroRegularizer>(x, y, default, default, 1e-3, true);
        SolverCheckpoint? saved = null;
        TrustRegionNewton.Minimize(f, default, new TrustRegionNewtonOptions { MaxIterations = 2, Checkpoints = new() { Every = 1, Save = c => saved = c } });
        var e = Assert.Throws<ArgumentException>(() => Lbfgs.Minimize(f.AsSmooth(), default, new LbfgsOptions { Checkpoints = new() { Resume = saved } }));
        Assert.Contains("'newton'", e.Message);
        var narrower = new LinearObjective<LogisticLoss, ZeroRegularizer>(x, y, default, default, 1e-3, false);
        e = Assert.Throws<ArgumentException>(() => TrustRegionNewton.Minimize(narrower, default, new TrustRegionNewtonOptions { Checkpoints = new() { Resume = saved } }));
        Assert.Contains("another problem", e.Message);
        // A solver that keeps no checkpoint says which do.
        var cd = new LinearObjective<SquaredLoss, L1Norm>(x, y, default, new L1Norm(1e-2), 0, true);
        var refused = Assert.Throws<NotSupportedException>(() => CoordinateDescent.Minimize(cd, default, new CoordinateDescentOptions { Checkpoints = new() { Every = 1, Save = _ => { } } }));
        Assert.Contains("trust-region Newton", refused.Message);
    }

    [Fact]
    public void CheckpointFilesRoundTripAndNameDamage()
    {
        using var dir = new ScratchDirectory("checkpoints");
        var store = new CheckpointDirectory(dir["ck"], "problem A");
        Assert.Null(store.SavedIteration);
        Assert.Throws<FileNotFoundException>(() => store.Load());
        var first = new SolverCheckpoint
        {
            Solver = "lbfgs", Iteration = 10,
            Vectors = new Dictionary<string, double[]> { ["x"] = [1.5, -2, double.Epsilon] },
            Numbers = new Dictionary<string, double> { ["steps"] = 10, ["previous"] = double.NaN },
        };
        store.Save(first);
        store.Save(new SolverCheckpoint { Solver = "lbfgs", Iteration = 20, Vectors = new Dictionary<string, double[]> { ["x"] = [3, 4, 5] } });
        Assert.Equal(20, store.SavedIteration);
        Assert.Equal(["checkpoint.json", "rank-0-000000020.ckpt"], Directory.GetFiles(dir["ck"]).Select(f => Path.GetFileName(f)!).Order().ToArray());
        var loaded = store.Load();
        Assert.Equal(20, loaded.Iteration);
        Assert.Equal([3.0, 4, 5], loaded.Vectors["x"]);

        using (var s = new MemoryStream())
        {
            CheckpointDirectory.Write(s, first);
            var back = CheckpointDirectory.Read(new MemoryStream(s.ToArray()), "memory");
            Assert.Equal(first.Vectors["x"], back.Vectors["x"]);
            Assert.True(double.IsNaN(back.Numbers["previous"]));
            byte[] bytes = s.ToArray();
            bytes[20] ^= 1;
            Assert.Contains("damaged", Assert.Throws<InvalidDataException>(() => CheckpointDirectory.Read(new MemoryStream(bytes), "memory")).Message);
        }
        var other = new CheckpointDirectory(dir["ck"], "problem B");
        Assert.Contains("another problem", Assert.Throws<ArgumentException>(() => other.Load()).Message);
        string file = Path.Combine(dir["ck"], "rank-0-000000020.ckpt");
        File.WriteAllBytes(file, File.ReadAllBytes(file)[..30]);
        Assert.Throws<InvalidDataException>(() => store.Load());
    }
}
