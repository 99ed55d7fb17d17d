# The start page, a business with its journeys and channels, inviting
# people to a board, and joining one.

workspace-businesses = Businesses
workspace-no-businesses = No businesses yet. Add the business whose customer journeys you want to map — your own, or a client's.
workspace-new-business = New business
workspace-business-placeholder = e.g. Harbour Furniture
workspace-add-business = Add business

workspace-all-businesses = All businesses
workspace-first-journey = Create your first journey
workspace-first-journey-intro = Name one journey a customer takes, such as “New customer buys a sofa”. You then map its moments of truth on a board and invite your team to it.
workspace-journeys = Customer journeys
workspace-no-journeys = No journeys yet.
workspace-standards-link = standards
workspace-journey-name = Journey name
workspace-new-journey = New journey
workspace-journey-placeholder = e.g. New customer buys a sofa
workspace-create-journey = Create journey
workspace-later-hint = Later, when you need them: the channels your customers use, your branches, and touchpoint audits.

workspace-channels = Channels
workspace-channels-hint = Each moment gets a channel (contact type). Colours are chosen to be told apart by colour-blind people, and every channel also has a short label.
workspace-channel-label = Label
workspace-channel-name = Name
workspace-channel-colour = Colour
workspace-channel-status = Status
workspace-channel-retired = Retired
workspace-channel-in-use = In use
workspace-channel-save = Save
workspace-add-channel-heading = Add a channel
workspace-channel-label-limit = Label (up to { $max } characters)
workspace-channel-icon-placeholder = SMS
workspace-channel-name-placeholder = Text message
workspace-add-channel = Add channel

workspace-invite-title = Invite people
workspace-back-to-board = ← Back to the board
# $journey is the journey's name.
workspace-invite-heading = Invite people to “{ $journey }”
workspace-invite-intro = Anyone with this link or code can add notes under a name of their choice, without an account. Show the QR code on a screen, or send the link.
workspace-qr-label = QR code of the join link
workspace-join-link = Join link
# $address is the address of the join page, $code the join code.
workspace-join-by-code = Or open { $address } and type the code { $code }
workspace-rotate-hint = A new link and code stop the old ones from working for people who have not joined yet.
workspace-rotate-remove-guests = Also remove everyone who joined by the old link (their notes stay)
workspace-rotate-submit = Make a new link and code
workspace-guests-heading = Guests who joined
workspace-no-guests = Nobody has joined by the link or code yet.
workspace-guests-hint = A guest you remove can no longer see or change the board; what they wrote stays.
workspace-remove-guest = Remove
workspace-remove-guest-label = Remove { $name }

workspace-join-title = Join
workspace-join-code-heading = Join a session
workspace-join-code = Join code
workspace-join-code-placeholder = e.g. K7PQ-2MXA
workspace-join-code-submit = Continue
workspace-join-code-unknown = No session has this code. Check it with the facilitator; codes can be changed.
workspace-join-link-gone = No such join link (it may have been replaced by a new one; ask the facilitator), or it is not yours to see.
workspace-join-heading = Join “{ $journey }”
workspace-join-intro = Type your name so the team knows who wrote which note. No account or password needed.
workspace-join-name = Your name
workspace-join-language = Language
workspace-join-submit = Join the board

## The workspace's settings (owners)
workspace-settings = Workspace settings
workspace-default-language = Language for people who have not chosen one
workspace-installation-language = The installation's default ({ $language })
workspace-save-settings = Save settings
workspace-default-language-hint = Pages follow each person's own choice first, then the language their browser asks for. This language is used when neither is one mot speaks, for your team, guests of your boards and audit raters.
workspace-yours = Your workspaces
workspace-here = you are here
workspace-switch = Open
workspace-switch-to = Open { $name }
workspace-back-home = ← Home

reports-link = Reports: planning forms, audit results, customer feedback, journey maps
# $business is the business's name.
reports-title = Reports of { $business }
reports-intro = Every report of this business, to read here, print, or take away as a file.
reports-none = No reports yet: they appear with the first journey, session or audit.
reports-map = Journey map
reports-picture = Picture (SVG)
reports-feedback = Customer feedback report
reports-planning-form = Planning form
reports-read = Read
reports-audits = Audit results
brand-heading = Your reports' branding
brand-intro = Your practice's name, colour and logo head every page of the reports you and your clients take away (planning forms, audit reports, customer feedback reports); the name and colour are on their spreadsheets too.
brand-name = Name on the reports (empty: none)
brand-accent = Colour of titles, headings and rules
brand-save = Save the branding
brand-logo = Logo
brand-logo-alt = Your logo, as your reports show it
brand-no-logo = No logo yet.
brand-logo-file = A PNG image (at most 2000 pixels a side) or an SVG drawing, at most 256 KiB
brand-logo-upload = Upload the logo
brand-logo-remove = Remove the logo
brand-not-a-form = Send the logo with the upload form.
brand-contact = Your contact details, on the cover of each client's report pack
reports-pack = Client report pack (PDF)
reports-pack-hint = One PDF to hand over: a cover with the adviser's contact details, the latest planning form, open actions, the latest audit and what customers said.

reports-pack-title = Client report pack
reports-pack-language = Language of the pack
reports-pack-no-such-language = mot does not write reports in “{ $code }”; choose English, Deutsch or العربية.
reports-send-title = Send it to the client
reports-send-to = Send the pack, as a PDF attached to an e-mail, to
reports-send = E-mail the pack
reports-send-nobody = Nobody of this client has an account yet: invite them as “Reports only” to send them their reports.
reports-send-invite = Invite people
reports-send-no-mail = E-mail is not set up on this installation (mot serve --smtp-url): download the pack and send it yourself.
reports-send-no-key = The form has expired: load the page again and send it from there.
reports-send-earlier = Sent before
reports-sent-to = sent to
reports-sent-to-nobody = sent to nobody
reports-sent-already = This form was sent already; nothing was sent again:
reports-not-sent = Not sent (try again later, or download the pack and send it yourself):
reports-mail-subject = { $business }: your report from { $practice }
reports-mail-text = Hello { $name },

    attached is the latest report pack for { $business }: the planning form of the last session, the open actions, the latest audit results and what customers said.

    { $practice }
