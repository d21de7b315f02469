namespace OptSuite.Prox;

/// <summary>The directions in which an unpenalised coordinate may move without bound and at no cost.</summary>
[Flags]
public enum FreeDirections
{
    /// <summary>Neither: the coordinate is penalised, or boxed on both sides.</summary>
    None = 0,

    /// <summary>Towards −∞ (no lower bound).</summary>
    Down = 1,

    /// <summary>Towards +∞ (no upper bound).</summary>
    Up = 2,

    /// <summary>Both: r_j ≡ 0 on the whole line.</summary>
    Both = Down | Up,
}
