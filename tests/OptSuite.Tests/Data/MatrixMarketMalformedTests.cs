using OptSuite.Data;

namespace OptSuite.Tests.Data;

public class MatrixMarketMalformedTests
{
    private const string Coo = "%%MatrixMarket matrix coordinate real general\n";

    [Theory]
    [InlineData("", 0, 0, "empty")]
    [InlineData("3 3 1\n1 1 1\n", 1, 1, "banner")]
    [InlineData("%%MatrixMarket vector coordinate real general\n", 1, 16, "object")]
    [InlineData("%%MatrixMarket matrix sparse real general\n", 1, 23, "unknown format")]
    [InlineData("%%MatrixMarket matrix coordinate quaternion general\n", 1, 34, "unknown field")]
    [InlineData("%%MatrixMarket matrix coordinate complex general\n", 1, 34, "complex")]
    [InlineData("%%MatrixMarket matrix coordinate real hermitian\n", 1, 39, "hermitian")]
    [InlineData("%%MatrixMarket matrix coordinate real diagonal\n", 1, 39, "unknown symmetry")]
    [InlineData("%%MatrixMarket matrix coordinate real\n", 1, 38, "no symmetry")]
    [InlineData("%%MatrixMarket matrix coordinate real general extra\n", 1, 47, "extra")]
    [InlineData("%%MatrixMarket matrix array pattern general\n", 1, 29, "pattern")]
    [InlineData(Coo, 1, 0, "size line")]
    [InlineData(Coo + "3 3\n", 2, 4, "entry count")]
    [InlineData(Coo + "3 x 1\n", 2, 3, "column count")]
    [InlineData(Coo + "3 3 1 4\n", 2, 7, "extra")]
    [InlineData(Coo + "-3 3 1\n", 2, 1, "negative")]
    [InlineData(Coo + "3000000000 3 1\n", 2, 1, "exceeds")]
    [InlineData(Coo + "3 3 1000000000000\n1 1 1\n", 2, 5, "exceeds")]
    [InlineData(Coo + "3 3 2000000000\n1 1 1\n", 2, 1, "too short")]
    [InlineData(Coo + "2147483647 3 1\n1 1 1\n", 2, 1, "limited to")]
    [InlineData(Coo + "2 2 2\n1 1 1\n", 2, 1, "too short")]
    [InlineData(Coo + "2147483647 2147483647 2000000000\n1 1 1\n", 2, 1, "too short")]
    [InlineData("%%MatrixMarket matrix array real general\n1000000 1000000\n1\n", 2, 1, "too large")]
    [InlineData("%%MatrixMarket matrix array real symmetric\n1000 1000\n1\n", 2, 1, "too short")]
    [InlineData(Coo + "2 2 1\n0 1 1\n", 3, 1, "out of range")]
    [InlineData(Coo + "2 2 1\n1 3 1\n", 3, 3, "out of range")]
    [InlineData(Coo + "2 2 1\n1.5 1 1\n", 3, 1, "not an integer")]
    [InlineData(Coo + "2 2 1\n1 1 abc\n", 3, 5, "not a number")]
    [InlineData(Coo + "2 2 1\n1 1 nan\n", 3, 5, "non-finite")]
    [InlineData(Coo + "2 2 1\n1 1 1e400\n", 3, 5, "non-finite")]
    [InlineData(Coo + "2 2 1\n1 1       \n", 3, 4, "missing value")]
    [InlineData(Coo + "2 2 1\n1 1 1 1\n", 3, 7, "too many")]
    [InlineData(Coo + "2 2 2\n1 1 1\n% a comment line, not an entry\n", 4, 0, "ends after 1 of the 2")]
    [InlineData(Coo + "2 2 1\n1 1 1\n2 2 2\n", 4, 1, "more entries")]
    [InlineData("%%MatrixMarket matrix coordinate pattern general\n2 2 1\n1 1 5\n", 3, 5, "too many")]
    [InlineData("%%MatrixMarket matrix coordinate integer general\n2 2 1\n1 1 2.5\n", 3, 5, "not an integer")]
    [InlineData("%%MatrixMarket matrix coordinate real symmetric\n2 3 1\n1 1 1\n", 2, 1, "square")]
    [InlineData("%%MatrixMarket matrix coordinate real symmetric\n2 2 1\n1 2 1\n", 3, 1, "above the diagonal")]
    [InlineData("%%MatrixMarket matrix coordinate real skew-symmetric\n2 2 1\n1 1 1\n", 3, 1, "diagonal entry")]
    [InlineData("%%MatrixMarket matrix array real general\n2 2\n1\n2\n3\n", 2, 1, "too short")]
    [InlineData("%%MatrixMarket matrix array real general\n2 2\n1\n2\n3\n\n\n", 7, 0, "ends after 3 of the 4")]
    [InlineData("%%MatrixMarket matrix array real general\n1 1\n1\n2\n", 4, 1, "more values")]
    [InlineData("%%MatrixMarket matrix array real general\n1 2\n1 2\n", 3, 3, "too many")]
    public void MalformedInputNamesFileLineColumn(string text, long line, long column, string problem)
    {
        var e = Assert.Throws<DataFormatException>(() => MatrixMarketReaderTests.Parse(text));
        Assert.Equal("t.mtx", e.FilePath);
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Contains(problem, e.Problem, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("t.mtx", e.Message);
    }

    [Fact]
    public void OffendingTextIsReported()
    {
        var e = Assert.Throws<DataFormatException>(() => MatrixMarketReaderTests.Parse(Coo + "2 2 1\n1 1 1.2.3\n"));
        Assert.Equal("1.2.3", e.OffendingText);
        Assert.Contains("t.mtx:3:5", e.Message);
    }

    [Fact]
    public void AbsurdHeaderFailsBeforeAllocating()
    {
        // 2·10^9 claimed entries would need 48 GB of triplets; the check must fire first and allocate almost nothing.
        string text = Coo + "2147483647 2147483647 2000000000\n1 1 1\n";
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<DataFormatException>(() => MatrixMarketReaderTests.Parse(text));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }
}
