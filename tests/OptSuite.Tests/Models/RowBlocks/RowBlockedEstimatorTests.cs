using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Models;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Models.RowBlocks;

/// <summary>
/// What estimators do around the solve, on data read in row blocks as in memory: the columns a fit leaves out (constant
/// beside an intercept, mostly empty), LIBLINEAR's penalised bias, the input checks (naming the entry), predictions, and
/// cross-validation of a lasso path (fold rows gathered from the blocks, held-out losses in one pass per fold).
/// </summary>
public class RowBlockedEstimatorTests
{
    private static readonly Lazy<SvmlightDataset> Heart = new(() => SvmlightReader.Read(DatasetLocator.Find("binary/heart_scale")));
    private static readonly Lazy<SvmlightDataset> Abalone = new(() => SvmlightReader.Read(DatasetLocator.Find("regression/abalone_scale")));

    private static FeatureMatrix Blocks(ILinearMap x, int rows = 16) => FeatureMatrix.From(new RowBlockedMatrix(x, rows));

    [SharedDatasetFact]
    public void AConstantColumnBesideAnInterceptIsLeftOutAsInMemory()
    {
        var d = Heart.Value;
        var x = d.Features.ToDense();
        var values = new double[x.Rows, x.Columns + 1];
        for (int i = 0; i < x.Rows; i++)
        {
            for (int j = 0; j < x.Columns; j++) values[i, j] = x[i, j];
            values[i, x.Columns] = 1e150;   // every solver failed on this column before it was left out
        }
        var withConstant = DenseMatrix.FromArray(values);
        var memory = new LogisticRegression { Tolerance = 1e-11 }.Fit(withConstant, d.Labels);
        var model = new LogisticRegression { Tolerance = 1e-11 }.Fit(Blocks(withConstant), d.Labels);
        Assert.True(model.Report!.Converged);
        Assert.Equal(0.0, model.Coefficients[x.Columns]);
        Assert.Equal(memory.Report!.Objective, model.Report.Objective, 1e-10 * memory.Report.Objective);
        Assert.Equal(memory.Predict(withConstant), model.Predict(Blocks(withConstant, 37)));
        Assert.Equal(memory.Score(withConstant, d.Labels), model.Score(Blocks(withConstant), d.Labels));
    }

    [Fact]
    public void MostlyEmptyColumnsAreLeftOutAsInMemory()
    {
        var rng = new Random(2);
        var values = RandomMatrices.Dense(rng, 80, 6, 0.7);
        var wide = new double[80, 400];
        for (int i = 0; i < 80; i++) for (int j = 0; j < 6; j++) wide[i, 7 * j] = values[i, j];
        var x = RandomMatrices.Csr(wide);
        var y = RandomMatrices.Vector(rng, 80);
        var memory = new Ridge { Lambda = 0.1, Tolerance = 1e-12 }.Fit(x, y);
        var model = new Ridge { Lambda = 0.1, Tolerance = 1e-12 }.Fit(Blocks(x, 9), y);
        Assert.Equal(400, model.FeatureCount);
        Assert.Equal(memory.Report!.Objective, model.Report!.Objective, 1e-12 * memory.Report.Objective);
        // Both certified to 1e-12: ‖Δw‖² ≤ 2ΔF/μ bounds the coefficients' difference by ~2e-6.
        for (int j = 0; j < 400; j++) Assert.Equal(memory.Coefficients[j], model.Coefficients[j], 1e-6);
        Assert.Equal(memory.NonZeroCoefficients, model.NonZeroCoefficients);
    }

    [SharedDatasetFact]
    public void APenalisedBiasIsAColumnAppendedToEveryBlock()
    {
        var d = Heart.Value;
        var memory = new LinearSvm { Loss = SvmLoss.SquaredHinge, InterceptScaling = 1, Tolerance = 1e-12 }.Fit(d.Features, d.Labels);
        var model = new LinearSvm { Loss = SvmLoss.SquaredHinge, InterceptScaling = 1, Tolerance = 1e-11 }.Fit(Blocks(d.Features), d.Labels);
        Assert.True(model.Report!.Converged);
        Assert.Equal(memory.Report!.Objective, model.Report.Objective, 1e-10 * memory.Report.Objective);
        Assert.Equal(memory.Intercept, model.Intercept, 1e-5);
        Assert.NotEqual(0.0, model.Intercept);
    }

    [Fact]
    public void ANonFiniteEntryIsNamedByItsRowAndColumn()
    {
        var values = RandomMatrices.Dense(new Random(3), 40, 5, 1.0);
        values[33, 2] = double.NaN;
        var y = RandomMatrices.Vector(new Random(4), 40);
        foreach (ILinearMap x in new ILinearMap[] { DenseMatrix.FromArray(values), RandomMatrices.Csr(values) })
        {
            var e = Assert.Throws<ArgumentException>(() => new Lasso().Fit(Blocks(x, 6), y));
            Assert.Contains("X[33, 2] is NaN (row block 5)", e.Message);
            Assert.Equal("x", e.ParamName);
        }
    }

    [SharedDatasetFact]
    public void CrossValidationOfALassoPathChoosesAsInMemory()
    {
        var d = Abalone.Value;
        var options = new CrossValidationOptions { Folds = 4, Seed = 1 };
        var memory = new LassoPath { PathLength = 20, Tolerance = 1e-10 }.CrossValidate(d.Features, d.Labels, null, options);
        var cv = new LassoPath { PathLength = 20, Tolerance = 1e-10 }.CrossValidate(Blocks(d.Features, 150), d.Labels, null, options);
        Assert.Equal(memory.IndexMin, cv.IndexMin);
        Assert.Equal(memory.IndexOneStandardError, cv.IndexOneStandardError);
        double[] a = memory.MeanLoss, b = cv.MeanLoss;
        for (int t = 0; t < a.Length; t++) Assert.Equal(a[t], b[t], 1e-9 * a[t]);
        Assert.Equal(memory.Model.Report!.Objective, cv.Model.Report!.Objective, 1e-10 * memory.Model.Report.Objective);
    }
}
