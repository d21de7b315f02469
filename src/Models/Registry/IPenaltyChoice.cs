using OptSuite.Models.Internal;
using OptSuite.Models.Persistence;

namespace OptSuite.Models;

/// <summary>An estimator whose penalty family is an option (L2, L1 or elastic net), so the registry can bind --penalty
/// and the saved file can record it.</summary>
internal interface IPenaltyChoice
{
    Penalty Penalty { get; set; }

    double? L1Ratio { get; set; }
}

/// <summary>Saving and loading the penalty choice, for every <see cref="IPenaltyChoice"/> estimator alike.</summary>
internal static class PenaltyChoice
{
    /// <summary>Writes "penalty" and "l1_ratio" (the elastic net's α; null for L1 and L2).</summary>
    public static void Write(IPenaltyChoice e, IDictionary<string, object?> options)
    {
        options["penalty"] = PenaltyNames.ToName(e.Penalty);
        options["l1_ratio"] = e.Penalty == Penalty.ElasticNet ? e.L1Ratio ?? PenalisedProblem.DefaultL1Ratio : null;
    }

    /// <summary>Reads what <see cref="Write"/> wrote; an L1 ratio beside L1 or L2 (older files wrote 0.5 there) is ignored.</summary>
    public static void Read(IPenaltyChoice e, ModelOptionsReader options)
    {
        e.Penalty = PenaltyNames.Parse(options.String("penalty"));
        e.L1Ratio = e.Penalty == Penalty.ElasticNet ? options.DoubleOrNull("l1_ratio") : null;
    }
}
