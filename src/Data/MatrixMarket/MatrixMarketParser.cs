using System.Buffers.Text;
using System.Globalization;
using System.Text;
using OptSuite.LinearAlgebra;

namespace OptSuite.Data;

/// <summary>The parsing behind <see cref="MatrixMarketReader"/>: banner, size line, then the entries.</summary>
internal static class MatrixMarketParser
{
    public static MatrixMarketResult Parse(ByteLineCursor c, MatrixMarketReaderOptions options)
    {
        var header = ReadHeader(c);
        long rows = header.Rows, cols = header.Columns, stored = header.StoredEntries;
        if (header.Format == MatrixMarketFormat.Array)
        {
            // Each value needs a digit and all but the last a line break: a header claiming more cannot be honest, and
            // checking first keeps memory proportional to the file instead of to the header's claim.
            if (rows * cols > Array.MaxLength) throw c.Error(1, $"the size line announces {rows} × {cols}, too large for one array", c.CurrentLine);
            CheckBudget(c, stored, 1, "values");
            return new MatrixMarketResult(header, null, ReadArray(c, header, options));
        }
        CheckBudget(c, stored, header.Field == MatrixMarketField.Pattern ? 2 : 3, "entries");
        // CSR needs Rows + 1 pointers whatever nnz is: bound the rows by the input size too, so a 2^31-row header on
        // a tiny file is an error and not gigabytes of pointers. Columns cost nothing once the entries are sorted
        // (see ToCsr), so a wide matrix (1000 × 2^24 with 10^4 entries) is read in memory proportional to the file.
        long limit = RowLimit(c.RemainingBytes);
        if (rows > limit)
            throw c.Error(1, $"the size line announces {rows} × {cols}; coordinate files of {c.RemainingBytes} bytes are limited to {limit} rows", c.CurrentLine);
        return new MatrixMarketResult(header, ReadCoordinate(c, header, options), null);
    }

    /// <summary>
    /// Reads the banner, the comments and the size line, leaving the cursor on the size line. For array files
    /// <see cref="MatrixMarketHeader.StoredEntries"/> is the number of values the file stores.
    /// </summary>
    public static MatrixMarketHeader ReadHeader(ByteLineCursor c)
    {
        var (format, field, symmetry) = ParseBanner(c);
        var comments = new List<string>();
        ReadOnlySpan<byte> t;
        int col;
        while (true)
        {
            if (!c.MoveNextLine()) throw c.Error(0, "the file ends before the size line");
            var line = c.CurrentLine;
            if (line.Length > 0 && line[0] == (byte)'%') { comments.Add(Encoding.UTF8.GetString(line[1..])); continue; }
            if (line.Trim(" \t"u8).Length > 0) break;
        }
        long rows = SizeToken(c, "row count"), cols = SizeToken(c, "column count");
        long stored = format == MatrixMarketFormat.Coordinate ? SizeToken(c, "entry count") : 0;
        if (c.NextToken(out t, out col)) throw c.Error(col, "unexpected extra text on the size line", t);
        if (symmetry != MatrixMarketSymmetry.General && rows != cols)
            throw c.Error(1, $"a {Word(symmetry)} matrix must be square; the size line says {rows} × {cols}", c.CurrentLine);
        if (format == MatrixMarketFormat.Array)
        {
            long n = rows;
            stored = symmetry switch
            {
                MatrixMarketSymmetry.General => rows * cols,
                MatrixMarketSymmetry.Symmetric => n * (n + 1) / 2,
                _ => n * (n - 1) / 2,
            };
        }
        return new MatrixMarketHeader(format, field, symmetry, comments, (int)rows, (int)cols, stored);
    }

    /// <summary>The most rows a coordinate file of <paramref name="bytes"/> bytes of entries may announce (see <see cref="MatrixMarketReader"/>).</summary>
    internal static long RowLimit(long bytes) => (1L << 20) + MaxDimensionPerByte * bytes;

    private const long MaxDimensionPerByte = 16;

    private static void CheckBudget(ByteLineCursor c, long count, int tokensPerEntry, string what)
    {
        // n entries of t tokens take at least 2·t·n − 1 bytes (a digit and a separator per token, no final newline).
        long needed = count == 0 ? 0 : 2L * tokensPerEntry * count - 1;
        if (needed > c.RemainingBytes || count > Array.MaxLength)
            throw c.Error(1, $"the file is too short: the size line announces {count} {what} (at least {needed} bytes) but only {c.RemainingBytes} bytes follow", c.CurrentLine);
    }

