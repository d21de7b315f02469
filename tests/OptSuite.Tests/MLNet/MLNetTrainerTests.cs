using Microsoft.ML;
using Microsoft.ML.Data;
using OptSuite.LinearAlgebra;
using OptSuite.MLNet;
using OptSuite.Models;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.MLNet;

/// <summary>
/// Each trainer kind, fitted through ML.NET on real data, gives the coefficients of the OptSuite estimator fitted
/// directly on the same numbers (the features rounded to Single, as the IDataView holds them) to 1e-10, and its score
/// columns are those coefficients' scores rounded to Single; ML.NET's evaluators read the output and agree with metrics
/// computed here from the direct fit.
/// </summary>
public class MLNetTrainerTests
{
    /// <summary>The rounding of a double to Single: half an ulp, 2⁻²⁴ relative.</summary>
    private const double SingleRounding = 6e-8;

    [SharedDatasetFact]
    public void BinaryLogisticRegressionMatchesTheDirectFitAndEvaluates()
    {
        var (x, y) = MLNetData.A9a.Value;
        var ml = new MLContext(seed: 0);
        var data = MLNetData.Binary(ml, x, y);
        var template = new LogisticRegression { C = 1 };
        var transformer = ml.BinaryClassification.Trainers.OptSuite(template).Fit(data);
        var xs = MLNetData.RoundedToSingle(x);
        var direct = new LogisticRegression { C = 1 }.Fit(xs, y);

        Assert.False(template.IsFitted);   // the trainer fits a clone
        Assert.True(MLNetData.MaxRelativeDifference(transformer.Model.Coefficients, direct.Coefficients) <= 1e-10);
        Assert.Equal(direct.Intercept, transformer.Model.Intercept, 1e-10 * Math.Abs(direct.Intercept));
        Assert.True(transformer.HasProbability);

        var scored = transformer.Transform(data);
        float[] score = scored.GetColumn<float>("Score").ToArray();
        float[] probability = scored.GetColumn<float>("Probability").ToArray();
        bool[] predicted = scored.GetColumn<bool>("PredictedLabel").ToArray();
        double[,] z = direct.DecisionFunction(xs);
        double[,] p = direct.PredictProbability(xs);
        int right = 0;
        for (int i = 0; i < y.Length; i++)
        {
            Assert.True(Math.Abs(score[i] - z[i, 0]) <= SingleRounding * Math.Abs(z[i, 0]), $"row {i}: {score[i]} vs {z[i, 0]}");
            Assert.True(Math.Abs(probability[i] - p[i, 1]) <= SingleRounding * p[i, 1] + 1e-300, $"row {i}");
            Assert.Equal(z[i, 0] > 0, predicted[i]);
            if (predicted[i] == y[i] > 0) right++;
        }

        var metrics = ml.BinaryClassification.Evaluate(scored);
        Assert.Equal((double)right / y.Length, metrics.Accuracy, 12);
        Assert.Equal(Auc(score, y), metrics.AreaUnderRocCurve, 9);
        Assert.InRange(metrics.AreaUnderRocCurve, 0.85, 0.95);
    }

    [SharedDatasetFact]
    public void BinarySvmHasNoProbabilityAndEvaluatesNonCalibrated()
    {
        var (x, y) = MLNetData.A9a.Value;
        var ml = new MLContext(seed: 0);
        var data = MLNetData.Binary(ml, x, y);
        var transformer = ml.BinaryClassification.Trainers.OptSuite(new LinearSvm { C = 0.1 }).Fit(data);
        var direct = new LinearSvm { C = 0.1 }.Fit(MLNetData.RoundedToSingle(x), y);
        Assert.True(MLNetData.MaxRelativeDifference(transformer.Model.Coefficients, direct.Coefficients) <= 1e-10);

        var scored = transformer.Transform(data);
        Assert.False(transformer.HasProbability);
        Assert.Null(scored.Schema.GetColumnOrNull("Probability"));
        var metrics = ml.BinaryClassification.EvaluateNonCalibrated(scored);
        Assert.Equal(direct.Score(MLNetData.RoundedToSingle(x), y), metrics.Accuracy, 12);
        // ML.NET's calibrated evaluation needs a probability column, and says so.
        Assert.ThrowsAny<ArgumentException>(() => ml.BinaryClassification.Evaluate(scored));
    }

