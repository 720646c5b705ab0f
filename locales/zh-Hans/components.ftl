### Components placed in articles (zh-Hans; translated from ja/components.ftl).
###
### Documented values for zh-Hans: $clinic = M&B美容皮肤科诊所,
### $station = 布施, $minutes = 3.
### They are set in yaku.toml ([fluent-args.zh-Hans]), in this locale's own forms, never
### in kana (policy: locales/README.md, "Names and argument values in published text").

## Call-to-action banners

cta-evidence-based =
    .heading = 正在寻找有科学依据的医疗美容吗？
    .body = 位于大阪{ $station }的{ $clinic }，提供基于循证医学的再生治疗。
    .button = 通过{ -line }预约咨询
    .footnote = 绝无强行推销，欢迎随时咨询。

cta-science-backed =
    .heading = 希望接受有科学支撑的医疗美容吗？
    .body = 位于东大阪的{ $clinic }，提供以{ -rejuran }为代表的多种再生医疗项目。
    .button = 通过{ -line }预约免费咨询
    .footnote = { feature-open-weekends }｜{ feature-reservation-only }｜{ feature-walk-from-station }

cta-pay-per-visit =
    .heading = { cta-evidence-based.heading }
    .body = 位于大阪{ $station }的{ $clinic }，提供{ -rejuran }等基于循证医学的再生治疗。
    .button = { cta-evidence-based.button }
    .footnote = { feature-pay-per-visit }｜绝无强行推销

## Notices

legal-notice = 注：本文介绍的效果均为学术论文的研究结果，并非在日本国内获批的效果或功效。
