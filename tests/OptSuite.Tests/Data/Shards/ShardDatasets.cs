using OptSuite.Data.Shards;
using OptSuite.LinearAlgebra;

namespace OptSuite.Tests.Data.Shards;

/// <summary>Compares a shard dataset with a matrix and labels read in memory, entry by entry and bit for bit.</summary>
internal static class ShardDatasets
{
    /// <summary>Asserts that the dataset in <paramref name="dir"/> holds exactly <paramref name="x"/> (stored entries, explicit zeros included, for sparse shards) and <paramref name="y"/>; every checksum is checked.</summary>
    public static ShardManifest AssertHolds(string dir, CsrMatrix x, double[] y)
    {
        var data = ShardedDataset.Open(dir, ShardVerification.Open);
        Assert.Equal(x.Rows, data.Rows);
        Assert.Equal(x.Columns, data.Columns);
        AssertBits(y, data.Labels);
        var ptr = x.RowPointers;
        var idx = x.ColumnIndices;
        var val = x.Values;
        int rows = 0;
        foreach (var block in data.Features.ReadBlocks())
        {
            Assert.Equal(rows, block.FirstRow);
            if (block.Rows is CsrMatrix csr)
            {
                Assert.Equal(ShardStorage.Sparse, data.Manifest.Storage);
                for (int r = 0; r < csr.Rows; r++)
                {
                    int i = block.FirstRow + r;
                    var p = csr.RowPointers;
                    Assert.Equal(idx[ptr[i]..ptr[i + 1]].ToArray(), csr.ColumnIndices[p[r]..p[r + 1]].ToArray());
                    AssertBits(val[ptr[i]..ptr[i + 1]].ToArray(), csr.Values[p[r]..p[r + 1]].ToArray());
                }
            }
            else
            {
                var dense = Assert.IsType<DenseMatrix>(block.Rows);
                Assert.Equal(ShardStorage.Dense, data.Manifest.Storage);
                var row = new double[x.Columns];
                for (int r = 0; r < dense.Rows; r++)
                {
                    int i = block.FirstRow + r;
                    Array.Clear(row);
                    for (int q = ptr[i]; q < ptr[i + 1]; q++) row[idx[q]] = val[q];
                    var got = new double[x.Columns];
                    for (int j = 0; j < got.Length; j++) got[j] = dense[r, j];
                    AssertBits(row, got);
                }
            }
            rows += block.Rows.Rows;
        }
        Assert.Equal(x.Rows, rows);
        if (data.Manifest.Storage == ShardStorage.Sparse) Assert.Equal(x.NonZeroCount, data.Manifest.NonZeros);
        return data.Manifest;
    }

    /// <summary>As <see cref="AssertHolds(string, CsrMatrix, double[])"/> for a dense matrix (zeros are not entries of sparse shards).</summary>
    public static ShardManifest AssertHolds(string dir, DenseMatrix x, double[] y) => AssertHolds(dir, Sparse(x), y);

    /// <summary>The non-zeros of a dense matrix as CSR.</summary>
    public static CsrMatrix Sparse(DenseMatrix x)
    {
        var ri = new List<int>();
        var ci = new List<int>();
        var v = new List<double>();
        for (int i = 0; i < x.Rows; i++)
            for (int j = 0; j < x.Columns; j++)
                if (x[i, j] != 0) { ri.Add(i); ci.Add(j); v.Add(x[i, j]); }
        return CsrMatrix.FromTriplets(x.Rows, x.Columns, ri.ToArray(), ci.ToArray(), v.ToArray());
    }

    /// <summary>Column <paramref name="label"/> of <paramref name="x"/> as labels (0 where a row stores none) and the other columns as features, in order.</summary>
    public static (CsrMatrix X, double[] Y) SplitColumn(CsrMatrix x, int label)
    {
        var y = new double[x.Rows];
        var pointers = new int[x.Rows + 1];
        var indices = new List<int>();
        var values = new List<double>();
        var ptr = x.RowPointers;
        for (int i = 0; i < x.Rows; i++)
        {
            for (int q = ptr[i]; q < ptr[i + 1]; q++)
            {
                int j = x.ColumnIndices[q];
                if (j == label) { y[i] = x.Values[q]; continue; }
                indices.Add(j > label ? j - 1 : j);
                values.Add(x.Values[q]);
            }
            pointers[i + 1] = indices.Count;
        }
        return (new CsrMatrix(x.Rows, x.Columns - 1, pointers, indices.ToArray(), values.ToArray()), y);
    }

    private static void AssertBits(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
            if (BitConverter.DoubleToInt64Bits(expected[k]) != BitConverter.DoubleToInt64Bits(actual[k]))
                Assert.Fail($"entry {k}: expected {expected[k]:R}, got {actual[k]:R}");
    }
}
