using System.Text;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Models;

namespace OptSuite.Fuzz;

/// <summary>
/// Seed inputs for every target, taken from the repository's shipped datasets (and ../shared/datasets when present):
/// the first lines of real svmlight files, real data written back as Matrix Market and CSV by OptSuite's writers, the
/// shipped CSV tables, and models fitted on real data and saved. Seeds are kept small (a few kB) so the fuzzer tries many
/// inputs per second; size-related behaviour comes from the mutator's repeated lines and header counts.
/// </summary>
public static class SeedCorpus
{
    private const int MaxLines = 24;

    /// <summary>The repository's datasets folder.</summary>
    public static string DatasetsRoot =>
        Path.Combine(DatasetLocator.RepositoryRoot() ?? throw new InvalidOperationException("The OptSuite repository root was not found."), "datasets");

    /// <summary>svmlight seeds: heads of real files with dense, sparse, regression, multiclass and signed labels, plus
    /// the syntax corners (qid, comments, multi-label, empty rows).</summary>
    public static IReadOnlyList<byte[]> Svmlight()
    {
        var seeds = new List<byte[]>();
        foreach (string f in new[] { "peers/heart_scale.svm", "peers/breast_cancer.svm", "peers/digits.svm", "multiclass/iris.svm",
                     "multiclass/dna.scale", "regression/cpusmall.svm", "glmnet_synthetic/QuickStartExample.svm", "binary/sonar.svm" })
            seeds.Add(Head(Path.Combine(DatasetsRoot, f)));
        if (DatasetLocator.SharedRoot() is { } shared && File.Exists(Path.Combine(shared, "glmnet_synthetic/SparseExample.svm")))
            seeds.Add(Head(Path.Combine(shared, "glmnet_synthetic/SparseExample.svm")));
        foreach (string s in new[]
                 {
                     "3 qid:1 1:1 3:0.5 # a comment\n2 qid:1 2:-1.25e-3\n1 qid:2 4:7\n",
                     "1,2 1:1 2:0.5\n3 4:1\n",
                     "-1 \n+1 1:1e-300 2:-2.5E+3\n# only a comment\n\n0 0:1 5:2\n",
                 })
            seeds.Add(Encoding.ASCII.GetBytes(s));
        return seeds;
    }

    /// <summary>Matrix Market seeds: real data written by <see cref="MatrixMarketWriter"/> (coordinate and array,
    /// general and symmetric) and hand-written pattern, integer and skew-symmetric files.</summary>
    public static IReadOnlyList<byte[]> MatrixMarket()
    {
        var heart = SvmlightReader.Read(Head(Path.Combine(DatasetsRoot, "peers/heart_scale.svm")), "heart").Features;
        var iris = SvmlightReader.Read(Head(Path.Combine(DatasetsRoot, "multiclass/iris.svm"), 8), "iris").Features.ToDense();
        var gram = Gram(iris);
        var seeds = new List<byte[]>
        {
            Bytes(s => MatrixMarketWriter.Write(s, heart, comments: ["heart_scale, first rows"])),
            Bytes(s => MatrixMarketWriter.Write(s, iris)),
            Bytes(s => MatrixMarketWriter.Write(s, gram, MatrixMarketSymmetry.Symmetric)),
            Bytes(s => MatrixMarketWriter.Write(s, ToCsr(gram), MatrixMarketSymmetry.Symmetric)),
        };
        foreach (string s in new[]
                 {
                     "%%MatrixMarket matrix coordinate pattern general\n3 4 3\n1 1\n2 4\n3 2\n",
                     "%%MatrixMarket matrix coordinate integer general\n% counts\n2 2 2\n1 1 5\n2 2 -7\n",
                     "%%MatrixMarket matrix coordinate real skew-symmetric\n3 3 2\n2 1 1.5\n3 2 -2e-3\n",
                     "%%MatrixMarket matrix array real skew-symmetric\n3 3\n1\n2\n3\n",
                     "%%MatrixMarket matrix array integer general\n2 2\n1\n2\n3\n4\n",
                 })
            seeds.Add(Encoding.ASCII.GetBytes(s));
        return seeds;
    }

