### Components placed in articles with <!-- yaku:component ID --> (reference locale: ja).
###
### Each CTA banner is a message without a value, with the attributes
### .heading, .body, .button and .footnote, in that order.
###
### Variables, with their documented values for ja:
###   $clinic   the clinic's name: M&B美容皮フ科クリニック (its registered name)
###   $station  the nearest station, without 駅: 布施
###   $minutes  minutes on foot from the station, a number: 3
### Each locale sets its own $clinic and $station in yaku.toml
### ([fluent-args.<locale>]); en and zh-Hans never show the ja values (policy:
### locales/README.md, "Names and argument values in published text").
### Messages referenced from here (feature-*) take $station and $minutes
### from the same arguments.

## Call-to-action banners

# First banner of the exosome article.
# .body takes $clinic and $station; the other attributes take no variables.
cta-evidence-based =
    .heading = 科学的根拠に基づく美容医療をお探しの方へ
    .body = 大阪 { $station }の{ $clinic }では、エビデンスに基づいた再生治療をご提供しています。
    .button = { -line }でカウンセリングを予約する
    .footnote = 無理な勧誘は一切ありません。お気軽にご相談ください。

# Second banner: the clinic's selling points.
# .body takes $clinic; .footnote takes $station and $minutes (through
# feature-walk-from-station); .heading and .button take no variables.
cta-science-backed =
    .heading = 科学に裏打ちされた美容医療をご希望の方へ
    .body = 東大阪の{ $clinic }では、{ -rejuran }をはじめとする再生医療メニューをご用意しています。
    .button = { -line }で無料カウンセリングを予約
    .footnote = { feature-open-weekends }・{ feature-reservation-only }・{ feature-walk-from-station }

# Third banner: pay per visit. Its heading and button are those of the first banner.
# .body takes $clinic and $station; the other attributes take no variables.
cta-pay-per-visit =
    .heading = { cta-evidence-based.heading }
    .body = 大阪 { $station }の{ $clinic }では、{ -rejuran }などエビデンスに基づいた再生治療をご提供しています。
    .button = { cta-evidence-based.button }
    .footnote = { feature-pay-per-visit }・無理な勧誘は一切ありません

## Notices

# The recurring legal notice (Pharmaceutical and Medical Device Act). No variables.
legal-notice = ※本記事で紹介する効果は学術論文の研究結果であり、日本国内で承認された効果・効能ではありません。
