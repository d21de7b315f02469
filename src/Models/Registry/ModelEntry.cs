namespace OptSuite.Models;

/// <summary>One model as the registry knows it: its name (the command line's and the saved file's), its task, the
/// options it takes, and the factory that builds and binds its estimator (and its regularisation path, if it has one).</summary>
public sealed class ModelEntry
{
    private readonly Func<ModelSettings, LinearEstimator> _create;
    private readonly Func<ModelSettings, LinearPath>? _path;

    internal ModelEntry(string name, string summary, ModelTask task, ModelOption[] options, Func<ModelSettings, LinearEstimator> create,
        Func<ModelSettings, LinearPath>? path = null, ModelOption[]? pathOptions = null)
    {
        Name = name;
        Summary = summary;
        Task = task;
        // Every classifier takes class weights (LinearClassifier.ClassWeight), and so does its path (LogisticPath.ClassWeight).
        Options = task == ModelTask.Classification ? [.. options, ModelOption.ClassWeight] : options;
        PathOptions = pathOptions ?? Options;
        _create = create;
        _path = path;
    }

    /// <summary>The name on the command line and in saved models ("lasso").</summary>
    public string Name { get; }

    /// <summary>The model in one line, for help and docs.</summary>
    public string Summary { get; }

    /// <summary>What the targets are.</summary>
    public ModelTask Task { get; }

    /// <summary>The options the model takes beyond the shared ones.</summary>
    public IReadOnlyList<ModelOption> Options { get; }

    /// <summary>Whether the model has a regularisation path (<c>optsuite path</c>, <c>cv</c>).</summary>
    public bool HasPath => _path is not null;

    /// <summary>The options its path takes.</summary>
    public IReadOnlyList<ModelOption> PathOptions { get; }

    /// <summary>A new estimator with <paramref name="settings"/> bound (defaults where null).</summary>
    /// <param name="settings">The model options given; one the model does not take is an <see cref="ArgumentException"/>.</param>
    public LinearEstimator Create(ModelSettings? settings = null)
    {
        var s = Check(settings ?? new ModelSettings(), Options);
        var estimator = _create(s);
        if (s.ClassWeight is { } weights) ((LinearClassifier)estimator).ClassWeight = weights;
        if (s.PenaltyFactors is { } factors) estimator.PenaltyFactors = factors;
        if (s.Positive is true) estimator.Positive = true;
        if (s.LowerBound is { } lower) estimator.LowerBounds = [lower];
        if (s.UpperBound is { } upper) estimator.UpperBounds = [upper];
        if (s.Standardize is true) estimator.Standardize = true;
        return estimator;
    }

    /// <summary>A new regularisation path with <paramref name="settings"/> bound.</summary>
    /// <param name="settings">The model options given.</param>
    /// <exception cref="InvalidOperationException">The model has no path (<see cref="HasPath"/>).</exception>
    public LinearPath CreatePath(ModelSettings? settings = null)
    {
        var create = _path ?? throw new InvalidOperationException($"The {Name} model has no regularisation path; models with one: {string.Join(", ", ModelRegistry.All.Where(m => m.HasPath).Select(m => m.Name))}.");
        var s = Check(settings ?? new ModelSettings(), PathOptions, path: true);
        var path = create(s);
        if (s.PenaltyFactors is { } factors) path.PenaltyFactors = factors;
        if (s.Positive is true) path.Positive = true;
        if (s.LowerBound is { } lower) path.LowerBounds = [lower];
        if (s.UpperBound is { } upper) path.UpperBounds = [upper];
        if (s.Standardize is true) path.Standardize = true;
        return path;
    }

    private ModelSettings Check(ModelSettings s, IReadOnlyList<ModelOption> accepted, bool path = false)
    {
        foreach (ModelOption o in Enum.GetValues<ModelOption>())
            if (s.Has(o) && !accepted.Contains(o))
                throw new ArgumentException(o == ModelOption.InterceptScaling && Task == ModelTask.Survival
                    ? $"{ModelSettings.CommandLineName(o)} does not apply to --model {Name}: a Cox model has no intercept (a shift of every x·β cancels in the partial likelihood; the baseline hazard absorbs it)."
                    : path && Options.Contains(o)
                    ? $"{ModelSettings.CommandLineName(o)} does not apply to the {Name} regularisation path (optsuite path, cv); a single fit (optsuite fit) takes it."
                    : $"{ModelSettings.CommandLineName(o)} does not apply to --model {Name}.");
        if (s.L1Ratio is { } ratio && s.Penalty is Models.Penalty.L1 or Models.Penalty.L2 && ratio != (s.Penalty == Models.Penalty.L1 ? 1 : 0))
            throw new ArgumentException($"--l1-ratio applies to --penalty elastic-net, not {PenaltyNames.ToName(s.Penalty.Value)}; drop one of them.");
        return s;
    }
}
