using Microsoft.ML;
using Microsoft.ML.Data;
using OptSuite.MLNet.Internal;
using OptSuite.Models;

namespace OptSuite.MLNet;

/// <summary>
/// A fitted OptSuite regressor in an ML.NET pipeline. It appends ML.NET's regression column <c>Score</c> (Single): the
/// model's prediction, x·w + b or its mean function (e^z for Poisson and Gamma), as <c>Predict</c> gives it.
/// </summary>
/// <typeparam name="TModel">The OptSuite regressor (Ridge, Lasso, ElasticNet, HuberRegressor, PoissonRegressor, ...).</typeparam>
public sealed class OptSuiteRegressionTransformer<TModel> : OptSuiteTransformer, ISingleFeaturePredictionTransformer<TModel>
    where TModel : LinearRegressor
{
    private readonly OutputColumn[] _outputs;

    internal OptSuiteRegressionTransformer(TModel model, string featureColumnName, string? offsetColumnName = null) : base(model, featureColumnName, offsetColumnName)
    {
        Model = model;
        _outputs =
        [
            new("Score", NumberDataViewType.Single, ScoreAnnotations.Score, null,
                s => (ValueGetter<float>)((ref float v) => v = (float)model.PredictFromScore(s.Scores[0]))),
        ];
    }

    /// <summary>The fitted OptSuite model: coefficients, intercept, fit report. The transformer scores with a copy of the
    /// coefficients taken when it was made, so refitting this object does not change it.</summary>
    public TModel Model { get; }

    internal override LinearEstimator Estimator => Model;

    internal override string ScoreColumnKind => ScoreAnnotations.Regression;

    internal override IReadOnlyList<OutputColumn> Outputs => _outputs;

    internal override string Task => "regression";
}
