namespace OptSuite.Models.Internal;

/// <summary>
/// Class weights in one-vs-rest, as LIBLINEAR's <c>-wi</c> (and scikit-learn's LinearSVC, which runs it) weighs them: in
/// the problem of class c only class c's rows take w_c (C_c = w_c·C), the other rows keep their sample weight (plain C).
/// Problem c is (1/S_c) Σ v_i ℓ_i + (λ_c/2)‖w_c‖² with v_i = c_i·(w_c on class c, 1 elsewhere), S_c = Σ v_i and, with C,
/// λ_c = 1/(C·S_c) — LIBLINEAR's minimiser; with λ given, λ for every problem.
/// </summary>
/// <param name="PerClass">w_c for every class.</param>
/// <param name="SampleWeights">The sample weights c_i normalised to mean 1, or null for 1.</param>
/// <param name="Lambdas">λ_c of every problem.</param>
internal sealed record OneVsRestWeights(double[] PerClass, double[]? SampleWeights, double[] Lambdas)
{
    /// <summary>v_i of problem <paramref name="c"/> for the rows' class indices <paramref name="y"/>.</summary>
    public double[] For(int c, int[] y)
    {
        var v = new double[y.Length];
        for (int i = 0; i < v.Length; i++) v[i] = (SampleWeights is null ? 1.0 : SampleWeights[i]) * (y[i] == c ? PerClass[c] : 1.0);
        return v;
    }
}
