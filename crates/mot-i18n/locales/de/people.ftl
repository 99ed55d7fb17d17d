## Die Personen eines Arbeitsbereichs, Einladungen und das eigene Konto.

role-owner = Inhaber
role-facilitator = Moderation
role-member = Mitglied
role-viewer = Lesend
role-owner-hint = alles, auch Personen und Einstellungen
role-facilitator-hint = leitet Sitzungen und Audits, verwaltet Boards
role-member-hint = macht mit und bearbeitet Notizen
role-viewer-hint = liest nur

people-title = Personen
people-heading = Personen von { $workspace }
people-intro = Die Leute Ihrer Kanzlei arbeiten mit ihrer Rolle an jedem Unternehmen dieses Arbeitsbereichs; die Leute eines Kunden sehen nur ihr eigenes Unternehmen. Gäste, die einem Board über seinen Link beitreten, stehen nicht hier.
people-you = (Sie)
people-role-of = Rolle von { $name }
people-role = Rolle
people-only-owner = einziger Inhaber: Machen Sie zuerst jemand anderen zum Inhaber, um das zu ändern
people-role-change = Rolle ändern
people-remove = Entfernen…
people-remove-hint = Die Person wird sofort abgemeldet und verliert den Zugang; ihre Notizen, Bewertungen und Maßnahmen bleiben.
people-remove-confirm = { $name } jetzt entfernen
people-invite-heading = Jemanden einladen
people-invite-intro = Die Person erhält einen Link, der einmal und sieben Tage lang gilt, um Namen und Passwort festzulegen (oder mit ihrem vorhandenen Konto beizutreten).
people-invite-submit = Einladen
people-invited = Die Einladung für { $email } ist bereit.
people-invite-link = Ihr Link (kopieren, um ihn selbst zu senden)
people-invite-mailed = Er wurde ihr auch per E-Mail geschickt.
people-invite-not-mailed = Diese Installation sendet keine E-Mails: Schicken Sie den Link selbst. Er wird nur jetzt angezeigt.
people-invites-open = Offene Einladungen
people-no-invites = Keine offenen Einladungen.
people-invite-until = bis { $date }
people-invite-cancel = Zurückziehen
people-invite-cancel-label = Die Einladung von { $email } zurückziehen

people-join-title = Beitreten
people-join-heading = { $workspace } beitreten
people-join-intro = Diese Einladung gilt für { $email } als { $role }.
people-join-existing = Sie haben ein Konto mit dieser Adresse: Geben Sie sein Passwort ein, um beizutreten.
people-join-submit = Beitreten

people-account-title = Ihr Konto
people-account-heading = Ihr Konto
people-account-save = Namen speichern
people-account-saved = Ihr Name ist gespeichert.
people-account-language = Ihre Sprache folgt Ihnen auf jedes Gerät: Wählen Sie sie mit der { $switch } oben.
people-account-only = Nur Personen mit Konto haben eine Kontoseite.
people-password-heading = Passwort ändern
people-password-current = Aktuelles Passwort
people-password-new = Neues Passwort
people-password-hint = Ihre anderen Geräte werden abgemeldet; dieses bleibt angemeldet.
people-password-submit = Passwort ändern
people-password-changed = Ihr Passwort ist geändert; Ihre anderen Geräte sind abgemeldet.
people-password-wrong = Das aktuelle Passwort stimmt nicht.
people-tokens-heading = API-Tokens
people-tokens-intro = Mit einem Token kann ein Skript die JSON-API in Ihrem Namen nutzen, in diesem Arbeitsbereich und mit Ihrer Rolle. Es wird einmal angezeigt, wenn es erstellt wird.
people-no-tokens = Noch keine Tokens.
people-token-label = Wofür das Token ist
people-token-label-placeholder = z. B. wöchentlicher Export
people-token-create = Token erstellen
people-token-created = Das Token ist erstellt.
people-token-made = Ihr neues Token (jetzt kopieren: Es wird nicht wieder angezeigt)
people-token-made-on = erstellt am { $date }
people-token-revoke = Widerrufen
people-token-revoke-label = Das Token { $label } widerrufen

