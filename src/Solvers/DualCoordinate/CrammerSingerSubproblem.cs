namespace OptSuite.Solvers;

/// <summary>
/// The k-variable sub-problem of the Crammer–Singer dual for one sample, solved in closed form by sorting
/// (Crammer &amp; Singer 2001; Keerthi et al. 2008, §3; LIBLINEAR's solve_sub_problem).
/// </summary>
/// <remarks>
/// min_α ½A‖α‖² + Bᵀα over the r active classes, s.t. Σα = −(mass held by shrunk classes) and α^m ≤ C^m with C^m = C for
/// the true class and 0 otherwise. The shrunk classes sit at their bounds, so the equality reads Σ_active α = 0 when the
/// true class is active and −C when it is shrunk (at α^y = C). The solution is α^m = min(C^m, (β − B_m)/A) with β found
/// from the descending D_m = B_m + A·C^m: the largest prefix r with β_r = (Σ_{top r} D − A·C)/r ≥ D_(r+1).
/// </remarks>
internal static class CrammerSingerSubproblem
{
    /// <param name="a">A = ‖x_i‖² &gt; 0.</param>
    /// <param name="b">B over the active classes (length r).</param>
    /// <param name="truePosition">Position of the true class among the active ones, or ≥ r when it is shrunk.</param>
    /// <param name="c">C of the sample.</param>
    /// <param name="sorted">Scratch of length ≥ r.</param>
    /// <param name="result">The new α over the active classes (length r).</param>
    public static void Solve(double a, ReadOnlySpan<double> b, int truePosition, double c, Span<double> sorted, Span<double> result)
    {
        int r = b.Length;
        Span<double> d = sorted[..r];
        b.CopyTo(d);
        if (truePosition < r) d[truePosition] += a * c;
        SortAscending(d);   // read from the top
        double beta = d[r - 1] - a * c;
        int q = 1;
        for (; q < r && beta < q * d[r - 1 - q]; q++) beta += d[r - 1 - q];
        beta /= q;
        for (int m = 0; m < r; m++)
            result[m] = Math.Min(m == truePosition ? c : 0.0, (beta - b[m]) / a);
    }

    /// <summary>
    /// Insertion sort up to 16 values (the usual number of classes), the library's sort beyond: no call through the
    /// generic comparer machinery per sample, and no sort code left to the JIT in a fresh process (the framework's
    /// double sort is created by reflection, so it is never precompiled; on dna the first 0.1 s of a fit ran it
    /// unoptimised).
    /// </summary>
    internal static void SortAscending(Span<double> d)
    {
        if (d.Length > 16) { d.Sort(); return; }
        for (int i = 1; i < d.Length; i++)
        {
            double v = d[i];
            int j = i - 1;
            for (; j >= 0 && d[j] > v; j--) d[j + 1] = d[j];
            d[j + 1] = v;
        }
    }
}
