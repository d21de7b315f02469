namespace OptSuite.Data;

/// <summary>
/// A managed DEFLATE decoder (RFC 1951) that consumes exactly one deflate stream, so that its caller can read what follows
/// (gzip's trailer, the next member). Huffman codes are checked as zlib's inflate and Adler's puff.c check them
/// (over-subscribed and incomplete codes, a missing end-of-block code, distances reaching before the start), and the
/// end of the input inside the stream is an error, never a quiet end of data.
/// </summary>
/// <remarks>
/// Codes up to 10 bits long are decoded through a lookup table indexed by the next input bits (least significant
/// first, as DEFLATE packs them); longer ones bit by bit in canonical order, as puff.c does. The last 32 KiB of output
/// are kept for back-references.
/// </remarks>
internal sealed class Inflater(ByteSource input, string name)
{
    private const int FastBits = 10;
    private const int WindowMask = (1 << 15) - 1;

    private static readonly int[] LengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
    private static readonly int[] LengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
    private static readonly int[] DistanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
    private static readonly int[] DistanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
    private static readonly byte[] CodeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
    private static readonly (Huffman Literals, Huffman Distances) Fixed = BuildFixed();

    private enum State { BlockHeader, Stored, Codes, Done }

    private readonly byte[] _window = new byte[WindowMask + 1];
    private readonly Huffman _literals = new(288), _distances = new(30), _codeLengths = new(19);
    private readonly byte[] _lengths = new byte[286 + 30];
    private Huffman _lit = null!, _dist = null!;
    private ulong _bits;
    private int _count;
    private long _total;
    private State _state;
    private bool _last;
    private int _storedLeft, _copyLeft, _copyDistance;

    /// <summary>Starts a new deflate stream (the next gzip member); the previous one must have ended.</summary>
    public void Reset()
    {
        _state = State.BlockHeader;
        _total = 0;
        _last = false;
        _copyLeft = 0;
    }

    /// <summary>Decodes into <paramref name="output"/>; 0 only once the stream has ended (its final block is complete).</summary>
    public int Read(Span<byte> output)
    {
        int o = 0;
        while (o < output.Length)
        {
            switch (_state)
            {
                case State.BlockHeader:
                    BlockHeader();
                    break;
                case State.Stored:
                    for (; _storedLeft > 0 && o < output.Length; _storedLeft--) output[o++] = Put((byte)Bits(8));
                    if (_storedLeft == 0) EndBlock();
                    break;
                case State.Codes:
                    for (; _copyLeft > 0 && o < output.Length; _copyLeft--) output[o++] = Put(_window[(int)(_total - _copyDistance) & WindowMask]);
                    if (o < output.Length) Symbol(output, ref o);
                    break;
                default:
                    return o;
            }
        }
        return o;
    }

    /// <summary>After the stream's end: the next byte of input (byte-aligned), -1 at the end of the input.</summary>
    public int ReadByteAfterEnd()
    {
        if (_count >= 8)
        {
            int b = (int)(_bits & 0xFF);
            _bits >>= 8;
            _count -= 8;
            return b;
        }
        return input.ReadByte();
    }

    /// <summary>Whether bytes read ahead past the stream's end are still held (none once the 8-byte gzip trailer is read).</summary>
    public bool HoldsInput => _count > 0;

    private void Symbol(Span<byte> output, ref int o)
    {
        int sym = Decode(_lit);
        if (sym < 256)
        {
            output[o++] = Put((byte)sym);
            return;
        }
        if (sym == 256)
        {
            EndBlock();
            return;
        }
        sym -= 257;
        if (sym >= 29) throw Corrupt("an invalid literal/length code");
        int length = LengthBase[sym] + Bits(LengthExtra[sym]);
        int d = Decode(_dist);
        if (d >= 30) throw Corrupt("an invalid distance code");
        int distance = DistanceBase[d] + Bits(DistanceExtra[d]);
        if (distance > _total) throw Corrupt("a distance too far back");
        _copyLeft = length;
        _copyDistance = distance;
    }

    private byte Put(byte b)
    {
        _window[(int)_total & WindowMask] = b;
        _total++;
        return b;
    }

    private void BlockHeader()
    {
        _last = Bits(1) == 1;
        switch (Bits(2))
        {
            case 0:
                int partial = _count & 7;
                _bits >>= partial;
                _count -= partial;
                int length = Bits(16), complement = Bits(16);
                if (length != (~complement & 0xFFFF)) throw Corrupt("a stored block whose length does not match its complement");
                _storedLeft = length;
                _state = State.Stored;
                if (length == 0) EndBlock();
                break;
            case 1:
                (_lit, _dist) = Fixed;
                _state = State.Codes;
                break;
            case 2:
                DynamicCodes();
                (_lit, _dist) = (_literals, _distances);
                _state = State.Codes;
                break;
            default:
                throw Corrupt("an invalid block type");
        }
    }

    private void EndBlock()
    {
        if (!_last)
        {
            _state = State.BlockHeader;
            return;
        }
        _state = State.Done;
        int partial = _count & 7;   // what follows the stream starts at a byte boundary
        _bits >>= partial;
        _count -= partial;
    }

