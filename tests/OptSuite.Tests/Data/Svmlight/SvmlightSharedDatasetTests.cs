using System.Globalization;
using OptSuite.Data;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Data.Svmlight;

/// <summary>
/// Every svmlight file of the shared collection loads with exactly the rows, largest index, non-zeros and labels that
/// /work/shared/datasets/SOURCES.md records (the two Fashion-MNIST files are in <see cref="SvmlightFashionMnistTests"/>).
/// </summary>
public class SvmlightSharedDatasetTests
{
    /// <summary>File, rows, largest feature index, nnz and the label column of SOURCES.md.</summary>
    public static TheoryData<string, int, int, int, string> Files() => new()
    {
        { "binary/a9a.xz", 32561, 123, 451592, "-1: 24720, +1: 7841" },
        { "binary/a9a.t.xz", 16281, 122, 225731, "-1: 12435, +1: 3846" },
        { "binary/a8a.xz", 22696, 123, 314815, "-1: 17190, +1: 5506" },
        { "binary/w8a.xz", 49749, 300, 579586, "-1: 48270, +1: 1479" },
        { "binary/australian_scale", 690, 14, 8447, "-1: 383, +1: 307" },
        { "binary/heart_scale", 270, 13, 3378, "-1: 150, +1: 120" },
        { "binary/agaricus.txt.train", 6513, 126, 143286, "0: 3373, 1: 3140" },
        { "binary/agaricus.txt.test", 1611, 126, 35442, "0: 835, 1: 776" },
        { "binary/arcene_train.svm.xz", 100, 10000, 540941, "-1: 56, +1: 44" },
        { "binary/dorothea_train.svm.xz", 800, 88119, 727760, "-1: 722, +1: 78" },
        { "binary/leukemia_train.svm.xz", 38, 7129, 270164, "-1: 27, +1: 11" },
        { "binary/leukemia_test.svm.xz", 34, 7129, 241509, "-1: 20, +1: 14" },
        { "binary/prostate_singh_train.svm.xz", 102, 12600, 1186949, "-1: 52, +1: 50" },
        { "binary/prostate_singh_test.svm.xz", 34, 12600, 426369, "-1: 25, +1: 9" },
        { "binary/spambase.svm", 4601, 57, 59231, "-1: 2788, +1: 1813" },
        { "binary/caravan.svm.xz", 5822, 85, 219799, "-1: 5474, +1: 348" },
        { "binary/sonar.svm", 208, 60, 12471, "-1: 97, +1: 111" },
        { "binary/ionosphere.svm", 351, 34, 10513, "-1: 126, +1: 225" },
        { "binary/pima_diabetes.svm", 768, 8, 5381, "-1: 500, +1: 268" },
        { "binary/musk1.svm", 476, 166, 78732, "-1: 269, +1: 207" },
        { "binary/breast_cancer_wdbc.svm", 569, 30, 16992, "-1: 212, +1: 357" },
        { "multiclass/news20.svm.xz", 15935, 62061, 1272569, "20 distinct values, range [1, 20]" },
        { "multiclass/dna.scale", 2000, 180, 91233, "1: 464, 2: 485, 3: 1051" },
        { "multiclass/dna.scale.t", 1186, 180, 53669, "1: 303, 2: 280, 3: 603" },
        { "multiclass/zip_usps_train.svm.xz", 7291, 256, 1866151, "0: 1194, 1: 1005, 2: 731, 3: 658, 4: 652, 5: 556, 6: 664, 7: 645, 8: 542, 9: 644" },
        { "multiclass/zip_usps_test.svm.xz", 2007, 256, 513650, "0: 359, 1: 264, 2: 198, 3: 166, 4: 200, 5: 160, 6: 170, 7: 147, 8: 166, 9: 177" },
        { "multiclass/letter.svm.xz", 20000, 16, 311613, "26 distinct values, range [1, 26]" },
        { "multiclass/satimage_all.svm.xz", 6435, 36, 231660, "1: 1533, 2: 703, 3: 1358, 4: 626, 5: 707, 6: 1508" },
        { "multiclass/shuttle.svm.xz", 58000, 9, 408807, "1: 45586, 2: 50, 3: 171, 4: 8903, 5: 3267, 6: 10, 7: 13" },
        { "multiclass/vowel_train.svm", 528, 10, 5277, "1: 48, 2: 48, 3: 48, 4: 48, 5: 48, 6: 48, 7: 48, 8: 48, 9: 48, 10: 48, 11: 48" },
        { "multiclass/vowel_test.svm", 462, 10, 4617, "1: 42, 2: 42, 3: 42, 4: 42, 5: 42, 6: 42, 7: 42, 8: 42, 9: 42, 10: 42, 11: 42" },
        { "multiclass/phoneme.svm.xz", 4509, 256, 1154304, "1: 695, 2: 1022, 3: 757, 4: 1163, 5: 872" },
        { "multiclass/khan_train.svm.xz", 63, 2308, 145402, "1: 8, 2: 23, 3: 12, 4: 20" },
        { "multiclass/khan_test.svm", 20, 2308, 46159, "1: 3, 2: 6, 3: 6, 4: 5" },
        { "multiclass/nci60.svm.xz", 64, 6830, 419015, "14 distinct values, range [1, 14]" },
        { "multiclass/glass.svm", 214, 9, 1534, "1: 70, 2: 76, 3: 17, 5: 13, 6: 9, 7: 29" },
        { "multiclass/vehicle.svm", 846, 18, 15121, "1: 218, 2: 212, 3: 217, 4: 199" },
        { "multiclass/iris.svm", 150, 4, 600, "0: 50, 1: 50, 2: 50" },
        { "multiclass/wine.svm", 178, 13, 2314, "0: 59, 1: 71, 2: 48" },
        { "multiclass/digits8x8.svm", 1797, 64, 58736, "0: 178, 1: 182, 2: 177, 3: 183, 4: 181, 5: 182, 6: 181, 7: 179, 8: 174, 9: 180" },
        { "regression/riboflavin.svm.xz", 71, 4088, 290248, "58 distinct values, range [-9.96578428466209, -5.67300253543424]" },
        { "regression/diabetes_lars_x2.svm", 442, 64, 28288, "214 distinct values, range [25, 346]" },
        { "regression/diabetes_raw.svm", 442, 10, 4420, "214 distinct values, range [25, 346]" },
        { "regression/prostate_train.svm", 67, 8, 459, "62 distinct values, range [-0.4307829, 5.477509]" },
        { "regression/prostate_test.svm", 30, 8, 206, "27 distinct values, range [0.765468, 5.58293]" },
        { "regression/cpusmall.svm", 8192, 12, 94903, "56 distinct values, range [0, 99]" },
        { "regression/abalone_scale", 4177, 8, 32080, "28 distinct values, range [1, 29]" },
        { "regression/cal_housing.svm.xz", 20640, 8, 165120, "3842 distinct values, range [14999, 500001]" },
        { "regression/boston_housing.svm", 506, 13, 5735, "229 distinct values, range [5, 50]" },
        { "regression/auto_mpg.svm", 392, 7, 2744, "127 distinct values, range [9, 46.6]" },
        { "regression/concrete.svm", 1030, 8, 6824, "845 distinct values, range [2.33, 82.6]" },
        { "regression/solubility_train.svm", 951, 228, 52255, "512 distinct values, range [-11.62, 1.58]" },
        { "regression/solubility_test.svm", 316, 228, 16583, "255 distinct values, range [-10.41, 1.07]" },
        { "regression/gasoline_nir.svm", 60, 401, 24059, "42 distinct values, range [83.4, 89.6]" },
        { "regression/longley.svm", 16, 6, 96, "16 distinct values, range [60.171, 70.551]" },
        { "regression/we8there_overall.svm", 6166, 2640, 66459, "5 distinct values, range [1, 5]" },
        { "glmnet_synthetic/QuickStartExample.svm", 100, 20, 2000, "100 distinct values, range [-6.8574850361641, 6.26592288459783]" },
        { "glmnet_synthetic/BinomialExample.svm", 100, 30, 3000, "0: 44, 1: 56" },
        { "glmnet_synthetic/MultinomialExample.svm", 500, 30, 15000, "1: 142, 2: 174, 3: 184" },
        { "glmnet_synthetic/PoissonExample.svm", 500, 20, 10000, "47 distinct values, range [0, 395]" },
        { "glmnet_synthetic/SparseExample.svm", 100, 20, 322, "100 distinct values, range [-2.77110929915158, 3.10500177437073]" },
    };

