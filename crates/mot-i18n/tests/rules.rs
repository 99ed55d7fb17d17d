//! Core's and the store's refusals, said through the catalogues: the English
//! reads exactly as it did when core wrote the sentences itself, and German
//! and Arabic say the same.

use mot_core::audit::Answer;
use mot_core::session::{
    check_action_plan, check_priorities, check_start_phase, check_vote, ActionStatus, Phase,
    SessionCommand, SessionLimits, SessionSettings, StepDraft,
};
use mot_core::{board, request, text, Msg, RuleError};
use mot_i18n::{rule_error, Lang};
use std::collections::BTreeSet;
use time::macros::date;

fn en(e: &RuleError) -> String {
    rule_error(Lang::En, e)
}

fn step(text: &str, target_date: Option<time::Date>) -> StepDraft {
    StepDraft {
        text: text.into(),
        target_date,
        measure: String::new(),
    }
}

#[test]
fn text_limits_read_as_before_in_english() {
    let e = text::required_line("title", "  ", 120).unwrap_err();
    assert_eq!(en(&e), "title: must not be empty");
    let e = text::required_line("title", &"x".repeat(121), 120).unwrap_err();
    assert_eq!(en(&e), "title: is 121 characters long; the limit is 120");
    let e = text::required_line("name", "a\u{7}b", 60).unwrap_err();
    assert_eq!(
        en(&e),
        "name: contains a control character; please remove it"
    );
    let e = text::email("ann").unwrap_err();
    assert_eq!(
        en(&e),
        "email: is not an e-mail address (expected name@example.com)"
    );
    let e = text::new_password("short").unwrap_err();
    assert_eq!(en(&e), "password: must be at least 10 characters");
    let e = text::colour("red").unwrap_err();
    assert_eq!(en(&e), "colour: must be a colour like #44aa99");
    let e = mot_core::date::parse("due_on", "tomorrow").unwrap_err();
    assert_eq!(en(&e), "due date: must be a date like 2026-12-16");
    let e = request::request_id("short").unwrap_err();
    assert_eq!(
        en(&e),
        "request id: must be 16 to 64 letters, digits, - or _ (a UUID will do)"
    );
    assert_eq!(
        en(&request::request_id_reused()),
        "request id: was already used for a different change; send each change with a new id"
    );
}

#[test]
fn board_and_audit_refusals_read_as_before_in_english() {
    let e = board::check_stage_removal(3, 2).unwrap_err();
    assert_eq!(
        en(&e),
        "This stage holds 2 note(s); move or delete them first, so nothing is lost."
    );
    let e = board::check_moment_added(1000).unwrap_err();
    assert_eq!(en(&e), "A journey can hold at most 1000 notes.");
    let e = Answer::new(Some(11)).unwrap_err();
    assert_eq!(
        en(&e),
        "score: 11 is not a score: give 1 (low) to 10 (high), or “not applicable”"
    );
    let e = mot_core::audit::may_invite(true).unwrap_err();
    assert_eq!(
        en(&e),
        "This round is closed: no more raters can be invited."
    );
}

