using Microsoft.ML.OnnxRuntime.Tensors;
using OptSuite.Data;
using OptSuite.Models;
using OptSuite.Models.Internal;
using OptSuite.Tests.Support;
using Xunit.Abstractions;

namespace OptSuite.Tests.Models;

/// <summary>
/// Every model of the registry, fitted on real data (binary: a9a, tested on a9a.t; multiclass: dna, tested on dna.t;
/// regression: abalone, tested on every fourth row left out of the fit; Poisson and Gamma on abalone's ring counts), exported
/// to ONNX in both precisions and run by OnnxRuntime on the test rows: the graph's outputs against the estimator's
/// DecisionFunction, PredictProbability, Predict and PredictIndices.
/// </summary>
/// <remarks>
/// <para><b>Tolerances.</b> A dot product's rounding error is bounded by γ_n·S_i with S_i = Σ_j |x_ij·w_j| + |b| (Higham,
/// <i>Accuracy and Stability of Numerical Algorithms</i>, §3.1, for any order of summation) and γ_n = n·u/(1 − n·u);
/// relative to |x_i·w + b| it is unbounded where the terms cancel, so each row is measured against its own S_i.
/// float64: 1e-12·S_i for scores and identity predictions; relative 1e-12·S_i for exp(z) (the relative error of e^z is
/// the absolute error of z); 1e-12 relative plus 2^-52 for probabilities (the estimator forms 1 − σ(z) by a subtraction,
/// whose rounding is absolute). float32 (x, w and b rounded to float, p + 3 roundings on the longest path: two inputs,
/// the product, p − 1 additions in MatMul and one in Add): γ_{p+3}·S_i for scores and predictions, 1e-6 absolute for
/// probabilities (σ and softmax damp a score's error by at most ¼ and 1/2); for exp(z) γ_{p+3}·S_i plus 8 float32
/// units for Exp itself, relative. A predicted label may differ only where the reference scores are within those bounds
/// of a tie; such rows are counted and reported.</para>
/// </remarks>
public class OnnxExportTests(ITestOutputHelper output)
{
    private const double Unit32 = 1.0 / (1 << 24);

    /// <summary>A training set and the dense test rows the export is run on.</summary>
    private sealed record Split(FeatureMatrix Train, double[] TrainY, double[,] Test);

    private static readonly Lazy<Split> A9a = new(() =>
    {
        var train = SvmlightReader.Read(DatasetLocator.Find("binary/a9a.xz"));
        var test = SvmlightReader.Read(DatasetLocator.Find("binary/a9a.t.xz"), new SvmlightReaderOptions { FeatureCount = train.Columns });
        return new(train.Features, train.Labels, Dense(test.Features.ToDense()));
    });

    private static readonly Lazy<Split> Dna = new(() =>
    {
        var train = SvmlightReader.Read(DatasetLocator.Find("multiclass/dna.scale"));
        var test = SvmlightReader.Read(DatasetLocator.Find("multiclass/dna.scale.t"), new SvmlightReaderOptions { FeatureCount = train.Columns });
        return new(train.Features, train.Labels, Dense(test.Features.ToDense()));
    });

    /// <summary>Abalone (4177 × 8, rings 1–29): rows 1, 2, 3 of every four fit, row 0 tests.</summary>
    private static readonly Lazy<Split> Abalone = new(() => HoldOut(SvmlightReader.Read(DatasetLocator.Find("regression/abalone_scale")), 4));

    /// <summary>Statlog heart (270 × 13, ±1): two rows of every three fit, the third tests.</summary>
    private static readonly Lazy<Split> Heart = new(() => HoldOut(SvmlightReader.Read(DatasetLocator.Find("binary/heart_scale")), 3));

