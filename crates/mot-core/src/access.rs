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

/// A role of one of a client's people, on their business only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ClientRole {
    /// Runs sessions, audits and feedback for their business.
    ClientOwner,
    /// Takes part: adds and edits notes, votes, rates.
    ClientMember,
    /// Reads their business's boards and results.
    ClientViewer,
    /// Receives and reads reports, and sees nothing else.
    Reports,
}

impl ClientRole {
    pub const ALL: [ClientRole; 4] = [
        ClientRole::ClientOwner,
        ClientRole::ClientMember,
        ClientRole::ClientViewer,
        ClientRole::Reports,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ClientRole::ClientOwner => "client_owner",
            ClientRole::ClientMember => "client_member",
            ClientRole::ClientViewer => "client_viewer",
            ClientRole::Reports => "reports",
        }
    }

    /// What they may do on their own business, in the terms of a workspace
    /// role: a client owner manages it as a facilitator does (never the
    /// workspace's people), a member takes part, the others read.
    pub fn acts_as(self) -> Role {
        match self {
            ClientRole::ClientOwner => Role::Facilitator,
            ClientRole::ClientMember => Role::Member,
            ClientRole::ClientViewer | ClientRole::Reports => Role::Viewer,
        }
    }
}

impl FromStr for ClientRole {
    type Err = RuleError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ClientRole::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| RuleError::invalid("role", Msg::new("rule-role")))
    }
}

/// A role's name as the API writes it: a role of the practice or a client role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum RoleName {
    Practice(Role),
    Client(ClientRole),
}

impl RoleName {
    pub fn as_str(self) -> &'static str {
        match self {
            RoleName::Practice(r) => r.as_str(),
            RoleName::Client(r) => r.as_str(),
        }
    }
}

/// One of a client's people: their business, and their role on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Client {
    pub business_id: Id,
    pub role: ClientRole,
}

/// Where a person stands in a workspace: one of the practice's own people,
/// with a role on every business, or one of a client's people, with a role
/// on their business only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Membership {
    Staff(Role),
    Client(Client),
}

impl Membership {
    /// Made from what is stored: the role's name, and the business for a
    /// client's people. A client role needs a business, a workspace role
    /// none.
    pub fn new(role: &str, business_id: Option<Id>) -> Result<Membership, RuleError> {
        match business_id {
            None => match role.parse::<Role>() {
                Ok(r) => Ok(Membership::Staff(r)),
                Err(_) if role.parse::<ClientRole>().is_ok() => Err(RuleError::invalid(
                    "business_id",
                    Msg::new("rule-client-role-needs-business"),
                )),
                Err(e) => Err(e),
            },
            Some(business_id) => match role.parse::<ClientRole>() {
                Ok(role) => Ok(Membership::Client(Client { business_id, role })),
                Err(_) if role.parse::<Role>().is_ok() => Err(RuleError::invalid(
                    "role",
                    Msg::new("rule-client-needs-client-role"),
                )),
                Err(e) => Err(e),
            },
        }
    }

    /// The role's stored name.
    pub fn role_name(self) -> &'static str {
        self.name().as_str()
    }

    pub fn name(self) -> RoleName {
        match self {
            Membership::Staff(r) => RoleName::Practice(r),
            Membership::Client(c) => RoleName::Client(c.role),
        }
    }

    pub fn business_id(self) -> Option<Id> {
        self.client().map(|c| c.business_id)
    }

    pub fn client(self) -> Option<Client> {
        match self {
            Membership::Staff(_) => None,
            Membership::Client(c) => Some(c),
        }
    }

    /// The workspace role whose rights they have where they may go.
    pub fn role(self) -> Role {
        match self {
            Membership::Staff(r) => r,
            Membership::Client(c) => c.role.acts_as(),
        }
    }

    /// Whether they are one of the workspace's owners (a client owner is not).
    pub fn is_owner(self) -> bool {
        self == Membership::Staff(Role::Owner)
    }
}

impl From<Role> for Membership {
    fn from(r: Role) -> Self {
        Membership::Staff(r)
    }
}

