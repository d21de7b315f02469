using OptSuite.Data;
using OptSuite.Data.Shards;
using OptSuite.Models;
using OptSuite.Solvers;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Models;

/// <summary>
/// Estimators take a shard dataset as they take a matrix: <c>Fit(ShardedDataset)</c> is the fit on (X, y, c) in memory with
/// the same solver (objective to 1e-10, coefficients to 1e-8, relative), Auto picks a solver that reads the shards by
/// passes, predictions are the in-memory ones bit for bit, and cross-validation on shards chooses what it chooses in memory.
/// </summary>
public sealed class ShardedEstimatorTests
{
    private static readonly SvmlightDataset Heart = SvmlightReader.Read(DatasetLocator.Find("binary/heart_scale"));
    private static readonly SvmlightDataset Abalone = SvmlightReader.Read(DatasetLocator.Find("regression/abalone_scale"));

    private static double[] Weights(int n) => Enumerable.Range(0, n).Select(i => 0.5 + i % 3).ToArray();

    private static void Same(LinearEstimator memory, LinearEstimator shards, double coefficients = 1e-8)
    {
        double fa = memory.Report!.Objective, fb = shards.Report!.Objective;
        Assert.Equal(memory.Report.Solver, shards.Report.Solver);
        Assert.Equal(StopReason.Converged, shards.Report.StopReason);
        Assert.True(Math.Abs(fa - fb) <= 1e-10 * Math.Abs(fa), $"objective {fa:R} (memory) vs {fb:R} (shards)");
        double[] wa = [.. memory.Coefficients, .. memory.Intercepts], wb = [.. shards.Coefficients, .. shards.Intercepts];
        double scale = wa.Max(Math.Abs);
        for (int j = 0; j < wa.Length; j++) Assert.True(Math.Abs(wa[j] - wb[j]) <= coefficients * scale, $"w[{j}]: {wa[j]:R} vs {wb[j]:R}");
    }

    /// <summary>Each solver that runs on shards, on a directory of 2 KB shards (≥ 10 of them), against the same fit in
    /// memory at a 1e-11 tolerance: the product-based solvers and covariance-mode coordinate descent follow the same
    /// iterates, so objective (1e-10) and coefficients (1e-8) agree as <see cref="Same"/> checks; block-minimisation dual
    /// CD and the in-memory dual solver are two algorithms, each certified by its gap, so their objectives agree to 1e-10
    /// (and the elastic net's coefficients within what the gaps allow).</summary>
    [Theory]
    [InlineData("logistic", SolverKind.Lbfgs)]
    [InlineData("logistic", SolverKind.Newton)]
    [InlineData("logistic", SolverKind.Fista)]
    [InlineData("logistic", SolverKind.DualCoordinateDescent)]
    [InlineData("linear-svm", SolverKind.DualCoordinateDescent)]
    [InlineData("linear-svm", SolverKind.Newton)]
    [InlineData("multiclass-svm", SolverKind.DualCoordinateDescent)]
    [InlineData("lasso", SolverKind.CoordinateDescent)]
    [InlineData("lasso", SolverKind.OwlQn)]
    [InlineData("lasso", SolverKind.Fista)]
    [InlineData("elastic-net", SolverKind.CoordinateDescent)]
    public void EachSolverOnKilobyteShardsIsTheFitInMemory(string model, SolverKind solver)
    {
        using var dir = new ScratchDirectory("shard-solver");
        var data = model switch
        {
            "lasso" or "elastic-net" => Abalone,
            "multiclass-svm" => SvmlightReader.Read(DatasetLocator.Find("multiclass/iris.svm")),
            _ => Heart,
        };
        var manifest = ShardSets.Write(dir.Path, data, shardBytes: model == "multiclass-svm" ? 1024 : 2048);
        Assert.True(manifest.Shards.Count >= 8, $"{manifest.Shards.Count} shards");
        var shards = ShardedDataset.Open(dir.Path);
        bool dual = solver == SolverKind.DualCoordinateDescent;
        LinearEstimator Make() => model switch
        {
            "logistic" => new LogisticRegression { C = 1, FitIntercept = !dual, Solver = solver, Tolerance = 1e-11 },
            "linear-svm" => new LinearSvm { C = 1, FitIntercept = !dual, Solver = solver, Tolerance = 1e-11 },
            // Crammer–Singer on iris needs ~12,800 epochs in memory and ~10,200 rounds on shards to 1e-11.
            "multiclass-svm" => new MulticlassSvm { C = 1, FitIntercept = false, Solver = solver, Tolerance = 1e-11, MaxIterations = 100_000 },
            "lasso" => new Lasso { Lambda = 0.1, Solver = solver, Tolerance = 1e-11 },
            _ => new ElasticNet { Lambda = 0.01, L1Ratio = 0.5, Solver = solver, Tolerance = 1e-11 },
        };
        LinearEstimator memory = Make(), onShards = Make();
        switch (memory)
        {
            case LinearClassifier c:
                c.Fit(data.Features, data.Labels);
                ((LinearClassifier)onShards).Fit(shards);
                break;
            case LinearRegressor r:
                r.Fit(data.Features, data.Labels);
                ((LinearRegressor)onShards).Fit(shards);
                break;
        }
        if (!dual && model != "elastic-net")
        {
            // The squared hinge's generalized Hessian jumps where a margin crosses 1: Newton's last CG steps then depend on
            // the products' rounding (MKL's one-thread kernels in memory, the managed row blocks on shards), and the
            // coefficients agree to 8e-7 at equal objectives (1e-10); the smooth losses follow the same iterates to 1e-8.
            Same(memory, onShards, model == "linear-svm" && solver == SolverKind.Newton ? 1e-5 : 1e-8);
            return;
        }
        double fa = memory.Report!.Objective, fb = onShards.Report!.Objective;
        Assert.Equal(solver, onShards.Report.Solver);
        Assert.Equal(StopReason.Converged, onShards.Report.StopReason);
        Assert.True(Math.Abs(fa - fb) <= 1e-10 * Math.Abs(fa), $"objective {fa:R} (memory) vs {fb:R} (shards)");
        if (model == "elastic-net")
        {
            // Abalone's columns are nearly collinear: only the ridge part pins w, ‖w − w*‖² ≤ 2·gap/(λ(1 − α)) for each.
            double bound = 2 * Math.Sqrt(2 * 1e-11 * fa / (0.01 * 0.5));
            double[] wa = [.. memory.Coefficients, .. memory.Intercepts], wb = [.. onShards.Coefficients, .. onShards.Intercepts];
            Assert.True(Math.Sqrt(wa.Zip(wb, (a, b) => (a - b) * (a - b)).Sum()) <= bound);
        }
    }

