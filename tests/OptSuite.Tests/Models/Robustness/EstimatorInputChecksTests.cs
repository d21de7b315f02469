using OptSuite.Tests.Support;
using OptSuite.Models;
using Xunit.Abstractions;

namespace OptSuite.Tests.Models.Robustness;

/// <summary>
/// The common checks of issue "robustness", for every estimator configuration and every solver it accepts: bad input
/// (non-finite values, empty data, mismatched lengths, bad weights, bad options, labels outside the convention) is an
/// <see cref="ArgumentException"/> naming the parameter; degenerate but valid input (one row, zero and constant columns,
/// duplicated rows, subnormal values) gives the right fit; nothing crashes, hangs or returns a NaN objective.
/// </summary>
public class EstimatorInputChecksTests(ITestOutputHelper output)
{
    public static TheoryData<string> Cases => ModelCatalog.Names();

    private static void ThrowsNaming(string parameter, Action fit, string what)
    {
        var e = Record.Exception(fit);
        if (e is not ArgumentException a)
            throw new Xunit.Sdk.XunitException($"{what}: expected an ArgumentException naming '{parameter}', got {(e is null ? "a fit" : e.GetType().Name + ": " + e.Message)}");
        Assert.True(a.ParamName == parameter, $"{what}: the exception names '{a.ParamName}', not '{parameter}': {a.Message}");
    }

