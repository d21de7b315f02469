using MathNet.Numerics.LinearAlgebra;
using OptSuite.Data.Shards;
using OptSuite.LinearAlgebra;
using OptSuite.LinearAlgebra.Distributed;

namespace OptSuite.Models;

/// <summary>
/// The feature matrix X (n samples × p features) an estimator reads: converts implicitly from <c>double[,]</c>, <c>double[][]</c>, <c>float[,]</c>,
/// OptSuite's <see cref="DenseMatrix"/>, <see cref="CsrMatrix"/>, <see cref="CscMatrix"/>, the features of a shard dataset
/// (<see cref="ShardedMatrix"/>, read a shard at a time) and MathNet matrices, and from any <see cref="ILinearMap"/> through
/// <see cref="From"/>. The data are never modified.
/// </summary>
/// <remarks>
/// A <c>double[,]</c>, <c>double[][]</c> or <c>float[,]</c> is copied once into a row-major <see cref="DenseMatrix"/>; MathNet dense storage is shared without
/// copying, MathNet sparse storage is copied once into CSR (see <see cref="MathNetMatrixExtensions"/>).
/// </remarks>
public readonly struct FeatureMatrix
{
    private readonly ILinearMap? _map;

    private FeatureMatrix(ILinearMap map) => _map = map;

    /// <summary>The matrix as the solvers see it.</summary>
    public ILinearMap Map => _map ?? throw new ArgumentNullException("x", "The feature matrix is null (default FeatureMatrix).");

    /// <summary>Whether the storage is sparse (CSR or CSC).</summary>
    public bool IsSparse => Map is CompressedMatrix;

    /// <summary>n, the number of samples (rows).</summary>
    public int Rows => Map.Rows;

    /// <summary>p, the number of features (columns).</summary>
    public int Columns => Map.Columns;

    /// <summary>
    /// The samples <paramref name="rows"/> in that order, in the same storage (dense stays dense, CSR stays CSR, CSC stays
    /// CSC; a copy — a row may appear more than once, as in a bootstrap sample). Data read in row blocks (a shard
    /// dataset's features) give a view that reads the picked rows block by block; their rows must then be increasing.
    /// </summary>
    /// <param name="rows">Row indices in [0, <see cref="Rows"/>).</param>
    public FeatureMatrix SelectRows(int[] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Map switch
        {
            CscMatrix csc => csc.SelectRows(rows),
            IRowBlockedMap => From(Models.Paths.RowSubset.Take(Map, CheckedIncreasing(rows, Map.Rows))),
            _ => From(Models.Paths.RowSubset.Take(Map, rows)),
        };
    }

    private static int[] CheckedIncreasing(int[] rows, int count)
    {
        for (int r = 0; r < rows.Length; r++)
        {
            if ((uint)rows[r] >= (uint)count) throw new ArgumentOutOfRangeException(nameof(rows), rows[r], $"rows[{r}] = {rows[r]} is not a row index in [0, {count}).");
            if (r > 0 && rows[r] <= rows[r - 1])
                throw new ArgumentException($"rows[{r}] = {rows[r]} follows {rows[r - 1]}; rows of data read in blocks are picked in increasing order.", nameof(rows));
        }
        return rows;
    }

    /// <summary>Wraps any linear map.</summary>
    /// <param name="map">The n×p matrix.</param>
    public static FeatureMatrix From(ILinearMap map) => new(map ?? throw new ArgumentNullException(nameof(map)));

    /// <summary>
    /// This process's rows of X when the rows are split across the processes of an MPI job (or the ranks of any
    /// <see cref="ICommunicator"/>): a fit on it is the fit on all the ranks' rows together — every rank calls <c>Fit</c>
    /// with its rows, labels and weights, λ = 1/(n·C) uses n over all ranks, classifiers fit the classes of every rank's
    /// labels, and every rank ends with the same coefficients (bit for bit). Collective: every rank calls it, in the
    /// same order, with the same number of columns (pad narrower data to the global feature count). <c>Score</c> is
    /// then over all ranks' rows and collective too; <c>Predict</c> is local. Save the model on one rank
    /// (docs/distributed.md).
    /// </summary>
    /// <param name="local">This rank's rows (possibly none): a stored matrix or a shard dataset's features.</param>
    /// <param name="communicator">The ranks, e.g. <see cref="MpiCommunicator.World"/>.</param>
    public static FeatureMatrix Distributed(FeatureMatrix local, ICommunicator communicator) =>
        From(new DistributedRows(local.Map, communicator ?? throw new ArgumentNullException(nameof(communicator))));

    /// <summary>Copies a two-dimensional array (rows are samples).</summary>
    /// <param name="x">The n×p values.</param>
    public static implicit operator FeatureMatrix(double[,] x) =>
        new(DenseMatrix.FromArray(x ?? throw new ArgumentNullException(nameof(x))));

    /// <summary>Copies jagged rows (one array per sample, all of the same length).</summary>
    /// <param name="x">The n rows of p values.</param>
    public static implicit operator FeatureMatrix(double[][] x) =>
        new(DenseMatrix.FromRows(x ?? throw new ArgumentNullException(nameof(x))));

    /// <summary>Copies a single-precision two-dimensional array (rows are samples) into double precision.</summary>
    /// <param name="x">The n×p values.</param>
    public static implicit operator FeatureMatrix(float[,] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.GetLength(0), p = x.GetLength(1);
        var data = new double[(long)n * p];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++) data[(long)i * p + j] = x[i, j];
        return new(new DenseMatrix(n, p, data));
    }

    /// <summary>Wraps a dense matrix.</summary>
    /// <param name="x">The matrix.</param>
    public static implicit operator FeatureMatrix(DenseMatrix x) => From(x);

    /// <summary>Wraps a CSR matrix.</summary>
    /// <param name="x">The matrix.</param>
    public static implicit operator FeatureMatrix(CsrMatrix x) => From(x);

    /// <summary>Wraps a CSC matrix.</summary>
    /// <param name="x">The matrix.</param>
    public static implicit operator FeatureMatrix(CscMatrix x) => From(x);

    /// <summary>Wraps the features of a shard dataset (<see cref="ShardedDataset.Features"/>): nothing is read until a solver
    /// or a prediction makes a pass, which reads one shard at a time.</summary>
    /// <param name="x">The sharded matrix.</param>
    public static implicit operator FeatureMatrix(ShardedMatrix x) => From(x);

    /// <summary>Adapts a MathNet matrix (dense shared, sparse copied once).</summary>
    /// <param name="x">The matrix.</param>
    public static implicit operator FeatureMatrix(Matrix<double> x) =>
        new((x ?? throw new ArgumentNullException(nameof(x))).ToLinearMap());
}
