using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox;

namespace OptSuite.Models;

/// <summary>
/// The group lasso (Yuan &amp; Lin 2006): (1/Σc)Σc_i ½(x_i·w + b − y_i)² + λΣ_g √|g| ‖w_g‖₂ over contiguous feature groups
/// of the sizes in <see cref="GroupSizes"/>. Default λ = 1; default groups: one feature each (the lasso).
/// </summary>
/// <remarks>Auto solves it by block coordinate descent (exact block minimisation, the intercept eliminated exactly), so
/// unscaled features do not slow it down; FISTA and ISTA on request. Every solver stops on the relative duality gap.</remarks>
public sealed class GroupLasso : LinearRegressor<GroupLasso>
{
    // Groups are runs of consecutive columns: dropping empty ones would regroup the features.
    private protected override bool PenaltyIsSeparable => false;

    /// <summary>Sizes of the consecutive feature groups (summing to p); null to use <see cref="GroupSize"/>.</summary>
    public int[]? GroupSizes { get; set; }

    /// <summary>When <see cref="GroupSizes"/> is null: groups of this many consecutive features (the last may be smaller);
    /// null for singleton groups (the lasso).</summary>
    public int? GroupSize { get; set; }

    /// <inheritdoc/>
    public override string ModelName => "group-lasso";

    private protected override double DefaultLambda(long samples) => 1.0;

    private protected override FitProblem Pose(ILinearMap x, double[] y, double[]? w, double lambda)
    {
        int p = x.Columns;
        BlockPartition groups;
        if (GroupSizes is null)
        {
            int size = GroupSize ?? 1;
            if (size < 1) throw new ArgumentOutOfRangeException(nameof(GroupSize), size, "The group size must be ≥ 1.");
            var sizes = new int[(int)(((long)p + size - 1) / size)];   // long: p + size − 1 overflows for huge sizes
            for (int g = 0; g < sizes.Length; g++) sizes[g] = Math.Min(size, p - g * size);
            groups = BlockPartition.FromSizes(sizes);
        }
        else
        {
            for (int g = 0; g < GroupSizes.Length; g++)
                if (GroupSizes[g] < 1) throw new ArgumentException($"GroupSizes[{g}] = {GroupSizes[g]}; every group needs at least one feature.", nameof(GroupSizes));
            long total = GroupSizes.Sum(s => (long)s);
            if (total != p) throw new ArgumentException($"The group sizes sum to {total}; X has {p} features.", nameof(GroupSizes));
            groups = BlockPartition.FromSizes(GroupSizes);
        }
        var f = new LinearObjective<SquaredLoss, Prox.Regularizers.GroupLasso>(x, y, default, new Prox.Regularizers.GroupLasso(groups, lambda), 0, FitIntercept, w);
        return new GroupProblem<SquaredLoss, Prox.Regularizers.GroupLasso>(f);
    }

    internal override void WriteOptions(IDictionary<string, object?> options)
    {
        options["group_sizes"] = GroupSizes;
        options["group_size"] = GroupSize;
    }

    internal override void ReadOptions(Persistence.ModelOptionsReader options)
    {
        GroupSizes = options.IntArrayOrNull("group_sizes");
        GroupSize = options.IntOrNull("group_size");
    }
}
