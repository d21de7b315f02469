using System.Globalization;
using System.Text;
using OptSuite.Data;
using OptSuite.Data.Shards;
using OptSuite.LinearAlgebra;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Data.Shards;

/// <summary>
/// CSV and Matrix Market to shards: the dataset holds exactly the matrix of <see cref="CsvReader"/> and
/// <see cref="MatrixMarketReader"/> (duplicates summed in the reader's order, symmetric files mirrored, explicit zeros
/// kept) with the labels taken from the named column or file — whether a coordinate file is in row order (written as
/// read) or not (sorted through many temporary buckets, which are removed).
/// </summary>
public sealed class ShardConverterTableTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    [Theory]
    [InlineData(ShardStorage.Dense, "y")]
    [InlineData(ShardStorage.Sparse, "-1")]
    public void CsvGivesTheReadersTableWithTheNamedLabelColumn(ShardStorage storage, string label)
    {
        using var scratch = new ScratchDirectory("convert");
        var rng = new Random(1);
        var text = new StringBuilder("a,b,c,y\n# a comment\n");
        for (int i = 0; i < 300; i++)
            text.Append(Inv, $"{rng.Next(3) * 0.25:R},{(rng.NextDouble() < 0.5 ? 0 : rng.NextDouble()):R},{-rng.NextDouble():R},{i % 4}\n");
        string input = scratch["t.csv"];
        File.WriteAllText(input, text.ToString());
        var csv = label == "y" ? new CsvReaderOptions { TargetName = "y" } : new CsvReaderOptions { TargetIndex = -1 };
        var expected = CsvReader.Read(input, csv);

        var r = ShardConverter.Convert(input, scratch["s"], new ShardConverterOptions { ShardBytes = 1024, Storage = storage, Csv = csv });

        var m = ShardDatasets.AssertHolds(scratch["s"], expected.Features, expected.Target!);
        Assert.True(m.Shards.Count > 5);
        Assert.Equal(LabelKind.Multiclass, m.Labels.Kind);
        Assert.Equal("csv", r.Manifest.Source!.Format);
    }

    [Fact]
    public void CsvNeedsALabelColumnAndReportsBadRowsByLine()
    {
        using var scratch = new ScratchDirectory("convert");
        File.WriteAllText(scratch["t.csv"], "1,2\n3,4\n5,x\n");
        Assert.Throws<ArgumentException>(() => ShardConverter.Convert(scratch["t.csv"], scratch["a"]));
        var e = Assert.Throws<DataFormatException>(() => ShardConverter.Convert(scratch["t.csv"], scratch["b"],
            new ShardConverterOptions { Csv = new CsvReaderOptions { TargetIndex = 0 } }));
        Assert.Equal((3L, 3L), (e.Line, e.Column));
        Assert.False(Directory.Exists(scratch["a"]) || Directory.Exists(scratch["b"]));
    }

    /// <summary>Random coordinate entries, some repeated three times (summed in file order) and some explicit zeros.</summary>
    private static List<(int I, int J, double V)> Entries(Random rng, int rows, int cols, bool lower)
    {
        var list = new List<(int, int, double)>();
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < (lower ? i + 1 : cols); j++)
            {
                double u = rng.NextDouble();
                if (u < 0.2) list.Add((i, j, Math.Round(rng.NextDouble() * 20 - 10, 3)));
                else if (u < 0.22) list.Add((i, j, 0.0));
                else if (u < 0.25) for (int k = 0; k < 3; k++) list.Add((i, j, 0.1 * (k + 1) + rng.NextDouble()));
            }
        return list;
    }

    private static string Coordinate(string symmetry, int rows, int cols, IEnumerable<(int I, int J, double V)> entries)
    {
        var e = entries.ToList();
        var text = new StringBuilder($"%%MatrixMarket matrix coordinate real {symmetry}\n% test\n{rows} {cols} {e.Count}\n");
        foreach (var (i, j, v) in e) text.Append(Inv, $"{i + 1} {j + 1} {v:R}\n");
        return text.ToString();
    }

    [Theory]
    [InlineData("general", false)]
    [InlineData("general", true)]
    [InlineData("symmetric", true)]
    [InlineData("skew-symmetric", true)]
    public void CoordinateFilesGiveTheReadersMatrixSortedOrNot(string symmetry, bool shuffle)
    {
        using var scratch = new ScratchDirectory("convert");
        var rng = new Random(symmetry.Length + (shuffle ? 1 : 0));
        int n = 400, p = symmetry == "general" ? 30 : 400;
        var entries = Entries(rng, n, p, lower: symmetry != "general");
        if (symmetry == "skew-symmetric") entries.RemoveAll(e => e.I == e.J);
        if (shuffle) entries = [.. entries.OrderBy(_ => rng.Next())];
        string input = scratch["m.mtx"];
        File.WriteAllText(input, Coordinate(symmetry, n, p, entries));
        var (x, y) = ShardDatasets.SplitColumn(MatrixMarketReader.ReadSparse(input), 2);

        var r = ShardConverter.Convert(input, scratch["s"], new ShardConverterOptions
        {
            ShardBytes = 4096,
            MatrixMarketLabelColumn = 2,
            ScatterEntries = 500,
            TemporaryDirectory = scratch.Path,
        });

        var m = ShardDatasets.AssertHolds(scratch["s"], x, y);
        Assert.True(m.Shards.Count > 5, $"{m.Shards.Count} shards");
        Assert.Equal(2, r.Passes);
        bool sorted = !shuffle && symmetry == "general";
        Assert.Equal(sorted, r.Notes.Count == 0);
        if (!sorted) Assert.Contains(r.Notes, note => note.Contains("bucket", StringComparison.Ordinal) && !note.Contains(" 1 temporary", StringComparison.Ordinal));
        Assert.Equal(["m.mtx", "s"], Directory.EnumerateFileSystemEntries(scratch.Path).Select(Path.GetFileName).Order());
    }

    [Theory]
    [InlineData("general", ".mtx")]
    [InlineData("symmetric", ".txt")]
    public void ArrayFilesAreDenseWithLabelsFromAFile(string symmetry, string labelsExtension)
    {
        using var scratch = new ScratchDirectory("convert");
        var rng = new Random(7);
        int n = 60, p = symmetry == "general" ? 9 : 60;
        var text = new StringBuilder($"%%MatrixMarket matrix array real {symmetry}\n{n} {p}\n");
        for (int j = 0; j < p; j++)
            for (int i = symmetry == "general" ? 0 : j; i < n; i++)
                text.Append(Inv, $"{(rng.NextDouble() < 0.3 ? 0 : rng.NextDouble() + 0.5):R}\n");
        string input = scratch["a.mtx"];
        File.WriteAllText(input, text.ToString());
        var labels = Enumerable.Range(0, n).Select(i => (double)(i % 2)).ToArray();
        string labelsFile = scratch["y" + labelsExtension];
        File.WriteAllText(labelsFile, labelsExtension == ".mtx"
            ? $"%%MatrixMarket matrix array real general\n{n} 1\n" + string.Join('\n', labels) + "\n"
            : string.Join('\n', labels) + "\n");
        var expected = MatrixMarketReader.ReadDense(input);

        var r = ShardConverter.Convert(input, scratch["d"], new ShardConverterOptions { ShardBytes = 2048, LabelsFile = labelsFile, ScatterEntries = 100 });
        var m = ShardDatasets.AssertHolds(scratch["d"], expected, labels);
        Assert.Equal(ShardStorage.Dense, m.Storage);
        Assert.Equal((long)n * p, m.NonZeros);
        Assert.NotEmpty(r.Notes);   // column-major: not in row order

        ShardConverter.Convert(input, scratch["s"], new ShardConverterOptions { ShardBytes = 2048, LabelsFile = labelsFile, Storage = ShardStorage.Sparse });
        ShardDatasets.AssertHolds(scratch["s"], ShardDatasets.Sparse(expected), labels);
    }

    [Fact]
    public void MatrixMarketErrorsNameTheFileAndLeaveNothing()
    {
        using var scratch = new ScratchDirectory("convert");
        File.WriteAllText(scratch["m.mtx"], "%%MatrixMarket matrix coordinate real general\n3 3 3\n1 1 1\n2 4 1\n3 3 1\n");
        var e = Assert.Throws<DataFormatException>(() => ShardConverter.Convert(scratch["m.mtx"], scratch["s"],
            new ShardConverterOptions { MatrixMarketLabelColumn = 0 }));
        Assert.Equal((scratch["m.mtx"], 4L, 3L), (e.FilePath, e.Line, e.Column));
        Assert.False(Directory.Exists(scratch["s"]));

        File.WriteAllText(scratch["ok.mtx"], "%%MatrixMarket matrix coordinate real general\n3 3 1\n1 1 1\n");
        var noLabels = Assert.Throws<ArgumentException>(() => ShardConverter.Convert(scratch["ok.mtx"], scratch["s"]));
        Assert.Contains("no labels", noLabels.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ShardConverter.Convert(scratch["ok.mtx"], scratch["s"],
            new ShardConverterOptions { MatrixMarketLabelColumn = 3 }));
        File.WriteAllText(scratch["y.txt"], "1\n2\n");
        var short_ = Assert.Throws<DataFormatException>(() => ShardConverter.Convert(scratch["ok.mtx"], scratch["s"],
            new ShardConverterOptions { LabelsFile = scratch["y.txt"] }));
        Assert.Contains("2 labels", short_.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(scratch["s"]));

        // A tiny file announcing a huge row count is refused as the reader refuses it, not written as empty rows.
        File.WriteAllText(scratch["huge.mtx"], "%%MatrixMarket matrix coordinate real general\n2000000000 3 1\n1 1 1\n");
        var huge = Assert.Throws<DataFormatException>(() => ShardConverter.Convert(scratch["huge.mtx"], scratch["s"],
            new ShardConverterOptions { MatrixMarketLabelColumn = 0 }));
        Assert.Equal(2, huge.Line);
        Assert.Throws<DataFormatException>(() => MatrixMarketReader.Read(scratch["huge.mtx"]));
        Assert.False(Directory.Exists(scratch["s"]));
    }

    [Fact]
    public void EmptyRowsAndAnEmptyMatrixAreKept()
    {
        using var scratch = new ScratchDirectory("convert");
        File.WriteAllText(scratch["m.mtx"], "%%MatrixMarket matrix coordinate pattern general\n6 4 3\n2 1\n2 3\n5 4\n");
        var (x, y) = ShardDatasets.SplitColumn(MatrixMarketReader.ReadSparse(scratch["m.mtx"]), 0);
        ShardConverter.Convert(scratch["m.mtx"], scratch["s"], new ShardConverterOptions { MatrixMarketLabelColumn = 0 });
        var m = ShardDatasets.AssertHolds(scratch["s"], x, y);
        Assert.Equal([0.0, 1, 0, 0, 0, 0], y);
        Assert.Equal(6, m.Rows);
        File.WriteAllText(scratch["e.mtx"], "%%MatrixMarket matrix coordinate real general\n0 3 0\n");
        var r = ShardConverter.Convert(scratch["e.mtx"], scratch["e"], new ShardConverterOptions { MatrixMarketLabelColumn = -1 });
        Assert.Equal((0, 2, 0), (r.Manifest.Rows, r.Manifest.Columns, r.Manifest.Shards.Count));
    }
}
