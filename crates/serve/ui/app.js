// yaku serve: the dashboard and the document page. Plain JavaScript, no library; every
// text from the project goes into the page as text (textContent), never as HTML.
"use strict";

const ui = { strings: {}, lang: "en" };

function t(id) {
  return ui.strings[id] || id;
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) {
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
  }
  return node;
}

function say(text) {
  document.getElementById("message").textContent = text;
}

async function api(method, path, body) {
  const options = { method, headers: {}, credentials: "same-origin" };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  let data = null;
  try {
    data = await response.json();
  } catch (_) {
    data = { error: response.statusText };
  }
  return { status: response.status, data };
}

async function loadStrings() {
  const chosen = localStorage.getItem("yaku-lang");
  const query = chosen ? "?lang=" + encodeURIComponent(chosen) : "";
  const { data } = await api("GET", "/api/ui" + query);
  ui.strings = data.strings || {};
  ui.lang = data.lang;
  document.documentElement.lang = data.lang;
  for (const node of document.querySelectorAll("[data-i18n]")) {
    node.textContent = t(node.dataset.i18n);
  }
  const select = document.getElementById("lang");
  // Each language by its own name, whatever the page's language.
  const names = { ja: "日本語", en: "English", "zh-Hans": "简体中文" };
  select.replaceChildren(
    ...data.languages.map((lang) => el("option", { value: lang, lang, text: names[lang] || lang }))
  );
  select.value = data.lang;
  select.onchange = () => {
    localStorage.setItem("yaku-lang", select.value);
    location.reload();
  };
}

// ---- Dashboard ---------------------------------------------------------------------

const STATES = ["current", "stale", "in-progress", "untranslated", "missing", "obsolete", "renamed"];

function count(counts, state) {
  return counts[state.replace("-", "_")] || 0;
}

async function dashboard() {
  say(t("loading"));
  const { status, data } = await api("GET", "/api/status");
  if (status !== 200) {
    say(t("error") + ": " + data.error);
    return;
  }
  say("");
  // Files that could not be used, where `yaku check` would name them.
  document.getElementById("problems").replaceChildren(
    ...data.problems.map((p) =>
      el("li", { class: p.severity, text: p.path + ":" + p.line + ":" + p.col + ": " + p.message + (p.help ? " (" + p.help + ")" : "") })
    )
  );
  const locale = document.getElementById("filter-locale");
  locale.replaceChildren(
    el("option", { value: "", text: t("filter-all-locales") }),
    ...data.locales.map((l) => el("option", { value: l, text: l }))
  );
  const head = document.getElementById("status-head");
  head.replaceChildren(
    el("th", { scope: "col", text: t("col-document") }),
    el("th", { scope: "col", text: t("col-locale") }),
    el("th", { scope: "col", text: t("col-progress") }),
    ...STATES.map((s) => el("th", { scope: "col", text: t("state-" + s) })),
    el("th", { scope: "col", text: t("chars-left") }),
    el("th", { scope: "col", text: t("col-qa") })
  );
  const render = () => {
    const search = document.getElementById("search").value.trim().toLowerCase();
    const show = document.getElementById("filter-show").value;
    const rows = data.documents.filter((d) => {
      if (locale.value && d.locale !== locale.value) return false;
      if (search && !d.doc.toLowerCase().includes(search)) return false;
      const needsWork = d.percent_current < 100 || d.counts.obsolete > 0;
      if (show === "work" && !needsWork) return false;
      if (show === "qa" && d.qa_errors === 0) return false;
      return true;
    });
    const body = document.getElementById("status-rows");
    if (rows.length === 0) {
      body.replaceChildren(el("tr", {}, el("td", { colspan: "12", text: t("no-rows") })));
      return;
    }
    body.replaceChildren(
      ...rows.map((d) => {
        const href = "/doc?locale=" + encodeURIComponent(d.locale) + "&doc=" + encodeURIComponent(d.doc);
        const bar = el("span", { class: "progress", "aria-hidden": "true" }, el("span", {}));
        bar.firstChild.style.width = d.percent_current + "%";
        return el(
          "tr",
          {},
          el("td", {}, el("a", { href, text: d.doc, "aria-label": d.doc + " (" + d.locale + ")" })),
          el("td", { text: d.locale }),
          el("td", {}, bar, d.percent_current.toFixed(1) + "%"),
          ...STATES.map((s) => el("td", { text: String(count(d.counts, s)) })),
          el("td", { text: String(d.chars_left) }),
          el("td", { class: d.qa_errors > 0 ? "bad" : "", text: String(d.qa_errors) })
        );
      })
    );
  };
  for (const id of ["search", "filter-locale", "filter-show"]) {
    document.getElementById(id).addEventListener("input", render);
  }
  document.getElementById("filters").addEventListener("submit", (e) => e.preventDefault());
  render();
  // Files changed on disk: the numbers are fetched again, the filters kept.
  let timer = null;
  new EventSource("/api/events").addEventListener("change", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const again = await api("GET", "/api/status");
      if (again.status === 200) {
        data.documents = again.data.documents;
        render();
      }
    }, 300);
  });
}

