namespace OptSuite.Solvers;

/// <summary>Options of <see cref="CoordinateDescent"/>.</summary>
public sealed record CoordinateDescentOptions : SolverOptions
{
    /// <summary>Visiting order within a sweep of the working set. Default <see cref="CoordinateOrder.Cyclic"/>.</summary>
    public CoordinateOrder Order { get; init; } = CoordinateOrder.Cyclic;

    /// <summary>Seed for <see cref="CoordinateOrder.Random"/>. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Compute the duality gap at least every this many outer iterations (and whenever the KKT pre-check passes).
    /// With <see cref="Screening"/> on, the gap is computed every outer iteration because screening needs it. Default 1.
    /// </summary>
    public int GapCheckEvery { get; init; } = 1;

    /// <summary>
    /// Within a model solve, sweep only the non-zero coordinates between full sweeps until they settle (glmnet's
    /// active-set cycling). Default true.
    /// </summary>
    public bool ActiveSetCycling { get; init; } = true;

    /// <summary>
    /// Solve each model on a working set grown by dual-constraint distance (celer) instead of all coordinates; used with
    /// weighted L1 penalties (<see cref="Prox.IWeightedL1Regularizer"/>). Default true.
    /// </summary>
    public bool WorkingSet { get; init; } = true;

    /// <summary>Size of the first working set (then max(this, 2·non-zeros) plus strong KKT violators). Default 10.</summary>
    public int InitialWorkingSetSize { get; init; } = 10;

    /// <summary>Gap-safe screening of coordinates that are zero at every optimum (needs a finite loss smoothness). Default true.</summary>
    public bool Screening { get; init; } = true;

    /// <summary>
    /// A model solve stops when its largest coordinate violation is at most this fraction of the outer KKT violation
    /// (the inexactness of the proximal-Newton step). Default 0.1.
    /// </summary>
    public double InnerTolerance { get; init; } = 0.1;

    /// <summary>
    /// Anderson extrapolation of the sweeps of a model solve on the Gram engine, for quadratic losses (lasso, elastic
    /// net) in cyclic order: every this many sweeps, the combination of the last iterates that best cancels their
    /// differences is tried and kept when it lowers the objective (Bertrand &amp; Massias 2021; skglm's and celer's depth
    /// 5). Where it applies it replaces <see cref="ActiveSetCycling"/>. 0 turns it off. Default 5.
    /// </summary>
    public int Extrapolation { get; init; } = 5;

    /// <summary>Sweep limit of one model solve. Default 10 000.</summary>
    public int MaxInnerSweeps { get; init; } = 10_000;

    /// <summary>
    /// Whether model solves run on the weighted Gram matrix of the working set (covariance updates) instead of the data
    /// columns. Default <see cref="GramMode.Auto"/>: where it is estimated to pay (n ≫ |ws|, many inner sweeps).
    /// </summary>
    public GramMode Gram { get; init; } = GramMode.Auto;

    /// <inheritdoc/>
    public override IEnumerable<string> Problems()
    {
        foreach (string p in base.Problems()) yield return p;
        if (GapCheckEvery < 1) yield return $"{nameof(GapCheckEvery)} must be ≥ 1; it is {GapCheckEvery}.";
        if (!Enum.IsDefined(Order)) yield return $"{nameof(Order)} {(int)Order} is not a {nameof(CoordinateOrder)} value.";
        if (InitialWorkingSetSize < 1) yield return $"{nameof(InitialWorkingSetSize)} must be ≥ 1; it is {InitialWorkingSetSize}.";
        if (!(InnerTolerance > 0 && InnerTolerance < 1)) yield return $"{nameof(InnerTolerance)} must lie in (0, 1); it is {InnerTolerance}.";
        if (!Enum.IsDefined(Gram)) yield return $"{nameof(Gram)} {(int)Gram} is not a {nameof(GramMode)} value.";
        if (Order == CoordinateOrder.Greedy && Gram == GramMode.Never)
            yield return $"{nameof(Order)} Greedy needs the Gram engine (it keeps the working set's gradient); {nameof(Gram)} Never excludes it.";
        if (Extrapolation is < 0 or > 20) yield return $"{nameof(Extrapolation)} must lie in [0, 20]; it is {Extrapolation}.";
        if (MaxInnerSweeps < 1) yield return $"{nameof(MaxInnerSweeps)} must be ≥ 1; it is {MaxInnerSweeps}.";
    }
}
