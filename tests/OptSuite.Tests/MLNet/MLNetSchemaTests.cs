using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using OptSuite.MLNet;
using OptSuite.Models;

namespace OptSuite.Tests.MLNet;

/// <summary>
/// What a trainer declares (GetOutputSchema on a schema shape, which ML.NET's estimator chains check before fitting) is
/// what its transformer writes: every declared column with its type and annotations, for each task — and the declared
/// score columns are ML.NET's own, so downstream estimators (MapKeyToValue) accept them.
/// </summary>
public class MLNetSchemaTests
{
    public static TheoryData<string> Tasks() => ["binary-logistic", "binary-svm", "multiclass", "regression"];

    [Theory]
    [MemberData(nameof(Tasks))]
    public void DeclaredShapeIsWhatTheTransformerWrites(string task)
    {
        var ml = new MLContext(seed: 0);
        var dna = MLNetData.Dna.Value;
        double[] binary = dna.Labels.Select(v => v == 1 ? 1.0 : -1.0).ToArray();
        IDataView data = task switch
        {
            "multiclass" => ml.Transforms.Conversion.MapValueToKey("Label").Fit(MLNetData.Numeric(ml, dna.Features, dna.Labels)).Transform(MLNetData.Numeric(ml, dna.Features, dna.Labels)),
            "regression" => MLNetData.Numeric(ml, dna.Features, dna.Labels),
            _ => MLNetData.Binary(ml, dna.Features, binary),
        };
        (SchemaShape declared, ITransformer fitted) = task switch
        {
            "binary-logistic" => Declare(ml.BinaryClassification.Trainers.OptSuite(new LogisticRegression()), data),
            "binary-svm" => Declare(ml.BinaryClassification.Trainers.OptSuite(new LinearSvm()), data),
            "multiclass" => Declare(ml.MulticlassClassification.Trainers.OptSuite(new LogisticRegression()), data),
            _ => Declare(ml.Regression.Trainers.OptSuite(new Ridge()), data),
        };
        var written = fitted.GetOutputSchema(data.Schema);
        Assert.Equal(written, fitted.Transform(data).Schema, SchemaComparer);
        string[] scores = task switch
        {
            "binary-logistic" => ["Score", "Probability", "PredictedLabel"],
            "binary-svm" => ["Score", "PredictedLabel"],
            "multiclass" => ["Score", "PredictedLabel"],
            _ => ["Score"],
        };
        Assert.Equal(data.Schema.Select(c => c.Name).Concat(scores), written.Select(c => c.Name));
        foreach (var column in declared)
        {
            var actual = written[column.Name];
            Assert.Equal((column.Name, column.Kind, column.ItemType, column.IsKey), Shape(actual.Name, actual.Type));
            foreach (var annotation in column.Annotations)
            {
                var a = actual.Annotations.Schema.GetColumnOrNull(annotation.Name);
                Assert.True(a is not null, $"{column.Name} lacks the annotation {annotation.Name}");
                var (_, kind, item, key) = Shape(annotation.Name, a.Value.Type);
                Assert.Equal((annotation.Kind, annotation.ItemType, annotation.IsKey), (kind, item, key));
            }
        }
    }

    /// <summary>The declared output shape (from the shape of <paramref name="data"/>, made by ML.NET's own SchemaShape.Create,
    /// internal to ML.NET, so called by reflection in this test only) and the fitted transformer.</summary>
    private static (SchemaShape, ITransformer) Declare<T>(IEstimator<T> trainer, IDataView data) where T : ITransformer
    {
        var create = typeof(SchemaShape).GetMethod("Create", BindingFlags.Static | BindingFlags.NonPublic, [typeof(DataViewSchema)])!;
        var input = (SchemaShape)create.Invoke(null, [data.Schema])!;
        return (trainer.GetOutputSchema(input), trainer.Fit(data));
    }

    /// <summary>A column's (name, vector kind, item type, is key) as SchemaShape describes it.</summary>
    private static (string, SchemaShape.Column.VectorKind, DataViewType, bool) Shape(string name, DataViewType type)
    {
        var kind = type is VectorDataViewType v ? (v.IsKnownSize ? SchemaShape.Column.VectorKind.Vector : SchemaShape.Column.VectorKind.VariableVector) : SchemaShape.Column.VectorKind.Scalar;
        var item = type is VectorDataViewType vector ? vector.ItemType : type;
        bool key = item is KeyDataViewType;
        if (key) item = item.RawType == typeof(uint) ? NumberDataViewType.UInt32 : item.RawType == typeof(ulong) ? NumberDataViewType.UInt64
            : item.RawType == typeof(ushort) ? NumberDataViewType.UInt16 : NumberDataViewType.Byte;
        return (name, kind, item, key);
    }

    private static readonly IEqualityComparer<DataViewSchema> SchemaComparer = EqualityComparer<DataViewSchema>.Create(
        (a, b) => a!.Select(c => (c.Name, c.Type, c.IsHidden)).SequenceEqual(b!.Select(c => (c.Name, c.Type, c.IsHidden))));
}
