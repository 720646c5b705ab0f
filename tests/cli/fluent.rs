//! `yaku fluent format`: one Fluent string previewed through a locale's fallback chain.

use crate::support::Project;

#[test]
fn fluent_format_prints_a_message_attribute_with_arguments() {
    let project = Project::fixture("story");
    let run = project
        .yaku(&["fluent", "format", "en", "cta-booking.heading"])
        .success();
    assert_eq!(run.stdout(), "Book an appointment\n");
    let run = project
        .yaku(&["fluent", "format", "zh-Hans", "cta-booking.button"])
        .success();
    assert_eq!(run.stdout(), "通过LINE预约\n");
}

#[test]
fn fluent_format_falls_back_and_reports_missing_variables() {
    let project = Project::fixture("story");
    project.write("locales/ja/extra.ftl", "walk = 駅から徒歩{ $minutes }分\n");
    // Not translated into en: the source locale supplies it.
    let run = project
        .yaku(&["fluent", "format", "en", "walk", "--arg", "minutes=3"])
        .success();
    assert_eq!(run.stdout(), "駅から徒歩3分\n");
    let run = project.yaku(&["fluent", "format", "en", "walk"]).failure();
    assert!(run.stderr().contains("minutes"), "{}", run.stderr());
    assert_eq!(run.stdout(), "", "no half-formatted `{{$minutes}}` text");
    project.yaku(&["fluent", "format", "en", "nope"]).failure();
    project.yaku(&["fluent", "format", "fr", "walk"]).failure();
    project
        .yaku(&["fluent", "format", "en", "walk", "--arg", "minutes"])
        .failure();
}

#[test]
fn the_frozen_article_formats_its_banners_in_every_locale() {
    let frozen = Project::fixture("exosome-article");
    let repo = frozen.path();
    for (locale, expected) in [
        ("ja", "布施駅から徒歩3分"),
        ("en", "3-minute walk from Fuse Station"),
        ("zh-Hans", "布施站"),
    ] {
        let output = assert_cmd::Command::cargo_bin("yaku")
            .unwrap()
            .current_dir(repo)
            .args(["fluent", "format", locale, "feature-walk-from-station"])
            .args([
                "--arg",
                if locale == "en" {
                    "station=Fuse"
                } else {
                    "station=布施"
                },
                "--arg",
                "minutes=3",
            ])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "{locale}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(text.contains(expected), "{locale}: {text}");
    }
}
