using System.Text;
using OptSuite.Data;
using OptSuite.Models;
using OptSuite.Models.Persistence;

namespace OptSuite.Tests.Models;

/// <summary>
/// Saving loses nothing (a writer failing part-way leaves the old file intact and no temporary file behind), loading
/// rejects every malformed file with an <see cref="InvalidDataException"/> naming the problem, older or newer schema
/// versions are named in the message, and the stream overloads round-trip exactly. The malformed inputs below include the
/// ones the fuzzer (fuzz/OptSuite.Fuzz, target "model") found crashing the loader with other exception types.
/// </summary>
public class ModelFileRobustnessTests
{
    private static SvmlightDataset Heart => SvmlightReader.Read(DatasetLocator.Find("binary/heart_scale"));

    private static string TempDirectory()
    {
        string dir = Path.Combine(Path.GetTempPath(), "optsuite-save-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(600)]
    public void AWriterFailingPartWayLeavesTheOldFileIntact(int failAfter)
    {
        string dir = TempDirectory();
        try
        {
            string path = Path.Combine(dir, "model.json");
            var old = new Ridge().Fit(Heart.Features, Heart.Labels);
            old.Save(path);
            byte[] before = File.ReadAllBytes(path);
            Assert.True(before.Length > failAfter + 100, "the failure must come part-way");
            var next = new Lasso { Lambda = 0.01 }.Fit(Heart.Features, Heart.Labels);
            var e = Assert.Throws<IOException>(() => ModelFile.Save(next, path, s => new FailingStream(s, failAfter)));
            Assert.Contains("No space left", e.Message);
            Assert.Equal(before, File.ReadAllBytes(path));
            Assert.Equal(["model.json"], Directory.GetFiles(dir).Select(Path.GetFileName));
            Assert.Equal(old.Coefficients, LinearEstimator.Load<Ridge>(path).Coefficients);
            // And a save that succeeds replaces it.
            next.Save(path);
            Assert.Equal(next.Coefficients, LinearEstimator.Load<Lasso>(path).Coefficients);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void SchemaVersionsOtherThanTheCurrentOneAreNamed()
    {
        var m = new Ridge().Fit(Heart.Features, Heart.Labels);
        var s = new MemoryStream();
        m.Save(s);
        string text = Encoding.UTF8.GetString(s.ToArray());
        Assert.Contains($"\"schema_version\":{ModelFile.SchemaVersion}", text);
        foreach (int v in new[] { 0, ModelFile.SchemaVersion + 1 })
        {
            byte[] other = Encoding.UTF8.GetBytes(text.Replace($"\"schema_version\":{ModelFile.SchemaVersion}", $"\"schema_version\":{v}"));
            var e = Assert.Throws<InvalidDataException>(() => LinearEstimator.Load(new MemoryStream(other), "old.json"));
            Assert.Contains($"schema_version {v}", e.Message);
            Assert.Contains(v < ModelFile.SchemaVersion ? "older" : "newer", e.Message);
            Assert.StartsWith("old.json", e.Message);
        }
    }

    [Fact]
    public void StreamOverloadsRoundTripExactly()
    {
        var m = new LogisticRegression { Penalty = Penalty.ElasticNet, Lambda = 0.01 }.Fit(Heart.Features, Heart.Labels);
        var s = new MemoryStream();
        m.Save(s);
        s.Position = 0;
        var back = (LogisticRegression)LinearEstimator.Load(s);
        Assert.Equal(m.Coefficients, back.Coefficients);
        Assert.Equal(m.Intercepts, back.Intercepts);
        Assert.Equal(Penalty.ElasticNet, back.Penalty);
        Assert.Equal(m.Predict(Heart.Features), back.Predict(Heart.Features));
    }

    public static TheoryData<string, string> Malformed => new()
    {
        // Found by the fuzzer: an unknown solver name was an ArgumentException, not the loader's exception.
        { "\"solver\":\"auto\"", "\"solver\":\"autE\"" },
        // Found by the fuzzer: strings that are not valid UTF-8 threw InvalidOperationException from GetString.
        { "\"model\":\"ridge\"", "\"model\":\"ri\\udc00dge\"" },
        { "\"format\":\"optsuite.linear-model\"", "\"format\":1" },
        { "\"outputs\":1", "\"outputs\":1e400" },
        { "\"coefficients\":[", "\"coefficients\":[\"x\", " },
        { "\"stop_reason\":\"Converged\"", "\"stop_reason\":\"Bored\"" },
        { "\"iterations\":", "\"iterations\":1e99, \"x\":" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedFilesAreInvalidDataExceptions(string from, string to)
    {
        var m = new Ridge().Fit(Heart.Features, Heart.Labels);
        var s = new MemoryStream();
        m.Save(s);
        string text = Encoding.UTF8.GetString(s.ToArray());
        Assert.Contains(from, text);
        byte[] bad = Encoding.UTF8.GetBytes(text.Replace(from, to));
        var e = Assert.Throws<InvalidDataException>(() => LinearEstimator.Load(new MemoryStream(bad), "bad.json"));
        Assert.StartsWith("bad.json", e.Message);
    }

    [Fact]
    public void ARegressorWithSeveralOutputsIsRejected()
    {
        // Found by the long fuzzing campaign: a group-lasso file edited to 4 features × 3 outputs loaded, and Predict then
        // returned three values per row.
        var m = new Ridge().Fit(Heart.Features, Heart.Labels);
        var s = new MemoryStream();
        m.Save(s);
        var json = System.Text.Json.Nodes.JsonNode.Parse(s.ToArray())!;
        json["features"] = 1;
        json["outputs"] = 13;
        json["intercepts"] = new System.Text.Json.Nodes.JsonArray(Enumerable.Repeat(0.0, 13).Select(v => (System.Text.Json.Nodes.JsonNode?)v).ToArray());
        byte[] bad = Encoding.UTF8.GetBytes(json.ToJsonString());
        var e = Assert.Throws<InvalidDataException>(() => LinearEstimator.Load(new MemoryStream(bad), "bad.json"));
        Assert.Contains("one output", e.Message);
    }

    [Fact]
    public void InvalidUtf8BytesInAStringAreInvalidDataExceptions()
    {
        var m = new Ridge().Fit(Heart.Features, Heart.Labels);
        var s = new MemoryStream();
        m.Save(s);
        byte[] bytes = s.ToArray();
        int at = Encoding.UTF8.GetString(bytes).IndexOf("\"auto\"", StringComparison.Ordinal) + 2;
        bytes[at] = 0xC3;   // a lead byte followed by ASCII: not UTF-8
        Assert.Throws<InvalidDataException>(() => LinearEstimator.Load(new MemoryStream(bytes), "bad.json"));
    }

    /// <summary>Accepts <c>limit</c> bytes, then fails as a full disk does.</summary>
    private sealed class FailingStream(Stream inner, int limit) : Stream
    {
        private int _written;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            int room = Math.Max(0, limit - _written);
            inner.Write(buffer[..Math.Min(room, buffer.Length)]);
            _written += Math.Min(room, buffer.Length);
            if (buffer.Length > room) throw new IOException("No space left on device (simulated).");
        }
    }
}
