using MathNet.Numerics.LinearAlgebra;
using Microsoft.ML;
using Microsoft.ML.Data;
using OptSuite.Data;
using OptSuite.Data.Shards;
using OptSuite.LinearAlgebra;
using OptSuite.MLNet;
using OptSuite.Models;
using OptSuite.Objectives.Survival;

namespace OptSuite.Tests.Models;

/// <summary>
/// The code samples of docs/models.md and README.md, compiled and run. <see cref="EveryGuideSampleIsCompiledHere"/> checks that every
/// ```csharp block of the guide appears verbatim in this file, so the guide cannot drift from code that builds and runs.
/// </summary>
public class UsageGuideSamples
{
    [Fact]
    public void LassoOnSvmlightData()
    {
        // sample: lasso
        var train = SvmlightReader.Read(DatasetLocator.Find("regression/prostate_train.svm"));
        var test = SvmlightReader.Read(DatasetLocator.Find("regression/prostate_test.svm"),
            new SvmlightReaderOptions { FeatureCount = train.Columns });

        var lasso = new Lasso { Lambda = 0.05 }.Fit(train.Features, train.Labels);

        double[] w = lasso.Coefficients;          // p coefficients, b in lasso.Intercept
        double r2 = lasso.Score(test.Features, test.Labels);
        FitReport report = lasso.Report!;         // solver, objective, duality gap, iterations, stop reason, time
        // end sample
        Assert.Equal(8, w.Length);
        Assert.InRange(r2, 0.3, 1);
        Assert.True(report.Converged);
        Assert.Equal(SolverKind.CoordinateDescent, report.Solver);
        Assert.True(report.DualityGap <= 1e-6 * report.Objective);
    }

    [Fact]
    public void PenaltyFactorSample()
    {
        var prostate = SvmlightReader.Read(DatasetLocator.Find("regression/prostate_train.svm"));
        double[] factors = [0, 1, 1, 1, 1, 1, 1, 2];   // feature 0 unpenalised, feature 7 penalised twice as much
        var weighted = new Lasso { Lambda = 0.1, PenaltyFactors = factors }.Fit(prostate.Features, prostate.Labels);
        Assert.True(weighted.Report!.Converged);
        var plain = new Lasso { Lambda = 0.1 }.Fit(prostate.Features, prostate.Labels);
        Assert.True(Math.Abs(weighted.Coefficients[0]) > Math.Abs(plain.Coefficients[0]));
    }

    [Fact]
    public void BoundSample()
    {
        var abalone = SvmlightReader.Read(DatasetLocator.Find("regression/abalone_scale"));
        var positive = new Lasso { Lambda = 0.01, Positive = true }.Fit(abalone.Features, abalone.Labels);       // all w_j ≥ 0
        var boxed = new ElasticNet { Lambda = 0.01, LowerBounds = [-1], UpperBounds = [2] }.Fit(abalone.Features, abalone.Labels);
        Assert.All(positive.Coefficients, v => Assert.True(v >= 0));
        Assert.All(boxed.Coefficients, v => Assert.InRange(v, -1, 2));
        Assert.True(positive.Report!.Converged && boxed.Report!.Converged);
    }

    [Fact]
    public void StandardizeSample()
    {
        var heart = SvmlightReader.Read(DatasetLocator.Find("binary/heart_scale"));
        var glmnetLike = new LogisticRegression { Lambda = 0.02, Penalty = Penalty.L1, Standardize = true }.Fit(heart.Features, heart.Labels);
        Assert.True(glmnetLike.Report!.Converged);
        Assert.True(glmnetLike.Standardize);
    }

    [Fact]
    public void PathOptionSample()
    {
        var boston = SvmlightReader.Read(DatasetLocator.Find("regression/boston_housing.svm"));
        double[] factors = [0, 1, 1, 1, 2, 1, 1, 1, 1, 0.5, 1, 1, 3];   // crime rate unpenalised
        var lasso = new LassoPath { PenaltyFactors = factors, Standardize = true, PathLength = 30 };
        var path = lasso.Fit(boston.Features, boston.Labels);           // glmnet(x, y, penalty.factor = factors)
        var cv = lasso.CrossValidate(boston.Features, boston.Labels, options: new CrossValidationOptions { Folds = 5, Seed = 1 });
        Lasso best = cv.Model;                                           // refitted on all rows with the same options
        Assert.Equal(1, path.Points[0].NonZeroCoefficients);            // the unpenalised feature, fitted at λ_max
        Assert.NotEqual(0, path.Coefficients(0)[0]);
        Assert.Equal(factors, best.PenaltyFactors);
        Assert.True(best.Standardize && best.Report!.Converged);
    }

