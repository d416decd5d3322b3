using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;

namespace Sublet.Embedded;

/// <summary>The port and superuser password chosen when a cluster is first made, kept beside its data.</summary>
internal sealed record ClusterSettings(int Port, string Password)
{
    public static ClusterSettings LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return JsonSerializer.Deserialize<ClusterSettings>(File.ReadAllText(path))
                ?? throw new EmbeddedPostgresException($"The embedded cluster settings in {path} are unreadable: delete the folder to start afresh.");
        }

        var settings = new ClusterSettings(FreeLoopbackPort(), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
        File.WriteAllText(path, JsonSerializer.Serialize(settings));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return settings;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
