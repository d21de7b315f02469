using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Objectives.Multiclass;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;
using OptSuite.Tests.Support;
using Xunit.Abstractions;

namespace OptSuite.Tests.Solvers;

/// <summary>
/// Issue 15: L-BFGS and OWL-QN stop when the duality gap certifies the tolerance wherever the function has a gap (the
/// views of the linear objectives), rather than on their (pseudo-)gradient norm, which on badly scaled data is met far
/// from the optimum; the Models layer used to restart them until the gap agreed. Functions without a gap still stop on
/// the gradient criterion.
/// </summary>
public class QuasiNewtonCertificateTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-6;

    /// <summary>200 × 20 logistic data, every third column multiplied by <paramref name="scale"/>.</summary>
    private static (DenseMatrix X, double[] Y) BadlyScaled(int seed, double scale)
    {
        var rng = new Random(seed);
        int n = 200, p = 20;
        var a = new double[n, p];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < p; j++) a[i, j] = rng.NextDouble() < 0.6 ? rng.NextDouble() * 2 - 1 : 0;
            double z = a[i, 0] - 1.5 * a[i, 2] + 0.5 * a[i, p - 1];
            y[i] = z + 0.4 * (rng.NextDouble() - 0.5) > 0.1 ? 1 : -1;
            for (int j = 0; j < p; j++) a[i, j] *= j % 3 == 0 ? scale : 1;
        }
        return (DenseMatrix.FromArray(a), y);
    }

    private static double RelativeGap(ICompositeFunction f, SolverResult r) =>
        f.DualityGap(r.Solution) / Math.Abs(f.Value(r.Solution) + f.NonsmoothValue(r.Solution));

    [Fact]
    public void LbfgsContinuesPastItsGradientCriterionUntilTheGapCertifies()
    {
        var (x, y) = BadlyScaled(1, 1e4);
        var f = new LinearObjective<LogisticLoss, ZeroRegularizer>(x, y, default, default, 1e-3, false);
        var gradient = Lbfgs.Minimize(f.AsSmooth(), default, new LbfgsOptions { Tolerance = Tolerance, MaxIterations = 10_000, Criterion = QuasiNewtonCriterion.Gradient });
        var certified = Lbfgs.Minimize(f.AsSmooth(), default, new LbfgsOptions { Tolerance = Tolerance, MaxIterations = 10_000 });
        output.WriteLine($"gradient: {gradient}; relative gap {RelativeGap(f, gradient):E2}\nauto:     {certified}; relative gap {RelativeGap(f, certified):E2}");

        // The premise: ‖∇F‖∞ ≤ 10⁻⁶·‖∇F(0)‖∞ is met while the gap is three orders of magnitude above the tolerance.
        Assert.Equal(StopReason.Converged, gradient.StopReason);
        Assert.True(gradient.Criterion <= Tolerance);
        Assert.True(RelativeGap(f, gradient) > 1e3 * Tolerance, $"the gradient criterion was expected to stop uncertified ({gradient})");

        // By default the run goes on until the gap certifies, and says so.
        Assert.Equal(StopReason.Converged, certified.StopReason);
        Assert.True(certified.Iterations > gradient.Iterations, certified.ToString());
        Assert.True(RelativeGap(f, certified) <= Tolerance, certified.ToString());
        Assert.Equal(RelativeGap(f, certified), certified.Criterion, 1e-12);
        Assert.Equal(f.DualityGap(certified.Solution), certified.DualityGap);
        Assert.True(certified.Objective < gradient.Objective);

        // Criterion = DualityGap asks for the same thing.
        var explicitGap = Lbfgs.Minimize(f.AsSmooth(), default, new LbfgsOptions { Tolerance = Tolerance, MaxIterations = 10_000, Criterion = QuasiNewtonCriterion.DualityGap });
        Assert.Equal(certified.Solution, explicitGap.Solution);
        Assert.Equal(certified.Iterations, explicitGap.Iterations);
    }

    [Fact]
    public void OwlQnContinuesPastItsPseudoGradientCriterionUntilTheGapCertifies()
    {
        var (x, y) = BadlyScaled(1, 1e4);
        var f = new LinearObjective<LogisticLoss, L1Norm>(x, y, default, new L1Norm(1e-3), 0, false);
        var gradient = OwlQn.Minimize(f.AsL1Composite(), default, new OwlQnOptions { Tolerance = Tolerance, Criterion = QuasiNewtonCriterion.Gradient });
        var certified = OwlQn.Minimize(f.AsL1Composite(), default, new OwlQnOptions { Tolerance = Tolerance });
        output.WriteLine($"gradient: {gradient}; relative gap {RelativeGap(f, gradient):E2}\nauto:     {certified}; relative gap {RelativeGap(f, certified):E2}");

        Assert.Equal(StopReason.Converged, gradient.StopReason);
        Assert.True(RelativeGap(f, gradient) > 1e3 * Tolerance, $"the pseudo-gradient criterion was expected to stop uncertified ({gradient})");

        Assert.Equal(StopReason.Converged, certified.StopReason);
        Assert.True(certified.Iterations > gradient.Iterations, certified.ToString());
        Assert.True(RelativeGap(f, certified) <= Tolerance, certified.ToString());
        Assert.Equal(RelativeGap(f, certified), certified.Criterion, 1e-12);
        Assert.Equal(f.DualityGap(certified.Solution), certified.DualityGap);
    }

    /// <summary>Without a gap (a function that is no <see cref="IDualityGapProvider"/>, or one whose HasDualityGap is
    /// false), Auto is the gradient criterion: the same run, bit for bit; asking for the gap is an error.</summary>
    [Fact]
    public void AFunctionWithoutAGapStopsOnTheGradientCriterion()
    {
        var rosenbrock = new Rosenbrock(6);
        double[] x0 = [-1.2, 1, -1.2, 1, -1.2, 1];
        var auto = Lbfgs.Minimize(rosenbrock, x0, new LbfgsOptions { Tolerance = 1e-8 });
        var gradient = Lbfgs.Minimize(rosenbrock, x0, new LbfgsOptions { Tolerance = 1e-8, Criterion = QuasiNewtonCriterion.Gradient });
        Assert.Equal(StopReason.Converged, auto.StopReason);
        Assert.Equal(gradient.Solution, auto.Solution);
        Assert.Equal(gradient.Iterations, auto.Iterations);
        Assert.Null(auto.DualityGap);
        var g = new double[6];
        var g0 = new double[6];
        rosenbrock.ValueAndGradient(auto.Solution, g);
        rosenbrock.ValueAndGradient(x0, g0);
        Assert.Equal(g.Max(Math.Abs) / Math.Max(1, g0.Max(Math.Abs)), auto.Criterion, 1e-15);
        Assert.True(auto.Criterion <= 1e-8);

        var glm = DenseGlm.Random(21, 120, 15, logistic: true, l1: 0.01);   // HasDualityGap is false
        var owlAuto = OwlQn.Minimize(glm, default, new OwlQnOptions { Tolerance = 1e-8 });
        var owlGradient = OwlQn.Minimize(glm, default, new OwlQnOptions { Tolerance = 1e-8, Criterion = QuasiNewtonCriterion.Gradient });
        Assert.Equal(StopReason.Converged, owlAuto.StopReason);
        Assert.Equal(owlGradient.Solution, owlAuto.Solution);
        Assert.Equal(owlGradient.Iterations, owlAuto.Iterations);
        Assert.Equal(owlGradient.Counts, owlAuto.Counts);
        Assert.True(glm.KktViolation(owlAuto.Solution) < 1e-7);

        var e = Assert.Throws<ArgumentException>(() => Lbfgs.Minimize(rosenbrock, x0, new LbfgsOptions { Criterion = QuasiNewtonCriterion.DualityGap }));
        Assert.Equal("options", e.ParamName);
        Assert.Contains("DualityGap", e.Message);
        Assert.Contains(nameof(Rosenbrock), e.Message);
        Assert.Throws<ArgumentException>(() => OwlQn.Minimize(glm, default, new OwlQnOptions { Criterion = QuasiNewtonCriterion.DualityGap }));
        Assert.Contains("Criterion", Assert.Throws<ArgumentException>(() => OwlQn.Minimize(glm, default, new OwlQnOptions { Criterion = (QuasiNewtonCriterion)7 })).Message);
    }

    /// <summary>An unregularised objective has a gap that is +∞ away from the exact optimum (no feasible dual point): that
    /// is no certificate, so the gradient criterion decides and the run is the gradient criterion's.</summary>
    [Fact]
    public void AnInfiniteGapLeavesTheDecisionToTheGradientCriterion()
    {
        var (x, y) = BadlyScaled(2, 1);
        for (int i = 0; i < y.Length; i += 7) y[i] = -y[i];   // not separable: the unregularised optimum exists
        var f = Objective.BinaryLogreg(x, y, 0, fitIntercept: true);
        Assert.Equal(double.PositiveInfinity, f.DualityGap(new double[f.Dimension]));
        var auto = Lbfgs.Minimize(f.AsSmooth(), default, new LbfgsOptions { Tolerance = 1e-8 });
        var gradient = Lbfgs.Minimize(f.AsSmooth(), default, new LbfgsOptions { Tolerance = 1e-8, Criterion = QuasiNewtonCriterion.Gradient });
        output.WriteLine($"auto: {auto}\ngradient: {gradient}");
        Assert.Equal(StopReason.Converged, auto.StopReason);
        Assert.Equal(gradient.Solution, auto.Solution);
        Assert.Equal(gradient.Iterations, auto.Iterations);
        Assert.Equal(gradient.Criterion, auto.Criterion);
    }

    /// <summary>The gap costs about one value-and-gradient pass, so the gradient criterion is its pre-check: the gap is
    /// evaluated when that criterion passes its gate (the tolerance, then a tenth of the gradient norm at each failed
    /// check) and at the iteration cap, where the gap alone decides — a run never ends MaxIterations with a certifying
    /// gap, nor Converged without one.</summary>
    [Fact]
    public void GapEvaluationsAreRationedAndTheCapIsChecked()
    {
        var (x, y) = BadlyScaled(1, 1e4);
        var f = new LinearObjective<LogisticLoss, ZeroRegularizer>(x, y, default, default, 1e-3, false);
        var counted = new CountingGap(f.AsSmooth());
        var r = Lbfgs.Minimize(counted, default, new LbfgsOptions { Tolerance = Tolerance, MaxIterations = 10_000 });
        output.WriteLine($"{r}: {counted.Gaps} gap evaluations");
        Assert.Equal(StopReason.Converged, r.StopReason);
        // At most one check per tenfold decrease of the gradient norm below the tolerance (≤ 17 in double precision)
        // plus the cap; the result reuses the last check's gap.
        Assert.InRange(counted.Gaps, 1, 18);
        Assert.Equal(counted.Gaps, r.Counts.Functions - r.Counts.Gradients);

        bool cappedConverged = false;
        for (int cap = 100; cap < r.Iterations; cap += 100)
        {
            var c = Lbfgs.Minimize(f.AsSmooth(), default, new LbfgsOptions { Tolerance = Tolerance, MaxIterations = cap });
            bool certifies = RelativeGap(f, c) <= Tolerance;
            Assert.True(c.Converged == certifies, $"cap {cap}: {c}, relative gap {RelativeGap(f, c):E2}");
            cappedConverged |= c.Converged && c.Iterations == cap;
        }
        output.WriteLine($"a capped run certified at its cap: {cappedConverged}");
    }

    /// <summary>Every quasi-Newton view of the linear objectives exposes its owner's gap at the full point (w, then b), and
    /// L-BFGS / OWL-QN on them stop with that gap certifying the tolerance and report it.</summary>
    [Fact]
    public void TheViewsExposeTheirObjectivesGapAndRunsCertifyIt()
    {
        var rng = new Random(5);
        var (x, y) = BadlyScaled(4, 1);
        int[] classes = y.Select((v, i) => v > 0 ? (i % 2 == 0 ? 2 : 1) : 0).ToArray();
        double[] targets = new double[y.Length * 2];
        for (int i = 0; i < y.Length; i++) { targets[2 * i] = y[i] + 0.1 * rng.NextDouble(); targets[2 * i + 1] = -y[i]; }

        var binary = new LinearObjective<LogisticLoss, ZeroRegularizer>(x, y, default, default, 1e-2, true);
        var binaryL1 = new LinearObjective<LogisticLoss, L1Norm>(x, y, default, new L1Norm(1e-2), 1e-3, true);
        var multi = new MulticlassLinearObjective<MultinomialLogisticLoss, ZeroRegularizer>(x, classes, 3, default, default, 1e-2, true);
        var multiL1 = new MulticlassLinearObjective<MultinomialLogisticLoss, L1Norm>(x, classes, 3, default, new L1Norm(1e-2), 0, true);
        var tasks = new MultiTaskLinearObjective<ZeroRegularizer>(x, targets, 2, default, 1e-2, true);

        var cases = new (string Name, ICompositeFunction Owner, object View)[]
        {
            ("binary AsSmooth", binary, binary.AsSmooth()),
            ("binary AsL1Composite", binaryL1, binaryL1.AsL1Composite()),
            ("multiclass AsSmooth", multi, multi.AsSmooth()),
            ("multiclass AsL1Composite", multiL1, multiL1.AsL1Composite()),
            ("multi-task AsSmooth", tasks, tasks.AsSmooth()),
        };
        foreach (var (name, owner, view) in cases)
        {
            var provider = Assert.IsAssignableFrom<IDualityGapProvider>(view);
            Assert.True(provider.HasDualityGap, name);
            double[] point = RandomMatrices.Vector(rng, owner.Dimension);
            Assert.Equal(owner.DualityGap(point), provider.DualityGap(point));

            var r = view is IL1CompositeFunction l1
                ? OwlQn.Minimize(l1, default, new OwlQnOptions { Tolerance = Tolerance, MaxIterations = 20_000 })
                : Lbfgs.Minimize((IDifferentiableFunction)view, default, new LbfgsOptions { Tolerance = Tolerance, MaxIterations = 20_000 });
            output.WriteLine($"{name}: {r}");
            Assert.Equal(StopReason.Converged, r.StopReason);
            Assert.Equal(owner.DualityGap(r.Solution), r.DualityGap);
            Assert.True(RelativeGap(owner, r) <= Tolerance, $"{name}: {r}");
            Assert.True(r.Criterion <= Tolerance, $"{name}: {r}");
        }
    }

    /// <summary>A view that counts the gap evaluations of the function it wraps.</summary>
    private sealed class CountingGap(IDifferentiableFunction inner) : IDifferentiableFunction, IDualityGapProvider
    {
        public int Gaps { get; private set; }
        public int Dimension => inner.Dimension;
        public double Value(ReadOnlySpan<double> x) => inner.Value(x);
        public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient) => inner.ValueAndGradient(x, gradient);
        public bool HasDualityGap => true;
        public double DualityGap(ReadOnlySpan<double> x) { Gaps++; return ((IDualityGapProvider)inner).DualityGap(x); }
    }
}
