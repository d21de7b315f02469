using System.Text.Json;
using OptSuite.Data;
using OptSuite.LinearAlgebra.Distributed;
using OptSuite.Models;
using OptSuite.Tests.Cli;

namespace OptSuite.Tests.Models;

/// <summary>
/// <see cref="LinearClassifier.ClassWeight"/>: LIBLINEAR 2.3.0's <c>-wi</c> (-s 0 logistic, -s 2 squared hinge, -s 3 hinge,
/// -s 4 Crammer–Singer, one-vs-rest -s 2 on three classes) and scikit-learn 1.2.1's <c>class_weight</c> (binary balanced,
/// multinomial balanced and per label) optima (datasets/reference/class_weight.json, re-scored in
/// OptSuite's convention, commands inside) are reached with C mapped to λ = 1/(C·Σw); balanced weights compose with
/// sample weights and sum to n; the option survives save/load and the command line; bad weights and unknown labels are
/// clear errors; across ranks the balanced counts are every rank's.
/// </summary>
public class ClassWeightTests
{
    private static JsonElement Reference(string problem) => Support.ReferenceFiles.Entry("class_weight.json", problem);

    private static SvmlightDataset Data(JsonElement r) => Support.ReferenceFiles.Data(r);

    private static ClassWeights Weights(JsonElement r) =>
        ClassWeights.Of(r.GetProperty("class_weight").EnumerateObject().ToDictionary(p => double.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture), p => p.Value.GetDouble()));

    private static void Matches(JsonElement r, LinearClassifier m, double coefficients)
    {
        var d = Data(r);
        m.Fit(d.Features, d.Labels);
        Assert.True(m.Report!.Converged, m.Report.ToString());
        Assert.Equal(r.GetProperty("lam").GetDouble(), m.Report.Lambda, 1e-15);
        double reference = r.GetProperty("objective").GetDouble();
        Assert.Equal(reference, m.Report.Objective, 1e-8 * reference);
        Assert.True(m.Report.Objective <= reference * (1 + 1e-12), $"{m.Report.Objective} above the peer's {reference}");
        var w = r.GetProperty("w").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (int j = 0; j < w.Length; j++) Assert.Equal(w[j], m.Coefficients[j], coefficients);
        Assert.Equal(r.GetProperty("b").GetDouble(), m.Intercept, coefficients);
    }

    [Fact]
    public void LogisticWithPerClassWeightsIsLiblinearWithW()
    {
        var r = Reference("logreg_l2_w");
        Matches(r, new LogisticRegression { C = r.GetProperty("C").GetDouble(), FitIntercept = false, ClassWeight = Weights(r), Tolerance = 1e-10 }, 1e-6);
    }

    [Fact]
    public void SquaredHingeWithPerClassWeightsIsLiblinearWithW()
    {
        var r = Reference("svm_sqhinge_l2_w");
        Matches(r, new LinearSvm { C = r.GetProperty("C").GetDouble(), FitIntercept = false, ClassWeight = ClassWeights.Parse("-1:0.5,1:2"), Tolerance = 1e-10 }, 1e-6);
    }

    [Fact]
    public void BalancedLogisticWithInterceptIsScikitLearns()
    {
        var r = Reference("logreg_l2_balanced");
        Matches(r, new LogisticRegression { C = 1, ClassWeight = ClassWeights.Balanced, Tolerance = 1e-10 }, 1e-5);
    }

    /// <summary>LIBLINEAR -s 3 -w1 2 (hinge, dual; its 1000-iteration cap leaves it at most at its objective): ours is at or
    /// below it, within 1e-6.</summary>
    [Fact]
    public void HingeWithPerClassWeightsIsLiblinearWithW()
    {
        var r = Reference("svm_hinge_l2_w");
        var d = Data(r);
        var m = new LinearSvm { Loss = SvmLoss.Hinge, C = r.GetProperty("C").GetDouble(), FitIntercept = false, ClassWeight = Weights(r), Tolerance = 1e-10 }
            .Fit(d.Features, d.Labels);
        AtOrBelow(r, m, 1e-6);
    }

    /// <summary>LIBLINEAR -s 4 -w0 2 -w2 0.5 on iris: Crammer–Singer weighs each row by its class's weight (C_i = w_{y_i}·C).</summary>
    [Fact]
    public void CrammerSingerWithPerClassWeightsIsLiblinearWithW()
    {
        var r = Reference("cs_svm_w");
        var d = Data(r);
        // Unscaled iris is slow for the Crammer–Singer dual: a 1e-9 relative gap takes some 10⁴–10⁵ epochs of 150 rows.
        var m = new MulticlassSvm { C = r.GetProperty("C").GetDouble(), FitIntercept = false, ClassWeight = Weights(r), Tolerance = 1e-9, MaxIterations = 500_000 }
            .Fit(d.Features, d.Labels);
        Assert.Equal(r.GetProperty("lam").GetDouble(), m.Report!.Lambda, 1e-15);
        AtOrBelow(r, m, 1e-6);
        AssertColumns(r.GetProperty("W"), m, 1e-3);   // LIBLINEAR's -s 4 stops on its own criterion; the objective is the check
    }

    /// <summary>
    /// One-vs-rest (linear-svm on three classes) with per-label weights is LIBLINEAR's -s 2 -wi: in class c's problem only
    /// class c's rows take w_c (C_c = w_c·C), the rest plain C — each column of W equals LIBLINEAR's, each problem with its
    /// own λ_c = 1/(C·S_c). (Weighing every row by its own class, as the multinomial loss does, gives other columns.)
    /// </summary>
    [Fact]
    public void OneVsRestWithPerClassWeightsIsLiblinearsOneVsRest()
    {
        var r = Reference("ovr_sqhinge_w");
        var d = Data(r);
        var m = new LinearSvm { C = r.GetProperty("C").GetDouble(), FitIntercept = false, ClassWeight = Weights(r), Tolerance = 1e-12 }
            .Fit(d.Features, d.Labels);
        Assert.True(m.Report!.Converged, m.Report.ToString());
        double reference = r.GetProperty("objective").GetDouble();
        Assert.Equal(reference, m.Report.Objective, 1e-8 * reference);
        AssertColumns(r.GetProperty("W"), m, 1e-6);
        var balanced = new MulticlassSvm { Strategy = MulticlassStrategy.OneVsRest, ClassWeight = Weights(r), C = 1, FitIntercept = false, Tolerance = 1e-12 }
            .Fit(d.Features, d.Labels);
        Assert.Equal(m.Coefficients, balanced.Coefficients, (a, b) => Math.Abs(a - b) <= 1e-6);   // the same problems by either model
    }

    /// <summary>scikit-learn's multinomial LogisticRegression with class_weight="balanced" (glass: six classes of 9 to 76
    /// rows) and with a dict (iris), intercepts fitted.</summary>
    [Theory]
    [InlineData("multinomial_balanced")]
    [InlineData("multinomial_w")]
    public void MultinomialWithClassWeightsIsScikitLearns(string problem)
    {
        var r = Reference(problem);
        var d = Data(r);
        var weights = r.GetProperty("class_weight_spec").ValueKind == JsonValueKind.String ? ClassWeights.Balanced : Weights(r);
        var m = new LogisticRegression { C = r.GetProperty("C").GetDouble(), ClassWeight = weights, Tolerance = 1e-12 }.Fit(d.Features, d.Labels);
        Assert.True(m.Report!.Converged, m.Report.ToString());
        Assert.Equal(r.GetProperty("lam").GetDouble(), m.Report.Lambda, 1e-15);
        double reference = r.GetProperty("objective").GetDouble();
        Assert.Equal(reference, m.Report.Objective, 1e-6 * reference);
        Assert.True(m.Report.Objective <= reference * (1 + 1e-10), $"{m.Report.Objective} above scikit-learn's {reference}");
        AssertColumns(r.GetProperty("W"), m, 1e-4);
    }

    /// <summary>Ours converged, no higher than the peer's re-scored objective by more than our certified gap (the peer may
    /// sit at the optimum), and at most <paramref name="relative"/> below it.</summary>
    private static void AtOrBelow(JsonElement r, LinearEstimator m, double relative)
    {
        Assert.True(m.Report!.Converged, m.Report.ToString());
        double reference = r.GetProperty("objective").GetDouble(), gap = m.Report.DualityGap ?? double.PositiveInfinity;
        Assert.True(m.Report.Objective <= reference + gap + 1e-12 * reference, $"{m.Report.Objective} above the peer's {reference} by more than the gap {gap}");
        Assert.True(reference - m.Report.Objective <= relative * reference, $"{m.Report.Objective} more than {relative:G2} below the peer's {reference}");
    }

    /// <summary>The p × k coefficients against the reference's W (rows = features, columns = classes in sorted order).</summary>
    private static void AssertColumns(JsonElement w, LinearEstimator m, double tolerance)
    {
        var rows = w.EnumerateArray().Select(row => row.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();
        var coef = m.CoefficientMatrix;
        for (int j = 0; j < rows.Length; j++)
            for (int c = 0; c < rows[j].Length; c++)
                Assert.True(Math.Abs(rows[j][c] - coef[j, c]) <= tolerance * Math.Max(1, Math.Abs(rows[j][c])), $"W[{j}, {c}]: {coef[j, c]} against {rows[j][c]}");
    }

    /// <summary>Balanced weights sum to n (λ stays 1/(n·C)); with sample weights c the loss weights are c·w_y, which
    /// equals fitting with those products as sample weights (normalised to mean 1 as always).</summary>
    [Fact]
    public void BalancedWeightsComposeWithSampleWeights()
    {
        var d = SvmlightReader.Read(Path.Combine(DatasetLocator.RepositoryRoot()!, "datasets", "binary", "ionosphere.svm"));
        double[] c = Enumerable.Range(0, d.Rows).Select(i => 0.5 + i % 4).ToArray();
        var weighted = new LogisticRegression { C = 1, ClassWeight = ClassWeights.Balanced, Tolerance = 1e-11 }.Fit(d.Features, d.Labels, c);
        int n = d.Rows, pos = d.Labels.Count(v => v > 0), neg = n - pos;
        double mean = c.Average();
        double[] products = d.Labels.Select((v, i) => c[i] / mean * (v > 0 ? n / (2.0 * pos) : n / (2.0 * neg))).ToArray();
        double s = products.Sum();
        var manual = new LogisticRegression { Lambda = 1.0 / s, Tolerance = 1e-11 }.Fit(d.Features, d.Labels, products);
        Assert.Equal(manual.Report!.Lambda, weighted.Report!.Lambda, 1e-15);
        Assert.Equal(manual.Report.Objective, weighted.Report.Objective, 1e-10 * manual.Report.Objective);
        var plain = new LogisticRegression { C = 1, ClassWeight = ClassWeights.Balanced }.Fit(d.Features, d.Labels);
        Assert.Equal(1.0 / n, plain.Report!.Lambda, 1e-15);   // balanced weights sum to n
    }

    [Fact]
    public void BadWeightsAndUnknownLabelsAreClearErrors()
    {
        var d = SvmlightReader.Read(Path.Combine(DatasetLocator.RepositoryRoot()!, "datasets", "binary", "heart_scale"));
        var e = Assert.Throws<ArgumentException>(() => new LogisticRegression { ClassWeight = ClassWeights.Parse("2:3") }.Fit(d.Features, d.Labels));
        Assert.Contains("Class weight for 2, which is not one of the 2 classes (-1, 1)", e.Message);
        Assert.Contains("finite and ≥ 0", Assert.Throws<ArgumentException>(() => ClassWeights.Parse("1:-1")).Message);
        Assert.Contains("not LABEL:WEIGHT", Assert.Throws<ArgumentException>(() => ClassWeights.Parse("1=3")).Message);
        Assert.Contains("two weights", Assert.Throws<ArgumentException>(() => ClassWeights.Parse("1:2,1:3")).Message);
        e = Assert.Throws<ArgumentException>(() => new LogisticRegression { ClassWeight = ClassWeights.Parse("1:0,-1:0") }.Fit(d.Features, d.Labels));
        Assert.Contains("every sample with weight 0", e.Message);
        // Text labels are weighed by name.
        string[] text = d.Labels.Select(v => v > 0 ? "sick" : "well").ToArray();
        var byName = new LogisticRegression { C = 1, ClassWeight = ClassWeights.Of(new Dictionary<string, double> { ["sick"] = 3 }), Tolerance = 1e-10 }.Fit(d.Features, text);
        var byValue = new LogisticRegression { C = 1, ClassWeight = ClassWeights.Parse("1:3"), Tolerance = 1e-10 }.Fit(d.Features, d.Labels);
        Assert.Equal(byValue.Report!.Objective, byName.Report!.Objective, 1e-12);
    }

    [Fact]
    public void TheWeightsSurviveSaveAndLoadAndTheCommandLine()
    {
        var d = SvmlightReader.Read(Path.Combine(DatasetLocator.RepositoryRoot()!, "datasets", "binary", "heart_scale"));
        var m = new LinearSvm { C = 1, ClassWeight = ClassWeights.Parse("1:2.5") }.Fit(d.Features, d.Labels);
        using var dir = new Support.ScratchDirectory("class-weight");
        m.Save(dir["m.json"]);
        var back = LinearEstimator.Load<LinearSvm>(dir["m.json"]);
        Assert.Equal("1:2.5", back.ClassWeight!.ToString());
        var (code, stdout, err) = InspectCommandTests.Run("fit", "--model", "logistic", "--data", Path.Combine(DatasetLocator.RepositoryRoot()!, "datasets", "binary", "heart_scale"),
            "--class-weight", "balanced", "--json", "--output", dir["cli.json"]);
        Assert.True(code == 0, err);
        Assert.Equal("balanced", LinearEstimator.Load<LogisticRegression>(dir["cli.json"]).ClassWeight!.ToString());
        (code, _, err) = InspectCommandTests.Run("fit", "--model", "logistic", "--data", Path.Combine(DatasetLocator.RepositoryRoot()!, "datasets", "binary", "heart_scale"),
            "--class-weight", "7:2");
        Assert.Equal(2, code);
        Assert.Contains("--class-weight: Class weight for 7", err);
        (code, _, err) = InspectCommandTests.Run("fit", "--model", "lasso", "--data", Path.Combine(DatasetLocator.RepositoryRoot()!, "datasets", "binary", "heart_scale"),
            "--class-weight", "balanced");
        Assert.Equal(2, code);
        Assert.Contains("--class-weight does not apply to --model lasso", err);
        Assert.Equal("balanced", ((LogisticPath)ModelRegistry.Get("logistic").CreatePath(new ModelSettings { ClassWeight = ClassWeights.Balanced })).ClassWeight!.ToString());
    }

    /// <summary>A class-weighted path point is the class-weighted estimator at that λ; cross-validation carries the weights
    /// into its folds (balanced on all the data) and refits with them; the command line's path takes the option.</summary>
    [Fact]
    public void PathsAndCrossValidationTakeClassWeights()
    {
        var pima = SvmlightReader.Read(DatasetLocator.Find("binary/pima_diabetes.svm"));   // 500 negatives, 268 positives
        var weights = ClassWeights.Parse("1:3");
        var path = new LogisticPath { ClassWeight = weights, PathLength = 20, Tolerance = 1e-10 }.Fit(pima.Features, pima.Labels);
        var plain = new LogisticPath { PathLength = 20, Tolerance = 1e-10 }.Fit(pima.Features, pima.Labels);
        var point = path.Points[12];
        var single = new LogisticRegression { Penalty = Penalty.L1, Lambda = point.Lambda, ClassWeight = weights, Tolerance = 1e-10 }.Fit(pima.Features, pima.Labels);
        double[] w = point.ToDense(path.FeatureCount);
        for (int j = 0; j < w.Length; j++) Assert.Equal(single.Coefficients[j], w[j], 1e-6);
        Assert.Equal(single.Intercept, point.Intercept, 1e-6);
        Assert.True(point.Intercept > plain.Points[12].Intercept + 0.5, "weighting the positives 3× moves the intercept up");

        var cv = new LogisticPath { ClassWeight = ClassWeights.Balanced, PathLength = 15 }.CrossValidate(pima.Features, pima.Labels,
            options: new CrossValidationOptions { Folds = 3, Metric = CrossValidationMetric.Misclassification });
        Assert.Equal("balanced", cv.Model.ClassWeight!.ToString());
        // Balanced weights equalise the classes: the weighted held-out error counts both classes alike, and the refit's
        // predictions are far less skewed to the majority than unweighted ones.
        double positives = cv.Model.Predict(pima.Features).Count(v => v > 0);
        Assert.InRange(positives / pima.Rows, 0.40, 0.60);

        using var dir = new Support.ScratchDirectory("class-weight-path");
        var (code, _, err) = InspectCommandTests.Run("cv", "--model", "logistic", "--data", DatasetLocator.Find("binary/pima_diabetes.svm"),
            "--class-weight", "balanced", "--n-lambda", "10", "--no-plot", "--output", dir["cv"], "--save-model", dir["cv.json"]);
        Assert.True(code == 0, err);
        Assert.Equal("balanced", LinearEstimator.Load<LogisticRegression>(dir["cv.json"]).ClassWeight!.ToString());
    }

    /// <summary>Rank 0 holds only one class's rows: the balanced weights still come from every rank's counts.</summary>
    [Fact]
    public void AcrossRanksBalancedWeightsCountEveryRank()
    {
        var d = SvmlightReader.Read(Path.Combine(DatasetLocator.RepositoryRoot()!, "datasets", "binary", "heart_scale"));
        int[] order = Enumerable.Range(0, d.Rows).OrderBy(i => d.Labels[i]).ToArray();   // −1 rows first
        var sorted = OptSuite.LinearAlgebra.CsrMatrix.FromTriplets(d.Rows, d.Columns,
            order.SelectMany((i, r) => Enumerable.Repeat(r, d.Features.RowPointers[i + 1] - d.Features.RowPointers[i])).ToArray(),
            order.SelectMany(i => d.Features.ColumnIndices[d.Features.RowPointers[i]..d.Features.RowPointers[i + 1]].ToArray()).ToArray(),
            order.SelectMany(i => d.Features.Values[d.Features.RowPointers[i]..d.Features.RowPointers[i + 1]].ToArray()).ToArray());
        double[] y = order.Select(i => d.Labels[i]).ToArray();
        var single = new LogisticRegression { C = 1, ClassWeight = ClassWeights.Balanced, Tolerance = 1e-11 }.Fit(sorted, y);
        int half = d.Labels.Count(v => v < 0);
        var fits = InProcessCommunicator.Run(2, comm =>
        {
            var (from, to) = comm.Rank == 0 ? (0, half) : (half, d.Rows);
            return new LogisticRegression { C = 1, ClassWeight = ClassWeights.Balanced, Tolerance = 1e-11 }
                .Fit(FeatureMatrix.Distributed(sorted.SliceRows(from, to), comm), y[from..to]);
        });
        Assert.Equal(single.Report!.Lambda, fits[0].Report!.Lambda, 1e-15);
        Assert.Equal(single.Report.Objective, fits[0].Report!.Objective, 1e-10 * single.Report.Objective);
    }
}
