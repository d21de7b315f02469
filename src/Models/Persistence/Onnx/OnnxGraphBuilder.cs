namespace OptSuite.Models.Persistence.Onnx;

/// <summary>
/// Collects the nodes, initializers and outputs of one graph of default-domain (ai.onnx) operators. Each node is named
/// after the value it computes, so names are unique and the same model always gives the same graph.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private readonly List<NodeProto> _nodes = [];
    private readonly List<TensorProto> _initializers = [];
    private readonly List<ValueInfoProto> _outputs = [];

    /// <summary>The nodes so far, in the order added (a topological order: a node's inputs are added before it).</summary>
    public IReadOnlyList<NodeProto> Nodes => _nodes;

    /// <summary>The constants so far.</summary>
    public IReadOnlyList<TensorProto> Initializers => _initializers;

    /// <summary>The graph outputs so far, in the order declared.</summary>
    public IReadOnlyList<ValueInfoProto> Outputs => _outputs;

    /// <summary>Adds a constant; returns its name.</summary>
    public string Constant(TensorProto tensor)
    {
        _initializers.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Adds the node <paramref name="op"/>(<paramref name="inputs"/>) computing <paramref name="output"/>; returns
    /// the output's name.</summary>
    public string Node(string op, string output, IReadOnlyList<string> inputs, IReadOnlyList<AttributeProto>? attributes = null)
    {
        _nodes.Add(new NodeProto { OpType = op, Name = $"{op}_{output}", Inputs = inputs, Outputs = [output], Attributes = attributes ?? [] });
        return output;
    }

    /// <summary>Declares <paramref name="name"/> a graph output of the given type and shape.</summary>
    public void Output(string name, OnnxDataType type, IReadOnlyList<TypeProto.Dim> shape, string doc) =>
        _outputs.Add(new ValueInfoProto { Name = name, Type = new TypeProto { ElementType = type, Shape = shape }, DocString = doc });
}
