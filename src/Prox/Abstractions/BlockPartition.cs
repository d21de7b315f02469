namespace OptSuite.Prox;

/// <summary>
/// A partition of the coordinates 0..d−1 into disjoint blocks: contiguous ranges or arbitrary index lists. Stored
/// CSR-like: block g holds <c>Indices[Starts[g] .. Starts[g+1]]</c>.
/// </summary>
public sealed class BlockPartition
{
    private readonly int[] _starts;
    private readonly int[] _indices;

    private BlockPartition(int dimension, int[] starts, int[] indices, bool contiguous)
    {
        Dimension = dimension;
        _starts = starts;
        _indices = indices;
        IsContiguous = contiguous;
    }

    /// <summary>d, the number of coordinates covered.</summary>
    public int Dimension { get; }

    /// <summary>The number of blocks.</summary>
    public int Count => _starts.Length - 1;

    /// <summary>True when every block is a contiguous range and blocks are in order (block g = [Starts[g], Starts[g+1])).</summary>
    public bool IsContiguous { get; }

    /// <summary>Block offsets into <see cref="Indices"/>, length <see cref="Count"/> + 1.</summary>
    public ReadOnlySpan<int> Starts => _starts;

    /// <summary>All coordinate indices, grouped by block.</summary>
    public ReadOnlySpan<int> Indices => _indices;

    /// <summary>The number of coordinates in block <paramref name="block"/>.</summary>
    /// <param name="block">The block index.</param>
    public int Size(int block) => _starts[block + 1] - _starts[block];

    /// <summary>The coordinates of block <paramref name="block"/>.</summary>
    /// <param name="block">The block index.</param>
    public ReadOnlySpan<int> Block(int block) => _indices.AsSpan(_starts[block], Size(block));

    /// <summary>Equal contiguous blocks of <paramref name="blockSize"/> (the rows of a p×k row-major matrix for L2,1).</summary>
    /// <param name="blockCount">The number of blocks (p).</param>
    /// <param name="blockSize">The block size (k).</param>
    public static BlockPartition Uniform(int blockCount, int blockSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(blockCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockSize);
        long d = (long)blockCount * blockSize;
        if (d > Array.MaxLength) throw new ArgumentException($"{blockCount}×{blockSize} coordinates exceed the maximum array length.", nameof(blockCount));
        var sizes = new int[blockCount];
        Array.Fill(sizes, blockSize);
        return FromSizes(sizes);
    }

    /// <summary>Contiguous blocks of the given sizes, in order.</summary>
    /// <param name="sizes">Block sizes, each ≥ 1.</param>
    public static BlockPartition FromSizes(ReadOnlySpan<int> sizes)
    {
        var starts = new int[sizes.Length + 1];
        long total = 0;
        for (int g = 0; g < sizes.Length; g++)
        {
            if (sizes[g] < 1) throw new ArgumentException($"Block {g} has size {sizes[g]}; every block needs at least one coordinate.", nameof(sizes));
            total += sizes[g];
            if (total > Array.MaxLength) throw new ArgumentException("The blocks cover more coordinates than an array can hold.", nameof(sizes));
            starts[g + 1] = (int)total;
        }
        var indices = new int[total];
        for (int i = 0; i < indices.Length; i++) indices[i] = i;
        return new BlockPartition((int)total, starts, indices, contiguous: true);
    }

    /// <summary>
    /// Blocks from a group label per coordinate (labels 0..G−1, each used at least once); every coordinate belongs to
    /// exactly one group.
    /// </summary>
    /// <param name="groupOfCoordinate">The group label of each coordinate.</param>
    public static BlockPartition FromGroupLabels(ReadOnlySpan<int> groupOfCoordinate)
    {
        int groups = 0;
        for (int j = 0; j < groupOfCoordinate.Length; j++)
        {
            int g = groupOfCoordinate[j];
            if (g < 0) throw new ArgumentException($"Coordinate {j} has group label {g}; labels must be ≥ 0.", nameof(groupOfCoordinate));
            groups = Math.Max(groups, g + 1);
        }
        var starts = new int[groups + 1];
        for (int j = 0; j < groupOfCoordinate.Length; j++) starts[groupOfCoordinate[j] + 1]++;
        for (int g = 0; g < groups; g++)
        {
            if (starts[g + 1] == 0) throw new ArgumentException($"Group {g} has no coordinates; labels must be 0..G−1 with every group used.", nameof(groupOfCoordinate));
            starts[g + 1] += starts[g];
        }
        var next = starts.AsSpan(0, groups).ToArray();
        var indices = new int[groupOfCoordinate.Length];
        for (int j = 0; j < groupOfCoordinate.Length; j++) indices[next[groupOfCoordinate[j]]++] = j;
        bool contiguous = true;
        for (int i = 0; i < indices.Length && contiguous; i++) contiguous = indices[i] == i;
        return new BlockPartition(groupOfCoordinate.Length, starts, indices, contiguous);
    }
}
