### Components placed in articles (en; translated from ja/components.ftl).
###
### Documented values for en: $clinic = M&B Aesthetic Dermatology Clinic,
### $station = Fuse, $minutes = 3.
### They are set in yaku.toml ([fluent-args.en]), in this locale's own forms, never
### in kana (policy: locales/README.md, "Names and argument values in published text").

## Call-to-action banners

cta-evidence-based =
    .heading = Looking for evidence-based aesthetic medicine?
    .body = At { $clinic } in { $station }, Osaka, we offer evidence-based regenerative treatments.
    .button = Book a consultation on { -line }
    .footnote = We never pressure you into treatment. Feel free to ask us anything.

cta-science-backed =
    .heading = Looking for aesthetic medicine backed by science?
    .body = At { $clinic } in Higashi-Osaka, we offer a range of regenerative treatments, including { -rejuran }.
    .button = Book a free consultation on { -line }
    .footnote = { feature-open-weekends } · { feature-reservation-only } · { feature-walk-from-station }

cta-pay-per-visit =
    .heading = { cta-evidence-based.heading }
    .body = At { $clinic } in { $station }, Osaka, we offer evidence-based regenerative treatments such as { -rejuran }.
    .button = { cta-evidence-based.button }
    .footnote = { feature-pay-per-visit } · We never pressure you into treatment

## Notices

legal-notice = Note: The effects described in this article are findings from academic research. They are not effects or efficacy approved in Japan.
