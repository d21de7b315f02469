using System.Buffers;
using OptSuite.Objectives.Functions;

namespace OptSuite.Objectives.Multiclass;

/// <summary>Multiclass sparsemax loss ℓ(y, s) = ⟨p, s − s_y⟩ + ½(1 − ‖p‖²), p = sparsemax(s).</summary>
/// <remarks>Martins &amp; Astudillo (2016); jaxopt's multiclass_sparsemax_loss. ∇ℓ = p − e_y (by Danskin, since
/// ℓ = max_{q∈Δ} ⟨q, s⟩ − ½‖q‖² + ½ − s_y). The sparsemax buffer is on the stack up to 256 classes, pooled beyond.</remarks>
public readonly struct MulticlassSparsemaxLoss : IMulticlassLoss
{
    /// <inheritdoc/>
    public double Value(int label, ReadOnlySpan<double> scores)
    {
        int n = scores.Length;
        double[]? rented = null;
        Span<double> p = n <= SimplexFunctions.StackLimit ? stackalloc double[n] : (rented = ArrayPool<double>.Shared.Rent(n)).AsSpan(0, n);
        double value = Evaluate(label, scores, p);
        if (rented is not null) ArrayPool<double>.Shared.Return(rented);
        return value;
    }
    /// <inheritdoc/>
    public double ValueAndGradient(int label, ReadOnlySpan<double> scores, Span<double> gradient)
    {
        MulticlassChecks.Gradient(scores.Length, gradient.Length);
        double value = Evaluate(label, scores, gradient);
        gradient[label] -= 1.0;
        return value;
    }
    /// <inheritdoc/>
    public void ValidateLabel(int label, int classCount) => MulticlassChecks.Label(label, classCount);
    /// <inheritdoc/>
    public bool IsConvex => true;
    /// <inheritdoc/>
    public bool IsDifferentiable => true;

    private static double Evaluate(int label, ReadOnlySpan<double> scores, Span<double> p)
    {
        SimplexFunctions.Sparsemax(scores, p);
        double sy = scores[label], inner = 0, norm2 = 0;
        for (int k = 0; k < p.Length; k++)
        {
            if (p[k] == 0) continue;
            inner += p[k] * (scores[k] - sy);
            norm2 += p[k] * p[k];
        }
        return Math.Max(0.0, inner + 0.5 * (1.0 - norm2));
    }
}
