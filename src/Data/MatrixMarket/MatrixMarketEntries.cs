namespace OptSuite.Data;

/// <summary>
/// The entries of a Matrix Market file one at a time, in file order, with every check of the reader (indices in range,
/// values of the field's type, the lower triangle only for symmetric files, exactly the announced count). Symmetric and
/// skew-symmetric entries come as stored: the caller mirrors them. Array files yield (row, column) in the file's
/// column-major order. The reader assembles a matrix from them; the shard converter streams them.
/// </summary>
internal sealed class MatrixMarketEntries(ByteLineCursor c, MatrixMarketHeader h, MatrixMarketReaderOptions options)
{
    private long _read;
    private int _i = -1, _j;

    /// <summary>Entries read so far.</summary>
    public long Read => _read;

    /// <summary>The next entry (zero-based row and column); false after the last announced one, once the rest of the file is checked to hold no more.</summary>
    /// <exception cref="DataFormatException">Malformed, out-of-range, missing or surplus entries, naming file, line and column.</exception>
    public bool Next(out int i, out int j, out double v)
    {
        bool array = h.Format == MatrixMarketFormat.Array;
        string what = array ? "values" : "entries";
        if (_read == h.StoredEntries)
        {
            if (c.MoveNextDataLine()) throw c.Error(1, $"more {what} than the {h.StoredEntries} announced", c.CurrentLine);
            i = j = 0;
            v = 0;
            return false;
        }
        if (!c.MoveNextDataLine())
            throw c.Error(0, array ? $"the file ends after {_read} of the {h.StoredEntries} announced values"
                : $"the file ends after {_read} of the {h.StoredEntries} announced entries");
        if (array)
        {
            Advance();
            (i, j) = (_i, _j);
            v = MatrixMarketParser.Value(c, h.Field, options);
            MatrixMarketParser.EndOfEntry(c);
        }
        else
        {
            i = MatrixMarketParser.Index(c, h.Rows, "row");
            j = MatrixMarketParser.Index(c, h.Columns, "column");
            v = h.Field == MatrixMarketField.Pattern ? 1.0 : MatrixMarketParser.Value(c, h.Field, options);
            MatrixMarketParser.EndOfEntry(c);
            if (h.Symmetry != MatrixMarketSymmetry.General)
            {
                if (i < j) throw c.Error(1, $"an entry above the diagonal in a {MatrixMarketParser.Word(h.Symmetry)} file (only the lower triangle is stored)", c.CurrentLine);
                if (i == j && h.Symmetry == MatrixMarketSymmetry.SkewSymmetric)
                    throw c.Error(1, "a diagonal entry in a skew-symmetric file (its diagonal is zero)", c.CurrentLine);
            }
        }
        _read++;
        return true;
    }

    /// <summary>The next array position: down each column, from the diagonal (symmetric) or below it (skew-symmetric).</summary>
    private void Advance()
    {
        int first(int col) => h.Symmetry switch { MatrixMarketSymmetry.General => 0, MatrixMarketSymmetry.Symmetric => col, _ => col + 1 };
        if (_i < 0) _i = first(0) - 1;
        _i++;
        while (_i >= h.Rows)
        {
            _j++;
            _i = first(_j);
        }
    }
}