    [Fact]
    public void DataHelperSample()
    {
        var iris = SvmlightReader.Read(DatasetLocator.Find("multiclass/iris.svm"));
        var split = TrainTestSplit.Split(iris.Features, iris.Labels, testFraction: 0.25, seed: 0, stratify: true);

        var scaler = new FeatureScaler().Fit(split.TrainFeatures);            // sparse input: scaled, not centred
        var model = new LogisticRegression { Multinomial = true }
            .Fit(scaler.Transform(split.TrainFeatures), split.TrainLabels);
        double accuracy = model.Score(scaler.Transform(split.TestFeatures), split.TestLabels);

        CoefficientMatrix w = model.CoefficientMatrix;                          // w[j, c]: feature j, class c
        var (raw, intercepts) = scaler.ToOriginal(model.Coefficients, model.Intercepts);   // for unscaled features
        string classes = model.Classes.ToString();                              // "3 classes: 0, 1, 2"

        Assert.Equal(38, split.TestLabels.Length);
        Assert.InRange(accuracy, 0.85, 1);
        Assert.Equal(model.Coefficients[1 * 3 + 2], w[1, 2]);
        Assert.Equal(model.Coefficients[5] / scaler.Scales[1], raw[5], 1e-15);
        Assert.Equal(model.Intercepts, intercepts);   // sparse input: nothing centred, so the intercepts stand
        Assert.Equal("3 classes: 0, 1, 2", classes);
    }

    [Fact]
    public void ElasticNetL1RatioSearchSample()
    {
        var diabetes = SvmlightReader.Read(DatasetLocator.Find("peers/diabetes.svm"));

        ElasticNetCrossValidation search = new ElasticNetPath().CrossValidateL1Ratios(diabetes.Features, diabetes.Labels,
            [0.1, 0.5, 0.9, 1.0], options: new CrossValidationOptions { Folds = 5, Seed = 0 });

        double bestRatio = search.L1Ratio, bestLambda = search.Best.ChosenLambda;
        ElasticNet refitted = search.Model;                  // at the winning ratio and λ, on all rows

        var heart = SvmlightReader.Read(DatasetLocator.Find("binary/heart_scale"));
        CSearchResult<LinearSvm> bestC = new CSearch().Run(new LinearSvm(), heart.Features, heart.Labels);
        double c = bestC.BestC, accuracy = bestC.BestAccuracy;   // bestC.Model: refitted at C

        Assert.Equal(c, bestC.Model.C);
        Assert.InRange(accuracy, 0.75, 0.95);
        Assert.Contains(bestRatio, new[] { 0.1, 0.5, 0.9, 1.0 });
        Assert.Equal(bestLambda, refitted.Lambda);
        Assert.Equal(bestRatio, refitted.L1Ratio);
        Assert.All(search.Results, r => Assert.True(r.MeanLoss[r.IndexMin] >= search.Best.MeanLoss[search.Best.IndexMin]));
    }

    [Fact]
    public void OffsetSample()
    {
        var claims = SvmlightReader.Read(DatasetLocator.Find("glmnet_synthetic/PoissonExample.svm"));
        double[] exposure = Enumerable.Range(0, claims.Rows).Select(i => 0.5 + i % 7 / 4.0).ToArray();
        double[] offset = exposure.Select(t => Math.Log(t)).ToArray();
        var poisson = new PoissonRegressor { Penalty = Penalty.L1, Lambda = 1.3 }.Fit(claims.Features, claims.Labels, null, offset);
        double[] expected = poisson.Predict(claims.Features, offset);   // e^(x·w + b) · exposure
        Assert.True(poisson.Report!.Converged);
        double[] rate = poisson.Predict(claims.Features);
        for (int i = 0; i < rate.Length; i++) Assert.Equal(rate[i] * exposure[i], expected[i], 1e-9 * expected[i]);
    }

