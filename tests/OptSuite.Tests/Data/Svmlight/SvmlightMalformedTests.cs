using System.Text;
using OptSuite.Data;
using static OptSuite.Tests.Data.Svmlight.SvmlightTestText;

namespace OptSuite.Tests.Data.Svmlight;

public class SvmlightMalformedTests
{
    private static readonly SvmlightReaderOptions OneBased = new() { IndexBase = SvmlightIndexBase.OneBased };
    private static readonly SvmlightReaderOptions ZeroBased = new() { IndexBase = SvmlightIndexBase.ZeroBased };

    [Theory]
    [InlineData("1 1:1\nabc 1:1\n", 2, 1, "label is not a number", "abc")]
    [InlineData("1x 1:1\n", 1, 1, "label is not a number", "1x")]
    [InlineData("1:2 3:4\n", 1, 1, "does not start with a label", "1:2")]
    [InlineData("nan 1:1\n", 1, 1, "label is not a finite number", "nan")]
    [InlineData("-inf 1:1\n", 1, 1, "label is not a finite number", "-inf")]
    [InlineData("Infinity 1:1\n", 1, 1, "label is not a finite number", "Infinity")]
    [InlineData("1e400 1:1\n", 1, 1, "label is not a finite number", "1e400")]
    [InlineData("1 1:1 2\n", 1, 7, "missing ':'", "2")]
    [InlineData("1 1:1 x:2\n", 1, 7, "malformed feature", "x:2")]
    [InlineData("1 1:1 :2\n", 1, 7, "malformed feature", ":2")]
    [InlineData("1 1.5:2\n", 1, 3, "not a non-negative integer", "1.5:2")]
    [InlineData("1 -3:1\n", 1, 3, "negative feature index", "-3:1")]
    [InlineData("1 3:1 2:1\n", 1, 7, "must increase", "2:1")]
    [InlineData("1 3:1 3:2\n", 1, 7, "duplicate feature index 3", "3:2")]
    [InlineData("1 1:nan\n", 1, 3, "feature value is not a finite number", "1:nan")]
    [InlineData("1 1:NaN\n", 1, 3, "feature value is not a finite number", "1:NaN")]
    [InlineData("1 1:inf\n", 1, 3, "feature value is not a finite number", "1:inf")]
    [InlineData("1 1:-Infinity\n", 1, 3, "feature value is not a finite number", "1:-Infinity")]
    [InlineData("1 1:1e999\n", 1, 3, "feature value is not a finite number", "1:1e999")]
    [InlineData("1 1:\n", 1, 3, "missing value after ':'", "1:")]
    [InlineData("1 1: 2\n", 1, 3, "missing value after ':'", "1:")]
    [InlineData("1 1:2x\n", 1, 3, "feature value is not a number", "1:2x")]
    [InlineData("1 1:1:2\n", 1, 3, "feature value is not a number", "1:1:2")]
    [InlineData("1 1:1,2\n", 1, 3, "feature value is not a number", "1:1,2")]
    [InlineData("1 3000000000:1\n", 1, 3, "feature index too large", "3000000000:1")]
    [InlineData("1 99999999999999999999999999:1\n", 1, 3, "feature index too large", "99999999999999999999999999:1")]
    [InlineData("1 qid:1 1:1\n2 1:1\n", 2, 1, "has no qid", "2 1:1")]
    [InlineData("1 1:1\n2 qid:3 1:1\n", 2, 1, "has a qid", "2 qid:3 1:1")]
    [InlineData("1 1:1 qid:2\n", 1, 7, "qid: must come right after the label", "qid:2")]
    [InlineData("1 qid:x 1:1\n", 1, 3, "qid is not an integer", "qid:x")]
    [InlineData("1 quid:1 1:1\n", 1, 3, "expected index:value or qid", "quid:1")]
    [InlineData("# c\r\n\r\n1 1:1 5\r\n", 3, 7, "missing ':'", "5")]
    [InlineData("1 1:1\nbad\n1 1:1\nworse\n", 2, 1, "label is not a number", "bad")]
    [InlineData("\u0001\u0002garbage\u0000\n", 1, 1, "label is not a number", null)]
    public void MalformedInputPointsAtTheOffendingText(string text, long line, long column, string problem, string? offending)
    {
        var e = Fails(text);
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Contains(problem, e.Problem);
        if (offending is not null) Assert.Equal(offending, e.OffendingText);
        Assert.StartsWith($"t.svm:{line}:{column}: ", e.Message);
    }