// ---- Document page -----------------------------------------------------------------

const page = { locale: "", doc: "", sourceLocale: "", version: "", sections: new Map() };

function draftKey(id) {
  return "yaku-draft:" + page.locale + ":" + page.doc + ":" + id;
}

function needsWork(state) {
  return state !== "current";
}

// The source text with the glossary's terms marked, their renderings as titles.
function highlighted(text, glossary) {
  const node = el("pre", { class: "source-text", lang: page.sourceLocale });
  const terms = glossary.filter((g) => g.term).sort((a, b) => b.term.length - a.term.length);
  let rest = text;
  while (rest.length > 0) {
    let best = null;
    for (const g of terms) {
      const at = rest.indexOf(g.term);
      if (at >= 0 && (best === null || at < best.at)) best = { at, g };
    }
    if (best === null) {
      node.append(rest);
      break;
    }
    node.append(rest.slice(0, best.at));
    node.append(el("mark", { title: best.g.term + " → " + best.g.rendering, text: best.g.term }));
    rest = rest.slice(best.at + best.g.term.length);
  }
  return node;
}

function changeView(section) {
  if (!section.change) return null;
  const box = el("div", { class: "change", role: "group", "aria-label": t("doc-change") });
  box.append(el("span", { class: "label", text: t("doc-change") }));
  if (!section.baseline_available) box.append(el("p", { class: "note", text: t("doc-no-baseline") }));
  for (const c of section.change) {
    if (c.op === "insert") box.append(el("ins", { text: c.text }));
    else if (c.op === "delete") box.append(el("del", { text: c.text }));
    else box.append(c.text);
  }
  return box;
}

function renderSection(section) {
  const id = section.id;
  const entry = page.sections.get(id) || {};
  entry.data = section;
  const article = el("section", {
    class: "section" + (needsWork(section.state) ? " needs-work" : ""),
    id: "s-" + id,
    "data-state": section.state,
    "aria-labelledby": "h-" + id,
  });
  article.append(
    el(
      "h2",
      { id: "h-" + id },
      el("span", { text: section.heading || id }),
      el("span", { class: "badge " + section.state, text: t("state-" + section.state) }),
      el("code", { class: "note", text: "#" + id })
    )
  );
  const left = el("div", {}, el("span", { class: "label", text: t("doc-source") }));
  const change = changeView(section);
  if (change) left.append(change);
  left.append(highlighted(section.source, section.glossary));
  if (section.glossary.length > 0) {
    left.append(
      el("span", { class: "label", text: t("doc-glossary") }),
      el(
        "ul",
        { class: "glossary" },
        ...section.glossary.map((g) =>
          el("li", {}, el("mark", { text: g.term }), " → ", el("strong", { text: g.rendering }), g.note ? el("span", { class: "note", text: " (" + g.note + ")" }) : null)
        )
      )
    );
  }
  const right = el("div", {});
  if (section.translation === null) {
    right.append(el("p", { class: "note", text: t("doc-missing") }));
  } else {
    const label = el("label", { class: "label", for: "t-" + id, text: t("doc-translation") });
    const area = el("textarea", { id: "t-" + id, "data-section": id, spellcheck: "true", lang: page.locale });
    const draft = localStorage.getItem(draftKey(id));
    const keep = entry.area && entry.area.classList.contains("dirty") ? entry.area.value : null;
    entry.base = keep !== null ? entry.base : section.translation;
    if (keep !== null) {
      area.value = keep;
      area.classList.add("dirty");
    } else if (draft !== null && draft !== section.translation) {
      area.value = draft;
      area.classList.add("dirty");
      say(t("restored"));
    } else {
      area.value = section.translation;
    }
    area.rows = Math.min(30, Math.max(6, area.value.split("\n").length + 1));
    area.addEventListener("input", () => {
      area.classList.add("dirty");
      localStorage.setItem(draftKey(id), area.value);
    });
    entry.area = area;
    const actions = el(
      "div",
      { class: "actions" },
      el("button", { type: "button", class: "primary", onclick: () => save(id), text: t("action-save") }),
      el("button", { type: "button", onclick: () => saveAndAccept(id, false), text: t("action-accept") }),
      el("button", { type: "button", onclick: () => saveAndAccept(id, true), text: t("action-reviewed") }),
      el("button", { type: "button", onclick: () => suggest(id), text: t("action-suggest") }),
      el("button", { type: "button", onclick: () => preview(id), text: t("action-preview") })
    );
    entry.extra = el("div", { class: "extra" });
    right.append(label, area, actions, entry.extra);
  }
  if (section.findings.length > 0) {
    right.append(
      el("span", { class: "label", text: t("doc-findings") }),
      el(
        "ul",
        { class: "findings" },
        ...section.findings.map((f) =>
          el("li", { class: f.severity, text: f.severity + " · " + f.rule + " · line " + f.line + ": " + f.message })
        )
      )
    );
  }
  article.append(el("div", { class: "columns" }, left, right));
  entry.node = article;
  page.sections.set(id, entry);
  return article;
}

