namespace MathCluster.Deploy.Tests.Support;

/// <summary>Reading ports, hosts and paths out of the URLs the deployment files set.</summary>
public static class Urls
{
    /// <summary>Parses a URL, including ASP.NET Core's "http://+:8080" and "http://*:8080" wildcard hosts.</summary>
    public static Uri Parse(string url) => new(url.Replace("://+", "://any-host").Replace("://*", "://any-host"));

    public static int Port(string url) => Parse(url).Port;

    /// <summary>host:port as a Redis connection string names its server.</summary>
    public static (string Host, int Port) HostAndPort(string endpoint)
    {
        var server = endpoint.Split(',')[0];
        var colon = server.LastIndexOf(':');
        return colon < 0 ? (server, 6379) : (server[..colon], int.Parse(server[(colon + 1)..]));
    }
}
