namespace OptSuite.Models.Internal;

/// <summary>
/// The per-feature shape of a penalty, as a fit uses it: the penalty factors v_j of
/// <see cref="LinearEstimator.PenaltyFactors"/>, checked, rescaled to sum to p as glmnet does, and restricted to the
/// columns the fit keeps (<see cref="FittedColumns"/>).
/// </summary>
internal sealed class PenaltyShape
{
    private PenaltyShape(double[] factors) => Factors = factors;

    /// <summary>v_j for the kept columns, rescaled so that they sum to p over all the caller's columns.</summary>
    public double[] Factors { get; }

    /// <summary>The shape of <paramref name="estimator"/>'s options for X with <paramref name="features"/> columns of which
    /// the fit keeps <paramref name="kept"/> (null: all); null when no option shapes the penalty.</summary>
    public static PenaltyShape? For(LinearEstimator estimator, int features, int[]? kept)
    {
        if (estimator.PenaltyFactors is not { } given) return null;
        double[] v = Rescaled(given, features);
        if (kept is not null)
        {
            var k = new double[kept.Length];
            for (int t = 0; t < kept.Length; t++) k[t] = v[kept[t]];
            v = k;
        }
        return new PenaltyShape(v);
    }

    /// <summary>
    /// Checks the factors (one per feature, finite, ≥ 0, not all 0) and returns v·p/Σv, glmnet's rescaling (its Fortran
    /// <c>vp = vp*ni/sum(vp)</c>), so a λ means what it means to glmnet with the same penalty.factor.
    /// </summary>
    public static double[] Rescaled(double[] factors, int features)
    {
        const string name = nameof(LinearEstimator.PenaltyFactors);
        if (factors.Length != features)
            throw new ArgumentException($"{name} has {factors.Length} values; X has {features} features (one factor per feature).", name);
        double sum = 0;
        for (int j = 0; j < factors.Length; j++)
        {
            double v = factors[j];
            if (!(v >= 0) || !double.IsFinite(v))
                throw new ArgumentException($"{name}[{j}] = {v.ToString(System.Globalization.CultureInfo.InvariantCulture)}; penalty factors must be finite and ≥ 0.", name);
            sum += v;
        }
        if (sum == 0)
            throw new ArgumentException($"{name} are all 0: nothing is penalised. For an unpenalised fit set Lambda = 0 instead.", name);
        if (!double.IsFinite(sum)) throw new ArgumentException($"{name} sum to more than double precision holds; scale them down.", name);
        var scaled = new double[features];
        for (int j = 0; j < features; j++) scaled[j] = factors[j] * (features / sum);
        return scaled;
    }
}