    private void DynamicCodes()
    {
        int nlen = Bits(5) + 257, ndist = Bits(5) + 1, ncode = Bits(4) + 4;
        if (nlen > 286 || ndist > 30) throw Corrupt("a block with too many length or distance codes");
        Span<byte> codeLengths = stackalloc byte[19];
        codeLengths.Clear();
        for (int i = 0; i < ncode; i++) codeLengths[CodeLengthOrder[i]] = (byte)Bits(3);
        if (_codeLengths.Build(codeLengths) != 0) throw Corrupt("an incomplete or over-subscribed code-length code");
        var lengths = _lengths.AsSpan(0, nlen + ndist);
        for (int index = 0; index < lengths.Length;)
        {
            int sym = Decode(_codeLengths);
            if (sym < 16)
            {
                lengths[index++] = (byte)sym;
                continue;
            }
            byte repeated = 0;
            int times;
            if (sym == 16)
            {
                if (index == 0) throw Corrupt("a repeated length with no first length");
                repeated = lengths[index - 1];
                times = 3 + Bits(2);
            }
            else times = sym == 17 ? 3 + Bits(3) : 11 + Bits(7);
            if (index + times > lengths.Length) throw Corrupt("more code lengths than codes");
            lengths.Slice(index, times).Fill(repeated);
            index += times;
        }
        if (lengths[256] == 0) throw Corrupt("a block without an end-of-block code");
        int left = _literals.Build(lengths[..nlen]);
        if (left < 0 || (left > 0 && nlen != _literals.Count[0] + _literals.Count[1]))
            throw Corrupt("an incomplete or over-subscribed literal/length code");
        left = _distances.Build(lengths[nlen..]);
        if (left < 0 || (left > 0 && ndist != _distances.Count[0] + _distances.Count[1]))
            throw Corrupt("an incomplete or over-subscribed distance code");
    }

    private int Decode(Huffman h)
    {
        if (_count < FastBits) TryFill(FastBits);
        int entry = h.Fast[(int)_bits & ((1 << FastBits) - 1)];
        int length = entry & 15;
        if (length != 0 && length <= _count)
        {
            _bits >>= length;
            _count -= length;
            return entry >> 4;
        }
        // Longer than the table, or near the end of the input: canonical decoding bit by bit (puff.c).
        int code = 0, first = 0, index = 0;
        for (int len = 1; len <= 15; len++)
        {
            code |= Bits(1);
            int count = h.Count[len];
            if (code - count < first) return h.Symbols[index + (code - first)];
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        throw Corrupt("a code that the block's Huffman code does not define");
    }

    private int Bits(int n)
    {
        while (_count < n)
        {
            int b = input.ReadByte();
            if (b < 0) throw Truncated();
            _bits |= (ulong)b << _count;
            _count += 8;
        }
        int v = (int)(_bits & ((1UL << n) - 1));
        _bits >>= n;
        _count -= n;
        return v;
    }

    private void TryFill(int n)
    {
        while (_count < n)
        {
            int b = input.ReadByte();
            if (b < 0) return;
            _bits |= (ulong)b << _count;
            _count += 8;
        }
    }

    private DataFormatException Corrupt(string what) => new(name, 0, 0, $"the gzip data is corrupt ({what})");

    internal DataFormatException Truncated() => new(name, 0, 0, "the gzip data is truncated (the stream ends before its trailer)");

    private static (Huffman, Huffman) BuildFixed()
    {
        var lengths = new byte[288];
        lengths.AsSpan(0, 144).Fill(8);
        lengths.AsSpan(144, 112).Fill(9);
        lengths.AsSpan(256, 24).Fill(7);
        lengths.AsSpan(280, 8).Fill(8);
        var literals = new Huffman(288);
        literals.Build(lengths);
        var distances = new Huffman(30);
        distances.Build(Enumerable.Repeat((byte)5, 30).ToArray());
        return (literals, distances);
    }

    /// <summary>A canonical Huffman code: code counts per length, symbols in code order, and the fast table.</summary>
    private sealed class Huffman(int symbols)
    {
        public readonly short[] Count = new short[16];
        public readonly short[] Symbols = new short[symbols];
        public readonly int[] Fast = new int[1 << FastBits];

        /// <summary>Builds the code from per-symbol lengths; 0 if complete, &gt; 0 if incomplete, &lt; 0 if over-subscribed.</summary>
        public int Build(ReadOnlySpan<byte> lengths)
        {
            Array.Clear(Count);
            foreach (byte l in lengths) Count[l]++;
            Array.Clear(Fast);
            if (Count[0] == lengths.Length) return 0;   // no codes: complete, but nothing decodes
            int left = 1;
            for (int len = 1; len <= 15; len++)
            {
                left = (left << 1) - Count[len];
                if (left < 0) return left;
            }
            Span<int> offsets = stackalloc int[16];
            Span<int> next = stackalloc int[16];
            int code = 0;
            for (int len = 1; len <= 15; len++)
            {
                offsets[len] = len == 1 ? 0 : offsets[len - 1] + Count[len - 1];
                code = (code + (len == 1 ? 0 : Count[len - 1])) << 1;
                next[len] = code;
            }
            for (int sym = 0; sym < lengths.Length; sym++)
            {
                int len = lengths[sym];
                if (len == 0) continue;
                Symbols[offsets[len]++] = (short)sym;
                int c = next[len]++;
                if (len > FastBits) continue;
                int reversed = 0;
                for (int k = 0; k < len; k++) reversed |= ((c >> k) & 1) << (len - 1 - k);
                for (int at = reversed; at < Fast.Length; at += 1 << len) Fast[at] = sym << 4 | len;
            }
            return left;
        }
    }
}
