using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WarningDispatch.Browser.Tests;

/// <summary>
/// zh-CN by default, one resource file per language, and an English switch that leaves no label behind.
/// </summary>
public partial class LanguageTests : BrowserTest
{
    [GeneratedRegex(@"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")]
    private static partial Regex Chinese();

    static readonly string ResourceDir = Path.Combine(AppContext.BaseDirectory, "i18n");

    static Dictionary<string, string> Resources(string lang) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(
            File.ReadAllText(Path.Combine(ResourceDir, $"{lang}.json")))!;

    /// <summary>
    /// Every label on screen: visible elements marked data-i18n, translated attributes (placeholder, aria-label,
    /// title), and the options of visible lists. In page order, so the same label can be compared before and after a
    /// switch.
    /// </summary>
    const string Labels = """
        () => {
          const out = [];
          for (const e of document.querySelectorAll('[data-i18n]')) {
            const inList = e.tagName === 'OPTION' && e.parentElement.checkVisibility();
            if (e.tagName !== 'TITLE' && (inList || e.checkVisibility()))
              out.push({ key: e.dataset.i18n, text: e.textContent.trim() });
          }
          for (const e of document.querySelectorAll('[data-i18n-attr]')) {
            if (!e.checkVisibility()) continue;
            for (const pair of e.dataset.i18nAttr.split(';')) {
              const [attr, key] = pair.split(':');
              out.push({ key: `${key} (${attr})`, text: e.getAttribute(attr) });
            }
          }
          out.push({ key: 'document title', text: document.title });
          return out;
        }
        """;

    /// <summary>
    /// Every piece of visible text that is not marked as data (translate="no": names, ids, server reasons).
    /// </summary>
    const string VisibleText = """
        () => {
          const out = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const text = n.textContent.trim();
            const e = n.parentElement;
            if (!text || !e || e.closest('[translate="no"], title, script, style')) continue;
            if (e.tagName === 'OPTION' ? !e.parentElement.checkVisibility() : !e.checkVisibility()) continue;
            out.push(text);
          }
          for (const e of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
            if (!e.checkVisibility() || e.closest('[translate="no"]')) continue;
            for (const attr of ['placeholder', 'aria-label', 'title'])
              if (e.getAttribute(attr)) out.push(e.getAttribute(attr));
          }
          return out;
        }
        """;

    [Test]
    public void Each_language_has_one_resource_file_with_the_same_keys_and_a_real_translation_for_each()
    {
        var zh = Resources("zh-CN");
        var en = Resources("en");
        Assert.That(en.Keys, Is.EquivalentTo(zh.Keys), "the same keys in zh-CN.json and en.json");
        Assert.Multiple(() =>
        {
            foreach (var (key, text) in zh)
            {
                Assert.That(Chinese().IsMatch(text), Is.True, $"zh-CN {key} = \"{text}\" is Chinese");
                Assert.That(Chinese().IsMatch(en[key]), Is.False, $"en {key} = \"{en[key]}\" has no Chinese left");
                Assert.That(en[key], Is.Not.EqualTo(text).And.Not.Empty, $"en {key} is translated");
            }
        });
    }

    [Test]
    public async Task The_sign_in_page_is_Chinese_by_default_and_English_after_the_switch()
    {
        var page = await OpenAsync("visitor", Desktop, locale: "en-US"); // even an English browser starts in Chinese
        await page.GotoAsync("/");
        await ExpectSwitchTranslatesEverything(page);
    }

    [Test]
    public async Task The_board_switches_every_visible_label_to_English_and_remembers_the_choice()
    {
        await App.PostWarningAsync(App.Instruction("GX-LANG-1", riskLevel: "High"));
        await App.PostWarningAsync(App.Instruction("GX-LANG-2", regionCode: "451202"));
        var board = await SignInAsync("duty", Desktop, locale: "en-US");
        await BoardRow(board, "GX-LANG-1").ClickAsync(); // the detail panel, its actions and history have labels too
        await Expect(board.Locator("#detail #history li")).Not.ToHaveCountAsync(0);
        await ExpectSwitchTranslatesEverything(board);
        await ScreenshotAsync(board, "board-desktop-en");

        await board.ReloadAsync();
        await Expect(board.Locator("html")).ToHaveAttributeAsync("data-lang", "en");
        await Expect(board.Locator("#connection")).ToHaveTextAsync("Live");
        await Expect(board.Locator(".counter[data-counter='active'] span")).ToHaveTextAsync("Active");
    }

    [Test]
    public async Task The_phone_console_switches_every_visible_label_to_English_and_remembers_the_choice()
    {
        using var fs01a = await App.ApiAsync("fs01a");
        var taskId = await App.PostWarningAsync(App.Instruction("GX-LANG-3", riskLevel: "High"));
        await fs01a.ActAsync(taskId, "acknowledge"); // home visit with the call in parallel: the most buttons
        var phone = await SignInAsync("fs01a", Phone, locale: "en-US");
        await Card(phone, "GX-LANG-3").Locator("button[data-outcome='AlreadyDefrauded']").ClickAsync();
        await phone.Locator("details.history summary").First.ClickAsync();
        await ExpectSwitchTranslatesEverything(phone);
        await ScreenshotAsync(phone, "console-phone-en");

        await phone.ReloadAsync();
        await Expect(phone.Locator("html")).ToHaveAttributeAsync("data-lang", "en");
        await Expect(phone.Locator("h1")).ToContainTextAsync("My tasks");
    }

    async Task ExpectSwitchTranslatesEverything(IPage page)
    {
        var zh = Resources("zh-CN");
        await Expect(page.Locator("html"))
            .ToHaveAttributeAsync("data-lang", "zh-CN"); // translated, not just the static page
        Assert.That(await page.EvaluateAsync<string>("document.documentElement.lang"), Is.EqualTo("zh-CN"));
        var before = await page.EvaluateAsync<Label[]>(Labels);
        Assert.That(before, Is.Not.Empty);
        Assert.That(before.Where(l => !Chinese().IsMatch(l.Text)), Is.Empty, "every label starts in Chinese");

        await page.ClickAsync("#lang-switch");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-lang", "en");
        Assert.That(await page.EvaluateAsync<string>("document.documentElement.lang"), Is.EqualTo("en"));
        Assert.That(await page.EvaluateAsync<string>("localStorage.getItem('wd.lang')"), Is.EqualTo("en"),
            "the choice is remembered");
        var after = await page.EvaluateAsync<Label[]>(Labels);

        Assert.That(after.Select(l => l.Key), Is.EqualTo(before.Select(l => l.Key)), "the same labels are on screen");
        Assert.Multiple(() =>
        {
            for (var i = 0; i < before.Length; i++)
            {
                Assert.That(after[i].Text, Is.Not.EqualTo(before[i].Text), $"{before[i].Key} changed");
                Assert.That(Chinese().IsMatch(after[i].Text), Is.False,
                    $"{after[i].Key} = \"{after[i].Text}\" is fully English");
            }
        });
        var text = await page.EvaluateAsync<string[]>(VisibleText);
        Assert.That(text.Where(t => Chinese().IsMatch(t)), Is.Empty,
            "no Chinese text left on the English page outside data");
        var all = string.Join("\n", text);
        Assert.That(zh.Values.Where(all.Contains), Is.Empty, "no zh-CN resource string on the English page");
    }

    public sealed class Label
    {
        public string Key { get; set; } = "";
        public string Text { get; set; } = "";
        public override string ToString() => $"{Key} = \"{Text}\"";
    }
}
