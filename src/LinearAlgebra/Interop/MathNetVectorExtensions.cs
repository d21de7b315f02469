using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Storage;
using MnDenseVector = MathNet.Numerics.LinearAlgebra.Double.DenseVector;

namespace OptSuite.LinearAlgebra;

/// <summary>Adapters between MathNet.Numerics 5 vectors and the spans and arrays OptSuite's kernels take.</summary>
public static class MathNetVectorExtensions
{
    /// <summary>
    /// The vector's values as a read-only span: zero copy for dense storage (<see cref="DenseVectorStorage{T}.Data"/>),
    /// a copy for sparse storage.
    /// </summary>
    public static ReadOnlySpan<double> AsReadOnlySpan(this Vector<double> vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        return vector.Storage is DenseVectorStorage<double> d ? d.Data.AsSpan(0, vector.Count) : vector.ToArray();
    }

    /// <summary>
    /// The vector's backing array when dense (zero copy; writes show through both ways), else a new array.
    /// Use it as a destination for OptSuite kernels writing straight into a MathNet vector.
    /// </summary>
    public static double[] GetDenseArray(this Vector<double> vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        return vector.Storage is DenseVectorStorage<double> d ? d.Data : vector.ToArray();
    }

    /// <summary>A MathNet dense vector wrapping <paramref name="values"/> without copying.</summary>
    public static MnDenseVector ToMathNetVector(this double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new MnDenseVector(values);
    }
}
