using MathCluster.Deploy.Tests.Support;
using MathCluster.Hosting.Health;
using MathCluster.Hosting.Options;

namespace MathCluster.Deploy.Tests.Kubernetes;

/// <summary>deploy/k8s as a whole: one namespace, a kustomization that applies every file, selectors and ports that meet.</summary>
public class ManifestSetTests
{
    private const string AdminSecretFile = "admin-secret.yaml";

    [Fact]
    public void Objects_Namespace_IsTheOneNamespace()
    {
        var ns = Assert.Single(KubernetesManifests.OfKind("Namespace")).Name;

        foreach (var o in KubernetesManifests.Objects.Where(o => o.Kind != "Namespace"))
            Assert.True(o.Namespace == ns, $"{o.File}: {o.Kind} {o.Name} is in namespace '{o.Namespace}', not '{ns}'");
    }

    [Fact]
    public void Kustomization_Resources_AreEveryFileButTheSecrets()
    {
        var resources = KubernetesManifests.Kustomization.Seq("resources").Select(r => r.Scalar()).ToList();

        Assert.Equal(KubernetesManifests.Files.Where(f => f != AdminSecretFile).Order(), resources.Order());
        Assert.NotEmpty(KubernetesManifests.OfKind("Secret"));
        Assert.All(KubernetesManifests.OfKind("Secret"), s => Assert.Equal(AdminSecretFile, s.File));
    }

    [Fact]
    public void Deployments_Selector_PicksTheirOwnPodTemplate()
    {
        Assert.NotEmpty(KubernetesManifests.Deployments);
        foreach (var deployment in KubernetesManifests.Deployments)
        {
            Assert.True(deployment.PodsMatch(deployment.Selector), $"Deployment {deployment.Name}: selector does not match its pod labels");
            Assert.Single(KubernetesManifests.Deployments, d => d.PodsMatch(deployment.Selector));
        }
    }

    [Fact]
    public void Services_Selector_PicksOneDeploymentAndTargetsAPortItOpens()
    {
        foreach (var service in KubernetesManifests.OfKind("Service"))
        {
            var deployment = Assert.Single(KubernetesManifests.Deployments, d => d.PodsMatch(service.Spec.StringMap("selector")));
            foreach (var port in service.Spec.Seq("ports"))
            {
                var target = port.OptionalStr("targetPort") ?? port.Str("port");
                Assert.True(deployment.Containers.Any(c => c.Ports.ContainsKey(target) || (int.TryParse(target, out var n) && c.Ports.Values.Contains(n))),
                    $"Service {service.Name}: targetPort {target} is not a port of Deployment {deployment.Name}");
            }
        }
    }

    [Fact]
    public void Apps_Images_AreTheOnesComposeBuilds()
    {
        foreach (var app in new[] { DeployedApp.Silo, DeployedApp.Web })
        {
            Assert.Contains(KubernetesManifests.Deployments, d => d.Containers.Any(c => c.Image == app.Image));
            Assert.All(ComposeFile.ServicesOf(app), s => Assert.Equal(app.Image, s.Image));
        }
        var dashboard = Assert.Single(KubernetesManifests.Deployments.SelectMany(d => d.Containers), c => c.Image.StartsWith(AspireDashboard.ImageName, StringComparison.Ordinal));
        Assert.Equal(AspireDashboard.ExpectedImage, dashboard.Image);
    }

    [Fact]
    public void Apps_Telemetry_GoesToTheDashboardServicesOtlpPort()
    {
        var dashboard = Assert.Single(KubernetesManifests.Deployments, d => d.Containers.Any(c => c.Image.StartsWith(AspireDashboard.ImageName, StringComparison.Ordinal)));
        Assert.Contains(AspireDashboard.OtlpGrpcPort, dashboard.Containers.Single().Ports.Values);

        foreach (var container in AppContainers())
        {
            var endpoint = Urls.Parse(container.EnvValue(TelemetryOptions.OtlpEndpointKey));
            var service = KubernetesManifests.Get("Service", endpoint.Host);
            Assert.True(dashboard.PodsMatch(service.Spec.StringMap("selector")), $"{endpoint.Host} is not the dashboard's Service");
            var port = Assert.Single(service.Spec.Seq("ports"), p => p.Int("port") == endpoint.Port);
            Assert.Equal(AspireDashboard.OtlpGrpcPort, dashboard.Containers.Single().ResolvePort(port.Str("targetPort")));
        }
    }

    [Fact]
    public void AppPods_SecurityContext_IsNonRootWithoutPrivilegeEscalation()
    {
        foreach (var deployment in KubernetesManifests.Deployments.Where(d => d.Containers.Any(IsApp)))
        {
            Assert.Equal("true", deployment.PodSpec.Map("securityContext").Str("runAsNonRoot"));
            Assert.All(deployment.Containers, c => Assert.Equal("false", c.Node.Map("securityContext").Str("allowPrivilegeEscalation")));
        }
    }

    [Fact]
    public void AppImages_PullPolicy_LetsLocallyBuiltImagesWork()
    {
        foreach (var container in AppContainers())
            Assert.Equal("IfNotPresent", container.Node.Str("imagePullPolicy"));
    }

    private static bool IsApp(Container c) => c.Image == DeployedApp.Silo.Image || c.Image == DeployedApp.Web.Image;

    private static IEnumerable<Container> AppContainers() => KubernetesManifests.Deployments.SelectMany(d => d.Containers).Where(IsApp);
}
