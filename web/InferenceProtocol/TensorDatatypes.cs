namespace MathCluster.Web.InferenceProtocol;

/// <summary>The protocol's datatype names this server reads or writes.</summary>
public static class TensorDatatypes
{
    public const string Fp32 = "FP32";
    public const string Uint8 = "UINT8";
    public const string Bytes = "BYTES";

    /// <summary>Bytes per element of an input datatype the model accepts, or 0 when it accepts no such input.</summary>
    public static int InputElementSize(string datatype) => datatype switch
    {
        Fp32 => sizeof(float),
        Uint8 => sizeof(byte),
        _ => 0,
    };
}
