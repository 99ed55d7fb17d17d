# Was Kern und Speicher sagen, wenn eine Regel oder Grenze eine Eingabe oder
# Änderung ablehnt. Das Problem einer Eingabe folgt dem Namen des Feldes
# („Titel: darf nicht leer sein“) und beginnt klein; eine abgelehnte Änderung
# ist ein ganzer Satz.

## Eingegebener Text

rule-empty = darf nicht leer sein
rule-too-long = ist { $length } Zeichen lang; erlaubt sind { $limit }
rule-control-char = enthält ein Steuerzeichen; bitte entfernen Sie es
rule-not-email = ist keine E-Mail-Adresse (erwartet: name@example.com)
rule-password-too-short = muss mindestens { $min } Zeichen lang sein
rule-password-too-long = darf höchstens { $max } Zeichen lang sein
rule-colour = muss eine Farbe wie #44aa99 sein
rule-date-format = muss ein Datum im Format 2026-12-16 sein
rule-request-id-format = muss aus { $min } bis { $max } Buchstaben, Ziffern, - oder _ bestehen (eine UUID genügt)
rule-request-id-reused = { $field }: wurde schon für eine andere Änderung verwendet; senden Sie jede Änderung mit einer neuen ID

## Wer was darf

# Die Rollennamen sind die Werte der API und bleiben unübersetzt.
rule-role = muss owner, facilitator, member oder viewer sein
rule-viewer-cannot-add-notes = Betrachter können das Board ansehen, aber keine Notizen hinzufügen.
rule-guest-other-journey = Sie sind einer anderen Customer Journey beigetreten, nicht dieser.
rule-guest-own-notes-only = Gäste können nur die Notizen ändern, die sie selbst geschrieben haben.
rule-team-only-stages = Nur Teammitglieder können Phasen hinzufügen, umbenennen, verschieben oder entfernen.
rule-owner-or-facilitator-only = Das dürfen nur Inhaber oder Moderatoren.
rule-owner-only = Das dürfen nur Inhaber.
rule-facilitator-only = Das darf nur die Moderation.
rule-viewer-cannot-take-part = Betrachter können die Sitzung verfolgen, aber nicht mitmachen.

## Das Board

rule-last-stage = Eine Customer Journey braucht mindestens eine Phase; fügen Sie eine weitere hinzu, bevor Sie diese entfernen.
rule-stage-has-notes =
    Diese Phase enthält { $count ->
        [one] eine Notiz
       *[other] { $count } Notizen
    }; verschieben oder löschen Sie sie zuerst, damit nichts verloren geht.
rule-too-many-stages = Eine Customer Journey kann höchstens { $limit } Phasen haben.
rule-too-many-notes = Eine Customer Journey kann höchstens { $limit } Notizen enthalten.
rule-too-many-channels = Ein Unternehmen kann höchstens { $limit } Kanäle haben.
rule-channel-retired = der Kanal „{ $channel }“ ist stillgelegt
rule-note-not-deleted = Diese Notiz ist nicht gelöscht.

## Was jemand tun wollte, in rule-wrong-phase und rule-wrong-phases-* (Infinitiv am Satzende)

rule-doing-vote = abstimmen
rule-doing-unvote = einen Punkt zurücknehmen
rule-doing-rate = Momente bewerten
rule-doing-add-ideas = Ideen hinzufügen
rule-doing-mark-merit = Ideen als wertvoll markieren
rule-doing-reveal-votes = die Stimmen aufdecken
rule-doing-choose-priorities = die Prioritäten wählen
rule-doing-reveal-ratings = die Bewertungen aufdecken
rule-doing-record-rating = die vereinbarte Bewertung festhalten
rule-doing-plan-actions = Maßnahmen planen

## Die Sitzung

