using OptSuite.Models;
using OptSuite.Objectives;
using OptSuite.Solvers;

namespace OptSuite.Tests.Models.Registry;

/// <summary>The Auto rules and the applicability rules of the solver registry, over problem traits.</summary>
public class SolverRegistryTests
{
    private static ProblemTraits T(string loss, RegularizerForm reg = RegularizerForm.None, bool intercept = true, bool sparse = false, int n = 1000,
        ProblemStructure structure = ProblemStructure.SingleOutput, bool ridge = true, bool columns = true) => loss switch
    {
        "squared" => new(structure, loss, true, true, true, DualCoordinateKind.None, false, reg, ridge, intercept, columns, sparse, n, 50, 1),
        "logistic" => new(structure, loss, true, true, false, DualCoordinateKind.Logistic, false, reg, ridge, intercept, columns, sparse, n, 50, 1),
        "squared hinge" => new(structure, loss, true, true, false, DualCoordinateKind.BoxQuadratic, false, reg, ridge, intercept, columns, sparse, n, 50, 1),
        "hinge" => new(structure, loss, false, false, false, DualCoordinateKind.BoxQuadratic, false, reg, ridge, intercept, columns, sparse, n, 50, 1),
        "huber" => new(structure, loss, true, true, false, DualCoordinateKind.None, false, reg, ridge, intercept, columns, sparse, n, 50, 1),
        "poisson" => new(structure, loss, true, false, false, DualCoordinateKind.None, false, reg, ridge, intercept, columns, sparse, n, 50, 1),
        "pinball" => new(structure, loss, false, false, false, DualCoordinateKind.None, true, reg, ridge, intercept, columns, sparse, n, 50, 1),
        "multinomial" => new(ProblemStructure.Multiclass, loss, true, true, false, DualCoordinateKind.None, false, reg, ridge, intercept, columns, sparse, n, 50, 3),
        "crammer-singer" => new(ProblemStructure.CrammerSinger, loss, false, false, false, DualCoordinateKind.BoxQuadratic, false, reg, ridge, intercept, columns, sparse, n, 50, 3),
        "multitask" => new(ProblemStructure.MultiTask, "squared", true, true, true, DualCoordinateKind.None, false, RegularizerForm.Block, ridge, intercept, columns, sparse, n, 50, 3),
        _ => throw new ArgumentException(loss),
    };

