using System.Globalization;
using System.Text;
using OptSuite.LinearAlgebra;

namespace OptSuite.Data;

/// <summary>
/// Writes Matrix Market files that <see cref="MatrixMarketReader"/> reads back bit for bit: values use the shortest
/// round-trip representation ("R"), so no digit is lost and none is invented.
/// </summary>
public static class MatrixMarketWriter
{
    /// <summary>Writes <paramref name="matrix"/> as "coordinate real general" (or symmetric: only the lower triangle, which must then mirror the upper exactly).</summary>
    public static void Write(string path, CsrMatrix matrix, MatrixMarketSymmetry symmetry = MatrixMarketSymmetry.General,
        IEnumerable<string>? comments = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Write(stream, matrix, symmetry, comments);
    }

    /// <summary>Writes a sparse matrix to a stream (left open).</summary>
    public static void Write(Stream stream, CsrMatrix matrix, MatrixMarketSymmetry symmetry = MatrixMarketSymmetry.General,
        IEnumerable<string>? comments = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(matrix);
        CheckSparseSymmetry(matrix, symmetry);
        var rp = matrix.RowPointers;
        var ci = matrix.ColumnIndices;
        var v = matrix.Values;
        long count = 0;
        for (int i = 0; i < matrix.Rows; i++)
            for (int k = rp[i]; k < rp[i + 1]; k++)
                if (Keep(symmetry, i, ci[k])) count++;
        using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        Banner(w, "coordinate", symmetry, comments);
        w.WriteLine($"{matrix.Rows} {matrix.Columns} {count}");
        Span<char> buf = stackalloc char[64];
        for (int i = 0; i < matrix.Rows; i++)
            for (int k = rp[i]; k < rp[i + 1]; k++)
            {
                if (!Keep(symmetry, i, ci[k])) continue;
                w.Write(i + 1);
                w.Write(' ');
                w.Write(ci[k] + 1);
                w.Write(' ');
                WriteDouble(w, v[k], buf);
                w.Write('\n');
            }
    }

    /// <summary>Writes <paramref name="matrix"/> as "array real general" (or symmetric: the lower triangle), column by column.</summary>
    public static void Write(string path, DenseMatrix matrix, MatrixMarketSymmetry symmetry = MatrixMarketSymmetry.General,
        IEnumerable<string>? comments = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Write(stream, matrix, symmetry, comments);
    }

    /// <summary>Writes a dense matrix to a stream (left open).</summary>
    public static void Write(Stream stream, DenseMatrix matrix, MatrixMarketSymmetry symmetry = MatrixMarketSymmetry.General,
        IEnumerable<string>? comments = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(matrix);
        CheckSymmetry(matrix.Rows, matrix.Columns, symmetry, (i, j) => matrix[i, j], nameof(matrix));
        using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        Banner(w, "array", symmetry, comments);
        w.WriteLine($"{matrix.Rows} {matrix.Columns}");
        Span<char> buf = stackalloc char[64];
        for (int j = 0; j < matrix.Columns; j++)
            for (int i = 0; i < matrix.Rows; i++)
            {
                if (!Keep(symmetry, i, j)) continue;
                WriteDouble(w, matrix[i, j], buf);
                w.Write('\n');
            }
    }

    private static bool Keep(MatrixMarketSymmetry s, int i, int j) =>
        s == MatrixMarketSymmetry.General || i > j || (i == j && s == MatrixMarketSymmetry.Symmetric);

    private static void Banner(StreamWriter w, string format, MatrixMarketSymmetry s, IEnumerable<string>? comments)
    {
        string sym = s switch
        {
            MatrixMarketSymmetry.General => "general",
            MatrixMarketSymmetry.Symmetric => "symmetric",
            MatrixMarketSymmetry.SkewSymmetric => "skew-symmetric",
            _ => throw new ArgumentOutOfRangeException(nameof(s), s, "Unknown symmetry."),
        };
        w.WriteLine($"%%MatrixMarket matrix {format} real {sym}");
        if (comments is null) return;
        foreach (var c in comments)
            foreach (var line in (c ?? "").Split('\n'))
                w.WriteLine("%" + line.TrimEnd('\r'));
    }

    private static void WriteDouble(StreamWriter w, double v, Span<char> buf)
    {
        v.TryFormat(buf, out int n, "R", CultureInfo.InvariantCulture);
        w.Write(buf[..n]);
    }

    private static double Entry(CsrMatrix a, int i, int j)
    {
        // Duplicates act as a sum in CsrMatrix, so the entry is the sum over matching indices.
        double s = 0;
        var rp = a.RowPointers;
        var ci = a.ColumnIndices;
        var v = a.Values;
        for (int k = rp[i]; k < rp[i + 1]; k++) if (ci[k] == j) s += v[k];
        return s;
    }

    private static void CheckSparseSymmetry(CsrMatrix a, MatrixMarketSymmetry s)
    {
        if (s == MatrixMarketSymmetry.General) return;
        if (a.Rows != a.Columns) throw new ArgumentException($"A {MatrixMarketParser.Word(s)} matrix must be square; it is {a.Rows} × {a.Columns}.", "matrix");
        // Checking each stored entry against its mirror costs O(nnz · row length), not O(n²).
        double sign = s == MatrixMarketSymmetry.SkewSymmetric ? -1 : 1;
        var rp = a.RowPointers;
        var ci = a.ColumnIndices;
        for (int i = 0; i < a.Rows; i++)
            for (int k = rp[i]; k < rp[i + 1]; k++)
            {
                int j = ci[k];
                double aij = Entry(a, i, j), aji = Entry(a, j, i);
                if (i == j ? (s == MatrixMarketSymmetry.SkewSymmetric && aij != 0) : !aij.Equals(sign * aji))
                    throw new ArgumentException($"Entries ({i}, {j}) = {aij} and ({j}, {i}) = {aji} break the requested {MatrixMarketParser.Word(s)} symmetry.", "matrix");
            }
    }

    private static void CheckSymmetry(int rows, int cols, MatrixMarketSymmetry s, Func<int, int, double> at, string name)
    {
        if (s == MatrixMarketSymmetry.General) return;
        if (rows != cols) throw new ArgumentException($"A {MatrixMarketParser.Word(s)} matrix must be square; it is {rows} × {cols}.", name);
        double sign = s == MatrixMarketSymmetry.SkewSymmetric ? -1 : 1;
        for (int i = 0; i < rows; i++)
        {
            if (s == MatrixMarketSymmetry.SkewSymmetric && at(i, i) != 0)
                throw new ArgumentException($"Entry ({i}, {i}) is {at(i, i)}; a skew-symmetric matrix has a zero diagonal.", name);
            for (int j = 0; j < i; j++)
                if (!at(i, j).Equals(sign * at(j, i)))
                    throw new ArgumentException($"Entries ({i}, {j}) = {at(i, j)} and ({j}, {i}) = {at(j, i)} break the requested {MatrixMarketParser.Word(s)} symmetry.", name);
        }
    }
}
