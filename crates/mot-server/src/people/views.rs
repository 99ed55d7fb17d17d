//! The people page, the invitation page and the account page.

use crate::t;
use crate::web::i18n::{
    client_role_hint, client_role_word, date, membership_word, role_hint, role_word,
};
use crate::web::layout::{notice, rich, slot};
use maud::{html, Markup};
use mot_core::{Business, ClientRole, Id, Limits, Membership, Role};
use mot_store::{ApiTokenRow, Invite, InviteLink, User};

/// What the people page shows besides the people.
#[derive(Default)]
pub struct PeopleNotes<'a> {
    /// A refusal to say at the top (a role the last owner cannot leave…).
    pub error: Option<&'a str>,
    /// The invitation just made: its address, link, and whether it was
    /// mailed (`None`: the installation sends no mail).
    pub invited: Option<(&'a str, &'a str, Option<bool>)>,
    /// What the invite form held when it was refused.
    pub email: &'a str,
    /// The client the invite form is for (`None`: the practice).
    pub business: Option<Id>,
    /// The OpenID provider's name and the role of people it vouches for
    /// who have no account (`None` inside: refused), shown to owners when
    /// the installation has single sign-on.
    pub sso: Option<(&'a str, Option<Role>)>,
}

/// The roles of the practice to pick from; with what each may do when `hints`.
fn role_options(current: Option<Role>, hints: bool) -> Markup {
    html! {
        @for r in Role::ALL {
            option value=(r.as_str()) selected[Some(r) == current] {
                (role_word(r)) @if hints { " — " (role_hint(r)) }
            }
        }
    }
}

/// The roles of a client's people to pick from.
fn client_role_options(current: Option<ClientRole>, hints: bool) -> Markup {
    html! {
        @for r in ClientRole::ALL {
            option value=(r.as_str()) selected[Some(r) == current] {
                (client_role_word(r)) @if hints { " — " (client_role_hint(r)) }
            }
        }
    }
}

/// The people of the practice (`None`) or of one client.
type Group<'a> = (Option<&'a Business>, Vec<&'a (User, Membership)>);

