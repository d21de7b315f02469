using OptSuite.LinearAlgebra;

namespace OptSuite.Tests.LinearAlgebra;

public class SparseConstructionTests
{
    [Fact]
    public void TripletsAreSortedAndDuplicatesSummed()
    {
        int[] r = [1, 0, 1, 1, 0];
        int[] c = [2, 1, 0, 2, 1];
        double[] v = [1.0, 2.0, 3.0, 4.0, 0.0];
        var a = CsrMatrix.FromTriplets(2, 3, r, c, v);
        Assert.Equal([0, 1, 3], a.RowPointers.ToArray());
        Assert.Equal([1, 0, 2], a.ColumnIndices.ToArray());
        Assert.Equal([2.0, 3.0, 5.0], a.Values.ToArray());
        Assert.True(a.HasSortedIndices);
    }

    [Fact]
    public void CsrToCscRoundTripKeepsEntries()
    {
        var a = CsrMatrix.FromTriplets(3, 4, [0, 2, 2, 1], [3, 0, 3, 1], [1.5, -2.0, 4.0, 0.0]);
        var csc = a.ToCsc();
        Assert.Equal([0, 1, 2, 2, 4], csc.ColumnPointers.ToArray());
        Assert.Equal([2, 1, 0, 2], csc.RowIndices.ToArray());
        var back = csc.ToCsr();
        Assert.Equal(a.RowPointers.ToArray(), back.RowPointers.ToArray());
        Assert.Equal(a.ColumnIndices.ToArray(), back.ColumnIndices.ToArray());
        Assert.Equal(a.Values.ToArray(), back.Values.ToArray());
    }

    [Fact]
    public void InvalidArraysAreRejectedWithParameterNames()
    {
        var e = Assert.Throws<ArgumentException>(() => new CsrMatrix(2, 2, [0, 2, 1], [0, 1], [1.0, 2.0]));
        Assert.Equal("rowPointers", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => new CsrMatrix(1, 2, [0, 1], [2], [1.0]));
        Assert.Equal("columnIndices", e.ParamName);
    }

    /// <summary>
    /// The largest stored magnitude, which the estimators' input check reads in one vectorised pass instead of scanning
    /// for non-finite values and forming every row and column squared norm: NaN or +∞ exactly when a value is not finite
    /// (so <c>NonFiniteIndex</c> still names the first one), 0 for nothing stored; across the vector width and its tail.
    /// </summary>
    [Fact]
    public void TheLargestMagnitudeFlagsNonFiniteValuesAndNamesTheFirst()
    {
        double[] values = Enumerable.Range(0, 37).Select(k => Math.Sin(k) * (k + 1)).ToArray();
        double expected = values.Max(Math.Abs);
        var dense = new DenseMatrix(37, 1, (double[])values.Clone());
        var sparse = new CsrMatrix(1, 37, [0, 37], Enumerable.Range(0, 37).ToArray(), (double[])values.Clone());
        Assert.Equal(expected, dense.LargestMagnitude());
        Assert.Equal(expected, sparse.LargestMagnitude());
        Assert.Equal(-1, dense.NonFiniteIndex());
        Assert.Equal(-1, sparse.NonFiniteIndex());
        foreach ((int at, double bad) in new[] { (36, double.NaN), (5, double.NegativeInfinity), (0, double.PositiveInfinity) })
        {
            double[] v = (double[])values.Clone();
            v[at] = bad;
            v[^1] = at == 36 ? bad : double.NaN;   // a second one after it: the first is named
            var d = new DenseMatrix(37, 1, v);
            var s = new CsrMatrix(1, 37, [0, 37], Enumerable.Range(0, 37).ToArray(), (double[])v.Clone());
            Assert.False(double.IsFinite(d.LargestMagnitude()));
            Assert.False(double.IsFinite(s.LargestMagnitude()));
            Assert.Equal(at, d.NonFiniteIndex());
            Assert.Equal(at, s.NonFiniteIndex());
        }
        Assert.Equal(0, new CsrMatrix(2, 2, [0, 0, 0], [], []).LargestMagnitude());
    }
}
