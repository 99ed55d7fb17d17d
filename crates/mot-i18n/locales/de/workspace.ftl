# Die Startseite, ein Unternehmen mit seinen Customer Journeys und Kanälen,
# Personen zu einem Board einladen und einem Board beitreten.

workspace-businesses = Unternehmen
workspace-no-businesses = Noch keine Unternehmen. Fügen Sie das Unternehmen hinzu, dessen Customer Journeys Sie abbilden möchten – Ihr eigenes oder das eines Kunden.
workspace-new-business = Neues Unternehmen
workspace-business-placeholder = z. B. Hafen Möbel
workspace-add-business = Unternehmen hinzufügen

workspace-all-businesses = Alle Unternehmen
workspace-first-journey = Legen Sie Ihre erste Customer Journey an
workspace-first-journey-intro = Benennen Sie eine Customer Journey, die ein Kunde durchläuft, etwa „Neukunde kauft ein Sofa“. Danach bilden Sie ihre Momente der Wahrheit auf einem Board ab und laden Ihr Team dazu ein.
workspace-journeys = Customer Journeys
workspace-no-journeys = Noch keine Customer Journeys.
workspace-standards-link = Standards
workspace-journey-name = Name der Customer Journey
workspace-new-journey = Neue Customer Journey
workspace-journey-placeholder = z. B. Neukunde kauft ein Sofa
workspace-create-journey = Customer Journey anlegen
workspace-later-hint = Später, wenn Sie sie brauchen: die Kanäle, die Ihre Kunden nutzen, Ihre Filialen und Audits der Kontaktpunkte.

workspace-channels = Kanäle
workspace-channels-hint = Jeder Moment erhält einen Kanal (Kontaktart). Die Farben sind so gewählt, dass auch farbenblinde Menschen sie unterscheiden können, und jeder Kanal hat zusätzlich ein kurzes Kürzel.
workspace-channel-label = Kürzel
workspace-channel-name = Name
workspace-channel-colour = Farbe
workspace-channel-status = Status
workspace-channel-retired = Stillgelegt
workspace-channel-in-use = In Gebrauch
workspace-channel-save = Speichern
workspace-add-channel-heading = Einen Kanal hinzufügen
workspace-channel-label-limit = Kürzel (bis zu { $max } Zeichen)
workspace-channel-icon-placeholder = SMS
workspace-channel-name-placeholder = Textnachricht
workspace-add-channel = Kanal hinzufügen

workspace-invite-title = Personen einladen
workspace-back-to-board = ← Zurück zum Board
# $journey ist der Name der Customer Journey.
workspace-invite-heading = Personen zu „{ $journey }“ einladen
workspace-invite-intro = Wer diesen Link oder Code hat, kann unter einem selbst gewählten Namen Notizen hinzufügen, ohne Konto. Zeigen Sie den QR-Code auf einem Bildschirm oder senden Sie den Link.
workspace-qr-label = QR-Code des Beitrittslinks
workspace-join-link = Beitrittslink
# $address ist die Adresse der Beitrittsseite, $code der Beitrittscode.
workspace-join-by-code = Oder öffnen Sie { $address } und geben Sie den Code { $code } ein
workspace-rotate-hint = Ein neuer Link und Code machen die alten unbrauchbar für alle, die noch nicht beigetreten sind.
workspace-rotate-remove-guests = Auch alle entfernen, die über den alten Link beigetreten sind (ihre Notizen bleiben erhalten)
workspace-rotate-submit = Neuen Link und Code erstellen
workspace-guests-heading = Beigetretene Gäste
workspace-no-guests = Bisher ist niemand über den Link oder Code beigetreten.
workspace-guests-hint = Ein Gast, den Sie entfernen, kann das Board nicht mehr sehen oder ändern; was er geschrieben hat, bleibt erhalten.
workspace-remove-guest = Entfernen
workspace-remove-guest-label = { $name } entfernen

workspace-join-title = Beitreten
workspace-join-code-heading = Einer Sitzung beitreten
workspace-join-code = Beitrittscode
workspace-join-code-placeholder = z. B. K7PQ-2MXA
workspace-join-code-submit = Weiter
workspace-join-code-unknown = Keine Sitzung hat diesen Code. Prüfen Sie ihn mit der Moderation; Codes können sich ändern.
workspace-join-link-gone = Diesen Beitrittslink gibt es nicht (vielleicht wurde er durch einen neuen ersetzt; fragen Sie die Moderation), oder Sie dürfen ihn nicht sehen.
workspace-join-heading = „{ $journey }“ beitreten
workspace-join-intro = Geben Sie Ihren Namen ein, damit das Team weiß, wer welche Notiz geschrieben hat. Kein Konto und kein Passwort nötig.
workspace-join-name = Ihr Name
workspace-join-language = Sprache
workspace-join-submit = Dem Board beitreten

