using System.Globalization;
using System.Text.Json;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;
using OptSuite.Tests.Solvers;
using Xunit.Abstractions;

namespace OptSuite.Tests.Reference;

/// <summary>
/// Block coordinate descent and proximal gradient reach the optima frozen in datasets/reference/multitask_lasso.json
/// (scikit-learn MultiTaskLasso / MultiTaskElasticNet, agreeing with glmnet mgaussian) and group_lasso.json (NumPy
/// FISTA to a 1e-14 relative gap, agreeing with a NumPy block CD) to 1e-6 relative, with a certifying duality gap.
/// All data are in the repository; see make_block_references.py for the exact commands.
/// </summary>
public class BlockReferenceTests(ITestOutputHelper output)
{
    private const double Agreement = 1e-6;
    private static readonly BlockCoordinateDescentOptions Bcd = new() { Tolerance = 1e-11, MaxIterations = 1_000_000 };
    private static readonly ProximalGradientOptions Fista = new() { Tolerance = 1e-10, MaxIterations = 300_000 };

    private static string Root => DatasetLocator.RepositoryRoot()!;

    private static JsonElement[] Cases(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "datasets", "reference", file)));
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    private static double[,] ReadSpaceSeparated(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "datasets", "regression", "linnerud", name)).Skip(1).Where(l => l.Trim().Length > 0).ToArray();
        var rows = lines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var a = new double[rows.Length, rows[0].Length];
        for (int i = 0; i < rows.Length; i++) for (int j = 0; j < rows[i].Length; j++) a[i, j] = rows[i][j];
        return a;
    }

    private static (ILinearMap X, double[] Y, int K) MultiTaskData(string name)
    {
        if (name == "linnerud")
        {
            var x = ReadSpaceSeparated("linnerud_exercise.csv");
            var y = ReadSpaceSeparated("linnerud_physiological.csv");
            return (DenseMatrix.FromArray(x), y.Cast<double>().ToArray(), y.GetLength(1));
        }
        var (dna, classes) = BlockCoordinateDescentTests.Dna();
        var onehot = new double[classes.Length * 3];
        for (int i = 0; i < classes.Length; i++) onehot[i * 3 + classes[i]] = 1;
        return (dna, onehot, 3);
    }

    private void Check(string label, string solver, SolverResult r, ICompositeFunction f, double reference, string tool)
    {
        double value = f.Value(r.Solution) + f.NonsmoothValue(r.Solution);
        double rel = (value - reference) / Math.Abs(reference);
        double gap = f.DualityGap(r.Solution);
        output.WriteLine($"{label,-40} {solver,-4} F = {value:R}  rel. to {tool}: {rel:+0.0e+0;-0.0e+0}  gap {gap / Math.Abs(value):0.0e+0}  {r.StopReason} in {r.Iterations}, {r.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(r.Converged, $"{label} {solver}: {r}");
        Assert.True(Math.Abs(rel) <= Agreement, $"{label} {solver}: {value:R} vs {reference:R} ({rel:E2})");
        Assert.InRange(gap, -1e-12 * Math.Abs(value), 1e-10 * Math.Abs(value));   // rounding may push an exact gap below 0
    }

    [Fact]
    public void MultiTaskLassoAndElasticNetMatchScikitLearn()
    {
        foreach (var c in Cases("multitask_lasso.json"))
        {
            var (x, y, k) = MultiTaskData(c.GetProperty("name").GetString()!);
            double alpha = c.GetProperty("alpha").GetDouble(), rho = c.GetProperty("l1_ratio").GetDouble();
            bool intercept = c.GetProperty("fit_intercept").GetBoolean();
            var f = Objective.MultiTaskElasticNet(x, y, k, alpha, rho, intercept);
            double reference = c.GetProperty("objective").GetDouble();
            string label = $"{c.GetProperty("problem").GetString()} {c.GetProperty("name").GetString()} {c.GetProperty("alpha_spec").GetString()}{(intercept ? " +b" : "")}";
            string tool = c.GetProperty("tool").GetString()!;
            Check(label, "bcd", BlockCoordinateDescent.Minimize(f, default, Bcd), f, reference, tool);
            Check(label, "pg", ProximalGradient.Minimize(f, default, Fista), f, reference, tool);
        }
    }

    [Fact]
    public void GroupLassoAndGroupLogisticMatchTheNumPyReference()
    {
        var (x, classes) = BlockCoordinateDescentTests.Dna();
        var y = classes.Select(c => c == 2 ? 1.0 : -1.0).ToArray();
        var groups = BlockCoordinateDescentTests.DnaPositions();
        foreach (var c in Cases("group_lasso.json"))
        {
            double lambda = c.GetProperty("lam").GetDouble(), reference = c.GetProperty("objective").GetDouble();
            bool intercept = c.GetProperty("fit_intercept").GetBoolean();
            string problem = c.GetProperty("problem").GetString()!;
            string label = $"{problem} dna λ={lambda:G4}{(intercept ? " +b" : "")}";
            ICompositeFunction f;
            SolverResult bcd;
            if (problem == "group_lasso")
            {
                var g = Objective.GroupLasso(x, y, groups, lambda, intercept);
                (f, bcd) = (g, BlockCoordinateDescent.Minimize(g, default, Bcd));
            }
            else
            {
                var g = new LinearObjective<LogisticLoss, GroupLasso>(x, y, default, new GroupLasso(groups, lambda), 0, intercept);
                (f, bcd) = (g, BlockCoordinateDescent.Minimize(g, default, Bcd));
            }
            Check(label, "bcd", bcd, f, reference, "numpy fista");
            Check(label, "pg", ProximalGradient.Minimize(f, default, Fista), f, reference, "numpy fista");
        }
    }
}
