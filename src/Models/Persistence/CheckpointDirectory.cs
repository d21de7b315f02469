using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using OptSuite.Data.IO;
using OptSuite.LinearAlgebra.Distributed;
using OptSuite.Solvers;

namespace OptSuite.Models.Persistence;

/// <summary>
/// The checkpoints of one fit in a directory (<c>optsuite fit --checkpoint DIR</c>): each rank's state in its own file per
/// saved iteration (<c>rank-R-IIIIIIIII.ckpt</c>), and <c>checkpoint.json</c>, written by rank 0 after every rank has
/// written its file, naming the iteration to resume from. A job killed at any point leaves a complete checkpoint: the
/// files of the iteration the manifest names are deleted only after the manifest names a newer one.
/// </summary>
/// <remarks>
/// <para>Every file is written atomically (<see cref="AtomicFile"/>). A rank's file holds the solver's name, the
/// iteration, the state's numbers and vectors (little-endian doubles) and an XxHash3 of them; a damaged or truncated file
/// is an <see cref="InvalidDataException"/> naming it. The manifest records a fingerprint of the problem (model, λ, data,
/// n, p, options): a resume on another problem or another number of ranks is refused, not silently continued.</para>
/// <para>With several ranks the directory must be one every rank sees (a shared file system, or one machine); saving
/// is collective (two barriers), loading reads the manifest on every rank.</para>
/// </remarks>
public sealed class CheckpointDirectory
{
    /// <summary>The manifest's file name.</summary>
    public const string ManifestName = "checkpoint.json";

    private const string Format = "optsuite-checkpoint";
    private const int Version = 1;
    private static readonly byte[] Magic = "OPTCKPT\0"u8.ToArray();

    private readonly ICommunicator? _ranks;

    /// <param name="path">The directory (created when missing).</param>
    /// <param name="fingerprint">What identifies the problem: a resume must give the same text.</param>
    /// <param name="ranks">The ranks of a distributed fit, or null for one process.</param>
    public CheckpointDirectory(string path, string fingerprint, ICommunicator? ranks = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(fingerprint);
        Path = System.IO.Path.GetFullPath(path);
        Fingerprint = fingerprint;
        _ranks = ranks;
    }

    /// <summary>The directory.</summary>
    public string Path { get; }

    /// <summary>The problem's fingerprint.</summary>
    public string Fingerprint { get; }

    private int Rank => _ranks?.Rank ?? 0;

    private int Size => _ranks?.Size ?? 1;

    /// <summary>The manifest's iteration, or null when the directory holds no checkpoint.</summary>
    public int? SavedIteration => File.Exists(ManifestPath) ? ReadManifest().Iteration : null;

    private string ManifestPath => System.IO.Path.Combine(Path, ManifestName);

    private string RankFile(int iteration) => System.IO.Path.Combine(Path, $"rank-{Rank}-{iteration:D9}.ckpt");

    /// <summary>Saves this rank's checkpoint and, once every rank has, names it in the manifest (collective).</summary>
    /// <param name="checkpoint">The solver's state.</param>
    public void Save(SolverCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        Directory.CreateDirectory(Path);
        string mine = RankFile(checkpoint.Iteration);
        AtomicFile.Write(mine, s => Write(s, checkpoint));
        _ranks?.Barrier();
        if (Rank == 0)
        {
            var manifest = new Manifest(Format, Version, checkpoint.Iteration, checkpoint.Solver, Size, Fingerprint, DateTime.UtcNow.ToString("O"));
            AtomicFile.Write(ManifestPath, s => JsonSerializer.Serialize(s, manifest, ManifestJson.Default.Manifest));
        }
        _ranks?.Barrier();
        foreach (string old in Directory.EnumerateFiles(Path, $"rank-{Rank}-*.ckpt"))
            if (!string.Equals(old, mine, StringComparison.Ordinal)) File.Delete(old);
    }

    /// <summary>This rank's part of the checkpoint the manifest names (collective: every rank reads its own).</summary>
    /// <exception cref="FileNotFoundException">The directory holds no checkpoint.</exception>
    /// <exception cref="ArgumentException">The checkpoint is of another problem or number of ranks.</exception>
    /// <exception cref="InvalidDataException">A file is damaged.</exception>
    public SolverCheckpoint Load()
    {
        if (!File.Exists(ManifestPath))
            throw new FileNotFoundException($"{Path} holds no checkpoint ({ManifestName} is missing): there is nothing to resume.", ManifestPath);
        var manifest = ReadManifest();
        if (manifest.Ranks != Size)
            throw new ArgumentException($"The checkpoint in {Path} was saved by {manifest.Ranks} rank{(manifest.Ranks == 1 ? "" : "s")}; this run has {Size}: resume with the same number.", "checkpoint");
        if (!string.Equals(manifest.Fingerprint, Fingerprint, StringComparison.Ordinal))
            throw new ArgumentException($"The checkpoint in {Path} is of another problem ({manifest.Fingerprint}); this fit is {Fingerprint}.", "checkpoint");
        string file = RankFile(manifest.Iteration);
        if (!File.Exists(file)) throw new InvalidDataException($"{file}, rank {Rank}'s part of the checkpoint {ManifestPath} names, is missing.");
        using var stream = File.OpenRead(file);
        var checkpoint = Read(stream, file);
        if (checkpoint.Iteration != manifest.Iteration || checkpoint.Solver != manifest.Solver)
            throw new InvalidDataException($"{file} holds iteration {checkpoint.Iteration} of {checkpoint.Solver}; the manifest names iteration {manifest.Iteration} of {manifest.Solver}.");
        return checkpoint;
    }