    [Theory]
    [InlineData("logistic")]
    [InlineData("crammer-singer")]
    public void MulticlassMatchesTheDirectFitThroughMapValueToKey(string model)
    {
        var dna = MLNetData.Dna.Value;
        var ml = new MLContext(seed: 0);
        // MapValueToKey numbers the classes in order of appearance (3, 1, 2 here), not by value.
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(MLNetData.Numeric(ml, dna.Features, dna.Labels)).Transform(
            MLNetData.Numeric(ml, dna.Features, dna.Labels));
        // Crammer–Singer at a loose tolerance: both fits run the same iterations whatever it is, and CI time is short.
        LinearClassifier Make() => model == "logistic" ? new LogisticRegression() : new MulticlassSvm { Tolerance = 1e-3 };
        var transformer = ml.MulticlassClassification.Trainers.OptSuite(Make()).Fit(keyed);

        VBuffer<float> names = default;
        keyed.Schema["Label"].GetKeyValues(ref names);
        float[] keyValues = names.DenseValues().ToArray();
        Assert.Equal([3f, 1f, 2f], keyValues);
        double[] keys = dna.Labels.Select(v => (double)(Array.IndexOf(keyValues, (float)v) + 1)).ToArray();
        var xs = MLNetData.RoundedToSingle(dna.Features);
        var direct = Make().Fit(xs, keys);   // the same problem: classes are the keys 1..3
        Assert.True(MLNetData.MaxRelativeDifference(transformer.Model.Coefficients, direct.Coefficients) <= 1e-10);
        Assert.True(MLNetData.MaxRelativeDifference(transformer.Model.Intercepts, direct.Intercepts) <= 1e-10);
        Assert.Equal(3, transformer.ClassCount);

        var scored = ml.Transforms.Conversion.MapKeyToValue("PredictedValue", "PredictedLabel").Fit(transformer.Transform(keyed))
            .Transform(transformer.Transform(keyed));
        var score = scored.GetColumn<VBuffer<float>>("Score").Select(v => v.DenseValues().ToArray()).ToArray();
        float[] predictedValue = scored.GetColumn<float>("PredictedValue").ToArray();
        double[,] expected = direct is LogisticRegression lr ? lr.PredictProbability(xs) : direct.DecisionFunction(xs);
        int[] predicted = direct.PredictIndices(xs);
        int right = 0;
        for (int i = 0; i < keys.Length; i++)
        {
            for (int k = 0; k < 3; k++)   // slot k is key k + 1 is direct class k
                Assert.True(Math.Abs(score[i][k] - expected[i, k]) <= SingleRounding * Math.Abs(expected[i, k]) + 1e-300, $"row {i} slot {k}");
            Assert.Equal(keyValues[predicted[i]], predictedValue[i]);   // MapKeyToValue gives the original label back
            if (predictedValue[i] == dna.Labels[i]) right++;
        }

        var metrics = ml.MulticlassClassification.Evaluate(scored);
        Assert.Equal((double)right / keys.Length, metrics.MicroAccuracy, 12);
        Assert.InRange(metrics.MicroAccuracy, 0.9, 1);
    }

    [Fact]
    public void MulticlassAgreesWithTheFitOnTheOriginalLabels()
    {
        // The same optimum up to the class order: predictions and probabilities agree to the solver's tolerance.
        var dna = MLNetData.Dna.Value;
        var ml = new MLContext(seed: 0);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.OptSuite(new LogisticRegression { Tolerance = 1e-10 }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var data = MLNetData.Numeric(ml, dna.Features, dna.Labels);
        float[] predicted = pipeline.Fit(data).Transform(data).GetColumn<float>("PredictedLabel").ToArray();
        double[] direct = new LogisticRegression { Tolerance = 1e-10 }.Fit(MLNetData.RoundedToSingle(dna.Features), dna.Labels).Predict(MLNetData.RoundedToSingle(dna.Features));
        Assert.True(predicted.Zip(direct).Count(t => t.First == t.Second) >= 0.999 * direct.Length);
    }

    [Theory]
    [InlineData("lasso")]
    [InlineData("poisson")]
    public void RegressionMatchesTheDirectFitWithWeights(string model)
    {
        var abalone = MLNetData.Abalone.Value;
        double[] w = Enumerable.Range(0, abalone.Rows).Select(i => 1.0 + i % 3).ToArray();
        var ml = new MLContext(seed: 0);
        var data = MLNetData.Numeric(ml, abalone.Features, abalone.Labels, w);
        LinearRegressor Make() => model == "lasso" ? new Lasso { Lambda = 0.01 } : new PoissonRegressor { Lambda = 1e-3 };
        var transformer = ml.Regression.Trainers.OptSuite(Make(), exampleWeightColumnName: "Weight").Fit(data);
        var xs = MLNetData.RoundedToSingle(abalone.Features);
        double[] ys = abalone.Labels.Select(v => (double)(float)v).ToArray();
        var direct = Make().Fit(xs, ys, w);
        Assert.True(MLNetData.MaxRelativeDifference(transformer.Model.Coefficients, direct.Coefficients) <= 1e-10);
        Assert.Equal(direct.Intercept, transformer.Model.Intercept, 1e-10 * Math.Abs(direct.Intercept));
        // Without the weights the fit is another one.
        var unweighted = ml.Regression.Trainers.OptSuite(Make()).Fit(data);
        Assert.True(MLNetData.MaxRelativeDifference(unweighted.Model.Coefficients, direct.Coefficients) > 1e-6);

        var scored = transformer.Transform(data);
        float[] score = scored.GetColumn<float>("Score").ToArray();
        double[] expected = direct.Predict(xs);
        double squares = 0;
        for (int i = 0; i < score.Length; i++)
        {
            Assert.True(Math.Abs(score[i] - expected[i]) <= SingleRounding * Math.Abs(expected[i]), $"row {i}");
            squares += (score[i] - ys[i]) * (score[i] - ys[i]);
        }
        var metrics = ml.Regression.Evaluate(scored);
        Assert.Equal(Math.Sqrt(squares / score.Length), metrics.RootMeanSquaredError, 9);
    }

    /// <summary>The area under the ROC curve by ranks (ties count a half), as ML.NET's exact AUC.</summary>
    private static double Auc(float[] score, double[] y)
    {
        var order = Enumerable.Range(0, score.Length).OrderBy(i => score[i]).ToArray();
        double rankSum = 0;
        for (int a = 0; a < order.Length;)
        {
            int b = a;
            while (b < order.Length && score[order[b]] == score[order[a]]) b++;
            double rank = (a + 1 + b) / 2.0;
            for (int k = a; k < b; k++) if (y[order[k]] > 0) rankSum += rank;
            a = b;
        }
        double positives = y.Count(v => v > 0), negatives = y.Length - positives;
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }
}
