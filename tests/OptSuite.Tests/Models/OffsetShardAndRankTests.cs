using OptSuite.Data;
using OptSuite.Data.Shards;
using OptSuite.LinearAlgebra;
using OptSuite.LinearAlgebra.Distributed;
using OptSuite.Models;
using OptSuite.MpiHost;
using OptSuite.Solvers;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Models;

/// <summary>
/// Offsets (z_i = x_i·w + b + o_i) where X is not one matrix in memory: a shard dataset read by passes
/// (<c>Fit(ShardedDataset, offset)</c>) and rows split across in-process ranks (each rank passing its rows' offsets). Both
/// give the in-memory fit with the same offsets (objective to 1e-9 relative, each certified by its own stop), for every
/// model that takes offsets and every solver that runs there; the solvers that cannot take offsets are refused by name.
/// The data and offsets are those of glmnet's references in datasets/reference/offset.json (PoissonExample with log
/// exposure, heart_scale with 0.5 sin(i + 1)).
/// </summary>
public sealed class OffsetShardAndRankTests
{
    private static (CsrMatrix X, double[] Y, double[] Offset) Load(string problem)
    {
        var e = ReferenceFiles.Entry("offset.json", problem);
        var d = ReferenceFiles.Data(e);
        return (d.Features, d.Labels.ToArray(), e.GetProperty("offset").EnumerateArray().Select(v => v.GetDouble()).ToArray());
    }

    /// <summary>The model, its data (Gamma: the counts + 1, which are positive) and λ.</summary>
    private static (LinearEstimator Model, CsrMatrix X, double[] Y, double[] Offset) Case(string model, SolverKind solver)
    {
        bool counts = model != "logistic";
        var (x, y, o) = Load(counts ? "poisson_l2_offset" : "logistic_l2_offset");
        LinearEstimator m = model switch
        {
            "poisson" => new PoissonRegressor { Lambda = 0.05 },
            "poisson-l1" => new PoissonRegressor { Penalty = Penalty.L1, Lambda = 1.3 },
            "gamma" => new GammaRegressor { Lambda = 0.05 },
            "tweedie" => new TweedieRegressor { Power = 1.5, Lambda = 0.05 },
            _ => new LogisticRegression { Lambda = 0.01 },
        };
        m.Solver = solver;
        m.Tolerance = 1e-11;
        m.MaxIterations = 100_000;
        return (m, x, model == "gamma" ? y.Select(v => v + 1).ToArray() : y, o);
    }

    private static void Fit(LinearEstimator m, FeatureMatrix x, double[] y, double[]? offset)
    {
        if (m is LinearClassifier c) c.Fit(x, y, null, offset);
        else ((LinearRegressor)m).Fit(x, y, null, offset);
    }

    private static void Certified(LinearEstimator m)
    {
        Assert.Equal(StopReason.Converged, m.Report!.StopReason);
        Assert.True(m.Report.DualityGap is { } gap && gap <= 1e-10 * Math.Max(1, Math.Abs(m.Report.Objective)), m.Report.ToString());
    }

    private static void SameObjective(LinearEstimator memory, LinearEstimator other, string what)
    {
        double fa = memory.Report!.Objective, fb = other.Report!.Objective;
        Assert.True(Math.Abs(fa - fb) <= 1e-9 * Math.Abs(fa), $"{what}: objective {fb:R} vs {fa:R} in memory");
    }

