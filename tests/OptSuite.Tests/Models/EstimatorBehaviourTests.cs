using MathNet.Numerics.LinearAlgebra;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Models;

namespace OptSuite.Tests.Models;

/// <summary>Labels, options, inputs, save/load: properties of the estimator API on small shipped data.</summary>
public class EstimatorBehaviourTests
{
    private static SvmlightDataset Heart => SvmlightReader.Read(DatasetLocator.Find("binary/heart_scale"));
    private static SvmlightDataset Iris => SvmlightReader.Read(DatasetLocator.Find("multiclass/iris.svm"));

    private static string TempFile() => Path.Combine(Path.GetTempPath(), "optsuite-model-" + Guid.NewGuid().ToString("N") + ".json");

    [Fact]
    public void StringIntegerAndDoubleLabelsGiveTheSameModelAndPredictTheirOwnLabels()
    {
        var d = Iris;
        string[] names = ["setosa", "versicolor", "virginica"];
        string[] text = d.Labels.Select(v => names[(int)v]).ToArray();
        int[] ints = d.Labels.Select(v => 10 * (int)v - 7).ToArray();   // -7, 3, 13: any integers
        var a = new LogisticRegression { Tolerance = 1e-10 }.Fit(d.Features, text);
        var b = new LogisticRegression { Tolerance = 1e-10 }.Fit(d.Features, ints);
        var c = new LogisticRegression { Tolerance = 1e-10 }.Fit(d.Features, d.Labels);
        Assert.Equal(a.Coefficients, b.Coefficients);
        Assert.Equal(a.Coefficients, c.Coefficients);
        Assert.Equal(names, a.Classes.Names);
        Assert.False(a.Classes.IsNumeric);
        Assert.Equal([-7.0, 3.0, 13.0], b.Classes.Values);
        string[] predicted = a.PredictText(d.Features);
        double[] predictedInts = b.Predict(d.Features);
        for (int i = 0; i < predicted.Length; i++) Assert.Equal(Array.IndexOf(names, predicted[i]) * 10 - 7, predictedInts[i]);
        Assert.Equal(a.Score(d.Features, text), b.Score(d.Features, ints));
        Assert.InRange(a.Score(d.Features, text), 0.9, 1.0);
        Assert.Throws<InvalidOperationException>(() => a.Predict(d.Features));
    }

    [Fact]
    public void BinaryLabelsMapTheLargerClassToPlusOne()
    {
        var d = Heart;
        var pm = new LinearSvm { Tolerance = 1e-10, FitIntercept = false }.Fit(d.Features, d.Labels);
        var shifted = new LinearSvm { Tolerance = 1e-10, FitIntercept = false }.Fit(d.Features, d.Labels.Select(v => v > 0 ? "yes" : "no").ToArray());
        Assert.Equal(1, pm.OutputCount);
        // "no" < "yes" ordinally, so "yes" (the +1 rows) is the positive class again: the same problem.
        Assert.Equal(pm.Report!.Objective, shifted.Report!.Objective, 1e-9);
        var probabilities = new LogisticRegression().Fit(d.Features, d.Labels).PredictProbability(d.Features);
        for (int i = 0; i < d.Rows; i++) Assert.Equal(1.0, probabilities[i, 0] + probabilities[i, 1], 12);
    }

