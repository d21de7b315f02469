using MathNet.Numerics.LinearAlgebra;
using OptSuite.Data.Shards;

namespace OptSuite.Models;

/// <summary>A <see cref="LinearClassifier"/> whose <c>Fit</c> returns the concrete estimator, so calls chain
/// (<c>new LogisticRegression().Fit(x, y).PredictProbability(x)</c>).</summary>
/// <typeparam name="TSelf">The concrete estimator.</typeparam>
public abstract class LinearClassifier<TSelf> : LinearClassifier where TSelf : LinearClassifier<TSelf>
{
    private protected LinearClassifier() { }

    /// <inheritdoc cref="LinearClassifier.Fit{TLabel}(FeatureMatrix, IReadOnlyList{TLabel}, double[], double[])"/>
    public new TSelf Fit<TLabel>(FeatureMatrix x, IReadOnlyList<TLabel> y, double[]? sampleWeight = null, double[]? offset = null) =>
        (TSelf)base.Fit(x, y, sampleWeight, offset);

    /// <inheritdoc cref="LinearClassifier.Fit(ShardedDataset, double[])"/>
    public new TSelf Fit(ShardedDataset data, double[]? offset = null) => (TSelf)base.Fit(data, offset);

    /// <inheritdoc cref="LinearClassifier.Fit(Matrix{double}, Vector{double}, Vector{double})"/>
    public new TSelf Fit(Matrix<double> x, Vector<double> y, Vector<double>? sampleWeight = null) =>
        (TSelf)base.Fit(x, y, sampleWeight);
}
