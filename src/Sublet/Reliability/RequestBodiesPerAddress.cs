namespace Sublet.Reliability;

/// <summary>
/// Counts the request bodies each client address is sending right now, so one client cannot hold many slow
/// uploads open. A plain locked dictionary: entries live only while a body is being read.
/// </summary>
internal sealed class RequestBodiesPerAddress(int limit)
{
    private readonly Dictionary<string, int> _sending = new(StringComparer.Ordinal);

    public bool TryEnter(string address)
    {
        lock (_sending)
        {
            var count = _sending.GetValueOrDefault(address);
            if (count >= limit)
            {
                return false;
            }

            _sending[address] = count + 1;
            return true;
        }
    }

    public void Leave(string address)
    {
        lock (_sending)
        {
            var count = _sending[address] - 1;
            if (count == 0)
            {
                _sending.Remove(address);
            }
            else
            {
                _sending[address] = count;
            }
        }
    }
}