    private static (MatrixMarketFormat, MatrixMarketField, MatrixMarketSymmetry) ParseBanner(ByteLineCursor c)
    {
        if (!c.MoveNextLine()) throw c.Error(0, "the file is empty; expected a '%%MatrixMarket' banner");
        if (!c.NextToken(out var t, out int col) || !Ascii.EqualsIgnoreCase(t, "%%MatrixMarket"u8))
            throw c.Error(1, "missing Matrix Market banner; the first line must start with '%%MatrixMarket matrix'", c.CurrentLine);
        if (!c.NextToken(out t, out col)) throw c.Error(c.EndColumn, "the banner names no object; expected 'matrix'");
        if (!Ascii.EqualsIgnoreCase(t, "matrix"u8)) throw c.Error(col, "unsupported object; only 'matrix' is supported", t);
        if (!c.NextToken(out t, out col)) throw c.Error(c.EndColumn, "the banner names no format; expected 'coordinate' or 'array'");
        MatrixMarketFormat format = Ascii.EqualsIgnoreCase(t, "coordinate"u8) ? MatrixMarketFormat.Coordinate
            : Ascii.EqualsIgnoreCase(t, "array"u8) ? MatrixMarketFormat.Array
            : throw c.Error(col, "unknown format; expected 'coordinate' or 'array'", t);
        if (!c.NextToken(out t, out col)) throw c.Error(c.EndColumn, "the banner names no field; expected 'real', 'integer' or 'pattern'");
        MatrixMarketField field;
        if (Ascii.EqualsIgnoreCase(t, "real"u8) || Ascii.EqualsIgnoreCase(t, "double"u8)) field = MatrixMarketField.Real;
        else if (Ascii.EqualsIgnoreCase(t, "integer"u8)) field = MatrixMarketField.Integer;
        else if (Ascii.EqualsIgnoreCase(t, "pattern"u8)) field = MatrixMarketField.Pattern;
        else if (Ascii.EqualsIgnoreCase(t, "complex"u8)) throw c.Error(col, "complex matrices are not supported", t);
        else throw c.Error(col, "unknown field; expected 'real', 'integer', 'pattern' (or 'complex', unsupported)", t);
        if (field == MatrixMarketField.Pattern && format == MatrixMarketFormat.Array)
            throw c.Error(col, "the 'pattern' field is only valid with the 'coordinate' format", t);
        if (!c.NextToken(out t, out col)) throw c.Error(c.EndColumn, "the banner names no symmetry; expected 'general', 'symmetric' or 'skew-symmetric'");
        MatrixMarketSymmetry symmetry = Ascii.EqualsIgnoreCase(t, "general"u8) ? MatrixMarketSymmetry.General
            : Ascii.EqualsIgnoreCase(t, "symmetric"u8) ? MatrixMarketSymmetry.Symmetric
            : Ascii.EqualsIgnoreCase(t, "skew-symmetric"u8) ? MatrixMarketSymmetry.SkewSymmetric
            : Ascii.EqualsIgnoreCase(t, "hermitian"u8) ? throw c.Error(col, "hermitian matrices are complex and not supported", t)
            : throw c.Error(col, "unknown symmetry; expected 'general', 'symmetric' or 'skew-symmetric'", t);
        if (c.NextToken(out t, out col)) throw c.Error(col, "unexpected extra word in the banner", t);
        return (format, field, symmetry);
    }

    private static long SizeToken(ByteLineCursor c, string what)
    {
        if (!c.NextToken(out var t, out int col)) throw c.Error(c.EndColumn, $"the size line is missing the {what}", c.CurrentLine);
        if (!Utf8Parser.TryParse(t, out long v, out int used) || used != t.Length)
            throw c.Error(col, $"the {what} is not an integer", t);
        if (v < 0) throw c.Error(col, $"the {what} is negative", t);
        if (v > int.MaxValue) throw c.Error(col, $"the {what} exceeds {int.MaxValue}", t);
        return v;
    }

    internal static int Index(ByteLineCursor c, int limit, string what)
    {
        if (!c.NextToken(out var t, out int col)) throw c.Error(c.EndColumn, $"missing {what} index", c.CurrentLine);
        if (!Utf8Parser.TryParse(t, out long v, out int used) || used != t.Length)
            throw c.Error(col, $"the {what} index is not an integer", t);
        if (v < 1 || v > limit) throw c.Error(col, $"the {what} index is out of range 1..{limit}", t);
        return (int)v - 1;
    }

