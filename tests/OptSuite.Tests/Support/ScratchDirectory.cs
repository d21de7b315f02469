namespace OptSuite.Tests.Support;

/// <summary>A fresh directory under the temporary folder, deleted with everything in it on dispose.</summary>
public sealed class ScratchDirectory : IDisposable
{
    /// <summary>Creates the directory; <paramref name="prefix"/> names what made it.</summary>
    public ScratchDirectory(string prefix = "optsuite-test")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    /// <summary>The directory.</summary>
    public string Path { get; }

    /// <summary>A path inside it.</summary>
    public string this[string name] => System.IO.Path.Combine(Path, name);

    /// <inheritdoc />
    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