    [Fact]
    public void TweedieSample()
    {
        var claims = SvmlightReader.Read(DatasetLocator.Find("glmnet_synthetic/PoissonExample.svm"));   // counts ≥ 0
        double[] years = Enumerable.Range(0, claims.Rows).Select(i => 0.5 + i % 7 / 4.0).ToArray();       // exposure per row
        double[] logYears = years.Select(t => Math.Log(t)).ToArray();

        // Compound Poisson–Gamma (ρ = 1.5), elastic net, log exposure as the offset: E[y] = years · e^(x·w + b).
        var tweedie = new TweedieRegressor { Power = 1.5, Lambda = 0.01, L1Ratio = 0.5 }.Fit(claims.Features, claims.Labels, null, logYears);
        double[] perYear = tweedie.Predict(claims.Features);                  // e^(x·w + b): one year of exposure
        double[] expected = tweedie.Predict(claims.Features, logYears);       // years · e^(x·w + b)
        double d2 = tweedie.Score(claims.Features, claims.Labels, logYears);  // D² with the Tweedie deviance of power 1.5

        // ρ = 3, the inverse Gaussian, is not convex: no duality gap, a stationarity certificate instead.
        var abalone = SvmlightReader.Read(DatasetLocator.Find("regression/abalone_scale"));   // rings > 0
        var inverseGaussian = new TweedieRegressor { Power = 3, Lambda = 0.01 }.Fit(abalone.Features, abalone.Labels);
        double? gap = inverseGaussian.Report!.DualityGap;              // null
        double? stationarity = inverseGaussian.Report.Stationarity;    // ‖∇F‖∞ at the returned point (L-BFGS)

        Assert.True(tweedie.Report!.Converged && tweedie.Report.DualityGap is not null);
        for (int i = 0; i < perYear.Length; i++) Assert.Equal(perYear[i] * years[i], expected[i], 1e-9 * expected[i]);
        Assert.InRange(d2, 0.1, 1);
        Assert.Null(gap);
        Assert.Equal(SolverKind.Lbfgs, inverseGaussian.Report.Solver);
        Assert.True(inverseGaussian.Report.Converged);
        Assert.InRange(stationarity!.Value, 0, 1e-5);
    }

    [Fact]
    public void GammaSample()
    {
        // Gamma (ρ = 2): positive, right-skewed targets with a log link — abalone's ring counts.
        var abalone = SvmlightReader.Read(DatasetLocator.Find("regression/abalone_scale"));
        var gamma = new GammaRegressor { Penalty = Penalty.L1, Lambda = 0.005 }.Fit(abalone.Features, abalone.Labels);
        double[] means = gamma.Predict(abalone.Features);             // e^(x·w + b)
        double d2 = gamma.Score(abalone.Features, abalone.Labels);    // D² with the Gamma deviance
        double? gap = gamma.Report!.DualityGap;                      // certified: the Gamma loss is convex in z

        // Its path (glmnet's grid) and 5-fold cross-validation by held-out deviance, refitting at the chosen λ.
        var cv = new GammaPath { L1Ratio = 0.5 }.CrossValidate(abalone.Features, abalone.Labels);
        double[] heldOut = cv.MeanLoss;                              // mean held-out deviance at every λ
        var chosen = (GammaRegressor)cv.Model;                       // refitted on all rows

        Assert.True(gamma.Report.Converged);
        Assert.InRange(gap!.Value, 0, 1e-6 * gamma.Report.Objective);
        Assert.All(means, m => Assert.True(m > 0));
        Assert.InRange(d2, 0.1, 1);
        Assert.Equal(cv.Lambdas.Length, heldOut.Length);
        Assert.Equal(cv.ChosenLambda, chosen.Lambda!.Value, 1e-15);
        Assert.Equal(0.5, chosen.L1Ratio);
    }

    [Fact]
    public void MultinomialPathSample()
    {
        var iris = SvmlightReader.Read(DatasetLocator.Find("multiclass/iris.svm"));

        // glmnet's family = "multinomial" path: p × k coefficients and k intercepts per λ.
        RegularizationPath path = new MultinomialPath { PathLength = 10 }.Fit(iris.Features, iris.Labels);
        int classes = path.OutputCount;                                  // 3
        double[] intercepts = path.Points[^1].Intercepts;                // at the smallest λ

        // Stratified 5-fold CV by multinomial deviance; the multinomial LogisticRegression refitted at the chosen λ.
        CrossValidationResult<LogisticRegression> cv = new MultinomialPath { PathLength = 10 }.CrossValidate(iris.Features, iris.Labels,
            options: new CrossValidationOptions { Folds = 5, Seed = 0 });
        LogisticRegression model = cv.Model;
        double accuracy = model.Score(iris.Features, iris.Labels);

        Assert.Equal(3, classes);
        Assert.Equal(3, intercepts.Length);
        Assert.Equal(3, model.Classes.Count);
        Assert.Equal(cv.ChosenLambda, model.Lambda);
        Assert.InRange(accuracy, 0.9, 1);
    }

