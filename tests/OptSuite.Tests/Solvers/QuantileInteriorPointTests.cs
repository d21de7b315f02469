using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Solvers;
using Xunit.Abstractions;

namespace OptSuite.Tests.Solvers;

public class QuantileInteriorPointTests(ITestOutputHelper output)
{
    private static (CsrMatrix X, double[] Y) Load(string name)
    {
        var ds = SvmlightReader.Read(Path.Combine(DatasetLocator.RepositoryRoot()!, "datasets", "regression", name));
        return (ds.Features, ds.Labels.ToArray());
    }

    [Theory]
    [InlineData("boston_housing.svm", 0.5, 0.0, 1.0)]
    [InlineData("boston_housing.svm", 0.1, 0.01, 1.0)]
    [InlineData("concrete.svm", 0.9, 0.1, 1.0)]
    [InlineData("concrete.svm", 0.5, 0.1, 0.0)]
    [InlineData("concrete.svm", 0.5, 0.1, 0.5)]
    [InlineData("diabetes_raw.svm", 0.5, 0.0, 1.0)]
    public void Explore(string file, double tau, double lambda, double l1Ratio)
    {
        var (x, y) = Load(file);
        foreach (var m in new ILinearMap[] { x, x.ToDense() })
        {
            var f = Objective.QuantileRegression(m, y, tau, lambda, l1Ratio, true);
            var r = QuantileInteriorPoint.Minimize(f, options: new QuantileInteriorPointOptions { Tolerance = 1e-10 });
            output.WriteLine($"{file} {m.GetType().Name} τ={tau} λ={lambda} α={l1Ratio}: {r}");
        }
    }
}
