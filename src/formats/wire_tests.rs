//! Tests of `wire.rs`.

use super::*;
use proptest::prelude::*;

const GULF: &str = include_str!("../../fixtures/articles/gulf-wire-2018-06.txt");
const CRLF_BOM: &str = include_str!("../../fixtures/articles/crlf-bom.txt");
const ARABIC_EMOJI: &str = include_str!("../../fixtures/articles/arabic-emoji.txt");
const PLAIN_NOTE: &str = include_str!("../../fixtures/articles/plain-note.md");

fn normalise(raw: &str) -> String {
    raw.strip_prefix('\u{feff}')
        .unwrap_or(raw)
        .replace("\r\n", "\n")
}

fn some(s: &str) -> Option<String> {
    Some(s.to_owned())
}

#[test]
fn gulf_file_splits_into_three_articles_with_metadata() {
    let articles = split_articles(GULF);
    let got: Vec<_> = articles
        .iter()
        .map(|a| {
            (
                a.headline.as_deref(),
                a.date.as_deref(),
                a.dateline.as_deref(),
                a.agency.as_deref(),
                a.caption.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                Some("Coalition talks stall in Baghdad as blocs trade demands"),
                Some("2018-06-14"),
                Some("BAGHDAD"),
                Some("AFP"),
                Some("File photo of the parliament building in Baghdad. (AFP)"),
            ),
            (
                Some("Iran warns Europe over oil sanctions as exports slide"),
                Some("2018-06-15"),
                Some("TEHRAN"),
                Some("Reuters"),
                None,
            ),
            (
                Some("Saudi Arabia and allies back gradual rise in oil output"),
                Some("2018-06-16"),
                Some("RIYADH/JEDDAH"),
                // The closing "— AFP" credit wins over the caption's "(SPA)".
                Some("AFP"),
                Some(
                    "Energy Minister Faisal Al-Otaibi speaks to reporters in Jeddah on Saturday. (SPA)"
                ),
            ),
        ]
    );
}

#[test]
fn gulf_texts_keep_headline_bullets_and_body_but_not_header_furniture() {
    let articles = split_articles(GULF);
    for article in &articles {
        let text = &article.text;
        let headline = article.headline.as_deref().unwrap_or_default();
        assert!(text.starts_with(&format!("{headline}\n  • ")), "{text}");
        assert_eq!(text.matches(headline).count(), 1, "headline repeated");
        assert!(!text.contains("\nUpdated"), "{text}");
        assert!(!text.contains("\n0\n") && !text.contains("\n12\n"));
        assert!(!text.contains("\n3\n"));
        if let Some(caption) = &article.caption {
            assert!(!text.contains(caption.as_str()));
        }
        assert_eq!(text.trim(), text);
    }
    assert!(articles[0].text.ends_with("before the Eid holiday."));
    assert!(
        articles[1]
            .text
            .contains("\nTEHRAN (Reuters) — Iran’s foreign ministry")
    );
    assert!(articles[1].text.ends_with("on condition of anonymity."));
    assert!(articles[2].text.ends_with("decision.\n\n— AFP"));
}

#[test]
fn body_is_an_exact_slice_of_the_source() {
    for article in split_articles(GULF) {
        let headline = article.headline.unwrap_or_default();
        let body = article
            .text
            .strip_prefix(&format!("{headline}\n"))
            .unwrap_or_default();
        assert!(!body.is_empty());
        assert!(GULF.contains(body));
    }
}

#[test]
fn crlf_bom_file_after_normalisation() {
    let articles = split_articles(&normalise(CRLF_BOM));
    assert_eq!(articles.len(), 1);
    let article = &articles[0];
    assert_eq!(
        article.headline,
        some("Lebanon’s parliament speaker calls for quick cabinet deal")
    );
    assert_eq!(article.date, some("2018-07-02"));
    assert_eq!(article.dateline, some("BEIRUT"));
    assert_eq!(article.agency, some("AP"));
    assert_eq!(article.caption, None);
    assert!(article.text.ends_with("\n\n(AP)"));
    assert!(!article.text.contains('\r'));
}