    [Fact]
    public void ClassWeightedLogisticPathSample()
    {
        var pima = SvmlightReader.Read(DatasetLocator.Find("binary/pima_diabetes.svm"));   // 500 negatives, 268 positives

        // Balanced class weights (n / (k·n_c)) along the L1 logistic path and in every fold (--class-weight balanced).
        var weighted = new LogisticPath { ClassWeight = ClassWeights.Balanced, PathLength = 20 };
        RegularizationPath path = weighted.Fit(pima.Features, pima.Labels);
        CrossValidationResult<LogisticRegression> cv = weighted.CrossValidate(pima.Features, pima.Labels,
            options: new CrossValidationOptions { Folds = 5, Seed = 0 });
        LogisticRegression model = cv.Model;                 // refitted on all rows with the same class weights
        double lambda = cv.ChosenLambda;

        Assert.True(model.ClassWeight!.IsBalanced);
        Assert.Equal(lambda, model.Lambda);
        // The weights change the path: the unweighted path's points differ.
        var plain = new LogisticPath { PathLength = 20 }.Fit(pima.Features, pima.Labels);
        Assert.NotEqual(plain.Points[^1].Intercept, path.Points[^1].Intercept);
    }

    [Fact]
    public void ClassWeightSample()
    {
        var pima = SvmlightReader.Read(DatasetLocator.Find("binary/pima_diabetes.svm"));   // 500 negatives, 268 positives
        var balanced = new LogisticRegression { C = 1, ClassWeight = ClassWeights.Balanced }.Fit(pima.Features, pima.Labels);
        var liblinear = new LinearSvm { C = 1, ClassWeight = ClassWeights.Parse("1:3") }.Fit(pima.Features, pima.Labels);   // -w1 3
        Assert.Equal(1.0 / pima.Rows, balanced.Report!.Lambda, 1e-15);
        Assert.Equal(1.0 / (500 + 3 * 268), liblinear.Report!.Lambda, 1e-15);
        // Weighing the rarer class up predicts it more often.
        var plain = new LogisticRegression { C = 1 }.Fit(pima.Features, pima.Labels);
        Assert.True(balanced.Predict(pima.Features).Count(v => v > 0) > plain.Predict(pima.Features).Count(v => v > 0));
    }

    [Fact]
    public void ReadmeSample()
    {
        var train = SvmlightReader.Read(DatasetLocator.Find("regression/prostate_train.svm"));
        var lasso = new Lasso { Lambda = 0.05 }.Fit(train.Features, train.Labels);   // scikit-learn's Lasso(alpha=0.05)
        string summary = $"{lasso.Report}; {lasso.NonZeroCoefficients} non-zeros";
        Assert.StartsWith("cd: Converged after ", summary);
        Assert.EndsWith("; 7 non-zeros", summary);
    }

    [Fact]
    public void QuantileRegression()
    {
        // sample: quantile
        var train = SvmlightReader.Read(DatasetLocator.Find("regression/prostate_train.svm"));

        var upper = new QuantileRegressor { Quantile = 0.9, Lambda = 0.01 }.Fit(train.Features, train.Labels);
        var median = new QuantileRegressor { Lambda = 0 }.Fit(train.Features, train.Labels);   // unpenalised median regression

        double[] q90 = upper.Predict(train.Features);               // about 90% of the targets lie below
        double pinball = upper.PinballLoss(train.Features, train.Labels);
        FitReport report = median.Report!;                          // ipm, Converged, certified duality gap
        // end sample
        double below = train.Labels.Zip(q90).Count(t => t.First <= t.Second + 1e-9) / (double)q90.Length;
        Assert.InRange(below, 0.85, 0.95);
        Assert.InRange(pinball, 0, 0.2);
        Assert.Equal(SolverKind.InteriorPoint, report.Solver);
        Assert.True(report.Converged && report.DualityGap <= 1e-6 * report.Objective, report.ToString());
        // Median regression interpolates at least p + 1 = 9 points and has about half the residuals on each side.
        double[] fitted = median.Predict(train.Features);
        Assert.True(train.Labels.Zip(fitted).Count(t => Math.Abs(t.First - t.Second) < 1e-7) >= 9);
    }

