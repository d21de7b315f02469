using OptSuite.Solvers;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Solvers;

public class QuasiNewtonTests
{
    [Fact]
    public void LbfgsSolvesRosenbrock()
    {
        var f = new Rosenbrock(10);
        double[] x0 = Enumerable.Range(0, 10).Select(i => i % 2 == 0 ? -1.2 : 1.0).ToArray();
        var before = x0.ToArray();
        var r = Lbfgs.Minimize(f, x0, new LbfgsOptions { Tolerance = 1e-10, MaxIterations = 5000 });
        Assert.Equal(StopReason.Converged, r.StopReason);
        Assert.True(r.Criterion <= 1e-10);
        Assert.All(r.Solution, v => Assert.Equal(1.0, v, 1e-7));
        Assert.Equal(before, x0);
    }

    [Fact]
    public void LbfgsAndFistaAgreeOnL2Logistic()
    {
        var f = DenseGlm.Random(11, 150, 25, logistic: true, l2: 0.01);
        var q = Lbfgs.Minimize(f, default, new LbfgsOptions { Tolerance = 1e-10 });
        var p = ProximalGradient.Minimize(f, default, new ProximalGradientOptions { Tolerance = 1e-11, MaxIterations = 100_000 });
        Assert.True(q.Converged && p.Converged, $"{q} | {p}");
        Assert.Equal(q.Objective, p.Objective, 1e-12 * Math.Abs(q.Objective) + 1e-14);
        Assert.True(q.Iterations < p.Iterations, $"L-BFGS {q.Iterations} vs FISTA {p.Iterations}");
    }

    [Fact]
    public void OwlQnAndFistaAgreeOnL1LogisticAndReachKkt()
    {
        var f = DenseGlm.Random(12, 200, 40, logistic: true, l1: 0.01);
        var o = OwlQn.Minimize(f, default, new OwlQnOptions { Tolerance = 1e-9, MaxIterations = 10_000 });
        var p = ProximalGradient.Minimize(f, default, new ProximalGradientOptions { Tolerance = 1e-11, MaxIterations = 200_000 });
        Assert.Equal(StopReason.Converged, o.StopReason);
        Assert.True(o.Criterion <= 1e-9);
        Assert.True(f.KktViolation(o.Solution) < 1e-8, $"KKT {f.KktViolation(o.Solution)}");
        Assert.Equal(p.Objective, o.Objective, 1e-9 * Math.Abs(p.Objective));
        // Same support.
        for (int j = 0; j < 40; j++) Assert.Equal(Math.Abs(p.Solution[j]) > 1e-6, Math.Abs(o.Solution[j]) > 1e-6);
    }

    [Fact]
    public void OwlQnMatchesFistaOnTheLasso()
    {
        var f = DenseGlm.Random(13, 100, 50, logistic: false, l1: 0.08);
        var o = OwlQn.Minimize(f, default, new OwlQnOptions { Tolerance = 1e-10, MaxIterations = 10_000 });
        var p = ProximalGradient.Minimize(f, default, new ProximalGradientOptions { Tolerance = 1e-12, MaxIterations = 200_000 });
        Assert.True(o.Converged, $"{o} | {p}");
        Assert.Equal(p.Objective, o.Objective, 1e-10 * Math.Abs(p.Objective));
    }

    [Fact]
    public void AFailedLineSearchIsAResultNotAnException()
    {
        var x0 = new double[] { 1, -2, 3 };
        var l = Lbfgs.Minimize(new WrongGradientSmooth(), x0);
        Assert.Equal(StopReason.LineSearchFailed, l.StopReason);
        Assert.Equal(x0, l.Solution);
        var o = OwlQn.Minimize(new WrongGradient(), x0);
        Assert.Equal(StopReason.LineSearchFailed, o.StopReason);
        Assert.Equal(x0, o.Solution);
    }

    [Fact]
    public void StepsDoNotAllocate()
    {
        var f = DenseGlm.Random(14, 60, 15, logistic: true, l1: 0.001, l2: 0.001);
        var lbfgs = new LbfgsState(f, default, new LbfgsOptions());
        var owl = new OwlQnState(f, default, new OwlQnOptions());
        for (int i = 0; i < 12; i++) { lbfgs.Step(); owl.Step(); }   // fill the histories
        Assert.Equal(0, Allocations.Least(() => { for (int i = 0; i < 10; i++) { lbfgs.Step(); lbfgs.HasConverged(0); owl.Step(); owl.HasConverged(0); } }));
    }

