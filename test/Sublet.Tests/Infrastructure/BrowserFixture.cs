using Microsoft.Playwright;

namespace Sublet.Tests.Infrastructure;

/// <summary>
/// Debian's headless Chromium, driven by Playwright, shared by the browser tests. Playwright's own browser
/// download is never used: the system package is the browser under test.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"The browser tests need Chromium at {ChromiumPath}: apt-get install chromium.");
        }

        // The machine is small and shared: give a slow page more than the default five seconds.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                // The test server listens on 127.0.0.1 only; without this Chromium may try ::1 first. Tenants' custom
                // domains in the tests end in .test, which no DNS resolves.
                "--host-resolver-rules=MAP localhost 127.0.0.1, MAP *.localhost 127.0.0.1, MAP *.test 127.0.0.1",
            ],
        });
    }

    /// <summary>A fresh browser profile: its own cookies, nothing shared with other tests.</summary>
    public Task<IBrowserContext> NewContextAsync(int width = 1024, int height = 720) =>
        Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