    [Fact]
    public void SupportVectorRegression()
    {
        var housing = SvmlightReader.Read(DatasetLocator.Find("regression/cal_housing_scale.svm.xz"));   // y in $100,000

        var svr = new LinearSvr { C = 1, Epsilon = 0.1 }.Fit(housing.Features, housing.Labels);           // LIBLINEAR -s 13 -B 1
        var squared = new LinearSvr { Loss = SvrLoss.SquaredEpsilonInsensitive, Epsilon = 0.1 }.Fit(housing.Features, housing.Labels);

        double r2 = svr.Score(housing.Features, housing.Labels);
        FitReport report = svr.Report!;                     // dual-cd, certified duality gap
        Assert.Equal(SolverKind.DualCoordinateDescent, report.Solver);
        // dual-cd's default stop: LIBLINEAR's test at -e 0.1, then a relative duality gap of at most 1e-3.
        Assert.True(report.Converged && report.DualityGap <= 1e-3 * report.Objective, report.ToString());
        Assert.InRange(r2, 0.5, 1);
        Assert.Equal(SolverKind.Lbfgs, squared.Report!.Solver);
        Assert.True(squared.Report.Converged, squared.Report.ToString());
        Assert.NotEqual(0, squared.Intercept);
    }

    [Fact]
    public void CoxRegressionOnGlmnetsExample()
    {
        // sample: cox
        var data = SurvivalCsvReader.Read(DatasetLocator.Find("glmnet_synthetic/CoxExample.csv"));   // time, status, X1..X30

        var cox = new CoxRegression { Lambda = 0.05 }.Fit(data.Features, data.Time, data.Status);    // glmnet(alpha = 1, lambda = 0.05)
        var efron = new CoxRegression { Lambda = 0.05, L1Ratio = 0.5, Ties = CoxTies.Efron }.Fit(data.Features, data.Time, data.Status);

        double[] eta = cox.Predict(data.Features);                   // linear predictor x·β
        double cIndex = cox.Score(data.Features, data.Time, data.Status);   // Harrell's C, glmnet's Cindex
        // end sample
        Assert.True(cox.Report!.Converged && efron.Report!.Converged);
        Assert.Equal(10, cox.NonZeroCoefficients);                   // glmnet's 10 at λ = 0.05
        Assert.Equal(0.7293554004453082, cIndex, 1e-6);               // glmnet's Cindex of its own fit (cox.json)
        Assert.Equal(1000, eta.Length);
        Assert.Equal(Penalty.ElasticNet, efron.Penalty);
    }

    [Fact]
    public void LogisticRegressionWithTextLabels()
    {
        // sample: logistic
        double[,] x = { { 0.0, 1.0 }, { 1.0, 0.1 }, { 0.9, 0.2 }, { 0.1, 0.8 }, { 0.2, 0.9 }, { 0.8, 0.0 } };
        string[] y = { "spam", "ham", "ham", "spam", "spam", "ham" };

        var model = new LogisticRegression { C = 10 }.Fit(x, y);   // λ = 1/(n·C)

        string[] predicted = model.PredictText(x);                 // "ham" / "spam"
        double[,] p = model.PredictProbability(x);                 // columns in model.Classes order: ham, spam
        double accuracy = model.Score(x, y);
        // end sample
        Assert.Equal(y, predicted);
        Assert.Equal(["ham", "spam"], model.Classes.Names);
        Assert.True(p[0, 1] > 0.5 && p[1, 0] > 0.5);
        Assert.Equal(1.0, accuracy);
    }

    [Fact]
    public void SvmSolverChoiceAndSaving()
    {
        // sample: svm
        var heart = SvmlightReader.Read(DatasetLocator.Find("binary/heart_scale"));

        var svm = new LinearSvm
        {
            Loss = SvmLoss.Hinge,
            C = 1,
            FitIntercept = false,                         // none; by default the hinge fits LIBLINEAR's bias (-B 1)
            Solver = SolverKind.DualCoordinateDescent,    // what Auto would pick here too
            Tolerance = 1e-8,                             // relative duality gap
        }.Fit(heart.Features, heart.Labels);

        string path = Path.GetTempFileName();                // any writable file path
        svm.Save(path);                                   // JSON, written atomically
        var loaded = LinearEstimator.Load<LinearSvm>(path);
        double[] labels = loaded.Predict(heart.Features); // the original labels, -1 and 1
        // end sample
        Assert.Equal(svm.Predict(heart.Features), labels);
        Assert.True(svm.Report!.DualityGap <= 1e-8 * svm.Report.Objective);
        File.Delete(path);
    }

