using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Models;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Models.Robustness;

/// <summary>
/// Issue 14, item 15: Statlog heart plus a constant 1e150 column. With an unpenalised intercept the column is exactly
/// collinear with it, so the optimum gives it weight 0 and is heart's own; every solver used to stop uncertified at
/// w = 0 (gap 10²⁷¹, chance accuracy, exit 0). The estimators now fit without such columns.
/// </summary>
public class InterceptCollinearColumnTests
{
    private static (CsrMatrix Heart, CsrMatrix WithConstant, double[] Y) Data(double constant, int at)
    {
        var d = SvmlightReader.Read(DatasetLocator.Find("binary/heart_scale"));
        int n = d.Rows, p = d.Columns;
        var rows = new List<int>(); var cols = new List<int>(); var vals = new List<double>();
        var x = d.Features;
        for (int i = 0; i < n; i++)
        {
            for (int k = x.RowPointers[i]; k < x.RowPointers[i + 1]; k++)
            {
                int j = x.ColumnIndices[k];
                rows.Add(i); cols.Add(j < at ? j : j + 1); vals.Add(x.Values[k]);
            }
            rows.Add(i); cols.Add(at); vals.Add(constant);
        }
        return (x, CsrMatrix.FromTriplets(n, p + 1, rows.ToArray(), cols.ToArray(), vals.ToArray()), d.Labels);
    }

    private static double[] Without(double[] w, int at) => w.Where((_, j) => j != at).ToArray();

    [Theory]
    [InlineData(1e150, 13)]
    [InlineData(1e150, 0)]
    [InlineData(-3.5, 6)]
    public void AConstantColumnGetsWeightZeroAndTheRestIsTheFitWithoutIt(double constant, int at)
    {
        var (heart, withConstant, y) = Data(constant, at);
        var reference = new LogisticRegression().Fit(heart, y);
        var model = new LogisticRegression().Fit(withConstant, y);
        Assert.True(model.Report!.Converged, model.Report.ToString());
        Assert.Equal(0.0, model.Coefficients[at]);
        Assert.Equal(reference.Coefficients, Without(model.Coefficients, at));
        Assert.Equal(reference.Intercept, model.Intercept);
        Assert.Equal(reference.Score(heart, y), model.Score(withConstant, y));
        Assert.InRange(model.Score(withConstant, y), 0.8, 1.0);   // not the 0.556 of w = 0

        // Dense storage, a regressor and a multiclass fit take the same route.
        var dense = withConstant.ToDense();
        var ridge = new Ridge { Lambda = 0.1 }.Fit(dense, y);
        var ridgeReference = new Ridge { Lambda = 0.1 }.Fit(heart.ToDense(), y);
        Assert.Equal(0.0, ridge.Coefficients[at]);
        Assert.Equal(ridgeReference.Coefficients, Without(ridge.Coefficients, at), new ToleranceComparer(1e-9));
        var three = y.Select((v, i) => v > 0 ? 1.0 : i % 2 == 0 ? 0.0 : 2.0).ToArray();
        var softmax = new LogisticRegression().Fit(withConstant.ToCsc(), three);
        Assert.True(softmax.Report!.Converged, softmax.Report.ToString());
        for (int c = 0; c < 3; c++) Assert.Equal(0.0, softmax.Coefficients[at * 3 + c]);
    }

    [Fact]
    public void WithoutAnInterceptAConstantColumnIsAnOrdinaryFeature()
    {
        var (_, withConstant, y) = Data(2.0, 13);
        var model = new LogisticRegression { FitIntercept = false }.Fit(withConstant, y);
        Assert.True(model.Report!.Converged);
        Assert.NotEqual(0.0, model.Coefficients[13]);   // it plays the intercept's part
    }

    [Fact]
    public void TheCommandLineFitsHeartWithAConstantColumn()
    {
        string dir = Directory.CreateTempSubdirectory("optsuite-const-").FullName;
        string file = Path.Combine(dir, "heart_const.svm");
        File.WriteAllLines(file, File.ReadAllLines(DatasetLocator.Find("binary/heart_scale"))
            .Where(l => l.Trim().Length > 0).Select(l => l.TrimEnd() + " 14:1e150"));
        var (code, stdout, stderr) = CliProcess.Run("fit", "--model", "logistic", "--data", file, "--json");
        Assert.True(code == 0, stderr);
        Assert.Contains("\"stop_reason\":\"Converged\"", stdout);
        Directory.Delete(dir, true);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance * (1 + Math.Abs(a));
        public int GetHashCode(double v) => 0;
    }
}
