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

    private static void Same(LinearEstimator memory, LinearEstimator shards)
    {
        double fa = memory.Report!.Objective, fb = shards.Report!.Objective;
        Assert.Equal(memory.Report.Solver, shards.Report.Solver);
        Assert.Equal(StopReason.Converged, shards.Report.StopReason);
        Assert.True(Math.Abs(fa - fb) <= 1e-10 * Math.Abs(fa), $"objective {fa:R} (memory) vs {fb:R} (shards)");
        double[] wa = [.. memory.Coefficients, .. memory.Intercepts], wb = [.. shards.Coefficients, .. shards.Intercepts];
        double scale = wa.Max(Math.Abs);
        for (int j = 0; j < wa.Length; j++) Assert.True(Math.Abs(wa[j] - wb[j]) <= 1e-8 * scale, $"w[{j}]: {wa[j]:R} vs {wb[j]:R}");
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
