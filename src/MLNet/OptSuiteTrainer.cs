using Microsoft.ML;
using OptSuite.MLNet.Internal;
using OptSuite.Models;

namespace OptSuite.MLNet;

/// <summary>
/// What the three OptSuite trainers share: the estimator they fit (a template of options, never fitted itself), the
/// column names, reading the data into CSR and the schema propagation. See <see cref="OptSuiteBinaryTrainer{TModel}"/>,
/// <see cref="OptSuiteMulticlassTrainer{TModel}"/> and <see cref="OptSuiteRegressionTrainer{TModel}"/>.
/// </summary>
/// <typeparam name="TModel">The OptSuite estimator.</typeparam>
/// <typeparam name="TTransformer">The fitted transformer.</typeparam>
public abstract class OptSuiteTrainer<TModel, TTransformer> : IEstimator<TTransformer>
    where TModel : LinearEstimator
    where TTransformer : OptSuiteTransformer
{
    private readonly LabelKind _labelKind;
    private readonly IEstimator<ITransformer> _shape;

    private protected OptSuiteTrainer(TModel estimator, string labelColumnName, string featureColumnName, string? exampleWeightColumnName,
        string? offsetColumnName, LabelKind labelKind, Func<TModel, IEstimator<ITransformer>> shape)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentException.ThrowIfNullOrEmpty(labelColumnName);
        ArgumentException.ThrowIfNullOrEmpty(featureColumnName);
        if (exampleWeightColumnName is "") throw new ArgumentException("The example weight column name is empty; pass null for no weights.", nameof(exampleWeightColumnName));
        if (offsetColumnName is "") throw new ArgumentException("The offset column name is empty; pass null for no offsets.", nameof(offsetColumnName));
        // Refused here, not at the first Fit: a model that takes no offsets (Ridge, an SVM, a multinomial model) cannot use the column.
        if (offsetColumnName is not null && estimator.OffsetRefusalReason is { } why) throw new ArgumentException(why, nameof(offsetColumnName));
        Estimator = estimator;
        LabelColumnName = labelColumnName;
        FeatureColumnName = featureColumnName;
        ExampleWeightColumnName = exampleWeightColumnName;
        OffsetColumnName = offsetColumnName;
        _labelKind = labelKind;
        _shape = shape(estimator);
    }

    /// <summary>The estimator whose options every <see cref="Fit"/> uses. It is a template: each fit works on a fresh
    /// <see cref="LinearEstimator.Clone"/> of it (so cross-validation folds never share a model), and it stays unfitted;
    /// the fitted model is the transformer's <c>Model</c>.</summary>
    public TModel Estimator { get; }

    /// <summary>The label column (Boolean for binary, a key for multiclass, Single for regression).</summary>
    public string LabelColumnName { get; }

    /// <summary>The feature column: a vector of Single of known size, sparse or dense.</summary>
    public string FeatureColumnName { get; }

    /// <summary>The example weight column (Single, finite, ≥ 0), or null for none.</summary>
    public string? ExampleWeightColumnName { get; }

    /// <summary>The offset column (Single, finite), or null for none: a known term o_i of each row's score,
    /// z_i = x_i·w + b + o_i (glmnet's <c>offset</c>; log exposure for Poisson, Gamma and Tweedie), used in the fit and
    /// read again by the fitted transformer from every row it scores.</summary>
    public string? OffsetColumnName { get; }

    /// <summary>
    /// Reads the columns in one pass (the feature vectors into a CSR matrix, sparse vectors as they are), fits a clone of
    /// <see cref="Estimator"/> on them and returns the transformer holding it. A missing or mistyped column, a non-finite
    /// feature, a missing label or a bad weight is an <see cref="ArgumentException"/> naming the column (and the row).
    /// </summary>
    /// <param name="input">The training data.</param>
    public TTransformer Fit(IDataView input)
    {
        var data = TrainingSetReader.Read(input, FeatureColumnName, LabelColumnName, _labelKind, ExampleWeightColumnName, OffsetColumnName);
        var model = (TModel)Estimator.Clone();
        try
        {
            Train(model, data);
        }
        catch (ArgumentException e) when (e.ParamName is "y" or "x" or "sampleWeight" or "offset")
        {
            string column = e.ParamName switch
            {
                "y" => $"the label column '{LabelColumnName}'", "x" => $"the feature column '{FeatureColumnName}'",
                "offset" => $"the offset column '{OffsetColumnName}'", _ => $"the example weight column '{ExampleWeightColumnName}'",
            };
            string message = e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
            throw new ArgumentException($"{Estimator.GetType().Name} cannot be fitted: {message} ({e.ParamName} is {column}.)", nameof(input), e);
        }
        return MakeTransformer(model, input.Schema);
    }

    /// <summary>
    /// The columns after the fitted transformer: the input's, then ML.NET's standard score columns for the task. The input
    /// columns are checked as <see cref="Fit"/> checks them; the score columns' shapes are those ML.NET's own linear
    /// trainer of the same task declares (ML.NET lets no other assembly build a column shape), which is exactly what
    /// the transformer writes.
    /// </summary>
    /// <param name="inputSchema">The shape of the training data.</param>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ColumnChecks.Shape(inputSchema, FeatureColumnName, LabelColumnName, _labelKind, ExampleWeightColumnName, OffsetColumnName);
        return _shape.GetOutputSchema(inputSchema);
    }

    /// <summary>Fits <paramref name="model"/> (a clone) to the data read.</summary>
    private protected abstract void Train(TModel model, TrainingSet data);

    /// <summary>The transformer of a fitted model; <paramref name="schema"/> is the training data's.</summary>
    private protected abstract TTransformer MakeTransformer(TModel model, DataViewSchema schema);
}