    [Fact]
    public void NonFiniteGradientAtTheStartIsReported()
    {
        var r = Lbfgs.Minimize(new PoisonedQuadratic(1), [5.0, 5.0]);
        Assert.Equal(StopReason.NonFinite, r.StopReason);
        Assert.Equal(1, r.Iterations);
    }

    /// <summary>Issue 14, item 11: <c>Lbfgs.Minimize(lassoObjective)</c> compiled and minimised the squared loss alone (it
    /// reported 0.3226 on a9a, below the lasso optimum 0.3469, with every coefficient non-zero). A composite with a
    /// non-smooth part is now an ArgumentException naming the solvers that handle it; smooth composites still run.</summary>
    [Fact]
    public void LbfgsRefusesACompositeWithANonsmoothPartAndNamesTheSolversThatHandleIt()
    {
        var heart = OptSuite.Data.SvmlightReader.Read(OptSuite.Data.DatasetLocator.Find("binary/heart_scale"));
        var lasso = OptSuite.Objectives.Objective.Lasso(heart.Features, heart.Labels, 0.01, fitIntercept: true);
        var e = Assert.Throws<ArgumentException>(() => Lbfgs.Minimize(lasso));
        Assert.Equal("function", e.ParamName);
        foreach (string solver in new[] { "OWL-QN", "coordinate descent", "FISTA" }) Assert.Contains(solver, e.Message);
        Assert.Throws<ArgumentException>(() => Lbfgs.Minimize(new DenseGlm(new double[,] { { 1, 2 }, { 3, 4 } }, [1, -1], logistic: true, l1: 0.1)));
        var hinge = new OptSuite.Objectives.LinearObjective<OptSuite.Objectives.Losses.HingeLoss, OptSuite.Prox.Regularizers.ZeroRegularizer>(
            heart.Features, heart.Labels, default, default, 0.01, false);
        Assert.Throws<ArgumentException>(() => Lbfgs.Minimize(hinge));
        // OWL-QN, the other quasi-Newton method, gets f + Σλ_j|w_j| through AsL1Composite, which refuses a non-smooth loss.
        var hingeL1 = new OptSuite.Objectives.LinearObjective<OptSuite.Objectives.Losses.HingeLoss, OptSuite.Prox.Regularizers.L1Norm>(
            heart.Features, heart.Labels, default, new OptSuite.Prox.Regularizers.L1Norm(0.01), 0, false);
        Assert.Contains("OWL-QN needs a smooth loss", Assert.Throws<InvalidOperationException>(() => hingeL1.AsL1Composite()).Message);

        // Smooth composites (g ≡ 0) are minimised as they are, exactly as through AsSmooth().
        var ridge = OptSuite.Objectives.Objective.BinaryLogreg(heart.Features, heart.Labels, 0.01, fitIntercept: true);
        var direct = Lbfgs.Minimize(ridge, default, new LbfgsOptions { Tolerance = 1e-10 });
        var view = Lbfgs.Minimize(ridge.AsSmooth(), default, new LbfgsOptions { Tolerance = 1e-10 });
        Assert.True(direct.Converged, direct.ToString());
        Assert.Equal(view.Objective, direct.Objective, 1e-12);
        var noL1 = OptSuite.Objectives.Objective.LogisticRegression(heart.Features, heart.Labels, 0.01, l1Ratio: 0, fitIntercept: true);
        Assert.False(noL1.HasNonsmoothPart);
        Assert.True(lasso.HasNonsmoothPart);
    }

    [Fact]
    public void InvalidOptionsAreListed()
    {
        var e = Assert.Throws<ArgumentException>(() => Lbfgs.Minimize(new Rosenbrock(2), default,
            new LbfgsOptions { HistorySize = 0, SufficientDecrease = 0.5, Curvature = 0.4 }));
        Assert.Contains("HistorySize", e.Message);
        Assert.Contains("Curvature", e.Message);
        var o = Assert.Throws<ArgumentException>(() => OwlQn.Minimize(new WrongGradient(), default, new OwlQnOptions { MaxBacktracks = 0 }));
        Assert.Contains("MaxBacktracks", o.Message);
    }

    private sealed class WrongGradientSmooth : OptSuite.Objectives.IDifferentiableFunction
    {
        private readonly WrongGradient _inner = new();
        public int Dimension => 3;
        public double Value(ReadOnlySpan<double> x) => _inner.Value(x);
        public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g) => _inner.ValueAndGradient(x, g);
    }
}
