using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Models;
using OptSuite.Models.Persistence;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Models;

/// <summary>
/// Schema 2 of the model file: the training data's index base and feature count are saved and drive the reading of
/// prediction data; sparse coefficients are stored sparsely and without indentation; version 1 files, byte order marks
/// and both coefficient forms load; a file that cannot be a model is rejected before much of it is read.
/// </summary>
public class ModelFileSchemaTests
{
    private static SvmlightDataset Heart => SvmlightReader.Read(DatasetLocator.Find("binary/heart_scale"));

    [Fact]
    public void TheIndexBaseAndFeatureCountAreSavedAndReadPredictionDataTheSameWay()
    {
        var train = SvmlightReader.Read("3 0:1 2:0.5\n-1 1:1 3:0.3\n1 0:0.2 1:0.3 3:0.9\n2 2:1 3:0.2\n"u8.ToArray(), "train.svm");
        Assert.True(train.ZeroBasedIndices);
        var m = new Ridge { Lambda = 0.1 }.Fit(train.Features, train.Labels);
        m.FeatureIndexBase = SvmlightIndexBase.ZeroBased;
        var loaded = ModelText.Load(ModelText.Save(m));
        Assert.Equal(SvmlightIndexBase.ZeroBased, loaded.FeatureIndexBase);
        Assert.Equal(new SvmlightReaderOptions { FeatureCount = 4, IndexBase = SvmlightIndexBase.ZeroBased }, loaded.ReaderOptions);

        // Rows without an index 0 look one-based on their own; the model's options read them as its training data was.
        byte[] rows = "1 1:0.3 3:0.9\n"u8.ToArray();
        var asTrained = SvmlightReader.Read(rows, "t.svm", loaded.ReaderOptions);
        Assert.Equal(((Ridge)loaded).Predict(train.Features)[2] - 0.2 * loaded.Coefficients[0], ((Ridge)loaded).Predict(asTrained.Features)[0], 12);
        Assert.Throws<DataFormatException>(() => SvmlightReader.Read("1 4:1\n"u8.ToArray(), "t.svm", loaded.ReaderOptions));

        m.FeatureIndexBase = SvmlightIndexBase.OneBased;
        var e = Assert.Throws<DataFormatException>(() => SvmlightReader.Read("1 0:1\n"u8.ToArray(), "t.svm", ModelText.Load(ModelText.Save(m)).ReaderOptions));
        Assert.Equal((1L, 3L), (e.Line, e.Column));
    }

    [Fact]
    public void Version1FilesLoadWithTheIndexBaseDetected()
    {
        var m = new LogisticRegression().Fit(Heart.Features, Heart.Labels);
        m.FeatureIndexBase = SvmlightIndexBase.OneBased;
        string v2 = ModelText.Save(m);
        Assert.Contains("\"schema_version\":2", v2);
        string v1 = v2.Replace("\"schema_version\":2", "\"schema_version\":1").Replace("\"feature_index_base\":1,", "");
        var loaded = ModelText.Load(v1);
        Assert.Equal(SvmlightIndexBase.Auto, loaded.FeatureIndexBase);
        Assert.Equal(m.Coefficients, loaded.Coefficients);
        Assert.Equal(m.Intercepts, loaded.Intercepts);
        Assert.Equal(SvmlightIndexBase.Auto, loaded.ReaderOptions.IndexBase);
        Assert.Equal(13, loaded.ReaderOptions.FeatureCount);
    }

    [Fact]
    public void SparseCoefficientsAreSavedSparselyWithoutIndentationAndBothFormsLoad()
    {
        // Heart plus 20,000 empty columns: the lasso's coefficients are almost all zero.
        var h = Heart.Features;
        var wide = new CsrMatrix(h.Rows, h.Columns + 20_000, h.RowPointers.ToArray(), h.ColumnIndices.ToArray(), h.Values.ToArray());
        var lasso = new Lasso { Lambda = 0.01 }.Fit(wide, Heart.Labels);
        Assert.InRange(lasso.NonZeroCoefficients, 1, 13);
        string text = ModelText.Save(lasso);
        Assert.DoesNotContain('\n', text);
        Assert.DoesNotContain("  ", text);
        Assert.Contains("\"coefficients\":{\"length\":20013,\"indices\":[", text);
        Assert.InRange(text.Length, 1, 4000);   // the dense, indented form took ~200 kB
        var loaded = ModelText.Load(text);
        Assert.Equal(lasso.Coefficients, loaded.Coefficients);
        Assert.Equal(lasso.Predict(wide), ((Lasso)loaded).Predict(wide));

        // The dense form of the same model loads to the same coefficients.
        int start = text.IndexOf("\"coefficients\":", StringComparison.Ordinal), end = text.IndexOf("},\"intercepts\"", start, StringComparison.Ordinal) + 1;
        string dense = text[..start] + "\"coefficients\":[" + string.Join(",", lasso.Coefficients.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "]" + text[end..];
        Assert.Equal(lasso.Coefficients, ModelText.Load(dense).Coefficients);

        foreach (string bad in new[] { "\"indices\":[", "\"length\":20013" })
        {
            string broken = bad == "\"length\":20013" ? text.Replace(bad, "\"length\":20012") : text.Replace(bad, bad + "20013,");
            Assert.Throws<InvalidDataException>(() => ModelText.Load(broken));
        }
    }

    [Fact]
    public void AByteOrderMarkIsAccepted()
    {
        var m = new Ridge().Fit(Heart.Features, Heart.Labels);
        var s = new MemoryStream();
        s.Write([0xEF, 0xBB, 0xBF]);
        m.Save(s);
        s.Position = 0;
        Assert.Equal(m.Coefficients, LinearEstimator.Load(s, "bom.json").Coefficients);
    }

    [Fact]
    public void AStreamThatIsNotAModelIsRejectedAfterItsFirstBytes()
    {
        var zeros = new EndlessStream(0);
        var e = Assert.Throws<InvalidDataException>(() => LinearEstimator.Load(zeros, "/dev/zero"));
        Assert.StartsWith("/dev/zero: not an OptSuite model file", e.Message);
        Assert.InRange(zeros.Served, 1, 1 << 20);
        if (File.Exists("/dev/zero"))
            Assert.StartsWith("/dev/zero: not an OptSuite model file", Assert.Throws<InvalidDataException>(() => LinearEstimator.Load("/dev/zero")).Message);
    }

    [Fact]
    public void AModelFileIsReadUpToABound()
    {
        // White space can precede the object: an endless run of it stops at the bound instead of exhausting memory.
        var spaces = new EndlessStream((byte)' ');
        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(spaces, "fifo", 4 << 20));
        Assert.StartsWith("fifo: larger than 4 MiB", e.Message);
        Assert.InRange(spaces.Served, 1, (4 << 20) + (1 << 16));
    }
}