    /// <summary>A case: the registry name its estimator reports, and the fit.</summary>
    private sealed record Case(string Model, Func<(LinearEstimator Model, double[,] Test)> Fit);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["ridge"] = new("ridge", () => Regress(new Ridge { Lambda = 1e-4 }, Abalone)),
        ["lasso"] = new("lasso", () => Regress(new Lasso { Lambda = 1e-3 }, Abalone)),
        ["elastic-net"] = new("elastic-net", () => Regress(new ElasticNet { Lambda = 1e-3 }, Abalone)),
        ["group-lasso"] = new("group-lasso", () => Regress(new GroupLasso { Lambda = 1e-3, GroupSize = 2 }, Abalone)),
        ["huber"] = new("huber", () => Regress(new HuberRegressor { Lambda = 1e-3 }, Abalone)),
        ["svr"] = new("svr", () => Regress(new LinearSvr { Lambda = 1e-3 }, Abalone)),
        ["quantile"] = new("quantile", () => Regress(new QuantileRegressor { Lambda = 1e-3, Quantile = 0.8 }, Abalone)),
        ["poisson"] = new("poisson", () => Regress(new PoissonRegressor { Lambda = 1e-3 }, Abalone)),
        ["gamma-l1"] = new("gamma", () => Regress(new GammaRegressor { Lambda = 1e-3, Penalty = Penalty.L1 }, Abalone)),
        ["tweedie"] = new("tweedie", () => Regress(new TweedieRegressor { Lambda = 1e-3, Power = 1.5 }, Abalone)),
        ["multitask-lasso"] = new("multitask-lasso", () =>
        {
            // dna's three classes as three indicator targets (a multi-response regression on real data).
            var d = Dna.Value;
            var y = new double[d.TrainY.Length, 3];
            for (int i = 0; i < d.TrainY.Length; i++) y[i, (int)d.TrainY[i] - 1] = 1;
            return (new MultiTaskLasso { Lambda = 1e-3 }.Fit(d.Train, y), d.Test);
        }),
        ["cox"] = new("cox", () =>
        {
            var d = CoxRegressionTests.Data();
            int n = 800;
            var x = d.Features;
            var train = new double[n, 30];
            var test = new double[1000 - n, 30];
            for (int i = 0; i < 1000; i++)
                for (int j = 0; j < 30; j++)
                    if (i < n) train[i, j] = x[i, j]; else test[i - n, j] = x[i, j];
            return (new CoxRegression { Lambda = 0.02 }.Fit(train, d.Time[..n], d.Status[..n]), test);
        }),
        ["logistic"] = new("logistic", () => Classify(new LogisticRegression(), A9a)),
        ["logistic-3-classes"] = new("logistic", () => Classify(new LogisticRegression(), Dna)),
        ["multinomial-2-classes"] = new("multinomial", () => Classify(new LogisticRegression { Multinomial = true }, A9a)),
        ["linear-svm"] = new("linear-svm", () => Classify(new LinearSvm(), A9a)),
        ["linear-svm-hinge"] = new("linear-svm", () => Classify(new LinearSvm { Loss = SvmLoss.Hinge }, A9a)),
        ["linear-svm-one-vs-rest"] = new("linear-svm", () => Classify(new LinearSvm(), Dna)),
        ["multiclass-svm"] = new("multiclass-svm", () => Classify(new MulticlassSvm { MaxIterations = 2000 }, Dna)),
        ["multiclass-svm-one-vs-rest"] = new("multiclass-svm", () => Classify(new MulticlassSvm { Strategy = MulticlassStrategy.OneVsRest }, Dna)),
        // Text classes, no intercept; and numbers too large for int64 (whole, so a classifier takes them): string labels.
        ["logistic-text-classes"] = new("logistic", () =>
        {
            var d = Heart.Value;
            string[] y = d.TrainY.Select(v => v > 0 ? "present" : "absent").ToArray();
            return (new LogisticRegression { FitIntercept = false }.Fit(d.Train, y), d.Test);
        }),
        ["linear-svm-1e19-classes"] = new("linear-svm", () =>
        {
            var d = Heart.Value;
            return (new LinearSvm().Fit(d.Train, d.TrainY.Select(v => v * 1e19).ToArray()), d.Test);
        }),
    };

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Fact]
    public void EveryModelOfTheRegistryHasACase() =>
        Assert.Empty(ModelRegistry.Names.Except(Cases.Values.Select(c => c.Model)));

    [SharedDatasetTheory]
    [MemberData(nameof(CaseNames))]
    public void TheExportComputesWhatTheEstimatorComputes(string name)
    {
        var (model, x) = Cases[name].Fit();
        Assert.Equal(Cases[name].Model, model.ModelName);
        foreach (var precision in new[] { OnnxPrecision.Float64, OnnxPrecision.Float32 })
        {
            var stream = new MemoryStream();
            model.ExportOnnx(stream, new OnnxExportOptions { Precision = precision });
            var run = OnnxRun.Of(stream.ToArray(), x);
            CheckInterface(model, precision, run, x.GetLength(0));
            var agreement = new OnnxAgreement(model, x, run, precision);
            output.WriteLine($"{name} {precision}: {agreement}");
        }
    }

    private static void CheckInterface(LinearEstimator model, OnnxPrecision precision, OnnxRun run, int n)
    {
        var real = precision == OnnxPrecision.Float64 ? TensorElementType.Double : TensorElementType.Float;
        Assert.Equal(real, run.InputType);
        Assert.Equal([-1, model.FeatureCount], run.InputDimensions);
        Assert.Equal("OptSuite", run.Metadata.ProducerName);
        Assert.Equal(model.ModelName, run.Metadata.GraphName);
        Assert.Equal(1, run.Metadata.Version);
        Assert.Equal(model.ModelName, run.Metadata.CustomMetadataMap["model"]);
        Assert.Equal(precision == OnnxPrecision.Float64 ? "float64" : "float32", run.Metadata.CustomMetadataMap["precision"]);
        Assert.Equal(model.FeatureCount.ToString(System.Globalization.CultureInfo.InvariantCulture), run.Metadata.CustomMetadataMap["features"]);
        Assert.StartsWith($"OptSuite {model.ModelName}:", run.Metadata.Description, StringComparison.Ordinal);
        switch (model)
        {
            case LinearClassifier c:
                Assert.Equal(c is LogisticRegression ? ["label", "probabilities", "scores"] : ["label", "scores"], run.OutputNames);
                Assert.Equal([n], run.Shapes["label"]);
                Assert.Equal([n, c.OutputCount], run.Shapes["scores"]);
                if (c is LogisticRegression) Assert.Equal([n, c.Classes.Count], run.Shapes["probabilities"]);
                bool whole = c.Classes.IsNumeric && c.Classes.Values.All(v => Math.Abs(v) < 9e18);
                Assert.Equal(whole ? TensorElementType.Int64 : TensorElementType.String, run.Types["label"]);
                Assert.Equal(System.Text.Json.JsonSerializer.Serialize(c.Classes.Names), run.Metadata.CustomMetadataMap["classes"]);
                break;
            case MultiTaskLasso t:
                Assert.Equal(["prediction"], run.OutputNames);
                Assert.Equal([n, t.OutputCount], run.Shapes["prediction"]);
                break;
            default:
                Assert.Equal(["prediction"], run.OutputNames);
                Assert.Equal([n], run.Shapes["prediction"]);
                break;
        }
        foreach (var (name, type) in run.Types)
            if (name != "label") Assert.Equal(real, type);
    }

    [Fact]
    public void SaveLoadExportGivesTheSameBytesAsExportingTheFittedModel()
    {
        var heart = Heart.Value;
        var y = heart.TrainY.Select(v => v > 0 ? "present" : "absent").ToArray();
        var dna = Dna.Value;
        LinearEstimator[] models =
        [
            new LogisticRegression().Fit(heart.Train, y),
            new MulticlassSvm { MaxIterations = 200 }.Fit(dna.Train, dna.TrainY),
            new PoissonRegressor().Fit(Abalone.Value.Train, Abalone.Value.TrainY),
            new MultiTaskLasso { Lambda = 0.1 }.Fit(heart.Train, Columns(heart.TrainY, heart.TrainY.Select(v => -2 * v).ToArray())),
        ];
        foreach (var model in models)
            foreach (var precision in new[] { OnnxPrecision.Float32, OnnxPrecision.Float64 })
            {
                var options = new OnnxExportOptions { Precision = precision };
                var saved = new MemoryStream();
                model.Save(saved);
                var loaded = LinearEstimator.Load(new MemoryStream(saved.ToArray()));
                byte[] first = Export(model, options), again = Export(model, options), reloaded = Export(loaded, options);
                Assert.Equal(first, again);
                Assert.Equal(first, reloaded);
                Assert.NotEqual(first, Export(model, new OnnxExportOptions { Precision = precision == OnnxPrecision.Float32 ? OnnxPrecision.Float64 : OnnxPrecision.Float32 }));
            }
    }

    [Fact]
    public void TheFileOverloadWritesTheStreamBytesAtomically()
    {
        using var dir = new ScratchDirectory("optsuite-onnx");
        var model = new LogisticRegression().Fit(Heart.Value.Train, Heart.Value.TrainY);
        string path = dir["heart.onnx"];
        File.WriteAllText(path, "an older file");
        model.ExportOnnx(path, new OnnxExportOptions { Precision = OnnxPrecision.Float64 });
        Assert.Equal(Export(model, new OnnxExportOptions { Precision = OnnxPrecision.Float64 }), File.ReadAllBytes(path));
        Assert.Equal(["heart.onnx"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));

        // A model that cannot be exported leaves the file as it was.
        Assert.Throws<InvalidOperationException>(() => new LogisticRegression().ExportOnnx(path));
        Assert.Equal(Export(model, new OnnxExportOptions { Precision = OnnxPrecision.Float64 }), File.ReadAllBytes(path));
        Assert.Equal(["heart.onnx"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void ACoefficientBeyondFloat32IsRefusedInFloat32AndExportedInFloat64()
    {
        var model = new Ridge().Fit(Heart.Value.Train, Heart.Value.TrainY);
        var saved = new MemoryStream();
        model.Save(saved);
        var json = System.Text.Json.Nodes.JsonNode.Parse(saved.ToArray())!;
        json["coefficients"]![3] = 1e300;
        var huge = LinearEstimator.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString())));
        var e = Assert.Throws<NotSupportedException>(() => Export(huge, new OnnxExportOptions()));
        Assert.Contains("Coefficient 3 = 1E+300", e.Message, StringComparison.Ordinal);
        Assert.Contains("Float64", e.Message, StringComparison.Ordinal);
        var run = OnnxRun.Of(Export(huge, new OnnxExportOptions { Precision = OnnxPrecision.Float64 }), Heart.Value.Test);
        Assert.Equal(((Ridge)huge).Predict(Heart.Value.Test), run.Reals["prediction"]);
    }

    private static byte[] Export(LinearEstimator model, OnnxExportOptions options)
    {
        var stream = new MemoryStream();
        model.ExportOnnx(stream, options);
        return stream.ToArray();
    }

    private static (LinearEstimator, double[,]) Regress(LinearRegressor model, Lazy<Split> data) =>
        (model.Fit(data.Value.Train, data.Value.TrainY), data.Value.Test);

    private static (LinearEstimator, double[,]) Classify(LinearClassifier model, Lazy<Split> data) =>
        (model.Fit(data.Value.Train, data.Value.TrainY), data.Value.Test);

    private static double[,] Columns(double[] a, double[] b)
    {
        var y = new double[a.Length, 2];
        for (int i = 0; i < a.Length; i++) { y[i, 0] = a[i]; y[i, 1] = b[i]; }
        return y;
    }

    private static Split HoldOut(SvmlightDataset data, int every)
    {
        double[,] all = Dense(data.Features.ToDense());
        int n = data.Rows, p = data.Columns, test = (n + every - 1) / every;
        var train = new double[n - test, p];
        var trainY = new double[n - test];
        var held = new double[test, p];
        int a = 0, t = 0;
        for (int i = 0; i < n; i++)
        {
            if (i % every == 0) { for (int j = 0; j < p; j++) held[t, j] = all[i, j]; t++; }
            else { for (int j = 0; j < p; j++) train[a, j] = all[i, j]; trainY[a++] = data.Labels[i]; }
        }
        return new(train, trainY, held);
    }

    private static double[,] Dense(OptSuite.LinearAlgebra.DenseMatrix m)
    {
        var a = new double[m.Rows, m.Columns];
        for (int i = 0; i < m.Rows; i++)
            for (int j = 0; j < m.Columns; j++) a[i, j] = m[i, j];
        return a;
    }

    /// <summary>γ_n = n·u/(1 − n·u) for float32.</summary>
    internal static double Gamma32(int n) => n * Unit32 / (1 - n * Unit32);

    /// <summary>Whether the regressor predicts e^z.</summary>
    internal static bool LogLink(LinearEstimator model) => model is LinearRegressor { Link: LinkFunction.Log };
}
