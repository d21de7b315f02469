using OptSuite.LinearAlgebra;

namespace OptSuite.Objectives;

/// <summary>Input checks shared by the objectives.</summary>
internal static class DataChecks
{
    /// <summary>Rejects data with NaN or ±∞ (so solvers never start on garbage), for the storage types we know.</summary>
    public static void RequireFinite(ILinearMap data, string parameter)
    {
        switch (data)
        {
            case CompressedMatrix sparse:
                int k = sparse.NonFiniteIndex();
                if (k >= 0)
                    throw new ArgumentException($"The data contain a non-finite stored value (entry {k} of {sparse.StoredCount} stored values).", parameter);
                break;
            case DenseMatrix dense:
                long at = dense.NonFiniteIndex();
                if (at >= 0)
                    throw new ArgumentException($"The data contain a non-finite value (element {at} of the {dense.Rows}×{dense.Columns} storage).", parameter);
                break;
        }
    }

    /// <summary>a_i = c_i / Σc, or null for uniform weights when <paramref name="weights"/> is empty.</summary>
    public static double[]? NormalisedWeights(ReadOnlySpan<double> weights, int n, string parameter)
    {
        if (weights.IsEmpty) return null;
        if (weights.Length != n)
            throw new ArgumentException($"There are {weights.Length} sample weights for {n} samples.", parameter);
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            if (!(weights[i] >= 0 && double.IsFinite(weights[i])))
                throw new ArgumentException($"{parameter}[{i}] = {weights[i]}; weights must be finite and ≥ 0.", parameter);
            sum += weights[i];
        }
        if (!(sum > 0) || !double.IsFinite(sum))
            throw new ArgumentException($"The sample weights sum to {sum}; they need a finite positive sum.", parameter);
        var a = new double[n];
        for (int i = 0; i < n; i++) a[i] = weights[i] / sum;
        return a;
    }
}
