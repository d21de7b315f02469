using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using OptSuite.MLNet;
using OptSuite.Models;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.MLNet;

/// <summary>
/// ML.NET's model format cannot hold an OptSuite transformer (its save API is internal to ML.NET), so
/// mlContext.Model.Save says so, and SaveWithOptSuite / LoadWithOptSuite round-trip whole pipelines: ML.NET's parts as
/// ML.NET saves them, OptSuite's models as OptSuite's JSON, predictions bit for bit.
/// </summary>
public class MLNetPersistenceTests
{
    [Fact]
    public void MLNetSaveRefusesAndPointsToSaveWithOptSuite()
    {
        var ml = new MLContext(seed: 0);
        var data = MLNetData.Detox(ml);
        var model = ml.Transforms.Text.FeaturizeText("Features", "Text").Append(ml.BinaryClassification.Trainers.OptSuite(new LogisticRegression())).Fit(data);
        var e = Assert.Throws<NotSupportedException>(() => ml.Model.Save(model, data.Schema, new MemoryStream()));
        Assert.Contains("SaveWithOptSuite", e.Message);
        Assert.Contains("internal", e.Message);
    }

    [Fact]
    public void TextPipelineRoundTripsAndScoresBitForBit()
    {
        var ml = new MLContext(seed: 0);
        var data = MLNetData.Detox(ml);
        var model = ml.Transforms.Text.FeaturizeText("Features", "Text").Append(ml.BinaryClassification.Trainers.OptSuite(new LogisticRegression())).Fit(data);
        using var dir = new ScratchDirectory();
        string path = Path.Combine(dir.Path, "toxicity.zip");
        ml.Model.SaveWithOptSuite(model, data.Schema, path);

        var loaded = ml.Model.LoadWithOptSuite(path, out var schema);
        Assert.Equal(data.Schema.Select(c => (c.Name, c.Type)), schema.Select(c => (c.Name, c.Type)));
        var last = Assert.IsType<OptSuiteBinaryTransformer<LogisticRegression>>(((TransformerChain<ITransformer>)loaded).LastTransformer);
        Assert.Equal(model.LastTransformer.Model.Coefficients, last.Model.Coefficients);
        Assert.Equal(model.Transform(data).GetColumn<float>("Score"), loaded.Transform(data).GetColumn<float>("Score"));
        Assert.Equal(model.Transform(data).GetColumn<float>("Probability"), loaded.Transform(data).GetColumn<float>("Probability"));

        // The OptSuite part is OptSuite's own model file, readable without ML.NET.
        using var zip = ZipFile.OpenRead(path);
        var entry = zip.Entries.Single(z => z.Name.EndsWith(".model.json", StringComparison.Ordinal));
        using var json = new MemoryStream();
        using (var s = entry.Open()) s.CopyTo(json);
        json.Position = 0;
        Assert.Equal(model.LastTransformer.Model.Coefficients, Assert.IsType<LogisticRegression>(LinearEstimator.Load(json)).Coefficients);
    }

    [Fact]
    public void MulticlassPipelineWithKeyMappingsRoundTrips()
    {
        var ml = new MLContext(seed: 0);
        var dna = MLNetData.Dna.Value;
        var data = MLNetData.Numeric(ml, dna.Features, dna.Labels);
        var model = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.OptSuite(new MulticlassSvm { Strategy = MulticlassStrategy.OneVsRest }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"))
            .Fit(data);
        var stream = new MemoryStream();
        ml.Model.SaveWithOptSuite(model, data.Schema, stream);
        stream.Position = 0;
        var loaded = (TransformerChain<ITransformer>)ml.Model.LoadWithOptSuite(stream, out _);

        Assert.Equal(3, loaded.Count());
        var svm = Assert.IsType<OptSuiteMulticlassTransformer<MulticlassSvm>>(loaded.ElementAt(1));
        Assert.Equal(3, svm.ClassCount);
        float[] before = model.Transform(data).GetColumn<float>("PredictedLabel").ToArray();
        Assert.Equal(before, loaded.Transform(data).GetColumn<float>("PredictedLabel"));
        Assert.Equal(model.Transform(data).GetColumn<VBuffer<float>>("Score").SelectMany(v => v.DenseValues()),
            loaded.Transform(data).GetColumn<VBuffer<float>>("Score").SelectMany(v => v.DenseValues()));
        Assert.True(before.Zip(dna.Labels).Count(t => t.First == t.Second) > 0.9 * before.Length);
    }

    [Fact]
    public void OtherFilesAreRefusedByName()
    {
        var ml = new MLContext(seed: 0);
        using var dir = new ScratchDirectory();
        string text = Path.Combine(dir.Path, "notes.txt");
        File.WriteAllText(text, "not a model");
        Assert.Contains("notes.txt is not a model saved by SaveWithOptSuite", Assert.Throws<InvalidDataException>(() => ml.Model.LoadWithOptSuite(text, out _)).Message);

        // A model of ML.NET's own Save: a zip without the manifest.
        var data = MLNetData.Detox(ml);
        string mlnet = Path.Combine(dir.Path, "mlnet.zip");
        ml.Model.Save(ml.Transforms.Text.FeaturizeText("Features", "Text").Fit(data), data.Schema, mlnet);
        Assert.Contains("mlContext.Model.Load", Assert.Throws<InvalidDataException>(() => ml.Model.LoadWithOptSuite(mlnet, out _)).Message);
    }
}
