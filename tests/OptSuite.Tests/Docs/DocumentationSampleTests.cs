using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OptSuite.Data;

namespace OptSuite.Tests.Docs;

/// <summary>
/// Every <c>```csharp</c> block of README.md and docs/*.md compiles on its own, exactly as shown, the way a user pastes
/// it into a new console app: top-level statements, the console template's implicit usings and nothing else — its own
/// <c>using</c> lines, the OptSuite assemblies, MathNet.Numerics and ML.NET (for OptSuite.MLNet) as the only references.
/// A sample that leans on a using, a variable or a helper it does not show fails here with the file and line of the
/// offending code.
/// </summary>
public class DocumentationSampleTests
{
    /// <summary>What <c>dotnet new console</c> (ImplicitUsings = enable) gives every file.</summary>
    private const string ConsoleImplicitUsings =
        "global using System;\nglobal using System.Collections.Generic;\nglobal using System.IO;\nglobal using System.Linq;\n" +
        "global using System.Net.Http;\nglobal using System.Threading;\nglobal using System.Threading.Tasks;\n";

    /// <summary>Each C# block as (markdown file relative to the repository, line of its opening fence).</summary>
    public static TheoryData<string, int> Samples()
    {
        var data = new TheoryData<string, int>();
        foreach (var (file, line, _) in Blocks()) data.Add(file, line);
        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void SampleCompilesOnItsOwn(string file, int line)
    {
        string code = Blocks().Single(b => b.File == file && b.Line == line).Code;
        var compilation = CSharpCompilation.Create(
            "Sample",
            [
                CSharpSyntaxTree.ParseText(code, path: $"{file}:{line}"),
                CSharpSyntaxTree.ParseText(ConsoleImplicitUsings, path: "ImplicitUsings.cs"),
            ],
            References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var output = new MemoryStream();
        var result = compilation.Emit(output);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(result.Success, $"{file}, block at line {line} does not compile on its own:\n" + string.Join("\n", errors.Select(Describe)));

        string Describe(Diagnostic d)
        {
            int at = line + 1 + d.Location.GetLineSpan().StartLinePosition.Line;
            return $"  {file}:{at}: {d.Id} {d.GetMessage()}";
        }
    }

    [Fact]
    public void TheSamplesAreFound()
    {
        var blocks = Blocks();
        Assert.Contains(blocks, b => b.File == "README.md");
        Assert.Contains(blocks, b => b.File == "docs/models.md");
        Assert.All(blocks, b => Assert.False(string.IsNullOrWhiteSpace(b.Code), $"{b.File}:{b.Line} is empty"));
    }

    private static List<(string File, int Line, string Code)> Blocks()
    {
        string root = DatasetLocator.RepositoryRoot() ?? throw new InvalidOperationException("repository root not found");
        var files = new List<string> { "README.md" };
        files.AddRange(Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Select(f => "docs/" + Path.GetFileName(f)).Order(StringComparer.Ordinal));
        var blocks = new List<(string, int, string)>();
        foreach (string file in files)
        {
            string[] lines = File.ReadAllLines(Path.Combine(root, file));
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].Trim() != "```csharp") continue;
                var code = new StringBuilder();
                int start = i + 1;
                for (i++; i < lines.Length && lines[i].Trim() != "```"; i++) code.Append(lines[i]).Append('\n');
                blocks.Add((file, start, code.ToString()));
            }
        }
        return blocks;
    }

    /// <summary>The framework's own assemblies, OptSuite's, MathNet.Numerics and ML.NET's — not the test's other dependencies.</summary>
    private static readonly Lazy<List<MetadataReference>> References = new(() =>
    {
        string framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetDirectoryName(p) == framework)
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "OptSuite.*.dll"))
            .Append(Path.Combine(AppContext.BaseDirectory, "MathNet.Numerics.dll"))
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "Microsoft.ML*.dll"))   // the OptSuite.MLNet samples
            .Where(p => !p.EndsWith("OptSuite.Tests.dll", StringComparison.Ordinal));
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    });
}
