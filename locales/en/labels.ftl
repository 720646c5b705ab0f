### Labels a renderer puts around article content (en; translated from ja/labels.ftl).

## Section labels

label-toc = Contents
label-key-points = Key points of this article
label-faq = Frequently asked questions
label-references = References
label-related = Related articles
label-read-more = Read more →

## Site chrome

label-language = Language
label-fallback-notice = This section has not been translated yet, so it is shown in the original Japanese.
label-stale-notice = The original of this section has been updated since it was translated, so this translation may be out of date.

## Callout titles

label-callout-note = Note
label-callout-tip = Tip
label-callout-important = Important
label-callout-warning = Warning
label-callout-caution = Caution
