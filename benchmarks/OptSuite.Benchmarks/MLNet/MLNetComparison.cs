using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.MLNet;
using OptSuite.Models;
using OptSuite.Objectives;

namespace OptSuite.Benchmarks.MLNet;

/// <summary>
/// OptSuite's logistic regression as an ML.NET trainer against ML.NET's SdcaLogisticRegression and
/// LbfgsLogisticRegression on the same cached IDataView (benchmarks/results/mlnet.md): test accuracy and AUC from ML.NET's
/// Evaluate, the fit time (best of <c>--repeat</c> after one untimed warm-up fit, IDataView in, transformer out), and the
/// objective each reaches, every trainer's (w, b) re-scored with OptSuite's F(w, b) = (1/n)Σ log(1 + e^{−y(x·w + b)})
/// + (λ/2)‖w‖² at one λ = 1/(n·C), C = 1. The map to ML.NET's parameters: L-BFGS minimises (Σℓ + (l2/2)‖w‖²)/n +
/// (l1/n)‖w‖₁, so L2Regularization = n·λ = 1/C and L1Regularization = 0 (its default is 1); SDCA minimises
/// (1/n)Σℓ + (l2/2)(‖w‖² + b²), so L2Regularization = λ, L1Regularization = 0 — with its intercept penalised, which
/// F does not do, so SDCA's optimum is not F's (the gap is its bias's price, shown against a tight OptSuite fit).
/// Usage: mlnet [--repeat R] [--only a9a|detox]; prints the markdown table rows.
/// </summary>
internal static class MLNetComparison
{
    public static void Run(string[] args)
    {
        int repeat = 3;
        string? only = null;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--repeat") repeat = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else if (args[i] == "--only") only = args[++i];
            else throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: mlnet [--repeat R] [--only a9a|detox]");
        }
        Console.WriteLine($"# {DateTime.Now:yyyy-MM-dd HH:mm}, {Environment.ProcessorCount} cores, OptSuite kernels {LinearAlgebraSettings.MaxThreads} thread(s), load {Load()}");
        Console.WriteLine("| data | n train × p, n test | trainer | settings | fit s (best of " + repeat + ") | of which LinearEstimator.Fit s (solver) | test accuracy | test AUC | F(w, b) | (F − F*)/F* | own problem: (G − G*)/G* |");
        Console.WriteLine("|---|---|---|---|---:|---:|---:|---:|---|---:|---:|");
        var ml = new MLContext(seed: 0);
        if (only is null or "a9a") Compare(ml, "a9a", A9a(ml), 1, repeat);
        if (only is null or "detox") Compare(ml, "wikipedia-detox-250", Detox(ml), 10, repeat);
    }

    private sealed record Split(IDataView Train, IDataView Test);

    private static Split A9a(MLContext ml)
    {
        var train = SvmlightReader.Read(DatasetLocator.Find("binary/a9a.xz"));
        var test = SvmlightReader.Read(DatasetLocator.Find("binary/a9a.t.xz"), new SvmlightReaderOptions { FeatureCount = train.Columns });
        return new Split(ml.Data.Cache(View(ml, train.Features, train.Labels)), ml.Data.Cache(View(ml, test.Features, test.Labels)));
    }

    private static Split Detox(MLContext ml)
    {
        var data = ml.Data.LoadFromTextFile(DatasetLocator.Find("text/wikipedia-detox-250-line-data.tsv"),
            [new TextLoader.Column("Label", DataKind.Boolean, 0), new TextLoader.Column("Text", DataKind.String, 1)], separatorChar: '\t', hasHeader: true);
        var split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 0);
        var featuriser = ml.Transforms.Text.FeaturizeText("Features", "Text").Fit(split.TrainSet);
        return new Split(ml.Data.Cache(featuriser.Transform(split.TrainSet)), ml.Data.Cache(featuriser.Transform(split.TestSet)));
    }

    private static void Compare(MLContext ml, string name, Split data, double c, int repeat)
    {
        var (x, y) = Read(data.Train);
        long testRows = data.Test.GetColumn<bool>("Label").LongCount();
        int n = x.Rows;
        double lambda = 1.0 / (n * c);
        var objective = Objective.BinaryLogreg(x, y, l2reg: lambda, fitIntercept: true);
        var reference = new LogisticRegression { C = c, Tolerance = 1e-12 }.Fit(x, y);
        double best = objective.Value([.. reference.Coefficients, reference.Intercept]);
        // SDCA's own problem penalises the bias: G(w, b) = F(w, b) + (λ/2)b², the logistic fit on [X, 1] without intercept.
        var biased = new LogisticRegression { C = c, FitIntercept = false, Tolerance = 1e-12 }.Fit(x.AppendConstantColumn(1), y);
        double bestBiased = biased.Report!.Objective;
        double[] wb = biased.Coefficients;
        double biasPrice = (objective.Value(wb) - best) / best;   // F at G's optimum: (w, b) = the weights on [X, 1]
        Console.Error.WriteLine($"{name}: F at the optimum of SDCA's problem (bias penalised) is {Relative(biasPrice)} above F*.");
        string shape = $"{n} × {x.Columns}, {testRows}";
        string cText = c.ToString(CultureInfo.InvariantCulture);

        void Row(string trainer, string settings, Func<ITransformer> fit, Func<ITransformer, (double[] W, double B)> weights, bool penalisedBias = false)
        {
            var model = fit();   // warm-up: JIT, caches
            double seconds = double.PositiveInfinity;
            string solver = "—";
            for (int r = 0; r < repeat; r++)
            {
                var clock = Stopwatch.StartNew();
                var fitted = fit();
                double elapsed = clock.Elapsed.TotalSeconds;
                if (elapsed >= seconds) continue;
                (seconds, model) = (elapsed, fitted);
                // OptSuite's report times the solver alone: the rest of the fit is reading the IDataView into CSR.
                if (fitted is OptSuiteBinaryTransformer<LogisticRegression> o)
                    solver = $"{o.Model.Report!.Elapsed.TotalSeconds.ToString("G3", CultureInfo.InvariantCulture)} ({o.Model.Report.Solver})";
            }
            var metrics = ml.BinaryClassification.Evaluate(model.Transform(data.Test));
            var (w, b) = weights(model);
            double f = objective.Value([.. w, b]);
            double own = penalisedBias ? (f + lambda / 2 * b * b - bestBiased) / bestBiased : (f - best) / best;
            Console.WriteLine($"| {name} | {shape} | {trainer} | {settings} | {seconds.ToString("G3", CultureInfo.InvariantCulture)} | {solver} | " +
                $"{metrics.Accuracy.ToString("F4", CultureInfo.InvariantCulture)} | {metrics.AreaUnderRocCurve.ToString("F4", CultureInfo.InvariantCulture)} | " +
                $"{f.ToString("G10", CultureInfo.InvariantCulture)} | {Relative((f - best) / best)} | {(penalisedBias ? Relative(own) : "= F")} |");
        }

        (double[], double) OptSuite(ITransformer t)
        {
            var m = ((OptSuiteBinaryTransformer<LogisticRegression>)t).Model;
            return (m.Coefficients, m.Intercept);
        }
        (double[], double) MLNet(ITransformer t)
        {
            var linear = ((BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>>)t).Model.SubModel;
            return (linear.Weights.Select(v => (double)v).ToArray(), linear.Bias);
        }

        var trainers = ml.BinaryClassification.Trainers;
        Row("OptSuite LogisticRegression", $"C = {cText} (λ = 1/(n·C)), Tolerance 1e-6 (default)", () => trainers.OptSuite(new LogisticRegression { C = c }).Fit(data.Train), OptSuite);
        Row("OptSuite LogisticRegression", $"C = {cText}, Tolerance 1e-3", () => trainers.OptSuite(new LogisticRegression { C = c, Tolerance = 1e-3 }).Fit(data.Train), OptSuite);
        Row("OptSuite LogisticRegression", $"C = {cText}, Tolerance 1e-10", () => trainers.OptSuite(new LogisticRegression { C = c, Tolerance = 1e-10 }).Fit(data.Train), OptSuite);
        Row("ML.NET LbfgsLogisticRegression", $"L2 = n·λ = {(n * lambda).ToString("G4", CultureInfo.InvariantCulture)}, L1 = 0, defaults (OptimizationTolerance 1e-7)",
            () => trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options { L2Regularization = (float)(n * lambda), L1Regularization = 0 }).Fit(data.Train), MLNet);
        Row("ML.NET LbfgsLogisticRegression", "the same, OptimizationTolerance 1e-12, 10⁴ iterations",
            () => trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                L2Regularization = (float)(n * lambda), L1Regularization = 0, OptimizationTolerance = 1e-12f, MaximumNumberOfIterations = 10_000,
            }).Fit(data.Train), MLNet);
        Row("ML.NET SdcaLogisticRegression", $"L2 = λ = {lambda.ToString("G4", CultureInfo.InvariantCulture)}, L1 = 0, defaults (ConvergenceTolerance 0.1)",
            () => trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options { L2Regularization = (float)lambda, L1Regularization = 0 }).Fit(data.Train),
            MLNet, penalisedBias: true);
        Row("ML.NET SdcaLogisticRegression", "the same, ConvergenceTolerance 1e-4, 1000 epochs",
            () => trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
            {
                L2Regularization = (float)lambda, L1Regularization = 0, ConvergenceTolerance = 1e-4f, MaximumNumberOfIterations = 1000,
            }).Fit(data.Train), MLNet, penalisedBias: true);
    }

    /// <summary>The training features (Single, as the view holds them) and ±1 labels, read row by row.</summary>
    private static (CsrMatrix X, double[] Y) Read(IDataView data)
    {
        var pointers = new List<int> { 0 };
        var indices = new List<int>();
        var values = new List<double>();
        var labels = new List<double>();
        int p = ((VectorDataViewType)data.Schema["Features"].Type).Size;
        using var cursor = data.GetRowCursor([data.Schema["Features"], data.Schema["Label"]]);
        var getX = cursor.GetGetter<VBuffer<float>>(data.Schema["Features"]);
        var getY = cursor.GetGetter<bool>(data.Schema["Label"]);
        VBuffer<float> row = default;
        bool label = false;
        while (cursor.MoveNext())
        {
            getX(ref row);
            getY(ref label);
            foreach (var (j, v) in row.Items())
            {
                if (v == 0) continue;
                indices.Add(j);
                values.Add(v);
            }
            pointers.Add(indices.Count);
            labels.Add(label ? 1 : -1);
        }
        return (new CsrMatrix(labels.Count, p, [.. pointers], [.. indices], [.. values]), [.. labels]);
    }

    private static IDataView View(MLContext ml, CsrMatrix x, double[] y)
    {
        var rows = new List<Row>(x.Rows);
        for (int i = 0; i < x.Rows; i++) rows.Add(new Row { Features = OptSuite.MLNet.OptSuiteVectors.Row(x, i), Label = y[i] > 0 });
        var definition = SchemaDefinition.Create(typeof(Row));
        definition["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, x.Columns);
        return ml.Data.LoadFromEnumerable(rows, definition);
    }

    private static string Relative(double r) => r.ToString("0.0e+0", CultureInfo.InvariantCulture);

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private sealed class Row
    {
        public VBuffer<float> Features;
        public bool Label;
    }
}