/// The people of the practice, then each client's, in the order of the
/// businesses.
fn grouped<'a>(members: &'a [(User, Membership)], businesses: &'a [Business]) -> Vec<Group<'a>> {
    let mut out = vec![(
        None,
        members
            .iter()
            .filter(|(_, m)| m.client().is_none())
            .collect::<Vec<_>>(),
    )];
    for b in businesses {
        let theirs: Vec<_> = members
            .iter()
            .filter(|(_, m)| m.business_id() == Some(b.id))
            .collect();
        if !theirs.is_empty() {
            out.push((Some(b), theirs));
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
pub fn people_page(
    workspace: &str,
    members: &[(User, Membership)],
    invites: &[Invite],
    businesses: &[Business],
    me: Option<Id>,
    admin: bool,
    csrf: &str,
    notes: &PeopleNotes<'_>,
) -> Markup {
    // The only owner is offered no change that core would refuse.
    let owners = members.iter().filter(|(_, m)| m.is_owner()).count();
    let business_name = |id: Option<Id>| {
        businesses
            .iter()
            .find(|b| Some(b.id) == id)
            .map(|b| b.name.as_str())
    };
    html! {
        section.card.team #people {
            h1 { (rich(&t!("people-heading", workspace = slot(0)), &[html! { bdi { (workspace) } }])) }
            p { (t!("people-intro")) }
            @if let Some(e) = notes.error { (notice("error", e)) }
            @if let Some((email, link, mailed)) = notes.invited {
                div.notice.invited role="status" {
                    p { (rich(&t!("people-invited", email = slot(0)), &[html! { bdi { (email) } }])) }
                    label for="invite-link" { (t!("people-invite-link")) }
                    input #invite-link readonly value=(link);
                    p.hint {
                        @match mailed {
                            Some(true) => { (t!("people-invite-mailed")) }
                            Some(false) => { (t!("people-invite-mail-failed")) }
                            None => { (t!("people-invite-not-mailed")) }
                        }
                    }
                }
            }
            @for (business, people) in grouped(members, businesses) {
                @match business {
                    None => h2 { (t!("people-practice-heading")) },
                    Some(b) => {
                        h2 { (rich(&t!("people-client-heading", business = slot(0)), &[html! { bdi { (b.name) } }])) }
                        p.hint { (rich(&t!("people-client-note", business = slot(0)), &[html! { bdi { (b.name) } }])) }
                    },
                }
                ul.people-list {
                    @for (u, m) in people {
                        li id={"person-" (u.id)} {
                            div.member {
                                strong dir="auto" { bdi { (u.name) } }
                                @if me == Some(u.id) { " " span.you { (t!("people-you")) } }
                                br;
                                span.email dir="ltr" { (u.email) }
                            }
                            @if admin && m.is_owner() && owners == 1 {
                                span.role { (membership_word(*m)) (crate::web::i18n::sep()) span.hint { (t!("people-only-owner")) } }
                            } @else if admin {
                                form.role-form method="post" action={"/people/" (u.id) "/role"} {
                                    input type="hidden" name="_csrf" value=(csrf);
                                    @if let Some(b) = m.business_id() { input type="hidden" name="business" value=(b); }
                                    label.sr-only for={"role-" (u.id)} { (t!("people-role-of", name = u.name.as_str())) }
                                    select id={"role-" (u.id)} name="role" {
                                        @match m {
                                            Membership::Staff(r) => { (role_options(Some(*r), false)) },
                                            Membership::Client(c) => { (client_role_options(Some(c.role), false)) },
                                        }
                                    }
                                    button type="submit" { (t!("people-role-change")) }
                                }
                                details.remove {
                                    summary { (t!("people-remove")) }
                                    form method="post" action={"/people/" (u.id) "/remove"} {
                                        input type="hidden" name="_csrf" value=(csrf);
                                        p.hint { (t!("people-remove-hint")) }
                                        button.danger type="submit" { (t!("people-remove-confirm", name = u.name.as_str())) }
                                    }
                                }
                            } @else {
                                span.role { (membership_word(*m)) }
                            }
                        }
                    }
                }
            }
        }
        @if admin {
            section.card.team #invite {
                h2 { (t!("people-invite-heading")) }
                p.hint { (t!("people-invite-intro")) }
                form method="post" action="/people/invite" {
                    input type="hidden" name="_csrf" value=(csrf);
                    label for="invite-email" { (t!("auth-email")) }
                    input #invite-email name="email" type="email" required maxlength=(Limits::EMAIL) autocomplete="off" value=(notes.email);
                    @if !businesses.is_empty() {
                        label for="invite-business" { (t!("people-for")) }
                        select #invite-business name="business" {
                            option value="" selected[notes.business.is_none()] { (t!("people-for-practice")) }
                            @for b in businesses {
                                option value=(b.id) selected[notes.business == Some(b.id)] { (b.name) }
                            }
                        }
                    }
                    label for="invite-role" { (t!("people-role")) }
                    select #invite-role name="role" {
                        @if businesses.is_empty() {
                            (role_options(Some(Role::Member), true))
                        } @else {
                            optgroup label=(t!("people-roles-practice")) {
                                (role_options(notes.business.is_none().then_some(Role::Member), true))
                            }
                            optgroup label=(t!("people-roles-client")) {
                                (client_role_options(notes.business.is_some().then_some(ClientRole::ClientMember), true))
                            }
                        }
                    }
                    button type="submit" { (t!("people-invite-submit")) }
                }
                @if let Some((provider, join)) = notes.sso {
                    h3 { (t!("people-sso-heading")) }
                    form method="post" action="/people/sso" {
                        input type="hidden" name="_csrf" value=(csrf);
                        label for="sso-role" { (t!("people-sso-label", provider = provider)) }
                        select #sso-role name="role" {
                            option value="" selected[join.is_none()] { (t!("people-sso-refused")) }
                            @for r in [Role::Viewer, Role::Member, Role::Facilitator] {
                                option value=(r.as_str()) selected[join == Some(r)] { (t!("people-sso-join-as", role = role_word(r))) }
                            }
                        }
                        button type="submit" { (t!("people-sso-save")) }
                    }
                    p.hint { (t!("people-sso-hint")) }
                }
                h3 { (t!("people-invites-open")) }
                @if invites.is_empty() {
                    p.empty { (t!("people-no-invites")) }
                } @else {
                    ul.link-list.invite-list {
                        @for i in invites {
                            li {
                                span.link-text {
                                    bdi dir="ltr" { (i.email) } (crate::web::i18n::sep()) (membership_word(i.membership))
                                    @if let Some(b) = business_name(i.membership.business_id()) { (crate::web::i18n::sep()) bdi { (b) } }
                                    (crate::web::i18n::sep())
                                    (t!("people-invite-until", date = date(mot_core::date::of_millis(i.expires_at)).as_str()))
                                }
                                form.inline method="post" action={"/people/invites/" (i.id) "/cancel"} {
                                    input type="hidden" name="_csrf" value=(csrf);
                                    button.danger type="submit" aria-label=(t!("people-invite-cancel-label", email = i.email.as_str())) { (t!("people-invite-cancel")) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The page of an invitation's link: a new account's name and password,
/// or the existing account's password.
pub fn invite_page(link: &InviteLink, token: &str, csrf: &str, error: Option<&str>) -> Markup {
    let i = &link.invite;
    html! {
        section.card.narrow {
            h1 { (rich(&t!("people-join-heading", workspace = slot(0)), &[html! { bdi { (link.workspace_name) } }])) }
            p { (rich(&t!("people-join-intro", email = slot(0), role = membership_word(i.membership)), &[html! { bdi dir="ltr" { (i.email) } }])) }
            @if let Some(e) = error { (notice("error", e)) }
            form method="post" action={"/invite/" (token)} {
                input type="hidden" name="_csrf" value=(csrf);
                @if link.existing.is_some() {
                    p.hint { (t!("people-join-existing")) }
                    label for="password" { (t!("auth-password")) }
                    input #password name="password" type="password" required autocomplete="current-password";
                } @else {
                    label for="name" { (t!("auth-your-name")) }
                    input #name name="name" dir="auto" required maxlength=(Limits::PERSON_NAME) autocomplete="name";
                    label for="password" { (t!("auth-password")) " " span.hint { (t!("auth-setup-password-hint", min = Limits::PASSWORD_MIN)) } }
                    input #password name="password" type="password" required minlength=(Limits::PASSWORD_MIN) autocomplete="new-password";
                }
                button type="submit" { (t!("people-join-submit")) }
            }
        }
    }
}

/// What the account page shows besides the account.
#[derive(Default)]
pub struct AccountNotes<'a> {
    pub error: Option<&'a str>,
    /// A change that went through.
    pub done: Option<&'a str>,
    /// A token just made (shown once).
    pub token: Option<&'a str>,
}

pub fn account_page(
    user: &User,
    role: Option<Membership>,
    tokens: &[ApiTokenRow],
    csrf: &str,
    notes: &AccountNotes<'_>,
) -> Markup {
    html! {
        section.card.narrow #profile {
            h1 { (t!("people-account-heading")) }
            @if let Some(e) = notes.error { (notice("error", e)) }
            @if let Some(d) = notes.done { (notice("ok", d)) }
            p {
                span.email dir="ltr" { (user.email) }
                @if let Some(r) = role { (crate::web::i18n::sep()) (membership_word(r)) }
            }
            form method="post" action="/account" {
                input type="hidden" name="_csrf" value=(csrf);
                label for="account-name" { (t!("auth-your-name")) }
                input #account-name name="name" dir="auto" required maxlength=(Limits::PERSON_NAME) autocomplete="name" value=(user.name);
                button type="submit" { (t!("people-account-save")) }
            }
            p.hint {
                (rich(&t!("people-account-language", switch = slot(0)), &[html! { a href="#lang-select" { (t!("language-switch")) } }]))
            }
            details.email-change {
                summary { (t!("people-email-heading")) }
                form method="post" action="/account/email" {
                    input type="hidden" name="_csrf" value=(csrf);
                    label for="account-email" { (t!("auth-email")) }
                    input #account-email name="email" type="email" required maxlength=(Limits::EMAIL) autocomplete="email" value=(user.email);
                    label for="email-password" { (t!("people-password-current")) }
                    input #email-password name="current" type="password" required autocomplete="current-password";
                    button type="submit" { (t!("people-email-submit")) }
                }
            }
        }
        section.card.narrow #password-change {
            h2 { (t!("people-password-heading")) }
            form method="post" action="/account/password" {
                input type="hidden" name="_csrf" value=(csrf);
                label for="current-password" { (t!("people-password-current")) }
                input #current-password name="current" type="password" required autocomplete="current-password";
                label for="new-password" { (t!("people-password-new")) " " span.hint { (t!("auth-setup-password-hint", min = Limits::PASSWORD_MIN)) } }
                input #new-password name="password" type="password" required minlength=(Limits::PASSWORD_MIN) autocomplete="new-password";
                p.hint { (t!("people-password-hint")) }
                button type="submit" { (t!("people-password-submit")) }
            }
        }
        section.card.narrow #tokens {
            h2 { (t!("people-tokens-heading")) }
            p.hint { (t!("people-tokens-intro")) }
            @if let Some(token) = notes.token {
                div.notice role="status" {
                    label for="new-token" { (t!("people-token-made")) }
                    input #new-token readonly value=(token);
                }
            }
            @if tokens.is_empty() {
                p.empty { (t!("people-no-tokens")) }
            } @else {
                ul.link-list.token-list {
                    @for tk in tokens {
                        li {
                            span.link-text dir="auto" {
                                bdi { (tk.label) } (crate::web::i18n::sep())
                                (t!("people-token-made-on", date = date(mot_core::date::of_millis(tk.created_at)).as_str()))
                            }
                            form.inline method="post" action={"/account/tokens/" (tk.id) "/revoke"} {
                                input type="hidden" name="_csrf" value=(csrf);
                                button.danger type="submit" aria-label=(t!("people-token-revoke-label", label = tk.label.as_str())) { (t!("people-token-revoke")) }
                            }
                        }
                    }
                }
            }
            form method="post" action="/account/tokens" {
                input type="hidden" name="_csrf" value=(csrf);
                label for="token-label" { (t!("people-token-label")) }
                input #token-label name="label" dir="auto" required maxlength=(Limits::TOKEN_LABEL) placeholder=(t!("people-token-label-placeholder"));
                button type="submit" { (t!("people-token-create")) }
            }
        }
    }
}

/// Asking for a password reset link by e-mail (or, without mail, who can
/// help); `sent` once asked.
pub fn reset_request_page(csrf: &str, mails: bool, sent: bool, error: Option<&str>) -> Markup {
    html! {
        section.card.narrow {
            h1 { (t!("people-reset-heading")) }
            @if let Some(e) = error { (notice("error", e)) }
            @if !mails {
                p { (t!("people-reset-no-mail")) }
            } @else if sent {
                (notice("ok", t!("people-reset-sent")))
            } @else {
                p { (t!("people-reset-intro")) }
                form method="post" action="/reset" {
                    input type="hidden" name="_csrf" value=(csrf);
                    label for="email" { (t!("auth-email")) }
                    input #email name="email" type="email" required maxlength=(Limits::EMAIL) autocomplete="username";
                    button type="submit" { (t!("people-reset-submit")) }
                }
            }
            p.hint { a href="/login" { (t!("people-reset-back")) } }
        }
    }
}

/// Choosing a new password by a reset link.
pub fn reset_page(user: &User, token: &str, csrf: &str, error: Option<&str>) -> Markup {
    html! {
        section.card.narrow {
            h1 { (t!("people-reset-new-heading")) }
            p { span dir="ltr" { (user.email) } }
            @if let Some(e) = error { (notice("error", e)) }
            form method="post" action={"/reset/" (token)} {
                input type="hidden" name="_csrf" value=(csrf);
                label for="password" { (t!("people-password-new")) " " span.hint { (t!("auth-setup-password-hint", min = Limits::PASSWORD_MIN)) } }
                input #password name="password" type="password" required minlength=(Limits::PASSWORD_MIN) autocomplete="new-password";
                p.hint { (t!("people-reset-hint")) }
                button type="submit" { (t!("people-reset-save")) }
            }
        }
    }
}
