using OptSuite.Tests.Support;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Models;
using OptSuite.Solvers;
using Xunit.Abstractions;

namespace OptSuite.Tests.Models.Robustness;

/// <summary>
/// Stops that are not convergence — a cancelled token, the time limit, an observer saying stop — end every estimator
/// and solver with that <see cref="StopReason"/> and a valid (finite) point, promptly; and fits are deterministic: the
/// same seed gives bit-identical coefficients across runs and across 1 and 2 kernel threads for coordinate descent and
/// dual coordinate ascent (the managed kernels split work by rows or columns and never combine partial sums across
/// threads). MKL is not covered here: its threaded BLAS may reorder sums (the LinearAlgebra parity tests compare backends
/// to a tolerance).
/// </summary>
/// <remarks>Open finding: L-BFGS, OWL-QN, FISTA and ISTA fits repeat only to ~1e-15 relative (last bits alternate between
/// runs in one process with the same evaluation counts). Not thread count, tiered JIT (same with TieredCompilation=0)
/// or the alignment of TensorPrimitives' Dot/Sum/MultiplyAdd (checked); the cause is not yet found, so those solvers are
/// held to 1e-9 here rather than bit identity (differences seen: up to ~2e-11 relative, L-BFGS on the Huber problem).</remarks>
[Collection("Process-wide")]
public class StoppingAndDeterminismTests(ITestOutputHelper output)
{
    public static TheoryData<string> Cases => ModelCatalog.Names();

    private static void SoundStop(LinearEstimator m, StopReason expected, string what)
    {
        var r = m.Report!;
        Assert.True(r.StopReason == expected, $"{what}: stopped with {r.StopReason}, expected {expected} ({r})");
        Assert.True(double.IsFinite(r.Objective) && m.Coefficients.All(double.IsFinite) && m.Intercepts.All(double.IsFinite), $"{what}: {r}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CancellationTimeLimitAndObserverStopEverySolverWithAValidPoint(string name)
    {
        var c = ModelCatalog.Get(name);
        double[] y = ModelCatalog.Y(c);

        var m = c.Build();
        m.CancellationToken = new CancellationToken(canceled: true);
        SoundStop(ModelCatalog.Fit(m, ModelCatalog.X, y), StopReason.Cancelled, $"{c}: cancelled token");

        m = c.Build();
        m.MaxTime = TimeSpan.Zero;
        m.Tolerance = 0;
        SoundStop(ModelCatalog.Fit(m, ModelCatalog.X, y), StopReason.MaxTime, $"{c}: MaxTime 0");

        m = c.Build();
        int calls = 0;
        m.Tolerance = 0;
        m.Observer = report => ++calls < 3;
        SoundStop(ModelCatalog.Fit(m, ModelCatalog.X, y), StopReason.StoppedByObserver, $"{c}: observer");
        Assert.True(calls >= 3, $"{c}: the observer was called {calls} times");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SameSeedGivesBitIdenticalCoefficientsAcrossRunsAndThreadCounts(string name)
    {
        var c = ModelCatalog.Get(name);
        double[] y = ModelCatalog.Y(c);
        double[] Run(int threads)
        {
            var m = c.Build();
            m.Seed = 7;
            m.Threads = threads;
            return [.. ModelCatalog.Fit(m, ModelCatalog.X, y).Coefficients, .. m.Intercepts];
        }
        double[] first = Run(1);
        double[] again = Run(1), twoThreads = Run(2);
        if (c.Solver is SolverKind.CoordinateDescent or SolverKind.DualCoordinateDescent || ResolvesToCoordinateMethod(c))
        {
            Assert.Equal(first, again);
            Assert.Equal(first, twoThreads);
            return;
        }
        // Known gap (see the class remarks): the gradient solvers repeat only to ~1e-11.
        double scale = Math.Max(1, first.Max(Math.Abs));
        for (int j = 0; j < first.Length; j++)
        {
            Assert.True(Math.Abs(first[j] - again[j]) <= 1e-9 * scale, $"{c}: run-to-run difference {first[j]:R} vs {again[j]:R}");
            Assert.True(Math.Abs(first[j] - twoThreads[j]) <= 1e-9 * scale, $"{c}: 1 vs 2 threads {first[j]:R} vs {twoThreads[j]:R}");
        }
        if (!first.SequenceEqual(again)) output.WriteLine($"{c}: not bit-identical run to run (max difference {first.Zip(again, (a, b) => Math.Abs(a - b)).Max():E1})");
    }

    private static bool ResolvesToCoordinateMethod(ModelCase c)
    {
        var m = c.Build();
        ModelCatalog.Fit(m, ModelCatalog.X, ModelCatalog.Y(c));
        return m.Report!.Solver is SolverKind.CoordinateDescent or SolverKind.DualCoordinateDescent;
    }

    /// <summary>A token fired mid-solve (after 5 iterations, from the observer) on a problem that takes seconds (multinomial
    /// L2 on raw digits with intercepts, about 10⁴ L-BFGS iterations; Crammer–Singer on the same data) returns promptly.</summary>
    [Theory]
    [InlineData(SolverKind.Lbfgs)]
    [InlineData(SolverKind.Fista)]
    [InlineData(SolverKind.DualCoordinateDescent)]
    public void ATokenFiredMidSolveStopsPromptly(SolverKind solver)
    {
        var d = SvmlightReader.Read(DatasetLocator.Find("peers/digits.svm"));
        LinearClassifier m = solver == SolverKind.DualCoordinateDescent
            ? new MulticlassSvm { FitIntercept = false, Tolerance = 0, Solver = solver }
            : new LogisticRegression { Tolerance = 0, Solver = solver };
        using var source = new CancellationTokenSource();
        m.CancellationToken = source.Token;
        long cancelled = 0;
        m.Observer = r =>
        {
            if (r.Iteration == 5) { cancelled = System.Diagnostics.Stopwatch.GetTimestamp(); source.Cancel(); }
            return true;
        };
        m.Fit(d.Features, d.Labels);
        var clock = System.Diagnostics.Stopwatch.GetElapsedTime(cancelled);
        output.WriteLine($"{solver}: {m.Report} (stopped {clock.TotalMilliseconds:F1} ms after the cancel)");
        SoundStop(m, StopReason.Cancelled, solver.ToString());
        Assert.True(m.Report!.Iterations >= 5, $"{solver}: stopped before the cancel was requested");
        // The token is checked every iteration (well under a millisecond on 1797×64 data); a second allows for a loaded machine.
        Assert.True(clock < TimeSpan.FromSeconds(1), $"{solver}: {clock} from the cancel to the return");
    }
}
