namespace OptSuite.Solvers;

/// <summary>What <see cref="Lbfgs"/> and <see cref="OwlQn"/> compare with <see cref="SolverOptions.Tolerance"/>.</summary>
public enum QuasiNewtonCriterion
{
    /// <summary>The relative duality gap where the function has one (<see cref="Objectives.IDualityGapProvider"/> with
    /// <c>HasDualityGap</c>), else the relative (pseudo-)gradient norm; also that norm at points where the gap is
    /// infinite (no feasible dual point, as in an unregularised objective). The default.</summary>
    Auto,

    /// <summary>The relative (pseudo-)gradient norm ‖∇F(x)‖∞ / max(1, ‖∇F(x₀)‖∞) alone, even where a gap exists (the
    /// gap is still reported in the result). Cheaper per iteration, but on badly scaled data it can be met far from the
    /// optimum: on raw Fashion-MNIST pixels L-BFGS met it 2.4% above the optimum.</summary>
    Gradient,

    /// <summary>As <see cref="Auto"/>, but a function without a gap is refused (an <see cref="ArgumentException"/> when the
    /// run starts) instead of silently stopping on the gradient norm.</summary>
    DualityGap,
}
