using OptSuite.LinearAlgebra;

namespace OptSuite.Models.Internal;

/// <summary>
/// Fits on the non-empty columns of a sparse X only. A column with no stored entry does not enter the loss, so for any
/// penalty that is separable across features (L1, L2, elastic net; not groups) its coefficient is 0 at the optimum (the
/// minimum-norm choice when λ = 0) and objective, gap and the other coefficients are those of the full problem. Solver
/// state is p-length many times over (L-BFGS alone keeps 2·10 history vectors), so svmlight data whose largest index is
/// far beyond its entries (one index of 10⁷ in a 52-byte file) would otherwise take gigabytes.
/// </summary>
internal static class EmptyColumns
{
    /// <summary>
    /// X restricted to its non-empty columns and the original index of each kept column; (x, null) when X is not a
    /// CSR/CSC matrix or fewer than half of its columns are empty (then the copy would not pay).
    /// </summary>
    public static (ILinearMap Map, int[]? Kept) Drop(ILinearMap x)
    {
        switch (x)
        {
            case CsrMatrix csr:
            {
                var newIndex = new int[csr.Columns];
                foreach (int j in csr.ColumnIndices) newIndex[j] = 1;
                int[]? kept = Kept(newIndex);
                if (kept is null) return (x, null);
                var indices = csr.ColumnIndices.ToArray();
                for (int t = 0; t < indices.Length; t++) indices[t] = newIndex[indices[t]];
                return (new CsrMatrix(csr.Rows, kept.Length, csr.RowPointers.ToArray(), indices, csr.Values.ToArray(), csr.Backend), kept);
            }
            case CscMatrix csc:
            {
                var ptr = csc.ColumnPointers;
                var used = new int[csc.Columns];
                for (int j = 0; j < used.Length; j++) used[j] = ptr[j + 1] > ptr[j] ? 1 : 0;
                int[]? kept = Kept(used);
                if (kept is null) return (x, null);
                var pointers = new int[kept.Length + 1];
                for (int k = 0; k < kept.Length; k++) pointers[k + 1] = ptr[kept[k] + 1];
                return (new CscMatrix(csc.Rows, kept.Length, pointers, csc.RowIndices.ToArray(), csc.Values.ToArray(), csc.Backend), kept);
            }
            default:
                return (x, null);
        }
    }

    /// <summary>From 0/1 use flags, the kept columns (null when fewer than half are empty); the flags become new indices.</summary>
    private static int[]? Kept(int[] flags)
    {
        int count = 0;
        foreach (int f in flags) count += f;
        if (count == flags.Length || 2L * (flags.Length - count) < flags.Length) return null;
        var kept = new int[count];
        for (int j = 0, k = 0; j < flags.Length; j++)
        {
            if (flags[j] == 0) continue;
            kept[k] = j;
            flags[j] = k++;
        }
        return kept;
    }

    /// <summary>A warm start (w row-major p×m, then the intercepts) restricted to the kept columns.</summary>
    public static double[]? Gather(double[]? start, int[]? kept, int features, int outputs)
    {
        if (start is null || kept is null) return start;
        var w = new double[kept.Length * outputs + (start.Length - features * outputs)];
        for (int k = 0; k < kept.Length; k++)
            Array.Copy(start, kept[k] * outputs, w, k * outputs, outputs);
        Array.Copy(start, features * outputs, w, kept.Length * outputs, start.Length - features * outputs);
        return w;
    }
}
