# Setting up an installation, logging in and out.

auth-setup-title = Set up
auth-setup-heading = Welcome to mot
auth-setup-intro = Name your business and create the owner account. Your first customer journey comes next; you can invite your team from it.
auth-setup-business = Business name
auth-setup-business-placeholder = e.g. Harbour Furniture
auth-setup-workspace = Workspace name
auth-setup-workspace-hint = (optional: the business name is used when empty; an adviser names their practice here and adds client businesses later)
auth-your-name = Your name
auth-email = E-mail
auth-password = Password
auth-setup-password-hint = (at least { $min } characters)
auth-setup-submit = Create workspace

auth-login-title = Log in
auth-login-heading = Log in
auth-login-submit = Log in
auth-login-wrong = The e-mail address or password is not right.
# $link is the link "Join with a code".
auth-login-join-hint = Taking part in a session? { $link } — no account needed.
auth-login-join-link = Join with a code
auth-no-workspace = This account belongs to no workspace.
auth-not-a-user = Not a user.
auth-login-forgot = Forgot your password?
auth-signup-title = Create a workspace
auth-signup-link = New here? Create a workspace of your own
auth-oidc-sign-in = Sign in with { $provider }
auth-oidc-or = or with your e-mail address and password:
auth-oidc-failed = Signing in with the provider did not work. Try again, or log in with your password.
auth-oidc-expired = This sign-in has expired or was started in another browser. Start again from the login page.
auth-oidc-cancelled = Signing in was cancelled at the provider. Start again from the login page.
auth-oidc-unverified = The provider has not verified an e-mail address for you, so mot cannot tell who you are here.
auth-oidc-unknown = No account here has your e-mail address. Ask an owner of your workspace to invite you.
