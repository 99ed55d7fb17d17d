//! The five-step session: phases, dot votes, ratings against expectation,
//! ideas under the no-criticism rule, actions with ladders of small steps,
//! and how ratings move from one session to the next.

mod action;
mod command;
mod event;
mod form;
mod limits;
mod phase;
mod rating;
mod vote;

pub use action::{
    check_action_plan, check_add_idea, check_change_idea, check_judge_idea, check_next_session,
    default_next_session, step_excerpt, step_field, ActionStatus, StepDraft,
};
pub use command::{check_command_allowed, Action, Idea, SessionCommand, Step, TeamSession};
pub use event::{IdeaView, SessionEvent};
pub use form::{
    build_form, Agreed, FormAction, FormChannel, FormGroup, FormMoment, FormRow, FormStep,
    PlanningForm,
};
pub use limits::SessionLimits;
pub use phase::{carry_priorities, check_phase_change, check_start_phase, may_facilitate, Phase};
pub use rating::{check_rating, magic_may_now_be_expected, prefill, Movement, Rating, Spread};
pub use vote::{
    check_priorities, check_unvote, check_vote, suggested_priorities, tally, SessionSettings,
    TallyRow,
};
