using OptSuite.Models;
using OptSuite.Solvers;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Models;

/// <summary>
/// A dual fit that converged on its own duality gap reports the solver's objective and gap without evaluating the
/// objective again (SolverRunner; <see cref="SolverDescriptor"/>'s ReportsEvaluatedObjective). The reported objective must
/// still be the problem's objective at the reported coefficients — in the mean-loss units, with sample and class weights
/// applied — to the last digits, and the gap the solver's certificate.
/// </summary>
public class CertifiedReportTests
{
    public static TheoryData<string> Models => ["hinge", "squared hinge", "logistic", "Crammer–Singer", "hinge, weighted"];

    [Theory]
    [MemberData(nameof(Models))]
    public void TheReportedObjectiveIsTheObjectiveAtTheCoefficients(string model)
    {
        var rng = new Random(11);
        const int n = 240, p = 15;
        var a = RandomMatrices.Dense(rng, n, p, 0.4);
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double z = 0.4 * (rng.NextDouble() - 0.5);
            for (int j = 0; j < p; j++) z += a[i, j] * Math.Sin(j + 1);
            y[i] = model == "Crammer–Singer" ? (z > 0.3 ? 2 : z > -0.3 ? 1 : 0) : z > 0 ? 1 : -1;
        }
        double[]? sampleWeight = model.EndsWith("weighted", StringComparison.Ordinal)
            ? Enumerable.Range(0, n).Select(i => 0.5 + i % 3).ToArray() : null;
        var x = RandomMatrices.Csr(a);
        LinearClassifier e = model switch
        {
            "hinge" => new LinearSvm { FitIntercept = false, Loss = SvmLoss.Hinge },
            "squared hinge" => new LinearSvm { FitIntercept = false, Loss = SvmLoss.SquaredHinge },
            "logistic" => new LogisticRegression { FitIntercept = false, Solver = SolverKind.DualCoordinateDescent },
            "Crammer–Singer" => new MulticlassSvm { FitIntercept = false },
            _ => new LinearSvm { FitIntercept = false, Loss = SvmLoss.Hinge, ClassWeight = ClassWeights.Parse("-1:0.5,1:2") },
        };
        e.Fit(x, y, sampleWeight);
        var report = e.Report!;
        Assert.Equal(SolverKind.DualCoordinateDescent, report.Solver);
        Assert.True(report.Converged, report.ToString());

        var f = e.CreateProblems(x, y, sampleWeight)[0].Objective;
        double[] w = e.Coefficients;
        Assert.Equal(f.Dimension, w.Length);
        double evaluated = f.Value(w) + f.NonsmoothValue(w);
        Assert.Equal(evaluated, report.Objective, 1e-13 * evaluated);
        Assert.Equal(report.Results[0].DualityGap, report.DualityGap);
        // The default stops: a relative gap of 1e-3, 2e-2 for Crammer–Singer.
        Assert.InRange(report.DualityGap!.Value, 0, (model == "Crammer–Singer" ? 2e-2 : 1e-3) * report.Objective);
        // Where the objective has a gap of its own (not Crammer–Singer's), it is a valid bound at the same point too
        // (non-negative; loose for the hinge losses, whose ℓ′(z) is a poor dual point).
        if (f.HasDualityGap) Assert.True(f.DualityGap(w) >= -1e-14 * report.Objective);
    }
}
