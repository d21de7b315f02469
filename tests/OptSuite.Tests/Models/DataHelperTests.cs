using MathNet.Numerics.LinearAlgebra;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Models;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Models;

/// <summary>
/// The data helpers of the model layer: row picks of every storage equal to picking the dense rows; seeded, stratified
/// train/test splits with scikit-learn's sizes; a scaler whose sparse output keeps the pattern and whose coefficient map
/// makes a model fitted on scaled data predict the same from raw data; jagged, single-precision and bool inputs equal to
/// the double ones; class labels as a list; the coefficient table as a copy-free view.
/// </summary>
public class DataHelperTests
{
    private static SvmlightDataset Iris => SvmlightReader.Read(DatasetLocator.Find("multiclass/iris.svm"));

    private static SvmlightDataset Heart => SvmlightReader.Read(Path.Combine(DatasetLocator.RepositoryRoot()!, "datasets", "binary", "heart_scale"));

    [Fact]
    public void RowPicksOfEveryStorageArePicksOfTheDenseRows()
    {
        var a = RandomMatrices.Dense(new Random(3), 9, 5, 0.5);
        int[] rows = [7, 0, 3, 3, 8];
        var expected = new double[rows.Length, 5];
        for (int r = 0; r < rows.Length; r++)
            for (int j = 0; j < 5; j++) expected[r, j] = a[rows[r], j];
        var dense = DenseMatrix.FromArray(a);
        Assert.Equal(expected, dense.SelectRows(rows).ToArray());
        Assert.Equal(expected, dense.ToLayout(MatrixLayout.ColumnMajor).SelectRows(rows).ToArray());
        var csr = RandomMatrices.Csr(a);
        Assert.Equal(expected, csr.SelectRows(rows).ToDense().ToArray());
        CscMatrix csc = csr.ToCsc().SelectRows(rows);
        Assert.Equal(expected, csc.ToDense().ToArray());
        Assert.IsType<CscMatrix>(((FeatureMatrix)csr.ToCsc()).SelectRows(rows).Map);
        Assert.IsType<CsrMatrix>(((FeatureMatrix)csr).SelectRows(rows).Map);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => csr.SelectRows([0, 9]));
        Assert.Contains("rows[1] = 9", e.Message);
    }

    [Fact]
    public void ToArrayReadsEitherLayout()
    {
        var a = RandomMatrices.Dense(new Random(4), 4, 6, 1);
        Assert.Equal(a, DenseMatrix.FromArray(a).ToArray());
        Assert.Equal(a, DenseMatrix.FromArray(a).ToLayout(MatrixLayout.ColumnMajor).ToArray());
    }

    [Fact]
    public void SplitHasScikitLearnSizesCoversEveryRowOnceAndIsSeeded()
    {
        var iris = Iris;
        var split = TrainTestSplit.Split(iris.Features, iris.Labels, testFraction: 0.3, seed: 5);
        Assert.Equal(45, split.TestRows.Length);   // ⌈0.3·150⌉
        Assert.Equal(105, split.TrainRows.Length);
        Assert.Equal(Enumerable.Range(0, 150), split.TrainRows.Concat(split.TestRows).Order());
        Assert.True(split.TestRows.Zip(split.TestRows.Skip(1)).All(t => t.First < t.Second), "test rows ascending");
        for (int r = 0; r < split.TestRows.Length; r++) Assert.Equal(iris.Labels[split.TestRows[r]], split.TestLabels[r]);
        var dense = iris.Features.ToDense();
        var picked = split.TestFeatures.Map is CsrMatrix c ? c.ToDense() : (DenseMatrix)split.TestFeatures.Map;
        for (int j = 0; j < dense.Columns; j++) Assert.Equal(dense[split.TestRows[10], j], picked[10, j]);
        Assert.Equal(split.TestRows, TrainTestSplit.Split(iris.Features, iris.Labels, 0.3, seed: 5).TestRows);
        Assert.NotEqual(split.TestRows, TrainTestSplit.Split(iris.Features, iris.Labels, 0.3, seed: 6).TestRows);
        // 0.25 of 7 rows: ⌈1.75⌉ = 2 in the test part.
        Assert.Equal(2, TrainTestSplit.Rows(7, 0.25).Test.Length);
    }

    [Fact]
    public void StratifiedSplitKeepsTheClassProportions()
    {
        // Iris: 50 of each class; vehicle-like imbalance made by dropping rows of class 1.
        var iris = Iris;
        int[] keep = Enumerable.Range(0, 150).Where(i => iris.Labels[i] != 1 || i % 5 == 0).ToArray();
        var x = ((FeatureMatrix)iris.Features).SelectRows(keep);
        double[] y = keep.Select(i => iris.Labels[i]).ToArray();
        double[] weights = keep.Select(i => 1.0 + i).ToArray();
        var split = TrainTestSplit.Split(x, y, testFraction: 0.2, seed: 1, stratify: true, sampleWeight: weights);
        Assert.Equal((int)Math.Ceiling(0.2 * y.Length), split.TestRows.Length);
        foreach (double c in y.Distinct())
        {
            int all = y.Count(v => v == c), test = split.TestLabels.Count(v => v == c);
            double quota = (double)all * split.TestRows.Length / y.Length;
            Assert.InRange(test, Math.Floor(quota), Math.Ceiling(quota));
        }
        for (int r = 0; r < split.TrainRows.Length; r++) Assert.Equal(weights[split.TrainRows[r]], split.TrainWeights![r]);
    }

    [Fact]
    public void SplitRefusesWhatCannotBeSplit()
    {
        var iris = Iris;
        Assert.Contains("testFraction", Assert.Throws<ArgumentOutOfRangeException>(() => TrainTestSplit.Split(iris.Features, iris.Labels, 0)).Message);
        Assert.Contains("testFraction", Assert.Throws<ArgumentOutOfRangeException>(() => TrainTestSplit.Split(iris.Features, iris.Labels, 1)).Message);
        Assert.Contains("no training sample", Assert.Throws<ArgumentOutOfRangeException>(() => TrainTestSplit.Rows(3, 0.9)).Message);
        Assert.Contains("y has 3 labels", Assert.Throws<ArgumentException>(() => TrainTestSplit.Split(iris.Features, new double[] { 1, 2, 3 })).Message);
        Assert.Contains("single sample", Assert.Throws<ArgumentException>(() => TrainTestSplit.Rows(4, 0.5, classes: [0, 0, 0, 1])).Message);
        Assert.Contains("continuous", Assert.Throws<ArgumentException>(() =>
            TrainTestSplit.Split(new double[,] { { 1 }, { 2 }, { 3 }, { 4 } }, new[] { 0.5, 1.5, 2.5, 3.25 }, stratify: true)).Message);
    }

    [Fact]
    public void ScalerStandardisesDenseAndScalesSparseWithoutFillingIn()
    {
        var a = RandomMatrices.Dense(new Random(8), 30, 4, 0.6);
        for (int i = 0; i < 30; i++) a[i, 3] = 2.5;   // a constant column keeps scale 1
        double[] c = Enumerable.Range(0, 30).Select(i => 0.5 + i % 3).ToArray();
        var dense = new FeatureScaler().Fit(a, c);
        var sparse = new FeatureScaler().Fit(RandomMatrices.Csr(a), c);
        Assert.Equal(1.0, dense.Scales[3]);
        for (int j = 0; j < 4; j++)
        {
            Assert.Equal(dense.Scales[j], sparse.Scales[j], 1e-14);   // the zeros' share is counted exactly
            Assert.Equal(0.0, sparse.Means[j]);
        }
        var t = (DenseMatrix)dense.Transform(a).Map;
        for (int j = 0; j < 3; j++)
        {
            double mean = 0, square = 0;
            for (int i = 0; i < 30; i++) { mean += c[i] * t[i, j]; square += c[i] * t[i, j] * t[i, j]; }
            Assert.Equal(0, mean / c.Sum(), 1e-14);
            Assert.Equal(1, square / c.Sum(), 1e-13);
        }
        var csr = RandomMatrices.Csr(a);
        var scaled = (CsrMatrix)sparse.Transform(csr).Map;
        Assert.Equal(csr.NonZeroCount, scaled.NonZeroCount);
        Assert.Equal(csr.ColumnIndices.ToArray(), scaled.ColumnIndices.ToArray());
        var before = csr.ToDense().ToArray();
        Assert.Equal(before, RandomMatrices.Csr(a).ToDense().ToArray());   // the input is untouched
        Assert.Contains("densify", Assert.Throws<ArgumentException>(() => new FeatureScaler { Center = true }.Fit(csr)).Message);
        Assert.Contains("fitted on 4", Assert.Throws<ArgumentException>(() => dense.Transform(new double[2, 3])).Message);
    }

    [Fact]
    public void CoefficientsMappedBackPredictTheSameFromRawData()
    {
        var heart = Heart;
        var dense = heart.Features.ToDense();
        var scaler = new FeatureScaler().Fit(dense);
        var model = new Ridge { Lambda = 0.01 }.Fit(scaler.Transform(dense), heart.Labels);
        var (w, b) = scaler.ToOriginal(model.Coefficients, model.Intercept);
        double[] scaledPredictions = model.Predict(scaler.Transform(dense));
        var raw = new double[dense.Rows];
        dense.Apply(w, raw);
        for (int i = 0; i < raw.Length; i++) Assert.Equal(scaledPredictions[i], raw[i] + b, 1e-12);
        var (back, intercepts) = scaler.ToScaled(w, [b]);
        for (int j = 0; j < back.Length; j++) Assert.Equal(model.Coefficients[j], back[j], 1e-12);
        Assert.Equal(model.Intercept, intercepts[0], 1e-12);
        // Several outputs at once (row-major p×m), as a multiclass model's coefficients.
        var irisX = Iris.Features.ToDense();
        var irisScaler = new FeatureScaler().Fit(irisX);
        var multi = new LogisticRegression { Multinomial = true }.Fit(irisScaler.Transform(irisX), Iris.Labels);
        Assert.Equal(3, multi.OutputCount);
        var (wm, bm) = irisScaler.ToOriginal(multi.Coefficients, multi.Intercepts);
        var scaledScores = multi.DecisionFunction(irisScaler.Transform(irisX));
        for (int i = 0; i < 150; i++)
            for (int k = 0; k < 3; k++)
            {
                double score = bm[k];
                for (int j = 0; j < irisX.Columns; j++) score += irisX[i, j] * wm[j * 3 + k];
                Assert.Equal(scaledScores[i, k], score, 1e-10);
            }
    }

    [Fact]
    public void JaggedAndSinglePrecisionFeaturesFitAsDoubleArrays()
    {
        var a = Heart.Features.ToDense().ToArray();
        double[] y = Heart.Labels;
        int n = a.GetLength(0), p = a.GetLength(1);
        var jagged = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, p).Select(j => a[i, j]).ToArray()).ToArray();
        var single = new float[n, p];
        var rounded = new double[n, p];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++) { single[i, j] = (float)a[i, j]; rounded[i, j] = single[i, j]; }
        var reference = new Lasso { Lambda = 0.01 }.Fit(a, y).Coefficients;
        Assert.Equal(reference, new Lasso { Lambda = 0.01 }.Fit(jagged, y).Coefficients);
        Assert.Equal(new Lasso { Lambda = 0.01 }.Fit(rounded, y).Coefficients, new Lasso { Lambda = 0.01 }.Fit(single, y).Coefficients);
        jagged[5] = [1, 2];
        Assert.Contains("rows[5] has length 2", Assert.Throws<ArgumentException>(() => new Lasso().Fit(jagged, y)).Message);
    }

    [Fact]
    public void BoolLabelsAreTheClassesZeroAndOne()
    {
        var heart = Heart;
        bool[] positive = heart.Labels.Select(v => v > 0).ToArray();
        var byBool = new LogisticRegression().Fit(heart.Features, positive);
        var byNumber = new LogisticRegression().Fit(heart.Features, positive.Select(b => b ? 1 : 0).ToArray());
        Assert.Equal(byNumber.Coefficients, byBool.Coefficients);
        Assert.Equal(["0", "1"], byBool.Classes);
        Assert.Equal(byNumber.Score(heart.Features, positive.Select(b => b ? 1 : 0).ToArray()), byBool.Score(heart.Features, positive));
    }

    [Fact]
    public void ClassLabelsAreAReadableListOfNames()
    {
        var numeric = ClassLabels.Fit(new[] { 3, -1, 3, 7 }, out _);
        Assert.Equal(["-1", "3", "7"], numeric);
        Assert.Equal("7", numeric[2]);
        Assert.Equal("3 classes: -1, 3, 7", numeric.ToString());
        var text = ClassLabels.Fit(new[] { "spam", "ham" }, out _);
        Assert.Equal("2 classes: \"ham\", \"spam\"", text.ToString());
        var many = ClassLabels.Fit(Enumerable.Range(0, 25).ToArray(), out _);
        Assert.EndsWith("19, … (5 more)", many.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => numeric[3]);
    }

    [Fact]
    public void MathNetTargetsScoreAsArrays()
    {
        var heart = Heart;
        var x = Matrix<double>.Build.DenseOfArray(heart.Features.ToDense().ToArray());
        var y = Vector<double>.Build.DenseOfArray(heart.Labels);
        var ridge = new Ridge().Fit(x, y);
        Assert.Equal(ridge.Score(heart.Features, heart.Labels), ridge.Score(x, y), 1e-12);
        var logistic = new LogisticRegression().Fit(x, y);
        Assert.Equal(logistic.Score(heart.Features, heart.Labels), logistic.Score(x, y));
    }

    [Fact]
    public void CoefficientMatrixIsTheTableWithoutACopy()
    {
        var iris = Iris;
        var model = new LogisticRegression { Multinomial = true }.Fit(iris.Features, iris.Labels);
        double[] flat = model.Coefficients;
        var table = model.CoefficientMatrix;
        Assert.Equal((4, 3), (table.Features, table.Outputs));
        for (int j = 0; j < 4; j++)
        {
            Assert.Equal(flat.AsSpan(j * 3, 3).ToArray(), table.Feature(j).ToArray());
            for (int c = 0; c < 3; c++) Assert.Equal(flat[j * 3 + c], table[j, c]);
        }
        Assert.Equal(Enumerable.Range(0, 4).Select(j => flat[j * 3 + 1]), table.Output(1));
        Assert.Equal(flat[7], table.ToArray()[2, 1]);
        double sum = 0;
        long bytes = Allocations.Least(() => { var t = model.CoefficientMatrix; for (int j = 0; j < 4; j++) sum += t[j, 2] + t.Feature(j)[0]; });
        Assert.Equal(0, bytes);
        Assert.Throws<ArgumentOutOfRangeException>(() => table[4, 0]);
        Assert.Throws<InvalidOperationException>(() => new Lasso().CoefficientMatrix);
    }
}
