using Microsoft.ML;
using Microsoft.ML.Data;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Tests.Solvers;

namespace OptSuite.Tests.MLNet;

/// <summary>
/// Real data for the ML.NET trainer tests, as IDataViews built the way an ML.NET user builds them (LoadFromEnumerable of
/// sparse VBuffer rows, LoadFromTextFile), and the same data as OptSuite matrices for fits made directly. The views hold
/// Single features, so the direct fits use the features rounded to Single: the same numbers the trainer reads.
/// </summary>
internal static class MLNetData
{
    /// <summary>The first 4000 rows of a9a (123 binary features), labels ±1.</summary>
    public static readonly Lazy<(CsrMatrix X, double[] Y)> A9a = new(() => BlockDualCoordinateDescentTests.Binary("binary/a9a.xz", 4000));

    /// <summary>dna.scale: 2000 × 180, classes 1, 2, 3.</summary>
    public static readonly Lazy<SvmlightDataset> Dna = new(() => SvmlightReader.Read(DatasetLocator.Find("multiclass/dna.scale")));

    /// <summary>abalone_scale: 4177 × 8, ring counts.</summary>
    public static readonly Lazy<SvmlightDataset> Abalone = new(() => SvmlightReader.Read(DatasetLocator.Find("regression/abalone_scale")));

    /// <summary>The 250 Wikipedia talk-page comments of ML.NET's test data (datasets/PROVENANCE.md), label 1 = toxic.</summary>
    public static string DetoxPath => DatasetLocator.Find("text/wikipedia-detox-250-line-data.tsv");

    public static IDataView Detox(MLContext ml) => ml.Data.LoadFromTextFile(DetoxPath,
    [
        new TextLoader.Column("Label", DataKind.Boolean, 0),
        new TextLoader.Column("Text", DataKind.String, 1),
    ], separatorChar: '\t', hasHeader: true);

    /// <summary>Rows with a Boolean label (y &gt; 0) and sparse Single features.</summary>
    public static IDataView Binary(MLContext ml, CsrMatrix x, double[] y) =>
        ml.Data.LoadFromEnumerable(Rows(x).Select((f, i) => new BinaryRow { Features = f, Label = y[i] > 0 }), Definition<BinaryRow>(x.Columns));

    /// <summary>Rows with a Single label (a target, or class values for MapValueToKey), an optional Single weight, and
    /// sparse Single features.</summary>
    public static IDataView Numeric(MLContext ml, CsrMatrix x, double[] y, double[]? w = null) =>
        ml.Data.LoadFromEnumerable(Rows(x).Select((f, i) => new NumericRow { Features = f, Label = (float)y[i], Weight = w is null ? 1 : (float)w[i] }),
            Definition<NumericRow>(x.Columns));

    /// <summary>X with every value rounded to Single, as an IDataView of Single features holds it.</summary>
    public static CsrMatrix RoundedToSingle(CsrMatrix x) =>
        new(x.Rows, x.Columns, x.RowPointers.ToArray(), x.ColumnIndices.ToArray(), x.Values.ToArray().Select(v => (double)(float)v).ToArray());

    /// <summary>Reads a vector column into CSR through ML.NET's own GetColumn, independently of the trainers' reader.</summary>
    public static CsrMatrix Column(IDataView data, string name)
    {
        var rowIndex = new List<int>();
        var columns = new List<int>();
        var values = new List<double>();
        int rows = 0, length = 0;
        // GetColumn may hand out the same buffers row after row: each row is read before the next is asked for.
        foreach (var row in data.GetColumn<VBuffer<float>>(name))
        {
            foreach (var (j, v) in row.Items())
            {
                rowIndex.Add(rows);
                columns.Add(j);
                values.Add(v);
            }
            length = row.Length;
            rows++;
        }
        return CsrMatrix.FromTriplets(rows, length, rowIndex.ToArray(), columns.ToArray(), values.ToArray());
    }

    public static double MaxRelativeDifference(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        Assert.Equal(a.Length, b.Length);
        double scale = 0, diff = 0;
        for (int i = 0; i < a.Length; i++)
        {
            scale = Math.Max(scale, Math.Abs(b[i]));
            diff = Math.Max(diff, Math.Abs(a[i] - b[i]));
        }
        return diff / Math.Max(scale, 1e-300);
    }

    private static IEnumerable<VBuffer<float>> Rows(CsrMatrix x)
    {
        foreach (var row in OptSuite.MLNet.OptSuiteVectors.Rows(x)) yield return row;
    }

    private static SchemaDefinition Definition<TRow>(int features)
    {
        var definition = SchemaDefinition.Create(typeof(TRow));
        definition["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
        return definition;
    }

    internal sealed class BinaryRow
    {
        public VBuffer<float> Features;
        public bool Label;
    }

    internal sealed class NumericRow
    {
        public VBuffer<float> Features;
        public float Label;
        public float Weight;
    }
}
