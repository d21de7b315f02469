using OptSuite.LinearAlgebra.Distributed;
using OptSuite.MpiHost;

namespace OptSuite.Tests.LinearAlgebra.Distributed;

/// <summary>
/// Every rank's lines of an MPI host run ("R{rank} check NAME ok|FAIL detail", "R{rank} bits NAME HEX",
/// "R{rank} done"), and the assertions that hold for any communicator: all checks present and passed on every rank,
/// every fingerprint the same on every rank.
/// </summary>
internal sealed class RankOutput
{
    private readonly Dictionary<int, List<string[]>> _byRank = [];

    public RankOutput(string stdout)
    {
        foreach (string line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.Length < 2 || line[0] != 'R') continue;
            string[] fields = line.Split(' ', 4);
            if (!int.TryParse(fields[0].AsSpan(1), out int rank)) continue;
            if (!_byRank.TryGetValue(rank, out var lines)) _byRank[rank] = lines = [];
            lines.Add(fields);
        }
    }

    /// <summary>The names every run must report: those of <see cref="CommunicatorChecks"/> and the host's own.</summary>
    public static IReadOnlyList<string> ExpectedChecks { get; } =
        [.. CommunicatorChecks.Run(SingleProcessCommunicator.Instance, 1).Checks.Select(c => c.Name), "null-reference"];

    public void AssertComplete(int k, string transcript)
    {
        Assert.True(Enumerable.Range(0, k).SequenceEqual(_byRank.Keys.Order()), $"expected lines of ranks 0…{k - 1}\n{transcript}");
        foreach (var (rank, lines) in _byRank)
        {
            Assert.True(lines.Count(f => f[1] == "done") == 1, $"rank {rank} did not finish\n{transcript}");
            var checks = lines.Where(f => f[1] == "check").ToList();
            Assert.Equal(ExpectedChecks.Order(), checks.Select(f => f[2]).Order());
            var failed = checks.Where(f => f[3] != "ok" && !f[3].StartsWith("ok ", StringComparison.Ordinal)).Select(f => string.Join(' ', f)).ToList();
            Assert.True(failed.Count == 0, $"rank {rank} failed:\n{string.Join('\n', failed)}\n{transcript}");
        }
    }

    /// <summary>Each fingerprint name → the set of distinct values over the ranks (one value when bit-identical).</summary>
    public Dictionary<string, HashSet<string>> Fingerprints() =>
        _byRank.Values.SelectMany(lines => lines.Where(f => f[1] == "bits"))
            .GroupBy(f => f[2], f => f[3])
            .ToDictionary(g => g.Key, g => g.ToHashSet());
}
