using MathCluster.Grains.Corrections;
using MathCluster.Grains.Models;
using MathCluster.Hosting.Health;
using MathCluster.Hosting.Options;
using MathCluster.Hosting.Warmup;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace MathCluster.Hosting;

/// <summary>
/// What every process of the cluster shares, in one call as Aspire's ServiceDefaults does: every settings area bound
/// and validated at start-up, OpenTelemetry, and the liveness check. Hosts add their readiness checks and the
/// clustering (<see cref="RecognizerSilo"/>).
/// </summary>
public static class ClusterDefaults
{
    public static IHostApplicationBuilder AddClusterDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        var services = builder.Services;
        services.AddValidatedOptions<ClusterOptions>(ClusterOptions.Section);
        services.AddValidatedOptions<ClusterRetryOptions>(ClusterRetryOptions.Section);
        services.AddValidatedOptions<ModelOptions>(ModelOptions.Section);
        services.AddValidatedOptions<StorageOptions>(StorageOptions.Section);
        services.AddValidatedOptions<AdminOptions>(AdminOptions.Section);
        services.AddValidatedOptions<BatchingOptions>(BatchingOptions.Section);
        services.AddValidatedOptions<LimitsOptions>(LimitsOptions.Section);
        services.AddValidatedOptions<LoadSheddingOptions>(LoadSheddingOptions.Section);
        services.AddValidatedOptions<TelemetryOptions>(TelemetryOptions.Section);
        services.AddValidatedOptions<CorrectionOptions>(CorrectionOptions.Section);
        services.AddValidatedOptions<WarmupOptions>(WarmupOptions.Section);

        builder.AddClusterTelemetry(serviceName);
        services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy("The process answers"), [HealthTags.Live]);
        return builder;
    }

    /// <summary>A silo's readiness: Active in membership, a model session open and the pipeline warmed up.</summary>
    public static IHealthChecksBuilder AddSiloReadiness(this IHealthChecksBuilder checks) => checks
        .AddCheck<SiloActiveHealthCheck>(SiloActiveHealthCheck.Name, tags: [HealthTags.Ready])
        .AddCheck<ModelLoadedHealthCheck>(ModelLoadedHealthCheck.Name, tags: [HealthTags.Ready])
        .AddPipelineWarmup();

    /// <summary>Warms the silo's pipeline at start; readiness waits for it.</summary>
    public static IHealthChecksBuilder AddPipelineWarmup(this IHealthChecksBuilder checks)
    {
        checks.Services.AddSingleton<PipelineWarmup>();
        checks.Services.AddHostedService(services => services.GetRequiredService<PipelineWarmup>());
        return checks.Add(new HealthCheckRegistration(PipelineWarmup.Name, services => services.GetRequiredService<PipelineWarmup>(), null, [HealthTags.Ready]));
    }

    /// <summary>Every settings area with its section, for documentation and deployment checks.</summary>
    public static IReadOnlyDictionary<string, Type> SettingsAreas { get; } = new Dictionary<string, Type>
    {
        [ClusterOptions.Section] = typeof(ClusterOptions),
        [ClusterRetryOptions.Section] = typeof(ClusterRetryOptions),
        [ModelOptions.Section] = typeof(ModelOptions),
        [StorageOptions.Section] = typeof(StorageOptions),
        [AdminOptions.Section] = typeof(AdminOptions),
        [BatchingOptions.Section] = typeof(BatchingOptions),
        [LimitsOptions.Section] = typeof(LimitsOptions),
        [LoadSheddingOptions.Section] = typeof(LoadSheddingOptions),
        [TelemetryOptions.Section] = typeof(TelemetryOptions),
        [CorrectionOptions.Section] = typeof(CorrectionOptions),
        [WarmupOptions.Section] = typeof(WarmupOptions),
    };
}
