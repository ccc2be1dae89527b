using System.Diagnostics.Metrics;
using MathCluster.Hosting.Options;
using MathCluster.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Microsoft.AspNetCore.Http;

namespace MathCluster.Web.Tests;

/// <summary>The web app's call policy for silo failures, without a cluster: what is repeated, how often, and what never is.</summary>
public class RecognizerRetryTests
{
    public static TheoryData<Exception, bool, bool> Classifications => new()
    {
        { new SiloUnavailableException(), true, true },
        { new ConnectionFailedException("refused"), true, true },
        { new GatewayLostException(), true, true },
        { new TimeoutException("Response did not arrive on time"), true, false },
        { new GatewayTooBusyException(), true, false },
        { new OperationCanceledException(), false, false },
        { new Microsoft.AspNetCore.Http.BadHttpRequestException("Unexpected end of request content.", 400), false, false },
        { new ArgumentException("a bad glyph batch"), false, false },
        { new InvalidOperationException("a grain's own error"), false, false },
    };

    [Theory]
    [MemberData(nameof(Classifications))]
    public void OnlyFailuresOfTheClusterAreTransient_AndOnlyThoseOfADyingSiloAreRetried(Exception exception, bool transient, bool retryable)
    {
        Assert.Equal(transient, TransientClusterErrors.IsTransient(exception));
        Assert.Equal(retryable, TransientClusterErrors.IsRetryable(exception));
    }

    public static TheoryData<Exception> OverloadFailures => [new TimeoutException("Response did not arrive on time"), new GatewayTooBusyException()];

    [Theory]
    [MemberData(nameof(OverloadFailures))]
    public async Task Retry_TimeoutOrTooBusy_IsNeverRepeated(Exception failure)
    {
        int calls = 0;
        var thrown = await Assert.ThrowsAnyAsync<Exception>(async () =>
            await Pipeline(maxRetries: 5).ExecuteAsync<string>(_ => { calls++; throw failure; }, CancellationToken.None));
        Assert.Same(failure, thrown);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Retry_BudgetSpent_Stops()
    {
        var retry = Retry(maxRetries: 5, new ClusterRetryOptions { BudgetMinimum = 3, BudgetRatio = 0, BudgetWindow = TimeSpan.FromHours(1) });
        int calls = 0;
        for (int call = 0; call < 3; call++)
        {
            retry.Budget.RecordCall();
            await Assert.ThrowsAsync<SiloUnavailableException>(async () =>
                await retry.Pipeline.ExecuteAsync<string>(_ => { calls++; throw new SiloUnavailableException(); }, CancellationToken.None));
        }
        // Three retries in the window at most: the first call spends them all, the other two get none.
        Assert.Equal(3 + 3, calls);
    }

    [Fact]
    public async Task Retry_TransientFailure_IsRepeatedUntilItSucceeds()
    {
        int calls = 0;
        var result = await Pipeline(maxRetries: 3).ExecuteAsync(_ =>
            ++calls < 3 ? throw new SiloUnavailableException() : ValueTask.FromResult("served"), CancellationToken.None);
        Assert.Equal("served", result);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task Retry_PersistentFailure_IsBounded()
    {
        int calls = 0;
        await Assert.ThrowsAsync<SiloUnavailableException>(async () =>
            await Pipeline(maxRetries: 2).ExecuteAsync<string>(_ => { calls++; throw new SiloUnavailableException(); }, CancellationToken.None));
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task Retry_GenuineError_IsNotRepeated()
    {
        int calls = 0;
        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await Pipeline(maxRetries: 5).ExecuteAsync<string>(_ => { calls++; throw new ArgumentException("bad input"); }, CancellationToken.None));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Retry_CancelledCaller_IsNotRetriedFor()
    {
        using var caller = new CancellationTokenSource();
        int calls = 0;
        await Assert.ThrowsAnyAsync<Exception>(async () => await Pipeline(maxRetries: 5).ExecuteAsync<string>(_ =>
        {
            calls++;
            caller.Cancel();
            throw new SiloUnavailableException();
        }, caller.Token));
        Assert.Equal(1, calls);
    }

    [Fact]
    public void GatewayChange_LosingOne_CancelsTheCallsInFlightButGainingOneDoesNot()
    {
        var signal = new GatewayLossSignal();
        var before = signal.Token;
        signal.NotifyGatewayCountChanged(4, 3, connectionRecovered: false);
        Assert.False(before.IsCancellationRequested);
        signal.NotifyGatewayCountChanged(3, 4, connectionRecovered: false);
        Assert.True(before.IsCancellationRequested);
        Assert.False(signal.Token.IsCancellationRequested);
    }

    [Fact]
    public void Respread_AfterGatewayLoss_MovesCallsToFreshKeys()
    {
        var keys = new RecognizerKeys();
        var first = Enumerable.Range(0, RecognizerKeys.PerGeneration).Select(_ => keys.Next()).ToHashSet();
        keys.Respread();
        var second = Enumerable.Range(0, RecognizerKeys.PerGeneration).Select(_ => keys.Next()).ToHashSet();
        Assert.Equal(RecognizerKeys.PerGeneration, first.Count);
        Assert.Empty(first.Intersect(second));
    }

    private static Polly.ResiliencePipeline Pipeline(int maxRetries) => Retry(maxRetries, new ClusterRetryOptions()).Pipeline;

    private static RecognizerRetryPipeline Retry(int maxRetries, ClusterRetryOptions settings)
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        settings.MaxRetries = maxRetries;
        settings.BaseDelay = TimeSpan.FromMilliseconds(1);
        settings.MaxDelay = TimeSpan.FromMilliseconds(5);
        return new RecognizerRetryPipeline(Options.Create(settings), NullLogger<RecognizerRetryPipeline>.Instance, meters);
    }

    public static TheoryData<Exception> ClusterFailures => [new SiloUnavailableException(), new TimeoutException("Response did not arrive on time"), new OrleansException("no silo")];

    [Theory]
    [MemberData(nameof(ClusterFailures))]
    public async Task Recognize_ClusterFailingAfterTheRetries_Is503WithRetryAfter(Exception failure)
    {
        var (handler, context) = ExceptionHandling();

        Assert.True(await handler.TryHandleAsync(context, failure, CancellationToken.None));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal(ClusterUnavailableHandler.RetryAfterSeconds.ToString(), context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        var problem = await System.Text.Json.JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains(failure.GetType().Name, problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ClusterUnavailableHandler_OtherExceptions_AreLeftToTheDefaultHandler()
    {
        var (handler, context) = ExceptionHandling();
        Assert.False(await handler.TryHandleAsync(context, new InvalidOperationException("a bug"), CancellationToken.None));
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }

    private static (ClusterUnavailableHandler Handler, DefaultHttpContext Context) ExceptionHandling()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        return (new ClusterUnavailableHandler(services.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>(), NullLogger<ClusterUnavailableHandler>.Instance), context);
    }
}
