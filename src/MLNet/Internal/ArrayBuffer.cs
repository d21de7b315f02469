namespace OptSuite.MLNet.Internal;

/// <summary>An append-only array whose backing store is handed over as is (it may be longer than <see cref="Count"/>), so
/// a CSR matrix is built from it without a final copy.</summary>
internal sealed class ArrayBuffer<T>
{
    private T[] _items;

    public ArrayBuffer(int capacity = 16) => _items = new T[Math.Max(capacity, 4)];

    public int Count { get; private set; }

    /// <summary>The backing array: entries [0, Count) are the values added.</summary>
    public T[] Items => _items;

    public void Add(T value)
    {
        if (Count == _items.Length)
        {
            // Array.MaxLength bounds the growth; CSR indices are int32 anyway, so the caller stops well before it.
            int grown = (int)Math.Min((long)_items.Length * 2, Array.MaxLength);
            if (grown == _items.Length) throw new InvalidOperationException($"More than {Array.MaxLength} values.");
            Array.Resize(ref _items, grown);
        }
        _items[Count++] = value;
    }

    /// <summary>The values as an array of exactly <see cref="Count"/> entries (a copy unless it is already that long).</summary>
    public T[] ToArray()
    {
        if (_items.Length != Count) Array.Resize(ref _items, Count);
        return _items;
    }
}
