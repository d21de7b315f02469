using MathNet.Numerics.LinearAlgebra;
using OptSuite.Data.Shards;

namespace OptSuite.Models;

/// <summary>A <see cref="LinearRegressor"/> whose <c>Fit</c> returns the concrete estimator, so calls chain.</summary>
/// <typeparam name="TSelf">The concrete estimator.</typeparam>
public abstract class LinearRegressor<TSelf> : LinearRegressor where TSelf : LinearRegressor<TSelf>
{
    private protected LinearRegressor() { }

    /// <inheritdoc cref="LinearRegressor.Fit(FeatureMatrix, double[], double[], double[])"/>
    public new TSelf Fit(FeatureMatrix x, double[] y, double[]? sampleWeight = null, double[]? offset = null) => (TSelf)base.Fit(x, y, sampleWeight, offset);

    /// <inheritdoc cref="LinearRegressor.Fit(ShardedDataset, double[])"/>
    public new TSelf Fit(ShardedDataset data, double[]? offset = null) => (TSelf)base.Fit(data, offset);

    /// <inheritdoc cref="LinearRegressor.Fit(Matrix{double}, Vector{double}, Vector{double})"/>
    public new TSelf Fit(Matrix<double> x, Vector<double> y, Vector<double>? sampleWeight = null) => (TSelf)base.Fit(x, y, sampleWeight);
}
