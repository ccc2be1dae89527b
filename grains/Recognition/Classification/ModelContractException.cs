namespace MathCluster.Recognition.Classification;

/// <summary>A model that does not load or does not match the input/output contract; the message lists the reasons.</summary>
public sealed class ModelContractException(string message) : Exception(message);
