### The clinic's selling points (reference locale: ja).
###
### Used on their own and inside cta-science-backed.footnote and
### cta-pay-per-visit.footnote.
###
### Variables, with their documented values for ja:
###   $station  the nearest station, without 駅: 布施
###   $minutes  minutes on foot from the station, a number: 3

## Selling points

# No variables.
feature-pay-per-visit = 完全都度払い制

# No variables.
feature-open-weekends = 土日祝も診療

# $station (布施) and $minutes (3). Japanese has one plural form; English
# selects on $minutes.
feature-walk-from-station = { $station }駅から徒歩{ $minutes }分

# No variables.
feature-reservation-only = 完全予約制
