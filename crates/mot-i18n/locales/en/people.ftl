## The people of a workspace, invitations, and a person's own account.

role-owner = Owner
role-facilitator = Facilitator
role-member = Member
role-viewer = Viewer
role-owner-hint = everything, including people and settings
role-facilitator-hint = runs sessions and audits, manages boards
role-member-hint = takes part and edits notes
role-viewer-hint = reads only

people-title = People
# $workspace is the workspace's name.
people-heading = People of { $workspace }
people-intro = Your practice's people work on every business of this workspace with their role; a client's people see their own business only. Guests who join a board by its link are not listed here.
people-you = (you)
# $name is a person's name.
people-role-of = Role of { $name }
people-role = Role
people-only-owner = the only owner: make someone else an owner to change this
people-role-change = Change role
people-remove = Remove…
people-remove-hint = They are signed out at once and lose access; the notes, ratings and actions they wrote stay.
people-remove-confirm = Remove { $name } now
people-invite-heading = Invite someone
people-invite-intro = They get a link that works once, for seven days, to set their name and password (or to join with the account they have).
people-invite-submit = Invite
# $email is the invited address.
people-invited = Invitation for { $email } is ready.
people-invite-link = Their link (copy it to send it yourself)
people-invite-mailed = It was also sent to them by e-mail.
people-invite-not-mailed = This installation sends no e-mail: send them the link yourself. It is shown only now.
people-invites-open = Open invitations
people-no-invites = No open invitations.
# $date is the last day the link works.
people-invite-until = until { $date }
people-invite-cancel = Withdraw
people-invite-cancel-label = Withdraw the invitation of { $email }

people-join-title = Join
people-join-heading = Join { $workspace }
# $email is the invited address, $role the role's name.
people-join-intro = This invitation is for { $email }, as { $role }.
people-join-existing = You have an account with this address: enter its password to join.
people-join-submit = Join

people-account-title = Your account
people-account-heading = Your account
people-account-save = Save name
people-account-saved = Your name is saved.
# $switch is a link to the language switch at the top.
people-account-language = Your language follows you to every device: choose it with the { $switch } at the top.
people-account-only = Only people with an account have an account page.
people-password-heading = Change your password
people-password-current = Current password
people-password-new = New password
people-password-hint = Your other devices are signed out; this one stays signed in.
people-password-submit = Change password
people-password-changed = Your password is changed; your other devices are signed out.
people-password-wrong = The current password is not right.
people-tokens-heading = API tokens
people-tokens-intro = A token lets a script use the JSON API as you, in this workspace, with your role. It is shown once, when it is made.
people-no-tokens = No tokens yet.
people-token-label = What the token is for
people-token-label-placeholder = e.g. weekly export
people-token-create = Make a token
people-token-created = The token is made.
people-token-made = Your new token (copy it now: it is not shown again)
# $date is the day it was made.
people-token-made-on = made { $date }
people-token-revoke = Revoke
people-token-revoke-label = Revoke the token { $label }

# $name invites; $workspace is the workspace's name.
people-invite-mail-subject = { $name } invites you to { $workspace } on Moments of Truth
people-invite-mail-body =
    { $name } invites you to join { $workspace } on Moments of Truth, as { $role }.
    Open this link to set your name and password (it works once, for seven days):
    { $link }
    If you did not expect this, ignore this message.

people-reset-title = New password
people-reset-heading = Forgot your password?
people-reset-intro = Type the e-mail address of your account: a link to choose a new password is sent to it, and works once, for an hour.
people-reset-submit = Send the link
people-reset-sent = If an account has this address, a link is on its way to it. Check your inbox (and its spam folder).
people-reset-no-mail = This installation sends no e-mail. Ask an owner of your workspace to set a new password for you (on the server: mot user reset-password).
people-reset-back = Back to log in
people-reset-new-heading = Choose a new password
people-reset-hint = Every device signed in to this account is signed out; this one is signed in with the new password.
people-reset-save = Save the new password
people-reset-mail-subject = Your new password for Moments of Truth
people-reset-mail-body =
    Hello { $name },
    someone (we hope you) asked for a new password for your account. Open this link to choose one (it works once, for an hour):
    { $link }
    If it was not you, ignore this message: your password stays as it is.
people-email-heading = Change your e-mail address
people-email-submit = Change e-mail address
people-email-changed = Your e-mail address is changed: log in with it from now on.
people-sso-heading = Single sign-on
# $provider is the OpenID provider's name.
people-sso-label = People who sign in with { $provider } and have no account here
people-sso-refused = are refused (an owner invites them)
people-sso-join-as = join as { $role }
people-sso-save = Save
people-sso-hint = Someone whose e-mail address has an account always signs in to it. If several workspaces let people join, they join the oldest.
people-invite-mail-failed = The e-mail to them could not be sent: send them the link yourself. It is shown only now.

role-client-owner = Client owner
role-client-member = Client member
role-client-viewer = Client viewer
role-reports = Reports only
role-client-owner-hint = runs sessions, audits and feedback of their own business
role-client-member-hint = takes part on their own business's boards
role-client-viewer-hint = reads their own business's boards and results
role-reports-hint = receives and reads their business's reports, nothing else
people-for = For
people-for-practice = Your practice (every client)
people-roles-practice = Your practice's people
people-roles-client = A client's people
people-practice-heading = Your practice
# $business is a client business's name.
people-client-heading = People of { $business }
people-client-note = They see { $business } only.