    [Fact]
    public void AutoFollowsTheDocumentedRules()
    {
        Assert.Equal(SolverKind.CoordinateDescent, SolverRegistry.Auto(T("squared")));
        Assert.Equal(SolverKind.CoordinateDescent, SolverRegistry.Auto(T("squared", RegularizerForm.WeightedL1, sparse: true, n: 100_000)));
        Assert.Equal(SolverKind.CoordinateDescent, SolverRegistry.Auto(T("logistic", RegularizerForm.WeightedL1)));
        Assert.Equal(SolverKind.CoordinateDescent, SolverRegistry.Auto(T("logistic", RegularizerForm.WeightedL1, n: 20_000)));
        Assert.Equal(SolverKind.Lbfgs, SolverRegistry.Auto(T("logistic")));
        Assert.Equal(SolverKind.Lbfgs, SolverRegistry.Auto(T("logistic", intercept: false, sparse: false, n: 50_000)));
        Assert.Equal(SolverKind.DualCoordinateDescent, SolverRegistry.Auto(T("logistic", intercept: false, sparse: true, n: 50_000)));
        Assert.Equal(SolverKind.Lbfgs, SolverRegistry.Auto(T("logistic", intercept: true, sparse: true, n: 50_000)));
        Assert.Equal(SolverKind.DualCoordinateDescent, SolverRegistry.Auto(T("squared hinge", intercept: false)));
        Assert.Equal(SolverKind.Lbfgs, SolverRegistry.Auto(T("squared hinge", intercept: true)));
        Assert.Equal(SolverKind.DualCoordinateDescent, SolverRegistry.Auto(T("hinge", intercept: false)));
        Assert.Equal(SolverKind.DualCoordinateDescent, SolverRegistry.Auto(T("crammer-singer", intercept: false)));
        Assert.Equal(SolverKind.CoordinateDescent, SolverRegistry.Auto(T("squared", RegularizerForm.Block)));
        Assert.Equal(SolverKind.Fista, SolverRegistry.Auto(T("logistic", RegularizerForm.Block)));
        Assert.Equal(SolverKind.Newton, SolverRegistry.Auto(T("multinomial")));
        Assert.Equal(SolverKind.Fista, SolverRegistry.Auto(T("multinomial", RegularizerForm.WeightedL1)));
        Assert.Equal(SolverKind.Lbfgs, SolverRegistry.Auto(T("huber")));
        Assert.Equal(SolverKind.Lbfgs, SolverRegistry.Auto(T("poisson")));
        Assert.Equal(SolverKind.CoordinateDescent, SolverRegistry.Auto(T("poisson", RegularizerForm.WeightedL1)));
        Assert.Equal(SolverKind.InteriorPoint, SolverRegistry.Auto(T("pinball", RegularizerForm.WeightedL1)));
        Assert.Equal(SolverKind.CoordinateDescent, SolverRegistry.Auto(T("multitask")));
        // Without column access, the first applicable of L-BFGS, Newton, OWL-QN, CD, FISTA.
        Assert.Equal(SolverKind.OwlQn, SolverRegistry.Auto(T("squared", RegularizerForm.WeightedL1, columns: false)));
        Assert.Equal(SolverKind.Lbfgs, SolverRegistry.Auto(T("squared", columns: false)));
        Assert.Equal(SolverKind.Fista, SolverRegistry.Auto(T("multitask", columns: false)));
    }

    [Fact]
    public void AutosChoiceIsAlwaysSupportedAndRefusalsSayWhyAndWhichCan()
    {
        string[] losses = ["squared", "logistic", "squared hinge", "hinge", "huber", "poisson", "pinball", "multinomial", "crammer-singer", "multitask"];
        int empty = 0;
        foreach (string loss in losses)
            foreach (RegularizerForm reg in Enum.GetValues<RegularizerForm>())
                foreach (bool intercept in new[] { false, true })
                    foreach (bool ridge in new[] { false, true })
                        foreach (bool columns in new[] { false, true })
                        {
                            var t = T(loss, reg, intercept, sparse: true, n: 50_000, ridge: ridge, columns: columns);
                            var supported = SolverRegistry.Supported(t);
                            if (supported.Count == 0)
                            {
                                empty++;
                                Assert.Throws<UnsupportedSolverException>(() => SolverRegistry.Resolve(SolverKind.Auto, t, "m"));
                                continue;
                            }
                            Assert.Contains(SolverRegistry.Auto(t), supported);
                            foreach (var d in SolverRegistry.All)
                            {
                                if (supported.Contains(d.Kind)) { Assert.Equal(d.Kind, SolverRegistry.Resolve(d.Kind, t, "m")); continue; }
                                var e = Assert.Throws<UnsupportedSolverException>(() => SolverRegistry.Resolve(d.Kind, t, "m"));
                                Assert.Contains(d.Refusal(t)!, e.Message);
                                Assert.Equal(supported, e.Supported);
                                foreach (var ok in supported) Assert.Contains(SolverRegistry.Get(ok).Name, e.Message);
                            }
                            foreach (var next in SolverRegistry.HandOvers(SolverRegistry.Auto(t), t)) Assert.Contains(next, supported);
                        }
        Assert.True(empty > 0);
        // The hinge losses with an unpenalised intercept, and with an L1 penalty, have no solver.
        Assert.Empty(SolverRegistry.Supported(T("hinge", intercept: true)));
        Assert.Empty(SolverRegistry.Supported(T("hinge", RegularizerForm.WeightedL1, intercept: false)));
        Assert.Contains("InterceptScaling", Assert.Throws<UnsupportedSolverException>(() => SolverRegistry.Resolve(SolverKind.Auto, T("hinge"), "m")).Message);
    }