/// What a route of the web face is for, as far as a client's people care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteUse {
    /// Nothing of any business: signing in, one's own account, public
    /// links that carry their own secret.
    Personal,
    /// A list over the workspace that shows a client's people their own
    /// business only.
    Listing,
    /// Working on or reading the businesses the route names.
    Work,
    /// A report (a planning form, an audit report, a feedback report, a
    /// journey map) of the businesses the route names.
    Report,
    /// The practice's own: its people, settings, portfolio, templates.
    Practice,
}

/// Whether a client's person may use a route of this use that names these
/// businesses (`touches`: the business of every id in it; `None` for an
/// id of another workspace or of none).
pub fn client_may_reach(client: Client, use_: RouteUse, touches: &[Option<Id>]) -> Reach {
    match use_ {
        RouteUse::Personal | RouteUse::Listing => Reach::Yes,
        RouteUse::Practice => Reach::Refused(Msg::new("rule-practice-only")),
        RouteUse::Work | RouteUse::Report => {
            if touches.is_empty() || touches.iter().any(|b| *b != Some(client.business_id)) {
                return Reach::Hidden;
            }
            if use_ == RouteUse::Work && client.role == ClientRole::Reports {
                return Reach::Refused(Msg::new("rule-reports-only"));
            }
            Reach::Yes
        }
    }
}

/// The answer of [`client_may_reach`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    Yes,
    /// Another client's (or nobody's): answered as if it did not exist.
    Hidden,
    /// Their own, but not for them: said why.
    Refused(Msg),
}

/// How long an invitation to a workspace stays open (7 days, in ms).
pub const INVITE_TTL_MS: i64 = 7 * 24 * 3600 * 1000;

/// How long a password reset link works (an hour, in ms).
pub const RESET_TTL_MS: i64 = 3600 * 1000;

