using CsCheck;
using OptSuite.Prox;
using OptSuite.Prox.Regularizers;

namespace OptSuite.Tests.Prox;

/// <summary>Generators of block regularisers over random partitions (contiguous sizes and scattered group labels).</summary>
internal static class BlockCatalog
{
    public sealed record Case(string Name, Gen<IBlockRegularizer> Create, bool NonNegative);

    private static readonly Gen<double> Lambda = Gen.Frequency((1, Gen.Const(0.0)), (6, Gen.Double[0.05, 2]));

    private static readonly Gen<BlockPartition> Contiguous = Gen.Int[1, 5].Array[1, 6].Select(s => BlockPartition.FromSizes(s));

    /// <summary>Labels in 0..3 relabelled to 0..G−1 in order of first use, so every group is used.</summary>
    public static readonly Gen<BlockPartition> Scattered = Gen.Int[0, 3].Array[1, 15].Select(raw =>
    {
        var map = new Dictionary<int, int>();
        var labels = raw.Select(x => map.TryGetValue(x, out int g) ? g : map[x] = map.Count).ToArray();
        return BlockPartition.FromGroupLabels(labels);
    });

    private static Gen<double[]> GroupWeights(int count) => Gen.Frequency((1, Gen.Const(0.0)), (4, Gen.Double[0, 3])).Array[count];

    public static readonly Case[] All =
    [
        new("l21", Gen.Select(Gen.Int[0, 6], Gen.Int[1, 5], Lambda, (p, k, l) => (IBlockRegularizer)new L21Norm(p, k, l)), false),
        new("group-contiguous", Gen.Select(Contiguous, Lambda, (b, l) => (IBlockRegularizer)new GroupLasso(b, l)), false),
        new("group-scattered", Gen.Select(Scattered, Lambda, (b, l) => (IBlockRegularizer)new GroupLasso(b, l)), false),
        new("group-weights", Scattered.SelectMany(b => Gen.Select(Lambda, GroupWeights(b.Count), (l, w) => (IBlockRegularizer)new GroupLasso(b, l, w))), false),
        new("nn-group-contiguous", Gen.Select(Contiguous, Lambda, (b, l) => (IBlockRegularizer)new NonNegativeGroupLasso(b, l)), true),
        new("nn-group-scattered", Gen.Select(Scattered, Lambda, (b, l) => (IBlockRegularizer)new NonNegativeGroupLasso(b, l)), true),
        new("nn-group-weights", Scattered.SelectMany(b => Gen.Select(Lambda, GroupWeights(b.Count), (l, w) => (IBlockRegularizer)new NonNegativeGroupLasso(b, l, w))), true),
    ];

    public static Case Get(string name) => All.Single(c => c.Name == name);

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in All) data.Add(c.Name);
        return data;
    }

    /// <summary>A regulariser with a point of its dimension.</summary>
    public static Gen<(IBlockRegularizer Reg, double[] V)> WithPoint(Case c, Gen<double> entry) =>
        c.Create.SelectMany(r => ProxGen.Vector(entry, r.Blocks.Dimension).Select(v => (r, v)));

    /// <summary>λω_g, read through the public API.</summary>
    public static double Strength(IBlockRegularizer reg, int g) => reg switch
    {
        L21Norm l => l.Lambda,
        GroupLasso gl => gl.StrengthOf(g),
        NonNegativeGroupLasso nn => nn.StrengthOf(g),
        _ => throw new NotSupportedException(),
    };

    public static double[] Gather(ReadOnlySpan<double> x, ReadOnlySpan<int> indices)
    {
        var r = new double[indices.Length];
        for (int i = 0; i < r.Length; i++) r[i] = x[indices[i]];
        return r;
    }
}