rule-phase-moved = Die Sitzung ist bereits zur Phase „{ $phase }“ übergegangen. Laden Sie die Seite neu, um sie zu sehen.
rule-phase-one-step = gehen Sie jeweils nur eine Phase vor oder zurück
rule-start-needs-moments = Auf dem Board gibt es noch keine Momente, daher kann die Sitzung nicht mit „{ $phase }“ beginnen: Beginnen Sie mit „Erfassen“.
rule-start-needs-priorities = Keine frühere Sitzung hat auf diesem Board Prioritäten gewählt, daher kann die Sitzung nicht mit „{ $phase }“ beginnen: Beginnen Sie mit „Priorisieren“.
rule-between-one-and = muss zwischen 1 und { $max } liegen
rule-wrong-phase = Sie können nur in der Phase „{ $needed }“ { $doing }; die Sitzung ist in der Phase „{ $current }“.
rule-wrong-phases-1 = Sie können nur in der Phase „{ $phase1 }“ { $doing }; die Sitzung ist in der Phase „{ $current }“.
rule-wrong-phases-2 = Sie können nur in den Phasen „{ $phase1 }“ oder „{ $phase2 }“ { $doing }; die Sitzung ist in der Phase „{ $current }“.
rule-wrong-phases-3 = Sie können nur in den Phasen „{ $phase1 }“, „{ $phase2 }“ oder „{ $phase3 }“ { $doing }; die Sitzung ist in der Phase „{ $current }“.
rule-wrong-phases-4 = Sie können nur in den Phasen „{ $phase1 }“, „{ $phase2 }“, „{ $phase3 }“ oder „{ $phase4 }“ { $doing }; die Sitzung ist in der Phase „{ $current }“.
rule-votes-revealed = Die Stimmen wurden aufgedeckt; die Abstimmung ist beendet.
rule-dots-used =
    Sie haben { $limit ->
        [one] Ihren Punkt
       *[other] alle { $limit } Punkte
    } vergeben. Nehmen Sie einen zurück, um erneut abzustimmen.
rule-dot-already = Sie haben bereits einen Punkt auf diesem Moment.
rule-no-dot = Sie haben keinen Punkt auf diesem Moment.
rule-priorities-too-many = wählen Sie höchstens { $cap }: Ein enger Fokus bringt schnell Fortschritt
rule-priorities-twice = ein Moment ist doppelt gewählt
rule-priorities-not-on-board = Moment { $moment } ist nicht auf diesem Board
rule-not-priority-in-session = in dieser Sitzung werden nur Prioritätsmomente bewertet
rule-not-priority = nur Prioritätsmomente werden bewertet
rule-ratings-revealed = Die Bewertungen dieses Moments wurden aufgedeckt; die Moderation hält jetzt die vereinbarte Bewertung fest.
rule-ideas-for-priorities = Ideen werden für die Prioritätsmomente gesammelt
rule-ideas-no-criticism-change = Keine Kritik, solange die Ideen fließen: Sie können die Idee einer anderen Person weder ändern noch entfernen.
rule-idea-author-only = Nur wer die Idee eingebracht hat oder die Moderation kann sie ändern.
rule-ideas-change-phase = Ideen können in den Phasen „Ideen“ und „Auswählen & planen“ geändert werden; die Sitzung ist in der Phase „{ $phase }“.
rule-ideas-no-criticism-merit = Keine Kritik, solange die Ideen fließen: Über ihren Wert wird in „Auswählen & planen“ gesprochen.
rule-due-before-session = liegt vor der Sitzung ({ $date }); wählen Sie ein späteres Datum
rule-due-past = liegt in der Vergangenheit; wählen Sie heute oder einen späteren Tag
rule-ladder-empty = eine Leiter braucht mindestens einen Schritt
rule-too-many-steps = höchstens { $limit } Schritte; denken Sie klein, ein Schritt nach dem anderen
rule-step-no-text = hat keinen Text; sagen Sie, worin der Schritt besteht
rule-step-before-session = ist vor der Sitzung ({ $date }) datiert
rule-step-before-session-quoted = ist vor der Sitzung ({ $date }) datiert („{ $step }“)
rule-step-before-previous = ist vor dem Schritt darüber datiert; kleine Schritte folgen aufeinander
rule-step-before-previous-quoted = ist vor dem Schritt darüber datiert („{ $step }“); kleine Schritte folgen aufeinander
rule-measure-too-long = seine Messgröße ist { $length } Zeichen lang; erlaubt sind { $limit }
rule-measure-control-char = seine Messgröße enthält ein Steuerzeichen; bitte entfernen Sie es
rule-owner-missing = geben Sie an, wer es tut: ein Mitglied oder einen Namen
rule-next-session-future = muss ein Datum in der Zukunft sein
rule-timer-range = ein Timer läuft zwischen 1 Sekunde und 4 Stunden

## Audits