    [Fact]
    public void PredictionDataIsReadAsTheTrainingDataWas()
    {
        var train = SvmlightReader.Read(DatasetLocator.Find("binary/heart_scale"));
        var fitted = new LogisticRegression
        {
            FeatureIndexBase = train.ZeroBasedIndices ? SvmlightIndexBase.ZeroBased : SvmlightIndexBase.OneBased,
        }.Fit(train.Features, train.Labels);
        string path = Path.GetTempFileName();
        fitted.Save(path);

        var model = LinearEstimator.Load(path);
        var test = SvmlightReader.Read(DatasetLocator.Find("binary/heart_scale"), model.ReaderOptions);   // numbered as in training
        File.Delete(path);
        Assert.Equal(SvmlightIndexBase.OneBased, model.FeatureIndexBase);
        Assert.Equal(13, test.Columns);
        Assert.Equal(fitted.Score(train.Features, train.Labels), ((LogisticRegression)model).Score(test.Features, test.Labels));
    }

    [Fact]
    public void OnnxExport()
    {
        var heart = SvmlightReader.Read(DatasetLocator.Find("binary/heart_scale"));
        var model = new LogisticRegression().Fit(heart.Features, heart.Labels);

        string path = Path.Combine(Path.GetTempPath(), "heart.onnx");
        model.ExportOnnx(path);                                                 // input "features": float32 [N, 13]
        model.ExportOnnx(Path.ChangeExtension(path, ".float64.onnx"),
            new OnnxExportOptions { Precision = OnnxPrecision.Float64 });        // the coefficients as fitted

        var x = heart.Features.ToDense();
        var rows = new double[x.Rows, x.Columns];
        for (int i = 0; i < x.Rows; i++) for (int j = 0; j < x.Columns; j++) rows[i, j] = x[i, j];
        var single = Support.OnnxRun.Of(File.ReadAllBytes(path), rows);
        var exact = Support.OnnxRun.Of(File.ReadAllBytes(Path.ChangeExtension(path, ".float64.onnx")), rows);
        File.Delete(path);
        File.Delete(Path.ChangeExtension(path, ".float64.onnx"));
        _ = new OnnxAgreement(model, rows, single, OnnxPrecision.Float32);
        _ = new OnnxAgreement(model, rows, exact, OnnxPrecision.Float64);
        Assert.Equal(model.Predict(heart.Features), exact.IntegerLabels!.Select(v => (double)v));
    }

    [Fact]
    public void MathNetInputsAndMulticlass()
    {
        // sample: mathnet
        var iris = SvmlightReader.Read(DatasetLocator.Find("multiclass/iris.svm"));
        Matrix<double> x = iris.Features.ToDense().ToMathNet();
        Vector<double> y = Vector<double>.Build.DenseOfArray(iris.Labels);

        var softmax = new LogisticRegression().Fit(x, y);                      // 3 classes: multinomial
        var crammerSinger = new MulticlassSvm { InterceptScaling = 1, MaxIterations = 200_000 }.Fit(x, y); // LIBLINEAR's -B 1
        var oneVsRest = new MulticlassSvm { Strategy = MulticlassStrategy.OneVsRest }.Fit(x, y);

        double[,] scores = softmax.DecisionFunction(x);                        // n × 3
        // end sample
        Assert.Equal(3, scores.GetLength(1));
        Assert.InRange(softmax.Score(x, iris.Labels), 0.9, 1);
        Assert.InRange(crammerSinger.Score(x, iris.Labels), 0.9, 1);
        Assert.InRange(oneVsRest.Score(x, iris.Labels), 0.85, 1);
    }

