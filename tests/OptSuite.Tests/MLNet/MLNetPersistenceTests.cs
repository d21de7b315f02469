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
    public void MulticlassPipelineWithTextKeysRoundTrips()
    {
        var ml = new MLContext(seed: 0);
        var dna = MLNetData.Dna.Value;
        string[] names = ["EI", "IE", "N"];   // the Statlog DNA classes: exon/intron boundary, intron/exon boundary, neither
        // Dense feature vectors this time, and text classes.
        var data = ml.Data.LoadFromEnumerable(
            MLNetData.Binary(ml, dna.Features, dna.Labels).GetColumn<VBuffer<float>>("Features")
                .Select((f, i) => new TextRow { Features = ToDense(f), Class = names[(int)dna.Labels[i] - 1] }).ToList(),
            TextRow.Definition(dna.Columns));
        var model = ml.Transforms.Conversion.MapValueToKey("Label", "Class")
            .Append(ml.MulticlassClassification.Trainers.OptSuite(new MulticlassSvm { Strategy = MulticlassStrategy.OneVsRest }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedClass", "PredictedLabel"))
            .Fit(data);
        var stream = new MemoryStream();
        ml.Model.SaveWithOptSuite(model, data.Schema, stream);
        stream.Position = 0;
        var loaded = (TransformerChain<ITransformer>)ml.Model.LoadWithOptSuite(stream, out _);

        Assert.Equal(3, loaded.Count());
        var svm = Assert.IsType<OptSuiteMulticlassTransformer<MulticlassSvm>>(loaded.ElementAt(1));
        Assert.Equal(3, svm.ClassCount);
        var scored = loaded.Transform(data);
        VBuffer<ReadOnlyMemory<char>> slots = default, keys = default;
        scored.Schema["Score"].GetSlotNames(ref slots);
        scored.Schema["Label"].GetKeyValues(ref keys);
        Assert.Equal(["N", "EI", "IE"], keys.DenseValues().Select(v => v.ToString()));          // order of appearance
        Assert.Equal(["N", "EI", "IE"], slots.DenseValues().Select(v => v.ToString()));         // score slot k is key k + 1
        string[] before = model.Transform(data).GetColumn<string>("PredictedClass").ToArray();
        Assert.Equal(before, scored.GetColumn<string>("PredictedClass"));
        Assert.Equal(model.Transform(data).GetColumn<VBuffer<float>>("Score").SelectMany(v => v.DenseValues().ToArray()),
            scored.GetColumn<VBuffer<float>>("Score").SelectMany(v => v.DenseValues().ToArray()));
        Assert.True(before.Zip(dna.Labels).Count(t => t.First == names[(int)t.Second - 1]) > 0.9 * before.Length);
    }

    private static VBuffer<float> ToDense(VBuffer<float> v)
    {
        var dense = new float[v.Length];
        v.CopyTo(dense);
        return new VBuffer<float>(dense.Length, dense);
    }

    private sealed class TextRow
    {
        public VBuffer<float> Features;
        public string Class = "";

        public static SchemaDefinition Definition(int features)
        {
            var definition = SchemaDefinition.Create(typeof(TextRow));
            definition["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
            return definition;
        }
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
