using OptSuite.LinearAlgebra;
using OptSuite.Models;
using OptSuite.Objectives;
using OptSuite.Tests.Solvers;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Models;

/// <summary>
/// The estimators on data read in row blocks: the solver registry lets dual coordinate descent take them (it runs block
/// minimisation), and LinearSvm, LogisticRegression (dual CD) and MulticlassSvm fit the coefficients they fit in memory.
/// </summary>
public class BlockDualEstimatorTests
{
    private static ProblemTraits Traits(string loss, bool intercept, bool rowBlocks)
    {
        var (structure, kind, differentiable, outputs) = loss switch
        {
            "hinge" => (ProblemStructure.SingleOutput, DualCoordinateKind.BoxQuadratic, false, 1),
            "squared hinge" => (ProblemStructure.SingleOutput, DualCoordinateKind.BoxQuadratic, true, 1),
            "logistic" => (ProblemStructure.SingleOutput, DualCoordinateKind.Logistic, true, 1),
            _ => (ProblemStructure.CrammerSinger, DualCoordinateKind.BoxQuadratic, false, 3),
        };
        return new ProblemTraits(structure, loss, differentiable, differentiable, false, kind, false, RegularizerForm.None, true, intercept,
            ColumnAccess: false, Sparse: false, 1000, 50, outputs) { RowBlocks = rowBlocks };
    }

    [Fact]
    public void DualCoordinateDescentTakesRowBlocksButNotOtherMapsWithoutColumnAccess()
    {
        foreach (string loss in new[] { "hinge", "squared hinge", "logistic", "crammer-singer" })
        {
            Assert.Contains(SolverKind.DualCoordinateDescent, SolverRegistry.Supported(Traits(loss, false, rowBlocks: true)));
            Assert.DoesNotContain(SolverKind.DualCoordinateDescent, SolverRegistry.Supported(Traits(loss, false, rowBlocks: false)));
            Assert.Contains("intercept", SolverRegistry.Get(SolverKind.DualCoordinateDescent).Refusal(Traits(loss, true, rowBlocks: true)));
        }
        Assert.Equal(SolverKind.DualCoordinateDescent, SolverRegistry.Auto(Traits("hinge", false, rowBlocks: true)));
        // Without intercept the dual losses on row blocks go to (selective) block minimisation; with one, to Newton.
        Assert.Equal(SolverKind.DualCoordinateDescent, SolverRegistry.Auto(Traits("squared hinge", false, rowBlocks: true)));
        Assert.Equal(SolverKind.DualCoordinateDescent, SolverRegistry.Auto(Traits("logistic", false, rowBlocks: true)));
        Assert.Equal(SolverKind.Newton, SolverRegistry.Auto(Traits("squared hinge", true, rowBlocks: true)));
        Assert.Equal(SolverKind.Newton, SolverRegistry.Auto(Traits("logistic", true, rowBlocks: true)));
    }

    [SharedDatasetFact]
    public void BinaryEstimatorsFitTheInMemoryCoefficients()
    {
        var (x, y) = BlockDualCoordinateDescentTests.Binary("derived/news20_binary_l2.svm.xz", 2000);
        var blocks = FeatureMatrix.From(new RowBlockedMatrix(x, 100));
        LinearClassifier Svm() => new LinearSvm { FitIntercept = false, Solver = SolverKind.DualCoordinateDescent, Tolerance = 1e-12 };
        LinearClassifier Logistic() => new LogisticRegression { FitIntercept = false, Solver = SolverKind.DualCoordinateDescent, Tolerance = 1e-12 };
        foreach (var make in new Func<LinearClassifier>[] { Svm, Logistic })
        {
            var memory = make().Fit(x, y);
            var block = make().Fit(blocks, y);
            Same(memory, block, y.Length, 1e-12);
        }
    }

    [Fact]
    public void MulticlassSvmFitsTheInMemoryCoefficients()
    {
        var (dna, labels) = BlockCoordinateDescentTests.Dna();
        var x = BlockDualCoordinateDescentTests.Head(dna, 400);
        int[] y = labels[..400];
        MulticlassSvm Make() => new() { FitIntercept = false, Tolerance = 1e-10, MaxIterations = 100_000 };
        Same(Make().Fit(x, y), Make().Fit(FeatureMatrix.From(new RowBlockedMatrix(x, 40)), y), y.Length, 1e-10);
    }

    /// <summary>Both fits certified to a relative gap ε ≤ 1e-10: P within 1e-10 relative, and by strong convexity
    /// ‖w − w*‖² ≤ 2·gap/λ, λ = 1/n, each coefficient vector within √(2·ε·P·n) of the optimum.</summary>
    private static void Same(LinearClassifier memory, LinearClassifier block, int n, double epsilon)
    {
        Assert.Equal(SolverKind.DualCoordinateDescent, block.Report!.Solver);
        Assert.True(block.Report.Converged, block.Report.ToString());
        double p = memory.Report!.Objective;
        Assert.Equal(p, block.Report.Objective, 1e-10 * p);
        double bound = 2 * Math.Sqrt(2 * epsilon * p * n);
        double[] a = memory.Coefficients, b = block.Coefficients;
        Assert.True(Math.Sqrt(a.Zip(b, (u, v) => (u - v) * (u - v)).Sum()) <= bound);
    }
}
