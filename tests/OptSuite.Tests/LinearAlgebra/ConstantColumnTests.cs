using OptSuite.LinearAlgebra;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.LinearAlgebra;

/// <summary>
/// [X, c·1] (<see cref="LinearMapExtensions.AppendConstantColumn"/> and the storage types' own methods): the same entries
/// plus a constant last column, in the source's storage kind, layout and backend; the source untouched.
/// </summary>
public class ConstantColumnTests
{
    private static double[,] Data()
    {
        var a = RandomMatrices.Dense(new Random(12), 9, 5, 0.5);
        for (int j = 0; j < 5; j++) a[3, j] = 0;   // an empty row: CSR must still give it the constant
        return a;
    }

    private static CscMatrix Csc(double[,] a) => RandomMatrices.Csr(a, LinearAlgebraBackends.Managed).ToCsc();

    /// <summary>Entry (i, j) of any map, read through a product with e_j.</summary>
    private static double[,] Entries(ILinearMap x)
    {
        var result = new double[x.Rows, x.Columns];
        var e = new double[x.Columns];
        var column = new double[x.Rows];
        for (int j = 0; j < x.Columns; j++)
        {
            Array.Clear(e);
            e[j] = 1;
            x.Apply(e, column);
            for (int i = 0; i < x.Rows; i++) result[i, j] = column[i];
        }
        return result;
    }

    public static TheoryData<string> Kinds => ["dense-row", "dense-column", "csr", "csc", "csr-transposed", "dense-transposed"];

    private static ILinearMap Build(string kind, double[,] a) => kind switch
    {
        "dense-row" => DenseMatrix.FromArray(a, LinearAlgebraBackends.Managed),
        "dense-column" => DenseMatrix.FromArray(a, LinearAlgebraBackends.Managed).ToLayout(MatrixLayout.ColumnMajor),
        "csr" => RandomMatrices.Csr(a, LinearAlgebraBackends.Managed),
        "csc" => Csc(a),
        // Views over the transpose's storage: a CSC (resp. dense row-major) view of a 5×9 CSR (column-major) matrix.
        "csr-transposed" => RandomMatrices.Csr(Transposed(a), LinearAlgebraBackends.Managed).Transpose(),
        "dense-transposed" => DenseMatrix.FromArray(Transposed(a), LinearAlgebraBackends.Managed).Transpose(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static double[,] Transposed(double[,] a)
    {
        var t = new double[a.GetLength(1), a.GetLength(0)];
        for (int i = 0; i < a.GetLength(0); i++) for (int j = 0; j < a.GetLength(1); j++) t[j, i] = a[i, j];
        return t;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TheColumnIsAppendedInTheSameStorage(string kind)
    {
        var a = Data();
        ILinearMap x = Build(kind, a);
        var before = Entries(x);
        ILinearMap augmented = x.AppendConstantColumn(2.5);

        Assert.Equal(x.GetType(), augmented.GetType());
        Assert.Same(x.Backend, augmented.Backend);
        Assert.Equal((x.Rows, x.Columns + 1), (augmented.Rows, augmented.Columns));
        if (x is DenseMatrix d) Assert.Equal(d.Layout, ((DenseMatrix)augmented).Layout);
        if (x is CompressedMatrix c)
        {
            Assert.Equal(c.NonZeroCount + x.Rows, ((CompressedMatrix)augmented).NonZeroCount);
            Assert.Equal(c.HasSortedIndices, ((CompressedMatrix)augmented).HasSortedIndices);
        }
        var entries = Entries(augmented);
        for (int i = 0; i < x.Rows; i++)
        {
            for (int j = 0; j < x.Columns; j++) Assert.Equal(a[i, j], entries[i, j]);
            Assert.Equal(2.5, entries[i, x.Columns]);
        }
        Assert.Equal(before, Entries(x));   // the source is untouched

        // Row and column access agree with the products (CSR rows carry the new entry last, CSC a full last column).
        var norms = new double[x.Rows];
        augmented.RowSquaredNorms(norms);
        for (int i = 0; i < x.Rows; i++)
        {
            double s = 6.25;
            for (int j = 0; j < x.Columns; j++) s += a[i, j] * a[i, j];
            Assert.Equal(s, norms[i], 1e-12);
        }
        Assert.Equal(6.25 * x.Rows, augmented.ColumnDot(x.Columns, Enumerable.Repeat(2.5, x.Rows).ToArray()), 1e-12);
    }

    [Fact]
    public void TheTypedMethodsKeepTheirTypes()
    {
        var a = Data();
        DenseMatrix dense = DenseMatrix.FromArray(a).AppendConstantColumn(1);
        CsrMatrix csr = RandomMatrices.Csr(a).AppendConstantColumn(1);
        CscMatrix csc = Csc(a).AppendConstantColumn(1);
        Assert.Equal(Entries(dense), Entries(csr));
        Assert.Equal(Entries(dense), Entries(csc));
        Assert.Equal(csr.ColumnIndices.ToArray().Length, a.Cast<double>().Count(v => v != 0) + a.GetLength(0));
    }

    [Fact]
    public void EmptyShapesWork()
    {
        var noRows = new CsrMatrix(0, 3, [0], [], []).AppendConstantColumn(1);
        Assert.Equal((0, 4, 0), (noRows.Rows, noRows.Columns, noRows.NonZeroCount));
        var noColumns = DenseMatrix.Zeros(4, 0).AppendConstantColumn(-1);
        Assert.Equal([-1.0, -1.0, -1.0, -1.0], noColumns.Values.ToArray());
        var cscNoColumns = new CscMatrix(2, 0, [0], [], []).AppendConstantColumn(3);
        Assert.Equal([0, 2], cscNoColumns.ColumnPointers.ToArray());
        Assert.Equal([0, 1], cscNoColumns.RowIndices.ToArray());
    }

    [Fact]
    public void BadInputIsRejectedWithAClearMessage()
    {
        var custom = new ForwardingMap(DenseMatrix.FromArray(Data()));
        var e = Assert.Throws<ArgumentException>(() => custom.AppendConstantColumn(1));
        Assert.Equal("x", e.ParamName);
        Assert.Contains(nameof(ForwardingMap), e.Message);
        Assert.Contains("DenseMatrix, CsrMatrix, CscMatrix or row-blocked map", e.Message);
        Assert.Throws<ArgumentNullException>(() => ((ILinearMap)null!).AppendConstantColumn(1));

        ILinearMap[] maps = [DenseMatrix.FromArray(Data()), RandomMatrices.Csr(Data()), Csc(Data()), new RowBlockedMatrix(RandomMatrices.Csr(Data()), 2)];
        foreach (var x in maps)
            foreach (double bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
                Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => x.AppendConstantColumn(bad)).ParamName);
    }
}