    [Fact]
    public void LassoPath()
    {
        // sample: path
        var train = SvmlightReader.Read(DatasetLocator.Find("regression/prostate_train.svm"));

        RegularizationPath path = new LassoPath().Fit(train.Features, train.Labels);

        double lambdaMax = path.LambdaMax;                   // the smallest λ with w = 0
        PathPoint point = path.Points[40];                   // λ, sparse coefficients, intercept, objective, gap, ...
        double[] w = point.ToDense(path.FeatureCount);
        string summary = $"{path.Points.Count} points, {path.Termination}: λ = {point.Lambda:G4}, {point.NonZeroCoefficients} non-zeros, R² = {point.DevianceExplained:F3}";
        // end sample
        Assert.Equal(100, path.Points.Count);
        Assert.Equal(0, path.Points[0].NonZeroCoefficients);
        Assert.Equal(point.NonZeroCoefficients, w.Count(v => v != 0));
        Assert.True(lambdaMax > point.Lambda && path.Converged);
        Assert.StartsWith("100 points, Completed: ", summary);
    }

    [Fact]
    public void CrossValidatedLogisticRegression()
    {
        // sample: cv
        var heart = SvmlightReader.Read(DatasetLocator.Find("binary/heart_scale"));

        var cv = new LogisticPath().CrossValidate(heart.Features, heart.Labels,
            options: new CrossValidationOptions { Folds = 10, Seed = 1, Rule = LambdaRule.OneStandardError });

        double lambdaMin = cv.LambdaMin, lambda1se = cv.LambdaOneStandardError;
        double[] meanDeviance = cv.MeanLoss, standardError = cv.StandardError;
        LogisticRegression model = cv.Model;                 // refitted at λ_1se on all rows, L1 penalty
        double accuracy = model.Score(heart.Features, heart.Labels);
        // end sample
        Assert.True(lambda1se >= lambdaMin);
        Assert.Equal(meanDeviance.Length, standardError.Length);
        Assert.Equal(lambda1se, model.Report!.Lambda);
        Assert.InRange(accuracy, 0.75, 1);
    }

