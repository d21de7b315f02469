using OptSuite.LinearAlgebra;
using OptSuite.LinearAlgebra.Mkl;
using OptSuite.Models;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.LinearAlgebra;

/// <summary>
/// Thread counts above the logical processors are clamped, not obeyed: MKL with 10⁵ threads overflowed a stack and
/// killed the process (exit 134) and 10⁴ threads made a heart fit take 35 s instead of 0.25 s (issue 14, item 6).
/// Process-wide: one test sets <see cref="LinearAlgebraSettings.MaxThreads"/>.
/// </summary>
[Collection("Process-wide")]
public class ThreadCountTests
{
    private static int Processors => LinearAlgebraSettings.AvailableProcessors;

    [Fact]
    public void ScopesAboveTheLogicalProcessorsAreClamped()
    {
        using (LinearAlgebraSettings.UseThreads(100_000)) Assert.Equal(Processors, LinearAlgebraSettings.Threads);
        using (LinearAlgebraSettings.UseThreads(int.MaxValue)) Assert.Equal(Processors, LinearAlgebraSettings.Threads);
        using (LinearAlgebraSettings.UseThreads(1)) Assert.Equal(1, LinearAlgebraSettings.Threads);
    }

    [Fact]
    public void TheProcessDefaultIsClampedAndNonPositiveValuesAreRejected()
    {
        int before = LinearAlgebraSettings.MaxThreads;
        try
        {
            LinearAlgebraSettings.MaxThreads = 100_000;
            Assert.Equal(Processors, LinearAlgebraSettings.MaxThreads);
            Assert.Equal(Processors, LinearAlgebraSettings.Threads);
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => LinearAlgebraSettings.MaxThreads = 0);
            Assert.Equal("MaxThreads", e.ParamName);
            Assert.Equal(Processors, LinearAlgebraSettings.MaxThreads);
        }
        finally
        {
            LinearAlgebraSettings.MaxThreads = before;
        }
    }

    [MklFact]
    public void AModelAskingForTenThousandThreadsFitsAsWithTheProcessorCount()
    {
        // Before the clamp this fit started 10⁴ OpenMP threads in MKL (35 s for heart); 10⁵ killed the test host.
        var d = Load();
        var x = d.Features.WithBackend(LinearAlgebraBackends.Mkl);
        var many = new LogisticRegression { Threads = 10_000, Tolerance = 1e-10 }.Fit(x, d.Labels);
        var cores = new LogisticRegression { Threads = Processors, Tolerance = 1e-10 }.Fit(x, d.Labels);
        Assert.Equal(cores.Coefficients, many.Coefficients);
        var mkl = (MklBackend)LinearAlgebraBackends.Mkl;
        using (LinearAlgebraSettings.UseThreads(10_000)) Assert.True(mkl.Threads <= Processors, $"MKL runs {mkl.Threads} threads");
    }

    [Fact]
    public void ModelsRejectNonPositiveThreadCountsNamingTheProperty()
    {
        var d = Load();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegression { Threads = 0 }.Fit(d.Features, d.Labels));
        Assert.Equal("Threads", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new LassoPath { Threads = -1 }.Fit(d.Features, d.Labels));
        Assert.Equal("Threads", e.ParamName);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData(" 3 ", 3)]
    [InlineData("007", 7)]
    [InlineData("100000", 100_000)]
    [InlineData("99999999999999999999", int.MaxValue)]
    public void ThreadCountsReadAsPositiveWholeNumbers(string text, int expected)
    {
        Assert.True(LinearAlgebraSettings.TryParseThreads(text, out int threads));
        Assert.Equal(expected, threads);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("+2")]
    [InlineData("abc")]
    [InlineData("2.5")]
    [InlineData("1,000")]
    [InlineData("1e3")]
    [InlineData("\u0663")]   // ARABIC-INDIC DIGIT THREE: a digit to char.IsDigit, not to a thread count
    public void AnythingElseIsRejected(string? text)
    {
        Assert.False(LinearAlgebraSettings.TryParseThreads(text, out int threads));
        Assert.Equal(0, threads);
    }

    private static OptSuite.Data.SvmlightDataset Load() =>
        OptSuite.Data.SvmlightReader.Read(OptSuite.Data.DatasetLocator.Find("binary/heart_scale"));
}
