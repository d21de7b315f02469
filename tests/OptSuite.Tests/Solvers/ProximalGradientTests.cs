using OptSuite.Solvers;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Solvers;

public class ProximalGradientTests
{
    [Theory]
    [InlineData(false, true)]
    [InlineData(true, true)]
    [InlineData(true, false)]
    public void LassoReachesKktPointAndCriterionIsBelowTolerance(bool accelerated, bool backtracking)
    {
        var f = DenseGlm.Random(1, 80, 30, logistic: false, l1: 0.05);
        var x0 = new double[30];
        x0[3] = 0.7;
        var before = x0.ToArray();
        var options = new ProximalGradientOptions
        {
            Accelerated = accelerated,
            StepSize = backtracking ? StepSizeRule.Backtracking : StepSizeRule.Constant,
            Tolerance = 1e-10,
            MaxIterations = 100_000,
        };
        SolverResult r = ProximalGradient.Minimize(f, x0, options);
        Assert.Equal(StopReason.Converged, r.StopReason);
        Assert.True(r.Criterion <= 1e-10, $"criterion {r.Criterion}");
        Assert.True(f.KktViolation(r.Solution) < 1e-8, $"KKT violation {f.KktViolation(r.Solution)}");
        Assert.Equal(before, x0);
        Assert.NotSame(x0, r.Solution);
        Assert.Contains(r.Solution, v => v == 0);
        Assert.Equal(f.Value(r.Solution) + f.NonsmoothValue(r.Solution), r.Objective, 12);
    }

    [Fact]
    public void FistaNeedsFarFewerIterationsThanIstaOnAnIllConditionedProblem()
    {
        var f = DenseGlm.Random(2, 200, 60, logistic: true, l1: 0.002);
        var ista = ProximalGradient.Minimize(f, default, new ProximalGradientOptions { Accelerated = false, Tolerance = 1e-7, MaxIterations = 200_000 });
        var fista = ProximalGradient.Minimize(f, default, new ProximalGradientOptions { Tolerance = 1e-7, MaxIterations = 200_000 });
        Assert.True(ista.Converged && fista.Converged);
        Assert.True(fista.Iterations * 3 < ista.Iterations, $"FISTA {fista.Iterations} vs ISTA {ista.Iterations}");
        Assert.Equal(ista.Objective, fista.Objective, 1e-7);
    }

    [Fact]
    public void WarmStartAtTheOptimumStopsWithoutIterating()
    {
        var f = DenseGlm.Random(3, 50, 10, logistic: false, l1: 0.1);
        var cold = ProximalGradient.Minimize(f, default, new ProximalGradientOptions { Tolerance = 1e-12, MaxIterations = 100_000 });
        var warm = ProximalGradient.Minimize(f, cold.Solution, new ProximalGradientOptions { Tolerance = 1e-6 });
        Assert.Equal(0, warm.Iterations);
        Assert.Equal(StopReason.Converged, warm.StopReason);
    }

    [Fact]
    public void NonFiniteValuesStopTheRunWithTheLastFinitePoint()
    {
        var r = ProximalGradient.Minimize(new PoisonedQuadratic(10), default,
            new ProximalGradientOptions { StepSize = StepSizeRule.Constant, MaxIterations = 1000 });
        Assert.Equal(StopReason.NonFinite, r.StopReason);
        Assert.All(r.Solution, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void StepDoesNotAllocate()
    {
        var f = DenseGlm.Random(4, 40, 12, logistic: true, l1: 0.01);
        var state = new ProximalGradientState(f, default, new ProximalGradientOptions());
        for (int i = 0; i < 5; i++) state.Step();
        Assert.Equal(0, Allocations.Least(() => { for (int i = 0; i < 50; i++) { state.Step(); state.HasConverged(0); } }));
    }

    [Fact]
    public void InvalidOptionsNameEveryField()
    {
        var f = DenseGlm.Random(5, 10, 3, logistic: false);
        var e = Assert.Throws<ArgumentException>(() => ProximalGradient.Minimize(f, default,
            new ProximalGradientOptions { Tolerance = -1, BacktrackingFactor = 1.5, StepGrowth = 0.5, GapCheckEvery = 0 }));
        Assert.Equal("options", e.ParamName);
        foreach (string field in new[] { "Tolerance", "BacktrackingFactor", "StepGrowth", "GapCheckEvery" })
            Assert.Contains(field, e.Message);
    }

    [Fact]
    public void WrongStartingPointLengthOrNaNIsRejected()
    {
        var f = DenseGlm.Random(6, 10, 3, logistic: false);
        Assert.Equal("x0", Assert.Throws<ArgumentException>(() => ProximalGradient.Minimize(f, new double[4])).ParamName);
        Assert.Equal("x0", Assert.Throws<ArgumentException>(() => ProximalGradient.Minimize(f, [0, double.NaN, 0])).ParamName);
    }

    [Fact]
    public void CancellationAndTimeLimitAreStopReasons()
    {
        var f = DenseGlm.Random(7, 2000, 200, logistic: true, l1: 1e-4);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var r = ProximalGradient.Minimize(f, default, new ProximalGradientOptions { Tolerance = 0 }, cts.Token);
        Assert.Equal(StopReason.Cancelled, r.StopReason);
        var t = ProximalGradient.Minimize(f, default,
            new ProximalGradientOptions { Tolerance = 0, MaxIterations = int.MaxValue, MaxTime = TimeSpan.FromMilliseconds(50) });
        Assert.Equal(StopReason.MaxTime, t.StopReason);
    }

    [Fact]
    public void TraceIsRecordedAndObserverCanStop()
    {
        var f = DenseGlm.Random(8, 60, 20, logistic: false, l1: 0.01);
        int calls = 0;
        var r = ProximalGradient.Minimize(f, default, new ProximalGradientOptions
        {
            Tolerance = 0, MaxIterations = 1000, TraceEvery = 5, Observer = rep => ++calls < 20,
        });
        Assert.Equal(StopReason.StoppedByObserver, r.StopReason);
        Assert.Equal(20, r.Iterations);
        Assert.Equal([0, 5, 10, 15, 20], r.Trace.Select(p => p.Iteration));
        Assert.True(r.Trace[^1].Objective <= r.Trace[0].Objective);
    }
}
