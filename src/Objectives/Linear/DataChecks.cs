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
            case LinearAlgebra.Distributed.IDistributedMap distributed:
                RequireFinite(distributed.Local, parameter);   // this rank's rows; every rank checks its own
                break;
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

    /// <summary>Refuses rows distributed across ranks for an objective whose sums over samples are not reduced across
    /// them (it would optimise each rank's own rows and call that the answer).</summary>
    public static void RequireLocal(ILinearMap data, string parameter, string what)
    {
        if (data is LinearAlgebra.Distributed.IDistributedMap { Communicator.Size: > 1 })
            throw new NotSupportedException($"{what} does not run on rows distributed across ranks yet ({parameter}); the single-output LinearObjective does.");
    }

    /// <summary>a_i = c_i / Σc, or null for uniform weights when <paramref name="weights"/> is empty.</summary>
    public static double[]? NormalisedWeights(ReadOnlySpan<double> weights, int n, string parameter, SampleSums sums = default)
    {
        if (sums.Distributed) return DistributedWeights(weights, n, parameter, sums);
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

    /// <summary>a_i = c_i/Σc with Σc over every rank (collective: one all-reduce on every rank, with weights or not).</summary>
    private static double[]? DistributedWeights(ReadOnlySpan<double> weights, int n, string parameter, SampleSums sums)
    {
        bool mine = !weights.IsEmpty;
        if (mine && weights.Length != n)
            throw new ArgumentException($"There are {weights.Length} sample weights for {n} samples.", parameter);
        double local = 0;
        for (int i = 0; mine && i < n; i++)
        {
            if (!(weights[i] >= 0 && double.IsFinite(weights[i])))
                throw new ArgumentException($"{parameter}[{i}] = {weights[i]}; weights must be finite and ≥ 0.", parameter);
            local += weights[i];
        }
        // One all-reduce: Σc, the ranks that gave weights, the ranks with rows that did not.
        Span<double> totals = [local, mine ? 1 : 0, !mine && n > 0 ? 1 : 0];
        sums.Sum(totals);
        double sum = totals[0];
        if (totals[1] == 0) return null;
        if (totals[2] > 0)
            throw new ArgumentException($"Sample weights were given on {totals[1]} rank(s) but not on {totals[2]} other rank(s) that hold rows; give them on every rank or on none.", parameter);
        if (!(sum > 0) || !double.IsFinite(sum))
            throw new ArgumentException($"The sample weights sum to {sum} over all ranks; they need a finite positive sum.", parameter);
        var a = new double[n];
        for (int i = 0; i < n; i++) a[i] = weights[i] / sum;
        return a;
    }
}
