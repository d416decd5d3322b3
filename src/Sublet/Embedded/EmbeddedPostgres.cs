using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Sublet.Embedded;

/// <summary>
/// A private PostgreSQL cluster made with the machine's own <c>initdb</c> and run with <c>pg_ctl</c>, listening
/// on a loopback port with a generated password. Started by whichever process needs it first; stopped only by
/// the process that started it.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    /// <summary>The database Sublet uses inside the cluster.</summary>
    public const string DatabaseName = "sublet";

    private const string Superuser = "postgres";
    private readonly EmbeddedPostgresOptions _options;
    private readonly string _dataDirectory;
    private readonly string _clusterDirectory;
    private readonly ClusterSettings _settings;
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private string? _binDirectory;
    private bool _startedHere;
    private bool _running;

    /// <summary>Reads or creates the cluster's settings under <paramref name="dataDirectory"/>; starts nothing.</summary>
    public EmbeddedPostgres(string dataDirectory, EmbeddedPostgresOptions? options = null)
    {
        _options = options ?? new EmbeddedPostgresOptions();
        _dataDirectory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(_dataDirectory);
        _settings = ClusterSettings.LoadOrCreate(Path.Combine(_dataDirectory, "cluster.json"));
        _clusterDirectory = ChooseClusterDirectory(_dataDirectory);
    }

    /// <summary>The loopback port the cluster listens on.</summary>
    public int Port => _settings.Port;

    /// <summary>A connection string for Sublet's database in this cluster.</summary>
    public string ConnectionString => ConnectionStringFor(DatabaseName);

    /// <summary>A connection string for <paramref name="database"/> in this cluster, as its superuser.</summary>
    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = _settings.Port,
        Username = Superuser,
        Password = _settings.Password,
        Database = database,
    }.ConnectionString;

    /// <summary>Makes the cluster on first use, starts it unless it already runs, and creates Sublet's database.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _startLock.WaitAsync(cancellationToken);
        try
        {
            if (_running)
            {
                return;
            }

            _binDirectory ??= PostgresBinaries.Locate(_options.BinDirectory);
            if (!File.Exists(Path.Combine(_clusterDirectory, "PG_VERSION")))
            {
                await InitializeAsync(cancellationToken);
            }

            if (!await IsRunningAsync(cancellationToken))
            {
                await RunPgCtlAsync(["start", "-w", "-t", "60", "-s", "-l", Path.Combine(_clusterDirectory, "server.log")], cancellationToken);
                _startedHere = true;
            }

            await EnsureDatabaseAsync(cancellationToken);
            _running = true;
        }
        finally
        {
            _startLock.Release();
        }
    }

    /// <summary>Stops the cluster if this instance started it; a cluster another process started keeps running.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_startedHere)
        {
            await RunPgCtlAsync(["stop", "-w", "-m", "fast", "-s"], cancellationToken);
            _startedHere = false;
        }

        _running = false;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _startLock.Dispose();
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_clusterDirectory);
        var passwordFile = Path.Combine(Path.GetDirectoryName(_clusterDirectory)!, "initdb.pw");
        await File.WriteAllTextAsync(passwordFile, _settings.Password, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        try
        {
            await HandToServiceUserAsync(_clusterDirectory, cancellationToken);
            await HandToServiceUserAsync(passwordFile, cancellationToken);
            List<string> arguments =
            [
                "-D", _clusterDirectory, "-U", Superuser, "--pwfile", passwordFile,
                "--auth", "scram-sha-256", "-E", "UTF8", "--locale", "C",
            ];
            if (!_options.Durable)
            {
                arguments.Add("--no-sync");
            }

            await RunCheckedAsync(Path.Combine(_binDirectory!, "initdb"), arguments, "initdb", cancellationToken);
        }
        finally
        {
            File.Delete(passwordFile);
        }

        var settings = new StringBuilder()
            .AppendLine()
            .AppendLine("# Sublet's embedded cluster: loopback TCP only, no Unix socket.")
            .AppendLine("listen_addresses = '127.0.0.1'")
            .AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"port = {_settings.Port}")
            .AppendLine("unix_socket_directories = ''")
            .AppendLine("max_connections = 200")
            .AppendLine("# Lets 'sublet tenants move' replicate a tenant's schema to another shard.")
            .AppendLine("wal_level = logical");
        if (!_options.Durable)
        {
            settings.AppendLine("fsync = off").AppendLine("synchronous_commit = off").AppendLine("full_page_writes = off");
        }

        await File.AppendAllTextAsync(Path.Combine(_clusterDirectory, "postgresql.conf"), settings.ToString(), cancellationToken);
    }

    private async Task<bool> IsRunningAsync(CancellationToken cancellationToken)
    {
        var (exitCode, _) = await ProcessRunner.RunAsync(Path.Combine(_binDirectory!, "pg_ctl"), ["status", "-D", _clusterDirectory], asServiceUser: true, cancellationToken);
        return exitCode == 0;
    }

    private Task RunPgCtlAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunCheckedAsync(Path.Combine(_binDirectory!, "pg_ctl"), [arguments[0], "-D", _clusterDirectory, .. arguments.Skip(1)], $"pg_ctl {arguments[0]}", cancellationToken);

    private async Task RunCheckedAsync(string program, IEnumerable<string> arguments, string what, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await ProcessRunner.RunAsync(program, arguments, asServiceUser: true, cancellationToken);
        if (exitCode != 0)
        {
            var log = Path.Combine(_clusterDirectory, "server.log");
            var lastLine = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "no output";
            throw new EmbeddedPostgresException($"{what} failed for the embedded cluster in {_clusterDirectory} ({lastLine.Trim()}); see {log}.");
        }
    }

    private async Task EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionStringFor("postgres") + ";Pooling=false");
        await using var exists = dataSource.CreateCommand("SELECT 1 FROM pg_database WHERE datname = $1");
        exists.Parameters.Add(new NpgsqlParameter { Value = DatabaseName });
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = dataSource.CreateCommand($"CREATE DATABASE {DatabaseName}");
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task HandToServiceUserAsync(string path, CancellationToken cancellationToken)
    {
        if (!ProcessRunner.IsRoot)
        {
            return;
        }

        var (exitCode, output) = await ProcessRunner.RunAsync("chown", ["-R", $"{ProcessRunner.ServiceUser}:", path], asServiceUser: false, cancellationToken);
        if (exitCode != 0)
        {
            throw new EmbeddedPostgresException($"PostgreSQL refuses to run as root, and handing {path} to the '{ProcessRunner.ServiceUser}' user failed: {output}");
        }
    }

    /// <summary>
    /// As root, the cluster runs as <c>postgres</c>, which must be able to reach the data folder; a folder it
    /// cannot reach (e.g. under a private home) is swapped for one under /var/tmp named after it.
    /// </summary>
    private static string ChooseClusterDirectory(string dataDirectory)
    {
        var preferred = Path.Combine(dataDirectory, "pgdata");
        if (!ProcessRunner.IsRoot || ServiceUserCanReach(dataDirectory))
        {
            return preferred;
        }

        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dataDirectory)))[..16];
        var fallback = Path.Combine("/var/tmp", $"sublet-{key}");
        Directory.CreateDirectory(fallback);
        return Path.Combine(fallback, "pgdata");
    }

    private static bool ServiceUserCanReach(string directory)
    {
        var (exitCode, _) = ProcessRunner.RunAsync("test", ["-x", directory], asServiceUser: true, CancellationToken.None).GetAwaiter().GetResult();
        return exitCode == 0;
    }
}
