### The clinic's selling points (en; translated from ja/features.ftl).
###
### Documented values for en: $station = Fuse, $minutes = 3.

## Selling points

feature-pay-per-visit = Pay per visit, no packages
feature-open-weekends = Open weekends and holidays
feature-reservation-only = By appointment only

# "3-minute walk" is a compound adjective, so "minute" stays singular; a
# walk of one minute reads better in words.
feature-walk-from-station =
    { $minutes ->
        [one] Just a minute’s walk from { $station } Station
       *[other] { $minutes }-minute walk from { $station } Station
    }
