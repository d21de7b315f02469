using Microsoft.ML;
using Microsoft.ML.Data;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.MLNet;
using OptSuite.Models;

namespace OptSuite.Tests.MLNet;

/// <summary>Bad input is an exception that names the column (and the row), from Fit, from a pipeline's schema check
/// and from Transform — never a crash or a silent fit on other data.</summary>
public class MLNetInputErrorTests
{
    private static readonly Lazy<SvmlightDataset> Heart = new(() => SvmlightReader.Read(DatasetLocator.Find("binary/heart_scale")));

    private static (MLContext, IDataView) HeartBinary()
    {
        var ml = new MLContext(seed: 0);
        return (ml, MLNetData.Binary(ml, Heart.Value.Features, Heart.Value.Labels));
    }

    private static string Fails(Action action) => Assert.ThrowsAny<ArgumentException>(action).Message;

    [Fact]
    public void MissingColumnsAreNamed()
    {
        var (ml, data) = HeartBinary();
        Assert.Contains("feature column 'Pixels' is not in the data", Fails(() => ml.BinaryClassification.Trainers.OptSuite(new LogisticRegression(), featureColumnName: "Pixels").Fit(data)));
        Assert.Contains("label column 'Target' is not in the data", Fails(() => ml.BinaryClassification.Trainers.OptSuite(new LogisticRegression(), labelColumnName: "Target").Fit(data)));
        Assert.Contains("example weight column 'W'", Fails(() => ml.BinaryClassification.Trainers.OptSuite(new LogisticRegression(), exampleWeightColumnName: "W").Fit(data)));
        // The same through a pipeline, whose schema check runs before any fit.
        var chain = ml.Transforms.CopyColumns("Copy", "Label").Append(ml.BinaryClassification.Trainers.OptSuite(new LogisticRegression(), featureColumnName: "Pixels"));
        Assert.Contains("feature column 'Pixels'", Fails(() => chain.Fit(data)));
    }

    [Fact]
    public void WrongLabelTypesSayWhatEachTaskTakes()
    {
        var ml = new MLContext(seed: 0);
        var numeric = MLNetData.Numeric(ml, Heart.Value.Features, Heart.Value.Labels);
        string binary = Fails(() => ml.BinaryClassification.Trainers.OptSuite(new LogisticRegression()).Fit(numeric));
        Assert.Contains("label column 'Label' is Single", binary);
        Assert.Contains("Boolean", binary);
        Assert.Contains("MapValueToKey(\"Label\")", Fails(() => ml.MulticlassClassification.Trainers.OptSuite(new LogisticRegression()).Fit(numeric)));
        var (_, boolean) = HeartBinary();
        Assert.Contains("label column 'Label' is Boolean; a regressor needs Single", Fails(() => ml.Regression.Trainers.OptSuite(new Ridge()).Fit(boolean)));
        // In a pipeline the schema check says the same before fitting anything.
        var chain = ml.Transforms.CopyColumns("Copy", "Label").Append(ml.BinaryClassification.Trainers.OptSuite(new LogisticRegression()));
        Assert.Contains("label column 'Label' is Single", Fails(() => chain.Fit(numeric)));
    }

    [Fact]
    public void NonFiniteFeaturesNameTheColumnRowAndSlot()
    {
        var ml = new MLContext(seed: 0);
        var x = Heart.Value.Features;
        var values = x.Values.ToArray();
        int row = 7, k = x.RowPointers[row] + 2;
        values[k] = double.NaN;
        var bad = new CsrMatrix(x.Rows, x.Columns, x.RowPointers.ToArray(), x.ColumnIndices.ToArray(), values);
        string message = Fails(() => ml.BinaryClassification.Trainers.OptSuite(new LogisticRegression()).Fit(MLNetData.Binary(ml, bad, Heart.Value.Labels)));
        Assert.Contains($"Row {row} of the feature column 'Features' has NaN in slot {x.ColumnIndices[k]}", message);
    }

    [Fact]
    public void FeaturesThatAreNotAKnownSizeSingleVectorAreRefused()
    {
        var ml = new MLContext(seed: 0);
        var rows = ml.Data.LoadFromEnumerable(new[] { new ScalarRow { Features = 1, Label = true }, new ScalarRow { Features = 2, Label = false } });
        Assert.Contains("feature column 'Features' is Single; OptSuite trainers need a vector of Single of known size",
            Fails(() => ml.BinaryClassification.Trainers.OptSuite(new LogisticRegression()).Fit(rows)));
    }

    [Fact]
    public void MissingKeysBadWeightsAndASingleClassAreNamed()
    {
        var ml = new MLContext(seed: 0);
        var x = Heart.Value.Features;
        double[] y = Heart.Value.Labels;
        // A key MapValueToKey fitted on other data does not know: key 0, a missing label.
        var keys = ml.Transforms.Conversion.MapValueToKey("Label").Fit(MLNetData.Numeric(ml, x, y.Select(v => v > 0 ? 1.0 : 2.0).ToArray()));
        var unknown = keys.Transform(MLNetData.Numeric(ml, x, y.Select((v, i) => i == 3 ? 7.0 : v > 0 ? 1.0 : 2.0).ToArray()));
        Assert.Contains("Row 3 of the label column 'Label' is a missing key", Fails(() => ml.MulticlassClassification.Trainers.OptSuite(new LogisticRegression()).Fit(unknown)));

        double[] w = y.Select((_, i) => i == 4 ? -1.0 : 1.0).ToArray();
        Assert.Contains("Row 4 of the example weight column 'Weight' is -1",
            Fails(() => ml.Regression.Trainers.OptSuite(new Ridge(), exampleWeightColumnName: "Weight").Fit(MLNetData.Numeric(ml, x, y, w))));

        string single = Fails(() => ml.BinaryClassification.Trainers.OptSuite(new LogisticRegression()).Fit(MLNetData.Binary(ml, x, y.Select(_ => 1.0).ToArray())));
        Assert.Contains("single class", single);
        Assert.Contains("label column 'Label'", single);
    }

    [Fact]
    public void TransformChecksTheFeatureColumnOfTheDataItScores()
    {
        var (ml, data) = HeartBinary();
        var transformer = ml.BinaryClassification.Trainers.OptSuite(new LogisticRegression()).Fit(data);
        var renamed = ml.Transforms.CopyColumns("Other", "Features").Fit(data).Transform(data);
        var dropped = ml.Transforms.DropColumns("Features").Fit(renamed).Transform(renamed);
        Assert.Contains("feature column 'Features' is not in the data", Fails(() => transformer.Transform(dropped)));
        var narrow = MLNetData.Binary(ml, Heart.Value.Features.WithColumns(20), Heart.Value.Labels);
        Assert.Contains("has 20 slots; the model was fitted on 13", Fails(() => transformer.Transform(narrow)));
        Assert.Contains("has 20 slots", Fails(() => transformer.GetOutputSchema(narrow.Schema)));
    }

    private sealed class ScalarRow
    {
        public float Features { get; set; }
        public bool Label { get; set; }
    }
}