## The workspace's settings (owners)
workspace-settings = Einstellungen des Arbeitsbereichs
workspace-default-language = Sprache für alle, die keine gewählt haben
workspace-installation-language = Standard der Installation ({ $language })
workspace-save-settings = Einstellungen speichern
workspace-default-language-hint = Seiten folgen zuerst der eigenen Wahl einer Person, dann der Sprache, die ihr Browser verlangt. Diese Sprache gilt, wenn mot keine der beiden spricht – für Ihr Team, Gäste Ihrer Boards und Audit-Bewerter.
workspace-yours = Ihre Arbeitsbereiche
workspace-here = Sie sind hier
workspace-switch = Öffnen
workspace-switch-to = { $name } öffnen
workspace-back-home = ← Startseite

reports-link = Berichte: Planungsformulare, Auditergebnisse, Kundenfeedback, Journey-Karten
# $business is the business's name.
reports-title = Berichte von { $business }
reports-intro = Alle Berichte dieses Unternehmens, zum Lesen, Drucken oder als Datei zum Mitnehmen.
reports-none = Noch keine Berichte: Sie erscheinen mit der ersten Journey, Sitzung oder dem ersten Audit.
reports-map = Journey-Karte
reports-picture = Bild (SVG)
reports-feedback = Bericht zum Kundenfeedback
reports-planning-form = Planungsformular
reports-read = Lesen
reports-audits = Auditergebnisse
brand-heading = Das Erscheinungsbild Ihrer Berichte
brand-intro = Name, Farbe und Logo Ihrer Kanzlei stehen oben auf jeder Seite der Berichte, die Sie und Ihre Kunden mitnehmen (Planungsformulare, Auditberichte, Berichte zum Kundenfeedback); Name und Farbe auch in deren Tabellen.
brand-name = Name auf den Berichten (leer: keiner)
brand-accent = Farbe von Titeln, Überschriften und Linien
brand-save = Erscheinungsbild speichern
brand-logo = Logo
brand-logo-alt = Ihr Logo, wie Ihre Berichte es zeigen
brand-no-logo = Noch kein Logo.
brand-logo-file = Ein PNG-Bild (höchstens 2000 Pixel je Seite) oder eine SVG-Zeichnung, höchstens 256 KiB
brand-logo-upload = Logo hochladen
brand-logo-remove = Logo entfernen
brand-not-a-form = Senden Sie das Logo mit dem Formular zum Hochladen.
brand-contact = Ihre Kontaktdaten, auf dem Deckblatt des Berichtspakets jedes Kunden
reports-pack = Berichtspaket für den Kunden (PDF)
reports-pack-hint = Ein PDF zum Übergeben: ein Deckblatt mit den Kontaktdaten der Beraterin oder des Beraters, das letzte Planungsformular, offene Maßnahmen, das letzte Audit und was Kunden sagten.

reports-pack-title = Berichtspaket für den Kunden
reports-pack-language = Sprache des Pakets
reports-pack-no-such-language = mot schreibt keine Berichte in „{ $code }“; wählen Sie English, Deutsch oder العربية.
reports-send-title = An den Kunden senden
reports-send-to = Das Paket als PDF im Anhang einer E-Mail senden an
reports-send = Paket per E-Mail senden
reports-send-nobody = Noch niemand dieses Kunden hat ein Konto: Laden Sie die Personen als „Nur Berichte“ ein, um ihnen ihre Berichte zu senden.
reports-send-invite = Personen einladen
reports-send-no-mail = E-Mail ist in dieser Installation nicht eingerichtet (mot serve --smtp-url): Laden Sie das Paket herunter und senden Sie es selbst.
reports-send-no-key = Das Formular ist abgelaufen: Laden Sie die Seite neu und senden Sie es von dort.
reports-send-earlier = Bisher gesendet
reports-sent-to = gesendet an
reports-sent-to-nobody = an niemanden gesendet
reports-sent-already = Dieses Formular wurde schon gesendet; nichts wurde erneut gesendet:
reports-not-sent = Nicht gesendet (später erneut versuchen oder das Paket herunterladen und selbst senden):
reports-mail-subject = { $business }: Ihr Bericht von { $practice }
reports-mail-text = Hallo { $name },

    im Anhang finden Sie das aktuelle Berichtspaket für { $business }: den Planungsbogen der letzten Sitzung, die offenen Maßnahmen, die letzten Audit-Ergebnisse und was Kunden gesagt haben.

    { $practice }