    [Theory]
    [InlineData("poisson", SolverKind.Lbfgs)]
    [InlineData("poisson", SolverKind.Newton)]
    [InlineData("poisson", SolverKind.Fista)]
    [InlineData("poisson-l1", SolverKind.OwlQn)]
    [InlineData("gamma", SolverKind.Lbfgs)]
    [InlineData("gamma", SolverKind.Newton)]
    [InlineData("tweedie", SolverKind.Lbfgs)]
    [InlineData("tweedie", SolverKind.OwlQn)]
    [InlineData("logistic", SolverKind.Newton)]
    [InlineData("logistic", SolverKind.Lbfgs)]
    [InlineData("logistic", SolverKind.Auto)]
    public void TheFitOnShardsWithOffsetsIsTheFitInMemory(string model, SolverKind solver)
    {
        var (memory, x, y, o) = Case(model, solver);
        using var dir = new ScratchDirectory("offset-shards");
        var manifest = ShardSets.Write(dir.Path, new SvmlightDataset(x, y, null, false), shardBytes: 2048);
        Assert.True(manifest.Shards.Count >= 10, $"{manifest.Shards.Count} shards");
        var shards = ShardedDataset.Open(dir.Path);
        var (onShards, _, _, _) = Case(model, solver);
        var copy = (double[])o.Clone();
        Fit(memory, x, y, o);
        switch (onShards)
        {
            case LinearClassifier c: c.Fit(shards, o); break;
            case LinearRegressor r: r.Fit(shards, o); break;
        }
        Assert.Equal(copy, o);
        // Auto may choose differently on shards (the registry's choice by storage); a named solver runs on both.
        if (solver != SolverKind.Auto) Assert.Equal(memory.Report!.Solver, onShards.Report!.Solver);
        Certified(memory);
        Certified(onShards);
        SameObjective(memory, onShards, $"{model} by {onShards.Report!.Solver} on {manifest.Shards.Count} shards");
        // The scores with the rows' offsets are the in-memory model's.
        double sa = memory is LinearRegressor ra ? ra.Score(x, y, o) : ((LinearClassifier)memory).Score(x, y, o);
        double sb = onShards is LinearRegressor rb ? rb.Score(shards, o) : ((LinearClassifier)onShards).Score(shards, o);
        Assert.Equal(sa, sb, 1e-7);
        // The offsets are in the problem: without them the shards give another optimum.
        var (plain, _, _, _) = Case(model, solver);
        switch (plain)
        {
            case LinearClassifier c: c.Fit(shards); break;
            case LinearRegressor r: r.Fit(shards); break;
        }
        Assert.True(Math.Abs(plain.Report!.Objective - onShards.Report.Objective) > 1e-4 * Math.Abs(onShards.Report.Objective));
    }

    [Fact]
    public void OnShardsTheSolversWithoutOffsetsAreRefusedByNameAndAShortOffsetIsNamed()
    {
        var (x, y, o) = Load("logistic_l2_offset");
        using var dir = new ScratchDirectory("offset-shards");
        ShardSets.Write(dir.Path, new SvmlightDataset(x, y, null, false), shardBytes: 2048);
        var shards = ShardedDataset.Open(dir.Path);
        // Block-minimisation dual CD runs on shards without offsets, and refuses them.
        var dual = new LogisticRegression { Lambda = 0.01, FitIntercept = false, Solver = SolverKind.DualCoordinateDescent };
        Assert.Equal(SolverKind.DualCoordinateDescent, dual.Fit(shards).Report!.Solver);
        var e = Assert.Throws<UnsupportedSolverException>(() => dual.Fit(shards, o));
        Assert.Contains("dual coordinate descent does not take offsets", e.Message);
        var (px, py, po) = Load("poisson_l2_offset");
        ShardSets.Write(dir["poisson"], new SvmlightDataset(px, py, null, false), shardBytes: 2048);
        var counts = ShardedDataset.Open(dir["poisson"]);
        var cd = Assert.Throws<UnsupportedSolverException>(() => new PoissonRegressor { Solver = SolverKind.CoordinateDescent }.Fit(counts, po));
        Assert.Contains("Solver 'cd' cannot solve poisson", cd.Message);
        var count = Assert.Throws<ArgumentException>(() => new PoissonRegressor().Fit(counts, po[..^1]));
        Assert.Equal("offset", count.ParamName);
        Assert.Contains($"{po.Length - 1} values for {po.Length} rows", count.Message);
        var ridge = Assert.Throws<ArgumentException>(() => new Ridge().Fit(counts, po));
        Assert.Contains("takes no offsets", ridge.Message);
    }

