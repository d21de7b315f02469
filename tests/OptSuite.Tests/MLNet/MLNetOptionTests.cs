using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.MLNet;
using OptSuite.Models;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.MLNet;

/// <summary>
/// The estimator template's options and the offset column in ML.NET pipelines: each trainer's fit is the same OptSuite
/// estimator fitted directly on the same (Single-rounded) data — class weights on a binary LogisticRegression, penalty
/// factors with Positive on Lasso and ElasticNet, Standardize, offsets on Poisson and binary logistic regression —
/// coefficients equal to 1e-12, and each survives saving and loading the pipeline (SaveWithOptSuite / LoadWithOptSuite:
/// ML.NET's own Model.Save cannot hold an OptSuite transformer, see MLNetPersistenceTests) with its options and its
/// scores. A model fitted with an offset column needs that column to score, and says so when it is missing.
/// </summary>
public sealed class MLNetOptionTests
{
    private static readonly Lazy<SvmlightDataset> Heart = new(() => SvmlightReader.Read(DatasetLocator.Find("binary/heart_scale")));

    /// <summary>The offsets of glmnet's references (datasets/reference/offset.json), rounded to Single as the column holds them.</summary>
    private static (CsrMatrix X, double[] Y, double[] Offset) OffsetData(string problem)
    {
        var e = ReferenceFiles.Entry("offset.json", problem);
        var d = ReferenceFiles.Data(e);
        return (MLNetData.RoundedToSingle(d.Features), d.Labels.ToArray(), e.GetProperty("offset").EnumerateArray().Select(v => (double)(float)v.GetDouble()).ToArray());
    }

    internal sealed class Row
    {
        public VBuffer<float> Features;
        public float Label;
        public float Offset;
    }

    internal sealed class BinaryRow
    {
        public VBuffer<float> Features;
        public bool Label;
        public float Offset;
    }

