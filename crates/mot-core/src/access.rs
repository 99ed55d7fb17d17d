//! Who may do what: roles in a workspace, and guests who joined one journey.

use crate::{Id, Msg, RuleError};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A user's role in a workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Viewer,
    Member,
    Facilitator,
    Owner,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Owner, Role::Facilitator, Role::Member, Role::Viewer];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Facilitator => "facilitator",
            Role::Member => "member",
            Role::Viewer => "viewer",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = RuleError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| RuleError::invalid("role", Msg::new("rule-role")))
    }
}

/// Who wrote a note: a user with an account, or a guest of one journey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "lowercase")]
pub enum Author {
    User(Id),
    Guest(Id),
}

impl Author {
    /// A compact form for HTML attributes and storage: `u:7` or `g:3`.
    pub fn key(self) -> String {
        match self {
            Author::User(id) => format!("u:{id}"),
            Author::Guest(id) => format!("g:{id}"),
        }
    }

    pub fn parse_key(s: &str) -> Option<Author> {
        let (kind, id) = s.split_once(':')?;
        let id: Id = id.parse().ok()?;
        match kind {
            "u" => Some(Author::User(id)),
            "g" => Some(Author::Guest(id)),
            _ => None,
        }
    }
}

/// The person making a change, as far as the rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// A user with an account and a role in the workspace.
    Member { user_id: Id, role: Role },
    /// A guest who joined one journey through its join link or code.
    Guest { guest_id: Id, journey_id: Id },
}

impl Actor {
    pub fn author(self) -> Author {
        match self {
            Actor::Member { user_id, .. } => Author::User(user_id),
            Actor::Guest { guest_id, .. } => Author::Guest(guest_id),
        }
    }

    fn role(self) -> Option<Role> {
        match self {
            Actor::Member { role, .. } => Some(role),
            Actor::Guest { .. } => None,
        }
    }

    /// Guests see only the journey they joined; members see every board.
    pub fn may_view_journey(self, journey_id: Id) -> bool {
        match self {
            Actor::Member { .. } => true,
            Actor::Guest { journey_id: j, .. } => j == journey_id,
        }
    }

    /// Everyone but a viewer may add notes to a board they can see.
    pub fn may_add_moment(self, journey_id: Id) -> Result<(), RuleError> {
        match self {
            Actor::Member {
                role: Role::Viewer, ..
            } => Err(RuleError::Forbidden(Msg::new(
                "rule-viewer-cannot-add-notes",
            ))),
            Actor::Member { .. } => Ok(()),
            Actor::Guest { journey_id: j, .. } if j == journey_id => Ok(()),
            Actor::Guest { .. } => Err(RuleError::Forbidden(Msg::new("rule-guest-other-journey"))),
        }
    }

    /// Members edit every note; a guest edits, moves or deletes only their own.
    pub fn may_change_moment(self, journey_id: Id, author: Author) -> Result<(), RuleError> {
        self.may_add_moment(journey_id)?;
        match self {
            Actor::Guest { guest_id, .. } if author != Author::Guest(guest_id) => {
                Err(RuleError::Forbidden(Msg::new("rule-guest-own-notes-only")))
            }
            _ => Ok(()),
        }
    }

    /// Stages shape the board: members may change them, guests and viewers not.
    pub fn may_change_stages(self) -> Result<(), RuleError> {
        match self.role() {
            Some(Role::Owner | Role::Facilitator | Role::Member) => Ok(()),
            _ => Err(RuleError::Forbidden(Msg::new("rule-team-only-stages"))),
        }
    }

    /// Creating businesses and journeys, managing channels and join links.
    pub fn may_manage(self) -> Result<(), RuleError> {
        match self.role() {
            Some(Role::Owner | Role::Facilitator) => Ok(()),
            _ => Err(RuleError::Forbidden(Msg::new(
                "rule-owner-or-facilitator-only",
            ))),
        }
    }

    /// Managing people and API tokens of the workspace.
    pub fn may_administer(self) -> Result<(), RuleError> {
        match self.role() {
            Some(Role::Owner) => Ok(()),
            _ => Err(RuleError::Forbidden(Msg::new("rule-owner-only"))),
        }
    }
}

/// How long an invitation to a workspace stays open (7 days, in ms).
pub const INVITE_TTL_MS: i64 = 7 * 24 * 3600 * 1000;

