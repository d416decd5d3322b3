namespace Sublet.Core;

/// <summary>Keeps one in-memory copy of central data current from a PostgreSQL <c>NOTIFY</c> channel.</summary>
internal interface IChangeNotificationHandler
{
    /// <summary>The channel the handler's trigger notifies on.</summary>
    string Channel { get; }

    /// <summary>The listener is (again) listening: catch up on whatever changed while it was not.</summary>
    Task OnListeningAsync(CancellationToken cancellationToken);

    /// <summary>The payloads that arrived in one wake-up, in order.</summary>
    Task OnNotifiedAsync(IReadOnlyList<string> payloads, CancellationToken cancellationToken);

    /// <summary>The connection is lost: until <see cref="OnListeningAsync"/>, changes go unnoticed.</summary>
    void OnDisconnected();
}