rule-not-a-score = { $score } ist keine gültige Bewertung: geben Sie 1 (niedrig) bis 10 (hoch) an oder „nicht zutreffend“
rule-round-closed-invite = Diese Runde ist geschlossen: Es können keine weiteren Bewerter eingeladen werden.
rule-template-one-source = Geben Sie eine Customer Journey oder eine Auditrunde als Quelle der Vorlage an, nicht beides.
rule-template-no-moments = Diese Customer Journey hat noch keine Momente: Erfassen Sie zuerst welche.
rule-template-no-items = Diese Vorlage hat keine Prüfpunkte: Fügen Sie welche hinzu, bevor Sie eine Runde starten.
rule-closes-before-opens = liegt vor dem Startdatum
rule-branches-none = wählen Sie mindestens eine Filiale
rule-links-count = erstellen Sie 1 bis { $max } Links auf einmal
rule-links-made-already = Diese Bewertungslinks wurden von derselben Anfrage bereits erstellt. Ihre Adressen werden nur einmal angezeigt: Stellen Sie auf der Seite der Runde einen Link neu aus, um eine neue Adresse zu erhalten.
rule-item-not-in-audit = dieser Prüfpunkt gehört nicht zu diesem Audit
rule-audit-not-open-yet = Dieses Audit beginnt am { $date }; bitte kommen Sie dann wieder.
rule-audit-ended = Dieses Audit wurde am { $date } geschlossen; vielen Dank, es werden keine Antworten mehr angenommen.
rule-audit-closed = Dieses Audit ist geschlossen; vielen Dank, es werden keine Antworten mehr angenommen.
rule-audit-handed-in = Sie haben dieses Audit bereits abgegeben; vielen Dank. Die Antworten können jetzt nicht mehr geändert werden.
rule-audit-link-not-taking = Dieser Audit-Link nimmt keine Antworten mehr an (abgegeben, ersetzt oder geschlossen).

## Ein eindeutiger Wert ist schon vergeben

duplicate-join-code = Dieser Beitrittscode ist schon vergeben; versuchen Sie es noch einmal.
duplicate-email = Es gibt bereits ein Konto mit dieser E-Mail-Adresse.
duplicate-member = Diese Person ist bereits Mitglied des Arbeitsbereichs.
duplicate-set-up = Dieses mot ist bereits eingerichtet.
duplicate-request-in-progress = Diese Anfrage wird bereits bearbeitet; laden Sie die Seite neu, um zu sehen, was sie bewirkt hat.

## Ein Datensatz, den es nicht gibt (oder nicht für diese Person)

error-not-found = { $what } nicht gefunden, oder Sie haben keinen Zugriff darauf.
thing-action = Maßnahme
thing-audit-link = Audit-Link
thing-audit-round = Audit-Runde
thing-branch = Filiale
thing-business = Unternehmen
thing-change = Änderung
thing-channel = Kanal
thing-export-format = Exportformat
thing-feedback-answer = Feedback-Antwort
thing-feedback-link = Feedback-Link
thing-feedback-point = Feedback-Punkt
thing-guest = Gast
thing-idea = Idee
thing-item = Prüfpunkt
thing-journey = Customer Journey
thing-member = Mitglied
thing-moment = Moment
thing-phase = Sitzungsphase
thing-rater-link = Bewertungslink
thing-session = Sitzung
thing-stage = Phase
thing-template = Vorlage
thing-workspace = Arbeitsbereich

## Die Namen der Eingaben, mit denen ihr Fehler beginnt („Titel: …“)

field-branches = Filialen
field-business = Unternehmen
field-channel = Kanal
field-channel_id = Kanal
field-closes_on = Enddatum
field-colour = Farbe
field-comment = Kommentar
field-count = Anzahl
field-date = Datum
field-description = Beschreibung
field-due = Fälligkeitsdatum
field-due_on = Fälligkeitsdatum
field-email = E-Mail-Adresse
field-expectation = Erwartung
field-guidance = Hinweis
field-held_on = Sitzungsdatum
field-icon = Symbol
field-issue = Problem
field-item_id = Prüfpunkt
field-label = Bezeichnung
field-labels = Bezeichnungen
field-moment_id = Moment
field-name = Name
field-next_session = Nächste Sitzung
field-opens_on = Startdatum
field-owner = Verantwortlich
field-owner_name = Verantwortlich
field-password = Passwort
field-phase = Phase
field-priorities = Prioritäten
field-priority_cap = Höchstzahl der Prioritäten
field-reality = Wirklichkeit
field-request_id = Anfrage-ID
field-role = Rolle
field-score = Bewertung
field-seconds = Sekunden
field-steps = Schritte
field-text = Text
field-title = Titel
field-vote_limit = Punkte pro Person
field-what = Aufgabe
field-workspace = Arbeitsbereich
field-step-1 = Schritt 1
field-step-2 = Schritt 2
field-step-3 = Schritt 3
field-step-4 = Schritt 4
field-step-5 = Schritt 5
field-step-6 = Schritt 6
field-step-7 = Schritt 7
field-step-8 = Schritt 8
field-step-9 = Schritt 9
field-step-10 = Schritt 10
field-step-11 = Schritt 11
field-step-12 = Schritt 12
field-from = von
field-delta = Abstand
field-template_id = Vorlage
field-branch_ids = Filialen
field-branch_id = Filiale
field-group = Gruppe
field-template = Vorlage
field-branch = Filiale

