### Brand names used inside other messages (reference locale: ja).
###
### Terms take no variables. They are private to Fluent: articles cannot
### place them; messages use them as { -line } and { -rejuran }.
### The clinic's name is not a term but the variable $clinic of the CTA
### bodies, set per locale in yaku.toml: M&B美容皮フ科クリニック (ja, the
### registered name), M&B Aesthetic Dermatology Clinic (en), M&B美容皮肤科诊所
### (zh-Hans). See locales/README.md, "Names and argument values in published text".

## Brands

# The messaging app patients book through. The same in every locale.
-line = LINE

# The PDRN skin-booster treatment. en: Rejuran; zh-Hans: 丽珠兰（Rejuran）.
-rejuran = リジュラン
