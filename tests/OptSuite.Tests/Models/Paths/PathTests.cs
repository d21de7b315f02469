using OptSuite.Data;
using OptSuite.Models;
using OptSuite.Solvers;
using Xunit.Abstractions;

namespace OptSuite.Tests.Models.Paths;

/// <summary>
/// Regularisation paths: λ_max is exact (w = 0 there, not at 0.99·λ_max, fitted by the estimators themselves), every
/// path point is the optimum an independent cold-start estimator fit finds, the grid is glmnet's, and options and bad
/// input behave. Shipped data only; about two seconds.
/// </summary>
public class PathTests(ITestOutputHelper output)
{
    private static SvmlightDataset Load(string name) => SvmlightReader.Read(DatasetLocator.Find(name));

    private static double[] Weights(int n)
    {
        var w = new double[n];
        for (int i = 0; i < n; i++) w[i] = 0.5 + (i * 7 % 5);   // uneven, deterministic
        return w;
    }

    // The solver's own fit is the judge: at λ_max the null model (w = 0, b = b₀, the path's first point) is optimal,
    // i.e. within the estimator's duality gap of its optimum; at 0.99·λ_max the estimator beats it by more than its gap,
    // so w = 0 is not optimal there. (An iterative fit may leave ~√tol on the one coordinate whose KKT condition is tight
    // at λ_max, so "w = 0" is certified by objectives and gaps, and exactly by the path's first point.)
    private static void ZeroExactlyUpTo(double lambdaMax, PathPoint first, Func<double, FitReport> fit, ITestOutputHelper output)
    {
        Assert.Equal(0, first.NonZeroCoefficients);
        Assert.Equal(lambdaMax, first.Lambda);
        double nullObjective = first.Objective;
        FitReport at = fit(lambdaMax), below = fit(0.99 * lambdaMax);
        output.WriteLine($"λ_max = {lambdaMax:R}: null F = {nullObjective:R}, fit F = {at.Objective:R} (gap {at.DualityGap:E1}); at 0.99 λ_max F = {below.Objective:R} (gap {below.DualityGap:E1})");
        Assert.True(at.Converged && below.Converged);
        Assert.True(nullObjective - at.Objective <= Math.Max(at.DualityGap!.Value, 0) + 1e-14 * nullObjective, "w = 0 is not optimal at λ_max");
        Assert.True(nullObjective - below.Objective > below.DualityGap!.Value + 1e-9 * nullObjective, "w = 0 is still optimal at 0.99·λ_max");
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void LassoAndElasticNetLambdaMaxIsTheSmallestLambdaWithZeroCoefficients(bool intercept, bool weighted)
    {
        var d = Load("regression/prostate_train.svm");
        double[]? c = weighted ? Weights(d.Rows) : null;
        var lasso = new LassoPath { FitIntercept = intercept, PathLength = 3 }.Fit(d.Features, d.Labels, c);
        var enet = new ElasticNetPath { L1Ratio = 0.3, FitIntercept = intercept, PathLength = 3 }.Fit(d.Features, d.Labels, c);
        Assert.Equal(lasso.LambdaMax * 1.0, enet.LambdaMax * 0.3, 1e-12 * lasso.LambdaMax);
        ZeroExactlyUpTo(lasso.LambdaMax, lasso.Points[0],
            l => new Lasso { Lambda = l, FitIntercept = intercept, Tolerance = 1e-10 }.Fit(d.Features, d.Labels, c).Report!, output);
        ZeroExactlyUpTo(enet.LambdaMax, enet.Points[0],
            l => new ElasticNet { Lambda = l, L1Ratio = 0.3, FitIntercept = intercept, Tolerance = 1e-10 }.Fit(d.Features, d.Labels, c).Report!, output);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void LogisticLambdaMaxIsTheSmallestLambdaWithZeroCoefficients(bool intercept, bool weighted)
    {
        var d = Load("binary/heart_scale");
        double[]? c = weighted ? Weights(d.Rows) : null;
        var path = new LogisticPath { FitIntercept = intercept, PathLength = 3 }.Fit(d.Features, d.Labels, c);
        ZeroExactlyUpTo(path.LambdaMax, path.Points[0], l => new LogisticRegression
        {
            Penalty = Penalty.L1, Lambda = l, FitIntercept = intercept, Tolerance = 1e-10,
        }.Fit(d.Features, d.Labels, c).Report!, output);
        if (intercept)
        {
            // The null model's intercept is the logit of the weighted share of the positive class.
            double positive = 0, total = 0;
            for (int i = 0; i < d.Rows; i++) { double ci = c?[i] ?? 1; total += ci; if (d.Labels[i] > 0) positive += ci; }
            Assert.Equal(Math.Log(positive / (total - positive)), path.Points[0].Intercept, 1e-12);
        }
    }

    [Fact]
    public void EveryLassoAndElasticNetPointIsTheColdStartEstimatorOptimum()
    {
        var d = Load("regression/prostate_train.svm");
        var lasso = new LassoPath { PathLength = 25, Tolerance = 1e-11 }.Fit(d.Features, d.Labels);
        var enet = new ElasticNetPath { L1Ratio = 0.5, PathLength = 25, Tolerance = 1e-11 }.Fit(d.Features, d.Labels);
        foreach (var point in lasso.Points)
            Same(point, new Lasso { Lambda = point.Lambda, Tolerance = 1e-11 }.Fit(d.Features, d.Labels).Report!);
        foreach (var point in enet.Points)
            Same(point, new ElasticNet { Lambda = point.Lambda, L1Ratio = 0.5, Tolerance = 1e-11 }.Fit(d.Features, d.Labels).Report!);
        Assert.True(lasso.Points[^1].NonZeroCoefficients == 8 && lasso.Converged && enet.Converged);
    }

    [Fact]
    public void EveryLogisticPointIsTheColdStartEstimatorOptimum()
    {
        var d = Load("binary/heart_scale");
        var path = new LogisticPath { PathLength = 20, Tolerance = 1e-11 }.Fit(d.Features, d.Labels);
        foreach (var point in path.Points)
            Same(point, new LogisticRegression { Penalty = Penalty.L1, Lambda = point.Lambda, Tolerance = 1e-11 }.Fit(d.Features, d.Labels).Report!);
        var enet = new LogisticPath { L1Ratio = 0.5, PathLength = 10, Tolerance = 1e-11 }.Fit(d.Features, d.Labels);
        foreach (var point in enet.Points)
            Same(point, new LogisticRegression { Penalty = Penalty.ElasticNet, L1Ratio = 0.5, Lambda = point.Lambda, Tolerance = 1e-11 }.Fit(d.Features, d.Labels).Report!);
        Assert.Equal(["-1", "1"], path.Classes!.Names);
    }

    private void Same(PathPoint point, FitReport cold)
    {
        double rel = Math.Abs(point.Objective - cold.Objective) / Math.Abs(cold.Objective);
        output.WriteLine($"λ = {point.Lambda:E4}  nnz {point.NonZeroCoefficients,3}  F = {point.Objective:R}  cold {cold.Objective:R}  rel {rel:E1}  it {point.Iterations} vs {cold.Iterations}");
        Assert.True(point.Converged && cold.Converged);
        Assert.True(rel <= 1e-8, $"λ = {point.Lambda}: path {point.Objective:R} vs cold start {cold.Objective:R} ({rel:E2})");
        Assert.True(point.DualityGap <= 1e-11 * Math.Abs(point.Objective) + 1e-15);
    }

    [Fact]
    public void TheGridIsGlmnetsAndExplicitLambdasAreSolvedInDecreasingOrderWithoutEarlyStop()
    {
        var d = Load("regression/prostate_train.svm");   // n = 67 > p = 8: ε = 1e-4
        var path = new LassoPath { StopEarly = false }.Fit(d.Features, d.Labels);
        Assert.Equal(100, path.Points.Count);
        Assert.Equal(1e-4, path.LambdaMinRatio);
        Assert.Equal(path.LambdaMax, path.Points[0].Lambda);
        Assert.Equal(1e-4 * path.LambdaMax, path.Points[^1].Lambda, 1e-12 * path.LambdaMax);
        for (int k = 1; k < 100; k++) Assert.Equal(Math.Pow(1e-4, 1.0 / 99), path.Points[k].Lambda / path.Points[k - 1].Lambda, 1e-12);

        var wide = new LassoPath { PathLength = 5 }.Fit(RandomWide(out double[] y), y);   // n < p: ε = 1e-2
        Assert.Equal(1e-2, wide.LambdaMinRatio);

        var custom = new LassoPath { Lambdas = [0.01, 1, 0.1] }.Fit(d.Features, d.Labels);
        Assert.Equal([1, 0.1, 0.01], custom.Lambdas);
        Assert.Null(custom.LambdaMinRatio);
        Assert.Equal(PathTermination.Completed, custom.Termination);
        Assert.Equal(custom.Points[2].NonZeroCoefficients, custom.Coefficients(2).Count(v => v != 0));
    }

    private static double[,] RandomWide(out double[] y)
    {
        var rng = new Random(3);
        var x = new double[10, 30];
        y = new double[10];
        for (int i = 0; i < 10; i++)
        {
            for (int j = 0; j < 30; j++) x[i, j] = rng.NextDouble() - 0.5;
            y[i] = x[i, 0] - 2 * x[i, 1] + 0.1 * rng.NextDouble();
        }
        return x;
    }

    [Fact]
    public void CallerDataAreNotModifiedAndCancellationEndsThePath()
    {
        var d = Load("binary/heart_scale");
        double[] labels = (double[])d.Labels.Clone();
        double[] weights = Weights(d.Rows), weightsCopy = (double[])weights.Clone();
        double[] values = d.Features.Values.ToArray();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var path = new LogisticPath { CancellationToken = cts.Token }.Fit(d.Features, d.Labels, weights);
        // The first point starts at its optimum (the null model) and converges before any epoch; the next one is cancelled.
        Assert.Equal(PathTermination.Cancelled, path.Termination);
        Assert.Equal(2, path.Points.Count);
        Assert.Equal(StopReason.Cancelled, path.Points[^1].StopReason);
        Assert.Equal(labels, d.Labels);
        Assert.Equal(weightsCopy, weights);
        Assert.Equal(values, d.Features.Values.ToArray());
    }

    [Fact]
    public void BadInputGivesClearExceptionsNamingTheParameter()
    {
        var d = Load("regression/prostate_train.svm");
        Assert.Equal("PathLength", Assert.Throws<ArgumentOutOfRangeException>(() => new LassoPath { PathLength = 0 }.Fit(d.Features, d.Labels)).ParamName);
        Assert.Equal("LambdaMinRatio", Assert.Throws<ArgumentOutOfRangeException>(() => new LassoPath { LambdaMinRatio = 1 }.Fit(d.Features, d.Labels)).ParamName);
        Assert.Equal("Lambdas", Assert.Throws<ArgumentOutOfRangeException>(() => new LassoPath { Lambdas = [1, double.NaN] }.Fit(d.Features, d.Labels)).ParamName);
        Assert.Equal("L1Ratio", Assert.Throws<ArgumentOutOfRangeException>(() => new ElasticNetPath { L1Ratio = 1.5 }.Fit(d.Features, d.Labels)).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => new LassoPath().Fit(d.Features, new double[3])).ParamName);
        double[] nan = (double[])d.Labels.Clone();
        nan[5] = double.NaN;
        Assert.Contains("labels[5]", Assert.Throws<ArgumentException>(() => new LassoPath().Fit(d.Features, nan)).Message);
        Assert.Contains("λ_max is 0", Assert.Throws<ArgumentException>(() => new LassoPath().Fit(d.Features, Enumerable.Repeat(2.0, d.Rows).ToArray())).Message);
        var iris = Load("multiclass/iris.svm");
        Assert.Contains("3 classes", Assert.Throws<ArgumentException>(() => new LogisticPath().Fit(iris.Features, iris.Labels)).Message);
        Assert.Throws<UnsupportedSolverException>(() => new LassoPath { Solver = SolverKind.Lbfgs }.Fit(d.Features, d.Labels));
    }
}
