"""yaku serve in real headless Chromium (Playwright driving Debian's chromium).

Run by tests/cli/serve.rs, which prepares the project (the `story` fixture, accepted,
then `summary` changed in the source: stale in both locales), starts `yaku serve`, and
afterwards checks the files on disk and `yaku check`. Usage:

    workspace.py URL PROJECT_DIR SCREENSHOT_DIR

Steps: the dashboard; the English document, the stale section's source change, a
Japanese paste that the QA flags inline, an English edit saved and accepted by mouse; the
Chinese document by keyboard only (Alt+Down to the section that needs work, typing,
Ctrl+Enter to save and accept); unsaved text surviving a reload; a conflict with a change
made on disk meanwhile, both versions shown, nothing lost; the UI in Japanese; the
dashboard following a change on disk.
"""

import pathlib
import sys

from playwright.sync_api import expect, sync_playwright

URL, PROJECT, SHOTS = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
SHOTS.mkdir(parents=True, exist_ok=True)
expect.set_options(timeout=15_000)


def shot(page, name):
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def ready(page):
    page.wait_for_selector("body[data-ready=true]")


def main():
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-dev-shm-usage"],
        )
        context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))

        # The dashboard: the token is exchanged for the cookie and leaves the address.
        page.goto(URL)
        ready(page)
        assert "token=" not in page.url, page.url
        row = page.locator("#status-rows tr", has_text="en").first
        expect(row).to_contain_text("article")
        shot(page, "1-dashboard")

        # The English document: the stale section shows the source's change.
        page.click("#status-rows tr:has(td:text-is('en')) a")
        ready(page)
        summary = page.locator("#s-summary")
        expect(summary).to_have_attribute("data-state", "stale")
        expect(summary.locator(".change ins")).to_contain_text("さらなる")
        shot(page, "2-document-stale")

        # A Japanese paste, saved: the QA flags the untranslated text at the section.
        area = page.locator("#t-summary")
        area.fill("## 3. Summary {#summary}\n\n")
        area.press("End")
        page.keyboard.type("今後のさらなる研究が期待されます。")
        summary.get_by_role("button", name="Save").click()
        expect(page.locator("#message")).to_have_text("Saved")
        assert "今後のさらなる研究" in (PROJECT / "content/en/article.md").read_text()
        page.reload()
        ready(page)
        expect(page.locator("#s-summary .findings")).to_contain_text("untranslated-text")
        shot(page, "3-document-qa-finding")

        # The English edit, saved and accepted by mouse.
        area = page.locator("#t-summary")
        area.fill("## 3. Summary {#summary}\n\nFurther research is awaited, ")
        area.press("End")
        page.keyboard.type("and more of it.")
        page.locator("#s-summary").get_by_role("button", name="Save").click()
        expect(page.locator("#message")).to_have_text("Saved")
        page.locator("#s-summary").get_by_role("button", name="Accept", exact=True).click()
        expect(page.locator("#message")).to_have_text("Accepted")
        expect(page.locator("#s-summary")).to_have_attribute("data-state", "current")
        shot(page, "4-document-accepted")
        # The preview: the saved text as the HTML build renders it.
        page.locator("#s-summary").get_by_role("button", name="Preview").click()
        preview = page.locator("#s-summary .preview")
        expect(preview.locator("h2")).to_have_text("3. Summary")
        expect(preview).to_contain_text("Further research is awaited, and more of it.")
        shot(page, "4b-preview")

        # The Chinese document, keyboard only.
        page.goto(URL.split("/?")[0] + "/doc?locale=zh-Hans&doc=article")
        ready(page)
        page.keyboard.press("Alt+ArrowDown")
        focused = page.evaluate("document.activeElement.id")
        assert focused == "t-summary", focused
        page.keyboard.press("Control+End")
        page.keyboard.press("Shift+Home")
        page.keyboard.type("今后的进一步研究值得期待。")
        page.keyboard.press("Control+Enter")
        expect(page.locator("#message")).to_have_text("Accepted")
        expect(page.locator("#s-summary")).to_have_attribute("data-state", "current")
        # Focus stays on the section, and Tab leads from its text to its Save button.
        assert page.evaluate("document.activeElement.id") == "t-summary"
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Save"
        shot(page, "5-keyboard-accepted")

        # Unsaved text survives a reload.
        area = page.locator("#t-trials")
        area.fill(area.input_value() + "\n\n未保存的文字。")
        page.reload()
        ready(page)
        assert page.locator("#t-trials").input_value().endswith("未保存的文字。")
        expect(page.locator("#message")).to_have_text("Restored the text that was not saved last time")

        # A change on disk to the same section meanwhile: the page refreshes, keeps the
        # text being typed, and a save shows both versions instead of overwriting.
        path = PROJECT / "content/zh-Hans/article.md"
        text = path.read_text()
        theirs_marker = "（另一位编辑的修改）"
        first = next(line for line in text.splitlines() if "56名患者" in line)
        path.write_text(text.replace(first, first + theirs_marker, 1))
        expect(page.locator("#message")).to_have_text("Loaded the changes on disk")
        assert page.locator("#t-trials").input_value().endswith("未保存的文字。")
        page.locator("#t-trials").focus()
        page.keyboard.press("Control+s")
        conflict = page.locator("#s-trials .conflict")
        expect(conflict.locator(".theirs")).to_contain_text(theirs_marker)
        expect(conflict.locator(".mine")).to_contain_text("未保存的文字。")
        assert theirs_marker in path.read_text(), "their change is still on disk"
        shot(page, "6-conflict")
        conflict.get_by_role("button", name="Use the one on disk").click()
        assert theirs_marker in page.locator("#t-trials").input_value()
        expect(page.locator("#t-trials.dirty")).to_have_count(0)

        # The UI language follows the switcher (and is kept across pages).
        page.select_option("#lang", "ja")
        ready(page)
        expect(page.locator("#back")).to_have_text("ダッシュボードへ戻る")
        expect(page.locator("#s-summary .label").first).to_have_text("原文")
        page.click("#back")
        ready(page)
        expect(page.locator("h2")).to_have_text("文書と言語")
        # The dashboard follows changes on disk: the English summary made stale again.
        # and back.
        source = PROJECT / "content/ja/article.md"
        accepted = source.read_text()
        stale = page.locator("#status-rows tr").first.locator("td").nth(4)
        expect(stale).to_have_text("0")
        source.write_text(accepted.replace("さらなる研究", "さらなる臨床研究"))
        expect(stale).to_have_text("1")
        source.write_text(accepted)
        expect(stale).to_have_text("0")
        shot(page, "7-dashboard-ja")

        assert not errors, errors
        browser.close()
    print("e2e: all steps passed")


main()
