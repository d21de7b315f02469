using OptSuite.Data;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Data.Svmlight;

/// <summary>The two Fashion-MNIST files (170 MB and 28 MB of text behind xz): a few seconds, so in their own class.</summary>
public class SvmlightFashionMnistTests
{
    [SharedDatasetTheory]
    [InlineData("multiclass/fashion_mnist_train.svm.xz", 60000, 23423502, 6000)]
    [InlineData("multiclass/fashion_mnist_test.svm.xz", 10000, 3920817, 1000)]
    public void LoadsWithThePublishedShapeAndLabels(string file, int rows, int nnz, int perClass)
    {
        var d = SvmlightReader.Read(DatasetLocator.Find(file));
        Assert.Equal((rows, 784, nnz), (d.Rows, d.Columns, d.NonZeroCount));
        SvmlightSharedDatasetTests.CheckLabels(d.Labels, string.Join(", ", Enumerable.Range(0, 10).Select(k => $"{k}: {perClass}")));
        var v = d.Features.Values;
        for (int k = 0; k < v.Length; k++)
            Assert.True(v[k] >= 1 && v[k] <= 255 && v[k] == Math.Floor(v[k]), "pixels are integers 1..255 (zeros omitted)");
    }
}