    [Fact]
    public void WeightedLogisticRegressionOnShardsIsTheFitInMemory()
    {
        using var dir = new ScratchDirectory("shard-fit");
        double[] c = Weights(Heart.Rows);
        var manifest = ShardSets.Write(dir.Path, Heart, c);
        Assert.True(manifest.Shards.Count >= 10);
        var data = ShardedDataset.Open(dir.Path);
        LogisticRegression shards = new LogisticRegression { C = 1, Solver = SolverKind.Lbfgs, Tolerance = 1e-10 }.Fit(data);
        var memory = new LogisticRegression { C = 1, Solver = SolverKind.Lbfgs, Tolerance = 1e-10 }.Fit(Heart.Features, Heart.Labels, c);
        Same(memory, shards);
        Assert.Equal(memory.Classes.Names, shards.Classes.Names);
        Assert.Equal(memory.Score(Heart.Features, Heart.Labels), shards.Score(data));
        // The weights matter: without them the fit is another one.
        var unweighted = new LogisticRegression { C = 1, Solver = SolverKind.Lbfgs, Tolerance = 1e-10 }.Fit(Heart.Features, Heart.Labels);
        Assert.True(Math.Abs(unweighted.Report!.Objective - shards.Report!.Objective) > 1e-6);
    }

    [Fact]
    public void WeightedLassoOnShardsIsTheFitInMemoryAndAutoPicksCovarianceModeCd()
    {
        // λ = 0.1: OWL-QN takes about 300 iterations (5000 at λ = 0.01), each pass opening all 60 shards.
        using var dir = new ScratchDirectory("shard-fit");
        double[] c = Weights(Abalone.Rows);
        ShardSets.Write(dir.Path, Abalone, c, shardBytes: 8192);
        var data = ShardedDataset.Open(dir.Path);
        Lasso shards = new Lasso { Lambda = 0.1, Solver = SolverKind.OwlQn, Tolerance = 1e-10 }.Fit(data);
        var memory = new Lasso { Lambda = 0.1, Solver = SolverKind.OwlQn, Tolerance = 1e-10 }.Fit(Abalone.Features, Abalone.Labels, c);
        Same(memory, shards);
        Assert.Equal(memory.Score(Abalone.Features, Abalone.Labels), shards.Score(data), 1e-12);

        // Auto: coordinate descent in covariance mode (p = 8: the Gram matrix from one pass); the optimum is coordinate
        // descent's in memory.
        var auto = new Lasso { Lambda = 0.1, Tolerance = 1e-10 }.Fit(data);
        Assert.Equal(SolverKind.CoordinateDescent, auto.Report!.Solver);
        var cd = new Lasso { Lambda = 0.1, Tolerance = 1e-10 }.Fit(Abalone.Features, Abalone.Labels, c);
        Assert.Equal(SolverKind.CoordinateDescent, cd.Report!.Solver);
        Assert.Equal(cd.Report.Objective, auto.Report.Objective, 1e-9 * cd.Report.Objective);
        var logistic = new LogisticRegression().Fit(ShardedDataset.Open(WriteHeart(dir)));
        Assert.Contains(logistic.Report!.Solver, new[] { SolverKind.Lbfgs, SolverKind.Newton });   // the registry's choice among them
        Assert.Equal(StopReason.Converged, logistic.Report.StopReason);
        // Coordinate steps of any loss but the squared one read single columns: refused on shards, with the reason.
        var refused = Assert.Throws<UnsupportedSolverException>(() => new LogisticRegression { Penalty = Penalty.L1, Lambda = 0.01, Solver = SolverKind.CoordinateDescent }.Fit(ShardedDataset.Open(dir["heart"])));
        Assert.Contains("covariance mode", refused.Message);
    }