    [Fact]
    public void HandOverChainsAreDataAndSkipSolversThatDoNotApply()
    {
        Assert.Equal([SolverKind.Lbfgs, SolverKind.CoordinateDescent, SolverKind.Newton],
            SolverRegistry.HandOvers(SolverKind.DualCoordinateDescent, T("squared hinge", intercept: false)));
        Assert.Equal([SolverKind.CoordinateDescent, SolverKind.Newton], SolverRegistry.HandOvers(SolverKind.Lbfgs, T("logistic")));
        Assert.Equal([SolverKind.Lbfgs], SolverRegistry.HandOvers(SolverKind.Newton, T("multinomial")));
        Assert.Empty(SolverRegistry.HandOvers(SolverKind.CoordinateDescent, T("logistic", RegularizerForm.WeightedL1)));   // Newton refuses L1
        Assert.Empty(SolverRegistry.HandOvers(SolverKind.DualCoordinateDescent, T("hinge", intercept: false)));   // nothing else applies
        Assert.Empty(SolverRegistry.HandOvers(SolverKind.Fista, T("multinomial", RegularizerForm.WeightedL1)));
    }

    [Fact]
    public void NamesRoundTripAndEverySolverHasADefaultBudget()
    {
        Assert.Equal("auto", SolverRegistry.Names[0]);
        foreach (var d in SolverRegistry.All)
        {
            Assert.Equal(d.Kind, SolverKindNames.Parse(d.Name.ToUpperInvariant()));
            Assert.Equal(d.Name, SolverKindNames.ToName(d.Kind));
            Assert.True(d.DefaultMaxIterations >= 500);
        }
        Assert.Equal(Enum.GetValues<SolverKind>().Length - 1, SolverRegistry.All.Count);
        Assert.Throws<ArgumentException>(() => SolverKindNames.Parse("gauss-newton"));
    }

    /// <summary>Row blocks: coordinate descent is covariance mode (squared loss, L1/EN/L2, p ≤ the Gram limit); above the
    /// limit Auto falls back to OWL-QN for L1 and elastic net and to L-BFGS for ridge; the other problems Auto gave
    /// coordinate descent go to OWL-QN or FISTA.</summary>
    [Fact]
    public void OnRowBlocksCoordinateDescentIsCovarianceModeWithinItsFeatureLimit()
    {
        static ProblemTraits Blocks(ProblemTraits t, int p = 50) => t with { ColumnAccess = false, Features = p, RowBlocks = true };
        int above = CovarianceDescent.MaxFeatures + 1;
        Assert.Equal(SolverKind.CoordinateDescent, SolverRegistry.Auto(Blocks(T("squared", RegularizerForm.WeightedL1))));
        Assert.Equal(SolverKind.CoordinateDescent, SolverRegistry.Auto(Blocks(T("squared"), CovarianceDescent.MaxFeatures)));
        Assert.Equal(SolverKind.OwlQn, SolverRegistry.Auto(Blocks(T("squared", RegularizerForm.WeightedL1), above)));
        Assert.Equal(SolverKind.Lbfgs, SolverRegistry.Auto(Blocks(T("squared"), above)));
        Assert.Equal(SolverKind.OwlQn, SolverRegistry.Auto(Blocks(T("logistic", RegularizerForm.WeightedL1))));
        Assert.Equal(SolverKind.Fista, SolverRegistry.Auto(Blocks(T("squared", RegularizerForm.Block))));
        Assert.Equal(SolverKind.Fista, SolverRegistry.Auto(Blocks(T("multitask"))));
        Assert.Equal(SolverKind.DualCoordinateDescent, SolverRegistry.Auto(Blocks(T("squared hinge", intercept: false))));
        Assert.Equal(SolverKind.Newton, SolverRegistry.Auto(Blocks(T("squared hinge"))));   // with intercept
        Assert.Equal(SolverKind.InteriorPoint, SolverRegistry.Auto(Blocks(T("pinball", RegularizerForm.WeightedL1))));

        string why = SolverRegistry.RefusalMessage(SolverKind.CoordinateDescent, Blocks(T("squared", RegularizerForm.WeightedL1), above), "lasso");
        Assert.Contains($"p ≤ {CovarianceDescent.MaxFeatures}; this X has {above} columns", why);
        Assert.EndsWith("Solvers that can: fista, ista, owlqn.", why);
        why = SolverRegistry.RefusalMessage(SolverKind.CoordinateDescent, Blocks(T("logistic", RegularizerForm.WeightedL1)), "logistic");
        Assert.Contains("covariance mode", why);
        Assert.Contains("squared loss", why);
        Assert.DoesNotContain("custom ILinearMap", why);
        // An uncertified covariance-mode run is continued from the data: Newton for ridge, OWL-QN for the lasso.
        Assert.Equal([SolverKind.Newton, SolverKind.OwlQn], SolverRegistry.HandOvers(SolverKind.CoordinateDescent, Blocks(T("squared"))));
        Assert.Equal([SolverKind.OwlQn], SolverRegistry.HandOvers(SolverKind.CoordinateDescent, Blocks(T("squared", RegularizerForm.WeightedL1))));
        Assert.Equal([SolverKind.Newton], SolverRegistry.HandOvers(SolverKind.CoordinateDescent, T("squared")));   // in memory: unchanged
    }