#[test]
fn raw_crlf_bom_input_still_splits_without_panicking() {
    let articles = split_articles(CRLF_BOM);
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0].date, some("2018-07-02"));
    assert_eq!(articles[0].dateline, some("BEIRUT"));
}

#[test]
fn arabic_and_emoji_article() {
    let articles = split_articles(ARABIC_EMOJI);
    assert_eq!(articles.len(), 1);
    let article = &articles[0];
    assert_eq!(
        article.headline,
        some("Kurdish parties court young voters online ahead of regional vote")
    );
    assert_eq!(article.date, some("2018-09-27"));
    assert_eq!(article.dateline, some("ERBIL"));
    assert_eq!(article.agency, some("AFP"));
    assert_eq!(
        article.caption,
        some("Campaign posters in central Erbil on Wednesday. (AFP)")
    );
    for piece in [
        "“صوتك أمانة”",
        "📢",
        "🇮🇶",
        "🙂",
        "👩‍🎓",
        "لا دعاية انتخابية يوم الاقتراع",
    ] {
        assert!(article.text.contains(piece), "{piece}");
    }
    assert!(article.text.ends_with("harder to trace than cash."));
}

#[test]
fn markdown_note_is_one_article() {
    let articles = split_articles(PLAIN_NOTE);
    assert_eq!(articles.len(), 1);
    let article = &articles[0];
    assert_eq!(article.text, PLAIN_NOTE.trim());
    assert_eq!(
        article.headline,
        some("Notes on Kuwait’s cabinet reshuffle")
    );
    assert_eq!(article.dateline, some("KUWAIT CITY"));
    assert_eq!(article.date, None);
    assert_eq!(article.agency, None);
    assert_eq!(article.caption, None);
}

#[test]
fn empty_and_blank_input_give_no_article() {
    assert!(split_articles("").is_empty());
    assert!(split_articles(" \n\t\n  ").is_empty());
    assert!(split_articles("\u{feff}\n").is_empty());
}

#[test]
fn preamble_before_first_header_is_kept() {
    let text =
        "Scraped from the Gulf desk\nPage 2\n\nOil deal\nUpdated 14 June 2018\n0\nOil deal\nBody.";
    let articles = split_articles(text);
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0].text, "Scraped from the Gulf desk\nPage 2");
    assert_eq!(articles[0].headline, some("Scraped from the Gulf desk"));
    assert_eq!(articles[1].text, "Oil deal\nBody.");
    assert_eq!(articles[1].date, some("2018-06-14"));
}

#[test]
fn whitespace_before_first_header_is_ignored() {
    let articles = split_articles("\n  \nOil deal\nUpdated 14 June 2018\n0\nOil deal\nBody.");
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0].text, "Oil deal\nBody.");
}

#[test]
fn blank_lines_inside_the_header_are_tolerated() {
    let text = "Oil deal\n\nA tanker. (Reuters)\n\nUpdated 14 June 2018\n\n7\n\nOil deal\n\nBAGHDAD: Body.\n";
    let articles = split_articles(text);
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0].text, "Oil deal\nBAGHDAD: Body.");
    assert_eq!(articles[0].caption, some("A tanker. (Reuters)"));
    assert_eq!(articles[0].agency, some("Reuters"));
    assert_eq!(articles[0].dateline, some("BAGHDAD"));
}

#[test]
fn missing_repeat_starts_the_body_after_counter_or_updated_line() {
    let text = "Oil deal\nA tanker. (AFP)\nUpdated 14 June 2018\n0\nBAGHDAD: One.\n\nTwo.\nTalks resume\nUpdated June 16, 2018\nTEHRAN - Three.";
    let articles = split_articles(text);
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0].text, "Oil deal\nBAGHDAD: One.\n\nTwo.");
    assert_eq!(articles[0].caption, some("A tanker. (AFP)"));
    assert_eq!(articles[0].agency, some("AFP"));
    assert_eq!(articles[1].text, "Talks resume\nTEHRAN - Three.");
    assert_eq!(articles[1].date, some("2018-06-16"));
    assert_eq!(articles[1].dateline, some("TEHRAN"));
}