/// A member's role may change from `from` to `to` unless that leaves the
/// workspace without an owner (`owners`: how many it has now).
pub fn check_role_change(from: Membership, to: Membership, owners: usize) -> Result<(), RuleError> {
    if from.is_owner() && !to.is_owner() && owners <= 1 {
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
pub fn check_removal(member: Membership, owners: usize) -> Result<(), RuleError> {
    if member.is_owner() && owners <= 1 {
        return Err(RuleError::conflict(Msg::new("rule-last-owner-removed")));
    }
    Ok(())
}

/// Whether a person of the workspace may be sent a business's report
/// pack, and whether they are chosen before anyone picks: the client's
/// own people may (any client role), those who read reports only come
/// chosen; the practice's people and other clients' may not.
pub fn pack_recipient(m: Membership, business_id: Id) -> Option<bool> {
    match m {
        Membership::Client(c) if c.business_id == business_id => {
            Some(c.role == ClientRole::Reports)
        }
        _ => None,
    }
}

/// Checks whom a business's report pack is to be sent to: someone, and
/// only the client's own people (`people`: the workspace's people of that
/// business, with their memberships).
pub fn check_pack_recipients(
    chosen: &[Id],
    people: &[(Id, Membership)],
    business_id: Id,
) -> Result<(), RuleError> {
    if chosen.is_empty() {
        return Err(RuleError::invalid(
            "recipients",
            Msg::new("rule-pack-nobody"),
        ));
    }
    for id in chosen {
        let theirs = people
            .iter()
            .any(|(p, m)| p == id && pack_recipient(*m, business_id).is_some());
        if !theirs {
            return Err(RuleError::invalid(
                "recipients",
                Msg::new("rule-pack-not-theirs"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_owner_can_be_neither_demoted_nor_removed() {
        use Membership::Staff;
        let client_owner = Membership::Client(Client {
            business_id: 1,
            role: ClientRole::ClientOwner,
        });
        assert!(check_role_change(Staff(Role::Owner), Staff(Role::Member), 1).is_err());
        assert!(check_role_change(Staff(Role::Owner), client_owner, 1).is_err());
        assert!(check_role_change(Staff(Role::Owner), Staff(Role::Owner), 1).is_ok());
        assert!(check_role_change(Staff(Role::Owner), Staff(Role::Viewer), 2).is_ok());
        assert!(check_role_change(Staff(Role::Member), Staff(Role::Owner), 1).is_ok());
        assert!(check_role_change(Staff(Role::Viewer), Staff(Role::Member), 0).is_ok());
        assert_eq!(
            check_removal(Staff(Role::Owner), 1).unwrap_err(),
            RuleError::conflict(Msg::new("rule-last-owner-removed"))
        );
        assert!(check_removal(Staff(Role::Owner), 2).is_ok());
        assert!(check_removal(Staff(Role::Facilitator), 1).is_ok());
        assert!(
            check_removal(client_owner, 0).is_ok(),
            "a client owner is no owner of the workspace"
        );
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
    fn a_client_reaches_their_own_business_only_and_reports_only_its_reports() {
        let c = Client {
            business_id: 4,
            role: ClientRole::ClientOwner,
        };
        assert_eq!(
            client_may_reach(c, RouteUse::Work, &[Some(4), Some(4)]),
            Reach::Yes
        );
        assert_eq!(
            client_may_reach(c, RouteUse::Work, &[Some(4), Some(5)]),
            Reach::Hidden
        );
        assert_eq!(
            client_may_reach(c, RouteUse::Report, &[None]),
            Reach::Hidden
        );
        assert_eq!(client_may_reach(c, RouteUse::Work, &[]), Reach::Hidden);
        assert!(matches!(
            client_may_reach(c, RouteUse::Practice, &[]),
            Reach::Refused(_)
        ));
        assert_eq!(client_may_reach(c, RouteUse::Listing, &[]), Reach::Yes);
        let r = Client {
            business_id: 4,
            role: ClientRole::Reports,
        };
        assert_eq!(
            client_may_reach(r, RouteUse::Report, &[Some(4)]),
            Reach::Yes
        );
        assert!(matches!(
            client_may_reach(r, RouteUse::Work, &[Some(4)]),
            Reach::Refused(_)
        ));
        assert_eq!(
            client_may_reach(r, RouteUse::Work, &[Some(5)]),
            Reach::Hidden,
            "another's stays hidden"
        );
    }

    #[test]
    fn memberships_round_trip_and_a_client_role_needs_a_business() {
        for r in Role::ALL {
            assert_eq!(
                Membership::new(r.as_str(), None).unwrap(),
                Membership::Staff(r)
            );
            assert!(Membership::new(r.as_str(), Some(1)).is_err());
        }
        for r in ClientRole::ALL {
            let m = Membership::new(r.as_str(), Some(3)).unwrap();
            assert_eq!(m.role_name(), r.as_str());
            assert_eq!(m.business_id(), Some(3));
            assert!(!m.is_owner());
            assert!(Membership::new(r.as_str(), None).is_err());
        }
        assert_eq!(
            Membership::new("client_owner", Some(3)).unwrap().role(),
            Role::Facilitator
        );
        assert_eq!(
            Membership::new("reports", Some(3)).unwrap().role(),
            Role::Viewer
        );
        assert!(Membership::new("owner", None).unwrap().is_owner());
        assert!(Membership::new("admin", None).is_err());
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

    #[test]
    fn a_pack_goes_to_the_clients_own_people_only() {
        let reader = Membership::Client(Client {
            business_id: 7,
            role: ClientRole::Reports,
        });
        let boss = Membership::Client(Client {
            business_id: 7,
            role: ClientRole::ClientOwner,
        });
        let other = Membership::Client(Client {
            business_id: 8,
            role: ClientRole::Reports,
        });
        let adviser = Membership::Staff(Role::Owner);
        assert_eq!(pack_recipient(reader, 7), Some(true));
        assert_eq!(pack_recipient(boss, 7), Some(false));
        assert_eq!(pack_recipient(other, 7), None);
        assert_eq!(pack_recipient(adviser, 7), None);
        let people = [(1, reader), (2, boss), (3, other), (4, adviser)];
        assert!(check_pack_recipients(&[1, 2], &people, 7).is_ok());
        for bad in [&[][..], &[3][..], &[1, 4][..], &[99][..]] {
            assert!(check_pack_recipients(bad, &people, 7).is_err(), "{bad:?}");
        }
    }
}
