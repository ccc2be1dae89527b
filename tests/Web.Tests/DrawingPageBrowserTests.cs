using System.Numerics;
using MathCluster.TestSupport;
using MathCluster.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace MathCluster.Web.Tests;

/// <summary>
/// The app on a real Kestrel server (loopback, dynamic port; a browser cannot reach TestServer) with its embedded
/// silo on free ports, and one headless Chromium from the system's package. Nothing is downloaded.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = HeadlessChromium.Path;

    public static bool ChromiumInstalled => HeadlessChromium.Installed;

    public MathWebFactory? Factory { get; private set; }
    public Uri BaseAddress { get; private set; } = null!;
    public IPlaywright? Playwright { get; private set; }
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!ChromiumInstalled) return; // the tests skip and say why

        try
        {
            Factory = new MathWebFactory();
            Factory.UseKestrel(0); // 127.0.0.1, a port the OS picks
            Factory.StartServer();
            BaseAddress = Factory.ClientOptions.BaseAddress;

            // Playwright's bundled node driver (.playwright/ in the output folder) talks to the system Chromium.
            Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
            Browser = await HeadlessChromium.LaunchAsync(Playwright);
        }
        catch
        {
            await DisposeAsync(); // don't leave a host or driver behind when startup fails half-way
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        Browser = null!;
        Playwright?.Dispose();
        Playwright = null;
        if (Factory is not null) await Factory.DisposeAsync();
        Factory = null;
    }
}