    [Fact]
    public void SavedModelsPredictIdenticallyAfterLoading()
    {
        var heart = Heart;
        var iris = Iris;
        var prostate = SvmlightReader.Read(DatasetLocator.Find("regression/prostate_train.svm"));
        LinearEstimator[] fitted =
        [
            new Ridge().Fit(prostate.Features, prostate.Labels),
            new Lasso { Lambda = 0.05 }.Fit(prostate.Features, prostate.Labels),
            new ElasticNet { Lambda = 0.05, L1Ratio = 0.3 }.Fit(prostate.Features, prostate.Labels),
            new GroupLasso { Lambda = 0.05, GroupSize = 3 }.Fit(prostate.Features, prostate.Labels),
            new HuberRegressor { Delta = 0.5 }.Fit(prostate.Features, prostate.Labels),
            new PoissonRegressor { Lambda = 0.1 }.Fit(prostate.Features, prostate.Labels.Select(Math.Abs).ToArray()),
            new LogisticRegression { Penalty = Penalty.L1 }.Fit(heart.Features, heart.Labels),
            new LogisticRegression().Fit(iris.Features, iris.Labels.Select(v => $"class {v}").ToArray()),
            new LinearSvm().Fit(heart.Features, heart.Labels),
            new MulticlassSvm { FitIntercept = false }.Fit(iris.Features, iris.Labels),
            new MulticlassSvm { Strategy = MulticlassStrategy.OneVsRest }.Fit(iris.Features, iris.Labels),
        ];
        foreach (var model in fitted)
        {
            string path = TempFile();
            model.Save(path);
            var loaded = LinearEstimator.Load(path);
            Assert.Equal(model.GetType(), loaded.GetType());
            Assert.Equal(model.Coefficients, loaded.Coefficients);
            Assert.Equal(model.Intercepts, loaded.Intercepts);
            Assert.Equal(model.Report!.Objective, loaded.Report!.Objective);
            Assert.Equal(model.Report.StopReason, loaded.Report.StopReason);
            Assert.Equal(model.FitIntercept, loaded.FitIntercept);
            var x = model.FeatureCount == 8 ? prostate.Features : model.FeatureCount == 4 ? iris.Features : heart.Features;
            if (model is LinearClassifier c)
            {
                Assert.Equal(c.PredictText(x), ((LinearClassifier)loaded).PredictText(x));
                Assert.Equal(c.DecisionFunction(x), ((LinearClassifier)loaded).DecisionFunction(x));
            }
            else Assert.Equal(((LinearRegressor)model).Predict(x), ((LinearRegressor)loaded).Predict(x));
            File.Delete(path);
        }
    }

    [Fact]
    public void CorruptOrFutureFilesAreRejectedClearly()
    {
        string path = TempFile();
        File.WriteAllText(path, "{\"schema_version\": 3, \"format\": \"optsuite.linear-model\"}");
        Assert.Contains("schema_version 3", Assert.Throws<InvalidDataException>(() => LinearEstimator.Load(path)).Message);
        File.WriteAllText(path, "{\"schema_version\": 1, ");
        Assert.Contains("not valid JSON", Assert.Throws<InvalidDataException>(() => LinearEstimator.Load(path)).Message);
        new Lasso().Fit(Heart.Features, Heart.Labels).Save(path);
        string text = File.ReadAllText(path);
        File.WriteAllText(path, text.Replace("\"features\":13", "\"features\":12"));
        Assert.Throws<InvalidDataException>(() => LinearEstimator.Load(path));
        File.WriteAllText(path, text);
        Assert.Throws<InvalidDataException>(() => LinearEstimator.Load<Ridge>(path));
        File.Delete(path);
    }

