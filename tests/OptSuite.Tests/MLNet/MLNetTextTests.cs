using Microsoft.ML;
using Microsoft.ML.Data;
using OptSuite.MLNet;
using OptSuite.Models;

namespace OptSuite.Tests.MLNet;

/// <summary>OptSuite logistic regression behind ML.NET's text featuriser, on the 250 Wikipedia comments of ML.NET's own
/// test data: the pipeline fits, evaluates, serves a prediction engine and cross-validates.</summary>
public class MLNetTextTests
{
    [Fact]
    public void TextPipelineFitsTheFeaturisedDataAsTheDirectFitDoes()
    {
        var ml = new MLContext(seed: 0);
        var split = ml.Data.TrainTestSplit(MLNetData.Detox(ml), testFraction: 0.2, seed: 0);
        var featuriser = ml.Transforms.Text.FeaturizeText("Features", "Text").Fit(split.TrainSet);
        var train = ml.Data.Cache(featuriser.Transform(split.TrainSet));
        var transformer = ml.BinaryClassification.Trainers.OptSuite(new LogisticRegression { C = 10 }).Fit(train);

        // The features as ML.NET's own GetColumn reads them: same coefficients.
        var x = MLNetData.Column(train, "Features");
        double[] y = train.GetColumn<bool>("Label").Select(b => b ? 1.0 : 0.0).ToArray();
        var direct = new LogisticRegression { C = 10 }.Fit(x, y);
        Assert.True(x.Columns > 1000, $"{x.Columns} text features");
        Assert.True(x.Density < 0.05, $"density {x.Density}");
        Assert.True(MLNetData.MaxRelativeDifference(transformer.Model.Coefficients, direct.Coefficients) <= 1e-10);

        var metrics = ml.BinaryClassification.Evaluate(transformer.Transform(featuriser.Transform(split.TestSet)));
        Assert.InRange(metrics.AreaUnderRocCurve, 0.6, 1);
        Assert.InRange(metrics.Accuracy, 0.6, 1);
    }

    [Fact]
    public void PredictionEngineScoresOneCommentAsTheBatchDoes()
    {
        var ml = new MLContext(seed: 0);
        var data = MLNetData.Detox(ml);
        var model = ml.Transforms.Text.FeaturizeText("Features", "Text")
            .Append(ml.BinaryClassification.Trainers.OptSuite(new LogisticRegression()))
            .Fit(data);
        var batch = model.Transform(data);
        string[] text = batch.GetColumn<string>("Text").Take(5).ToArray();
        float[] score = batch.GetColumn<float>("Score").Take(5).ToArray();
        float[] probability = batch.GetColumn<float>("Probability").Take(5).ToArray();

        var engine = ml.Model.CreatePredictionEngine<Comment, Prediction>(model);
        for (int i = 0; i < text.Length; i++)
        {
            var p = engine.Predict(new Comment { Text = text[i] });
            Assert.Equal(score[i], p.Score);
            Assert.Equal(probability[i], p.Probability);
            Assert.Equal(score[i] > 0, p.PredictedLabel);
        }
    }

    [Fact]
    public void CrossValidationFitsOneModelPerFoldAndLeavesTheTemplateUnfitted()
    {
        var ml = new MLContext(seed: 0);
        var data = ml.Data.Cache(ml.Transforms.Text.FeaturizeText("Features", "Text").Fit(MLNetData.Detox(ml)).Transform(MLNetData.Detox(ml)));
        var template = new LogisticRegression { C = 10 };
        var folds = ml.BinaryClassification.CrossValidate(data, ml.BinaryClassification.Trainers.OptSuite(template), numberOfFolds: 3);
        Assert.Equal(3, folds.Count);
        var models = folds.Select(f => ((OptSuiteBinaryTransformer<LogisticRegression>)f.Model).Model).ToArray();
        Assert.Equal(3, models.Distinct().Count());
        Assert.True(MLNetData.MaxRelativeDifference(models[0].Coefficients, models[1].Coefficients) > 1e-3);
        Assert.All(folds, f => Assert.InRange(f.Metrics.AreaUnderRocCurve, 0.5, 1));
        Assert.False(template.IsFitted);
    }

    [Fact]
    public void PermutationFeatureImportanceReadsTheTransformer()
    {
        // ML.NET's permutation feature importance takes any ISingleFeaturePredictionTransformer: shuffling a feature the
        // model leans on must cost AUC, one it ignores nothing.
        var ml = new MLContext(seed: 0);
        var heart = OptSuite.Data.SvmlightReader.Read(OptSuite.Data.DatasetLocator.Find("binary/heart_scale"));
        var data = MLNetData.Binary(ml, heart.Features, heart.Labels);
        var transformer = ml.BinaryClassification.Trainers.OptSuite(new LogisticRegression { Penalty = Penalty.L1, C = 0.05 }).Fit(data);
        var importance = ml.BinaryClassification.PermutationFeatureImportance(transformer, data, permutationCount: 3);
        Assert.Equal(heart.Columns, importance.Length);
        double[] w = transformer.Model.Coefficients;
        int strongest = Enumerable.Range(0, w.Length).MaxBy(j => Math.Abs(w[j]));
        Assert.True(importance[strongest].AreaUnderRocCurve.Mean < -0.01, $"AUC change {importance[strongest].AreaUnderRocCurve.Mean}");
        Assert.Contains(w, v => v == 0);
        Assert.All(Enumerable.Range(0, w.Length).Where(j => w[j] == 0), j => Assert.Equal(0, importance[j].AreaUnderRocCurve.Mean));
    }

    private sealed class Comment
    {
        public string Text { get; set; } = "";
    }

    private sealed class Prediction
    {
        public float Score { get; set; }
        public float Probability { get; set; }
        public bool PredictedLabel { get; set; }
    }
}
