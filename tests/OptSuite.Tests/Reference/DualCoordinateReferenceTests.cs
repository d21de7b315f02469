using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Objectives.Multiclass;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;
using Xunit.Abstractions;

namespace OptSuite.Tests.Reference;

/// <summary>
/// Dual coordinate descent against LIBLINEAR (-s 1/2/3/4/7, and scikit-learn's LinearSVC) optima frozen in
/// datasets/reference (svm_hinge_l2, svm_sqhinge_l2, logreg_l2(_dcd), cs_svm .json; see make_references.py): objective within
/// 1e-6 relative, and the solver's own duality gap certifies it. Smooth losses are also solved by L-BFGS, which must
/// agree. The hinge references are upper bounds (no peer reaches a tight tolerance), so there the gap is the certificate
/// and the reference check says the peers got within 1e-6.
/// </summary>
/// <remarks>
/// The cases that take more than a few seconds carry <c>[Trait("Category", "Heavy")]</c>. The README's test command (and
/// so CI) runs them all — the whole suite stays within the CI budget; add <c>--filter "Category!=Heavy&amp;Category!=Slow"</c>
/// for a quick local run.
/// </remarks>
public class DualCoordinateReferenceTests(ITestOutputHelper output)
{
    private const double Agreement = 1e-6;

    private static IEnumerable<ReferenceCase> Cases(string problem, string dataContains) =>
        ReferenceCase.Load(problem).Where(c => c.Available && c.Data.Contains(dataContains, StringComparison.Ordinal));

    private void Check(ReferenceCase c, string solver, SolverResult r, double value, double tolerance)
    {
        double rel = (value - c.Objective) / Math.Abs(c.Objective);
        output.WriteLine($"{c,-60} {solver,-6} F = {value:R}  rel. to {c.Tool}: {rel:+0.0e+0;-0.0e+0}  gap {r.DualityGap / value:0.0e+0}  {r.StopReason} in {r.Iterations} it, {r.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(r.StopReason == StopReason.Converged, $"{c} {solver}: {r}");
        Assert.True(Math.Abs(rel) <= Agreement, $"{c} {solver}: objective {value:R} vs reference {c.Objective:R} ({rel:E2}); {r}");
        if (solver == "dcd")
        {
            Assert.InRange(r.DualityGap!.Value, 0, tolerance * value);
            Assert.Equal(value, r.Objective, 1e-12 * value);
        }
    }

    private void Binary<TLoss>(string problem, string data, double tolerance, bool withLbfgs, int threads = 1) where TLoss : struct, ILoss
    {
        var cases = Cases(problem, data).ToList();
        Assert.NotEmpty(cases);
        foreach (var c in cases)
        {
            var (x, y) = c.LoadBinaryOrRegression(binary: true);
            var f = new LinearObjective<TLoss, ZeroRegularizer>(x, y, default, default, c.Lambda);
            var r = DualCoordinateDescent.Minimize(f, new DualCoordinateDescentOptions { Tolerance = tolerance, MaxIterations = 100_000, Threads = threads });
            Check(c, "dcd", r, f.Value(r.Solution), tolerance);
            if (!withLbfgs) continue;
            var q = Lbfgs.Minimize(f.AsSmooth(), default, new LbfgsOptions { Tolerance = 1e-9, MaxIterations = 20_000 });
            Check(c, "lbfgs", q, f.Value(q.Solution), tolerance);
        }
    }

    private void CrammerSinger(string data, double tolerance)
    {
        var cases = Cases("cs_svm", data).ToList();
        Assert.NotEmpty(cases);
        foreach (var c in cases)
        {
            var (x, y, k) = c.LoadMulticlass();
            var f = new MulticlassLinearObjective<CrammerSingerHingeLoss, ZeroRegularizer>(x, y, k, default, default, c.Lambda);
            var r = DualCoordinateDescent.Minimize(f, new DualCoordinateDescentOptions { Tolerance = tolerance, MaxIterations = 100_000 });
            Check(c, "dcd", r, f.Value(r.Solution), tolerance);
        }
    }

    [Fact]
    public void SquaredHingeOnW8aAndNews20() { Binary<SquaredHingeLoss>("svm_sqhinge_l2", "w8a", 1e-9, true); Binary<SquaredHingeLoss>("svm_sqhinge_l2", "news20", 1e-9, true); }

    [Fact, Trait("Category", "Heavy")]
    public void SquaredHingeOnA9a() => Binary<SquaredHingeLoss>("svm_sqhinge_l2", "a9a", 1e-9, true);

    [Fact]
    public void LogisticOnW8aAndNews20() { Binary<LogisticLoss>("logreg_l2_dcd", "w8a", 1e-9, true); Binary<LogisticLoss>("logreg_l2_dcd", "news20", 1e-9, true); }

    [Fact]
    public void LogisticOnA9a() => Binary<LogisticLoss>("logreg_l2", "a9a", 1e-9, false);

    [Fact]
    public void HingeOnNews20() => Binary<HingeLoss>("svm_hinge_l2", "news20", 1e-8, false);

    [Fact, Trait("Category", "Heavy")]
    public void HingeOnA9aAndW8a() { Binary<HingeLoss>("svm_hinge_l2", "a9a", 1e-8, false); Binary<HingeLoss>("svm_hinge_l2", "w8a", 1e-8, false); }

    /// <summary>Two blocks of rows at once (<see cref="DualCoordinateDescentOptions.Threads"/> = 2, asynchronous): the
    /// same frozen optima and an exact certificate (w recomputed from α).</summary>
    [Fact]
    public void TwoThreadsOnW8aAndNews20()
    {
        Binary<SquaredHingeLoss>("svm_sqhinge_l2", "news20", 1e-9, false, threads: 2);
        Binary<LogisticLoss>("logreg_l2_dcd", "w8a", 1e-9, false, threads: 2);
        Binary<LogisticLoss>("logreg_l2_dcd", "news20", 1e-9, false, threads: 2);
        Binary<HingeLoss>("svm_hinge_l2", "news20", 1e-8, false, threads: 2);
    }

    [Fact, Trait("Category", "Heavy")]
    public void TwoThreadsOnA9aAndW8aHinge()
    {
        Binary<SquaredHingeLoss>("svm_sqhinge_l2", "w8a", 1e-9, false, threads: 2);
        Binary<LogisticLoss>("logreg_l2", "a9a", 1e-9, false, threads: 2);
        Binary<HingeLoss>("svm_hinge_l2", "w8a", 1e-8, false, threads: 2);
    }

    [Fact]
    public void CrammerSingerOnDna() => CrammerSinger("dna", 1e-9);

    [Fact, Trait("Category", "Heavy")]
    public void CrammerSingerOnUsps() => CrammerSinger("usps", 1e-8);

    [Fact, Trait("Category", "Heavy")]
    public void CrammerSingerOnNews20() => CrammerSinger("news20", 1e-8);
}
