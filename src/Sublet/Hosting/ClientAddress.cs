using System.Net;
using System.Net.Sockets;

namespace Sublet.Hosting;

/// <summary>The client a per-address limit counts a request against.</summary>
internal static class ClientAddress
{
    // One IPv6 host usually owns a whole /64; counting addresses inside it separately would let it rotate freely.
    public static string Partition(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
