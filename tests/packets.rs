//! Static interview packets: generated at build time for every role, complete without
//! JavaScript.

mod support;

use support::Book;

#[test]
fn a_role_packet_has_cover_reminder_checklists_rounds_and_scorecard_in_order() {
    let book = Book::shipped();
    book.build();
    let packet = book.page("roles/senior-architect/packet.html");

    assert_eq!(
        packet.text(".packet-role"),
        "Senior Django engineer (architecture owner)"
    );
    let blanks: Vec<String> = packet.texts(".fill-in dt");
    assert_eq!(blanks, ["Round", "Candidate", "Interviewer", "Date"]);
    let reminder = packet.text(".reminder");
    for ask in [
        "A real example",
        "The trade-offs",
        "What they would do differently",
    ] {
        assert!(reminder.contains(ask), "{reminder}");
    }

    let rounds = packet.texts(".packet-round > .round-title");
    assert_eq!(
        rounds,
        [
            "Round 1: Screening 30 min",
            "Round 2: Technical assessment 60 min",
            "Round 3: Practical scenario 45 min",
            "Round 4: Culture fit 30 min"
        ]
    );
    let order: Vec<String> = packet.attrs(".packet-question", "data-q");
    assert_eq!(
        order,
        [
            "production-incident",
            "project-structure",
            "orm-vs-raw-sql",
            "auth-and-permissions",
            "api-design",
            "production-migrations",
            "testing-approach",
            "performance-and-cost",
            "background-jobs",
            "cross-team-delivery"
        ]
    );
    let numbers = packet.texts(".pq-number");
    assert_eq!(numbers.first().map(String::as_str), Some("Q1."));
    assert_eq!(numbers.last().map(String::as_str), Some("Q10."));

    // Each question: probes, strong points as tick boxes, signals and ruled space for notes.
    let first = &packet.all(".packet-question")[0];
    let inner = support::Page::parse(&first.html());
    assert_eq!(inner.all(".pq-probes li").len(), 3);
    assert_eq!(inner.all(".pq-strong li .box").len(), 5);
    assert!(inner.text(".pq-good").starts_with("Good sign:"));
    assert!(inner.text(".pq-bad").starts_with("Red flag:"));
    // Each is a box to tick on paper.
    assert_eq!(inner.all(".pq-good .box, .pq-bad .box").len(), 2);
    assert!(inner.all(".pq-notes .line").len() >= 6);

    // The plan table on the cover lists each round's questions and time, with a blank for
    // who runs it.
    assert_eq!(
        packet.texts(".packet-plan tbody tr:first-child td"),
        ["1. Screening", "Q1, Q2", "30 / 30 min", ""]
    );

    // The role's scorecard as a sheet: each dimension with anchors and 1-5 boxes.
    assert_eq!(
        packet.text(".scorecard-sheet > h2"),
        "Scorecard: Django engineer scorecard"
    );
    let dimensions = packet.all(".sheet-dimension");
    assert_eq!(dimensions.len(), 7);
    let dim = support::Page::parse(&dimensions[0].html());
    assert_eq!(dim.texts(".score-box"), ["1", "2", "3", "4", "5"]);
    assert_eq!(dim.all(".sheet-anchors li").len(), 3);
    assert_eq!(
        packet.texts(".sheet-recommendation .choice"),
        ["Strong no", "No", "Yes", "Strong yes"]
    );

    // The role's checklist (first in the document; see the order below).
    assert_eq!(
        packet.texts(".checklist-sheet > h2"),
        ["Common interviewer mistakes"]
    );
    assert_eq!(packet.all(".checklist-sheet li").len(), 5);

    // The document order is cover, checklists (read before the interview), rounds, scorecard.
    let html = book.read("book/roles/senior-architect/packet.html");
    let at = |needle: &str| html.find(needle).unwrap_or_else(|| panic!("{needle}"));
    assert!(at("class=\"packet-cover\"") < at("class=\"checklist-sheet\""));
    assert!(at("class=\"checklist-sheet\"") < at("class=\"packet-round\""));
    assert!(at("class=\"packet-round\"") < at("class=\"scorecard-sheet\""));
}