    private static string WriteHeart(ScratchDirectory dir)
    {
        ShardSets.Write(dir["heart"], Heart);
        return dir["heart"];
    }

    [Fact]
    public void MulticlassPredictionsOnShardsAreTheInMemoryOnesInOnePass()
    {
        using var dir = new ScratchDirectory("shard-predict");
        var train = SvmlightReader.Read(DatasetLocator.Find("multiclass/vowel_train.svm"));
        var test = SvmlightReader.Read(DatasetLocator.Find("multiclass/vowel_test.svm"), new SvmlightReaderOptions { FeatureCount = train.Columns });
        ShardSets.Write(dir.Path, test);
        var data = ShardedDataset.Open(dir.Path);
        var model = new LogisticRegression().Fit(train.Features, train.Labels);
        Assert.Equal(11, model.OutputCount);
        // Each row's scores come from the same kernel on the same row: equal to the last bit.
        Assert.Equal(model.DecisionFunction(test.Features), model.DecisionFunction(data.Features));
        Assert.Equal(model.PredictProbability(test.Features), model.PredictProbability(data.Features));
        Assert.Equal(model.Predict(test.Features), model.Predict(data.Features));
        Assert.Equal(model.Score(test.Features, test.Labels), model.Score(data));
        var ridge = new Ridge().Fit(train.Features, train.Labels);
        Assert.Equal(ridge.Predict(test.Features), ridge.Predict(data.Features));
        var e = Assert.Throws<ArgumentException>(() => new Ridge().Fit(Heart.Features, Heart.Labels).Predict(data.Features));
        Assert.Contains("the model was fitted on 13", e.Message);
    }

    [Fact]
    public void CrossValidationOnShardsChoosesWhatItChoosesInMemory()
    {
        using var dir = new ScratchDirectory("shard-cv");
        double[] c = Weights(Heart.Rows);
        ShardSets.Write(dir.Path, Heart, c);
        var data = ShardedDataset.Open(dir.Path);
        var options = new CrossValidationOptions { Folds = 3, Seed = 3 };
        LogisticPath Path() => new() { Solver = SolverKind.OwlQn, Tolerance = 1e-10, PathLength = 6, LambdaMinRatio = 0.05 };
        var memory = Path().CrossValidate(Heart.Features, Heart.Labels, c, options);
        var shards = Path().CrossValidate(data.Features, data.Labels, data.Weights, options);
        Assert.Equal(memory.Folds, shards.Folds);
        Assert.Equal(memory.LambdaMin, shards.LambdaMin, 1e-13 * memory.LambdaMin);
        Assert.Equal(memory.LambdaOneStandardError, shards.LambdaOneStandardError, 1e-13 * memory.LambdaOneStandardError);
        for (int t = 0; t < memory.MeanLoss.Length; t++)
            Assert.True(Math.Abs(memory.MeanLoss[t] - shards.MeanLoss[t]) <= 1e-8 * memory.MeanLoss[t], $"λ {t}: {memory.MeanLoss[t]:R} vs {shards.MeanLoss[t]:R}");
        Same(memory.Model, shards.Model);
    }
}