people-invite-mail-subject = { $name } lädt Sie zu { $workspace } in Moments of Truth ein
people-invite-mail-body =
    { $name } lädt Sie ein, { $workspace } in Moments of Truth beizutreten, als { $role }.
    Öffnen Sie diesen Link, um Namen und Passwort festzulegen (er gilt einmal, sieben Tage lang):
    { $link }
    Wenn Sie das nicht erwartet haben, ignorieren Sie diese Nachricht.

people-reset-title = Neues Passwort
people-reset-heading = Passwort vergessen?
people-reset-intro = Geben Sie die E-Mail-Adresse Ihres Kontos ein: Dorthin geht ein Link, mit dem Sie ein neues Passwort wählen; er gilt einmal, eine Stunde lang.
people-reset-submit = Link senden
people-reset-sent = Wenn ein Konto diese Adresse hat, ist ein Link dorthin unterwegs. Sehen Sie in Ihrem Posteingang (und im Spam-Ordner) nach.
people-reset-no-mail = Diese Installation sendet keine E-Mails. Bitten Sie einen Inhaber Ihres Arbeitsbereichs, ein neues Passwort für Sie festzulegen (auf dem Server: mot user reset-password).
people-reset-back = Zurück zur Anmeldung
people-reset-new-heading = Neues Passwort wählen
people-reset-hint = Alle Geräte, die mit diesem Konto angemeldet sind, werden abgemeldet; dieses wird mit dem neuen Passwort angemeldet.
people-reset-save = Neues Passwort speichern
people-reset-mail-subject = Ihr neues Passwort für Moments of Truth
people-reset-mail-body =
    Hallo { $name },
    jemand (hoffentlich Sie) hat ein neues Passwort für Ihr Konto angefordert. Öffnen Sie diesen Link, um eines zu wählen (er gilt einmal, eine Stunde lang):
    { $link }
    Wenn Sie es nicht waren, ignorieren Sie diese Nachricht: Ihr Passwort bleibt, wie es ist.
people-email-heading = E-Mail-Adresse ändern
people-email-submit = E-Mail-Adresse ändern
people-email-changed = Ihre E-Mail-Adresse ist geändert: Melden Sie sich ab jetzt damit an.
people-sso-heading = Einmalanmeldung
people-sso-label = Personen, die sich mit { $provider } anmelden und hier kein Konto haben,
people-sso-refused = werden abgewiesen (ein Inhaber lädt sie ein)
people-sso-join-as = treten bei als { $role }
people-sso-save = Speichern
people-sso-hint = Wessen E-Mail-Adresse ein Konto hat, meldet sich immer bei diesem an. Lassen mehrere Arbeitsbereiche Personen beitreten, treten sie dem ältesten bei.
people-invite-mail-failed = Die E-Mail an sie konnte nicht gesendet werden: Schicken Sie den Link selbst. Er wird nur jetzt angezeigt.

role-client-owner = Kunden-Inhaber
role-client-member = Kunden-Mitglied
role-client-viewer = Kunden-Betrachter
role-reports = Nur Berichte
role-client-owner-hint = leitet Sitzungen, Audits und Feedback des eigenen Unternehmens
role-client-member-hint = arbeitet auf den Boards des eigenen Unternehmens mit
role-client-viewer-hint = liest Boards und Ergebnisse des eigenen Unternehmens
role-reports-hint = erhält und liest die Berichte des eigenen Unternehmens, sonst nichts
people-for = Für
people-for-practice = Ihre Kanzlei (alle Kunden)
people-roles-practice = Leute Ihrer Kanzlei
people-roles-client = Leute eines Kunden
people-practice-heading = Ihre Kanzlei
# $business is a client business's name.
people-client-heading = Leute von { $business }
people-client-note = Sie sehen nur { $business }.
