using Microsoft.ML;
using Microsoft.ML.Data;
using OptSuite.MLNet.Internal;
using OptSuite.Models;

namespace OptSuite.MLNet;

/// <summary>
/// A fitted OptSuite model in an ML.NET pipeline: <see cref="Transform"/> appends ML.NET's standard score columns
/// (computed lazily, row by row, in double precision from the entries each feature vector holds, then stored as Single as
/// ML.NET's evaluators require), <see cref="GetRowToRowMapper"/> serves prediction engines, and
/// <see cref="GetOutputSchema"/> states the columns without reading data. The subclasses are
/// <see cref="OptSuiteBinaryTransformer{TModel}"/>, <see cref="OptSuiteMulticlassTransformer{TModel}"/> and
/// <see cref="OptSuiteRegressionTransformer{TModel}"/>.
/// </summary>
/// <remarks>
/// <b>Saving.</b> ML.NET's model format cannot hold this transformer: <c>ITransformer.Save(ModelSaveContext)</c> can only
/// write through members of <c>ModelSaveContext</c> that are internal to ML.NET, and <c>mlContext.Model.Load</c> only
/// creates classes registered with ML.NET's internal <c>LoadableClass</c> attribute. So <c>mlContext.Model.Save</c> on a
/// pipeline holding it throws a <see cref="NotSupportedException"/> saying so; save with
/// <see cref="OptSuiteModelOperations.SaveWithOptSuite(ModelOperationsCatalog, ITransformer, DataViewSchema, string)"/>
/// and load with <see cref="OptSuiteModelOperations.LoadWithOptSuite(ModelOperationsCatalog, string, out DataViewSchema)"/>.
/// </remarks>
public abstract class OptSuiteTransformer : ITransformer
{
    private protected OptSuiteTransformer(LinearEstimator model, string featureColumnName, string? offsetColumnName = null)
    {
        Scores = new LinearScores(model);
        FeatureColumnName = featureColumnName;
        FeatureColumnType = new VectorDataViewType(NumberDataViewType.Single, model.FeatureCount);
        OffsetColumnName = offsetColumnName;
    }

    /// <summary>The name of the feature column the model reads.</summary>
    public string FeatureColumnName { get; }

    /// <summary>The offset column (Single) the model was fitted with, or null: its value o_i is added to every score of the
    /// row, z = x·w + b + o_i, so data to score must hold it (a schema without it is an <see cref="ArgumentException"/>
    /// naming it). Offsets are data: a non-finite one gives a NaN score, as a NaN feature does.</summary>
    public string? OffsetColumnName { get; }

    /// <summary>The feature column's type: a vector of Single with the model's feature count.</summary>
    public DataViewType FeatureColumnType { get; }

    /// <summary>True: every row is scored on its own, so prediction engines work.</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>The input columns followed by the score columns this transformer appends (an input column with the name of
    /// a score column is hidden, as ML.NET's scorers do).</summary>
    /// <param name="inputSchema">The schema of the data to score: it must hold the feature column with the fitted size.</param>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => new ScoringMapper(this, inputSchema).OutputSchema;

    /// <summary>The data with the score columns appended; lazy, as every ML.NET transform.</summary>
    /// <param name="input">The data to score.</param>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new ScoredDataView(new ScoringMapper(this, input.Schema), input);
    }

    /// <summary>The row-to-row mapper over <paramref name="inputSchema"/> (prediction engines use it).</summary>
    /// <param name="inputSchema">The schema of the rows to score.</param>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new ScoringMapper(this, inputSchema);

    /// <summary>Not supported: see the remarks of <see cref="OptSuiteTransformer"/>.</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => throw new NotSupportedException(
        "ML.NET's model format cannot hold an OptSuite transformer: ITransformer.Save can only write through members of " +
        "ModelSaveContext that are internal to ML.NET, and mlContext.Model.Load only creates classes registered with ML.NET's " +
        "internal LoadableClass attribute. Save the model with mlContext.Model.SaveWithOptSuite(model, schema, path) (using " +
        "OptSuite.MLNet) and load it with mlContext.Model.LoadWithOptSuite(path, out schema).");

    /// <summary>The fitted OptSuite model, untyped (the subclasses' <c>Model</c> is typed).</summary>
    internal abstract LinearEstimator Estimator { get; }

    /// <summary>The coefficients, copied when the transformer was made.</summary>
    internal LinearScores Scores { get; }

    /// <summary>ML.NET's ScoreColumnKind of the score columns (the task).</summary>
    internal abstract string ScoreColumnKind { get; }

    /// <summary>The task's name in saved pipelines: "binary", "multiclass", "regression".</summary>
    internal abstract string Task { get; }

    /// <summary>Adds what a saved pipeline needs besides the model to rebuild this transformer (multiclass: the label's
    /// key count and values).</summary>
    internal virtual void Describe(System.Text.Json.Nodes.JsonObject part) { }

    /// <summary>The columns appended, in order.</summary>
    internal abstract IReadOnlyList<OutputColumn> Outputs { get; }
}
