using OptSuite.Models;

namespace OptSuite.Tests.Models.Registry;

/// <summary>The model registry: unique names that are the estimators' own, option binding that refuses what a model
/// does not take, and paths only where a model has one.</summary>
public class ModelRegistryTests
{
    [Fact]
    public void EveryEntryBuildsTheEstimatorOfItsName()
    {
        Assert.Equal(ModelRegistry.Names.Count, ModelRegistry.Names.Distinct().Count());
        foreach (var m in ModelRegistry.All)
        {
            var e = m.Create();
            Assert.Equal(m.Name, e.ModelName);
            Assert.Same(m, ModelRegistry.Find(m.Name.ToUpperInvariant()));
            Assert.Equal(m.Task == ModelTask.Classification, e is LinearClassifier);
            Assert.Equal(m.Task == ModelTask.MultiTask, e is MultiTaskLasso);
        }
        Assert.Null(ModelRegistry.Find("ridgeless"));
        Assert.Contains("models: ridge, lasso", Assert.Throws<ArgumentException>(() => ModelRegistry.Get("ridgeless")).Message);
    }

    [Fact]
    public void AnOptionAModelDoesNotTakeIsRefusedByName()
    {
        foreach (var m in ModelRegistry.All)
            foreach (ModelOption o in Enum.GetValues<ModelOption>())
            {
                var s = o switch
                {
                    ModelOption.Penalty => new ModelSettings { Penalty = Penalty.ElasticNet },
                    ModelOption.L1Ratio => new ModelSettings { L1Ratio = 0.5 },
                    // --loss names an SVM loss for the classifiers and an SVR loss for the model that takes --epsilon.
                    ModelOption.Loss when m.Options.Contains(ModelOption.Epsilon) => new ModelSettings { SvrLoss = SvrLoss.SquaredEpsilonInsensitive },
                    ModelOption.Loss => new ModelSettings { Loss = SvmLoss.Hinge, Multiclass = m.Options.Contains(ModelOption.Multiclass) ? MulticlassStrategy.OneVsRest : null },
                    ModelOption.Epsilon => new ModelSettings { Epsilon = 0.2 },
                    ModelOption.Multiclass => new ModelSettings { Multiclass = MulticlassStrategy.OneVsRest },
                    ModelOption.Delta => new ModelSettings { Delta = 2 },
                    ModelOption.Quantile => new ModelSettings { Quantile = 0.25 },
                    ModelOption.GroupSize => new ModelSettings { GroupSize = 2 },
                    ModelOption.InterceptScaling => new ModelSettings { InterceptScaling = 2 },
                    ModelOption.PenaltyFactors => new ModelSettings { PenaltyFactors = [1] },
                    ModelOption.Positive => new ModelSettings { Positive = true },
                    ModelOption.LowerBound => new ModelSettings { LowerBound = -1 },
                    ModelOption.UpperBound => new ModelSettings { UpperBound = 1 },
                    ModelOption.Standardize => new ModelSettings { Standardize = true },
                    ModelOption.Power => new ModelSettings { Power = 1.2 },
                    ModelOption.Ties => new ModelSettings { Ties = OptSuite.Objectives.Survival.CoxTies.Efron },
                    _ => new ModelSettings { ClassWeight = ClassWeights.Balanced },
                };
                if (m.Options.Contains(o)) Assert.NotNull(m.Create(s));
                else if (m.Task == ModelTask.Survival && o == ModelOption.InterceptScaling)
                    Assert.StartsWith($"{ModelSettings.CommandLineName(o)} does not apply to --model {m.Name}: a Cox model has no intercept", Assert.Throws<ArgumentException>(() => m.Create(s)).Message);
                else Assert.Equal($"{ModelSettings.CommandLineName(o)} does not apply to --model {m.Name}.", Assert.Throws<ArgumentException>(() => m.Create(s)).Message);
            }
        var delta = (HuberRegressor)ModelRegistry.Get("huber").Create(new ModelSettings { Delta = 2.5, Penalty = Penalty.L1 });
        Assert.Equal((2.5, Penalty.L1), (delta.Delta, delta.Penalty));
        Assert.Contains("--l1-ratio applies to --penalty elastic-net, not l2",
            Assert.Throws<ArgumentException>(() => ModelRegistry.Get("logistic").Create(new ModelSettings { Penalty = Penalty.L2, L1Ratio = 0.5 })).Message);
    }

    [Fact]
    public void PathsExistForTheLassoElasticNetAndLogisticModels()
    {
        Assert.Equal(["lasso", "elastic-net", "logistic", "multinomial", "poisson", "gamma", "tweedie", "cox"], ModelRegistry.All.Where(m => m.HasPath).Select(m => m.Name));
        Assert.IsType<MultinomialPath>(ModelRegistry.Get("multinomial").CreatePath());
        Assert.IsType<CoxPath>(ModelRegistry.Get("cox").CreatePath());
        Assert.Equal(1.3, ((TweediePath)ModelRegistry.Get("tweedie").CreatePath(new ModelSettings { Power = 1.3 })).Power);
        Assert.Equal(0.5, ((PoissonPath)ModelRegistry.Get("poisson").CreatePath(new ModelSettings { Penalty = Penalty.ElasticNet })).L1Ratio);
        Assert.Equal(1.0, ((GammaPath)ModelRegistry.Get("gamma").CreatePath()).L1Ratio);
        Assert.IsType<LogisticPath>(ModelRegistry.Get("logistic").CreatePath());
        Assert.Equal(1.0, ((LogisticPath)ModelRegistry.Get("logistic").CreatePath()).L1Ratio);   // glmnet's L1-logistic path by default
        Assert.Equal(0.0, ((LogisticPath)ModelRegistry.Get("logistic").CreatePath(new ModelSettings { Penalty = Penalty.L2 })).L1Ratio);
        Assert.Contains("has no regularisation path", Assert.Throws<InvalidOperationException>(() => ModelRegistry.Get("ridge").CreatePath()).Message);
    }
}
