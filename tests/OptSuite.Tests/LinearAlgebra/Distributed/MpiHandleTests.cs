using System.Globalization;
using System.Text.RegularExpressions;
using OptSuite.LinearAlgebra.Distributed;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.LinearAlgebra.Distributed;

/// <summary>
/// The MPICH handle values of <see cref="MpiNative"/> against the mpi.h they were copied from, where libmpich-dev is
/// installed. The runs of <see cref="MpiCommunicatorTests"/> prove them on real ranks; this names the wrong one.
/// </summary>
public partial class MpiHandleTests
{
    private const string Header = "/usr/include/x86_64-linux-gnu/mpich/mpi.h";

    public sealed class HeaderFactAttribute : FactAttribute
    {
        public HeaderFactAttribute()
        {
            if (!File.Exists(Header)) Skip = $"{Header} not installed (apt-get install -y --no-install-recommends libmpich-dev)";
        }
    }

    [HeaderFact]
    public void HandlesEqualMpiH()
    {
        string text = File.ReadAllText(Header);
        (string Name, int Ours)[] handles =
        [
            ("MPI_COMM_WORLD", MpiNative.CommWorld),
            ("MPI_COMM_NULL", MpiNative.CommNull),
            ("MPI_DOUBLE", MpiNative.Double),
            ("MPI_INT64_T", MpiNative.Int64),
            ("MPI_BYTE", MpiNative.Byte),
            ("MPI_SUM", MpiNative.OpSum),
            ("MPI_MAX", MpiNative.OpMax),
            ("MPI_ERRORS_RETURN", MpiNative.ErrorsReturn),
            ("MPI_THREAD_FUNNELED", MpiNative.ThreadFunneled),
            ("MPI_THREAD_SERIALIZED", MpiNative.ThreadSerialized),
            ("MPI_SUCCESS", MpiNative.Success),
            ("MPI_MAX_ERROR_STRING", MpiNative.MaxErrorString),
            ("MPI_MAX_LIBRARY_VERSION_STRING", MpiNative.MaxLibraryVersionString),
        ];
        foreach (var (name, ours) in handles)
        {
            int header = Define(text, name);
            Assert.True(header == ours, $"{name}: mpi.h has 0x{header:x8}, MpiNative has 0x{ours:x8}");
        }
        Assert.Matches(@"#define MPI_IN_PLACE\s+\(void \*\) -1", text);
    }

    /// <summary>The integer of <c>#define NAME ((TYPE)0x…)</c>, <c>(TYPE)(0x…)</c> or a plain decimal.</summary>
    private static int Define(string header, string name)
    {
        Match m = DefineLine().Match(header.Replace("\r", ""), 0);
        while (m.Success && m.Groups["name"].Value != name) m = m.NextMatch();
        Assert.True(m.Success, $"#define {name} not found in {Header}");
        string value = m.Groups["value"].Value;
        return value.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? int.Parse(value.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : int.Parse(value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^#define\s+(?<name>MPI_\w+)\s+(?:\(\(?\w+\)\s*\(?)?(?<value>0x[0-9a-fA-F]+|-?\d+)\)?\)?", RegexOptions.Multiline)]
    private static partial Regex DefineLine();
}
