using System.Globalization;
using System.Text.Json;
using OptSuite.Data;
using OptSuite.Models;
using OptSuite.Solvers;

namespace OptSuite.Tests.Models;

/// <summary>
/// The multi-task lasso estimator against scikit-learn's MultiTaskLasso / MultiTaskElasticNet optima on linnerud
/// (datasets/reference/multitask_lasso.json, made by make_block_references.py) with Auto and block CD; raw linnerud is
/// badly conditioned for FISTA (κ ≈ 1e6), whose agreement is checked on the same optima by BlockReferenceTests.
/// </summary>
public class MultiTaskLassoTests
{
    private static string Root => DatasetLocator.RepositoryRoot()!;

    private static double[,] Read(string name)
    {
        var rows = File.ReadAllLines(Path.Combine(Root, "datasets", "regression", "linnerud", name)).Skip(1)
            .Where(l => l.Trim().Length > 0)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
        var a = new double[rows.Length, rows[0].Length];
        for (int i = 0; i < rows.Length; i++) for (int j = 0; j < rows[i].Length; j++) a[i, j] = rows[i][j];
        return a;
    }

    public static TheoryData<int, SolverKind> Cases()
    {
        var data = new TheoryData<int, SolverKind>();
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "datasets", "reference", "multitask_lasso.json")));
        int index = 0;
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            if (e.GetProperty("name").GetString() == "linnerud")
                foreach (var s in new[] { SolverKind.Auto, SolverKind.CoordinateDescent })
                    data.Add(index, s);
            index++;
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesScikitLearnOnLinnerud(int index, SolverKind solver)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "datasets", "reference", "multitask_lasso.json")));
        var c = doc.RootElement[index];
        var x = Read("linnerud_exercise.csv");
        var y = Read("linnerud_physiological.csv");
        var model = new MultiTaskLasso
        {
            Lambda = c.GetProperty("alpha").GetDouble(),
            L1Ratio = c.GetProperty("l1_ratio").GetDouble(),
            FitIntercept = c.GetProperty("fit_intercept").GetBoolean(),
            Solver = solver,
            Tolerance = 1e-12,
            MaxIterations = 1_000_000,
        }.Fit(x, y);
        double reference = c.GetProperty("objective").GetDouble();
        var report = model.Report!;
        Assert.Equal(StopReason.Converged, report.StopReason);
        Assert.True(Math.Abs(report.Objective - reference) <= 1e-8 * reference, $"{solver}: {report.Objective:R} vs {reference:R}");
        Assert.NotNull(report.DualityGap);
        Assert.InRange(report.DualityGap!.Value, -1e-12 * reference, 1e-9 * reference);
        // The coefficients are unique (strictly convex in Xw and the L2,1 part picks the rows): compare them too.
        var coef = c.GetProperty("coef").EnumerateArray().Select(v => v.GetDouble()).ToArray();   // W, p×k row-major (coef_.T)
        int p = x.GetLength(1), k = y.GetLength(1);
        for (int t = 0; t < k; t++)
            for (int j = 0; j < p; j++)
                Assert.Equal(coef[j * k + t], model.Coefficients[j * k + t], 1e-5 * (1 + Math.Abs(coef[j * k + t])));
    }

    [Fact]
    public void RowsAreSharedZerosPredictionsHaveTheTaskShapeAndSaveLoadRoundTrips()
    {
        var x = Read("linnerud_exercise.csv");
        var y = Read("linnerud_physiological.csv");
        var model = new MultiTaskLasso { Lambda = 20 }.Fit(x, y);
        int p = x.GetLength(1), k = y.GetLength(1);
        for (int j = 0; j < p; j++)
        {
            int zeros = Enumerable.Range(0, k).Count(t => model.Coefficients[j * k + t] == 0);
            Assert.True(zeros == 0 || zeros == k, $"row {j} is partly zero");
        }
        var pred = model.Predict(x);
        Assert.Equal(new[] { x.GetLength(0), k }, new[] { pred.GetLength(0), pred.GetLength(1) });
        Assert.True(model.Score(x, y) is > -1 and <= 1);

        string path = Path.Combine(Path.GetTempPath(), $"mtl-{Guid.NewGuid():N}.json");
        try
        {
            model.Save(path);
            var loaded = LinearEstimator.Load<MultiTaskLasso>(path);
            Assert.Equal(model.Coefficients, loaded.Coefficients);
            Assert.Equal(pred, loaded.Predict(x));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void BadInputNamesTheParameter()
    {
        var x = new double[,] { { 1, 2 }, { 3, 4 }, { 5, 7 } };
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => new MultiTaskLasso().Fit(x, new double[2, 2])).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => new MultiTaskLasso().Fit(x, new double[,] { { 1 }, { double.NaN }, { 2 } })).ParamName);
        Assert.Equal("L1Ratio", Assert.Throws<ArgumentOutOfRangeException>(() => new MultiTaskLasso { L1Ratio = 2 }.Fit(x, new double[3, 1])).ParamName);
        var e = Assert.Throws<UnsupportedSolverException>(() => new MultiTaskLasso { Solver = SolverKind.Lbfgs }.Fit(x, new double[3, 1]));
        Assert.Contains(SolverKind.CoordinateDescent, e.Supported);
    }
}