#[test]
fn packets_follow_each_role_and_work_without_scripts() {
    let book = Book::fixture("minimal");
    book.write(
        "content/roles/lead.yaml",
        "title: Lead\nsummary: Leads.\nrounds:\n  - name: Talk\n    minutes: 20\n    questions: [incident]\n",
    );
    book.build();
    let lead = book.page("roles/lead/packet.html");
    assert_eq!(lead.all(".packet-question").len(), 1);
    assert!(
        lead.all(".scorecard-sheet").is_empty(),
        "the role has no scorecard"
    );
    assert!(
        lead.all(".checklist-sheet").is_empty(),
        "the role has no checklists"
    );
    // Everything is in the HTML: no script is needed to show a standard packet.
    assert!(lead.all("[data-custom-packet]").is_empty());
    assert_eq!(lead.all("article.packet[hidden]").len(), 0);

    let backend = book.page("roles/backend/packet.html");
    assert_eq!(
        backend.text(".scorecard-sheet > h2"),
        "Scorecard: Engineer scorecard"
    );
    assert_eq!(
        backend.texts(".checklist-sheet > h2"),
        ["Interviewer mistakes"]
    );
}

#[test]
fn the_custom_packet_page_and_planner_data_are_generated() {
    let book = Book::shipped();
    book.build();
    let custom = book.page("roles/packet.html");
    assert_eq!(
        custom
            .all("article.packet[data-custom-packet][hidden]")
            .len(),
        1
    );
    let scripts: Vec<String> = custom.attrs("script[src]", "src");
    assert!(
        scripts
            .iter()
            .any(|s| s.starts_with("../static/planner-data-")),
        "{scripts:?}"
    );
    let data_file = scripts
        .iter()
        .find(|s| s.contains("planner-data-"))
        .unwrap();
    let data = book.read(&format!("book/roles/{data_file}"));
    let json = data
        .strip_prefix("window.__hirebookPlanner = ")
        .and_then(|d| d.trim_end().strip_suffix(';'))
        .unwrap();
    let data: serde_json::Value = serde_json::from_str(json).unwrap();
    // The questions the roles plan come with the data (every one, in this handbook)...
    assert_eq!(data["questions"].as_array().unwrap().len(), 10);
    assert_eq!(data["roles"].as_array().unwrap().len(), 3);
    assert_eq!(data["topics"][0]["count"], 1);
    // ... and every question is in the file its id hashes to, with its packet block rendered
    // by the same component as the standard packets.
    let buckets = data["buckets"].as_array().unwrap();
    let bucket = buckets[hirebook::render::planner::bucket_of("orm-vs-raw-sql", buckets.len())]
        .as_str()
        .unwrap();
    let bucket = book.read(&format!("book/{bucket}"));
    assert!(bucket.starts_with("__hirebookPlannerBucket("));
    assert!(bucket.contains(r#"class=\"packet-question\" data-q=\"orm-vs-raw-sql\""#));
    // The bank holds every question, a topic at a time.
    let bank = book.read(&format!("book/{}", data["banks"][0].as_str().unwrap()));
    assert!(bank.starts_with("__hirebookPlannerBank("));
    assert_eq!(bank.matches(r#""href":"questions/"#).count(), 10);
}

/// A round planned over its time is marked in the printed plan, and every printed sheet names
/// the handbook and role and has a line for the candidate's name.
#[test]
fn printed_plans_mark_rounds_over_time_and_sheets_say_whose_they_are() {
    let book = Book::fixture("minimal");
    book.edit("content/roles/backend.yaml", "minutes: 30", "minutes: 5");
    assert_eq!(book.build().code, 0);
    let html = book.read("book/roles/backend/packet.html");
    let packet = support::Page::parse(&html);
    let over = packet.all(".packet-plan tr.over");
    assert_eq!(over.len(), 1);
    assert!(
        support::text(over[0]).contains("(over by"),
        "{}",
        support::text(over[0])
    );
    assert!(
        html.contains("@top-left { content: \"Fixture handbook · Backend engineer\"; }"),
        "{html}"
    );
    assert!(html.contains("@top-right { content: \"Candidate: "));
    book.edit("content/roles/backend.yaml", "minutes: 5", "minutes: 300");
    assert_eq!(book.build().code, 0);
    let packet = support::Page::parse(&book.read("book/roles/backend/packet.html"));
    assert!(packet.all(".packet-plan tr.over").is_empty());
}

/// The "For every question" box prints the handbook's own words, from the role's scorecard;
/// a packet whose scorecard has none, or whose role has no scorecard, prints no box.
#[test]
fn the_packet_reminder_is_the_scorecards_own_text() {
    let book = Book::fixture("minimal");
    book.write(
        "content/roles/lead.yaml",
        "title: Lead\nsummary: Leads.\nrounds:\n  - name: Talk\n    minutes: 20\n    questions: [incident]\n",
    );
    assert_eq!(book.build().code, 0);
    for role in ["backend", "lead"] {
        let packet = book.page(&format!("roles/{role}/packet.html"));
        assert!(
            packet.all(".reminder").is_empty(),
            "{role}: no reminder written"
        );
    }

    let scorecard = book
        .read("content/scorecards/engineer.yaml")
        .trim_end()
        .to_owned();
    book.write(
        "content/scorecards/engineer.yaml",
        &format!(
            "{scorecard}\nreminder: |\n  Ask **how they found out**.\n\n  - Then ask what they changed.\n"
        ),
    );
    assert_eq!(book.build().code, 0);
    let packet = book.page("roles/backend/packet.html");
    assert_eq!(packet.text(".reminder h2"), "For every question");
    assert_eq!(packet.text(".reminder strong"), "how they found out");
    assert_eq!(packet.text(".reminder li"), "Then ask what they changed.");
    assert!(!packet.text(".reminder").contains("real example"));
    assert!(
        book.page("roles/lead/packet.html")
            .all(".reminder")
            .is_empty()
    );
    // The scorecard page shows it too, and lists it in its contents.
    let page = book.page("scorecards/engineer.html");
    assert_eq!(
        page.text("#for-every-question strong"),
        "how they found out"
    );
    // The custom packet gets it from the planner's packet data, by scorecard.
    let meta = std::fs::read_dir(book.path().join("book/static"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("packet-meta"))
        .expect("packet meta written");
    let meta = std::fs::read_to_string(meta).unwrap();
    assert!(meta.contains(r#""reminders":{"engineer":"#), "{meta}");
    assert!(meta.contains("how they found out"));
}

/// Each round has a packet of its own, for its interviewer: that round's questions, the
/// dimensions it assesses, the checklists, and the whole loop at a glance.
#[test]
fn each_round_prints_alone_with_the_loop_at_a_glance() {
    let book = Book::shipped();
    assert_eq!(book.build().code, 0);
    let role = book.page("roles/senior-architect.html");
    let links = role.attrs(".round .round-packet", "href");
    assert_eq!(
        links,
        (1..=4)
            .map(|n| format!("../roles/senior-architect/round-{n}.html"))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        role.texts(".round-dimensions")[1],
        "Assesses: Django fundamentals, Security awareness, API maturity, Testing discipline"
    );

    let whole = book.page("roles/senior-architect/packet.html");
    let all_questions = whole.attrs(".packet-question", "data-q");
    assert_eq!(all_questions.len(), 10);
    assert_eq!(whole.all(".sheet-dimension").len(), 7);

    let mut seen = Vec::new();
    for n in 1..=4 {
        let packet = book.page(&format!("roles/senior-architect/round-{n}.html"));
        assert_eq!(
            packet.text(".packet-kicker"),
            format!("Round {n} of 4 · Interview packet · Hiring Django developers")
        );
        // Only this round's questions, numbered as in the whole loop.
        let rounds = packet.texts(".packet-round > .round-title");
        assert_eq!(rounds.len(), 1, "round {n}: {rounds:?}");
        assert!(rounds[0].starts_with(&format!("Round {n}: ")));
        seen.extend(packet.attrs(".packet-question", "data-q"));
        // The loop at a glance: every round, this one marked, a column for interviewers.
        assert_eq!(packet.all(".packet-plan tbody tr").len(), 4);
        assert!(
            packet
                .text(".packet-plan tr.current")
                .contains("(this round)")
        );
        assert_eq!(packet.all(".packet-plan tbody td.plan-who").len(), 4);
        assert_eq!(
            packet.texts(".checklist-sheet > h2"),
            ["Common interviewer mistakes"]
        );
    }
    assert_eq!(
        seen, all_questions,
        "the rounds' packets hold the loop's questions once each"
    );
    // The scorecard sheet of a round holds the dimensions the round assesses.
    let technical = book.page("roles/senior-architect/round-2.html");
    assert_eq!(
        technical.texts(".sheet-dimension h3"),
        [
            "Django fundamentals",
            "Security awareness",
            "API maturity",
            "Testing discipline"
        ]
    );
    // A role whose rounds name no dimensions prints the whole scorecard in each.
    let mid = book.page("roles/mid-level-developer/round-1.html");
    assert_eq!(mid.all(".sheet-dimension").len(), 7);

    // A role of one round: its packet is that round's; no second copy.
    let one = Book::fixture("minimal");
    assert_eq!(one.build().code, 0);
    assert!(one.path().join("book/roles/backend/packet.html").is_file());
    assert!(!one.path().join("book/roles/backend/round-1.html").exists());
    assert!(
        one.page("roles/backend.html")
            .all(".round-packet")
            .is_empty()
    );
}
