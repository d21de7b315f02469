using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Models;

namespace OptSuite.Tests.Models;

/// <summary>
/// Memory in proportion to the input: features that never occur (an svmlight file whose largest index is far beyond
/// its entries) cost one coefficient each, not the solver's many p-length buffers, and the fit is the fit on the
/// occurring features with zeros elsewhere.
/// </summary>
public class EmptyColumnsTests
{
    private const string Wide = "1 1:0.5 2000000:1\n-1 2:1 3:0.25\n1 1:1 5:2\n-1 4:1 2000000:0.5\n1 2:0.3 5:1\n-1 3:1 4:0.2\n";

    private static (SvmlightDataset Wide, SvmlightDataset Narrow, int[] Kept) Data()
    {
        var wide = SvmlightReader.Read(System.Text.Encoding.ASCII.GetBytes(Wide), "wide.svm");
        int[] kept = [0, 1, 2, 3, 4, 1_999_999];
        var narrow = SvmlightReader.Read(System.Text.Encoding.ASCII.GetBytes(Wide.Replace("2000000:", "6:")), "narrow.svm");
        return (wide, narrow, kept);
    }

    public static TheoryData<string> Models() => ["logistic", "logistic-l1", "multinomial", "svm", "lasso", "ridge", "huber"];

    private static LinearEstimator Fit(string model, SvmlightDataset d)
    {
        double[] y = model is "lasso" or "ridge" or "huber" ? d.Labels.Select((v, i) => v + 0.1 * i).ToArray() : d.Labels;
        return model switch
        {
            "logistic" => new LogisticRegression().Fit(d.Features, y),
            "logistic-l1" => new LogisticRegression { Penalty = Penalty.L1, Lambda = 0.01 }.Fit(d.Features, y),
            "multinomial" => new LogisticRegression { Multinomial = true }.Fit(d.Features, y.Select((v, i) => i % 3).ToArray()),
            "svm" => new LinearSvm().Fit(d.Features, y),
            "lasso" => new Lasso { Lambda = 0.01 }.Fit(d.Features, y),
            "ridge" => new Ridge().Fit(d.Features, y),
            _ => new HuberRegressor().Fit(d.Features, y),
        };
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void AFitWithEmptyColumnsIsTheFitOnTheOccurringOnesWithZerosElsewhere(string model)
    {
        var (wide, narrow, kept) = Data();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var w = Fit(model, wide);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var n = Fit(model, narrow);
        int m = n.OutputCount;
        Assert.Equal(2_000_000, w.FeatureCount);
        double[] cw = w.Coefficients, cn = n.Coefficients;
        for (int k = 0; k < kept.Length; k++)
            for (int c = 0; c < m; c++)
                Assert.Equal(cn[k * m + c], cw[kept[k] * m + c]);
        Assert.Equal(cn.Count(v => v != 0), cw.Count(v => v != 0));
        Assert.Equal(n.Intercepts, w.Intercepts);
        Assert.Equal(n.Report!.Objective, w.Report!.Objective);
        // Before: ~240 bytes per feature (L-BFGS history, gradients, directions); now the coefficients, the input
        // checks' column norms and the column map, ~30 (the calling thread's allocations; solvers run on it).
        Assert.InRange(allocated, 0, 64L * m * 2_000_000 + (48L << 20));
    }

    [Fact]
    public void GroupsKeepTheirColumns()
    {
        var (wide, _, _) = Data();
        var g = new GroupLasso { GroupSize = 2, Lambda = 0.01 }.Fit(wide.Features, wide.Labels);
        Assert.Equal(2_000_000, g.FeatureCount);
        Assert.All(g.Coefficients.Skip(5).Take(1_999_990), v => Assert.Equal(0, v));
    }

    [Fact]
    public void ColumnsBeyondTheMemoryOfTheProcessAreAnErrorNamingX()
    {
        // Index 2147483591 (the largest a reader accepts) in a two-line file: before, 17 GB and a minute, or OutOfMemoryException.
        int p = Array.MaxLength;
        var x = new CsrMatrix(2, p, [0, 1, 2], [0, p - 1], [0.5, 1.0]);
        // The rule itself, whatever this machine has (the test host may report more memory than the CLI sees).
        var rule = Assert.Throws<ArgumentException>(() => OptSuite.Models.Internal.InputChecks.ColumnMemory(p, 16L << 30));
        Assert.Equal("x", rule.ParamName);
        OptSuite.Models.Internal.InputChecks.ColumnMemory(10_000_000, 16L << 30);   // 10⁷ columns: 320 MB, fine
        if (GC.GetGCMemoryInfo().TotalAvailableMemoryBytes >= 32L * p) return;   // a machine with 70 GB to spare fits it
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<ArgumentException>(() => new LogisticRegression().Fit(x, new[] { 1.0, -1.0 }));
        Assert.Equal("x", e.ParamName);
        Assert.Contains($"X has {p} columns", e.Message);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1 << 20);
    }
}