/// <summary>Draws with the mouse on the real page and checks what it shows: result, undo, clear, timing.</summary>
public sealed class DrawingPageBrowserTests(BrowserFixture app, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    // Generous: a CPU-heavy training job may share this machine's two cores.
    private const float WaitMilliseconds = 60_000;
    private const string BlankMessage = "Draw an expression, e.g. 12 + 7 × (3 − 1)";

    // Records, in page time, every pointer-up and every change of <body data-state>, so the stroke-to-result time is
    // measured where it happens (not across the test's own round trips) and waits can tell a new "done" from an old one.
    private const string ProbeScript = """
        () => {
          const probe = { ups: [], states: [] };
          window.__probe = probe;
          window.addEventListener('pointerup', () => probe.ups.push(performance.now()), true);
          new MutationObserver(() => probe.states.push({ state: document.body.dataset.state, t: performance.now() }))
            .observe(document.body, { attributes: true, attributeFilter: ['data-state'] });
        }
        """;

    private const string DoneCountScript = "() => window.__probe.states.filter(s => s.state === 'done').length";

    private const string NewDoneScript = """
        (count) => document.body.dataset.state === 'done'
                   && window.__probe.states.filter(s => s.state === 'done').length > count
        """;

    private const string StrokeToDoneScript = """
        (count) => {
          const p = window.__probe;
          const done = p.states.filter(s => s.state === 'done')[count];
          return done.t - p.ups[p.ups.length - 1];
        }
        """;

    [SkippableFact]
    public async Task DrawUndoClear_ShowsTheResultOfTheCurrentDrawing()
    {
        Skip.IfNot(BrowserFixture.ChromiumInstalled, $"{BrowserFixture.ChromiumPath} is not installed; the browser test needs the system Chromium (it never downloads one).");

        await using var context = await NewContextAsync();
        var page = await NewPageAsync(context);
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") problems.Add("console: " + message.Text); };
        page.PageError += (_, error) => problems.Add("page error: " + error);
        page.RequestFailed += (_, request) => problems.Add($"request failed: {request.Method} {request.Url} {request.Failure}");

        // ---- the blank page ----
        var response = await page.GotoAsync("/");
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        var body = page.Locator("body");
        await Assertions.Expect(body).ToHaveAttributeAsync("data-state", "idle");
        await Assertions.Expect(page.Locator("#message")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#undo")).ToHaveAttributeAsync("aria-disabled", "true");
        await Assertions.Expect(page.Locator("#clear")).ToHaveAttributeAsync("aria-disabled", "true");
        await page.EvaluateAsync(ProbeScript);

        await page.Locator("#stroke-width").FillAsync("12");
        await Assertions.Expect(page.Locator("#stroke-width-value")).ToHaveTextAsync("12 px");
        await page.Locator("#stroke-width").BlurAsync(); // keys go to the document, as after drawing with a mouse

        var pad = await page.Locator("#pad").BoundingBoxAsync();
        Assert.NotNull(pad);
        output.WriteLine($"pad {pad.Width}x{pad.Height} at {pad.X},{pad.Y}; app at {app.BaseAddress}");
        Assert.True(pad.Width >= 400 && pad.Height >= 200, "the pad is big enough to write on");

        // ---- draw "7 − 4", then turn the minus into a plus: "7 + 4" ----
        // Handwriting lays out "7+4"; the plus's horizontal bar alone is exactly a minus, its vertical bar comes last.
        float lineHeight = Math.Min(180, pad.Height * 0.55f);
        float left = (pad.Width - Handwriting.Width("7+4", lineHeight)) / 2, top = (pad.Height - lineHeight) / 2;
        var written = Handwriting.Write("7+4", left, top, lineHeight);
        var seven = written[0].Strokes[0];
        var (plusBar, plusStem) = (written[1].Strokes[0], written[1].Strokes[1]);
        var (fourOpen, fourStem) = (written[2].Strokes[0], written[2].Strokes[1]);

        var strokeToDone = new List<double>();
        var shown = new List<(string Ascii, string Decimal)>();
        foreach (var stroke in new[] { seven, plusBar, fourOpen, fourStem, plusStem })
        {
            int doneBefore = await page.EvaluateAsync<int>(DoneCountScript);
            await DrawAsync(page, pad, stroke);
            await page.WaitForFunctionAsync(NewDoneScript, doneBefore, new PageWaitForFunctionOptions { Timeout = WaitMilliseconds });
            strokeToDone.Add(await page.EvaluateAsync<double>(StrokeToDoneScript, doneBefore));
            shown.Add(await ShownResultAsync(page));
            output.WriteLine($"stroke {strokeToDone.Count}: '{shown[^1].Ascii}' = '{shown[^1].Decimal}' after {strokeToDone[^1]:0} ms");
        }

        Assert.Equal(("7", "7"), shown[0]);
        Assert.Equal(("7-4", "3"), shown[3]);
        Assert.Equal(("7+4", "11"), shown[4]);
        await Assertions.Expect(page.Locator("#message")).ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("#overlay .symbol")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#model-version")).Not.ToHaveAttributeAsync("data-version", "");
        await Assertions.Expect(page.Locator("#undo")).ToHaveAttributeAsync("aria-disabled", "false");
        await Assertions.Expect(page.Locator("#clear")).ToHaveAttributeAsync("aria-disabled", "false");
        await SaveScreenshotAsync(page);

        var sorted = strokeToDone.Order().ToList();
        double median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        output.WriteLine($"stroke end (mouse up) to data-state=done over {sorted.Count} strokes: median {median:0} ms " +
                         $"(min {sorted[0]:0}, max {sorted[^1]:0}; includes the page's 350 ms debounce)");
        Assert.All(strokeToDone, ms => Assert.True(ms >= 300, $"a result came {ms:0} ms after the stroke, before the page's 350 ms debounce"));

        // ---- Ctrl+Z takes back the last stroke: "7 + 4" becomes "7 − 4" again ----
        int beforeUndo = await page.EvaluateAsync<int>(DoneCountScript);
        await page.Keyboard.PressAsync("Control+z");
        await page.WaitForFunctionAsync(NewDoneScript, beforeUndo, new PageWaitForFunctionOptions { Timeout = WaitMilliseconds });
        var afterUndo = await ShownResultAsync(page);
        output.WriteLine($"after undo: '{afterUndo.Ascii}' = '{afterUndo.Decimal}'");
        Assert.Equal(shown[3], afterUndo);
        await Assertions.Expect(page.Locator("#expression")).ToHaveAttributeAsync("data-ascii", "7-4");
        await Assertions.Expect(page.Locator("#value")).ToHaveAttributeAsync("data-decimal", "3");
        await Assertions.Expect(page.Locator("#redo")).ToHaveAttributeAsync("aria-disabled", "false");

        // ---- Escape clears: the blank state, answered locally ----
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(body).ToHaveAttributeAsync("data-state", "idle");
        await Assertions.Expect(page.Locator("#message")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#message")).ToHaveTextAsync(BlankMessage);
        await Assertions.Expect(page.Locator("#expression")).ToHaveAttributeAsync("data-ascii", "");
        await Assertions.Expect(page.Locator("#value")).ToHaveAttributeAsync("data-decimal", "");
        await Assertions.Expect(page.Locator("#overlay .symbol")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#clear")).ToHaveAttributeAsync("aria-disabled", "true");
        await Assertions.Expect(page.Locator("#undo")).ToHaveAttributeAsync("aria-disabled", "false"); // clearing is undoable
        Assert.True(await page.EvaluateAsync<bool>("""
            () => { const c = document.getElementById('pad');
                    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                    for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) return false;
                    return true; }
            """), "the pad is blank after Escape");

        Assert.True(problems.Count == 0, "the page logged problems:\n" + string.Join("\n", problems));
    }

    /// <summary>
    /// The page sends strokes: a 4 drawn in two strokes is one symbol, and in "12/4" the slash is read as a division
    /// from its context (spaced like an operator, between two numbers), so the value shown is 3.
    /// </summary>
    [SkippableFact]
    public async Task ATwoStrokeFour_And12Over4_ShowTheirValues()
    {
        Skip.IfNot(BrowserFixture.ChromiumInstalled, $"{BrowserFixture.ChromiumPath} is not installed; the browser test needs the system Chromium (it never downloads one).");

        await using var context = await NewContextAsync();
        var page = await NewPageAsync(context);
        var requests = new List<string>();
        page.Request += (_, request) => { if (request.Url.EndsWith("/api/recognize", StringComparison.Ordinal)) requests.Add(request.Headers["content-type"]); };
        await page.GotoAsync("/");
        await page.EvaluateAsync(ProbeScript);
        await page.Locator("#stroke-width").FillAsync("10");
        var pad = await page.Locator("#pad").BoundingBoxAsync();
        Assert.NotNull(pad);
        float lineHeight = Math.Min(150, pad.Height * 0.5f), top = (pad.Height - lineHeight) / 2;

        Task<(string Ascii, string Decimal)> DrawAllAsync(IEnumerable<WrittenSymbol> symbols) => DrawAndReadAsync(page, pad, symbols.SelectMany(s => s.Strokes));

        var four = Handwriting.Write("4", pad.Width / 2 - lineHeight / 3, top, lineHeight);
        Assert.Equal(2, four[0].Strokes.Count);
        var shownFour = await DrawAllAsync(four);
        output.WriteLine($"two-stroke 4: '{shownFour.Ascii}' = '{shownFour.Decimal}'");
        Assert.Equal(("4", "4"), shownFour);
        await Assertions.Expect(page.Locator("#overlay .symbol")).ToHaveCountAsync(1);

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-state", "idle");

        // Digits of a number close together, the slash spaced like an operator, as people write it.
        float left = pad.Width / 2 - 1.6f * lineHeight;
        var twelve = Handwriting.Write("12", left, top, lineHeight, gap: 0.15f);
        var overFour = Handwriting.Write("/4", twelve[^1].X + twelve[^1].Width + 0.4f * lineHeight, top, lineHeight, gap: 0.4f);
        var shown = await DrawAllAsync(twelve.Concat(overFour));
        output.WriteLine($"12/4: '{shown.Ascii}' = '{shown.Decimal}', confidence {await page.Locator("#expression").GetAttributeAsync("data-confidence")}");
        Assert.Equal(("12/4", "3"), shown);
        // A reading with less than half the probability mass is marked unsure on the page.
        double confidence = double.Parse((await page.Locator("#expression").GetAttributeAsync("data-confidence"))!, System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(page.Locator("#expression")).ToHaveAttributeAsync("data-unsure", confidence < 0.5 ? "true" : "false");
        if (confidence < 0.5) await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("Unsure reading");
        Assert.NotEmpty(requests);
        Assert.All(requests, type => Assert.StartsWith("application/json", type));
    }

    /// <summary>
    /// The correction loop on the page: draw "7+4", tap the 4's box, pick 9 in the menu and see "7+9 = 16"; correct the
    /// 7 with the keyboard alone (arrow keys, Enter, Escape); undo both corrections in turn. Both corrections are stored.
    /// </summary>
    [SkippableFact]
    public async Task ASymbolCorrectedInItsMenu_ChangesTheValue_AndCanBeUndone()
    {
        Skip.IfNot(BrowserFixture.ChromiumInstalled, $"{BrowserFixture.ChromiumPath} is not installed; the browser test needs the system Chromium (it never downloads one).");

        await using var context = await NewContextAsync();
        var page = await NewPageAsync(context);
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add("page error: " + error);
        page.Console += (_, message) => { if (message.Type == "error") problems.Add("console: " + message.Text); };
        var correctionTypes = new List<string>();
        IResponse? recognized = null;
        page.Request += (_, request) => { if (request.Url.EndsWith("/api/corrections", StringComparison.Ordinal)) correctionTypes.Add(request.Headers["content-type"]); };
        page.Response += (_, response) => { if (response.Url.EndsWith("/api/recognize", StringComparison.Ordinal)) recognized = response; };
        await page.GotoAsync("/");
        await page.EvaluateAsync(ProbeScript);
        var pad = await page.Locator("#pad").BoundingBoxAsync();
        Assert.NotNull(pad);

        float lineHeight = Math.Min(160, pad.Height * 0.5f);
        var written = Handwriting.Write("7+4", (pad.Width - Handwriting.Width("7+4", lineHeight)) / 2, (pad.Height - lineHeight) / 2, lineHeight);
        int done = await page.EvaluateAsync<int>(DoneCountScript);
        foreach (var stroke in written.SelectMany(s => s.Strokes)) await DrawAsync(page, pad, stroke);
        await page.WaitForFunctionAsync(NewDoneScript, done, new PageWaitForFunctionOptions { Timeout = WaitMilliseconds });
        Assert.Equal(("7+4", "11"), await ShownResultAsync(page));

        // The formula is shown from the answer's MathML when the server sends it, and the copy button with its LaTeX.
        Assert.NotNull(recognized);
        var answer = await recognized.JsonAsync();
        bool hasMathMl = answer?.TryGetProperty("mathml", out var mathml) == true && mathml.ValueKind == System.Text.Json.JsonValueKind.String;
        bool hasLatex = answer?.TryGetProperty("latex", out var latex) == true && latex.ValueKind == System.Text.Json.JsonValueKind.String;
        await Assertions.Expect(page.Locator("#formula math")).ToHaveCountAsync(hasMathMl ? 1 : 0);
        if (hasLatex) await Assertions.Expect(page.Locator("#copy-latex")).ToBeVisibleAsync();
        else await Assertions.Expect(page.Locator("#copy-latex")).ToBeHiddenAsync();

        // ---- a tap on the 4's box opens its menu; 9 makes it 7+9 ----
        var boxes = page.Locator("#symbol-boxes .symbol-box");
        await Assertions.Expect(boxes).ToHaveCountAsync(3);
        var four = await boxes.Nth(2).BoundingBoxAsync();
        Assert.NotNull(four);
        await page.Mouse.ClickAsync(four.X + four.Width / 2, four.Y + four.Height / 2);
        var menu = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(menu).ToBeVisibleAsync();
        await Assertions.Expect(menu).ToContainTextAsync("Symbol 3 of 3");
        await Assertions.Expect(menu.GetByRole(AriaRole.Group, new() { Name = "All symbols" }).GetByRole(AriaRole.Button)).ToHaveCountAsync(18);
        await Assertions.Expect(menu.GetByRole(AriaRole.Button, new() { Name = "Not a symbol: drop this box" })).ToBeVisibleAsync();
        await SaveScreenshotAsync(page, "correction-menu");
        // The tap drew nothing: the pad still holds the drawing's strokes only.
        await Assertions.Expect(page.Locator("#pad")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex($"{written.Sum(s => s.Strokes.Count)} strokes drawn"));

        done = await page.EvaluateAsync<int>(DoneCountScript);
        await menu.Locator("[data-label='9']").ClickAsync();
        await page.WaitForFunctionAsync(NewDoneScript, done, new PageWaitForFunctionOptions { Timeout = WaitMilliseconds });
        Assert.Equal(("7+9", "16"), await ShownResultAsync(page));
        await Assertions.Expect(menu).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#announce")).ToContainTextAsync("corrected from 4 to 9");
        await Assertions.Expect(page.Locator("#undo-correction")).ToBeVisibleAsync();
        // Focus came back to the corrected symbol's box.
        Assert.Equal("2", await page.EvaluateAsync<string>("() => document.activeElement?.dataset?.index ?? ''"));

        // ---- the keyboard alone: Left to the 7, Enter opens, Escape closes back to the box, Enter and 1 corrects ----
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.Keyboard.PressAsync("ArrowLeft");
        Assert.Equal("0", await page.EvaluateAsync<string>("() => document.activeElement?.dataset?.index ?? ''"));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(menu).ToBeVisibleAsync();
        Assert.True(await menu.EvaluateAsync<bool>("m => m.contains(document.activeElement)"), "focus moves into the menu");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(menu).ToBeHiddenAsync();
        Assert.Equal("0", await page.EvaluateAsync<string>("() => document.activeElement?.dataset?.index ?? ''"));
        Assert.Equal(("7+9", "16"), await ShownResultAsync(page)); // Escape in the menu does not clear the drawing
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(menu).ToBeVisibleAsync();
        // Home is the menu's first button; walk right with the arrow keys until the 1 key has focus.
        await page.Keyboard.PressAsync("Home");
        for (int i = 0; i < 30 && await page.EvaluateAsync<string>("() => document.activeElement?.dataset?.label ?? ''") != "1"; i++)
            await page.Keyboard.PressAsync("ArrowRight");
        done = await page.EvaluateAsync<int>(DoneCountScript);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync(NewDoneScript, done, new PageWaitForFunctionOptions { Timeout = WaitMilliseconds });
        Assert.Equal(("1+9", "10"), await ShownResultAsync(page));

        // ---- undo, twice: back to 7+9, then to the drawing's own reading ----
        await page.Locator("#undo-correction").ClickAsync();
        Assert.Equal(("7+9", "16"), await ShownResultAsync(page));
        await Assertions.Expect(page.Locator("#announce")).ToContainTextAsync("Correction undone");
        await page.Locator("#undo-correction").ClickAsync();
        Assert.Equal(("7+4", "11"), await ShownResultAsync(page));
        await Assertions.Expect(page.Locator("#undo-correction")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#overlay .symbol")).ToHaveCountAsync(3);

        Assert.Equal(2, correctionTypes.Count);
        Assert.All(correctionTypes, type => Assert.StartsWith("multipart/form-data", type));
        using var admin = app.Factory!.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", MathWebFactory.AdminTokenValue);
        var totals = System.Text.Json.JsonDocument.Parse(await admin.GetStringAsync("/api/corrections")).RootElement;
        Assert.True(totals.GetProperty("byLabel").GetProperty("9").GetInt32() >= 1, totals.ToString());
        Assert.True(totals.GetProperty("byLabel").GetProperty("1").GetInt32() >= 1, totals.ToString());
        Assert.True(problems.Count == 0, "the page logged problems:\n" + string.Join("\n", problems));
    }

    /// <summary>
    /// The page's formula view in real Chromium: an answer's MathML is typeset natively (a math element in the
    /// accessibility tree), anything but MathML is stripped from it, and the copy button puts the LaTeX on the clipboard;
    /// an answer without them shows neither.
    /// </summary>
    [SkippableFact]
    public async Task TheFormula_IsTypesetFromMathMl_AndItsLatexCopied()
    {
        Skip.IfNot(BrowserFixture.ChromiumInstalled, $"{BrowserFixture.ChromiumPath} is not installed; the browser test needs the system Chromium (it never downloads one).");

        await using var context = await NewContextAsync();
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var page = await NewPageAsync(context);
        await page.GotoAsync("/");
        await page.EvaluateAsync("""
            async () => {
              const { FormulaView } = await import('/js/formula.js');
              const formula = Object.assign(document.createElement('div'), { id: 'test-formula' });
              const copy = Object.assign(document.createElement('button'), { id: 'test-copy', textContent: 'Copy LaTeX' });
              const said = Object.assign(document.createElement('p'), { id: 'test-said' });
              document.querySelector('main').append(formula, copy, said);
              window.__formula = new FormulaView({ formula, copy, announce: (m) => { said.textContent = m; } });
              window.__formula.show({
                latex: '\\frac{3}{4}+2^{3}',
                mathml: '<math xmlns="http://www.w3.org/1998/Math/MathML"><mrow><mfrac onclick="window.__clicked = 1"><mn>3</mn><mn>4</mn></mfrac>'
                      + '<mo>+</mo><msup><mn>2</mn><mn>3</mn></msup><script>window.__ran = 1</script></mrow></math>',
              });
            }
            """);
        var formula = page.Locator("#test-formula");
        await Assertions.Expect(formula.Locator("math")).ToHaveCountAsync(1);
        await Assertions.Expect(formula.GetByRole(AriaRole.Math)).ToHaveCountAsync(1);
        var fraction = await formula.Locator("mfrac").BoundingBoxAsync();
        Assert.NotNull(fraction);
        Assert.True(fraction.Height > 20, $"the fraction is typeset stacked ({fraction.Width}x{fraction.Height})");
        Assert.Equal(0, await formula.Locator("script, [onclick]").CountAsync());
        Assert.False(await page.EvaluateAsync<bool>("() => window.__ran === 1"));

        await page.Locator("#test-copy").ClickAsync();
        await Assertions.Expect(page.Locator("#test-said")).ToHaveTextAsync("LaTeX copied to the clipboard.");
        Assert.Equal(@"\frac{3}{4}+2^{3}", await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

        // An answer without the fields (an older server, a correction's re-read) shows no formula and no button.
        await page.EvaluateAsync("() => window.__formula.show({ expression: '7+4' })");
        await Assertions.Expect(formula).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#test-copy")).ToBeHiddenAsync();
        await page.EvaluateAsync("() => window.__formula.show({ mathml: '<div>3</div>', latex: '' })");
        await Assertions.Expect(formula.Locator("*")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// 2-D reading on the page: a stacked fraction (7 over a pen-drawn bar over 4) and a power (4 with a small 2 raised
    /// at its upper right) each show their exact value and the formula typeset from the answer's MathML, which the
    /// browser exposes as a math element.
    /// </summary>
    [SkippableFact]
    public async Task DrawnFractionAndPower_ShowTheirValues_AndTheFormulaAsMathMl()
    {
        Skip.IfNot(BrowserFixture.ChromiumInstalled, $"{BrowserFixture.ChromiumPath} is not installed; the browser test needs the system Chromium (it never downloads one).");

        await using var context = await NewContextAsync();
        var page = await NewPageAsync(context);
        await page.GotoAsync("/");
        await page.EvaluateAsync(ProbeScript);
        await page.Locator("#stroke-width").FillAsync("8");
        var pad = await page.Locator("#pad").BoundingBoxAsync();
        Assert.NotNull(pad);
        float height = Math.Min(110, (float)pad.Height * 0.3f), middle = (float)pad.Height / 2, centre = (float)pad.Width / 2;

        // 7 over 4: the bar wider than both, each digit a fifth of a line clear of it.
        var seven = Handwriting.Write("7", centre - 0.3f * height, middle - 1.2f * height, height);
        var four = Handwriting.Write("4", centre - 0.3f * height, middle + 0.2f * height, height);
        var bar = new Stroke([new Vector2(centre - 0.6f * height, middle), new Vector2(centre + 0.6f * height, middle)]);
        var fraction = await DrawAndReadAsync(page, pad, seven.Concat(four).SelectMany(s => s.Strokes).Append(bar));
        output.WriteLine($"fraction: '{fraction.Ascii}' = '{fraction.Decimal}'");
        Assert.Equal("1.75", fraction.Decimal);
        await Assertions.Expect(page.GetByRole(AriaRole.Math)).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#formula mfrac")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#copy-latex")).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-state", "idle");

        // 4 squared: the exponent half as tall, centred on the base's top, a little to its right.
        var @base = Handwriting.Write("4", centre - 0.5f * height, middle - 0.5f * height, height);
        var exponent = Handwriting.Write("2", @base[0].X + @base[0].Width + 0.12f * height, middle - 0.75f * height, 0.5f * height);
        var power = await DrawAndReadAsync(page, pad, @base.Concat(exponent).SelectMany(s => s.Strokes));
        output.WriteLine($"power: '{power.Ascii}' = '{power.Decimal}'");
        Assert.Equal("16", power.Decimal);
        await Assertions.Expect(page.GetByRole(AriaRole.Math)).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#formula msup")).ToHaveCountAsync(1);
    }

    private Task<IBrowserContext> NewContextAsync() => app.Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = app.BaseAddress.ToString(),
        ViewportSize = new ViewportSize { Width = 1100, Height = 720 },
        DeviceScaleFactor = 1,
        Locale = "en-US",
    });

    private static async Task<IPage> NewPageAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(WaitMilliseconds);
        Assertions.SetDefaultExpectTimeout(WaitMilliseconds);
        return page;
    }

    /// <summary>One stroke with the mouse: press, move through the points in small steps, release.</summary>
    /// <summary>Draws the strokes and waits for the page's answer to the whole drawing (done after its last change).</summary>
    private static async Task<(string Ascii, string Decimal)> DrawAndReadAsync(IPage page, LocatorBoundingBoxResult pad, IEnumerable<Stroke> strokes)
    {
        int doneBefore = await page.EvaluateAsync<int>(DoneCountScript);
        foreach (var stroke in strokes) await DrawAsync(page, pad, stroke);
        await page.WaitForFunctionAsync(NewDoneScript, doneBefore, new PageWaitForFunctionOptions { Timeout = WaitMilliseconds });
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-state", "done");
        return await ShownResultAsync(page);
    }

    private static async Task DrawAsync(IPage page, LocatorBoundingBoxResult pad, Stroke stroke)
    {
        var points = stroke.Points.Select(p => new Vector2((float)pad.X + p.X, (float)pad.Y + p.Y)).ToList();
        await page.Mouse.MoveAsync(points[0].X, points[0].Y);
        await page.Mouse.DownAsync();
        for (int i = 1; i < points.Count; i++)
        {
            int steps = Math.Max(2, (int)(Vector2.Distance(points[i - 1], points[i]) / 12));
            await page.Mouse.MoveAsync(points[i].X, points[i].Y, new MouseMoveOptions { Steps = steps });
        }
        await page.Mouse.UpAsync();
    }

    private static async Task<(string Ascii, string Decimal)> ShownResultAsync(IPage page)
    {
        var ascii = await page.Locator("#expression").GetAttributeAsync("data-ascii");
        var @decimal = await page.Locator("#value").GetAttributeAsync("data-decimal");
        return (ascii ?? "", @decimal ?? "");
    }

    /// <summary>Into the test output folder, never a tracked file: a test run leaves the working tree as it found it.</summary>
    private async Task SaveScreenshotAsync(IPage page, string name = "drawing-page")
    {
        string local = Path.Combine(AppContext.BaseDirectory, "screenshots", name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = local, Type = ScreenshotType.Png });
        output.WriteLine($"screenshot: {local} ({new FileInfo(local).Length / 1024} KiB)");
    }
}
