using OptSuite.LinearAlgebra;

namespace OptSuite.Data;

/// <summary>Formats svmlight lines into a byte buffer and flushes it to the stream in large writes.</summary>
internal sealed class SvmlightLineWriter : IDisposable
{
    private const int Capacity = 1 << 16;
    private readonly Stream _stream;
    private readonly CsrMatrix _x;
    private readonly int _offset;
    private readonly byte[] _buffer = new byte[Capacity + 128];
    private int _used;
    private int[] _sortIndex = [];
    private double[] _sortValue = [];

    public SvmlightLineWriter(Stream stream, CsrMatrix x, SvmlightWriterOptions options)
    {
        _stream = stream;
        _x = x;
        _offset = options.ZeroBased ? 0 : 1;
        if (options.Comment is { } comment)
            foreach (var line in comment.Split('\n'))
            {
                Ascii("# ");
                foreach (var b in System.Text.Encoding.UTF8.GetBytes(line.TrimEnd('\r'))) Byte(b);
                EndLine();
            }
    }

    public void Label(double v, int row, string what)
    {
        if (!double.IsFinite(v)) throw new ArgumentException($"Row {row}: a non-finite label ({v}) cannot be written.", what);
        Number(v);
    }

    public void Comma() => Byte((byte)',');

    public void QueryId(long q, bool leadingSpace = true)
    {
        if (leadingSpace) Byte((byte)' ');
        Ascii("qid:");
        Room();
        q.TryFormat(_buffer.AsSpan(_used), out int n, default, System.Globalization.CultureInfo.InvariantCulture);
        _used += n;
    }

    public void Features(int row, bool leadingSpace = true)
    {
        var rp = _x.RowPointers;
        var ci = _x.ColumnIndices.Slice(rp[row], rp[row + 1] - rp[row]);
        var v = _x.Values.Slice(rp[row], rp[row + 1] - rp[row]);
        bool sorted = true;
        for (int k = 1; k < ci.Length && sorted; k++) sorted = ci[k] > ci[k - 1];
        if (!sorted)
        {
            int m = SortAndSum(ci, v);
            ci = _sortIndex.AsSpan(0, m);
            v = _sortValue.AsSpan(0, m);
        }
        for (int k = 0; k < ci.Length; k++)
        {
            if (!double.IsFinite(v[k]))
                throw new ArgumentException($"Row {row}, column {ci[k]}: a non-finite value ({v[k]}) cannot be written.", "features");
            if (k > 0 || leadingSpace) Byte((byte)' ');
            Room();
            (ci[k] + (long)_offset).TryFormat(_buffer.AsSpan(_used), out int n, default, System.Globalization.CultureInfo.InvariantCulture);
            _used += n;
            Byte((byte)':');
            Number(v[k]);
        }
    }

    public void EndLine()
    {
        Byte((byte)'\n');
        if (_used >= Capacity) Flush();
    }

    private int SortAndSum(ReadOnlySpan<int> ci, ReadOnlySpan<double> v)
    {
        // CSR allows unsorted rows and duplicates (which act as a sum); the file format needs increasing indices.
        if (_sortIndex.Length < ci.Length)
        {
            _sortIndex = new int[ci.Length];
            _sortValue = new double[ci.Length];
        }
        ci.CopyTo(_sortIndex);
        v.CopyTo(_sortValue);
        Array.Sort(_sortIndex, _sortValue, 0, ci.Length);
        int m = 0;
        for (int k = 0; k < ci.Length; k++)
        {
            if (m > 0 && _sortIndex[m - 1] == _sortIndex[k]) _sortValue[m - 1] += _sortValue[k];
            else { _sortIndex[m] = _sortIndex[k]; _sortValue[m] = _sortValue[k]; m++; }
        }
        return m;
    }

    private void Number(double v)
    {
        Room();
        _used += SvmlightWriter.Format(v, _buffer.AsSpan(_used));
    }

    private void Ascii(string s)
    {
        foreach (char c in s) Byte((byte)c);
    }

    private void Byte(byte b)
    {
        if (_used == _buffer.Length) Flush();
        _buffer[_used++] = b;
    }

    private void Room()
    {
        if (_used > _buffer.Length - 64) Flush();
    }

    private void Flush()
    {
        _stream.Write(_buffer, 0, _used);
        _used = 0;
    }

    public void Dispose()
    {
        Flush();
        _stream.Flush();
    }
}
