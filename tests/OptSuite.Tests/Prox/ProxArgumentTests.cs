using OptSuite.Prox;
using OptSuite.Prox.Indicators;
using OptSuite.Prox.Regularizers;

namespace OptSuite.Tests.Prox;

public class ProxArgumentTests
{
    private static void Throws(string parameter, Action action)
    {
        var e = Assert.ThrowsAny<ArgumentException>(action);
        Assert.Equal(parameter, e.ParamName);
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }

    public static TheoryData<double> BadStrengths() => [-1.0, -1e-300, double.NaN, double.PositiveInfinity, double.NegativeInfinity];

    public static TheoryData<double> BadRadii() => [0.0, -1.0, double.NaN, double.PositiveInfinity];

    [Theory, MemberData(nameof(BadStrengths))]
    public void Strengths_must_be_finite_and_non_negative(double lambda)
    {
        Throws("lambda", () => new L1Norm(lambda));
        Throws("lambda", () => new L1Norm(lambda, [1.0]));
        Throws("lambda", () => new NonNegativeL1Norm(lambda));
        Throws("lambda", () => new SquaredL2Norm(lambda));
        Throws("lambda", () => new ElasticNet(lambda, 0.5));
        Throws("lambda", () => new NonNegativeElasticNet(lambda, 0.5, [1.0]));
        Throws("lambda", () => new L21Norm(2, 2, lambda));
        Throws("lambda", () => new GroupLasso(BlockPartition.FromSizes([2]), lambda));
        Throws("lambda", () => new NonNegativeGroupLasso(BlockPartition.FromSizes([2]), lambda));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0000001)]
    [InlineData(double.NaN)]
    public void L1_ratio_must_lie_in_the_unit_interval(double alpha)
    {
        Throws("l1Ratio", () => new ElasticNet(1, alpha));
        Throws("l1Ratio", () => new ElasticNet(1, alpha, [1.0]));
        Throws("l1Ratio", () => new NonNegativeElasticNet(1, alpha));
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Weights_must_be_finite_and_non_negative(double bad)
    {
        Throws("weights", () => new L1Norm(1, [1.0, bad]));
        Throws("weights", () => new NonNegativeL1Norm(1, [bad]));
        Throws("weights", () => new ElasticNet(1, 0.5, [0.0, bad]));
        Throws("weights", () => new NonNegativeElasticNet(1, 0.5, [bad, 1.0]));
        Throws("groupWeights", () => new GroupLasso(BlockPartition.FromSizes([1, 2]), 1, [1.0, bad]));
        Throws("groupWeights", () => new NonNegativeGroupLasso(BlockPartition.FromSizes([1, 2]), 1, [bad, 1.0]));
    }

    [Fact]
    public void Shapes_must_match()
    {
        Throws("groupWeights", () => new GroupLasso(BlockPartition.FromSizes([1, 2]), 1, [1.0]));
        Throws("blocks", () => new GroupLasso(null!, 1));
        Throws("blocks", () => new NonNegativeGroupLasso(null!, 1));
        Throws("rows", () => new L21Norm(-1, 2, 1));
        Throws("columns", () => new L21Norm(2, 0, 1));
        Throws("upper", () => new Box([0.0, 0.0], [1.0]));
        Throws("normal", () => Projections.Hyperplane([1.0, 2.0], [1.0], 0, new double[2]));
        Throws("lower", () => Projections.Box([1.0, 2.0], [0.0], [1.0, 1.0], new double[2]));
    }

    [Theory, MemberData(nameof(BadRadii))]
    public void Radii_must_be_finite_and_positive(double r)
    {
        Throws("radius", () => new Simplex(r));
        Throws("radius", () => new L1Ball(r));
        Throws("radius", () => new L2Ball(r));
        Throws("radius", () => new LInfinityBall(r));
        Throws("radius", () => Projections.Simplex([1.0], r, new double[1]));
        Throws("radius", () => Projections.SimplexBySorting([1.0], r, new double[1]));
        Throws("radius", () => Projections.L1Ball([1.0], r, new double[1]));
        Throws("radius", () => Projections.L2Ball([1.0], r, new double[1]));
        Throws("radius", () => Projections.LInfinityBall([1.0], r, new double[1]));
    }

    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(double.NaN, 1.0)]
    [InlineData(0.0, double.NaN)]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity, double.NegativeInfinity)]
    public void Box_bounds_must_form_a_non_empty_interval(double lower, double upper)
    {
        Throws("lower", () => new Box(lower, upper));
        Throws("lower", () => new Box([0.0, lower], [1.0, upper]));
        Throws("lower", () => Projections.Box([1.0], lower, upper, new double[1]));
    }

    [Fact]
    public void Affine_sets_need_a_non_zero_finite_normal_and_a_finite_offset()
    {
        Throws("normal", () => new Hyperplane([0.0, 0.0], 1));
        Throws("normal", () => new Halfspace([1.0, double.NaN], 1));
        Throws("normal", () => new Halfspace([], 1));
        Throws("offset", () => new Hyperplane([1.0], double.PositiveInfinity));
        Throws("offset", () => new Halfspace([1.0], double.NaN));
        Throws("normal", () => Projections.Halfspace([1.0], [0.0], 1, new double[1]));
        Throws("offset", () => Projections.Hyperplane([1.0], [1.0], double.NaN, new double[1]));
    }

    [Fact]
    public void Empty_simplex_is_rejected()
    {
        Throws("v", () => Projections.Simplex([], 1, []));
        Throws("v", () => new Simplex(1).Prox([], 1, []));
    }

    public static TheoryData<string> AllNames() => RegularizerCatalog.Names();

    [Theory, MemberData(nameof(AllNames))]
    public void Prox_checks_lengths_and_overlap(string name)
    {
        var reg = RegularizerCatalog.Get(name)(6, new Random(1));
        var v = new double[] { 1, -2, 0.5, 0, 3, -1 };
        Throws("result", () => reg.Prox(v, 1, new double[5]));
        var buffer = new double[7];
        v.CopyTo(buffer, 0);
        Throws("result", () => reg.Prox(buffer.AsSpan(0, 6), 1, buffer.AsSpan(1, 6)));
    }

    [Theory, MemberData(nameof(AllNames))]
    public void Fixed_dimension_regularisers_reject_other_lengths(string name)
    {
        var reg = RegularizerCatalog.Get(name)(6, new Random(1));
        bool fixedDimension = reg is IBlockRegularizer || reg is Hyperplane || reg is Halfspace
            || (reg is L1Norm l && !l.Weights.IsEmpty) || (reg is NonNegativeL1Norm n && !n.Weights.IsEmpty)
            || (reg is ElasticNet e && !e.Weights.IsEmpty) || (reg is NonNegativeElasticNet ne && !ne.Weights.IsEmpty)
            || (reg is Box && name == "box-vector");
        if (!fixedDimension) return;
        var v = new double[5];
        Assert.ThrowsAny<ArgumentException>(() => reg.Prox(v, 1, new double[5]));
        Assert.ThrowsAny<ArgumentException>(() => reg.Value(v));
        Assert.ThrowsAny<ArgumentException>(() => reg.Conjugate(v));
        Assert.ThrowsAny<ArgumentException>(() => reg.ConjugateDomainGauge(v));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Steps_must_be_finite_and_positive(double step)
    {
        var v = new double[] { 1, 2 };
        var p = new double[2];
        Throws("step", () => new L1Norm(1).Prox(v, step, p));
        Throws("step", () => new ZeroRegularizer().Prox(v, step, p));
        Throws("step", () => new SquaredL2Norm(1).Prox(v, step, p));
        Throws("step", () => new ElasticNet(1, 0.5).Prox(v, step, p));
        Throws("step", () => new NonNegativeElasticNet(1, 0.5).Prox(v, step, p));
        Throws("step", () => new NonNegativeL1Norm(1).Prox(v, step, p));
        Throws("step", () => new L21Norm(1, 2, 1).Prox(v, step, p));
        Throws("step", () => new GroupLasso(BlockPartition.FromSizes([2]), 1).ProxBlock(v, step, 0, p));
    }
}
