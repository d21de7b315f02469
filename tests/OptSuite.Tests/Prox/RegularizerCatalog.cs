using OptSuite.Prox;
using OptSuite.Prox.Regularizers;

namespace OptSuite.Tests.Prox;

/// <summary>Every regulariser and indicator, built for a dimension d ≥ 1 (block ones pick a partition of d).</summary>
internal static class RegularizerCatalog
{
    private static BlockPartition Scattered(int d) => BlockPartition.FromGroupLabels(Enumerable.Range(0, d).Select(j => d < 3 ? 0 : j % 3).ToArray());

    private static BlockPartition Contiguous(int d) => BlockPartition.FromSizes(Enumerable.Range(0, (d + 2) / 3).Select(g => Math.Min(3, d - 3 * g)).ToArray());

    private static double[] GroupWeights(int count) => Enumerable.Range(0, count).Select(g => g == 0 ? 0.0 : 0.5 + g).ToArray();

    public static readonly (string Name, Func<int, Random, IRegularizer> Create)[] All =
    [
        .. SeparableCatalog.All.Select(c => (c.Name, (Func<int, Random, IRegularizer>)((d, _) => c.Create(d)))),
        .. SetCatalog.All.Where(c => SeparableCatalog.All.All(s => s.Name != c.Name)).Select(c => ("set-" + c.Name, c.Create)),
        ("l21", (d, _) => d % 2 == 0 ? new L21Norm(d / 2, 2, 0.6) : new L21Norm(d, 1, 0.6)),
        ("group-contiguous", (d, _) => new GroupLasso(Contiguous(d), 0.6)),
        ("group-scattered", (d, _) => new GroupLasso(Scattered(d), 0.6)),
        ("group-weights", (d, _) => new GroupLasso(Scattered(d), 0.6, GroupWeights(Scattered(d).Count))),
        ("nn-group", (d, _) => new NonNegativeGroupLasso(Scattered(d), 0.6)),
        ("nn-group-weights", (d, _) => new NonNegativeGroupLasso(Contiguous(d), 0.6, GroupWeights(Contiguous(d).Count))),
    ];

    public static Func<int, Random, IRegularizer> Get(string name) => All.Single(c => c.Name == name).Create;

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in All) data.Add(c.Name);
        return data;
    }
}
