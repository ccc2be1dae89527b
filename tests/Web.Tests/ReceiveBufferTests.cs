using System.Buffers;
using System.Net.Http.Headers;
using MathCluster.Web.Hosting;
using MathCluster.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MathCluster.Web.Tests;

/// <summary>
/// Kestrel receives into the app's 64 KiB pool blocks (a large body arrives in few, large reads), and the pool hands
/// out, reuses and lets go of its blocks as it says.
/// </summary>
public sealed class ReceiveBufferTests
{
    [Fact]
    public async Task Kestrel_ReceivesALargeBody_InBlocksLargerThanItsDefault4KiB()
    {
        await using var factory = new SegmentProbeFactory();
        var address = factory.StartOnKestrel();
        using var http = new HttpClient { BaseAddress = address };
        using var content = new ByteArrayContent(new byte[1024 * 1024]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        using var response = await http.PostAsync(SegmentProbeFactory.Path, content);

        response.EnsureSuccessStatusCode();
        var seen = (await response.Content.ReadAsStringAsync()).Split(' ').Select(long.Parse).ToArray();
        Assert.Equal(1024 * 1024, seen[0]);
        // Kestrel's own pool never hands a read more than one 4 KiB block; a loopback megabyte fills larger ones.
        Assert.InRange(seen[1], 4097, LargeBlockMemoryPoolFactory.BlockSize);

        // The pool reports what it allocated and keeps, as Kestrel's own does.
        var metrics = await http.GetStringAsync("/metrics");
        Assert.True(PrometheusText.Sum(metrics, "web_memory_pool_allocated_bytes_total", Kestrel) >= LargeBlockMemoryPoolFactory.BlockSize, metrics);
        Assert.True(PrometheusText.Sum(metrics, "web_memory_pool_pooled_bytes", Kestrel) >= LargeBlockMemoryPoolFactory.BlockSize, metrics);
    }

    private const string Kestrel = "owner=\"kestrel\"";

    [Fact]
    public void Pool_RentsWholeBlocks_ReusesReturnedOnes_AndKeepsNoMoreThanItsCap()
    {
        long allocated = 0;
        using var pool = new LargeBlockMemoryPool(blockSize: 1024, retainedBlocks: 2, bytes => allocated += bytes);
        var first = pool.Rent();
        Assert.Equal(1024, first.Memory.Length);
        Assert.Equal(1024, pool.MaxBufferSize);
        first.Memory.Span[0] = 42;
        var array = MemoryMarshalArray(first);
        first.Dispose();
        first.Dispose(); // a second dispose returns nothing twice
        Assert.Equal(1, pool.Retained);

        using (var again = pool.Rent(100)) Assert.Same(array, MemoryMarshalArray(again));
        Assert.Equal(1024, allocated); // the second rent reused the first block

        var rented = Enumerable.Range(0, 5).Select(_ => pool.Rent()).ToList();
        rented.ForEach(block => block.Dispose());
        Assert.Equal(2, pool.Retained);
        Assert.Equal(5 * 1024, allocated);
        Assert.Throws<ObjectDisposedException>(() => rented[0].Memory);
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(1025));
    }

    private static byte[] MemoryMarshalArray(IMemoryOwner<byte> owner) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray<byte>(owner.Memory, out var segment) ? segment.Array! : throw new InvalidOperationException();

    /// <summary>The app plus one probe route that reads a body and reports its length and the largest segment it came in.</summary>
    private sealed class SegmentProbeFactory : MathWebFactory
    {
        public const string Path = "/test/receive-segments";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddTransient<IStartupFilter, Probe>());
        }

        private sealed class Probe : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Map(Path, probe => probe.Run(async context =>
                {
                    long total = 0, largest = 0;
                    var body = context.Request.BodyReader;
                    while (true)
                    {
                        var read = await body.ReadAsync();
                        foreach (var segment in read.Buffer) largest = Math.Max(largest, segment.Length);
                        total += read.Buffer.Length;
                        body.AdvanceTo(read.Buffer.End);
                        if (read.IsCompleted) break;
                    }
                    await context.Response.WriteAsync($"{total} {largest}");
                }));
                next(app);
            };
        }
    }
}