#[test]
fn session_refusals_name_the_steps_as_before_in_english() {
    let settings = SessionSettings::default();
    let e = check_vote(Phase::Capture, false, &settings, &[], 1).unwrap_err();
    assert_eq!(
        en(&e),
        "You can vote only in the Prioritise phase; the session is in Capture."
    );
    let e = check_start_phase(Phase::SelectPlan, 0, 0).unwrap_err();
    assert_eq!(
        en(&e),
        "The board has no moments yet, so the session cannot start at Select & plan: start at Capture."
    );
    let e = check_priorities(&[12345], &[1], 5).unwrap_err();
    assert_eq!(en(&e), "priorities: moment 12345 is not on this board");

    let day = date!(2026 - 11 - 25);
    let backwards = [
        step("a", Some(date!(2027 - 06 - 01))),
        step("b", Some(date!(2027 - 01 - 01))),
    ];
    let e = check_action_plan(day, None, Some(&backwards)).unwrap_err();
    assert_eq!(
        en(&e),
        "step 2: is dated before the step above it (“b”); small steps go one after another"
    );
    let early = [step("", Some(date!(2027 - 01 - 01)))];
    let e = check_action_plan(day, None, Some(&early)).unwrap_err();
    assert_eq!(en(&e), "step 1: has no text; say what the step is");
    let early = [step("a", None), step("c", Some(date!(2026 - 11 - 01)))];
    let e = check_action_plan(day, None, Some(&early)).unwrap_err();
    assert_eq!(
        en(&e),
        "step 2: is dated before the session (2026-11-25) (“c”)"
    );

    let cmd = SessionCommand::SaveAction {
        id: None,
        moment_id: None,
        idea_id: None,
        what: "Faster delivery".into(),
        owner_user_id: None,
        owner_name: "Sam".into(),
        due_on: None,
        target_from: None,
        target_to: None,
        status: ActionStatus::Open,
        steps: Some(vec![StepDraft {
            text: "Deliver in 7 days".into(),
            target_date: None,
            measure: "x".repeat(SessionLimits::MEASURE + 1),
        }]),
    };
    let e = cmd.normalised().unwrap_err();
    assert_eq!(
        en(&e),
        format!(
            "step 1: its measure is {} characters long; the limit is {}",
            SessionLimits::MEASURE + 1,
            SessionLimits::MEASURE
        )
    );
}

/// The store's refusal when a command needs one of several phases (built as
/// mot-store's `require_phase_in` builds it).
#[test]
fn a_refusal_names_one_to_four_allowed_phases() {
    let refusal = |doing: &'static str, allowed: &[Phase]| {
        let keys = [
            "rule-wrong-phases-1",
            "rule-wrong-phases-2",
            "rule-wrong-phases-3",
            "rule-wrong-phases-4",
        ];
        let names = ["phase1", "phase2", "phase3", "phase4"];
        let mut msg = Msg::new(keys[allowed.len() - 1]).key_arg("doing", doing);
        for (name, p) in names.into_iter().zip(allowed) {
            msg = msg.key_arg(name, p.label_key());
        }
        RuleError::Conflict(msg.key_arg("current", Phase::Capture.label_key()))
    };
    let e = refusal("rule-doing-reveal-votes", &[Phase::Prioritise]);
    assert_eq!(
        en(&e),
        "You can reveal the votes only in Prioritise; the session is in Capture."
    );
    let e = refusal(
        "rule-doing-choose-priorities",
        &[Phase::Prioritise, Phase::Assess],
    );
    assert_eq!(
        en(&e),
        "You can choose the priorities only in Prioritise or Assess; the session is in Capture."
    );
    let e = refusal(
        "rule-doing-record-rating",
        &[
            Phase::Assess,
            Phase::Ideas,
            Phase::SelectPlan,
            Phase::WrapUp,
        ],
    );
    assert_eq!(
        en(&e),
        "You can record the agreed rating only in Assess or Ideas or Select & plan or Wrap-up; \
         the session is in Capture."
    );
    assert_eq!(
        rule_error(Lang::De, &e),
        "Sie können nur in den Phasen „Bewerten“, „Ideen“, „Auswählen & planen“ oder \
         „Abschluss“ die vereinbarte Bewertung festhalten; die Sitzung ist in der Phase „Erfassen“."
    );
}

#[test]
fn a_missing_record_and_a_taken_key_read_as_before_in_english() {
    let what = mot_i18n::text(Lang::En, "thing-audit-round");
    assert_eq!(
        mot_i18n::format(Lang::En, "error-not-found", &[("what", what.into())]),
        "No such audit round, or it is not yours to see."
    );
    assert_eq!(
        mot_i18n::message(Lang::En, &Msg::new("duplicate-email")),
        "An account with this e-mail address already exists."
    );
}

