using System.Buffers;
using System.Text;

namespace OptSuite.Models.Persistence.Onnx;

/// <summary>
/// The protocol-buffers wire format, as much of it as the ONNX export needs: varints (wire type 0) and length-delimited
/// bytes, strings, packed arrays and nested messages (wire type 2). Tensors travel as raw little-endian bytes, so no
/// fixed-width field is needed.
/// </summary>
/// <remarks>
/// Encoding from protobuf's "Encoding" guide: a key is (field number &lt;&lt; 3) | wire type, as a varint; a varint is
/// 7 bits a byte, least significant group first, the high bit set on every byte but the last; a negative int32 or int64
/// is written as its 64-bit two's complement (ten bytes). Fields are written in the order the caller writes them,
/// and nothing here depends on a clock, a hash seed or a culture, so the same message gives the same bytes. A nested
/// message is written to a writer of its own first, because its length precedes it.
/// </remarks>
internal sealed class ProtoWriter
{
    private const int Varint = 0, LengthDelimited = 2;

    private readonly ArrayBufferWriter<byte> _buffer = new();

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    /// <summary>An int32, int64, enum or bool field (zero is written too: the caller decides what to leave out).</summary>
    public void Int64(int field, long value)
    {
        Key(field, Varint);
        WriteVarint(unchecked((ulong)value));
    }

    /// <summary>A string field, UTF-8.</summary>
    public void String(int field, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Key(field, LengthDelimited);
        int length = Encoding.UTF8.GetByteCount(value);
        WriteVarint((ulong)length);
        Encoding.UTF8.GetBytes(value, _buffer.GetSpan(length));
        _buffer.Advance(length);
    }

    /// <summary>A bytes field.</summary>
    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Key(field, LengthDelimited);
        WriteVarint((ulong)value.Length);
        value.CopyTo(_buffer.GetSpan(value.Length));
        _buffer.Advance(value.Length);
    }

    /// <summary>A packed repeated int64 field (proto3's default for repeated scalars); nothing for an empty list.</summary>
    public void PackedInt64(int field, ReadOnlySpan<long> values)
    {
        if (values.IsEmpty) return;
        var packed = new ProtoWriter();
        foreach (long v in values) packed.WriteVarint(unchecked((ulong)v));
        Bytes(field, packed.WrittenSpan);
    }

    /// <summary>A nested message field: <paramref name="message"/> written, then embedded with its length.</summary>
    public void Message(int field, IProtoMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var nested = new ProtoWriter();
        message.WriteTo(nested);
        Bytes(field, nested.WrittenSpan);
    }

    /// <summary>Each of <paramref name="messages"/> as one occurrence of a repeated message field.</summary>
    public void Messages(int field, IEnumerable<IProtoMessage> messages)
    {
        foreach (var m in messages) Message(field, m);
    }

    /// <summary>Each of <paramref name="values"/> as one occurrence of a repeated string field.</summary>
    public void Strings(int field, IEnumerable<string> values)
    {
        foreach (string v in values) String(field, v);
    }

    private void Key(int field, int wireType)
    {
        if (field < 1 || field > (1 << 29) - 1) throw new ArgumentOutOfRangeException(nameof(field), field, "A protobuf field number lies in [1, 2^29 − 1].");
        WriteVarint((ulong)((field << 3) | wireType));
    }

    private void WriteVarint(ulong value)
    {
        Span<byte> span = _buffer.GetSpan(10);
        int n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[n++] = (byte)value;
        _buffer.Advance(n);
    }
}
