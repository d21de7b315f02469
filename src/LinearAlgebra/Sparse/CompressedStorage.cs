namespace OptSuite.LinearAlgebra;

/// <summary>
/// Compressed sparse storage: <see cref="LineCount"/> lines (rows for CSR, columns for CSC) of length
/// <see cref="LineLength"/>, line k holding Indices/Values[Pointers[k] .. Pointers[k+1]). The CSR of A and the CSC of
/// Aᵀ are the same storage, which is how transposed views cost nothing. The other orientation (the "companion") is
/// built once on demand, in O(nnz), and shared by every view of the storage.
/// </summary>
internal sealed class CompressedStorage
{
    private CompressedStorage? _companion;
    private readonly object _lock = new();

    public CompressedStorage(int lineCount, int lineLength, int[] pointers, int[] indices, double[] values, bool sorted)
    {
        LineCount = lineCount;
        LineLength = lineLength;
        Pointers = pointers;
        Indices = indices;
        Values = values;
        IndicesSorted = sorted;
    }

    public int LineCount { get; }
    public int LineLength { get; }
    public int[] Pointers { get; }
    public int[] Indices { get; }
    public double[] Values { get; }
    public int NonZeroCount => Pointers[LineCount];

    /// <summary>Whether indices strictly increase within every line.</summary>
    public bool IndicesSorted { get; }

    /// <summary>Backend-specific cache (e.g. the MKL inspector–executor handle); owned by that backend.</summary>
    internal object? BackendCache { get; set; }

    /// <summary>Lock for backends that fill <see cref="BackendCache"/>.</summary>
    internal object SyncRoot => _lock;

    /// <summary>The companion if it has been built, without building it.</summary>
    internal CompressedStorage? CompanionIfBuilt => Volatile.Read(ref _companion);

    /// <summary>The same matrix in the other orientation (CSR ↔ CSC), built once.</summary>
    public CompressedStorage Companion
    {
        get
        {
            if (_companion is not null) return _companion;
            lock (_lock)
            {
                if (_companion is null)
                {
                    var c = Transposed();
                    c._companion = this;
                    _companion = c;
                }
                return _companion;
            }
        }
    }

