using OptSuite.LinearAlgebra;
using OptSuite.Models;
using OptSuite.Solvers;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Models.Robustness;

/// <summary>
/// Features given as an ILinearMap that is neither dense nor compressed (a user's own operator) cannot have their entries
/// scanned; the column and row squared norms still catch every NaN and ±∞ entry, with an ArgumentException naming x.
/// </summary>
public class GenericMapInputTests
{
    private static (double[,] X, double[] Y) Data()
    {
        var rng = new Random(4);
        var x = new double[40, 5];
        var y = new double[40];
        for (int i = 0; i < 40; i++)
        {
            for (int j = 0; j < 5; j++) x[i, j] = rng.NextDouble() - 0.5;
            y[i] = x[i, 0] - 2 * x[i, 3] + 0.1 * rng.NextDouble();
        }
        return (x, y);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "infinite")]
    [InlineData(double.NegativeInfinity, "infinite")]
    public void NonFiniteEntriesOfAGenericMapAreRejectedNamingX(double bad, string word)
    {
        var (x, y) = Data();
        x[7, 2] = bad;
        var map = FeatureMatrix.From(new ForwardingMap(DenseMatrix.FromArray(x)));
        var e = Assert.ThrowsAny<ArgumentException>(() => new Lasso { Lambda = 0.01 }.Fit(map, y));
        Assert.Equal("x", e.ParamName);
        Assert.Contains(word, e.Message);
        Assert.Contains("Column 2", e.Message);
    }

    /// <summary>Auto picks a gradient method when the coordinate methods cannot read the map's columns (lasso: OWL-QN
    /// instead of CD; L2 squared hinge: L-BFGS instead of dual CD), reaching the dense fit's optimum; asking for a
    /// coordinate method is an UnsupportedSolverException that says why and which solvers can.</summary>
    [Fact]
    public void AFiniteGenericMapFitsLikeTheDenseMatrixWithAGradientMethod()
    {
        var (x, y) = Data();
        var map = FeatureMatrix.From(new ForwardingMap(DenseMatrix.FromArray(x)));
        var generic = new Lasso { Lambda = 0.01, Tolerance = 1e-10 }.Fit(map, y);
        var dense = new Lasso { Lambda = 0.01, Tolerance = 1e-10 }.Fit(x, y);
        Assert.Equal(SolverKind.CoordinateDescent, dense.Report!.Solver);
        Assert.Equal(SolverKind.OwlQn, generic.Report!.Solver);
        Assert.True(generic.Report.Converged, generic.Report.ToString());
        Assert.True(Math.Abs(generic.Report.Objective - dense.Report.Objective) <= 1e-9 * dense.Report.Objective);

        double[] labels = y.Select(v => v > 0 ? 1.0 : -1.0).ToArray();
        var svm = new LinearSvm { Loss = SvmLoss.SquaredHinge, FitIntercept = false }.Fit(map, labels);
        Assert.Equal(SolverKind.Lbfgs, svm.Report!.Solver);

        var e = Assert.Throws<UnsupportedSolverException>(() => new Lasso { Lambda = 0.01, Solver = SolverKind.CoordinateDescent }.Fit(map, y));
        Assert.Equal("Solver", e.ParamName);
        Assert.Contains("custom ILinearMap", e.Message);
        Assert.DoesNotContain(SolverKind.CoordinateDescent, e.Supported);
    }
}