    /// <summary>A fit that must be sound: finite objective, coefficients and intercepts, and a documented stop reason.</summary>
    private static void Sound(LinearEstimator m, string what)
    {
        var r = m.Report!;
        Assert.True(double.IsFinite(r.Objective), $"{what}: objective {r.Objective} ({r})");
        Assert.True(m.Coefficients.All(double.IsFinite) && m.Intercepts.All(double.IsFinite), $"{what}: non-finite coefficients ({r})");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void NonFiniteValuesAreRejectedNamingTheParameter(string name)
    {
        var c = ModelCatalog.Get(name);
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            var x = ModelCatalog.X;
            x[7, 3] = bad;
            ThrowsNaming("x", () => ModelCatalog.Fit(c.Build(), x, ModelCatalog.Y(c)), $"{c}: X contains {bad}");
            var y = ModelCatalog.Y(c);
            y[5] = bad;
            ThrowsNaming("y", () => ModelCatalog.Fit(c.Build(), ModelCatalog.X, y), $"{c}: y contains {bad}");
            var w = Enumerable.Repeat(1.0, y.Length).ToArray();
            w[2] = bad;
            ThrowsNaming("sampleWeight", () => ModelCatalog.Fit(c.Build(), ModelCatalog.X, ModelCatalog.Y(c), w), $"{c}: a weight is {bad}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadShapesAndWeightsAreRejectedNamingTheParameter(string name)
    {
        var c = ModelCatalog.Get(name);
        double[] y = ModelCatalog.Y(c);
        ThrowsNaming("x", () => ModelCatalog.Fit(c.Build(), new double[0, 13], []), $"{c}: no rows");
        ThrowsNaming("y", () => ModelCatalog.Fit(c.Build(), ModelCatalog.X, y[..^1]), $"{c}: one label short");
        ThrowsNaming("sampleWeight", () => ModelCatalog.Fit(c.Build(), ModelCatalog.X, y, new double[y.Length + 1]), $"{c}: one weight too many");
        var negative = Enumerable.Repeat(1.0, y.Length).ToArray();
        negative[9] = -0.5;
        ThrowsNaming("sampleWeight", () => ModelCatalog.Fit(c.Build(), ModelCatalog.X, y, negative), $"{c}: a negative weight");
        ThrowsNaming("sampleWeight", () => ModelCatalog.Fit(c.Build(), ModelCatalog.X, y, new double[y.Length]), $"{c}: all weights zero");
        if (c.IsClassifier)
        {
            ThrowsNaming("y", () => ModelCatalog.Fit(c.Build(), ModelCatalog.X, Enumerable.Repeat(1.0, y.Length).ToArray()), $"{c}: a single class");
            var objects = Enumerable.Range(0, y.Length).Select(i => (object)DateTime.UnixEpoch.AddDays(y[i])).ToArray();
            ThrowsNaming("y", () => ((LinearClassifier)c.Build()).Fit(ModelCatalog.X, objects), $"{c}: labels that are neither numbers nor text");
        }
        if (c.Create() is PoissonRegressor)
        {
            y[4] = -1;
            ThrowsNaming("y", () => ModelCatalog.Fit(c.Build(), ModelCatalog.X, y), $"{c}: a negative count");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadOptionsAreRejectedNamingTheOption(string name)
    {
        var c = ModelCatalog.Get(name);
        double[] y = ModelCatalog.Y(c);
        void Option(string parameter, Action<LinearEstimator> set)
        {
            var m = c.Build();
            set(m);
            ThrowsNaming(parameter, () => ModelCatalog.Fit(m, ModelCatalog.X, y), $"{c}: bad {parameter}");
        }
        Option("Lambda", m => { m.Lambda = -1e-3; m.C = null; });
        Option("Lambda", m => { m.Lambda = double.NaN; m.C = null; });
        Option("Lambda", m => { m.Lambda = double.PositiveInfinity; m.C = null; });
        Option("C", m => { m.Lambda = null; m.C = 0; });
        Option("C", m => { m.Lambda = null; m.C = -1; });
        Option("Tolerance", m => m.Tolerance = -1);
        Option("Tolerance", m => m.Tolerance = double.NaN);
        Option("MaxIterations", m => m.MaxIterations = -1);
        Option("Threads", m => m.Threads = 0);
        switch (c.Create())
        {
            case HuberRegressor: Option("Delta", m => ((HuberRegressor)m).Delta = 0); break;
            case GroupLasso:
                Option("GroupSize", m => ((GroupLasso)m).GroupSize = 0);
                Option("GroupSizes", m => ((GroupLasso)m).GroupSizes = [13, 1]);
                Option("GroupSizes", m => ((GroupLasso)m).GroupSizes = [14, -1]);
                break;
            case ElasticNet: Option("L1Ratio", m => ((ElasticNet)m).L1Ratio = 1.5); break;
            case LogisticRegression: Option("L1Ratio", m => { var l = (LogisticRegression)m; l.Penalty = Penalty.ElasticNet; l.L1Ratio = -0.1; }); break;
            case QuantileRegressor:
                Option("Quantile", m => ((QuantileRegressor)m).Quantile = 0);
                Option("Quantile", m => ((QuantileRegressor)m).Quantile = 1);
                Option("Quantile", m => ((QuantileRegressor)m).Quantile = double.NaN);
                Option("L1Ratio", m => { var q = (QuantileRegressor)m; q.Penalty = Penalty.ElasticNet; q.L1Ratio = 2; });
                break;
            case PoissonRegressor: Option("L1Ratio", m => { var l = (PoissonRegressor)m; l.Penalty = Penalty.ElasticNet; l.L1Ratio = 1.1; }); break;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DegenerateButValidDataGiveSoundFits(string name)
    {
        var c = ModelCatalog.Get(name);
        double[] y = ModelCatalog.Y(c);
        var x = ModelCatalog.X;
        int n = y.Length;

        // One row: a regressor fits it (an exact fit, or the penalised compromise); a classifier sees one class.
        double[,] one = new double[1, 13];
        for (int j = 0; j < 13; j++) one[0, j] = x[0, j];
        if (c.IsClassifier) ThrowsNaming("y", () => ModelCatalog.Fit(c.Build(), one, y[..1]), $"{c}: one row");
        else Sound(ModelCatalog.Fit(c.Build(), one, y[..1]), $"{c}: one row");

        // No features: only the intercept (or nothing) is fitted.
        var none = ModelCatalog.Fit(c.Build(), new double[n, 0], y);
        Sound(none, $"{c}: no columns");
        Assert.Empty(none.Coefficients);

        // Subnormal values: a fit as sound as any other.
        var tiny = ModelCatalog.X;
        for (int i = 0; i < n; i++) tiny[i, 2] = 1e-310 * (i % 3);
        Sound(ModelCatalog.Fit(c.Build(), tiny, y), $"{c}: subnormal column");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ZeroAndConstantColumnsAndDuplicatedRowsDoNotChangeTheOptimum(string name)
    {
        var c = ModelCatalog.Get(name);
        double[] y = ModelCatalog.Y(c);
        var x = ModelCatalog.X;
        int n = y.Length, p = 13;
        LinearEstimator Tight() { var m = c.Build(); m.Tolerance = 1e-10; return m; }
        var baseFit = ModelCatalog.Fit(Tight(), x, y);
        Sound(baseFit, $"{c}: base");
        double f0 = baseFit.Report!.Objective;
        output.WriteLine($"{c}: {baseFit.Report}");
        bool converged = baseFit.Report.Converged;

        // Every row twice: the mean loss, and so the problem, is unchanged.
        var twice = new double[2 * n, p];
        for (int i = 0; i < 2 * n; i++) for (int j = 0; j < p; j++) twice[i, j] = x[i % n, j];
        var dup = ModelCatalog.Fit(Tight(), twice, [.. y, .. y]);
        Sound(dup, $"{c}: duplicated rows");
        if (converged && dup.Report!.Converged)
            Assert.True(Math.Abs(dup.Report.Objective - f0) <= 1e-7 * Math.Max(1, Math.Abs(f0)), $"{c}: duplicated rows moved the optimum {f0:R} → {dup.Report.Objective:R}");

        // An all-zero column (and, with an intercept, a constant one) adds nothing: its coefficient is 0 and F* is unchanged.
        // (Not for the group lasso: the new column would join the last group and change its weight √|g|.)
        if (c.Create() is GroupLasso) return;
        // A penalised bias (InterceptScaling) shares its penalty with a constant column, so only a zero column is neutral there.
        bool intercept = baseFit.FitIntercept && baseFit is not (LinearSvm { InterceptScaling: not null } or MulticlassSvm { InterceptScaling: not null });
        var wider = new double[n, p + 1];
        for (int i = 0; i < n; i++) { for (int j = 0; j < p; j++) wider[i, j] = x[i, j]; wider[i, p] = intercept ? 3.0 : 0.0; }
        var extra = ModelCatalog.Fit(Tight(), wider, y);
        Sound(extra, $"{c}: extra column");
        int m = extra.OutputCount;
        double scale = Math.Max(1e-3, extra.Coefficients.Max(Math.Abs));
        for (int k = 0; k < m; k++)
            // Along the constant column the loss is flat (the intercept absorbs it), so only the penalty's curvature μ pins
            // it: a gap ε leaves |w| ≤ √(2ε/μ), about 1e-4 for ε = 1e-11, μ = 0.005.
            Assert.True(Math.Abs(extra.Coefficients[p * m + k]) <= 1e-3 * scale,
                $"{c}: the {(intercept ? "constant" : "zero")} column got coefficient {extra.Coefficients[p * m + k]:R} ({extra.Report})");
        if (converged && extra.Report!.Converged)
            Assert.True(Math.Abs(extra.Report.Objective - f0) <= 1e-6 * Math.Max(1, Math.Abs(f0)), $"{c}: an extra column moved the optimum {f0:R} → {extra.Report.Objective:R}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void HugeValuesGiveAClearErrorOrASoundFit(string name)
    {
        var c = ModelCatalog.Get(name);
        foreach (double big in new[] { 1e154, 1e308, -1.7976931348623157e308 })
        {
            var x = ModelCatalog.X;
            for (int i = 0; i < 10; i++) x[i, 4] = big;
            var m = c.Build();
            var e = Record.Exception(() => ModelCatalog.Fit(m, x, ModelCatalog.Y(c)));
            if (e is null) Sound(m, $"{c}: X holds {big}");
            else Assert.True(e is ArgumentException { ParamName: "x" }, $"{c}: X holds {big}: {e.GetType().Name} {e.Message}");
            if (c.IsClassifier) continue;
            var y = ModelCatalog.Y(c);
            y[3] = c.Create() is PoissonRegressor ? Math.Abs(big) : big;
            m = c.Build();
            e = Record.Exception(() => ModelCatalog.Fit(m, ModelCatalog.X, y));
            if (e is null) Sound(m, $"{c}: y holds {big}");
            else Assert.True(e is ArgumentException { ParamName: "y" }, $"{c}: y holds {big}: {e.GetType().Name} {e.Message}");
        }
    }
}
