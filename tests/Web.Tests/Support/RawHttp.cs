using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace MathCluster.Web.Tests.Support;

/// <summary>HTTP/1.1 on a raw socket, for tests that must control when each byte of a request is sent.</summary>
public static class RawHttp
{
    /// <summary>Status, media type and body of one HTTP/1.1 response (Content-Length or chunked).</summary>
    public static async Task<(int Code, string? ContentType, string Body)> ReadResponseAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var reader = new StreamReader(stream, Encoding.UTF8);
        string status = await reader.ReadLineAsync(cancellationToken) ?? throw new IOException("The server closed the connection without an answer.");
        int code = int.Parse(status.Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (string? line = await reader.ReadLineAsync(cancellationToken); !string.IsNullOrEmpty(line); line = await reader.ReadLineAsync(cancellationToken))
        {
            int colon = line.IndexOf(':');
            headers[line[..colon]] = line[(colon + 1)..].Trim();
        }
        string? contentType = headers.TryGetValue("Content-Type", out var type) ? type.Split(';')[0] : null;

        var body = new StringBuilder();
        if (headers.TryGetValue("Content-Length", out var length))
        {
            var chars = new char[int.Parse(length, CultureInfo.InvariantCulture)];
            await reader.ReadBlockAsync(chars, cancellationToken);
            body.Append(chars);
        }
        else
        {
            for (int size = ChunkSize(await reader.ReadLineAsync(cancellationToken)); size > 0; size = ChunkSize(await reader.ReadLineAsync(cancellationToken)))
            {
                var chars = new char[size];
                await reader.ReadBlockAsync(chars, cancellationToken); // the error bodies are ASCII, so characters are bytes
                body.Append(chars);
                await reader.ReadLineAsync(cancellationToken);
            }
        }
        return (code, contentType, body.ToString());
    }

    /// <summary>The status of an interim (1xx) response, read byte by byte so nothing after it is taken from the stream.</summary>
    public static async Task<int> ReadInterimStatusAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || head[^4] != '\r' || head[^3] != '\n' || head[^2] != '\r' || head[^1] != '\n')
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0) throw new IOException("The server closed the connection without an answer.");
            head.Add(one[0]);
        }
        return int.Parse(Encoding.ASCII.GetString([.. head]).Split(' ')[1], CultureInfo.InvariantCulture);
    }

    /// <summary>Sends a request head (and, if given, body bytes) as ASCII text.</summary>
    public static async Task SendAsync(NetworkStream stream, string text, byte[]? body = null)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text));
        if (body is not null) await stream.WriteAsync(body);
        await stream.FlushAsync();
    }

    private static int ChunkSize(string? line) => int.Parse(line ?? "0", NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
