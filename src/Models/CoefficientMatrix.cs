using System.Globalization;

namespace OptSuite.Models;

/// <summary>
/// A fitted model's coefficients as a p × m table (feature j, output c) over the model's own storage: no copy is made
/// when it is taken or read. m = 1 for regressors and binary classifiers, k for multiclass models and multi-task lasso
/// (output c is class c of <see cref="LinearClassifier.Classes"/>, or task c). A later fit or load of the estimator stores
/// new arrays, so a view keeps describing the model it was taken from.
/// </summary>
public readonly struct CoefficientMatrix
{
    private readonly double[] _values;   // row-major p × m, as LinearEstimator stores them

    internal CoefficientMatrix(double[] values, int features, int outputs)
    {
        _values = values;
        Features = features;
        Outputs = outputs;
    }

    /// <summary>p, the number of features (rows).</summary>
    public int Features { get; }

    /// <summary>m, the number of outputs (columns).</summary>
    public int Outputs { get; }

    /// <summary>The coefficient of feature <paramref name="feature"/> for output <paramref name="output"/>.</summary>
    /// <param name="feature">j in [0, p).</param>
    /// <param name="output">c in [0, m).</param>
    public double this[int feature, int output]
    {
        get
        {
            if ((uint)feature >= (uint)Features) throw new ArgumentOutOfRangeException(nameof(feature), feature, $"feature must be in [0, {Features}).");
            if ((uint)output >= (uint)Outputs) throw new ArgumentOutOfRangeException(nameof(output), output, $"output must be in [0, {Outputs}).");
            return _values[feature * Outputs + output];
        }
    }

    /// <summary>Feature <paramref name="feature"/>'s coefficients for every output (m values, no copy).</summary>
    /// <param name="feature">j in [0, p).</param>
    public ReadOnlySpan<double> Feature(int feature)
    {
        if ((uint)feature >= (uint)Features) throw new ArgumentOutOfRangeException(nameof(feature), feature, $"feature must be in [0, {Features}).");
        return _values.AsSpan(feature * Outputs, Outputs);
    }

    /// <summary>Output <paramref name="output"/>'s coefficients over the features (a copy of p values: a column of the
    /// row-major table), e.g. one class's weight vector.</summary>
    /// <param name="output">c in [0, m).</param>
    public double[] Output(int output)
    {
        if ((uint)output >= (uint)Outputs) throw new ArgumentOutOfRangeException(nameof(output), output, $"output must be in [0, {Outputs}).");
        var column = new double[Features];
        for (int j = 0; j < column.Length; j++) column[j] = _values[j * Outputs + output];
        return column;
    }

    /// <summary>A copy as a p × m array.</summary>
    public double[,] ToArray()
    {
        var result = new double[Features, Outputs];
        for (int j = 0; j < Features; j++)
            for (int c = 0; c < Outputs; c++) result[j, c] = _values[j * Outputs + c];
        return result;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"CoefficientMatrix {Features}×{Outputs}");
}
