using Microsoft.Playwright;
using Sublet.Tests.Domains;
using Sublet.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sublet.Tests.Browser;

/// <summary>A tenant's page on its custom domain in Chromium, reached from the central page.</summary>
[Collection(BrowserTests.Name)]
public sealed class CustomDomainPageTests(DomainServerFixture server, BrowserFixture browser) : IClassFixture<DomainServerFixture>
{
    [Fact]
    public async Task The_central_page_sends_to_the_primary_domain_where_signing_in_and_out_works()
    {
        await server.Domains.AddAsync("company2", "app.company2-corp.test", cancellationToken: TestContext.Current.CancellationToken);
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var refused = new List<string>();
        page.Console += (_, message) => refused.Add(message.Text);
        await page.GotoAsync(server.UrlFor("localhost"));

        await page.GetByLabel("Workspace name").FillAsync("company2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Go" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(server.UrlFor("app.company2-corp.test"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "company2", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Username").FillAsync("user_2");
        await page.GetByLabel("Password").FillAsync("foo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "company 2 data" })).ToBeVisibleAsync();
        var session = Assert.Single(await context.CookiesAsync(), cookie => cookie.Name == "sublet_session");
        Assert.Equal("app.company2-corp.test", session.Domain);
        await Screenshots.SaveAsync(page, "20-custom-domain-signed-in");

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Expect(page.GetByLabel("Username")).ToBeVisibleAsync();
        Assert.DoesNotContain(await context.CookiesAsync(), cookie => cookie.Name == "sublet_session");
        // The page's scripts and styles came from /static/ on the custom domain, under the same CSP: nothing refused.
        Assert.DoesNotContain(refused, text => text.Contains("Content Security Policy", StringComparison.Ordinal));
    }
}
