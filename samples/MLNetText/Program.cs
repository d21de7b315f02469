using Microsoft.ML;
using Microsoft.ML.Data;
using OptSuite.Data;
using OptSuite.MLNet;
using OptSuite.Models;

// Toxic-comment classification: ML.NET's text featuriser, then OptSuite's logistic regression as an ML.NET trainer, on
// the 250 Wikipedia comments of ML.NET's own test data (datasets/text, CC0; see datasets/PROVENANCE.md).
var mlContext = new MLContext(seed: 0);
var comments = mlContext.Data.LoadFromTextFile(DatasetLocator.Find("text/wikipedia-detox-250-line-data.tsv"),
    [new TextLoader.Column("Label", DataKind.Boolean, 0), new TextLoader.Column("Text", DataKind.String, 1)],
    separatorChar: '\t', hasHeader: true);
var split = mlContext.Data.TrainTestSplit(comments, testFraction: 0.2, seed: 0);

var pipeline = mlContext.Transforms.Text.FeaturizeText("Features", "Text")
    .Append(mlContext.BinaryClassification.Trainers.OptSuite(new LogisticRegression { C = 10 }));
var model = pipeline.Fit(split.TrainSet);
var metrics = mlContext.BinaryClassification.Evaluate(model.Transform(split.TestSet));
Console.WriteLine($"{model.LastTransformer.Model.Report}");
Console.WriteLine($"test AUC {metrics.AreaUnderRocCurve:F3}, accuracy {metrics.Accuracy:F3} on {split.TestSet.GetColumn<bool>("Label").Count()} comments");

// ML.NET's own Model.Save cannot hold a transformer from another assembly; SaveWithOptSuite saves the whole pipeline.
string path = Path.Combine(Path.GetTempPath(), $"toxicity-{Environment.ProcessId}.zip");
mlContext.Model.SaveWithOptSuite(model, comments.Schema, path);
var loaded = mlContext.Model.LoadWithOptSuite(path, out _);
File.Delete(path);
var engine = mlContext.Model.CreatePredictionEngine<Comment, Toxicity>(loaded);
var verdict = engine.Predict(new Comment { Text = "Thank you for the careful edit, well sourced." });
Console.WriteLine($"loaded model: P(toxic | a polite comment) = {verdict.Probability:F3}");

// A fit that did not certify its tolerance, or a loaded model that scores differently, fails the sample (and CI).
bool same = model.Transform(split.TestSet).GetColumn<float>("Score").SequenceEqual(loaded.Transform(split.TestSet).GetColumn<float>("Score"));
return model.LastTransformer.Model.Report!.Converged && same ? 0 : 1;

internal sealed class Comment
{
    public string Text { get; set; } = "";
}

internal sealed class Toxicity
{
    public float Probability { get; set; }
}
