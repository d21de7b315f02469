using OptSuite.LinearAlgebra;
using OptSuite.LinearAlgebra.Distributed;

namespace OptSuite.Objectives;

/// <summary>
/// Sums and maxima over samples: the local value when X is in one process, the all-reduced one when X's rows are
/// distributed (<see cref="IDistributedMap"/>), so every rank gets the same bits. The one seam through which an objective
/// combines sample-space quantities (solvers that sum over samples themselves, as trust-region Newton, use it too).
/// </summary>
public readonly struct SampleSums
{
    private readonly ICommunicator? _communicator;

    private SampleSums(ICommunicator? communicator) => _communicator = communicator;

    /// <summary>The sums for the data <paramref name="a"/>.</summary>
    /// <param name="a">The data.</param>
    public static SampleSums Of(ILinearMap a) => new((a as IDistributedMap)?.Communicator);

    /// <summary>Whether the samples are spread over more than one rank.</summary>
    public bool Distributed => _communicator is { Size: > 1 };

    /// <summary>The number of samples over all ranks.</summary>
    /// <param name="a">The data.</param>
    public static long GlobalRows(ILinearMap a) => a is IDistributedMap d ? d.GlobalRows : a.Rows;

    /// <summary>Σ over ranks.</summary>
    /// <param name="local">This rank's part.</param>
    public double Sum(double local)
    {
        if (_communicator is null) return local;
        Span<double> v = [local];
        _communicator.AllReduceSum(v);
        return v[0];
    }

    /// <summary>Both sums over ranks in one all-reduce.</summary>
    /// <param name="a">This rank's first part.</param>
    /// <param name="b">This rank's second part.</param>
    public (double A, double B) Sum(double a, double b)
    {
        if (_communicator is null) return (a, b);
        Span<double> v = [a, b];
        _communicator.AllReduceSum(v);
        return (v[0], v[1]);
    }

    /// <summary>In place, Σ over ranks.</summary>
    /// <param name="values">This rank's parts; the sums on return.</param>
    public void Sum(Span<double> values) => _communicator?.AllReduceSum(values);

    /// <summary>The maximum over ranks.</summary>
    /// <param name="local">This rank's value.</param>
    public double Max(double local)
    {
        if (_communicator is null) return local;
        Span<double> v = [local];
        _communicator.AllReduceMax(v);
        return v[0];
    }
}