    /// <summary>
    /// Validates user-supplied arrays and wraps them without copying.
    /// </summary>
    public static CompressedStorage Wrap(int lineCount, int lineLength, int[] pointers, int[] indices, double[] values,
        string pointersName, string indicesName, string valuesName)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lineCount);
        ArgumentOutOfRangeException.ThrowIfNegative(lineLength);
        ArgumentNullException.ThrowIfNull(pointers, pointersName);
        ArgumentNullException.ThrowIfNull(indices, indicesName);
        ArgumentNullException.ThrowIfNull(values, valuesName);
        if (pointers.Length != lineCount + 1)
            throw new ArgumentException($"{pointersName} must have length {lineCount + 1}; it has {pointers.Length}.", pointersName);
        if (pointers[0] != 0)
            throw new ArgumentException($"{pointersName}[0] must be 0; it is {pointers[0]}.", pointersName);
        for (int k = 0; k < lineCount; k++)
            if (pointers[k + 1] < pointers[k])
                throw new ArgumentException($"{pointersName} must be non-decreasing; {pointersName}[{k + 1}] = {pointers[k + 1]} < {pointers[k]}.", pointersName);
        int nnz = pointers[lineCount];
        if (indices.Length < nnz)
            throw new ArgumentException($"{indicesName} has {indices.Length} entries but the pointers declare {nnz}.", indicesName);
        if (values.Length < nnz)
            throw new ArgumentException($"{valuesName} has {values.Length} entries but the pointers declare {nnz}.", valuesName);
        bool sorted = true;
        for (int k = 0; k < lineCount; k++)
        {
            int prev = -1;
            for (int q = pointers[k]; q < pointers[k + 1]; q++)
            {
                int i = indices[q];
                if ((uint)i >= (uint)lineLength)
                    throw new ArgumentException($"{indicesName}[{q}] = {i} is outside [0, {lineLength}).", indicesName);
                if (i <= prev) sorted = false;
                prev = i;
            }
        }
        return new CompressedStorage(lineCount, lineLength, pointers, indices, values, sorted);
    }

    /// <summary>The other orientation in O(nnz + LineCount + LineLength); output indices are sorted. Duplicates are kept.</summary>
    private CompressedStorage Transposed()
    {
        int nnz = NonZeroCount;
        var ptr = new int[LineLength + 1];
        for (int q = 0; q < nnz; q++) ptr[Indices[q] + 1]++;
        for (int j = 0; j < LineLength; j++) ptr[j + 1] += ptr[j];
        var next = new int[LineLength];
        Array.Copy(ptr, next, LineLength);
        var idx = new int[nnz];
        var val = new double[nnz];
        for (int k = 0; k < LineCount; k++)
        {
            for (int q = Pointers[k]; q < Pointers[k + 1]; q++)
            {
                int dest = next[Indices[q]]++;
                idx[dest] = k;
                val[dest] = Values[q];
            }
        }
        // Lines are visited in increasing k, so every output line is sorted; strictly so unless the input had duplicates.
        return new CompressedStorage(LineLength, LineCount, ptr, idx, val, sorted: IndicesSorted);
    }

    /// <summary>
    /// Assembles storage from triplets (line, index, value) in O(nnz + LineCount + LineLength): two stable counting
    /// sorts, then duplicates summed. Explicit zeros are kept as stored entries.
    /// </summary>
    public static CompressedStorage FromTriplets(int lineCount, int lineLength,
        ReadOnlySpan<int> lines, ReadOnlySpan<int> indices, ReadOnlySpan<double> values,
        string linesName, string indicesName, string valuesName)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lineCount);
        ArgumentOutOfRangeException.ThrowIfNegative(lineLength);
        int n = lines.Length;
        if (indices.Length != n)
            throw new ArgumentException($"{indicesName} has {indices.Length} entries but {linesName} has {n}.", indicesName);
        if (values.Length != n)
            throw new ArgumentException($"{valuesName} has {values.Length} entries but {linesName} has {n}.", valuesName);
        for (int t = 0; t < n; t++)
        {
            if ((uint)lines[t] >= (uint)lineCount)
                throw new ArgumentException($"{linesName}[{t}] = {lines[t]} is outside [0, {lineCount}).", linesName);
            if ((uint)indices[t] >= (uint)lineLength)
                throw new ArgumentException($"{indicesName}[{t}] = {indices[t]} is outside [0, {lineLength}).", indicesName);
        }

        // Pass 1: bucket by index (the minor key) into the other orientation.
        var ptrT = new int[lineLength + 1];
        for (int t = 0; t < n; t++) ptrT[indices[t] + 1]++;
        for (int j = 0; j < lineLength; j++) ptrT[j + 1] += ptrT[j];
        var nextT = new int[lineLength];
        Array.Copy(ptrT, nextT, lineLength);
        var lineOfT = new int[n];
        var valT = new double[n];
        for (int t = 0; t < n; t++)
        {
            int d = nextT[indices[t]]++;
            lineOfT[d] = lines[t];
            valT[d] = values[t];
        }

        // Pass 2: stable bucket by line; indices come out sorted within each line.
        var ptr = new int[lineCount + 1];
        for (int t = 0; t < n; t++) ptr[lines[t] + 1]++;
        for (int k = 0; k < lineCount; k++) ptr[k + 1] += ptr[k];
        var next = new int[lineCount];
        Array.Copy(ptr, next, lineCount);
        var idx = new int[n];
        var val = new double[n];
        for (int j = 0; j < lineLength; j++)
        {
            for (int q = ptrT[j]; q < ptrT[j + 1]; q++)
            {
                int d = next[lineOfT[q]]++;
                idx[d] = j;
                val[d] = valT[q];
            }
        }

        // Sum duplicates (adjacent after sorting), compacting in place.
        int w = 0;
        var outPtr = new int[lineCount + 1];
        for (int k = 0; k < lineCount; k++)
        {
            int start = w;
            for (int q = ptr[k]; q < ptr[k + 1]; q++)
            {
                if (w > start && idx[w - 1] == idx[q]) val[w - 1] += val[q];
                else { idx[w] = idx[q]; val[w] = val[q]; w++; }
            }
            outPtr[k + 1] = w;
        }
        if (w < n)
        {
            Array.Resize(ref idx, w);
            Array.Resize(ref val, w);
        }
        return new CompressedStorage(lineCount, lineLength, outPtr, idx, val, sorted: true);
    }
}
