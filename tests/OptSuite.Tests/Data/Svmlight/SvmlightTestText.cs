using System.Text;
using OptSuite.Data;

namespace OptSuite.Tests.Data.Svmlight;

/// <summary>Reads test text every way the reader offers (memory, stream, tiny chunks, one and two workers) and checks they agree.</summary>
internal static class SvmlightTestText
{
    public static SvmlightDataset Read(string text, SvmlightReaderOptions? options = null)
    {
        options ??= SvmlightReaderOptions.Default;
        var bytes = Encoding.UTF8.GetBytes(text);
        var reference = SvmlightReader.Read(bytes, "t.svm", options);
        foreach (var variant in Variants(options))
        {
            AssertSame(reference, SvmlightReader.Read(bytes, "t.svm", variant));
            AssertSame(reference, SvmlightReader.Read(new MemoryStream(bytes), "t.svm", variant));
        }
        return reference;
    }

    public static SvmlightMultiLabelDataset ReadMultiLabel(string text, SvmlightReaderOptions? options = null)
    {
        options ??= SvmlightReaderOptions.Default;
        var bytes = Encoding.UTF8.GetBytes(text);
        var reference = SvmlightReader.ReadMultiLabel(bytes, "t.svm", options);
        foreach (var variant in Variants(options))
        {
            var other = SvmlightReader.ReadMultiLabel(new MemoryStream(bytes), "t.svm", variant);
            Assert.Equal(reference.LabelPointers, other.LabelPointers);
            Assert.Equal(reference.LabelValues, other.LabelValues);
            AssertSameMatrix(reference.Features, other.Features);
        }
        return reference;
    }

    /// <summary>Every way must fail with the same location and problem; returns that error.</summary>
    public static DataFormatException Fails(string text, SvmlightReaderOptions? options = null, bool multiLabel = false)
    {
        options ??= SvmlightReaderOptions.Default;
        var bytes = Encoding.UTF8.GetBytes(text);
        DataFormatException Once(Func<object> read) => Assert.Throws<DataFormatException>(read);
        var first = Once(() => multiLabel ? SvmlightReader.ReadMultiLabel(bytes, "t.svm", options) : SvmlightReader.Read(bytes, "t.svm", options));
        foreach (var variant in Variants(options))
        {
            var e = Once(() => multiLabel
                ? SvmlightReader.ReadMultiLabel(new MemoryStream(bytes), "t.svm", variant)
                : SvmlightReader.Read(new MemoryStream(bytes), "t.svm", variant));
            Assert.Equal((first.Line, first.Column, first.Problem, first.OffendingText), (e.Line, e.Column, e.Problem, e.OffendingText));
            var m = Once(() => multiLabel ? SvmlightReader.ReadMultiLabel(bytes, "t.svm", variant) : SvmlightReader.Read(bytes, "t.svm", variant));
            Assert.Equal((first.Line, first.Column, first.Problem), (m.Line, m.Column, m.Problem));
        }
        Assert.Equal("t.svm", first.FilePath);
        return first;
    }

    private static IEnumerable<SvmlightReaderOptions> Variants(SvmlightReaderOptions o)
    {
        yield return o with { MaxDegreeOfParallelism = 1 };
        yield return o with { ChunkBytes = 1, MaxDegreeOfParallelism = 2 };
        yield return o with { ChunkBytes = 7, MaxDegreeOfParallelism = 3 };
        yield return o with { ChunkBytes = 40, MaxDegreeOfParallelism = 2 };
    }

    public static void AssertSame(SvmlightDataset a, SvmlightDataset b)
    {
        AssertSameMatrix(a.Features, b.Features);
        Assert.Equal(a.Labels.Select(BitConverter.DoubleToInt64Bits), b.Labels.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(a.QueryIds, b.QueryIds);
        Assert.Equal(a.ZeroBasedIndices, b.ZeroBasedIndices);
    }

    public static void AssertSameMatrix(OptSuite.LinearAlgebra.CsrMatrix a, OptSuite.LinearAlgebra.CsrMatrix b)
    {
        Assert.Equal((a.Rows, a.Columns, a.NonZeroCount), (b.Rows, b.Columns, b.NonZeroCount));
        Assert.True(a.RowPointers.SequenceEqual(b.RowPointers));
        Assert.True(a.ColumnIndices.SequenceEqual(b.ColumnIndices));
        for (int k = 0; k < a.NonZeroCount; k++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(a.Values[k]), BitConverter.DoubleToInt64Bits(b.Values[k]));
    }
}
