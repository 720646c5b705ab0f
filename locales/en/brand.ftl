### Brand names used inside other messages (en; translated from ja/brand.ftl).

## Brands

-line = LINE
-rejuran = Rejuran