    private static SchemaDefinition Definition<TRow>(int features)
    {
        var definition = SchemaDefinition.Create(typeof(TRow));
        definition["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
        return definition;
    }

    private static IDataView Numeric(MLContext ml, CsrMatrix x, double[] y, double[]? o = null) => ml.Data.LoadFromEnumerable(
        OptSuiteVectors.Rows(x).Select((f, i) => new Row { Features = f, Label = (float)y[i], Offset = o is null ? 0 : (float)o[i] }), Definition<Row>(x.Columns));

    private static IDataView Binary(MLContext ml, CsrMatrix x, double[] y, double[]? o = null) => ml.Data.LoadFromEnumerable(
        OptSuiteVectors.Rows(x).Select((f, i) => new BinaryRow { Features = f, Label = y[i] > 0, Offset = o is null ? 0 : (float)o[i] }), Definition<BinaryRow>(x.Columns));

    /// <summary>The transformer's Single scores against the direct model's doubles: equal up to the rounding to Single
    /// (the transformer sums the row's entries in its own order).</summary>
    private static void Close(double[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-6 * Math.Max(1, Math.Abs(expected[i])), $"row {i}: {actual[i]:R} vs {expected[i]:R}");
    }

    private static void SameCoefficients(LinearEstimator direct, LinearEstimator viaMLNet)
    {
        double[] a = [.. direct.Coefficients, .. direct.Intercepts], b = [.. viaMLNet.Coefficients, .. viaMLNet.Intercepts];
        Assert.True(MLNetData.MaxRelativeDifference(b, a) <= 1e-12, $"coefficients differ by {MLNetData.MaxRelativeDifference(b, a):R} (relative)");
    }

    /// <summary>Saves <paramref name="model"/> (behind one ML.NET transform, which records the input schema), loads it and
    /// returns the loaded OptSuite transformer; its scores on <paramref name="data"/> equal the fitted pipeline's.</summary>
    private static OptSuiteTransformer RoundTrip<TTransformer>(MLContext ml, IEstimator<TTransformer> trainer, IDataView data, out TTransformer fitted)
        where TTransformer : OptSuiteTransformer
    {
        var pipeline = ml.Transforms.CopyColumns("FeaturesCopy", "Features").Append(trainer);
        var model = pipeline.Fit(data);
        fitted = model.LastTransformer;
        using var dir = new ScratchDirectory("mlnet-options");
        string path = dir["model.zip"];
        ml.Model.SaveWithOptSuite(model, data.Schema, path);
        var loaded = ml.Model.LoadWithOptSuite(path, out _);
        Assert.Equal(model.Transform(data).GetColumn<float>("Score"), loaded.Transform(data).GetColumn<float>("Score"));
        // A loaded transformer's type argument is the saved model's type (OptSuiteRegressionTransformer<Lasso>).
        return Assert.IsAssignableFrom<OptSuiteTransformer>(((TransformerChain<ITransformer>)loaded).LastTransformer);
    }

    [Fact]
    public void ClassWeightsOnABinaryLogisticRegressionReachTheFitAndSurviveSaving()
    {
        var ml = new MLContext(seed: 0);
        var x = MLNetData.RoundedToSingle(Heart.Value.Features);
        double[] y = Heart.Value.Labels.Select(v => v > 0 ? 1.0 : 0.0).ToArray();
        LogisticRegression Make() => new() { C = 1, ClassWeight = ClassWeights.Parse("0:1,1:3"), Tolerance = 1e-12 };
        var direct = Make().Fit(x, y);
        var data = Binary(ml, x, y);
        var loaded = RoundTrip(ml, ml.BinaryClassification.Trainers.OptSuite(Make()), data, out var fitted);
        var model = fitted.Model;
        SameCoefficients(direct, model);
        var back = Assert.IsType<LogisticRegression>(loaded.Estimator);
        Assert.Equal("0:1,1:3", back.ClassWeight!.ToString());
        Assert.Equal(model.Coefficients, back.Coefficients);
        // The weights matter: without them the fit is another one.
        var unweighted = new LogisticRegression { C = 1, Tolerance = 1e-12 }.Fit(x, y);
        Assert.True(MLNetData.MaxRelativeDifference(unweighted.Coefficients, model.Coefficients) > 1e-3);
    }

    [Theory]
    [InlineData("lasso")]
    [InlineData("elastic-net")]
    public void PenaltyFactorsAndPositiveReachTheFitAndSurviveSaving(string name)
    {
        var ml = new MLContext(seed: 0);
        var abalone = MLNetData.Abalone.Value;
        var x = MLNetData.RoundedToSingle(abalone.Features);
        double[] y = abalone.Labels.Select(v => (double)(float)v).ToArray();
        double[] factors = [1, 0.5, 2, 0, 1, 1, 3, 1];
        LinearRegressor Make() => name == "lasso"
            ? new Lasso { Lambda = 0.01, PenaltyFactors = factors, Positive = true, Tolerance = 1e-12 }
            : new ElasticNet { Lambda = 0.01, L1Ratio = 0.5, PenaltyFactors = factors, Positive = true, Tolerance = 1e-12 };
        var direct = Make().Fit(x, y);
        Assert.All(direct.Coefficients, w => Assert.True(w >= 0));
        Assert.Contains(direct.Coefficients, w => w == 0);   // Positive binds somewhere here
        var data = Numeric(ml, x, y);
        var loaded = RoundTrip(ml, ml.Regression.Trainers.OptSuite(Make()), data, out var fitted);
        var model = fitted.Model;
        SameCoefficients(direct, model);
        var back = loaded.Estimator;
        Assert.Equal(model.GetType(), back.GetType());
        Assert.Equal(factors, back.PenaltyFactors);
        Assert.True(back.Positive);
        Assert.Equal(model.Coefficients, back.Coefficients);
        var plain = (name == "lasso" ? (LinearRegressor)new Lasso { Lambda = 0.01, Tolerance = 1e-12 } : new ElasticNet { Lambda = 0.01, L1Ratio = 0.5, Tolerance = 1e-12 }).Fit(x, y);
        Assert.True(MLNetData.MaxRelativeDifference(plain.Coefficients, model.Coefficients) > 1e-3);
    }

    [Fact]
    public void StandardizeReachesTheFitAndSurvivesSaving()
    {
        var ml = new MLContext(seed: 0);
        var x = MLNetData.RoundedToSingle(Heart.Value.Features);
        double[] y = Heart.Value.Labels.Select(v => v > 0 ? 1.0 : 0.0).ToArray();
        LogisticRegression Make() => new() { Penalty = Penalty.L1, Lambda = 0.02, Standardize = true, Tolerance = 1e-12 };
        var direct = Make().Fit(x, y);
        var loaded = RoundTrip(ml, ml.BinaryClassification.Trainers.OptSuite(Make()), Binary(ml, x, y), out var fitted);
        var model = fitted.Model;
        SameCoefficients(direct, model);
        Assert.True(loaded.Estimator.Standardize);
        Assert.Equal(model.Coefficients, loaded.Estimator.Coefficients);
        var unscaled = new LogisticRegression { Penalty = Penalty.L1, Lambda = 0.02, Tolerance = 1e-12 }.Fit(x, y);
        Assert.True(MLNetData.MaxRelativeDifference(unscaled.Coefficients, model.Coefficients) > 1e-3);
    }

    [Fact]
    public void AnOffsetColumnIsUsedInTheFitAndWhenScoringAndSurvivesSaving()
    {
        var ml = new MLContext(seed: 0);
        var (x, y, o) = OffsetData("poisson_l2_offset");
        PoissonRegressor Make() => new() { Lambda = 0.05, Tolerance = 1e-12 };
        var direct = Make().Fit(x, y, null, o);
        var data = Numeric(ml, x, y, o);
        var trainer = ml.Regression.Trainers.OptSuite(Make(), offsetColumnName: "Offset");
        Assert.Equal("Offset", trainer.OffsetColumnName);
        var loaded = RoundTrip(ml, trainer, data, out var fitted);
        var transformer = fitted;
        SameCoefficients(direct, transformer.Model);
        Assert.Equal("Offset", transformer.OffsetColumnName);
        Assert.Equal("Offset", loaded.OffsetColumnName);
        // The score is the mean e^(x·w + b + o), the direct model's prediction with the rows' offsets.
        float[] scores = fitted.Transform(data).GetColumn<float>("Score").ToArray();
        Close(direct.Predict(x, o), scores);
        Assert.True(MLNetData.MaxRelativeDifference(scores.Select(v => (double)v).ToArray(), direct.Predict(x)) > 0.1);
        // The column is needed to score: a view without it is refused, naming it.
        var without = MLNetData.Numeric(ml, x, y);
        var missing = Assert.Throws<ArgumentException>(() => transformer.Transform(without));
        Assert.Contains("offset column 'Offset' is not in the data", missing.Message);
        Assert.Throws<ArgumentException>(() => loaded.GetOutputSchema(without.Schema));
        // A prediction engine reads it too.
        var engine = ml.Model.CreatePredictionEngine<Row, ScoreRow>(transformer, inputSchemaDefinition: Definition<Row>(x.Columns));
        var first = new Row { Features = OptSuiteVectors.Rows(x).First(), Label = (float)y[0], Offset = (float)o[0] };
        Assert.Equal(scores[0], engine.Predict(first).Score);
    }

    /// <summary>
    /// ML.NET's own cross-validation with the offset column: each fold's model is the direct fit on that fold's training
    /// rows with their offsets (rows identified by their features and label), and its held-out scores use the held-out
    /// rows' offsets.
    /// </summary>
    [Fact]
    public void CrossValidationFitsEveryFoldWithItsRowsOffsets()
    {
        var ml = new MLContext(seed: 0);
        var (x, y, o) = OffsetData("poisson_l2_offset");
        var data = Numeric(ml, x, y, o);
        var trainer = ml.Regression.Trainers.OptSuite(new PoissonRegressor { Lambda = 0.05, Tolerance = 1e-12 }, offsetColumnName: "Offset");
        var folds = ml.Regression.CrossValidate(data, trainer, numberOfFolds: 3);
        Assert.Equal(3, folds.Count);
        static string Key(VBuffer<float> f, float label) => $"{label:R}|{string.Join(",", f.DenseValues().Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}";
        var rowOf = OptSuiteVectors.Rows(x).Select((f, i) => (Key: Key(f, (float)y[i]), Index: i)).ToDictionary(r => r.Key, r => r.Index);
        Assert.Equal(x.Rows, rowOf.Count);   // every row is told apart by its features and label
        var seen = new HashSet<int>();
        foreach (var fold in folds)
        {
            var held = ml.Data.CreateEnumerable<Row>(fold.ScoredHoldOutSet, reuseRowObject: false, schemaDefinition: Definition<Row>(x.Columns))
                .Select(r => rowOf[Key(r.Features, r.Label)]).ToArray();
            Assert.All(held, i => Assert.True(seen.Add(i), $"row {i} held out twice"));
            int[] train = Enumerable.Range(0, x.Rows).Except(held).ToArray();
            var direct = new PoissonRegressor { Lambda = 0.05, Tolerance = 1e-12 }.Fit(x.SelectRows(train), train.Select(i => y[i]).ToArray(), null, train.Select(i => o[i]).ToArray());
            var model = Assert.IsType<OptSuiteRegressionTransformer<PoissonRegressor>>(fold.Model).Model;
            SameCoefficients(direct, model);
            float[] scores = fold.ScoredHoldOutSet.GetColumn<float>("Score").ToArray();
            Close(direct.Predict(x.SelectRows(held), held.Select(i => o[i]).ToArray()), scores);
        }
        Assert.Equal(x.Rows, seen.Count);
    }

    internal sealed class ScoreRow
    {
        public float Score { get; set; }
    }

    [Fact]
    public void ABinaryOffsetColumnMovesTheMarginAndTheModelsWithoutOffsetsRefuseIt()
    {
        var ml = new MLContext(seed: 0);
        var (x, y, o) = OffsetData("logistic_l2_offset");
        double[] y01 = y.Select(v => v > 0 ? 1.0 : 0.0).ToArray();
        var direct = new LogisticRegression { Lambda = 0.01, Tolerance = 1e-12 }.Fit(x, y01, null, o);
        var data = Binary(ml, x, y, o);
        var transformer = ml.BinaryClassification.Trainers.OptSuite(new LogisticRegression { Lambda = 0.01, Tolerance = 1e-12 }, offsetColumnName: "Offset").Fit(data);
        SameCoefficients(direct, transformer.Model);
        var scored = transformer.Transform(data);
        double[,] margin = direct.DecisionFunction(x, o), p = direct.PredictProbability(x, o);
        Close(Enumerable.Range(0, y.Length).Select(i => margin[i, 0]).ToArray(), scored.GetColumn<float>("Score").ToArray());
        Close(Enumerable.Range(0, y.Length).Select(i => p[i, 1]).ToArray(), scored.GetColumn<float>("Probability").ToArray());
        Assert.Equal(Enumerable.Range(0, y.Length).Select(i => margin[i, 0] > 0), scored.GetColumn<bool>("PredictedLabel"));
        // The pipeline file records the column.
        using var dir = new ScratchDirectory("mlnet-offset");
        var model = ml.Transforms.CopyColumns("FeaturesCopy", "Features").Append(ml.BinaryClassification.Trainers.OptSuite(new LogisticRegression { Lambda = 0.01 }, offsetColumnName: "Offset")).Fit(data);
        ml.Model.SaveWithOptSuite(model, data.Schema, dir["m.zip"]);
        using (var zip = ZipFile.OpenRead(dir["m.zip"]))
        using (var reader = new StreamReader(zip.GetEntry("pipeline.json")!.Open()))
            Assert.Contains("\"offset_column\":\"Offset\"", reader.ReadToEnd());

        var svm = Assert.Throws<ArgumentException>(() => ml.BinaryClassification.Trainers.OptSuite(new LinearSvm(), offsetColumnName: "Offset"));
        Assert.Equal("offsetColumnName", svm.ParamName);
        Assert.Contains("takes no offsets", svm.Message);
        Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.OptSuite(new Ridge(), offsetColumnName: "Offset"));
        // A bad offset value or type is named with its column.
        var nan = (double[])o.Clone();
        nan[4] = double.NaN;
        var e = Assert.Throws<ArgumentException>(() => ml.BinaryClassification.Trainers.OptSuite(new LogisticRegression(), offsetColumnName: "Offset").Fit(Binary(ml, x, y, nan)));
        Assert.Contains("Row 4 of the offset column 'Offset' is NaN", e.Message);
        var typed = Assert.Throws<ArgumentException>(() => ml.BinaryClassification.Trainers.OptSuite(new LogisticRegression(), offsetColumnName: "Label").Fit(data));
        Assert.Contains("The offset column 'Label' is Boolean", typed.Message);
    }
}
