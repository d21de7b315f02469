using OptSuite.Data;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;

namespace OptSuite.Tests.Docs;

/// <summary>
/// The solver-level samples of README.md, run with checks of what they promise. <c>UsageGuideSamples.EveryGuideSampleIsCompiledHere</c>
/// checks that each README block appears verbatim here or in UsageGuideSamples; <see cref="DocumentationSampleTests"/>
/// compiles each one on its own.
/// </summary>
public class ReadmeSamples
{
    [Fact]
    public void CoordinateDescentPathsAndDualCoordinateDescent()
    {
        var abalone = SvmlightReader.Read(DatasetLocator.Find("regression/abalone_scale"));     // 4177 × 8
        var (x, y) = (abalone.Features, abalone.Labels);
        // Lasso / elastic net / L1-logistic by coordinate descent: working sets, gap-safe screening, Gram mode where n ≫ p.
        var lasso = Objective.Lasso(x, y, lambda: 0.01, fitIntercept: true);
        SolverResult cd = CoordinateDescent.Minimize(lasso, default, new CoordinateDescentOptions { Tolerance = 1e-8 });
        // A glmnet-style path: exact λ_max, 100 values down to ε·λ_max, warm starts, strong rules, covariance mode for the
        // squared loss when p ≤ 500 ≤ n, every point gap-certified from the data.
        var path = CoordinateDescentPath.Compute(x, y, default(SquaredLoss), new CoordinateDescentPathOptions { L1Ratio = 0.5 });
        // LIBLINEAR's dual coordinate descent (-s 3 / -s 1 / -s 7) for L2 SVMs and L2 logistic regression without intercept.
        var heart = SvmlightReader.Read(DatasetLocator.Find("binary/heart_scale"));            // labels −1 / +1
        var svm = new LinearObjective<SquaredHingeLoss, ZeroRegularizer>(heart.Features, heart.Labels, default, default,
            ridge: 1.0 / heart.Rows, fitIntercept: false);
        SolverResult dcd = DualCoordinateDescent.Minimize(svm);
        Assert.Equal(StopReason.Converged, cd.StopReason);
        Assert.True(cd.DualityGap <= 1e-8 * Math.Abs(cd.Objective) + 1e-15);
        Assert.Equal(100, path.Points.Count);
        Assert.Equal(StopReason.Converged, dcd.StopReason);
        Assert.Equal(13, dcd.Solution.Length);
    }

    [Fact]
    public void BlockCoordinateDescentSamples()
    {
        var iris = SvmlightReader.Read(DatasetLocator.Find("multiclass/iris.svm"));            // 150 × 4, labels 0, 1, 2
        int n = iris.Rows, p = iris.Columns;
        // Multi-task lasso (scikit-learn's MultiTaskLasso): Y is n×k row-major, W comes back p×k row-major, then k intercepts.
        double[] y = new double[n * 3];
        for (int i = 0; i < n; i++) y[i * 3 + (int)iris.Labels[i]] = 1;                        // one indicator task per class
        var f = Objective.MultiTaskLasso(iris.Features, y, tasks: 3, lambda: 0.01, fitIntercept: true);
        SolverResult r = BlockCoordinateDescent.Minimize(f);          // or ProximalGradient.Minimize(f)
        // Group lasso over a BlockPartition (contiguous ranges or index lists), squared or logistic loss: 4 groups of 2.
        var abalone = SvmlightReader.Read(DatasetLocator.Find("regression/abalone_scale"));
        var g = Objective.GroupLasso(abalone.Features, abalone.Labels, BlockPartition.Uniform(4, 2), lambda: 0.02);
        var rg = BlockCoordinateDescent.Minimize(g, default, new BlockCoordinateDescentOptions { Tolerance = 1e-10 });
        // Crammer–Singer dual (jaxopt's multiclass_linear_svm_dual; its l2reg weighs the SUM over samples: n·λ); β → W (p×k):
        var dna = SvmlightReader.Read(DatasetLocator.Find("multiclass/dna.scale"));          // 2000 × 180, labels 1, 2, 3
        int[] labels = dna.Labels.Select(v => (int)v - 1).ToArray();
        double lambda = 10.0 / dna.Rows;                                                       // LIBLINEAR's C = 0.1
        var dual = Objective.MulticlassLinearSvmDual(dna.Features, labels, classes: 3, l2reg: dna.Rows * lambda);
        var rb = BlockCoordinateDescent.Minimize(dual, default, new BlockCoordinateDescentOptions { MaxIterations = 100_000 });
        double[] w = new double[dna.Columns * 3];
        dual.PrimalWeights(rb.Solution, w);
        Assert.Equal(StopReason.Converged, r.StopReason);
        Assert.Equal(p * 3 + 3, r.Solution.Length);
        Assert.Equal(StopReason.Converged, rg.StopReason);
        Assert.Equal(StopReason.Converged, rb.StopReason);
        Assert.Contains(w, v => v != 0);
    }
}
