# Eine Installation einrichten, an- und abmelden.

auth-setup-title = Einrichten
auth-setup-heading = Willkommen bei mot
auth-setup-intro = Geben Sie den Namen Ihres Unternehmens ein und legen Sie das Inhaberkonto an. Als Nächstes folgt Ihre erste Customer Journey; von dort aus können Sie Ihr Team einladen.
auth-setup-business = Name des Unternehmens
auth-setup-business-placeholder = z. B. Hafen Möbel
auth-setup-workspace = Name des Arbeitsbereichs
auth-setup-workspace-hint = (optional: Bleibt das Feld leer, wird der Name des Unternehmens verwendet; Beratende tragen hier den Namen ihrer Kanzlei ein und fügen die Unternehmen ihrer Kunden später hinzu)
auth-your-name = Ihr Name
auth-email = E-Mail
auth-password = Passwort
auth-setup-password-hint = (mindestens { $min } Zeichen)
auth-setup-submit = Arbeitsbereich anlegen

auth-login-title = Anmelden
auth-login-heading = Anmelden
auth-login-submit = Anmelden
auth-login-wrong = Die E-Mail-Adresse oder das Passwort stimmt nicht.
# $link ist der Link „Mit einem Code beitreten“.
auth-login-join-hint = Sie nehmen an einer Sitzung teil? { $link } – kein Konto nötig.
auth-login-join-link = Mit einem Code beitreten
auth-no-workspace = Dieses Konto gehört zu keinem Arbeitsbereich.
auth-not-a-user = Kein Benutzerkonto.
auth-login-forgot = Passwort vergessen?
auth-signup-title = Arbeitsbereich anlegen
auth-signup-link = Neu hier? Legen Sie einen eigenen Arbeitsbereich an
auth-oidc-sign-in = Mit { $provider } anmelden
auth-oidc-or = oder mit E-Mail-Adresse und Passwort:
auth-oidc-failed = Die Anmeldung beim Anbieter hat nicht geklappt. Versuchen Sie es noch einmal oder melden Sie sich mit Ihrem Passwort an.
auth-oidc-expired = Diese Anmeldung ist abgelaufen oder wurde in einem anderen Browser begonnen. Beginnen Sie erneut auf der Anmeldeseite.
auth-oidc-cancelled = Die Anmeldung wurde beim Anbieter abgebrochen. Beginnen Sie erneut auf der Anmeldeseite.
auth-oidc-unverified = Der Anbieter hat keine E-Mail-Adresse für Sie bestätigt; mot kann daher nicht erkennen, wer Sie hier sind.
auth-oidc-unknown = Kein Konto hier hat Ihre E-Mail-Adresse. Bitten Sie einen Inhaber Ihres Arbeitsbereichs, Sie einzuladen.
