namespace OptSuite.Solvers;

/// <summary>Partial selection in O(m) expected time and random permutations, without allocation.</summary>
internal static class Selection
{
    /// <summary>
    /// A uniform random permutation of <paramref name="items"/> (Fisher–Yates with <paramref name="rng"/>): coordinate
    /// descent's residual and Gram engines both shuffle with it, so Random order draws the same numbers in either.
    /// </summary>
    public static void Shuffle(Span<int> items, Random rng)
    {
        for (int t = 0; t < items.Length - 1; t++)
        {
            int r = t + rng.Next(items.Length - t);
            (items[t], items[r]) = (items[r], items[t]);
        }
    }

    /// <summary>
    /// Reorders <paramref name="keys"/> (and <paramref name="items"/> with them) so that the <paramref name="k"/>
    /// smallest keys come first, in no particular order (Hoare's quickselect, median-of-three pivots; deterministic).
    /// </summary>
    public static void Smallest(Span<double> keys, Span<int> items, int k)
    {
        int lo = 0, hi = keys.Length - 1;
        if (k <= 0 || k >= keys.Length) return;
        while (hi > lo)
        {
            int mid = lo + (hi - lo) / 2;
            if (keys[mid] < keys[lo]) Swap(keys, items, mid, lo);
            if (keys[hi] < keys[lo]) Swap(keys, items, hi, lo);
            if (keys[hi] < keys[mid]) Swap(keys, items, hi, mid);
            double pivot = keys[mid];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (keys[i] < pivot) i++;
                while (keys[j] > pivot) j--;
                if (i <= j) { Swap(keys, items, i, j); i++; j--; }
            }
            // [lo, j] ≤ pivot ≤ [i, hi]; the k-th smallest (index k − 1) lies in one side or between.
            if (k - 1 <= j) hi = j;
            else if (k - 1 >= i) lo = i;
            else return;
        }
    }

    private static void Swap(Span<double> keys, Span<int> items, int a, int b)
    {
        (keys[a], keys[b]) = (keys[b], keys[a]);
        (items[a], items[b]) = (items[b], items[a]);
    }
}