/// How long a password reset link works (an hour, in ms).
pub const RESET_TTL_MS: i64 = 3600 * 1000;

/// A member's role may change from `from` to `to` unless that leaves the
/// workspace without an owner (`owners`: how many it has now).
pub fn check_role_change(from: Role, to: Role, owners: usize) -> Result<(), RuleError> {
    if from == Role::Owner && to != Role::Owner && owners <= 1 {
        return Err(RuleError::conflict(Msg::new("rule-last-owner-demoted")));
    }
    Ok(())
}

/// The role people an OpenID provider vouches for, without an account,
/// join with: anything but owner (an owner makes someone an owner).
pub fn check_sso_join_role(role: Role) -> Result<(), RuleError> {
    if role == Role::Owner {
        return Err(RuleError::invalid("role", Msg::new("rule-sso-owner")));
    }
    Ok(())
}

/// A member may be removed unless they are the workspace's last owner.
pub fn check_removal(role: Role, owners: usize) -> Result<(), RuleError> {
    if role == Role::Owner && owners <= 1 {
        return Err(RuleError::conflict(Msg::new("rule-last-owner-removed")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_owner_can_be_neither_demoted_nor_removed() {
        assert!(check_role_change(Role::Owner, Role::Member, 1).is_err());
        assert!(check_role_change(Role::Owner, Role::Owner, 1).is_ok());
        assert!(check_role_change(Role::Owner, Role::Viewer, 2).is_ok());
        assert!(check_role_change(Role::Member, Role::Owner, 1).is_ok());
        assert!(check_role_change(Role::Viewer, Role::Member, 0).is_ok());
        assert_eq!(
            check_removal(Role::Owner, 1).unwrap_err(),
            RuleError::conflict(Msg::new("rule-last-owner-removed"))
        );
        assert!(check_removal(Role::Owner, 2).is_ok());
        assert!(check_removal(Role::Facilitator, 1).is_ok());
        assert!(check_sso_join_role(Role::Owner).is_err());
        assert!(check_sso_join_role(Role::Facilitator).is_ok());
    }

    const OWNER: Actor = Actor::Member {
        user_id: 1,
        role: Role::Owner,
    };
    const MEMBER: Actor = Actor::Member {
        user_id: 2,
        role: Role::Member,
    };
    const VIEWER: Actor = Actor::Member {
        user_id: 3,
        role: Role::Viewer,
    };
    const GUEST: Actor = Actor::Guest {
        guest_id: 9,
        journey_id: 5,
    };

    #[test]
    fn guests_change_only_their_own_notes_on_their_own_journey() {
        assert!(GUEST.may_change_moment(5, Author::Guest(9)).is_ok());
        assert!(GUEST.may_change_moment(5, Author::Guest(10)).is_err());
        assert!(GUEST.may_change_moment(5, Author::User(1)).is_err());
        assert!(GUEST.may_change_moment(6, Author::Guest(9)).is_err());
        assert!(GUEST.may_add_moment(6).is_err());
        assert!(!GUEST.may_view_journey(6));
    }

    #[test]
    fn members_edit_all_notes_and_viewers_none() {
        assert!(MEMBER.may_change_moment(5, Author::Guest(9)).is_ok());
        assert!(OWNER.may_change_moment(5, Author::User(2)).is_ok());
        assert!(VIEWER.may_add_moment(5).is_err());
        assert!(VIEWER.may_change_moment(5, Author::User(3)).is_err());
    }

    #[test]
    fn only_owners_and_facilitators_manage() {
        assert!(OWNER.may_manage().is_ok());
        assert!(MEMBER.may_manage().is_err());
        assert!(GUEST.may_manage().is_err());
        assert!(GUEST.may_change_stages().is_err());
        assert!(MEMBER.may_change_stages().is_ok());
        assert!(Actor::Member {
            user_id: 1,
            role: Role::Facilitator
        }
        .may_administer()
        .is_err());
    }

    #[test]
    fn roles_and_author_keys_round_trip() {
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>().unwrap(), r);
        }
        assert!("admin".parse::<Role>().is_err());
        for a in [Author::User(7), Author::Guest(3)] {
            assert_eq!(Author::parse_key(&a.key()), Some(a));
        }
        assert_eq!(Author::parse_key("x:1"), None);
    }
}
