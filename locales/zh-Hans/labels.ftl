### Labels a renderer puts around article content (zh-Hans; translated from ja/labels.ftl).

## Section labels

label-toc = 目录
label-key-points = 本文要点
label-faq = 常见问题
label-references = 参考文献
label-related = 相关文章
label-read-more = 阅读全文 →

## Site chrome

label-language = 语言
label-fallback-notice = 本节尚未翻译，暂以日语原文显示。
label-stale-notice = 本节原文在翻译后已有更新，译文可能不是最新内容。

## Callout titles

label-callout-note = 说明
label-callout-tip = 提示
label-callout-important = 重要
label-callout-warning = 警告
label-callout-caution = 注意
