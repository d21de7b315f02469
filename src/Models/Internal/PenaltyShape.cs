namespace OptSuite.Models.Internal;

/// <summary>
/// The per-feature shape of a penalty, as a fit uses it: the penalty factors v_j of
/// <see cref="LinearEstimator.PenaltyFactors"/>, checked, rescaled to sum to p as glmnet does, and restricted to the
/// columns the fit keeps (<see cref="FittedColumns"/>).
/// </summary>
internal sealed class PenaltyShape
{
    private PenaltyShape(double[] factors, double[]? lower, double[]? upper) => (Factors, Lower, Upper) = (factors, lower, upper);

    /// <summary>v_j for the kept columns, rescaled so that they sum to p over all the caller's columns (1 without factors).</summary>
    public double[] Factors { get; }

    /// <summary>l_j ≤ 0 for the kept columns (0 for <see cref="LinearEstimator.Positive"/>), or null with no bounds.</summary>
    public double[]? Lower { get; }

    /// <summary>u_j ≥ 0 for the kept columns, or null with no bounds.</summary>
    public double[]? Upper { get; }

    /// <summary>The same shape for the standardised problem: bounds on w̃ = s·w.</summary>
    public PenaltyShape ScaledBounds(Standardization s) => new(Factors, s.ScaleBounds(Lower), s.ScaleBounds(Upper));

    /// <summary>Whether the coefficients are bounded.</summary>
    public bool Bounded => Lower is not null;

    /// <summary>The shape of <paramref name="estimator"/>'s options for X with <paramref name="features"/> columns of which
    /// the fit keeps <paramref name="kept"/> (null: all); null when no option shapes the penalty.</summary>
    public static PenaltyShape? For(LinearEstimator estimator, int features, int[]? kept) =>
        For(estimator.PenaltyFactors, estimator.Positive, estimator.LowerBounds, estimator.UpperBounds, features, kept);

    /// <summary>The shape of the options as given (an estimator's or a path's: <see cref="LinearEstimator.PenaltyFactors"/>,
    /// <see cref="LinearEstimator.Positive"/>, <see cref="LinearEstimator.LowerBounds"/>, <see cref="LinearEstimator.UpperBounds"/>),
    /// checked, for <paramref name="features"/> columns of which the fit keeps <paramref name="kept"/> (null: all); null when
    /// none is set.</summary>
    public static PenaltyShape? For(double[]? factors, bool positive, double[]? lowerBounds, double[]? upperBounds, int features, int[]? kept)
    {
        bool bounded = positive || lowerBounds is not null || upperBounds is not null;
        if (factors is null && !bounded) return null;
        double[] v = factors is { } given ? Rescaled(given, features) : Filled(features, 1.0);
        if (!bounded) return new PenaltyShape(Gather(v, kept), null, null);
        if (positive && lowerBounds is not null)
            throw new ArgumentException("Set Positive (lower bounds 0) or LowerBounds, not both.", nameof(LinearEstimator.LowerBounds));
        double[] lower = positive ? Filled(features, 0.0) : Bounds(lowerBounds, features, double.NegativeInfinity, nameof(LinearEstimator.LowerBounds));
        double[] upper = Bounds(upperBounds, features, double.PositiveInfinity, nameof(LinearEstimator.UpperBounds));
        return new PenaltyShape(Gather(v, kept), Gather(lower, kept), Gather(upper, kept));
    }

    /// <summary>Whether some feature is unpenalised (v_j = 0).</summary>
    public bool HasUnpenalised => System.Array.IndexOf(Factors, 0.0) >= 0;

    /// <summary>The same factors with every penalised coefficient (v_j &gt; 0) held at 0 and the unpenalised ones in their
    /// bounds: the problem whose solution is the start of a path when some v_j = 0 (glmnet's first, λ = ∞, solve).</summary>
    public PenaltyShape PenalisedHeldAtZero()
    {
        int p = Factors.Length;
        var lower = new double[p];
        var upper = new double[p];
        for (int j = 0; j < p; j++)
        {
            bool free = Factors[j] == 0;
            lower[j] = free ? Lower?[j] ?? double.NegativeInfinity : 0;
            upper[j] = free ? Upper?[j] ?? double.PositiveInfinity : 0;
        }
        return new PenaltyShape(Factors, lower, upper);
    }

    private static double[] Filled(int n, double value)
    {
        var a = new double[n];
        System.Array.Fill(a, value);
        return a;
    }

    private static double[] Gather(double[] v, int[]? kept)
    {
        if (kept is null) return v;
        var k = new double[kept.Length];
        for (int t = 0; t < kept.Length; t++) k[t] = v[kept[t]];
        return k;
    }

    /// <summary>Per-feature bounds from one value for all (length 1) or one per feature; glmnet's rule that w = 0 be feasible
    /// (lower ≤ 0 ≤ upper) is checked, and a lower bound above an upper one cannot then happen.</summary>
    private static double[] Bounds(double[]? given, int features, double none, string name)
    {
        if (given is null) return Filled(features, none);
        if (given.Length != 1 && given.Length != features)
            throw new ArgumentException($"{name} has {given.Length} values; give one for every feature or one per feature ({features}).", name);
        bool lower = none < 0;
        for (int j = 0; j < given.Length; j++)
        {
            double b = given[j];
            if (double.IsNaN(b) || (lower ? !(b <= 0) || b == double.PositiveInfinity : !(b >= 0) || b == double.NegativeInfinity))
                throw new ArgumentException($"{name}[{j}] = {b.ToString(System.Globalization.CultureInfo.InvariantCulture)}; " +
                    (lower ? "lower bounds must be ≤ 0 (−∞ for none)" : "upper bounds must be ≥ 0 (+∞ for none)") +
                    " so that w = 0 is feasible, as glmnet requires.", name);
        }
        return given.Length == features ? (double[])given.Clone() : Filled(features, given[0]);
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
