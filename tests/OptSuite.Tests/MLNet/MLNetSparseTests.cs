using Microsoft.ML;
using OptSuite.MLNet;
using OptSuite.Models;
using Xunit.Abstractions;

namespace OptSuite.Tests.MLNet;

/// <summary>
/// Sparse input stays sparse: 2²² hashed word-bag slots for 250 comments would be 8 GiB as a dense matrix (and ML.NET
/// holds them as a few hundred entries per row); fitting and scoring must allocate a small multiple of the model's p
/// doubles, never n × p. Process-wide: the allocation count is every thread's.
/// </summary>
[Collection("Process-wide")]
public class MLNetSparseTests(ITestOutputHelper output)
{
    [Fact]
    public void WideHashedTextFitsAndScoresWithoutDensifying()
    {
        const int bits = 22;
        var ml = new MLContext(seed: 0);
        var data = ml.Data.Cache(ml.Transforms.Text.ProduceHashedWordBags("Features", "Text", numberOfBits: bits)
            .Fit(MLNetData.Detox(ml)).Transform(MLNetData.Detox(ml)));
        _ = data.Preview(1);   // fill the cache before counting
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var transformer = ml.BinaryClassification.Trainers.OptSuite(new LogisticRegression()).Fit(data);
        var metrics = ml.BinaryClassification.Evaluate(transformer.Transform(data));
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        output.WriteLine($"p = {1 << bits}: fit and evaluation allocated {allocated >> 20} MiB; {transformer.Model.Report}");
        Assert.Equal(1 << bits, transformer.Model.FeatureCount);
        Assert.InRange(metrics.Accuracy, 0.9, 1);   // training accuracy of a wide model
        long dense = 250L * (1 << bits) * sizeof(double);
        // The model's p-sized arrays (coefficients, the scorer's copy, the solver's vectors) are 32 MiB each; n × p is 8 GiB.
        Assert.True(allocated < dense / 16, $"allocated {allocated >> 20} MiB; a dense X would be {dense >> 20} MiB");
    }
}
