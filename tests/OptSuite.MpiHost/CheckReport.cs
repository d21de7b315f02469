using System.Globalization;
using System.Runtime.InteropServices;

namespace OptSuite.MpiHost;

/// <summary>
/// What one rank found: checks (name, passed, detail) and fingerprints (the exact bits of a result, which must agree on
/// every rank). The MPI host prints it as lines "R{rank} check NAME ok|FAIL detail" and "R{rank} bits NAME HEX".
/// </summary>
public sealed class CheckReport
{
    public List<(string Name, bool Passed, string Detail)> Checks { get; } = [];

    public List<(string Name, string Bits)> Fingerprints { get; } = [];

    public bool Passed => Checks.TrueForAll(c => c.Passed);

    public void Check(string name, bool passed, string detail = "") => Checks.Add((name, passed, detail));

    public void Fingerprint(string name, ReadOnlySpan<double> values) => Fingerprints.Add((name, Hash(MemoryMarshal.AsBytes(values))));

    public void Fingerprint(string name, ReadOnlySpan<long> values) => Fingerprints.Add((name, Hash(MemoryMarshal.AsBytes(values))));

    public IEnumerable<string> Lines(int rank)
    {
        foreach (var (name, passed, detail) in Checks) yield return $"R{rank} check {name} {(passed ? "ok" : "FAIL")} {detail}".TrimEnd();
        foreach (var (name, bits) in Fingerprints) yield return $"R{rank} bits {name} {bits}";
    }

    /// <summary>FNV-1a over the bytes, and the length: equal strings mean equal bits (up to a 2⁻⁶⁴ accident).</summary>
    private static string Hash(ReadOnlySpan<byte> bytes)
    {
        ulong h = 14695981039346656037UL;
        foreach (byte b in bytes) h = (h ^ b) * 1099511628211UL;
        return string.Create(CultureInfo.InvariantCulture, $"{h:x16}/{bytes.Length}");
    }
}
