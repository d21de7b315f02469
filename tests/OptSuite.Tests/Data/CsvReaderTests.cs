using OptSuite.Data;
using OptSuite.LinearAlgebra;

namespace OptSuite.Tests.Data;

public class CsvReaderTests
{
    internal static CsvTable Parse(string text, CsvReaderOptions? options = null) =>
        CsvReader.Read(new StringReader(text), "t.csv", options);

    [Fact]
    public void HeaderAndCommaAreDetected()
    {
        var t = Parse("a,b,c\n1,2,3\n4,5.5,-6e2\n");
        Assert.Equal(["a", "b", "c"], t.FeatureNames);
        Assert.Null(t.Target);
        Assert.Equal(MatrixLayout.RowMajor, t.Features.Layout);
        Assert.Equal([1, 2, 3, 4, 5.5, -600], t.Features.Values.ToArray());
    }

    [Fact]
    public void NoHeaderGivesGeneratedNames()
    {
        var t = Parse("1;2\r\n3;4\r\n");
        Assert.Equal(["x1", "x2"], t.FeatureNames);
        Assert.Equal(2, t.Features.Rows);
    }

    [Fact]
    public void TabsSpacesQuotesAndComments()
    {
        Assert.Equal([1, 2, 3, 4.0], Parse("# comment\nx\ty\n1\t2\n\n3\t4\n").Features.Values.ToArray());
        var s = Parse("  p   q \n 1  2\n3 4   \n");
        Assert.Equal(["p", "q"], s.FeatureNames);
        Assert.Equal([1, 2, 3, 4.0], s.Features.Values.ToArray());
        var q = Parse("\"a, b\",\"say \"\"hi\"\"\"\n\"1\", 2\n");
        Assert.Equal(["a, b", "say \"hi\""], q.FeatureNames);
        Assert.Equal([1, 2.0], q.Features.Values.ToArray());
    }

    [Fact]
    public void TargetByNameByIndexAndFromTheEnd()
    {
        const string text = "f1,y,f2\n1,10,2\n3,30,4\n";
        var byName = Parse(text, new CsvReaderOptions { TargetName = "y" });
        Assert.Equal([10, 30.0], byName.Target!);
        Assert.Equal("y", byName.TargetName);
        Assert.Equal(["f1", "f2"], byName.FeatureNames);
        Assert.Equal([1, 2, 3, 4.0], byName.Features.Values.ToArray());
        Assert.Equal([2, 4.0], Parse(text, new CsvReaderOptions { TargetIndex = -1 }).Target!);
        Assert.Equal([1, 3.0], Parse(text, new CsvReaderOptions { TargetIndex = 0 }).Target!);
    }

    [Fact]
    public void ExplicitHeaderOptionOverridesDetection()
    {
        var t = Parse("1,2\n3,4\n", new CsvReaderOptions { HasHeader = true });
        Assert.Equal(["1", "2"], t.FeatureNames);
        Assert.Equal(1, t.Features.Rows);
    }

    [Theory]
    [InlineData("a,b\n1,\n", 2, 3, "missing")]
    [InlineData("a,b\n1,NA\n", 2, 3, "missing")]
    [InlineData("a,b\n?,1\n", 2, 1, "missing")]
    [InlineData("a,b\n1,nan\n", 2, 3, "missing")]
    [InlineData("a,b\n1,Infinity\n", 2, 3, "non-finite")]
    [InlineData("a,b\n1,x2\n", 2, 3, "not a number")]
    [InlineData("a,b\n1,2\n3\n", 3, 2, "fields")]
    [InlineData("a,b\n1,2\n3,4,5\n", 3, 5, "fields")]
    [InlineData("a,b\n\"1,2\n", 2, 1, "unterminated")]
    [InlineData("a,b\n\"1\"x,2\n", 2, 4, "after a closing quote")]
    [InlineData("# only a comment\n\n", 0, 0, "no data")]
    public void MalformedInputNamesLineAndColumn(string text, long line, long column, string problem)
    {
        var e = Assert.Throws<DataFormatException>(() => Parse(text));
        Assert.Equal("t.csv", e.FilePath);
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Contains(problem, e.Problem, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void BadOptionsNameTheParameter()
    {
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => Parse("a\n1\n", new CsvReaderOptions { TargetName = "zz" })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => Parse("1\n", new CsvReaderOptions { TargetName = "a" })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => Parse("1,2\n", new CsvReaderOptions { TargetIndex = 2 })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => Parse("1\n", new CsvReaderOptions { TargetName = "a", TargetIndex = 0 })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => Parse("1\n", new CsvReaderOptions { Delimiter = '|' })).ParamName);
    }

    [Theory]
    [InlineData("linnerud_exercise.csv", "Chins", 5.0)]
    [InlineData("linnerud_physiological.csv", "Weight", 191.0)]
    public void LinnerudLoadsAs20By3(string file, string firstName, double first)
    {
        var t = CsvReader.Read(DatasetCatalog.Resolve("regression/linnerud/" + file));
        Assert.Equal((20, 3), (t.Features.Rows, t.Features.Columns));
        Assert.Equal(firstName, t.FeatureNames[0]);
        Assert.Equal(first, t.Features[0, 0]);
    }
}
