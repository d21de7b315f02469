using System.Runtime.ExceptionServices;

namespace OptSuite.LinearAlgebra.Distributed;

public sealed partial class InProcessCommunicator
{
    /// <summary>
    /// Runs <paramref name="body"/> as ranks 0 … <paramref name="size"/> − 1 of a new group, one thread each, and
    /// returns each rank's result (element r from rank r). When a rank throws, the group is aborted so the others stop
    /// waiting, and that exception is rethrown here (an <see cref="AggregateException"/> when several ranks failed on
    /// their own). <paramref name="timeout"/> bounds every wait, so a rank that never joins fails the run.
    /// </summary>
    public static T[] Run<T>(int size, Func<ICommunicator, T> body, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        InProcessCommunicator[] ranks = Create(size, timeout);
        var results = new T[size];
        var errors = new Exception?[size];
        var threads = new Thread[size];
        for (int r = 0; r < size; r++)
        {
            int rank = r;
            threads[r] = new Thread(() =>
            {
                try
                {
                    results[rank] = body(ranks[rank]);
                }
                catch (Exception e)
                {
                    errors[rank] = e;
                    ranks[rank].Abort($"rank {rank} threw {e.GetType().Name}: {e.Message}");
                }
                finally
                {
                    ranks[rank].Dispose();
                }
            })
            {
                IsBackground = true,   // a rank stuck outside a collective must not keep the process alive
                Name = $"in-process rank {rank} of {size}",
            };
        }
        foreach (Thread t in threads) t.Start();
        foreach (Thread t in threads) t.Join();

        // Causes first: a rank released by another's abort only reports the consequence.
        var causes = errors.Where(e => e is not null and not GroupAbortedException).Cast<Exception>().ToList();
        if (causes.Count == 1) ExceptionDispatchInfo.Capture(causes[0]).Throw();
        if (causes.Count > 1) throw new AggregateException($"{causes.Count} of {size} ranks failed", causes);
        var rest = errors.Where(e => e is not null).Cast<Exception>().ToList();
        if (rest.Count > 0) throw new AggregateException($"the group was aborted; {rest.Count} of {size} ranks failed", rest);
        return results;
    }

    /// <summary>Runs <paramref name="body"/> on ranks 0 … <paramref name="size"/> − 1, as <see cref="Run{T}"/>.</summary>
    public static void Run(int size, Action<ICommunicator> body, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        Run(size, c => { body(c); return true; }, timeout);
    }
}
