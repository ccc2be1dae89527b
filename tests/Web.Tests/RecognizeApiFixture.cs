using MathCluster.Web.Tests.Support;

namespace MathCluster.Web.Tests;

/// <summary>One in-memory web host (TestServer) with its embedded silo on free ports, shared by the API tests of one class.</summary>
public sealed class RecognizeApiFixture : IAsyncLifetime
{
    public MathWebFactory Factory { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Client = Factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
