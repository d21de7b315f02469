namespace OptSuite.Data;

/// <summary>
/// Finds dataset files by a relative name such as <c>binary/heart_scale</c> or <c>multiclass/news20.svm.xz</c>.
/// </summary>
/// <remarks>
/// Search order: an absolute or working-directory-relative path that exists; then each root in
/// <c>OPTSUITE_DATA</c> (path-separator list); then the repository's shipped <c>datasets/</c> folder; then the shared
/// collection <c>../shared/datasets</c> beside the repository. Roots are found by walking up from the working
/// directory and from the application's base directory, so tests, the CLI and benchmarks all find the same files.
/// </remarks>
public static class DatasetLocator
{
    /// <summary>The environment variable naming extra dataset roots.</summary>
    public const string EnvironmentVariable = "OPTSUITE_DATA";

    /// <summary>The roots searched, in order (only existing folders).</summary>
    public static IReadOnlyList<string> SearchRoots()
    {
        var roots = new List<string>();
        string? env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env))
            foreach (var r in env.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (Directory.Exists(r)) roots.Add(Path.GetFullPath(r));
        if (RepositoryRoot() is { } repo)
        {
            AddIfExists(roots, Path.Combine(repo, "datasets"));
            AddIfExists(roots, Path.Combine(repo, "..", "shared", "datasets"));
        }
        return roots;
    }

    /// <summary>The shared dataset collection (../shared/datasets beside the repository), or null when absent.</summary>
    public static string? SharedRoot()
    {
        var repo = RepositoryRoot();
        if (repo is null) return null;
        var p = Path.GetFullPath(Path.Combine(repo, "..", "shared", "datasets"));
        return Directory.Exists(p) ? p : null;
    }

    /// <summary>The repository root (the folder holding OptSuite.sln), or null when not running from a checkout.</summary>
    public static string? RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "OptSuite.sln"))) return dir.FullName;
        }
        return null;
    }

    /// <summary>The full path of <paramref name="name"/>, or a <see cref="FileNotFoundException"/> listing where it looked.</summary>
    public static string Find(string name)
    {
        if (TryFind(name, out var path)) return path;
        var roots = SearchRoots();
        throw new FileNotFoundException(
            $"Dataset '{name}' not found. Looked in: {(roots.Count == 0 ? "(no dataset roots found)" : string.Join(", ", roots))}. " +
            $"Set {EnvironmentVariable} to a folder that holds it.", name);
    }

    /// <summary>Finds <paramref name="name"/>; false when it is nowhere.</summary>
    public static bool TryFind(string name, out string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (File.Exists(name))
        {
            path = Path.GetFullPath(name);
            return true;
        }
        foreach (var root in SearchRoots())
        {
            var candidate = Path.Combine(root, name);
            if (File.Exists(candidate))
            {
                path = Path.GetFullPath(candidate);
                return true;
            }
        }
        path = "";
        return false;
    }

    private static void AddIfExists(List<string> roots, string p)
    {
        var full = Path.GetFullPath(p);
        if (Directory.Exists(full) && !roots.Contains(full)) roots.Add(full);
    }
}
