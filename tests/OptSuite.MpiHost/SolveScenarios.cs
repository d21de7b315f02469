using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.LinearAlgebra.Distributed;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;

namespace OptSuite.MpiHost;

/// <summary>
/// The distributed fits the MPI tests run on real ranks, and run in one process for the reference: each problem is a
/// dataset, a loss, a penalty and a solver; rank r of K takes an uneven, consecutive share of the rows (∝ r + 1).
/// </summary>
public static class SolveScenarios
{
    /// <summary>A problem: its dataset (rows kept) and the fit on any map of those rows with their labels.</summary>
    public sealed record Problem(string Name, string Dataset, int Rows, Func<ILinearMap, double[], SolverResult> Fit);

    /// <summary>The problems of issue 17's "Done when": a9a L2 and L1 logistic, news20 squared hinge by CoCoA+, abalone lasso
    /// (by FISTA, and by coordinate descent, which runs in covariance mode across ranks).</summary>
    public static IReadOnlyList<Problem> All { get; } =
    [
        new("a9a-l2-logistic-lbfgs", "binary/a9a.xz", 3000, (x, y) =>
            Lbfgs.Minimize(Logistic<ZeroRegularizer>(x, y, default, 1e-2).AsSmooth(), default, new LbfgsOptions { Tolerance = 1e-11, MaxIterations = 20_000 })),
        new("a9a-l2-logistic-newton", "binary/a9a.xz", 3000, (x, y) =>
            TrustRegionNewton.Minimize(Logistic<ZeroRegularizer>(x, y, default, 1e-2), default, new TrustRegionNewtonOptions { Tolerance = 1e-11 })),
        new("a9a-l1-logistic-owlqn", "binary/a9a.xz", 3000, (x, y) =>
            OwlQn.Minimize(Logistic(x, y, new L1Norm(1e-2), 0).AsL1Composite(), default, new OwlQnOptions { Tolerance = 1e-11, MaxIterations = 20_000 })),
        new("news20-squared-hinge-cocoa", "derived/news20_binary_l2.svm.xz", 1500, (x, y) =>
            DualCoordinateDescent.Minimize(new LinearObjective<SquaredHingeLoss, ZeroRegularizer>(x, y, default, default, 10.0 / 1500, false),
                new DualCoordinateDescentOptions { Tolerance = 1e-11, MaxIterations = 100_000 })),
        new("abalone-lasso-fista", "regression/abalone_scale", 4177, (x, y) =>
            ProximalGradient.Minimize(new LinearObjective<SquaredLoss, L1Norm>(x, y, default, new L1Norm(0.2), 0, true), default,
                new ProximalGradientOptions { Tolerance = 1e-11, MaxIterations = 100_000 })),
        // Coordinate descent on distributed rows is covariance mode: XᵀAX and Xᵀy all-reduced once, then sweeps in p-space.
        new("abalone-lasso-covariance-cd", "regression/abalone_scale", 4177, (x, y) =>
            CoordinateDescent.Minimize(new LinearObjective<SquaredLoss, L1Norm>(x, y, default, new L1Norm(0.2), 0, true), default,
                new CoordinateDescentOptions { Tolerance = 1e-11, MaxIterations = 100_000 })),
    ];

    private static LinearObjective<LogisticLoss, TReg> Logistic<TReg>(ILinearMap x, double[] y, TReg reg, double ridge)
        where TReg : struct, IRegularizer => new(x, y, default, reg, ridge, true);

    /// <summary>The problem's rows and labels, read whole (every rank reads the file and keeps its share).</summary>
    public static (CsrMatrix X, double[] Y) Load(Problem problem)
    {
        var d = SvmlightReader.Read(DatasetLocator.Find(problem.Dataset));
        int n = Math.Min(problem.Rows, d.Rows);
        return (Slice(d.Features, 0, n), d.Labels[..n]);
    }

    /// <summary>Rank r of K's rows: [from, to), shares ∝ r + 1, consecutive in rank order.</summary>
    public static (int From, int To) Range(int n, int size, int rank)
    {
        int total = size * (size + 1) / 2, before = rank * (rank + 1) / 2;
        return ((int)((long)n * before / total), (int)((long)n * (before + rank + 1) / total));
    }

    /// <summary>Rows [from, to) of a CSR matrix.</summary>
    public static CsrMatrix Slice(CsrMatrix x, int from, int to) => x.SliceRows(from, to);

    /// <summary>A fingerprint of w's bits (SHA-256, hex), equal on two ranks only when every coefficient is.</summary>
    public static string Fingerprint(double[] w) => Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(w.AsSpan())));

    /// <summary>Every problem on this rank's rows: one line each, <c>R{rank} solve NAME STOP ITERATIONS OBJECTIVE FINGERPRINT</c>.</summary>
    public static IEnumerable<string> Run(ICommunicator world)
    {
        foreach (var problem in All)
        {
            var (x, y) = Load(problem);
            var (from, to) = Range(y.Length, world.Size, world.Rank);
            var r = problem.Fit(new DistributedRows(Slice(x, from, to), world), y[from..to]);
            yield return string.Create(CultureInfo.InvariantCulture,
                $"R{world.Rank} solve {problem.Name} {r.StopReason} {r.Iterations} {r.Objective:R} {Fingerprint(r.Solution)}");
        }
    }
}