#[test]
fn updated_in_a_body_without_other_evidence_does_not_split() {
    let text = "Oil deal\nUpdated 14 June 2018\n0\nOil deal\nFigures were revised.\nUpdated estimates came later.";
    let articles = split_articles(text);
    assert_eq!(articles.len(), 1);
    assert!(articles[0].text.ends_with("Updated estimates came later."));
}

#[test]
fn lone_updated_lines_do_not_panic() {
    for text in [
        "Updated",
        "Updated ",
        "Headline\nUpdated",
        "Headline\nUpdated 14 June 2018",
        "Headline\nUpdated 14 June 2018\n",
        "Updated 14 June 2018\n0\nUpdated 14 June 2018",
        "é\nUpdated 31 Feb 2018\n٣\né",
    ] {
        let articles = split_articles(text);
        assert!(!articles.is_empty(), "{text:?}");
        assert!(articles.iter().all(|a| !a.text.is_empty()));
    }
    assert_eq!(
        split_articles("Headline\nUpdated 14 June 2018"),
        vec![WireArticle {
            text: "Headline".into(),
            headline: some("Headline"),
            date: some("2018-06-14"),
            ..WireArticle::default()
        }]
    );
}

#[test]
fn dates_in_known_layouts_only() {
    let cases = [
        ("14 June 2018", Some("2018-06-14")),
        ("14 June 2018 09:40", Some("2018-06-14")),
        ("June 16, 2018", Some("2018-06-16")),
        ("Jun 16, 2018", Some("2018-06-16")),
        ("Sept 3, 2019", Some("2019-09-03")),
        ("Sep. 3, 2019", Some("2019-09-03")),
        ("2018-06-14", Some("2018-06-14")),
        ("29 Feb 2020", Some("2020-02-29")),
        ("29 Feb 2019", None),
        ("31 June 2018", None),
        ("2018-13-01", None),
        ("14/06/2018", None),
        ("yesterday", None),
        ("14 June", None),
        ("June 2018", None),
        ("14 Juno 2018", None),
        ("14 June 2018 25:00", None),
        ("14 June 18", None),
        ("", None),
    ];
    for (input, want) in cases {
        assert_eq!(parse_date(input).as_deref(), want, "{input}");
    }
}

#[test]
fn datelines() {
    let cases = [
        ("BAGHDAD: Talks", Some(("BAGHDAD", None))),
        ("RIYADH/JEDDAH: Saudi", Some(("RIYADH/JEDDAH", None))),
        (
            "TEHRAN (Reuters) — Iran’s",
            Some(("TEHRAN", Some("Reuters"))),
        ),
        ("ERBIL (AFP): Kurdish", Some(("ERBIL", Some("AFP")))),
        ("BEIRUT — Lebanon’s", Some(("BEIRUT", None))),
        ("AL-QAIM – Fighting", Some(("AL-QAIM", None))),
        ("ABU DHABI - The", Some(("ABU DHABI", None))),
        ("BAGHDAD (Iraq): Talks", Some(("BAGHDAD", None))),
        ("Baghdad: Talks", None),
        ("Q: What", None),
        ("UPDATE: New", None),
        ("UPDATE 2: New", None),
        ("AL-QAIM-BASED", None),
        ("“BAGHDAD: quoted", None),
        ("بغداد: نص", None),
        ("THIS IS A VERY LONG UPPER CASE RUN WITHOUT END: x", None),
    ];
    for (input, want) in cases {
        let got = parse_dateline(input);
        let got = got
            .as_ref()
            .map(|d| (d.place.as_str(), d.agency.as_deref()));
        assert_eq!(got, want, "{input}");
    }
}