    /// <summary>Rows split over K in-process ranks, each passing its rows' offsets: the single-process fit, the same
    /// coefficients bit for bit on every rank, the score over all rows.</summary>
    [Theory]
    [InlineData("poisson", SolverKind.Auto)]
    [InlineData("poisson", SolverKind.Lbfgs)]
    [InlineData("poisson-l1", SolverKind.OwlQn)]
    [InlineData("gamma", SolverKind.Newton)]
    [InlineData("logistic", SolverKind.Auto)]
    [InlineData("logistic", SolverKind.Fista)]
    public void RanksPassingTheirRowsOffsetsGiveTheSingleProcessFit(string model, SolverKind solver)
    {
        var (single, x, y, o) = Case(model, solver);
        Fit(single, x, y, o);
        Certified(single);
        double singleScore = single is LinearRegressor r0 ? r0.Score(x, y, o) : ((LinearClassifier)single).Score(x, y, o);
        for (int k = 2; k <= 3; k++)
        {
            var fits = InProcessCommunicator.Run(k, comm =>
            {
                var (from, to) = SolveScenarios.Range(y.Length, comm.Size, comm.Rank);
                var local = FeatureMatrix.Distributed(x.SliceRows(from, to), comm);
                var (e, _, _, _) = Case(model, solver);
                Fit(e, local, y[from..to], o[from..to]);
                double score = e is LinearRegressor r ? r.Score(local, y[from..to], o[from..to]) : ((LinearClassifier)e).Score(local, y[from..to], o[from..to]);
                return (Estimator: e, Score: score);
            });
            var first = fits[0].Estimator;
            Certified(first);
            SameObjective(single, first, $"{model} by {first.Report!.Solver} on {k} ranks");
            foreach (var (e, s) in fits)
            {
                Assert.Equal(first.Coefficients, e.Coefficients);
                Assert.Equal(first.Intercepts, e.Intercepts);
                Assert.Equal(fits[0].Score, s);
            }
            Assert.Equal(singleScore, fits[0].Score, 1e-7);
        }
    }

    /// <summary>A rank without rows has no offsets to pass; it follows the ranks that have them (the problem's traits, and
    /// so the solver chosen, are agreed), while ranks with rows that disagree are refused on every rank.</summary>
    [Fact]
    public void ARankWithoutRowsFollowsTheOthersAndRanksThatDisagreeAreRefused()
    {
        var (x, y, o) = Load("logistic_l2_offset");
        var single = new LogisticRegression { Lambda = 0.01, FitIntercept = false, Tolerance = 1e-11 }.Fit(x, y, null, o);
        // Without offsets, this problem (L2, no intercept) is one the dual methods could take; with them it is not.
        int[] cut = [0, 0, 100, y.Length];   // rank 0 has no rows
        var fits = InProcessCommunicator.Run(3, comm =>
        {
            int from = cut[comm.Rank], to = cut[comm.Rank + 1];
            var local = FeatureMatrix.Distributed(x.SliceRows(from, to), comm);
            return new LogisticRegression { Lambda = 0.01, FitIntercept = false, Tolerance = 1e-11 }.Fit(local, y[from..to], null, o[from..to]);
        }, TimeSpan.FromSeconds(60));
        Assert.All(fits, f => Assert.Equal(fits[1].Report!.Solver, f.Report!.Solver));
        Assert.All(fits, f => Assert.Equal(fits[1].Coefficients, f.Coefficients));
        SameObjective(single, fits[1], "logistic with a rank without rows");
        // Every rank, the one without rows included, refuses a solver that cannot take the offsets (rather than one rank
        // entering its rounds while the others refuse).
        var refused = Assert.Throws<AggregateException>(() => InProcessCommunicator.Run(3, comm =>
        {
            int from = cut[comm.Rank], to = cut[comm.Rank + 1];
            var local = FeatureMatrix.Distributed(x.SliceRows(from, to), comm);
            return new LogisticRegression { Lambda = 0.01, FitIntercept = false, Solver = SolverKind.DualCoordinateDescent }.Fit(local, y[from..to], null, o[from..to]);
        }, TimeSpan.FromSeconds(60)));
        Assert.Equal(3, refused.InnerExceptions.Count);
        Assert.All(refused.InnerExceptions, c => Assert.Contains("does not take offsets", Assert.IsType<UnsupportedSolverException>(c).Message));

        var e = Assert.ThrowsAny<Exception>(() => InProcessCommunicator.Run(2, comm =>
        {
            var (from, to) = SolveScenarios.Range(y.Length, comm.Size, comm.Rank);
            var local = FeatureMatrix.Distributed(x.SliceRows(from, to), comm);
            return new LogisticRegression { Lambda = 0.01 }.Fit(local, y[from..to], null, comm.Rank == 0 ? o[from..to] : null);
        }, TimeSpan.FromSeconds(60)));
        var causes = e is AggregateException a ? a.InnerExceptions : [e];
        Assert.All(causes, c => Assert.Contains("Offsets are given for the rows of 1 rank(s) but not for those of 1", c.Message));
    }
}
