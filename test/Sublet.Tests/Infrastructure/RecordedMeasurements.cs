using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Sublet.Tests.Infrastructure;

/// <summary>Records the named instruments' measurements, with their tags, from one server's meters only.</summary>
public sealed class RecordedMeasurements : IDisposable
{
    private readonly ConcurrentQueue<(string Instrument, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly MeterListener _listener = new();

    public RecordedMeasurements(IServiceProvider services, params string[] instruments)
    {
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, subscriber) =>
        {
            // Only this server's meters: other test classes run servers in this process too.
            if (instrument.Meter.Scope == meterFactory && instruments.Contains(instrument.Name))
            {
                subscriber.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => _measurements.Enqueue((instrument.Name, ToDictionary(tags))));
        _listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => _measurements.Enqueue((instrument.Name, ToDictionary(tags))));
        _listener.Start();
    }

    /// <summary>The tags of the one measurement of <paramref name="instrument"/>, waiting up to 5 s for it.</summary>
    public async Task<Dictionary<string, object?>> SingleAsync(string instrument)
    {
        // A request's duration is recorded as the request ends, a moment after the client has its response.
        await Poll.UntilAsync(() => _measurements.Any(m => m.Instrument == instrument), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50));

        return Assert.Single(_measurements, m => m.Instrument == instrument).Tags;
    }

    public void Dispose() => _listener.Dispose();

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var dictionary = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            dictionary[key] = value;
        }

        return dictionary;
    }
}