#[test]
fn agency_credits() {
    for (line, want) in [
        ("— AFP", Some("AFP")),
        ("(Reuters)", Some("Reuters")),
        ("With AFP", Some("AFP")),
        ("AP", Some("AP")),
        ("— With AFP and Reuters", Some("AFP and Reuters")),
        ("(Reporting by Ali Hassan)", None),
        ("(Additional reporting by AFP)", None),
        ("— Ali Hassan", None),
        ("Thanks", None),
        ("The talks continue.", None),
    ] {
        assert_eq!(credit_line_agency(line).as_deref(), want, "{line}");
    }
    for (caption, want) in [
        ("A tanker. (AFP)", Some("AFP")),
        ("A tanker. (AFP/File Photo)", Some("AFP")),
        ("A tanker. (Reuters file photo)", Some("Reuters")),
        ("A tanker. (Supplied)", None),
        ("A tanker at sea", None),
    ] {
        assert_eq!(caption_agency(caption).as_deref(), want, "{caption}");
    }
}

#[test]
fn agency_falls_back_from_dateline_to_credit_line_to_caption() {
    let base = "Oil deal\nA tanker. (SPA)\nUpdated 14 June 2018\n0\nOil deal\n";
    let with_dateline = format!("{base}RIYADH (Reuters) — Body.\n\n— AFP");
    let with_credit = format!("{base}RIYADH: Body.\n\n— AFP");
    let caption_only = format!("{base}RIYADH: Body.");
    assert_eq!(split_articles(&with_dateline)[0].agency, some("Reuters"));
    assert_eq!(split_articles(&with_credit)[0].agency, some("AFP"));
    assert_eq!(split_articles(&caption_only)[0].agency, some("SPA"));
}

#[test]
fn dateline_is_read_after_the_bullets_only() {
    let text = "Oil deal\nUpdated 14 June 2018\n0\nOil deal\n  • BASRA: not a dateline\nThe talks resumed.\nBAGHDAD: too late";
    assert_eq!(split_articles(text)[0].dateline, None);
}

/// Lines that make up wire layouts, mixed with arbitrary text, so that random input
/// actually reaches the header and dateline rules.
fn wireish_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Oil deal".to_owned()),
        Just("Oil deal ".to_owned()),
        Just("A tanker. (AFP)".to_owned()),
        Just("Updated 14 June 2018".to_owned()),
        Just("Updated June 16, 2018 09:40".to_owned()),
        Just("Updated".to_owned()),
        Just("Updated é".to_owned()),
        Just("0".to_owned()),
        Just(String::new()),
        Just("  • a “bullet”".to_owned()),
        Just("BAGHDAD (AFP): Body.".to_owned()),
        Just("TEHRAN (Reuters".to_owned()),
        Just("— AFP".to_owned()),
        Just("# Title".to_owned()),
        Just("\u{feff}Iran’s 🇮🇶 صوتك\r".to_owned()),
        "[A-Z (/:—–'’.)-]{0,12}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..30).prop_map(|lines| lines.join("\n"))
}

fn check_invariants(input: &str) -> Result<(), TestCaseError> {
    let articles = split_articles(input);
    let stripped = input.strip_prefix('\u{feff}').unwrap_or(input);
    prop_assert_eq!(articles.is_empty(), stripped.trim().is_empty());
    for article in &articles {
        prop_assert!(!article.text.is_empty());
        prop_assert_eq!(article.text.trim(), article.text.as_str());
        let headline = article.headline.as_deref().unwrap_or_default();
        prop_assert!(!headline.is_empty());
    }
    // Nothing is dropped: every line is in some text or is header furniture.
    for line in stripped
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        let kept = articles.iter().any(|a| {
            a.text.contains(line)
                || a.caption.as_deref() == Some(line)
                || a.headline.as_deref() == Some(line)
        });
        let furniture = updated_rest(line).is_some() || is_counter(line);
        prop_assert!(kept || furniture, "dropped line {:?}", line);
    }
    Ok(())
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_strings(input in any::<String>()) {
        check_invariants(&input)?;
    }

    #[test]
    fn never_panics_on_wire_like_text(input in wireish_text()) {
        check_invariants(&input)?;
    }
}
