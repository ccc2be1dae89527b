using System.Net.Sockets;
using System.Text;

namespace MathCluster.TestSupport;

/// <summary>
/// Debian's redis-server on a free loopback port with a temporary directory and no persistence: the test cluster's
/// membership table and grain storage, gone with the fixture.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string Executable = "/usr/bin/redis-server";

    private readonly ChildProcess _process;
    private readonly string _directory;

    private RedisServer(ChildProcess process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static bool Installed => File.Exists(Executable);

    public static async Task<RedisServer> StartAsync()
    {
        int port = FreePort.Next();
        var directory = Directory.CreateTempSubdirectory("mathcluster-redis-").FullName;
        var process = ChildProcess.Start("redis", Executable,
            ["--port", $"{port}", "--bind", "127.0.0.1", "--dir", directory, "--save", "", "--appendonly", "no", "--daemonize", "no"]);
        var server = new RedisServer(process, directory, port);
        bool up = await Eventually.TrueAsync(async () =>
        {
            if (process.HasExited) throw new InvalidOperationException("redis-server exited:\n" + process.RecentOutput);
            return await server.PingAsync();
        }, TimeSpan.FromSeconds(20));
        if (!up) throw new TimeoutException("redis-server did not answer PING within 20 s:\n" + process.RecentOutput);
        return server;
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            int read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Temporary space; nothing else uses it.
        }
    }
}
