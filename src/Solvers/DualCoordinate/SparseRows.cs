using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using OptSuite.LinearAlgebra;

namespace OptSuite.Solvers;

/// <summary>
/// Raw CSR row kernels for the dual coordinate solvers: x_i·w and w += a·x_i without bounds checks or interface calls
/// (LIBLINEAR's sparse_operator), over the matrix's own arrays (no copy).
/// </summary>
/// <remarks>
/// The gather x_i·w is latency-bound, so four partial sums in a fixed order break the add chain; the order is fixed, so
/// results are bit-identical run to run. Take one view per epoch: the spans are read once, not per row.
/// </remarks>
internal readonly ref struct SparseRows
{
    private readonly ReadOnlySpan<int> _ptr, _idx;
    private readonly ReadOnlySpan<double> _val;

    public SparseRows(CsrMatrix x)
    {
        _ptr = x.RowPointers;
        _idx = x.ColumnIndices;
        _val = x.Values;
    }

    /// <summary>Rows given by CSR arrays: row i holds entries [pointers[i], pointers[i + 1]).</summary>
    public SparseRows(ReadOnlySpan<int> pointers, ReadOnlySpan<int> indices, ReadOnlySpan<double> values)
    {
        _ptr = pointers;
        _idx = indices;
        _val = values;
    }

    /// <summary>The number of rows.</summary>
    public int Count => _ptr.Length - 1;

    public int Start(int i) => _ptr[i];

    public int End(int i) => _ptr[i + 1];

    public ReadOnlySpan<int> Indices => _idx;

    public ReadOnlySpan<double> Values => _val;

    /// <summary>‖x_i‖² for every row.</summary>
    public void SquaredNorms(Span<double> result)
    {
        for (int i = 0; i < result.Length; i++)
        {
            double s = 0;
            for (int t = _ptr[i]; t < _ptr[i + 1]; t++) s += _val[t] * _val[t];
            result[i] = s;
        }
    }

    /// <summary>x_i·w.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Dot(int i, double[] w)
    {
        ref int p = ref MemoryMarshal.GetReference(_ptr);
        int start = Unsafe.Add(ref p, i), count = Unsafe.Add(ref p, i + 1) - start;
        ref int idx = ref Unsafe.Add(ref MemoryMarshal.GetReference(_idx), start);
        ref double val = ref Unsafe.Add(ref MemoryMarshal.GetReference(_val), start);
        ref double w0 = ref MemoryMarshal.GetArrayDataReference(w);
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int t = 0;
        for (; t + 3 < count; t += 4)
        {
            s0 += Unsafe.Add(ref val, t) * Unsafe.Add(ref w0, Unsafe.Add(ref idx, t));
            s1 += Unsafe.Add(ref val, t + 1) * Unsafe.Add(ref w0, Unsafe.Add(ref idx, t + 1));
            s2 += Unsafe.Add(ref val, t + 2) * Unsafe.Add(ref w0, Unsafe.Add(ref idx, t + 2));
            s3 += Unsafe.Add(ref val, t + 3) * Unsafe.Add(ref w0, Unsafe.Add(ref idx, t + 3));
        }
        for (; t < count; t++) s0 += Unsafe.Add(ref val, t) * Unsafe.Add(ref w0, Unsafe.Add(ref idx, t));
        return (s0 + s1) + (s2 + s3);
    }

    /// <summary>w += a·x_i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Axpy(int i, double a, double[] w)
    {
        ref int p = ref MemoryMarshal.GetReference(_ptr);
        int start = Unsafe.Add(ref p, i), count = Unsafe.Add(ref p, i + 1) - start;
        ref int idx = ref Unsafe.Add(ref MemoryMarshal.GetReference(_idx), start);
        ref double val = ref Unsafe.Add(ref MemoryMarshal.GetReference(_val), start);
        ref double w0 = ref MemoryMarshal.GetArrayDataReference(w);
        for (int t = 0; t < count; t++) Unsafe.Add(ref w0, Unsafe.Add(ref idx, t)) += a * Unsafe.Add(ref val, t);
    }
}
