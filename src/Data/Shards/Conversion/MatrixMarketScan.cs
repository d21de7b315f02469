using System.Text;

namespace OptSuite.Data.Shards;

/// <summary>
/// The first pass over a Matrix Market file: every entry read with the reader's checks (so a malformed file fails
/// before anything is written), entries counted per group of consecutive rows (for the bucket sort), and whether the
/// entries come in row order (then the second pass writes rows as it reads them).
/// </summary>
internal sealed class MatrixMarketScan
{
    /// <summary>At most this many row groups are counted (8 MB of counts), whatever the row count.</summary>
    private const int MaxGroups = 1 << 20;

    private MatrixMarketScan(MatrixMarketHeader header, long[] counts, int groupRows, bool rowOrdered, long entries)
    {
        Header = header;
        GroupCounts = counts;
        GroupRows = groupRows;
        RowOrdered = rowOrdered;
        Entries = entries;
    }

    public MatrixMarketHeader Header { get; }

    /// <summary>Entries (mirrored ones included) in rows [g·GroupRows, (g + 1)·GroupRows).</summary>
    public long[] GroupCounts { get; }

    public int GroupRows { get; }

    /// <summary>Rows ascend and, within a row, columns do not descend (repeats are duplicates, summed): no sort needed.</summary>
    public bool RowOrdered { get; }

    /// <summary>Entries of the matrix before duplicates are summed, mirrored ones included.</summary>
    public long Entries { get; }

    /// <summary>Reads just the header (the converter picks the storage from it before the dataset is created).</summary>
    public static MatrixMarketHeader ReadHeader(ConversionInput input)
    {
        using var text = input.Open("reading the header");
        return MatrixMarketParser.ReadHeader(ByteLineCursor.Streaming(text, input.Path));
    }

    public static MatrixMarketScan Run(ConversionInput input, MatrixMarketReaderOptions options)
    {
        using var text = input.Open("pass 1 of 2: checking and counting the entries");
        var c = ByteLineCursor.Streaming(text, input.Path);
        var h = MatrixMarketParser.ReadHeader(c);
        long sizeLine = c.Line, afterHeader = c.Consumed;
        string sizeText = Encoding.UTF8.GetString(c.CurrentLine);
        int groups = Math.Max(1, Math.Min(h.Rows, MaxGroups));
        int groupRows = (int)(((long)h.Rows + groups - 1) / groups);
        groupRows = Math.Max(groupRows, 1);
        var counts = new long[groups];
        bool mirrored = h.Symmetry != MatrixMarketSymmetry.General, ordered = true;
        int lastI = 0, lastJ = 0;
        long n = 0;
        var entries = new MatrixMarketEntries(c, h, options);
        while (entries.Next(out int i, out int j, out _))
        {
            counts[i / groupRows]++;
            n++;
            if (mirrored && i != j)
            {
                counts[j / groupRows]++;
                n++;
                ordered = false;   // the mirror (j, i) belongs to an earlier row
            }
            if (i < lastI || (i == lastI && j < lastJ)) ordered = false;
            (lastI, lastJ) = (i, j);
            if ((n & 0xFFFF) == 0) input.Report();
        }
        if (h.Format == MatrixMarketFormat.Coordinate)
        {
            // The reader's bound on rows per byte, so a tiny file announcing 2^31 rows is refused, not written as
            // gigabytes of empty rows.
            long bytes = c.Consumed - afterHeader, limit = MatrixMarketParser.RowLimit(bytes);
            if (h.Rows > limit)
                throw new DataFormatException(input.Path, sizeLine, 1, $"the size line announces {h.Rows} × {h.Columns}; coordinate files of {bytes} bytes are limited to {limit} rows", sizeText);
        }
        return new MatrixMarketScan(h, counts, groupRows, ordered, n);
    }
}
