namespace OptSuite.LinearAlgebra;

/// <summary>Single-line sparse BLAS-1 (one row of CSR or one column of CSC); always managed, P/Invoke would cost more.</summary>
internal static class SparseLine
{
    public static double Dot(CompressedStorage s, int line, ReadOnlySpan<double> x)
    {
        int start = s.Pointers[line], end = s.Pointers[line + 1];
        ReadOnlySpan<int> idx = s.Indices.AsSpan(start, end - start);
        ReadOnlySpan<double> val = s.Values.AsSpan(start, end - start);
        double s0 = 0, s1 = 0;
        int k = 0;
        for (; k + 1 < idx.Length; k += 2)
        {
            s0 += val[k] * x[idx[k]];
            s1 += val[k + 1] * x[idx[k + 1]];
        }
        if (k < idx.Length) s0 += val[k] * x[idx[k]];
        return s0 + s1;
    }

    public static void Axpy(CompressedStorage s, int line, double alpha, Span<double> y)
    {
        int start = s.Pointers[line], end = s.Pointers[line + 1];
        ReadOnlySpan<int> idx = s.Indices.AsSpan(start, end - start);
        ReadOnlySpan<double> val = s.Values.AsSpan(start, end - start);
        for (int k = 0; k < idx.Length; k++) y[idx[k]] += alpha * val[k];
    }

    public static void SquaredNorms(CompressedStorage s, Span<double> destination)
    {
        for (int line = 0; line < s.LineCount; line++)
        {
            double acc = 0;
            for (int q = s.Pointers[line]; q < s.Pointers[line + 1]; q++) acc += s.Values[q] * s.Values[q];
            destination[line] = acc;
        }
    }

    /// <summary>Squared norms of the other orientation's lines, without building the companion.</summary>
    public static void CrossSquaredNorms(CompressedStorage s, Span<double> destination)
    {
        destination.Clear();
        int nnz = s.NonZeroCount;
        for (int q = 0; q < nnz; q++) destination[s.Indices[q]] += s.Values[q] * s.Values[q];
    }
}
