using System.Text;
using OptSuite.Data;
using OptSuite.Models;

namespace OptSuite.Tests.Docs;

/// <summary>
/// The model and solver tables of docs/models.md are the registries rendered, so the docs hold no list of their own
/// that could drift: a model or solver added to a registry fails this test until the table is regenerated (the failure
/// prints the table to paste).
/// </summary>
public class DocsRegistryTests
{
    private static string Models()
    {
        var t = new StringBuilder("| model | task | what | options | path |\n|---|---|---|---|---|\n");
        foreach (var m in ModelRegistry.All)
            t.Append($"| `{m.Name}` | {m.Task.ToString().ToLowerInvariant()} | {m.Summary} | {string.Join(", ", m.Options.Select(o => $"`{ModelSettings.CommandLineName(o)}`"))} | {(m.HasPath ? "yes" : "")} |\n");
        return t.ToString();
    }

    private static string Solvers()
    {
        var t = new StringBuilder("| `--solver` | solver | default iterations | default stop (no `Tolerance` / `--tol`) | what |\n|---|---|---:|---|---|\n");
        foreach (var d in SolverRegistry.All)
            t.Append($"| `{d.Name}` | {d.Title} | {d.DefaultMaxIterations} | {d.DefaultStopping} | {d.Summary} |\n");
        return t.ToString();
    }

    [Theory]
    [InlineData("models")]
    [InlineData("solvers")]
    public void TheTableInTheDocsIsTheRegistry(string which)
    {
        string path = Path.Combine(DatasetLocator.RepositoryRoot()!, "docs", "models.md");
        string text = File.ReadAllText(path).ReplaceLineEndings("\n");
        string open = $"<!-- registry:{which} ", close = $"<!-- /registry:{which} -->";
        int start = text.IndexOf(open, StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/models.md has no {open}… marker");
        start = text.IndexOf('\n', start) + 1;
        int end = text.IndexOf(close, start, StringComparison.Ordinal);
        string expected = which == "models" ? Models() : Solvers();
        Assert.True(text[start..end] == expected, $"Regenerate the {which} table of docs/models.md:\n{expected}");
    }

    [Fact]
    public void TheReadmeNamesEveryModelsEstimator()
    {
        string readme = File.ReadAllText(Path.Combine(DatasetLocator.RepositoryRoot()!, "README.md"));
        foreach (var m in ModelRegistry.All)
            Assert.True(readme.Contains(m.Create().GetType().Name, StringComparison.Ordinal), $"README.md does not name {m.Create().GetType().Name} ({m.Name})");
    }
}
