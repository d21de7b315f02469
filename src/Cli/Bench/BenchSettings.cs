namespace OptSuite.Cli.Bench;

/// <summary>
/// What <c>optsuite bench</c> was asked to run beyond the model (which the model registry binds, as for
/// <c>optsuite fit</c>): the data, the solvers and the run limits. Parsed and checked by <see cref="Commands.BenchCommand"/>.
/// </summary>
internal sealed record BenchSettings
{
    /// <summary>The model name (for the report and the output folder).</summary>
    public required string Model { get; init; }

    /// <summary>The svmlight/LIBSVM data file.</summary>
    public required string DataPath { get; init; }

    /// <summary>The <c>--offset</c> file (one offset per data row), or null for none.</summary>
    public string? OffsetPath { get; init; }

    /// <summary>Solver names in the order given; empty for every solver that handles the problem.</summary>
    public required IReadOnlyList<string> Solvers { get; init; }

    /// <summary>Each solver's own stopping tolerance.</summary>
    public double Tolerance { get; init; } = 1e-10;

    /// <summary>Iteration (epoch) limit per solver.</summary>
    public int MaxIterations { get; init; } = 100_000;

    /// <summary>Solver-time limit per solver (tracing excluded).</summary>
    public TimeSpan MaxTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time limit of the reference solve.</summary>
    public TimeSpan ReferenceTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Record a trace point every this many iterations.</summary>
    public int TraceEvery { get; init; } = 1;

    /// <summary>The largest share of each solver's time its tracing may take (0.2: at most about 20 % added to the wall
    /// time); 0 to record every due point whatever it costs.</summary>
    public double TraceShare { get; init; } = 0.2;

    /// <summary>The plots' x axes.</summary>
    public AxisScale XScale { get; init; }

    /// <summary>Timed runs of each solver (after one untimed warm-up); the report gives the minimum and the median, and
    /// draws the run of median solver time.</summary>
    public int Repetitions { get; init; } = 1;

    /// <summary>Seed of randomised solvers (dual coordinate descent's permutations).</summary>
    public int Seed { get; init; }
}
