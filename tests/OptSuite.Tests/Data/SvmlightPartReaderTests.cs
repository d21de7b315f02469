using System.Text;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.LinearAlgebra.Distributed;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Data;

/// <summary>
/// Reading an svmlight file by byte ranges (<see cref="SvmlightPartReader"/>): the parts in order are the file's rows,
/// each line in exactly one part, whatever the line lengths, comments, CRLF or a last line without newline; the ranks
/// agree on the index base and the feature count; an error names the line in the whole file; compressed files are refused.
/// </summary>
public class SvmlightPartReaderTests
{
    private const string Text =
        "# header comment\n" +
        "1 1:0.5 3:2\r\n" +
        "-1 2:1 # trailing comment\n" +
        "\n" +
        "1 7:1.5\n" +
        "-1 1:1 2:2 3:3 4:4 5:5 6:6\n" +
        "1 4:0.25\n" +
        "-1 3:1";

    private static void SameRows(SvmlightDataset whole, IReadOnlyList<SvmlightDataset> parts)
    {
        Assert.Equal(whole.Labels, parts.SelectMany(p => p.Labels));
        int row = 0;
        foreach (var part in parts)
            for (int i = 0; i < part.Rows; i++, row++)
            {
                var expected = new double[whole.Columns];
                var actual = new double[whole.Columns];
                whole.Features.RowAxpy(row, 1, expected);
                part.Features.WithColumns(whole.Columns).RowAxpy(i, 1, actual);
                Assert.Equal(expected, actual);
            }
        Assert.Equal(whole.Rows, row);
    }

    [Fact]
    public void PartsInOrderAreTheFilesRowsForAnyNumberOfParts()
    {
        using var dir = new ScratchDirectory("svm-parts");
        File.WriteAllText(dir["small.svm"], Text);
        var whole = SvmlightReader.Read(dir["small.svm"]);
        for (int parts = 1; parts <= 12; parts++)
            SameRows(whole, Enumerable.Range(0, parts).Select(k => SvmlightPartReader.ReadPart(dir["small.svm"], k, parts)).ToArray());
    }

    [SharedDatasetFact]
    public void A9aSplitIntoRanksIsTheFileWithAgreedColumns()
    {
        using var dir = new ScratchDirectory("svm-parts");
        var a9a = SvmlightReader.Read(DatasetLocator.Find("binary/a9a.xz"));
        SvmlightWriter.Write(dir["a9a.svm"], a9a);
        var whole = SvmlightReader.Read(dir["a9a.svm"]);
        foreach (int k in new[] { 2, 3, 7 })
        {
            var parts = InProcessCommunicator.Run(k, comm => SvmlightPartReader.Read(dir["a9a.svm"], comm));
            Assert.All(parts, p => Assert.Equal(whole.Columns, p.Columns));
            SameRows(whole, parts);
        }
    }

    /// <summary>Only the last part holds an index 0: under Auto the whole file is zero-based, so the parts that read
    /// one-based move their columns up by one and all have the widest part's count.</summary>
    [Fact]
    public void AnIndexZeroInOnePartMakesEveryPartZeroBased()
    {
        using var dir = new ScratchDirectory("svm-parts");
        File.WriteAllText(dir["zero.svm"], "1 1:1 2:2\n-1 2:1\n1 3:1\n-1 0:5 1:1\n");
        var whole = SvmlightReader.Read(dir["zero.svm"]);
        Assert.True(whole.ZeroBasedIndices);
        var parts = InProcessCommunicator.Run(4, comm => SvmlightPartReader.Read(dir["zero.svm"], comm));
        Assert.All(parts, p => Assert.True(p.ZeroBasedIndices));
        Assert.All(parts, p => Assert.Equal(whole.Columns, p.Columns));
        SameRows(whole, parts);
        // One-based throughout when no part holds a 0.
        File.WriteAllText(dir["one.svm"], "1 1:1 2:2\n-1 2:1\n1 3:1\n-1 1:5\n");
        var oneBased = InProcessCommunicator.Run(3, comm => SvmlightPartReader.Read(dir["one.svm"], comm));
        Assert.All(oneBased, p => Assert.False(p.ZeroBasedIndices));
        Assert.All(oneBased, p => Assert.Equal(3, p.Columns));
    }

    [Fact]
    public void AnErrorInALaterPartNamesItsLineInTheWholeFile()
    {
        using var dir = new ScratchDirectory("svm-parts");
        var text = new StringBuilder();
        for (int i = 1; i <= 400; i++) text.Append(i == 333 ? "1 2:x\n" : $"{(i % 2 == 0 ? 1 : -1)} {1 + i % 5}:{i}\n");
        File.WriteAllText(dir["bad.svm"], text.ToString());
        var e = Assert.Throws<DataFormatException>(() => SvmlightPartReader.ReadPart(dir["bad.svm"], 2, 3));
        Assert.Equal(333, e.Line);
        Assert.Contains("bad.svm:333:", e.Message);
        SvmlightPartReader.ReadPart(dir["bad.svm"], 0, 3);   // the first part has no bad line
    }

    [SharedDatasetFact]
    public void CompressedFilesAreRefusedWithTheWayOut()
    {
        var e = Assert.Throws<DataFormatException>(() => SvmlightPartReader.ReadPart(DatasetLocator.Find("binary/a9a.xz"), 0, 2));
        Assert.Contains("optsuite convert", e.Message);
    }

    [Fact]
    public void WithColumnsWidensAndShiftsWithoutTouchingTheSource()
    {
        var x = new CsrMatrix(2, 3, [0, 2, 3], [0, 2, 1], [1.0, 2.0, 3.0]);
        var shifted = x.WithColumns(5, 1);
        Assert.Equal(5, shifted.Columns);
        Assert.Equal([1, 3, 2], shifted.ColumnIndices.ToArray());
        Assert.Equal([0, 2, 1], x.ColumnIndices.ToArray());
        Assert.Equal(4, x.WithColumns(4).Columns);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.WithColumns(3, 1));
    }

    [Fact]
    public void ALauncherOfAnotherMpiIsNamedWhenTheWorldHasOneRank()
    {
        Assert.Contains("Open MPI", MpiCommunicator.LauncherMismatch(1, v => v == "OMPI_COMM_WORLD_SIZE" ? "4" : null));
        Assert.Contains("PMI_SIZE=3", MpiCommunicator.LauncherMismatch(1, v => v == "PMI_SIZE" ? "3" : null));
        Assert.Null(MpiCommunicator.LauncherMismatch(1, v => v == "PMI_SIZE" ? "1" : null));
        Assert.Null(MpiCommunicator.LauncherMismatch(4, v => v == "PMI_SIZE" ? "4" : null));
        Assert.Null(MpiCommunicator.LauncherMismatch(1, _ => null));
    }
}
