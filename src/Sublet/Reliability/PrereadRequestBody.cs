using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Sublet.Reliability;

/// <summary>
/// A request body whose start was read before the request took its tenant's turn: the buffered bytes, then the
/// rest from the connection, if any. It stands in for the server's size limit too, which cannot change once reading
/// began: an endpoint's <c>[RequestSizeLimit]</c> set later still applies, as a 413 on read.
/// </summary>
internal sealed class PrereadRequestBody(ReadOnlyMemory<byte> buffered, Stream? rest, IHttpMaxRequestBodySizeFeature serverLimit) : Stream, IHttpMaxRequestBodySizeFeature
{
    private int _position;
    private long _total;

    public bool IsReadOnly => false;

    public long? MaxRequestBodySize { get; set; } = serverLimit.MaxRequestBodySize;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        if (_position < buffered.Length)
        {
            read = Math.Min(buffer.Length, buffered.Length - _position);
            buffered.Slice(_position, read).CopyTo(buffer);
            _position += read;
        }
        else
        {
            read = rest is null ? 0 : await rest.ReadAsync(buffer, cancellationToken);
        }

        _total += read;
        if (_total > MaxRequestBodySize)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }

        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read the body asynchronously.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
