### Labels a renderer puts around article content (reference locale: ja).
###
### No label takes variables.

## Section labels

label-toc = 目次
label-key-points = 本記事のポイント
label-faq = よくある質問
label-references = 参考文献
label-related = 関連記事
label-read-more = 続きを読む →

## Site chrome

# Heading of the language switcher.
label-language = 言語

# Shown on a section published in the source language because its
# translation is missing.
label-fallback-notice = このセクションはまだ翻訳されていないため、原文のまま掲載しています。

# Shown on a section whose translation may be out of date with the source.
label-stale-notice = このセクションの翻訳は、原文の更新が反映されていない可能性があります。

## Callout titles, one per GFM alert kind ([!NOTE], [!TIP], ...)

label-callout-note = 注記
label-callout-tip = ヒント
label-callout-important = 重要
label-callout-warning = 警告
label-callout-caution = 注意
