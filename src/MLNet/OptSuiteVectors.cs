using Microsoft.ML.Data;
using OptSuite.LinearAlgebra;

namespace OptSuite.MLNet;

/// <summary>OptSuite's sparse rows as ML.NET's sparse feature vectors, to build an IDataView from data OptSuite read
/// (svmlight files, shards): every row a <see cref="VBuffer{T}"/> of the matrix's width holding only its stored entries.</summary>
public static class OptSuiteVectors
{
    /// <summary>The rows of <paramref name="x"/> as sparse Single vectors of length <see cref="CsrMatrix.Columns"/>
    /// (values rounded to Single, as ML.NET's trainers read them). A duplicate entry in a row stays two entries.</summary>
    /// <param name="x">The rows.</param>
    public static IEnumerable<VBuffer<float>> Rows(CsrMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        for (int i = 0; i < x.Rows; i++) yield return Row(x, i);
    }

    /// <summary>Row <paramref name="i"/> of <paramref name="x"/> as a sparse Single vector.</summary>
    /// <param name="x">The rows.</param>
    /// <param name="i">The row.</param>
    public static VBuffer<float> Row(CsrMatrix x, int i)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentOutOfRangeException.ThrowIfNegative(i);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, x.Rows);
        int from = x.RowPointers[i], to = x.RowPointers[i + 1];
        var values = new float[to - from];
        var indices = new int[to - from];
        for (int k = from; k < to; k++)
        {
            values[k - from] = (float)x.Values[k];
            indices[k - from] = x.ColumnIndices[k];
        }
        return new VBuffer<float>(x.Columns, values.Length, values, indices);
    }
}