    [SharedDatasetTheory]
    [MemberData(nameof(Files))]
    public void LoadsWithThePublishedShapeAndLabels(string file, int rows, int columns, int nnz, string labels)
    {
        var d = SvmlightReader.Read(DatasetLocator.Find(file));
        Assert.Equal((rows, columns, nnz), (d.Rows, d.Columns, d.NonZeroCount));
        Assert.False(d.ZeroBasedIndices);
        CheckLabels(d.Labels, labels);
        Assert.True(d.Features.Values.ToArray().All(double.IsFinite));
    }

    /// <summary>Checks "k: n, k: n, ..." counts or "N distinct values, range [a, b]".</summary>
    internal static void CheckLabels(double[] y, string spec)
    {
        var m = System.Text.RegularExpressions.Regex.Match(spec, @"^(\d+) distinct values, range \[([^,]+), ([^\]]+)\]$");
        if (m.Success)
        {
            Assert.Equal(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), y.Distinct().Count());
            // SOURCES.md prints the range to 7 significant digits (prostate: 0.765468 for 0.7654678).
            double lo = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), hi = double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
            Assert.Equal(lo, y.Min(), 1e-6 * Math.Max(1, Math.Abs(lo)));
            Assert.Equal(hi, y.Max(), 1e-6 * Math.Max(1, Math.Abs(hi)));
            return;
        }
        var expected = spec.Split(", ").Select(p => p.Split(": "))
            .ToDictionary(p => double.Parse(p[0], CultureInfo.InvariantCulture), p => int.Parse(p[1], CultureInfo.InvariantCulture));
        var actual = y.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(expected.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
    }

    [SharedDatasetFact]
    public void TestSplitTakesTheTrainingFeatureCount()
    {
        var t = SvmlightReader.Read(DatasetLocator.Find("binary/a9a.t.xz"), new SvmlightReaderOptions { FeatureCount = 123 });
        Assert.Equal((16281, 123, 225731), (t.Rows, t.Columns, t.NonZeroCount));
        var e = Assert.Throws<DataFormatException>(() =>
            SvmlightReader.Read(DatasetLocator.Find("binary/a9a.xz"), new SvmlightReaderOptions { FeatureCount = 100 }));
        Assert.Contains("feature count is 100", e.Problem);
        Assert.True(e.Line >= 1 && e.Column > 1);
    }

    [SharedDatasetFact]
    public void UnitNormNews20ValuesAreExactlyTheCountsOverTheirNorm()
    {
        // make_derived.py divides each row of integer counts by sqrt(sum of squares): one correctly rounded sqrt and
        // division per value, so every 17-digit value in the file must parse to exactly that double.
        var counts = SvmlightReader.Read(DatasetLocator.Find("multiclass/news20.svm.xz"));
        var unit = SvmlightReader.Read(DatasetLocator.Find("derived/news20_l2.svm.xz"), new SvmlightReaderOptions { FeatureCount = 62061 });
        Assert.Equal(counts.Labels, unit.Labels);
        Assert.True(counts.Features.RowPointers.SequenceEqual(unit.Features.RowPointers));
        Assert.True(counts.Features.ColumnIndices.SequenceEqual(unit.Features.ColumnIndices));
        var rp = counts.Features.RowPointers;
        var c = counts.Features.Values;
        var u = unit.Features.Values;
        for (int i = 0; i < counts.Rows; i++)
        {
            double s = 0;
            for (int k = rp[i]; k < rp[i + 1]; k++) s += c[k] * c[k];
            double norm = Math.Sqrt(s);
            for (int k = rp[i]; k < rp[i + 1]; k++) Assert.Equal(c[k] / norm, u[k]);
        }
        var binary = SvmlightReader.Read(DatasetLocator.Find("derived/news20_binary_l2.svm.xz"));
        Assert.Equal(7951, binary.Labels.Count(v => v == 1));
        Assert.Equal(7984, binary.Labels.Count(v => v == -1));
        Assert.True(binary.Features.Values.SequenceEqual(unit.Features.Values));
    }
}
