using OptSuite.LinearAlgebra.Distributed;

namespace OptSuite.Tests.LinearAlgebra.Distributed;

/// <summary>The integer keys behind AllReduceMax: IEEE totalOrder (NaN largest), and back to the same bits.</summary>
public class TotalOrderKeysTests
{
    [Fact]
    public void KeysOrderAsTotalOrderAndMapBack()
    {
        var random = new Random(5);
        var values = new List<double>
        {
            double.NegativeInfinity, -double.MaxValue, -1, -double.Epsilon, -0.0, 0.0, double.Epsilon, 1, double.MaxValue,
            double.PositiveInfinity,
        };
        for (int i = 0; i < 200; i++) values.Add(Math.ScaleB(random.NextDouble() - 0.5, random.Next(-1074, 1023)));
        double[] sorted = [.. values.OrderBy(v => v, Comparer<double>.Create(TotalOrder))];
        double[] copy = [.. sorted, double.NaN, -double.NaN];
        Span<long> keys = TotalOrderKeys.ToKeys(copy);
        for (int i = 1; i < sorted.Length; i++)
            Assert.True(keys[i - 1] < keys[i] || (keys[i - 1] == keys[i] && sorted[i - 1].Equals(sorted[i])), $"{sorted[i - 1]:r} vs {sorted[i]:r}");
        Assert.True(keys[^1] > keys[sorted.Length - 1] && keys[^2] == keys[^1], "every NaN is the largest key");
        TotalOrderKeys.FromKeys(keys);
        for (int i = 0; i < sorted.Length; i++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(sorted[i]), BitConverter.DoubleToInt64Bits(copy[i]));
        Assert.True(double.IsNaN(copy[^1]) && double.IsNaN(copy[^2]));
    }

    private static int TotalOrder(double a, double b) =>
        a == b ? (double.IsNegative(a) ? 1 : 0).CompareTo(double.IsNegative(b) ? 1 : 0) * -1 : a.CompareTo(b);
}
