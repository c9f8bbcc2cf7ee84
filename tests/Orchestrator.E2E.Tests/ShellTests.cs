using Microsoft.Playwright;

namespace Orchestrator.E2E.Tests;

/// <summary>The frame around every page: the header on a phone, and the language the user chooses.</summary>
[Collection(ProductTests.Name)]
public sealed class ShellTests(ProductServer product)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task On_a_phone_the_header_folds_into_a_menu_and_nothing_scrolls_sideways()
    {
        await product.AsUserAsync("admin", nameof(On_a_phone_the_header_folds_into_a_menu_and_nothing_scrolls_sideways), Phone, async page =>
        {
            var menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
            var pages = page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" });
            await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
            await Assertions.Expect(pages).ToBeHiddenAsync();

            await menu.ClickAsync();
            await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
            await Assertions.Expect(pages.GetByRole(AriaRole.Link, new() { Name = "Operations" })).ToBeInViewportAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeInViewportAsync();

            await pages.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
            await Assertions.Expect(pages).ToBeHiddenAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/dashboard$"));
            Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= Phone.Width, "the page scrolls sideways at 390 px");
        });
    }

    [Fact]
    public async Task The_chosen_language_applies_at_once_and_is_remembered()
    {
        await product.AsUserAsync("admin", nameof(The_chosen_language_applies_at_once_and_is_remembered), async page =>
        {
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await page.GetByLabel("Language").SelectOptionAsync("zh-CN");
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
            var pages = page.GetByRole(AriaRole.Navigation, new() { Name = "页面" });
            await Assertions.Expect(pages.GetByRole(AriaRole.Link, new() { Name = "运维" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "退出登录" })).ToBeVisibleAsync();

            await page.ReloadAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "退出登录" })).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "登录" })).ToBeVisibleAsync();

            await page.GetByLabel("语言").SelectOptionAsync("en");
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        });
    }

    [Fact]
    public async Task A_browser_in_Chinese_gets_the_Chinese_ui_before_anyone_chooses()
    {
        await product.InBrowserAsync(nameof(A_browser_in_Chinese_gets_the_Chinese_ui_before_anyone_chooses), new() { ViewportSize = new() { Width = 1280, Height = 800 }, Locale = "zh-CN" }, async page =>
        {
            await page.GotoAsync(product.Address.ToString());
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
            await page.GetByLabel("用户名").FillAsync("alice");
            await page.GetByLabel("密码").FillAsync(ProductServer.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "任务" })).ToBeVisibleAsync();
        });
    }
}
