using System.Globalization;
using System.Security.Cryptography;
using OptSuite.Data;

namespace OptSuite.Tests.Data;

public class CatalogTests
{
    public static TheoryData<string> ShippedNames()
    {
        var d = new TheoryData<string>();
        foreach (var i in DatasetCatalog.Shipped) d.Add(i.Name);
        return d;
    }

    [Fact]
    public void CatalogListsTheShippedSpreadUnderFiveMegabytes()
    {
        var all = DatasetCatalog.Shipped;
        Assert.NotNull(DatasetCatalog.ShippedRoot);
        Assert.True(all.Count >= 30, $"only {all.Count} datasets listed");
        Assert.True(all.Sum(d => d.Bytes) < 5L << 20);
        foreach (var task in new[] { "binary", "multiclass", "regression", "multi-output regression" })
            Assert.Contains(all, d => d.Task == task);
        Assert.All(all.Where(d => d.RelativePath.StartsWith("glmnet_synthetic/")), d => Assert.True(d.Synthetic));
        Assert.All(all.Where(d => !d.RelativePath.StartsWith("glmnet_synthetic/")), d => Assert.False(d.Synthetic));
        Assert.Equal(all.Count, all.Select(d => d.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(ShippedNames))]
    public void ShippedFileMatchesManifestAndProvenance(string name)
    {
        Assert.True(DatasetCatalog.TryGetInfo(name, out var info));
        string path = DatasetCatalog.Resolve(name);
        Assert.StartsWith(DatasetCatalog.ShippedRoot!, path);
        Assert.Equal(info.Bytes, new FileInfo(path).Length);
        Assert.Equal(info.Sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
        var (rows, cols, nnz) = info.Format == "csv" ? CsvShape(path) : SvmlightShape(path);
        Assert.Equal((info.Rows, info.Columns, info.NonZeros), (rows, cols, nnz));
        // The human-readable provenance table must state the same shape.
        string provenance = File.ReadAllText(Path.Combine(DatasetCatalog.ShippedRoot!, "PROVENANCE.md"));
        Assert.Contains($"| `{info.RelativePath}` | {info.Task} | {info.Rows} x {info.Columns} | {info.NonZeros} | {info.Bytes} | `{info.Sha256}` |", provenance);
        Assert.Contains($"- **`{info.RelativePath}`** — ", provenance);
    }

    [Fact]
    public void NamesResolveByNamePathAndThroughTheLocator()
    {
        string a = DatasetCatalog.Resolve("heart_scale");
        Assert.Equal(a, DatasetCatalog.Resolve("binary/heart_scale"));
        Assert.Equal(DatasetCatalog.Resolve("regression/diabetes_raw.svm"), DatasetCatalog.Resolve("diabetes_raw"));
        Assert.Equal(DatasetCatalog.Resolve("regression/diabetes_raw"), DatasetCatalog.Resolve("diabetes_raw"));
        Assert.EndsWith(Path.Combine("peers", "digits.svm"), DatasetCatalog.Resolve("peers/digits"));
        var e = Assert.Throws<FileNotFoundException>(() => DatasetCatalog.Resolve("no/such/dataset.svm"));
        Assert.Contains("no/such/dataset.svm", e.Message);
        if (DatasetLocator.SharedRoot() is not null)
            Assert.EndsWith("a9a.xz", DatasetCatalog.Resolve("binary/a9a.xz"));
    }

    [Theory]
    [InlineData("{", "invalid JSON")]
    [InlineData("{\"x\": 1}", "no \"datasets\"")]
    [InlineData("{\"datasets\": [{\"name\": \"a\"}]}", "entry 0")]
    public void MalformedManifestIsADataFormatException(string json, string problem)
    {
        var e = Assert.Throws<DataFormatException>(() => DatasetCatalog.Parse(json, "catalog.json"));
        Assert.Equal("catalog.json", e.FilePath);
        Assert.Contains(problem, e.Problem);
    }

    private static (int, int, long) SvmlightShape(string path)
    {
        int rows = 0, max = 0;
        long nnz = 0;
        foreach (var line in File.ReadLines(path))
        {
            var t = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (t.Length == 0) continue;
            rows++;
            foreach (var f in t.Skip(1))
            {
                nnz++;
                max = Math.Max(max, int.Parse(f.AsSpan(0, f.IndexOf(':')), CultureInfo.InvariantCulture));
            }
        }
        return (rows, max, nnz);
    }

    private static (int, int, long) CsvShape(string path)
    {
        var t = CsvReader.Read(path);
        return (t.Features.Rows, t.Features.Columns, t.Features.Values.ToArray().LongCount(v => v != 0));
    }
}
