using OptSuite.Tests.Support;
using OptSuite.Fuzz;
using Xunit.Abstractions;

namespace OptSuite.Tests.Fuzz;

/// <summary>
/// The CI-sized run of the parser fuzzer (fuzz/OptSuite.Fuzz): a few thousand mutated inputs per reader, each of which
/// must parse (with its invariants holding) or be rejected with the reader's documented exception, within the time and
/// allocation budgets. The long campaign (10⁶ inputs per reader) runs outside CI:
/// <c>nice -n 19 dotnet fuzz/OptSuite.Fuzz/bin/Release/net10.0/OptSuite.Fuzz.dll --target all --inputs 1000000</c>.
/// </summary>
[Collection("Process-wide")]
public class ParserFuzzSmokeTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("svmlight", 1500)]
    [InlineData("matrix-market", 3000)]
    [InlineData("csv", 3000)]
    [InlineData("model", 3000)]
    public void MutatedInputsParseOrAreRejectedWithTheDocumentedException(string name, int inputs)
    {
        var target = FuzzTargets.ByName(name);
        // A fixed seed keeps CI reproducible; slow inputs are judged generously since CI machines are shared.
        var stats = new FuzzCampaign(target, seed: 20261123) { SlowInput = TimeSpan.FromSeconds(5) }.Run(inputs);
        output.WriteLine(stats.ToString());
        foreach (var f in stats.Findings) output.WriteLine($"{f.Kind} x{f.Count} {f.Signature}: {f.Message}");
        Assert.Empty(stats.Findings);
        Assert.Equal(inputs, stats.Inputs);
        Assert.True(stats.Accepted > inputs / 20 && stats.Rejected > inputs / 20,
            $"the mutations should keep a mix of valid and invalid inputs: {stats}");
    }
}