## Customer feedback
rule-feedback-verdict = Wählen Sie schlechter, wie erwartet oder besser.
rule-feedback-period-future = Ein Zeitraum kann nicht über heute hinausgehen.
rule-feedback-period-order = Ein Zeitraum endet am Tag seines Beginns oder danach.
rule-feedback-reason = Diesen Grund bietet diese Frage nicht an.
rule-feedback-too-many-reasons = Bieten Sie höchstens { $max } Gründe an.
rule-feedback-point-closed = Dieser Feedback-Link ist geschlossen; trotzdem vielen Dank.
rule-feedback-already-answered = Sie haben diese Frage bereits beantwortet; vielen Dank.
field-verdict = Antwort
field-reason = Grund
field-reasons = Gründe
field-question = Frage
rule-last-owner-demoted = Der letzte Inhaber des Arbeitsbereichs bleibt Inhaber: Machen Sie zuerst jemand anderen zum Inhaber.
rule-last-owner-removed = Der letzte Inhaber des Arbeitsbereichs kann nicht entfernt werden: Machen Sie zuerst jemand anderen zum Inhaber.
thing-invite = Einladung
thing-token = Token
thing-user = Konto
thing-reset-link = Link zum Zurücksetzen des Passworts
thing-page = Seite
rule-sso-owner = Wer per Einmalanmeldung beitritt, wird nicht von selbst Inhaber; ein Inhaber macht ihn dazu.
rule-client-role-needs-business = Eine Kundenrolle gilt für ein Unternehmen: Wählen Sie den Kunden.
rule-client-needs-client-role = Leute eines Kunden bekommen eine Kundenrolle (Kunden-Inhaber, Kunden-Mitglied, Kunden-Betrachter oder nur Berichte).
rule-practice-only = Das ist den eigenen Leuten der Kanzlei vorbehalten.
rule-reports-only = Sie können die Berichte dieses Unternehmens lesen; das Übrige ist nicht für Sie freigegeben.
rule-business-id = Wählen Sie Ihre Kanzlei oder einen ihrer Kunden.
field-business_id = Kunde
rule-template-no-stages = Eine Vorlage braucht mindestens eine Phase.
rule-template-too-big = Eine Vorlage fasst höchstens { $stages } Phasen und { $moments } Momente.
field-stages = Phasen
field-logo = Logo
rule-logo-empty = Wählen Sie eine Logodatei zum Hochladen.
rule-logo-too-big = Das Logo ist größer als { $kib } KiB; speichern Sie es kleiner und versuchen Sie es erneut.
rule-logo-not-image = Das Logo muss ein PNG-Bild oder eine SVG-Zeichnung sein.
rule-logo-script = Das SVG-Logo enthält ein Skript, einen Ereignis-Handler oder eine Animation; ein Logo darf nur zeichnen. Exportieren Sie es erneut als einfache Zeichnung.
rule-logo-elsewhere = Das SVG-Logo lädt etwas von anderswo ({ $what }); ein Logo muss alles enthalten, was es zeigt.
rule-logo-too-wide = Das Logo ist größer als { $px } Pixel je Seite; speichern Sie es kleiner und versuchen Sie es erneut.
thing-logo = Logo
field-contact = Kontaktdaten

field-recipients = Empfänger
rule-pack-nobody = Wählen Sie mindestens eine Person, an die das Paket gehen soll.
rule-pack-not-theirs = Das Paket geht nur an die eigenen Personen dieses Kunden.
rule-pack-no-mail = E-Mail ist in dieser Installation nicht eingerichtet (mot serve --smtp-url); laden Sie das Paket herunter und senden Sie es selbst.
