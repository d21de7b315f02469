using OptSuite.LinearAlgebra;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.LinearAlgebra;

/// <summary>
/// The row-block views behave as the matrix they stand for: [X, c·1], a subset of columns, a subset of rows — products,
/// norms and every block's entries equal those of the same matrix built in memory, for CSR and dense blocks, and two
/// passes at once do not share buffers.
/// </summary>
public class RowBlockedViewTests
{
    private static readonly double[,] Values = RandomMatrices.Dense(new Random(4), 53, 11, 0.4);

    public static TheoryData<bool> Storage => new() { true, false };

    private static ILinearMap Stored(bool sparse) => sparse ? RandomMatrices.Csr(Values) : DenseMatrix.FromArray(Values);

    /// <summary>The view and its reference agree on products, norms and the entries of every block.</summary>
    private static void Same(IRowBlockedMap view, DenseMatrix reference)
    {
        Assert.Equal(reference.Rows, view.Rows);
        Assert.Equal(reference.Columns, view.Columns);
        var rng = new Random(8);
        double[] x = RandomMatrices.Vector(rng, view.Columns), u = RandomMatrices.Vector(rng, view.Rows);
        double[] y1 = new double[view.Rows], y2 = new double[view.Rows], g1 = new double[view.Columns], g2 = new double[view.Columns];
        view.Apply(x, y1);
        reference.Apply(x, y2);
        view.ApplyTranspose(u, g1);
        reference.ApplyTranspose(u, g2);
        Assert.True(RandomMatrices.RelativeError(y1, y2) < 1e-14);
        Assert.True(RandomMatrices.RelativeError(g1, g2) < 1e-14);
        double[] c1 = new double[view.Columns], c2 = new double[view.Columns], r1 = new double[view.Rows], r2 = new double[view.Rows];
        view.ColumnSquaredNorms(c1);
        reference.ColumnSquaredNorms(c2);
        view.RowSquaredNorms(r1);
        reference.RowSquaredNorms(r2);
        Assert.True(RandomMatrices.RelativeError(c1, c2) < 1e-14);
        Assert.True(RandomMatrices.RelativeError(r1, r2) < 1e-14);
        int rows = 0;
        foreach (RowBlock b in view.ReadBlocks())
        {
            Assert.Equal(view.BlockStart(b.Index), b.FirstRow);
            Assert.Equal(view.BlockStart(b.Index + 1) - b.FirstRow, b.Rows.Rows);
            Assert.True(b.Rows is CsrMatrix or DenseMatrix { Layout: MatrixLayout.RowMajor });
            var dense = b.Rows is CsrMatrix csr ? csr.ToDense() : (DenseMatrix)b.Rows;
            for (int i = 0; i < b.Rows.Rows; i++)
                for (int j = 0; j < view.Columns; j++) Assert.Equal(reference[b.FirstRow + i, j], dense[i, j]);
            rows += b.Rows.Rows;
        }
        Assert.Equal(view.Rows, rows);
        Assert.Throws<NotSupportedException>(() => view.ColumnDot(0, u));
    }

    [Theory]
    [MemberData(nameof(Storage))]
    public void AConstantColumnIsAppendedToEveryBlock(bool sparse)
    {
        var x = Stored(sparse);
        var view = new RowBlockedMatrix(x, 7).AppendConstantColumn(2.5);
        Assert.IsType<RowBlockedConstantColumn>(view);
        var reference = DenseMatrix.FromArray(Values).AppendConstantColumn(2.5);
        Same((IRowBlockedMap)view, reference);
        Assert.Equal(x.StoredCount + x.Rows, view.StoredCount);
    }

    [Theory]
    [MemberData(nameof(Storage))]
    public void ColumnsAreKeptInEveryBlock(bool sparse)
    {
        int[] kept = [0, 3, 4, 9, 10];
        var view = new RowBlockedColumns(new RowBlockedMatrix(Stored(sparse), 7), kept);
        var values = new double[Values.GetLength(0), kept.Length];
        for (int i = 0; i < values.GetLength(0); i++)
            for (int t = 0; t < kept.Length; t++) values[i, t] = Values[i, kept[t]];
        Same(view, DenseMatrix.FromArray(values));
        Assert.Throws<ArgumentException>(() => new RowBlockedColumns(new RowBlockedMatrix(Stored(sparse), 7), [3, 3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RowBlockedColumns(new RowBlockedMatrix(Stored(sparse), 7), [11]));
    }

    [Theory]
    [MemberData(nameof(Storage))]
    public void RowsAreGatheredFromTheBlocksThatHoldThem(bool sparse)
    {
        int[] kept = [1, 2, 3, 20, 22, 23, 24, 25, 26, 27, 52];
        var view = new RowBlockedRows(new RowBlockedMatrix(Stored(sparse), 7), kept);
        var values = new double[kept.Length, Values.GetLength(1)];
        for (int t = 0; t < kept.Length; t++)
            for (int j = 0; j < values.GetLength(1); j++) values[t, j] = Values[kept[t], j];
        Same(view, DenseMatrix.FromArray(values));
        Assert.Equal(4, view.BlockCount);   // source blocks 0, 2, 3 and 7 (rows 0–6, 14–20, 21–27, 49–52)
        var reversed = view.ReadBlocks([3, 0]).Select(b => (b.Index, b.FirstRow, b.Rows.Rows)).ToArray();
        Assert.Equal([(3, 10, 1), (0, 0, 3)], reversed);
        Assert.Throws<ArgumentException>(() => new RowBlockedRows(new RowBlockedMatrix(Stored(sparse), 7), [2, 1]));
    }

    [Fact]
    public void TwoPassesAtOnceShareNoBuffers()
    {
        var view = (IRowBlockedMap)new RowBlockedMatrix(Stored(true), 7).AppendConstantColumn(1);
        using var first = view.ReadBlocks().GetEnumerator();
        using var second = view.ReadBlocks().GetEnumerator();
        Assert.True(first.MoveNext());
        var one = ((CsrMatrix)first.Current.Rows).ToDense();
        Assert.True(second.MoveNext() && second.MoveNext());   // the second pass moves on to block 1
        Assert.Equal(one.Values.ToArray(), ((CsrMatrix)first.Current.Rows).ToDense().Values.ToArray());
    }
}