async function loadDocument(live) {
  const path = "/api/doc/" + encodeURIComponent(page.locale) + "/" + encodeURIComponent(page.doc);
  const { status, data } = await api("GET", path);
  if (status !== 200) {
    say(t("error") + ": " + data.error);
    return;
  }
  // A refresh after our own write finds what the page already shows.
  const raw = JSON.stringify(data);
  if (live && raw === page.lastJson) return;
  page.lastJson = raw;
  page.version = data.version;
  page.sourceLocale = data.source_locale;
  document.getElementById("doc-title").textContent = data.doc + " · " + data.locale;
  const active = document.activeElement;
  const focused = active && active.dataset ? active.dataset.section : null;
  const caret = focused ? [active.selectionStart, active.selectionEnd] : null;
  const container = document.getElementById("sections");
  container.replaceChildren(...data.sections.map(renderSection));
  const again = focused ? page.sections.get(focused) : null;
  if (again && again.area) {
    again.area.focus();
    again.area.setSelectionRange(caret[0], caret[1]);
  }
  if (live) say(t("live-updated"));
}

function showConflict(id, theirs) {
  const entry = page.sections.get(id);
  const mine = entry.area.value;
  entry.extra.replaceChildren(
    el(
      "div",
      { class: "conflict", role: "alert" },
      el("p", { text: t("conflict-title") }),
      el("span", { class: "label", text: t("conflict-theirs") }),
      el("pre", { class: "theirs", text: theirs === null ? "" : theirs }),
      el("span", { class: "label", text: t("conflict-mine") }),
      el("pre", { class: "mine", text: mine }),
      el(
        "div",
        { class: "actions" },
        el("button", {
          type: "button",
          class: "primary",
          onclick: () => {
            entry.base = theirs;
            save(id);
          },
          text: t("conflict-keep-mine"),
        }),
        el("button", {
          type: "button",
          onclick: () => {
            entry.area.value = theirs === null ? "" : theirs;
            entry.area.classList.remove("dirty");
            entry.base = theirs;
            localStorage.removeItem(draftKey(id));
            entry.extra.replaceChildren();
          },
          text: t("conflict-take-theirs"),
        })
      )
    )
  );
}

// Saves the section; true when the file holds the text.
async function save(id) {
  const entry = page.sections.get(id);
  if (!entry || !entry.area) return false;
  // Changed on disk since this text was started: never overwritten without a choice.
  if (entry.base !== entry.data.translation && entry.area.classList.contains("dirty")) {
    showConflict(id, entry.data.translation);
    return false;
  }
  const path = "/api/doc/" + encodeURIComponent(page.locale) + "/" + encodeURIComponent(page.doc) + "/" + encodeURIComponent(id);
  const { status, data } = await api("PUT", path, { text: entry.area.value, version: page.version });
  if (status === 200) {
    page.version = data.version;
    localStorage.removeItem(draftKey(id));
    entry.area.classList.remove("dirty");
    if (data.section) {
      entry.data = data.section;
      entry.base = data.section.translation;
    }
    await loadDocument(false);
    say(t("saved"));
    return true;
  }
  if (status === 409) {
    page.version = data.version;
    if (data.section) entry.data = data.section;
    showConflict(id, data.section ? data.section.translation : null);
    say(t("conflict-title"));
    return false;
  }
  say(t("error") + ": " + data.error);
  return false;
}

