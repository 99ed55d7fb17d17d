## تنبيهات العملاء المحفوظة، وما يفعله الفريق بها

feedback-alert-decided = سبق البت في هذا التنبيه.
feedback-alert-bad-decision = يجب أن تكون action أو agenda أو dismiss
thing-feedback-alert = تنبيه
field-decision = القرار
# نص إجراء يُفتح من تنبيه.
feedback-alert-action-what = العملاء عن { $moment }: { $alert } ({ $period })
feedback-alert-none-open = لا تنبيه ينتظر قرارًا.
feedback-alert-evidence = { $n ->
    [zero] لا إجابات
    [one] إجابة واحدة
    [two] إجابتان
    [few] { $n } إجابات
    [many] { $n } إجابة
   *[other] { $n } إجابة
    }: { $worse } أسوأ، { $better } أفضل
feedback-alert-to-action = افتح إجراءً لهذه اللحظة…
feedback-alert-who-hint = (أنت، إن تُرك فارغًا؛ اختر شخصًا من النشاط التجاري أو اكتب أي اسم)
feedback-alert-open-action = افتح الإجراء
feedback-alert-to-agenda = ضعها على جدول أعمال الجلسة القادمة
feedback-alert-dismiss = تجاهل…
feedback-alert-when-hint = (إن كان هناك تاريخ)
feedback-alert-dismiss-what = إذا تجاهلته انتقل إلى «تمت معالجتها» بلا إجراء، نهائيًا: يبقى كذلك ما دامت اللحظة خارج نطاقها المعتاد؛ وإذا عادت إليه ثم خرجت منه مرة أخرى أُطلق تنبيه جديد.
feedback-alert-dismiss-confirm = تجاهل التنبيه
feedback-alert-decide = ماذا نفعل حيال ذلك
feedback-alert-dealt-with = تمت معالجتها
feedback-alert-state-actioned = فُتح إجراء (على اللوحة)
feedback-alert-state-on-agenda = على جدول أعمال الجلسة القادمة
feedback-alert-state-dismissed = تم تجاهله

## على جدول أعمال جلسة
feedback-alert-agenda-title = على جدول الأعمال: ما قاله العملاء
feedback-alert-agenda-intro = وضعت إجابات العملاء هذه اللحظات على جدول أعمال هذه الجلسة. انظروا فيها أولًا.
feedback-alert-agenda-comments = اقرأ ما كتبوه
feedback-alert-on-agenda-tag = (على جدول الأعمال)
feedback-alert-at-branch = { $moment } في { $branch }