    /// <summary>Rows across ranks: Newton for smooth L2 problems (not CoCoA+, whose rounds grow with K), CoCoA+ for the
    /// hinge, covariance-mode CD for the squared loss within its feature limit, OWL-QN for other L1 problems, FISTA for
    /// group lasso; the interior-point method refuses, so quantile regression has no solver there.</summary>
    [Fact]
    public void AcrossRanksAutoPicksNewtonCocoaCovarianceOrOwlQn()
    {
        static ProblemTraits Ranks(ProblemTraits t, int p = 50) => t with { ColumnAccess = false, Features = p, Distributed = true };
        Assert.Equal(SolverKind.Newton, SolverRegistry.Auto(Ranks(T("logistic"))));
        Assert.Equal(SolverKind.Newton, SolverRegistry.Auto(Ranks(T("squared hinge", intercept: false))));
        Assert.Equal(SolverKind.DualCoordinateDescent, SolverRegistry.Auto(Ranks(T("hinge", intercept: false))));
        Assert.Equal(SolverKind.CoordinateDescent, SolverRegistry.Auto(Ranks(T("squared", RegularizerForm.WeightedL1))));
        Assert.Equal(SolverKind.OwlQn, SolverRegistry.Auto(Ranks(T("squared", RegularizerForm.WeightedL1), CovarianceDescent.MaxFeatures + 1)));
        Assert.Equal(SolverKind.OwlQn, SolverRegistry.Auto(Ranks(T("logistic", RegularizerForm.WeightedL1))));
        Assert.Equal(SolverKind.Fista, SolverRegistry.Auto(Ranks(T("squared", RegularizerForm.Block))));
        Assert.Contains("split across MPI ranks", SolverRegistry.RefusalMessage(SolverKind.CoordinateDescent, Ranks(T("logistic", RegularizerForm.WeightedL1)), "logistic"));
        Assert.Contains("does not run on rows split across MPI ranks",
            SolverRegistry.Get(SolverKind.InteriorPoint).Refusal(Ranks(T("pinball", RegularizerForm.WeightedL1)))!);
        Assert.Throws<UnsupportedSolverException>(() => SolverRegistry.Resolve(SolverKind.Auto, Ranks(T("pinball", RegularizerForm.WeightedL1)), "quantile"));
    }
}