async function saveAndAccept(id, reviewed) {
  const entry = page.sections.get(id);
  if (entry.area.classList.contains("dirty") && !(await save(id))) return;
  const { status, data } = await api("POST", "/api/accept", {
    locale: page.locale,
    doc: page.doc,
    sections: [id],
    reviewed,
    version: page.version,
  });
  if (status !== 200) {
    say(t("error") + ": " + data.error);
    return;
  }
  page.version = data.version;
  if (data.refused.length > 0) {
    const r = data.refused[0];
    say(t("refused") + ": " + r.reason + (r.findings.length ? " — " + r.findings.join("; ") : ""));
  } else {
    say(t("accepted"));
  }
  await loadDocument(false);
  const again = page.sections.get(id);
  if (again && again.area) again.area.focus();
}

async function suggest(id) {
  const entry = page.sections.get(id);
  const path = "/api/suggest/" + encodeURIComponent(page.locale) + "/" + encodeURIComponent(page.doc) + "/" + encodeURIComponent(id);
  const { status, data } = await api("GET", path);
  if (status !== 200) {
    say(t("error") + ": " + data.error);
    return;
  }
  if (data.suggestions.length === 0) {
    entry.extra.replaceChildren(el("p", { class: "note", text: t("suggest-none") }));
    return;
  }
  entry.extra.replaceChildren(
    el(
      "ul",
      { class: "suggestions" },
      ...data.suggestions.map((s) =>
        el(
          "li",
          {},
          el("span", { class: "note", text: t("similarity") + " " + Math.round(s.similarity * 100) + "% · " + s.doc + "#" + s.section }),
          el("pre", { class: "source-text", text: s.translation }),
          el("button", {
            type: "button",
            onclick: () => {
              const area = entry.area;
              const at = area.selectionStart;
              area.setRangeText(s.translation, at, area.selectionEnd, "end");
              area.dispatchEvent(new Event("input"));
              area.focus();
            },
            text: t("suggest-insert"),
          })
        )
      )
    )
  );
}

// The saved translation as the HTML build renders it. The markup is the build's own,
// every text in it escaped by the renderer; parsed, not run (no script executes from a
// DOMParser document, and the page's policy allows no inline script or handler).
async function preview(id) {
  const entry = page.sections.get(id);
  const path = "/api/preview/" + encodeURIComponent(page.locale) + "/" + encodeURIComponent(page.doc) + "/" + encodeURIComponent(id);
  const { status, data } = await api("GET", path);
  if (status !== 200) {
    say(t("error") + ": " + data.error);
    return;
  }
  const parsed = new DOMParser().parseFromString(data.html, "text/html");
  const box = el("div", { class: "preview", lang: page.locale, "aria-label": t("preview-label") });
  box.append(...parsed.body.childNodes);
  entry.extra.replaceChildren(el("p", { class: "note", text: t("preview-note") }), box);
}

function focusNeedingWork(step) {
  const ids = [...page.sections.keys()].filter((id) => {
    const e = page.sections.get(id);
    return e.area && needsWork(e.data.state);
  });
  if (ids.length === 0) return;
  const current = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.section : null;
  const all = [...page.sections.keys()];
  const here = current ? all.indexOf(current) : -1;
  const ordered = step > 0 ? ids : [...ids].reverse();
  const next = ordered.find((id) => (step > 0 ? all.indexOf(id) > here : here < 0 || all.indexOf(id) < here)) || ordered[0];
  const area = page.sections.get(next).area;
  area.focus();
  area.scrollIntoView({ block: "center" });
}

function keyboard(event) {
  const mod = event.ctrlKey || event.metaKey;
  const id = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.section : null;
  if (mod && event.key === "s") {
    event.preventDefault();
    if (id) save(id);
  } else if (mod && event.key === "Enter") {
    event.preventDefault();
    if (id) saveAndAccept(id, false);
  } else if (event.altKey && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
    event.preventDefault();
    focusNeedingWork(event.key === "ArrowDown" ? 1 : -1);
  }
}

async function documentPage() {
  const params = new URLSearchParams(location.search);
  page.locale = params.get("locale") || "";
  page.doc = params.get("doc") || "";
  document.addEventListener("keydown", keyboard);
  await loadDocument(false);
  let timer = null;
  const events = new EventSource("/api/events");
  events.addEventListener("change", () => {
    clearTimeout(timer);
    timer = setTimeout(() => loadDocument(true), 300);
  });
  window.addEventListener("beforeunload", (event) => {
    const dirty = [...page.sections.values()].some((e) => e.area && e.area.classList.contains("dirty"));
    if (dirty) event.preventDefault();
  });
  document.body.dataset.ready = "true";
}

async function main() {
  await loadStrings();
  if (document.body.dataset.page === "dashboard") {
    await dashboard();
    document.body.dataset.ready = "true";
  } else {
    await documentPage();
  }
}

main();
