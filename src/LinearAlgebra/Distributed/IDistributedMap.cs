namespace OptSuite.LinearAlgebra.Distributed;

/// <summary>
/// A matrix whose rows are split across the ranks of a communicator: this rank holds <see cref="Local"/>, rows
/// [<see cref="FirstRow"/>, <see cref="FirstRow"/> + Rows) of the <see cref="GlobalRows"/> rows; the feature space is
/// replicated on every rank.
/// </summary>
/// <remarks>
/// Sample-space vectors (scores, residuals, dual variables) are this rank's rows only, so <see cref="ILinearMap.Rows"/>
/// is the local row count and <see cref="ILinearMap.Apply"/> works on local rows without communication. Feature-space
/// results are global: <see cref="ILinearMap.ApplyTranspose"/> and <see cref="ILinearMap.ColumnSquaredNorms"/> sum every
/// rank's part with one all-reduce, so every rank receives the same bits. Objectives reduce their sums over samples
/// (loss values, intercept terms) through <see cref="Communicator"/> as well; that is what makes an unchanged solver
/// (L-BFGS, OWL-QN, FISTA, trust-region Newton) run the distributed problem and follow the same iterates on every rank.
/// </remarks>
public interface IDistributedMap : ILinearMap
{
    /// <summary>This rank's rows.</summary>
    ILinearMap Local { get; }

    /// <summary>The ranks that hold the other rows.</summary>
    ICommunicator Communicator { get; }

    /// <summary>The number of rows over all ranks.</summary>
    long GlobalRows { get; }

    /// <summary>The global index of this rank's first row (ranks hold consecutive ranges in rank order).</summary>
    long FirstRow { get; }
}
