using OptSuite.LinearAlgebra;

namespace OptSuite.Data;

/// <summary>
/// Reads Matrix Market files (NIST, Boisvert, Pozo &amp; Remington 1996): coordinate and array formats; real, integer
/// and pattern fields; general, symmetric and skew-symmetric matrices. .gz/.bz2/.xz files are decompressed on the fly.
/// </summary>
/// <remarks>
/// Coordinate files give a <see cref="CsrMatrix"/>: symmetric entries are mirrored (the diagonal once), duplicates are
/// summed and explicit zeros kept. Array files give a column-major <see cref="DenseMatrix"/>, the file's own order.
/// Every malformed input is a <see cref="DataFormatException"/> naming file, line, column and the offending text; sizes
/// announced in the header are checked against the bytes actually present before anything is allocated, so memory stays
/// proportional to the input: a coordinate file may announce at most 2^20 + 16 rows and columns per byte of entry data
/// (CSR needs a pointer per row whatever the entry count), which only excludes huge, nearly empty matrices.
/// </remarks>
public static class MatrixMarketReader
{
    /// <summary>Reads a Matrix Market file of either format.</summary>
    public static MatrixMarketResult Read(string path, MatrixMarketReaderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = CompressedStreams.OpenRead(path);
        return Read(stream, path, options);
    }

    /// <summary>Reads Matrix Market text from a stream; <paramref name="name"/> is used in error messages.</summary>
    public static MatrixMarketResult Read(Stream stream, string? name = null, MatrixMarketReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var cursor = ByteLineCursor.FromStream(stream, name ?? "<stream>");
        return MatrixMarketParser.Parse(cursor, options ?? MatrixMarketReaderOptions.Default);
    }

    /// <summary>Reads a coordinate file as CSR; an array file is a <see cref="DataFormatException"/> (use <see cref="ReadDense"/>).</summary>
    public static CsrMatrix ReadSparse(string path, MatrixMarketReaderOptions? options = null)
    {
        var r = Read(path, options);
        return r.Sparse ?? throw new DataFormatException(path, 1, 0,
            "the file is in array (dense) format; use MatrixMarketReader.ReadDense or Read");
    }

    /// <summary>Reads an array file as a column-major dense matrix; a coordinate file is densified (column-major).</summary>
    public static DenseMatrix ReadDense(string path, MatrixMarketReaderOptions? options = null)
    {
        var r = Read(path, options);
        return r.Dense ?? r.Sparse!.ToDense(MatrixLayout.ColumnMajor);
    }
}