    [Fact]
    public void IndexZeroIsAnErrorWhenOneBased()
    {
        var e = Fails("1 1:1\n-1 0:1 2:1\n", OneBased);
        Assert.Equal((2L, 4L, "0:1"), (e.Line, e.Column, e.OffendingText));
        Assert.Contains("feature index 0 in a one-based file", e.Problem);
    }

    [Fact]
    public void IndexBeyondTheFeatureCountIsAnError()
    {
        var e = Fails("1 1:1 5:1 7:1\n", new SvmlightReaderOptions { FeatureCount = 4 });
        Assert.Equal((1L, 7L, "5:1"), (e.Line, e.Column, e.OffendingText));
        Assert.Contains("feature count is 4", e.Problem);
        var z = Fails("1 4:1\n", ZeroBased with { FeatureCount = 4 });
        Assert.Equal((1L, 3L), (z.Line, z.Column));
        Assert.Contains("at most 3", z.Problem);
    }

    [Fact]
    public void UnderAutoAnIndexEqualToTheFeatureCountFailsOnlyIfTheFileIsZeroBased()
    {
        var options = new SvmlightReaderOptions { FeatureCount = 4 };
        Assert.Equal(4, Read("1 4:1\n1 1:1\n", options).Columns);
        var e = Fails("1 2:1 4:1\n1 3:1\n1 0:1\n", options);
        Assert.Equal((1L, 7L, "4:1"), (e.Line, e.Column, e.OffendingText));
        Assert.Contains("zero-based", e.Problem);
        var huge = Fails("1 0:1 2147483647:1\n");
        Assert.Equal((1L, 7L), (huge.Line, huge.Column));
    }

    [Fact]
    public void AnErrorDeepInALargeFileHasItsTrueLineNumber()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 5000; i++) sb.Append(i % 2 == 0 ? "1" : "-1").Append(" 1:0.25 7:3\n").Append(i % 100 == 0 ? "# c\n" : "");
        sb.Append("1 1:0.25 7:oops\n");
        for (int i = 0; i < 100; i++) sb.Append("1 1:1\n");
        var e = Fails(sb.ToString());
        Assert.Equal((5000L + 50 + 1, 10L, "7:oops"), (e.Line, e.Column, e.OffendingText));
    }

    [Theory]
    [InlineData("1,,3 1:1\n", 1, 1, "label is not a number")]
    [InlineData("1,nan 1:1\n", 1, 1, "not a finite number")]
    [InlineData("1, 1:1\n", 1, 1, "label is not a number")]
    [InlineData("1,2 1:1 1:1\n", 1, 9, "duplicate")]
    public void MalformedMultiLabelLines(string text, long line, long column, string problem)
    {
        var e = Fails(text, multiLabel: true);
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Contains(problem, e.Problem);
    }

    [Fact]
    public void RandomCorruptionOnlyEverGivesDataFormatExceptionsOrFiniteData()
    {
        const string valid = "1 qid:3 1:0.5 3:-2e-3 10:7\n-1 qid:3 2:1.25e2 4:0.001\n# c\n1 qid:4 5:3\n";
        var rng = new Random(17);
        byte[] bytes = Encoding.ASCII.GetBytes(valid);
        byte[] alphabet = Encoding.ASCII.GetBytes("0123456789 -+.eE\n#:qid,\t\rnaN");
        for (int trial = 0; trial < 3000; trial++)
        {
            var b = (byte[])bytes.Clone();
            for (int k = rng.Next(1, 4); k > 0; k--) b[rng.Next(b.Length)] = alphabet[rng.Next(alphabet.Length)];
            try
            {
                var d = SvmlightReader.Read(b, "t.svm", new SvmlightReaderOptions { ChunkBytes = 1 + trial % 40 });
                Assert.True(d.Features.Values.ToArray().All(double.IsFinite));
                Assert.True(d.Labels.All(double.IsFinite));
            }
            catch (DataFormatException e)
            {
                Assert.Equal("t.svm", e.FilePath);
                Assert.True(e.Line >= 1);
            }
        }
    }
}
