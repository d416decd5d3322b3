using Microsoft.Playwright;
using Sublet.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sublet.Tests.Browser;

/// <summary>A tenant's page at <c>/</c> in Chromium: sign in, see the data, stay within the tenant, sign out.</summary>
[Collection(BrowserTests.Name)]
public sealed class TenantPageTests(ServerFixture server, BrowserFixture browser) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Signing_in_on_company1_shows_its_data_and_company2_still_asks_for_a_login()
    {
        await using var context = await browser.NewContextAsync();
        var company1 = await context.NewPageAsync();
        await company1.GotoAsync(server.UrlFor("company1.localhost"));

        await Expect(company1.GetByRole(AriaRole.Heading, new() { Name = "company1", Level = 1 })).ToBeVisibleAsync();
        await Expect(company1.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(company1, "01-company1-login-form");

        await company1.GetByLabel("Username").FillAsync("user_1");
        await company1.GetByLabel("Password").FillAsync("foo");
        await company1.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var data = company1.GetByRole(AriaRole.Table);
        await Expect(data.GetByRole(AriaRole.Cell, new() { Name = "company 1 data" })).ToBeVisibleAsync();
        await Expect(company1.GetByText("Signed in as user_1")).ToBeVisibleAsync();
        await Expect(company1.GetByLabel("Username")).ToBeHiddenAsync();
        await Screenshots.SaveAsync(company1, "02-company1-signed-in");

        // The same browser, the same cookie jar: the cookie is host-only, so company2 never sees it.
        var company2 = await context.NewPageAsync();
        await company2.GotoAsync(server.UrlFor("company2.localhost"));
        await Expect(company2.GetByRole(AriaRole.Heading, new() { Name = "company2", Level = 1 })).ToBeVisibleAsync();
        await Expect(company2.GetByLabel("Username")).ToBeVisibleAsync();
        await Expect(company2.GetByRole(AriaRole.Table)).ToBeHiddenAsync();
        Assert.DoesNotContain("company 1", await company2.ContentAsync(), StringComparison.Ordinal);
        await Screenshots.SaveAsync(company2, "03-company2-still-asks-for-a-login");
    }

    [Fact]
    public async Task A_reload_keeps_the_session_and_logging_out_removes_the_data()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.UrlFor("company1.localhost"));
        await SignInAsync(page, "user_1", "foo");
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "company 1 data" })).ToBeVisibleAsync();

        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "company 1 data" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Signed in as user_1")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "04-company1-after-reload");

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Expect(page.GetByLabel("Username")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Username")).ToBeFocusedAsync();
        Assert.DoesNotContain("company 1 data", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(await context.CookiesAsync(), cookie => cookie.Name == "sublet_session");
        await Screenshots.SaveAsync(page, "05-company1-logged-out");

        await page.ReloadAsync();
        await Expect(page.GetByLabel("Username")).ToBeVisibleAsync();
        Assert.DoesNotContain("company 1 data", await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_shows_an_inline_error_and_no_dialog()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        await page.GotoAsync(server.UrlFor("company1.localhost"));

        await SignInAsync(page, "user_1", "wrong");

        var error = page.GetByRole(AriaRole.Alert);
        await Expect(error).ToHaveTextAsync("Wrong username or password.");
        await Expect(page.GetByLabel("Password")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByRole(AriaRole.Table)).ToBeHiddenAsync();
        Assert.Empty(dialogs);
        await Screenshots.SaveAsync(page, "06-company1-wrong-password");
    }

    [Fact]
    public async Task The_login_form_works_with_the_keyboard_alone()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.UrlFor("company2.localhost"));
        await Expect(page.GetByLabel("Username")).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Username")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("user_2");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Password")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("foo");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "company 2 data" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Company data" })).ToBeFocusedAsync();
    }

    [Fact]
    public async Task The_signed_in_page_fits_a_phone_screen()
    {
        await using var context = await browser.NewContextAsync(width: 360, height: 740);
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.UrlFor("company1.localhost"));
        await SignInAsync(page, "user_1", "foo");
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "company 1 data" })).ToBeVisibleAsync();

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page is {overflow}px wider than a 360px screen.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log out" })).ToBeInViewportAsync();
        await Screenshots.SaveAsync(page, "07-company1-phone-width");
    }

    [Fact]
    public async Task The_page_breaks_none_of_its_own_content_security_policy()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        await page.GotoAsync(server.UrlFor("company1.localhost"));
        await SignInAsync(page, "user_1", "foo");
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "company 1 data" })).ToBeVisibleAsync();

        // An inline script is what the policy exists to stop: it must not run.
        var ran = await page.EvaluateAsync<bool>("""
            () => {
              const script = document.createElement("script");
              script.textContent = "window.inlineRan = true";
              document.body.append(script);
              return window.inlineRan === true;
            }
            """);

        Assert.False(ran);
        Assert.Single(violations);
    }

    private static async Task SignInAsync(IPage page, string username, string password)
    {
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
