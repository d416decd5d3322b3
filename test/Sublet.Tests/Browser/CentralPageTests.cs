using Microsoft.Playwright;
using Sublet.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sublet.Tests.Browser;

/// <summary>The central page at <c>/</c> on the bare server name, in Chromium.</summary>
[Collection(BrowserTests.Name)]
public sealed class CentralPageTests(ServerFixture server, BrowserFixture browser) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task The_workspace_field_sends_the_browser_to_the_workspace()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.UrlFor("localhost"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "10-central-page");

        await page.GetByLabel("Workspace name").FillAsync("Company2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Go" }).ClickAsync();

        // Expect polls the page's address; WaitForURL can miss a navigation that finished while it was being set up.
        await Expect(page).ToHaveURLAsync(server.UrlFor("company2.localhost"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "company2", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Username")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "11-central-page-went-to-company2");
    }

    [Theory]
    [InlineData("nosuchcompany", "There is no workspace called")]
    [InlineData("not a name", "only letters, digits and hyphens")]
    public async Task An_unknown_workspace_shows_an_inline_message_and_stays_put(string name, string message)
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.UrlFor("localhost"));

        await page.GetByLabel("Workspace name").FillAsync(name);
        await page.GetByLabel("Workspace name").PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(message);
        await Expect(page.GetByLabel("Workspace name")).ToBeFocusedAsync();
        Assert.Equal(server.UrlFor("localhost"), page.Url);
        await Screenshots.SaveAsync(page, $"12-central-page-{(name.Contains(' ', StringComparison.Ordinal) ? "invalid" : "unknown")}-workspace");
    }
}
