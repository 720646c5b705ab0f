### Brand names used inside other messages (zh-Hans; translated from ja/brand.ftl).

## Brands

-line = LINE
-rejuran = 丽珠兰（Rejuran）
