using Microsoft.ML;
using OptSuite.Models;

namespace OptSuite.MLNet;

/// <summary>
/// OptSuite estimators in ML.NET's trainer catalogs, beside ML.NET's own:
/// <c>mlContext.BinaryClassification.Trainers.OptSuite(new LogisticRegression { C = 1 })</c>,
/// <c>mlContext.MulticlassClassification.Trainers.OptSuite(new MulticlassSvm())</c>,
/// <c>mlContext.Regression.Trainers.OptSuite(new Lasso { Lambda = 0.01 })</c>. The estimator is a template of options:
/// every fit fits a clone of it.
/// </summary>
public static class OptSuiteTrainers
{
    /// <summary>A binary trainer fitting <paramref name="estimator"/>: Boolean labels, <c>Score</c>, <c>Probability</c>
    /// (logistic regression only) and <c>PredictedLabel</c> out.</summary>
    /// <typeparam name="TModel">The OptSuite classifier.</typeparam>
    /// <param name="catalog">mlContext.BinaryClassification.Trainers.</param>
    /// <param name="estimator">The classifier with its options, e.g. <c>new LogisticRegression { C = 1 }</c>.</param>
    /// <param name="labelColumnName">The Boolean label column.</param>
    /// <param name="featureColumnName">The feature column (a vector of Single).</param>
    /// <param name="exampleWeightColumnName">The example weight column, or null.</param>
    /// <param name="offsetColumnName">The offset column (Single: a known term o_i of each row's score), or null; binary
    /// logistic regression only. The fitted transformer reads it from every row it scores.</param>
    public static OptSuiteBinaryTrainer<TModel> OptSuite<TModel>(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        TModel estimator, string labelColumnName = "Label", string featureColumnName = "Features", string? exampleWeightColumnName = null,
        string? offsetColumnName = null)
        where TModel : LinearClassifier
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new OptSuiteBinaryTrainer<TModel>(catalog, estimator, labelColumnName, featureColumnName, exampleWeightColumnName, offsetColumnName);
    }

    /// <summary>A multiclass trainer fitting <paramref name="estimator"/>: key labels, a <c>Score</c> vector and a key
    /// <c>PredictedLabel</c> out.</summary>
    /// <typeparam name="TModel">The OptSuite classifier.</typeparam>
    /// <param name="catalog">mlContext.MulticlassClassification.Trainers.</param>
    /// <param name="estimator">The classifier with its options, e.g. <c>new LogisticRegression()</c> (multinomial).</param>
    /// <param name="labelColumnName">The key-typed label column.</param>
    /// <param name="featureColumnName">The feature column (a vector of Single).</param>
    /// <param name="exampleWeightColumnName">The example weight column, or null.</param>
    public static OptSuiteMulticlassTrainer<TModel> OptSuite<TModel>(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        TModel estimator, string labelColumnName = "Label", string featureColumnName = "Features", string? exampleWeightColumnName = null)
        where TModel : LinearClassifier
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new OptSuiteMulticlassTrainer<TModel>(catalog, estimator, labelColumnName, featureColumnName, exampleWeightColumnName);
    }

    /// <summary>A regression trainer fitting <paramref name="estimator"/>: Single labels, <c>Score</c> out.</summary>
    /// <typeparam name="TModel">The OptSuite regressor.</typeparam>
    /// <param name="catalog">mlContext.Regression.Trainers.</param>
    /// <param name="estimator">The regressor with its options, e.g. <c>new Lasso { Lambda = 0.01 }</c>.</param>
    /// <param name="labelColumnName">The Single label column.</param>
    /// <param name="featureColumnName">The feature column (a vector of Single).</param>
    /// <param name="exampleWeightColumnName">The example weight column, or null.</param>
    /// <param name="offsetColumnName">The offset column (Single: a known term o_i of each row's score, e.g. log exposure),
    /// or null; Poisson, Gamma and Tweedie only. The fitted transformer reads it from every row it scores.</param>
    public static OptSuiteRegressionTrainer<TModel> OptSuite<TModel>(this RegressionCatalog.RegressionTrainers catalog,
        TModel estimator, string labelColumnName = "Label", string featureColumnName = "Features", string? exampleWeightColumnName = null,
        string? offsetColumnName = null)
        where TModel : LinearRegressor
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new OptSuiteRegressionTrainer<TModel>(catalog, estimator, labelColumnName, featureColumnName, exampleWeightColumnName, offsetColumnName);
    }
}
