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
