### The clinic's selling points (zh-Hans; translated from ja/features.ftl).
###
### Documented values for zh-Hans: $station = 布施, $minutes = 3.

## Selling points

feature-pay-per-visit = 完全按次付费
feature-open-weekends = 周末及节假日照常接诊
feature-walk-from-station = 距{ $station }站步行{ $minutes }分钟
feature-reservation-only = 全预约制