    [Fact]
    public void RegularisationOptionsMapAsDocumented()
    {
        var d = Heart;
        var byC = new LogisticRegression { C = 2, Tolerance = 1e-10 }.Fit(d.Features, d.Labels);
        var byLambda = new LogisticRegression { Lambda = 1.0 / (270 * 2), Tolerance = 1e-10 }.Fit(d.Features, d.Labels);
        Assert.Equal(byLambda.Report!.Lambda, byC.Report!.Lambda, 15);
        Assert.Equal(byLambda.Report.Objective, byC.Report.Objective, 1e-12);
        Assert.Equal(1.0 / 270, new LinearSvm().Fit(d.Features, d.Labels).Report!.Lambda, 15);
        Assert.Equal(1.0, new Lasso().Fit(d.Features, d.Labels).Report!.Lambda);
        Assert.Throws<ArgumentException>(() => new Ridge { C = 1, Lambda = 1 }.Fit(d.Features, d.Labels));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Ridge { C = 0 }.Fit(d.Features, d.Labels));
        var e = Assert.Throws<UnsupportedSolverException>(() => new Lasso { Solver = SolverKind.Lbfgs }.Fit(d.Features, d.Labels));
        Assert.Equal("Solver", e.ParamName);
        Assert.Contains(SolverKind.CoordinateDescent, e.Supported);
        Assert.DoesNotContain(SolverKind.Lbfgs, e.Supported);
    }

    [Fact]
    public void WarmStartAtTheOptimumCostsNoIteration()
    {
        var d = Heart;
        var m = new Lasso { Lambda = 0.01, Tolerance = 1e-8, WarmStart = true };
        m.Fit(d.Features, d.Labels);
        Assert.True(m.Report!.Iterations > 0);
        m.Fit(d.Features, d.Labels);
        Assert.Equal(0, m.Report!.Iterations);
        Assert.True(m.Report.Converged);
    }

    [Fact]
    public void DenseMathNetAndSparseInputsAgreeAndCallerDataIsUntouched()
    {
        var d = Heart;
        double[,] dense = new double[d.Rows, d.Columns];
        var csr = d.Features;
        var denseMatrix = csr.ToDense();
        for (int i = 0; i < d.Rows; i++) for (int j = 0; j < d.Columns; j++) dense[i, j] = denseMatrix[i, j];
        double[] y = d.Labels.ToArray(), yCopy = y.ToArray();
        double[,] denseCopy = (double[,])dense.Clone();
        var fromArray = new Ridge { Tolerance = 1e-12 }.Fit(dense, y);
        var fromCsr = new Ridge { Tolerance = 1e-12 }.Fit(csr, y);
        var fromMathNet = new Ridge { Tolerance = 1e-12 }.Fit(Matrix<double>.Build.DenseOfArray(dense), Vector<double>.Build.DenseOfArray(y));
        for (int j = 0; j < d.Columns; j++)
        {
            Assert.Equal(fromCsr.Coefficients[j], fromArray.Coefficients[j], 1e-9);
            Assert.Equal(fromCsr.Coefficients[j], fromMathNet.Coefficients[j], 1e-9);
        }
        Assert.Equal(yCopy, y);
        Assert.Equal(denseCopy, dense);
        Assert.Equal(fromArray.Predict(dense), fromArray.Predict(csr), new ToleranceComparer(1e-12));
    }

    [Fact]
    public void SampleWeightsActLikeRepeatedRows()
    {
        var d = Heart;
        double[] w = Enumerable.Range(0, d.Rows).Select(i => (double)(1 + i % 3)).ToArray();
        var rows = new List<double[]>();
        var labels = new List<double>();
        var dense = d.Features.ToDense();
        for (int i = 0; i < d.Rows; i++)
            for (int r = 0; r < (int)w[i]; r++) { rows.Add(dense.Row(i).ToArray()); labels.Add(d.Labels[i]); }
        var weighted = new LogisticRegression { Lambda = 0.01, Tolerance = 1e-10 }.Fit(d.Features, d.Labels, w);
        var repeated = new LogisticRegression { Lambda = 0.01, Tolerance = 1e-10 }.Fit(DenseMatrix.FromRows(rows), labels);
        Assert.Equal(repeated.Report!.Objective, weighted.Report!.Objective, 1e-10);
        for (int j = 0; j < d.Columns; j++) Assert.Equal(repeated.Coefficients[j], weighted.Coefficients[j], 1e-5);
    }

    [Fact]
    public void BadInputNamesTheParameter()
    {
        var d = Heart;
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => new Ridge().Fit(d.Features, new double[3])).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => new LogisticRegression().Fit(d.Features, Enumerable.Repeat("a", d.Rows).ToArray())).ParamName);
        Assert.Equal("sampleWeight", Assert.Throws<ArgumentException>(() => new Ridge().Fit(d.Features, d.Labels, new double[2])).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => new PoissonRegressor().Fit(d.Features, d.Labels)).ParamName);
        Assert.Throws<InvalidOperationException>(() => new Lasso().Predict(d.Features));
        var fitted = new Lasso().Fit(d.Features, d.Labels);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => fitted.Predict(new double[2, 5])).ParamName);
    }

    private sealed class ToleranceComparer(double tol) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tol * Math.Max(1, Math.Abs(a));
        public int GetHashCode(double v) => 0;
    }
}