    [Fact]
    public void ShardDataset()
    {
        // sample: shards
        // Shards come from `optsuite convert FILE --out DIR`, or from C# row by row (here: 2 KB shards of heart_scale).
        var heart = SvmlightReader.Read(DatasetLocator.Find("binary/heart_scale"));
        string dir = Path.Combine(Path.GetTempPath(), Path.GetRandomFileName());
        using (var writer = ShardWriter.Create(dir, new ShardWriterOptions { ShardBytes = 2048 }))
        {
            var x = heart.Features;
            for (int i = 0; i < x.Rows; i++)
                writer.AppendRow(heart.Labels[i], x.ColumnIndices[x.RowPointers[i]..x.RowPointers[i + 1]], x.Values[x.RowPointers[i]..x.RowPointers[i + 1]]);
            writer.Complete(x.Columns);
        }

        var data = ShardedDataset.Open(dir);                       // manifest, labels and weights in memory; features on disk
        var model = new LogisticRegression { C = 1 }.Fit(data);    // Auto: a solver that works by passes over the shards
        double accuracy = model.Score(data);
        double[] predicted = model.Predict(data.Features);         // one pass, shard by shard
        FitReport report = model.Report!;
        // end sample
        try
        {
            Assert.True(data.Features.BlockCount >= 10);
            Assert.True(report.Converged);
            var memory = new LogisticRegression { C = 1 }.Fit(heart.Features, heart.Labels);
            Assert.Equal(memory.Report!.Objective, report.Objective, 1e-6 * report.Objective);   // both within a 1e-6 relative gap of the optimum
            Assert.Equal(memory.Score(heart.Features, heart.Labels), accuracy, 1e-12);
            Assert.Equal(heart.Rows, predicted.Length);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void MLNetOffsetColumn()
    {
        // sample: ml.net offset
        var mlContext = new MLContext(seed: 0);
        var claims = SvmlightReader.Read(DatasetLocator.Find("glmnet_synthetic/PoissonExample.svm"));     // 500 × 20, counts
        double[] exposure = Enumerable.Range(0, claims.Rows).Select(i => 0.5 + i % 7 / 4.0).ToArray();     // e.g. years insured
        var rows = OptSuiteVectors.Rows(claims.Features).Select((x, i) =>
            new { Features = x, Label = (float)claims.Labels[i], LogExposure = (float)Math.Log(exposure[i]) }).ToList();
        var schema = SchemaDefinition.Create(rows[0].GetType());
        schema["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, claims.Columns);
        var data = mlContext.Data.LoadFromEnumerable(rows, schema);

        // The offset column is a known term of every score, z = x·w + b + o: used by the fit and read from each row scored.
        var trainer = mlContext.Regression.Trainers.OptSuite(new PoissonRegressor { Lambda = 0.05 }, offsetColumnName: "LogExposure");
        var model = trainer.Fit(data);
        float[] expectedClaims = model.Transform(data).GetColumn<float>("Score").ToArray();                 // e^(x·w + b) · exposure
        // end sample
        double[] o = rows.Select(r => (double)r.LogExposure).ToArray();
        var x = new CsrMatrix(claims.Rows, claims.Columns, claims.Features.RowPointers.ToArray(), claims.Features.ColumnIndices.ToArray(),
            claims.Features.Values.ToArray().Select(v => (double)(float)v).ToArray());
        var direct = new PoissonRegressor { Lambda = 0.05 }.Fit(x, claims.Labels.ToArray(), null, o);
        double[] mean = direct.Predict(x, o);
        for (int i = 0; i < mean.Length; i++) Assert.Equal(mean[i], expectedClaims[i], 1e-5 * mean[i]);
        Assert.Equal("LogExposure", model.OffsetColumnName);
    }

    [Fact]
    public void MLNetTextPipeline()
    {
        // sample: ml.net
        var mlContext = new MLContext(seed: 0);
        var comments = mlContext.Data.LoadFromTextFile(DatasetLocator.Find("text/wikipedia-detox-250-line-data.tsv"),
            [new TextLoader.Column("Label", DataKind.Boolean, 0), new TextLoader.Column("Text", DataKind.String, 1)],
            separatorChar: '\t', hasHeader: true);
        var split = mlContext.Data.TrainTestSplit(comments, testFraction: 0.2, seed: 0);

        var pipeline = mlContext.Transforms.Text.FeaturizeText("Features", "Text")
            .Append(mlContext.BinaryClassification.Trainers.OptSuite(new LogisticRegression { C = 10 }));
        var model = pipeline.Fit(split.TrainSet);

        var metrics = mlContext.BinaryClassification.Evaluate(model.Transform(split.TestSet));   // AUC, accuracy, F1, log-loss
        LogisticRegression fitted = model.LastTransformer.Model;                                 // coefficients, Report

        string path = Path.GetTempFileName();
        mlContext.Model.SaveWithOptSuite(model, comments.Schema, path);                          // not Model.Save: see below
        var loaded = mlContext.Model.LoadWithOptSuite(path, out DataViewSchema inputSchema);
        // end sample
        try
        {
            Assert.InRange(metrics.AreaUnderRocCurve, 0.6, 1);
            Assert.True(fitted.Report!.Converged);
            Assert.Equal(2, inputSchema.Count);
            Assert.Equal(model.Transform(split.TestSet).GetColumn<float>("Probability"), loaded.Transform(split.TestSet).GetColumn<float>("Probability"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void EveryGuideSampleIsCompiledHere()
    {
        string root = DatasetLocator.RepositoryRoot()!;
        string guide = File.ReadAllText(Path.Combine(root, "docs", "models.md"));
        string readme = File.ReadAllText(Path.Combine(root, "README.md"));
        string source = File.ReadAllText(Path.Combine(root, "tests", "OptSuite.Tests", "Models", "UsageGuideSamples.cs"))
            + File.ReadAllText(Path.Combine(root, "tests", "OptSuite.Tests", "Docs", "ReadmeSamples.cs"));
        // A sample's using directives sit at the top of the test file, not in the method body.
        static bool IsUsingDirective(string l) => l.StartsWith("using ", StringComparison.Ordinal) && l.EndsWith(';') && !l.Contains('(') && !l.Contains('=');
        string Normalise(string s) => string.Join("\n", s.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !IsUsingDirective(l)));
        string code = Normalise(source);
        static List<string> Blocks(string md) => md.Split("```csharp").Skip(1).Select(b => b[..b.IndexOf("```", StringComparison.Ordinal)]).ToList();
        var blocks = Blocks(guide);
        Assert.Equal(26, blocks.Count);
        // Every README block but the backend one (it switches the process-wide backend, so it is compiled, not run).
        // (and the MPI one: it needs mpiexec.hydra; MpiSolverTests runs the same calls on real ranks).
        var readmeBlocks = Blocks(readme).Where(b => !b.Contains("LinearAlgebraBackends.Select", StringComparison.Ordinal)
            && !b.Contains("MpiCommunicator.World", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, readmeBlocks.Count);
        blocks.AddRange(readmeBlocks);
        foreach (string block in blocks) Assert.Contains(Normalise(block), code);
    }
}