    internal static double Value(ByteLineCursor c, MatrixMarketField field, MatrixMarketReaderOptions options)
    {
        if (!c.NextToken(out var t, out int col)) throw c.Error(c.EndColumn, "missing value", c.CurrentLine);
        double v;
        if (field == MatrixMarketField.Integer)
        {
            if (!Utf8Parser.TryParse(t, out long k, out int used) || used != t.Length)
                throw c.Error(col, "the value is not an integer (the field is 'integer')", t);
            v = k;
        }
        else if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out v))
            throw c.Error(col, "the value is not a number", t);
        if (!options.AllowNonFinite && !double.IsFinite(v))
            throw c.Error(col, "non-finite value (set AllowNonFinite to accept NaN/Inf)", t);
        return v;
    }

    internal static void EndOfEntry(ByteLineCursor c)
    {
        if (c.NextToken(out var t, out int col)) throw c.Error(col, "too many values on the line", t);
    }

    internal static string Word(MatrixMarketSymmetry s) => s == MatrixMarketSymmetry.Symmetric ? "symmetric" : "skew-symmetric";

    private static CsrMatrix ReadCoordinate(ByteLineCursor c, MatrixMarketHeader h, MatrixMarketReaderOptions options)
    {
        int n = (int)h.StoredEntries;
        var ri = new int[n];
        var ci = new int[n];
        var vals = new double[n];
        long offDiagonal = 0;
        var entries = new MatrixMarketEntries(c, h, options);
        for (int k = 0; entries.Next(out int i, out int j, out double v); k++)
        {
            if (i != j && h.Symmetry != MatrixMarketSymmetry.General) offDiagonal++;
            ri[k] = i;
            ci[k] = j;
            vals[k] = v;
        }
        if (offDiagonal > 0)
        {
            if (n + offDiagonal > Array.MaxLength) throw c.Error(0, "the mirrored matrix has too many entries for 32-bit indices");
            int m = n;
            Array.Resize(ref ri, n + (int)offDiagonal);
            Array.Resize(ref ci, n + (int)offDiagonal);
            Array.Resize(ref vals, n + (int)offDiagonal);
            double sign = h.Symmetry == MatrixMarketSymmetry.SkewSymmetric ? -1 : 1;
            for (int k = 0; k < n; k++)
            {
                if (ri[k] == ci[k]) continue;
                ri[m] = ci[k];
                ci[m] = ri[k];
                vals[m] = sign * vals[k];
                m++;
            }
        }
        // Bucketing by column (FromTriplets) costs Columns + 1 pointers: fine unless the matrix is far wider than its data.
        return h.Columns <= RowLimit(ri.Length) ? CsrMatrix.FromTriplets(h.Rows, h.Columns, ri, ci, vals) : ToCsr(h.Rows, h.Columns, ri, ci, vals);
    }

    /// <summary>
    /// CSR from triplets in O(nnz + rows) memory, whatever the column count: sorts (row, column) keys, then sums
    /// duplicates in file order (as <see cref="CsrMatrix.FromTriplets"/> does, so the sums agree to the bit).
    /// </summary>
    private static CsrMatrix ToCsr(int rows, int cols, int[] ri, int[] ci, double[] vals)
    {
        int n = ri.Length;
        var keys = new long[n];
        var order = new int[n];
        for (int k = 0; k < n; k++)
        {
            keys[k] = ((long)ri[k] << 32) | (uint)ci[k];
            order[k] = k;
        }
        Array.Sort(keys, order);
        var pointers = new int[rows + 1];
        var indices = new List<int>(n);
        var values = new List<double>(n);
        for (int k = 0; k < n;)
        {
            int end = k + 1;
            while (end < n && keys[end] == keys[k]) end++;
            if (end - k > 1) Array.Sort(order, k, end - k);   // the sort is not stable: restore file order among duplicates
            double sum = vals[order[k]];
            for (int q = k + 1; q < end; q++) sum += vals[order[q]];
            pointers[(int)(keys[k] >> 32) + 1]++;
            indices.Add((int)keys[k]);
            values.Add(sum);
            k = end;
        }
        for (int i = 0; i < rows; i++) pointers[i + 1] += pointers[i];
        return new CsrMatrix(rows, cols, pointers, [.. indices], [.. values]);
    }

    private static DenseMatrix ReadArray(ByteLineCursor c, MatrixMarketHeader h, MatrixMarketReaderOptions options)
    {
        int rows = h.Rows;
        var data = new double[(long)rows * h.Columns];
        var entries = new MatrixMarketEntries(c, h, options);
        while (entries.Next(out int i, out int j, out double v))
        {
            data[(long)j * rows + i] = v;
            if (h.Symmetry == MatrixMarketSymmetry.Symmetric) data[(long)i * rows + j] = v;
            else if (h.Symmetry == MatrixMarketSymmetry.SkewSymmetric) data[(long)i * rows + j] = -v;
        }
        return new DenseMatrix(rows, h.Columns, data, MatrixLayout.ColumnMajor);
    }
}