    /// <summary>CSV seeds: the shipped Linnerud tables, real svmlight data written by <see cref="CsvWriter"/>, and quoting,
    /// delimiter, comment and missing-value corners.</summary>
    public static IReadOnlyList<byte[]> Csv()
    {
        var seeds = new List<byte[]>();
        foreach (string f in new[] { "regression/linnerud/linnerud_physiological.csv", "regression/linnerud/linnerud_exercise.csv" })
            seeds.Add(Head(Path.Combine(DatasetsRoot, f)));
        var heart = SvmlightReader.Read(Head(Path.Combine(DatasetsRoot, "peers/heart_scale.svm"), 12), "heart");
        var table = new CsvTable(heart.Features.ToDense(), heart.Labels,
            Enumerable.Range(1, heart.Columns).Select(j => $"x{j}").ToArray(), "y");
        var text = new StringWriter();
        CsvWriter.Write(text, table);
        seeds.Add(Encoding.UTF8.GetBytes(text.ToString()));
        text = new StringWriter();
        CsvWriter.Write(text, table, ';');
        seeds.Add(Encoding.UTF8.GetBytes(text.ToString()));
        if (DatasetLocator.SharedRoot() is { } shared && File.Exists(Path.Combine(shared, "glmnet_synthetic/CoxExample.csv")))
            seeds.Add(Head(Path.Combine(shared, "glmnet_synthetic/CoxExample.csv")));
        foreach (string s in new[]
                 {
                     "\"a\",\"b, quoted\",target\n1,\"2.5\",3\n# comment\n4,-0,6\r\n7,8,9\r\n",
                     "x\ty\n1\t2\n3\t4\n",
                     "1,2,3\n4,5,6\n",
                 })
            seeds.Add(Encoding.UTF8.GetBytes(s));
        return seeds;
    }

    /// <summary>Model seeds: every estimator fitted on real data (Iris, heart) and saved, numeric and text classes.</summary>
    public static IReadOnlyList<byte[]> Models()
    {
        var heart = SvmlightReader.Read(Head(Path.Combine(DatasetsRoot, "peers/heart_scale.svm"), 60), "heart");
        var iris = SvmlightReader.Read(File.ReadAllBytes(Path.Combine(DatasetsRoot, "multiclass/iris.svm")), "iris");
        string[] text = iris.Labels.Select(v => $"class \"{v}\"").ToArray();
        LinearEstimator[] models =
        [
            new Ridge().Fit(heart.Features, heart.Labels),
            new Lasso { Lambda = 0.05 }.Fit(heart.Features, heart.Labels),
            new ElasticNet { Lambda = 0.05 }.Fit(heart.Features, heart.Labels),
            new GroupLasso { Lambda = 0.05, GroupSizes = [3, 5, 5] }.Fit(heart.Features, heart.Labels),
            new HuberRegressor { Delta = 0.5 }.Fit(heart.Features, heart.Labels),
            new PoissonRegressor().Fit(iris.Features, iris.Labels),
            new LogisticRegression().Fit(heart.Features, heart.Labels),
            new LogisticRegression { Penalty = Penalty.L1, C = 10 }.Fit(iris.Features, text),
            new LinearSvm { FitIntercept = false }.Fit(heart.Features, heart.Labels),
            new MulticlassSvm { FitIntercept = false }.Fit(iris.Features, iris.Labels),
            new MulticlassSvm { Strategy = MulticlassStrategy.OneVsRest }.Fit(iris.Features, text),
        ];
        return models.Select(m => Bytes(m.Save)).ToArray();
    }

    /// <summary>The first <paramref name="lines"/> lines of a file.</summary>
    public static byte[] Head(string path, int lines = MaxLines)
    {
        byte[] all = File.ReadAllBytes(path);
        int end = 0;
        for (int seen = 0; end < all.Length && seen < lines; end++) if (all[end] == '\n') seen++;
        return all[..end];
    }

    private static byte[] Bytes(Action<Stream> write)
    {
        var s = new MemoryStream();
        write(s);
        return s.ToArray();
    }

    private static DenseMatrix Gram(DenseMatrix x)
    {
        int p = x.Columns;
        var g = new double[p, p];
        for (int a = 0; a < p; a++)
            for (int b = 0; b < p; b++)
                for (int i = 0; i < x.Rows; i++) g[a, b] += x[i, a] * x[i, b];
        return DenseMatrix.FromArray(g);
    }

    private static CsrMatrix ToCsr(DenseMatrix d)
    {
        var r = new List<int>();
        var c = new List<int>();
        var v = new List<double>();
        for (int i = 0; i < d.Rows; i++)
            for (int j = 0; j < d.Columns; j++)
                if (d[i, j] != 0) { r.Add(i); c.Add(j); v.Add(d[i, j]); }
        return CsrMatrix.FromTriplets(d.Rows, d.Columns, r.ToArray(), c.ToArray(), v.ToArray());
    }
}