#[test]
fn german_and_arabic_say_the_same() {
    let e = text::required_line("title", &"x".repeat(11), 10).unwrap_err();
    assert_eq!(
        rule_error(Lang::De, &e),
        "Titel: ist 11 Zeichen lang; erlaubt sind 10"
    );
    assert_eq!(
        rule_error(Lang::Ar, &e),
        "العنوان: الطول ١١ حرفًا، والحد الأقصى ١٠"
    );
    let settings = SessionSettings::default();
    let e = check_vote(Phase::Capture, false, &settings, &[], 1).unwrap_err();
    assert_eq!(
        rule_error(Lang::De, &e),
        "Sie können nur in der Phase „Priorisieren“ abstimmen; die Sitzung ist in der Phase „Erfassen“."
    );
    assert_eq!(
        rule_error(Lang::Ar, &e),
        "لا يمكنك التصويت إلا في مرحلة «تحديد الأولويات»؛ الجلسة الآن في مرحلة «التسجيل»."
    );
    let e = board::check_stage_removal(3, 1).unwrap_err();
    assert_eq!(
        rule_error(Lang::De, &e),
        "Diese Phase enthält eine Notiz; verschieben oder löschen Sie sie zuerst, damit nichts verloren geht."
    );
    assert_eq!(
        rule_error(Lang::Ar, &e),
        "تحتوي هذه المرحلة على ملاحظة واحدة؛ انقلها أو احذفها أولًا حتى لا يضيع شيء."
    );
}

/// Every key core and the store name (`Msg::new("…")`, key arguments, step
/// names, `NotFound("what")` as `thing-what`, input names as `field-name`)
/// is in the English catalogue, so no reader ever sees a bare key.
#[test]
fn every_key_core_and_the_store_use_is_in_the_catalogue() {
    let known: BTreeSet<String> = mot_i18n::keys(Lang::En).into_iter().collect();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut used = BTreeSet::new();
    for dir in ["mot-core/src", "mot-store/src"] {
        for source in rust_files(&root.join(dir)) {
            let s = std::fs::read_to_string(&source).unwrap();
            for prefix in ["rule-", "duplicate-", "session-step-", "field-"] {
                for rest in after(&s, &format!("\"{prefix}")) {
                    used.insert(format!("{prefix}{rest}"));
                }
            }
            for what in after(&s, "NotFound(") {
                used.insert(format!("thing-{}", what.replace(' ', "-")));
            }
            for call in ["RuleError::invalid(", "required_line(", "optional_text("] {
                for field in after(&s, call) {
                    // Single letters are the tests' throwaway names.
                    if field.len() > 1 {
                        used.insert(format!("field-{}", field.replace(' ', "-")));
                    }
                }
            }
        }
    }
    for p in Phase::ALL {
        used.insert(p.label_key().to_string());
    }
    for i in 0..SessionLimits::STEPS {
        used.insert(format!(
            "field-{}",
            mot_core::session::step_field(i).replace(' ', "-")
        ));
    }
    let missing: Vec<_> = used.difference(&known).collect();
    assert!(missing.is_empty(), "not in locales/en: {missing:?}");
}

fn rust_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
    out
}

/// What follows each `prefix` up to the next `"`: with a prefix that ends
/// in `"`, the rest of that string literal; otherwise the string literal
/// that comes next after white space, e.g. the field of
/// `RuleError::invalid(\n "title"`.
fn after<'a>(s: &'a str, prefix: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find(prefix) {
        rest = &rest[i + prefix.len()..];
        let lit = if prefix.ends_with('"') {
            Some(rest)
        } else {
            rest.trim_start().strip_prefix('"')
        };
        if let Some(end) = lit.and_then(|l| l.find('"').map(|e| &l[..e])) {
            out.push(end);
        }
    }
    out
}
