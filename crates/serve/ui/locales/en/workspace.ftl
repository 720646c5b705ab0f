# The strings of yaku serve's pages (English).

app-title = yaku translation workspace
language-label = Language
loading = Loading…
error = Error
back = Back to the dashboard
skip-link = Skip to content

## Dashboard

dashboard-title = Documents and locales
filter-locale = Locale
filter-all-locales = All locales
filter-show = Show
filter-all = All
filter-needs-work = Needs work
filter-qa = With QA errors
search-label = Search documents
col-document = Document
col-locale = Locale
col-progress = Progress
col-qa = QA errors
chars-left = Characters left
no-rows = No document matches

## States

state-current = Current
state-stale = Source changed
state-in-progress = In progress
state-untranslated = Untranslated
state-missing = Missing
state-obsolete = Obsolete
state-renamed = Renamed

## Document page

doc-source = Source
doc-translation = Translation
doc-change = Change in the source since it was last accepted
doc-no-baseline = The source as last accepted is not stored: the whole source is shown
doc-findings = QA findings
doc-glossary = Glossary renderings
doc-missing = This section is not in the translation yet. Run yaku sync.
keyboard-help = Ctrl+S: save · Ctrl+Enter: save and accept · Alt+↓ / Alt+↑: next / previous section that needs work

## Actions

action-save = Save
action-accept = Accept
action-reviewed = Reviewed, no change needed
action-suggest = Translation memory
action-preview = Preview
saved = Saved
accepted = Accepted
refused = Not accepted
unsaved = Unsaved changes
restored = Restored the text that was not saved last time
live-updated = Loaded the changes on disk

## Suggestions

preview-note = The saved translation, as the HTML build renders it
preview-label = Preview
suggest-none = No suggestions
suggest-insert = Insert
similarity = Similarity

## Conflict

conflict-title = This file was changed elsewhere. Neither text is lost.
conflict-theirs = The translation on disk
conflict-mine = Your translation
conflict-keep-mine = Save mine
conflict-take-theirs = Use the one on disk
