using System.Text.Json;
using OptSuite.Data;
using OptSuite.Models;
using OptSuite.Solvers;
using OptSuite.Tests.Support;
using Xunit.Abstractions;

namespace OptSuite.Tests.Models.Defaults;

/// <summary>
/// Issue 18's "defaults are part of the product": at its defaults (no tolerance) dual coordinate descent runs until
/// LIBLINEAR's own test holds at LIBLINEAR's default -e 0.1 and the relative duality gap is at most 1e-3 (2e-2 for
/// Crammer–Singer, whose gap closes slowly). Against LIBLINEAR
/// 2.3.0 at its defaults on the same problems (datasets/reference/liblinear_defaults.json, with the commands): where
/// LIBLINEAR's answer is within that gap of the optimum, the default fit takes at most 1.25 times LIBLINEAR's epochs (a
/// 1e-6 gap took 4,261 on w8a, 24 times LIBLINEAR's 181) and ends within 1e-4 of LIBLINEAR's objective (the two runs
/// differ only in their random permutations); where LIBLINEAR stops far from the optimum (Crammer–Singer on dna, 7%
/// above it), the gap keeps the default fit going to a lower objective — for Crammer–Singer in at most 1.5 times
/// LIBLINEAR's epochs (a 1e-3 gap took 1,040, four times LIBLINEAR's 258). Either way the reported gap certifies its bound.
/// </summary>
public class LibLinearDefaultStopTests(ITestOutputHelper output)
{
    private const double DefaultGap = 1e-3, CrammerSingerDefaultGap = 2e-2;

    public static TheoryData<int> Cases() => new(Enumerable.Range(0, Entries().Length));

    private static JsonElement[] Entries()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(DatasetLocator.RepositoryRoot()!, "datasets", "reference", "liblinear_defaults.json")));
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    [SharedDatasetTheory]
    [MemberData(nameof(Cases))]
    public void TheDefaultStopIsLibLinearsOrBetter(int index)
    {
        JsonElement e = Entries()[index];
        string problem = e.GetProperty("problem").GetString()!, spec = e.GetProperty("data").GetString()!;
        var data = SvmlightReader.Read(ReferenceFiles.DataPath(spec));
        LinearEstimator model = problem switch
        {
            "svm_hinge_l2" => new LinearSvm { Loss = SvmLoss.Hinge, FitIntercept = false },
            "svm_sqhinge_l2" => new LinearSvm { Loss = SvmLoss.SquaredHinge, FitIntercept = false },
            "logreg_l2" => new LogisticRegression { FitIntercept = false, Solver = SolverKind.DualCoordinateDescent },
            "cs_svm" => new MulticlassSvm { FitIntercept = false },
            _ => throw new InvalidOperationException(problem),
        };
        Assert.Null(model.Tolerance);
        FitReport r = ((LinearClassifier)model).Fit(data.Features, data.Labels).Report!;
        double liblinear = e.GetProperty("objective").GetDouble();
        int epochs = e.GetProperty("iterations").GetInt32();
        output.WriteLine($"{problem} {spec}: {r.Iterations} epochs (LIBLINEAR {epochs}), objective {r.Objective:R} (LIBLINEAR {liblinear:R}, " +
            $"{(r.Objective - liblinear) / liblinear:+0.0e0;-0.0e0}), relative gap {r.DualityGap / r.Objective:0.0e0}");

        Assert.Equal(SolverKind.DualCoordinateDescent, r.Solver);
        Assert.True(r.Converged, r.ToString());
        double gap = problem == "cs_svm" ? CrammerSingerDefaultGap : DefaultGap;
        Assert.InRange(r.DualityGap!.Value, 0, gap * r.Objective);
        if (problem == "cs_svm") Assert.InRange(r.Iterations, 1, (int)(1.5 * epochs));
        if (liblinear <= r.Objective * (1 + gap))
        {
            Assert.InRange(r.Iterations, 1, (int)(1.25 * epochs));
            Assert.InRange(r.Objective, 0, liblinear * (1 + 1e-4));
        }
        else Assert.True(r.Objective < liblinear, $"{r.Objective} ≥ LIBLINEAR's {liblinear}");
    }

    /// <summary>An explicit tolerance is the relative gap alone, from the first epoch (the behaviour before the default stop).</summary>
    [Fact]
    public void AGivenToleranceIsTheGapAlone()
    {
        var data = SvmlightReader.Read(DatasetLocator.Find("binary/heart_scale"));
        var loose = new LinearSvm { Loss = SvmLoss.Hinge, FitIntercept = false }.Fit(data.Features, data.Labels).Report!;
        var tight = new LinearSvm { Loss = SvmLoss.Hinge, FitIntercept = false, Tolerance = 1e-9 }.Fit(data.Features, data.Labels).Report!;
        Assert.True(tight.Converged && tight.DualityGap <= 1e-9 * tight.Objective, tight.ToString());
        Assert.True(loose.Converged && loose.DualityGap <= DefaultGap * loose.Objective, loose.ToString());
        Assert.True(tight.Iterations > loose.Iterations, $"{tight.Iterations} ≤ {loose.Iterations}");
    }
}
