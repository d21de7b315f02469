using OptSuite.Data;
using OptSuite.LinearAlgebra;

namespace OptSuite.Tests.Data;

public class CsvWriterTests
{
    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    public void RoundTripIsBitExact(char delimiter)
    {
        double[] x = [0.1, 1.0 / 3, -2.2250738585072014E-308, 4.9E-324, double.MaxValue, -0.0];
        double[] y = [Math.PI, -1e-300, 42];
        var t = new CsvTable(new DenseMatrix(3, 2, (double[])x.Clone()), (double[])y.Clone(), ["a;b", "c\"d"], "target");
        var sw = new StringWriter();
        CsvWriter.Write(sw, t, delimiter);
        var back = CsvReader.Read(new StringReader(sw.ToString()), "rt.csv",
            new CsvReaderOptions { TargetName = "target", Delimiter = delimiter });
        Assert.Equal(t.FeatureNames, back.FeatureNames);
        Assert.Equal(x.Select(BitConverter.DoubleToInt64Bits), back.Features.Values.ToArray().Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(y.Select(BitConverter.DoubleToInt64Bits), back.Target!.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void FileRoundTripWithoutTarget()
    {
        string path = Path.Combine(Path.GetTempPath(), $"optsuite-csv-{Guid.NewGuid():N}.csv");
        try
        {
            var t = new CsvTable(new DenseMatrix(2, 2, [1, 2, 3, 4], MatrixLayout.ColumnMajor), null, ["u", "v"], null);
            CsvWriter.Write(path, t);
            var back = CsvReader.Read(path);
            Assert.Equal(t.Features[0, 1], back.Features[0, 1]);
            Assert.Equal([1, 3, 2, 4.0], back.Features.Values.ToArray());
            Assert.Null(back.Target);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void TableValidatesShapes()
    {
        Assert.Equal("featureNames", Assert.Throws<ArgumentException>(() => new CsvTable(new DenseMatrix(1, 2, [1, 2]), null, ["a"], null)).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => new CsvTable(new DenseMatrix(1, 1, [1]), [1, 2], ["a"], null)).ParamName);
        Assert.Equal("delimiter", Assert.Throws<ArgumentException>(() => CsvWriter.Write(new StringWriter(), new CsvTable(new DenseMatrix(1, 1, [1]), null, ["a"], null), ' ')).ParamName);
    }
}
