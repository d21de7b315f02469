using System.Text;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Models;

namespace OptSuite.Fuzz;

/// <summary>
/// The four parsers under test. Each run parses one input and, when parsing succeeds, checks what came out: shapes that
/// agree, finite values (every reader rejects NaN and infinities by default), a product with the matrix that does not
/// throw, and for models a save/load round trip that reproduces the coefficients bit for bit.
/// </summary>
public static class FuzzTargets
{
    /// <summary>Matrices wider than this are not multiplied in the checks (the vector alone would be large).</summary>
    private const int ProductLimit = 1 << 22;

    /// <summary>The targets' names, in campaign order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["svmlight", "matrix-market", "csv", "model"];

    /// <summary>All targets (their seed corpora are built on the call).</summary>
    public static IReadOnlyList<FuzzTarget> All() => Names.Select(ByName).ToArray();

    /// <summary>One target by name (only its seeds are built).</summary>
    public static FuzzTarget ByName(string name) => name switch
    {
        "svmlight" => Svmlight(),
        "matrix-market" => MatrixMarket(),
        "csv" => Csv(),
        "model" => Model(),
        _ => throw new ArgumentException($"Unknown fuzz target '{name}'; use {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>The svmlight reader, single- and multi-label, on the calling thread and with a tiny parallel chunking.</summary>
    public static FuzzTarget Svmlight()
    {
        var serial = new SvmlightReaderOptions { MaxDegreeOfParallelism = 1 };
        var chunked = new SvmlightReaderOptions { MaxDegreeOfParallelism = 2, ChunkBytes = 64 };
        return new FuzzTarget("svmlight", SeedCorpus.Svmlight(), input =>
        {
            // One small input in eight is read in 64-byte parallel chunks, so chunk boundaries fall everywhere (not more:
            // handing chunks to pool threads costs milliseconds per input on a loaded machine).
            var options = input.Length < 4096 && input.Length % 8 == 0 ? chunked : serial;
            long size = 0;
            DataFormatException? rejected = null;
            try
            {
                var d = SvmlightReader.Read(input, "fuzz.svm", options);
                Require(d.Labels.Length == d.Rows, "labels and rows differ");
                Require(d.Labels.All(double.IsFinite) && d.Features.AllFinite(), "non-finite value accepted");
                CheckProduct(d.Features, input.Length);
                size = d.Rows + (long)d.NonZeroCount * 2;
            }
            catch (DataFormatException e) { rejected = e; }
            // Every single-label file is a multi-label file with one label per row; multi-label files (commas) only
            // parse with ReadMultiLabel, so the input is malformed when both readers reject it.
            try
            {
                var m = SvmlightReader.ReadMultiLabel(input, "fuzz.svm", serial);
                Require(m.LabelPointers.Length == m.Rows + 1 && m.LabelPointers[^1] == m.LabelValues.Length, "label pointers and rows differ (multi-label)");
                Require(m.LabelValues.All(double.IsFinite) && m.Features.AllFinite(), "non-finite value accepted (multi-label)");
                return size + m.Rows + (long)m.Features.NonZeroCount * 2;
            }
            catch (DataFormatException) when (rejected is not null) { throw rejected; }
            catch (DataFormatException e) { throw new FuzzInvariantException($"Read accepted what ReadMultiLabel rejects: {e.Message}"); }
        }, typeof(DataFormatException));
    }

    /// <summary>The Matrix Market reader (coordinate and array; real, integer, pattern; general and symmetric).</summary>
    public static FuzzTarget MatrixMarket() => new("matrix-market", SeedCorpus.MatrixMarket(), input =>
    {
        var r = MatrixMarketReader.Read(new MemoryStream(input, writable: false), "fuzz.mtx");
        Require((r.Sparse is null) != (r.Dense is null), "exactly one of Sparse and Dense must be set");
        Require(r.Matrix.Rows == r.Header.Rows && r.Matrix.Columns == r.Header.Columns, "shape differs from the header");
        if (r.Sparse is { } s)
        {
            Require(s.AllFinite(), "non-finite value accepted");
            CheckProduct(s, input.Length);
            return s.Rows + (long)s.Columns + 2L * s.NonZeroCount;
        }
        var d = r.Dense!;
        Require(d.Values.ToArray().All(double.IsFinite), "non-finite value accepted");
        return (long)d.Rows * d.Columns + d.Rows + d.Columns;
    }, typeof(DataFormatException));

    /// <summary>The CSV reader (header detection, delimiters, quotes, comments, missing values).</summary>
    public static FuzzTarget Csv() => new("csv", SeedCorpus.Csv(), input =>
    {
        var t = CsvReader.Read(new StringReader(Encoding.UTF8.GetString(input)), "fuzz.csv");
        Require(t.Features.Columns == t.FeatureNames.Count, "feature names and columns differ");
        Require(t.Target is null || t.Target.Length == t.Features.Rows, "target and rows differ");
        Require(t.Features.Values.ToArray().All(double.IsFinite) && (t.Target?.All(double.IsFinite) ?? true), "non-finite value accepted");
        return (long)t.Features.Rows * t.Features.Columns + t.Features.Rows + t.FeatureNames.Sum(n => (long)n.Length);
    }, typeof(DataFormatException));

    /// <summary>The model JSON loader; a loaded model must predict and survive a save/load round trip unchanged.</summary>
    public static FuzzTarget Model() => new("model", SeedCorpus.Models(), input =>
    {
        var m = LinearEstimator.Load(new MemoryStream(input, writable: false), "fuzz.json");
        var saved = new MemoryStream();
        m.Save(saved);
        saved.Position = 0;
        var back = LinearEstimator.Load(saved, "round-trip.json");
        Require(back.GetType() == m.GetType() && back.Coefficients.AsSpan().SequenceEqual(m.Coefficients)
            && back.Intercepts.AsSpan().SequenceEqual(m.Intercepts), "save/load round trip changed the model");
        if (m.FeatureCount <= ProductLimit)
        {
            var row = DenseMatrix.Zeros(1, m.FeatureCount);
            switch (m)
            {
                case LinearRegressor r: Require(r.Predict(row).Length == 1, "one prediction per row"); break;
                case LinearClassifier c: Require(c.PredictText(row).Length == 1, "one prediction per row"); break;
            }
        }
        return (long)m.FeatureCount * m.OutputCount + m.OutputCount;
    }, typeof(InvalidDataException));

    /// <summary>y = A·1 must be finite. Skipped when the vectors would dwarf the input (an index of 10⁶ in a short file
    /// makes a 10⁶-column matrix): the check's own allocation would then be charged to the reader.</summary>
    private static void CheckProduct(CompressedMatrix a, int inputBytes)
    {
        long limit = Math.Min(ProductLimit, 4L * inputBytes + 1024);
        if (a.Columns > limit || a.Rows > limit) return;
        var x = new double[a.Columns];
        Array.Fill(x, 1.0);
        var y = new double[a.Rows];
        a.Apply(x, y);
        // Finite values may still overflow in a sum (two entries of 1.8e308 in a row): require a finite product only
        // where no row sum can overflow. (The estimators reject such data themselves: InputChecks.Features.)
        double largest = 0;
        foreach (double v in a.Values) largest = Math.Max(largest, Math.Abs(v));
        Require(y.All(double.IsFinite) || largest * (a.Columns + 1.0) > double.MaxValue, "product of finite data is not finite");
    }

    private static void Require(bool condition, string what)
    {
        if (!condition) throw new FuzzInvariantException(what);
    }
}