    private Manifest ReadManifest()
    {
        Manifest? m;
        try
        {
            m = JsonSerializer.Deserialize(File.ReadAllText(ManifestPath), ManifestJson.Default.Manifest);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{ManifestPath} is not a checkpoint manifest: {e.Message}", e);
        }
        if (m is null || m.Format != Format) throw new InvalidDataException($"{ManifestPath} is not an OptSuite checkpoint manifest.");
        if (m.Version != Version) throw new InvalidDataException($"{ManifestPath} has checkpoint format version {m.Version}; this OptSuite reads version {Version}.");
        return m;
    }

    /// <summary>Writes a checkpoint: magic, version, payload, XxHash3 of the payload.</summary>
    internal static void Write(Stream stream, SolverCheckpoint c)
    {
        using var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(c.Solver);
            w.Write(c.Iteration);
            w.Write(c.Numbers.Count);
            foreach (var (name, value) in c.Numbers.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                w.Write(name);
                w.Write(value);
            }
            w.Write(c.Vectors.Count);
            foreach (var (name, values) in c.Vectors.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                w.Write(name);
                w.Write(values.Length);
                foreach (double v in values) w.Write(v);
            }
        }
        var bytes = payload.GetBuffer().AsSpan(0, (int)payload.Length);
        Span<byte> head = stackalloc byte[12];
        Magic.CopyTo(head);
        BinaryPrimitives.WriteInt32LittleEndian(head[8..], Version);
        stream.Write(head);
        stream.Write(bytes);
        Span<byte> hash = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(hash, XxHash3.HashToUInt64(bytes));
        stream.Write(hash);
    }

    /// <summary>Reads what <see cref="Write"/> wrote; <paramref name="name"/> names the source in errors.</summary>
    internal static SolverCheckpoint Read(Stream stream, string name)
    {
        using var all = new MemoryStream();
        stream.CopyTo(all);
        var data = all.GetBuffer().AsSpan(0, (int)all.Length);
        if (data.Length < 20 || !data[..8].SequenceEqual(Magic)) throw new InvalidDataException($"{name} is not an OptSuite checkpoint.");
        int version = BinaryPrimitives.ReadInt32LittleEndian(data[8..]);
        if (version != Version) throw new InvalidDataException($"{name} has checkpoint version {version}; this OptSuite reads version {Version}.");
        var payload = data[12..^8];
        if (XxHash3.HashToUInt64(payload) != BinaryPrimitives.ReadUInt64LittleEndian(data[^8..]))
            throw new InvalidDataException($"{name} is damaged (its checksum does not match its contents).");
        try
        {
            using var r = new BinaryReader(new MemoryStream(payload.ToArray()), Encoding.UTF8);
            string solver = r.ReadString();
            int iteration = r.ReadInt32();
            var numbers = new Dictionary<string, double>();
            for (int k = r.ReadInt32(); k > 0; k--) numbers[r.ReadString()] = r.ReadDouble();
            var vectors = new Dictionary<string, double[]>();
            for (int k = r.ReadInt32(); k > 0; k--)
            {
                string key = r.ReadString();
                var values = new double[r.ReadInt32()];
                for (int i = 0; i < values.Length; i++) values[i] = r.ReadDouble();
                vectors[key] = values;
            }
            return new SolverCheckpoint { Solver = solver, Iteration = iteration, Numbers = numbers, Vectors = vectors };
        }
        catch (Exception e) when (e is EndOfStreamException or OverflowException or IOException)
        {
            throw new InvalidDataException($"{name} is damaged: {e.Message}", e);
        }
    }

    internal sealed record Manifest(string Format, int Version, int Iteration, string Solver, int Ranks, string Fingerprint, string Saved);
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[System.Text.Json.Serialization.JsonSerializable(typeof(CheckpointDirectory.Manifest))]
internal sealed partial class ManifestJson : System.Text.Json.Serialization.JsonSerializerContext;
