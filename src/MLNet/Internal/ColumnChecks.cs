using Microsoft.ML;
using Microsoft.ML.Data;

namespace OptSuite.MLNet.Internal;

/// <summary>
/// The checks of a trainer's input columns, on a schema (Fit, Transform) and on a schema shape (GetOutputSchema), with
/// one message per problem that names the column and says what ML.NET step makes the expected type. The types are
/// ML.NET's own trainers' conventions, so a column that suits them suits these.
/// </summary>
internal static class ColumnChecks
{
    public static DataViewSchema.Column Find(DataViewSchema schema, string role, string name)
    {
        if (schema.GetColumnOrNull(name) is { } column) return column;
        var names = schema.Where(c => !c.IsHidden).Select(c => $"'{c.Name}'");
        throw new ArgumentException($"The {role} column '{name}' is not in the data (its columns: {string.Join(", ", names)}).", "input");
    }

    /// <summary>The feature column: a vector of Single of known size p; returns p.</summary>
    public static int Features(DataViewSchema schema, string name, out DataViewSchema.Column column)
    {
        column = Find(schema, "feature", name);
        if (column.Type is VectorDataViewType { ItemType: NumberDataViewType n, IsKnownSize: true } v && n == NumberDataViewType.Single)
            return v.Size;
        throw WrongFeatures(name, TypeName(column.Type));
    }

    public static DataViewSchema.Column Label(DataViewSchema schema, string name, LabelKind kind)
    {
        var column = Find(schema, "label", name);
        bool fits = kind switch
        {
            LabelKind.Boolean => column.Type == BooleanDataViewType.Instance,
            LabelKind.Key => column.Type is KeyDataViewType,
            _ => column.Type == NumberDataViewType.Single,
        };
        return fits ? column : throw WrongLabel(name, TypeName(column.Type), kind);
    }

    public static DataViewSchema.Column Weight(DataViewSchema schema, string name)
    {
        var column = Find(schema, "example weight", name);
        return column.Type == NumberDataViewType.Single ? column : throw WrongWeight(name, TypeName(column.Type));
    }

    /// <summary>The offset column: Single (a known term of each row's score, as the example weight column is one number).</summary>
    public static DataViewSchema.Column Offset(DataViewSchema schema, string name)
    {
        var column = Find(schema, "offset", name);
        return column.Type == NumberDataViewType.Single ? column : throw WrongOffset(name, TypeName(column.Type));
    }

    /// <summary>The same checks on a schema shape (what an estimator chain propagates before it fits).</summary>
    public static void Shape(SchemaShape shape, string features, string label, LabelKind kind, string? weight, string? offset = null)
    {
        var f = Find(shape, "feature", features);
        if (!(f.Kind == SchemaShape.Column.VectorKind.Vector && !f.IsKey && f.ItemType == NumberDataViewType.Single))
            throw WrongFeatures(features, Describe(f));
        var l = Find(shape, "label", label);
        bool scalar = l.Kind == SchemaShape.Column.VectorKind.Scalar;
        bool fits = kind switch
        {
            LabelKind.Boolean => scalar && !l.IsKey && l.ItemType == BooleanDataViewType.Instance,
            LabelKind.Key => scalar && l.IsKey,
            _ => scalar && !l.IsKey && l.ItemType == NumberDataViewType.Single,
        };
        if (!fits) throw WrongLabel(label, Describe(l), kind);
        if (weight is not null)
        {
            var w = Find(shape, "example weight", weight);
            if (!IsSingle(w)) throw WrongWeight(weight, Describe(w));
        }
        if (offset is not null)
        {
            var o = Find(shape, "offset", offset);
            if (!IsSingle(o)) throw WrongOffset(offset, Describe(o));
        }
    }

    private static bool IsSingle(SchemaShape.Column c) =>
        c.Kind == SchemaShape.Column.VectorKind.Scalar && !c.IsKey && c.ItemType == NumberDataViewType.Single;

    private static SchemaShape.Column Find(SchemaShape shape, string role, string name)
    {
        foreach (var c in shape) if (c.Name == name) return c;
        throw new ArgumentException($"The {role} column '{name}' is not in the data (its columns: {string.Join(", ", shape.Select(c => $"'{c.Name}'"))}).", "inputSchema");
    }

    private static string Describe(SchemaShape.Column c)
    {
        string item = c.IsKey ? $"Key<{TypeName(c.ItemType)}>" : TypeName(c.ItemType);
        return c.Kind switch
        {
            SchemaShape.Column.VectorKind.Vector => $"Vector<{item}>",
            SchemaShape.Column.VectorKind.VariableVector => $"VarVector<{item}> (a vector of unknown size)",
            _ => item,
        };
    }

    private static string TypeName(DataViewType type) => type.ToString() ?? type.GetType().Name;

    private static ArgumentException WrongFeatures(string name, string type) => new(
        $"The feature column '{name}' is {type}; OptSuite trainers need a vector of Single of known size, as ML.NET's trainers do " +
        "(mlContext.Transforms.Concatenate or a featuriser such as FeaturizeText makes one; Conversion.ConvertType makes Single of Double).", "input");

    private static ArgumentException WrongLabel(string name, string type, LabelKind kind) => new(kind switch
    {
        LabelKind.Boolean => $"The label column '{name}' is {type}; a binary classifier needs Boolean labels (true = the positive class), " +
            "as ML.NET's binary trainers do (mlContext.Transforms.Conversion.ConvertType or CustomMapping makes them).",
        LabelKind.Key => $"The label column '{name}' is {type}; a multiclass classifier needs key-typed labels, as ML.NET's multiclass " +
            $"trainers do: mlContext.Transforms.Conversion.MapValueToKey(\"{name}\") makes them.",
        _ => $"The label column '{name}' is {type}; a regressor needs Single labels, as ML.NET's regression trainers do " +
            "(mlContext.Transforms.Conversion.ConvertType makes them).",
    }, "input");

    private static ArgumentException WrongWeight(string name, string type) =>
        new($"The example weight column '{name}' is {type}; it must be Single, as for ML.NET's trainers.", "input");

    private static ArgumentException WrongOffset(string name, string type) =>
        new($"The offset column '{name}' is {type}; it must be Single, one known term of each row's score " +
            "(mlContext.Transforms.Conversion.ConvertType makes Single of Double).", "input");
}
