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
}
