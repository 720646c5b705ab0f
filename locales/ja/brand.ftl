### Brand names used inside other messages (reference locale: ja).
###
### Terms take no variables. They are private to Fluent: articles cannot
### place them; messages use them as { -line } and { -rejuran }.
### The clinic's name is not a term but the variable $clinic of the CTA
### bodies, documented value in ja: M&B美容皮フ科クリニック.

## Brands

# The messaging app patients book through. The same in every locale.
-line = LINE

# The PDRN skin-booster treatment. en: Rejuran; zh-Hans: 丽珠兰（Rejuran）.
-rejuran = リジュラン
