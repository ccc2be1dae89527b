using System.Text.Json;
using System.Text.Json.Serialization;

namespace MathCluster.Silo.Health;

/// <summary>The body of the silo's health answers: status, and for readiness the silo and its membership status.</summary>
public sealed record SiloHealth(string Status, string? Silo, string? Membership);

/// <summary>Source-generated JSON for the slim host, which has no reflection-based serializer defaults.</summary>
[JsonSerializable(typeof(SiloHealth))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
public sealed partial class SiloHealthJson : JsonSerializerContext;
