using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Sublet.Core;
using Sublet.Hosting;

namespace Sublet.Reliability;

/// <summary>
/// Reads the start of a tenant request's body into memory, under a deadline and a per-address bound, before the
/// request takes a turn under its tenant's concurrency limit: a client sending its body slowly then waits on its own
/// connection, not in the tenant's place. The request goes on reading the buffered part, then the rest, if any.
/// </summary>
internal sealed class RequestBodyGate
{
    private readonly int _bufferedBytes;
    private readonly TimeSpan _timeout;
    private readonly RequestBodiesPerAddress _perAddress;

    public RequestBodyGate(IOptions<LimitOptions> options)
    {
        var limits = options.Value;
        _bufferedBytes = limits.BufferedRequestBodyBytes;
        _timeout = limits.RequestBodyTimeout;
        _perAddress = new RequestBodiesPerAddress(limits.RequestBodiesPerAddress);
    }

    /// <summary>
    /// Reads the buffered part of the body. Returns 0 when the request may go on; otherwise the status to answer:
    /// 408 (too slow), 413 (over the server's limit), 400 (malformed), 429 (this address is sending too many bodies),
    /// or 499 when the client went away.
    /// </summary>
    public async Task<int> PrereadAsync(HttpContext context)
    {
        if (_bufferedBytes == 0 || context.Features.Get<IHttpRequestBodyDetectionFeature>() is not { CanHaveBody: true })
        {
            return 0;
        }

        var address = ClientAddress.Partition(context.Connection.RemoteIpAddress);
        if (!_perAddress.TryEnter(address))
        {
            return StatusCodes.Status429TooManyRequests;
        }

        try
        {
            return await ReadAsync(context);
        }
        finally
        {
            _perAddress.Leave(address);
        }
    }

    private async Task<int> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        var limit = (int)Math.Min(_bufferedBytes, request.ContentLength ?? long.MaxValue);
        var buffer = new byte[limit];
        var read = 0;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(_timeout);
        try
        {
            while (read < limit)
            {
                var got = await request.Body.ReadAsync(buffer.AsMemory(read), deadline.Token);
                if (got == 0)
                {
                    break;
                }

                read += got;
            }

            // Either the body ended, or it goes on past the buffered part: one more read tells which, without waiting
            // for the rest when the length was announced.
            var ended = read < limit || request.ContentLength == read;
            var sizeFeature = context.Features.GetRequiredFeature<IHttpMaxRequestBodySizeFeature>();
            var body = new PrereadRequestBody(buffer.AsMemory(0, read), ended ? null : request.Body, sizeFeature);
            request.Body = body;
            context.Features.Set<IHttpMaxRequestBodySizeFeature>(body);
            return 0;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return StatusCodes.Status499ClientClosedRequest;
        }
        catch (OperationCanceledException)
        {
            return StatusCodes.Status408RequestTimeout;
        }
        catch (BadHttpRequestException bad)
        {
            return bad.StatusCode;
        }
        catch (IOException) when (context.RequestAborted.IsCancellationRequested)
        {
            return StatusCodes.Status499ClientClosedRequest;
        }
    }
}
