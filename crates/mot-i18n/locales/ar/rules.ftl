# ما يقوله النظام حين ترفض قاعدةٌ أو حدٌّ إدخالًا أو تغييرًا. مشكلة الإدخال
# تأتي بعد اسم الحقل («العنوان: هذا الحقل مطلوب»)، فتُصاغ بحيث لا تتوقف على
# تذكير اسم الحقل أو تأنيثه؛ والتغيير المرفوض جملة تامة.
# صيغ الإدخال (2026-12-16 و#44aa99) تبقى بالأرقام اللاتينية لأنها ما يُكتب فعلًا.

## النص المُدخَل

rule-empty = هذا الحقل مطلوب
rule-too-long =
    الطول { $length ->
        [zero] { $length } حرف
        [one] حرف واحد
        [two] حرفان
        [few] { $length } أحرف
        [many] { $length } حرفًا
       *[other] { $length } حرف
    }، والحد الأقصى { $limit }
rule-control-char = يوجد في النص محرف تحكم؛ يُرجى إزالته
rule-not-email = ليس عنوان بريد إلكتروني صالحًا (المتوقع: name@example.com)
rule-password-too-short =
    يجب ألّا تقل عن { $min } { $min ->
        [few] أحرف
        [many] حرفًا
       *[other] حرف
    }
rule-password-too-long =
    يجب ألّا تزيد على { $max } { $max ->
        [few] أحرف
        [many] حرفًا
       *[other] حرف
    }
rule-colour = أدخل لونًا مثل #44aa99
rule-date-format = أدخل تاريخًا بالصيغة 2026-12-16
rule-request-id-format = المسموح من { $min } إلى { $max } من الحروف اللاتينية أو الأرقام أو - أو _ (ويكفي معرّف UUID)
rule-request-id-reused = { $field }: سبق استخدامه لتغيير آخر؛ أرسل كل تغيير بمعرّف جديد

## من يحق له ماذا

# أسماء الأدوار هي القيم التي تقبلها الواجهة البرمجية، فتبقى كما هي.
rule-role = يجب أن يكون واحدًا من: owner أو facilitator أو member أو viewer
rule-viewer-cannot-add-notes = يستطيع المشاهدون الاطلاع على اللوحة، لكن لا يمكنهم إضافة ملاحظات.
rule-guest-other-journey = لقد انضممت إلى رحلة أخرى، لا إلى هذه الرحلة.
rule-guest-own-notes-only = لا يستطيع الضيوف تعديل إلا الملاحظات التي كتبوها.
rule-team-only-stages = لا يستطيع إضافة المراحل أو إعادة تسميتها أو نقلها أو إزالتها إلا أعضاء الفريق.
rule-owner-or-facilitator-only = لا يستطيع القيام بهذا إلا المالك أو الميسِّر.
rule-owner-only = لا يستطيع القيام بهذا إلا المالك.
rule-facilitator-only = لا يستطيع القيام بهذا إلا الميسِّر.
rule-viewer-cannot-take-part = يستطيع المشاهدون متابعة الجلسة، لكن لا يمكنهم المشاركة فيها.

## اللوحة

rule-last-stage = تحتاج الرحلة إلى مرحلة واحدة على الأقل؛ أضف مرحلة أخرى قبل إزالة هذه المرحلة.
rule-stage-has-notes =
    تحتوي هذه المرحلة على { $count ->
        [zero] { $count } ملاحظة
        [one] ملاحظة واحدة
        [two] ملاحظتين
        [few] { $count } ملاحظات
        [many] { $count } ملاحظة
       *[other] { $count } ملاحظة
    }؛ انقلها أو احذفها أولًا حتى لا يضيع شيء.
rule-too-many-stages =
    لا يمكن أن تضم الرحلة أكثر من { $limit } { $limit ->
        [few] مراحل
       *[other] مرحلة
    }.
rule-too-many-notes =
    لا يمكن أن تضم الرحلة أكثر من { $limit } { $limit ->
        [few] ملاحظات
       *[other] ملاحظة
    }.
rule-too-many-channels =
    لا يمكن أن يضم النشاط التجاري أكثر من { $limit } { $limit ->
        [few] قنوات
       *[other] قناة
    }.
rule-channel-retired = القناة «{ $channel }» متوقفة
rule-note-not-deleted = هذه الملاحظة غير محذوفة.

## ما أراد الشخص فعله، داخل rule-wrong-phase وrule-wrong-phases-* (بصيغة المصدر)

rule-doing-vote = التصويت
rule-doing-unvote = استرجاع نقطة
rule-doing-rate = تقييم اللحظات
rule-doing-add-ideas = إضافة الأفكار
rule-doing-mark-merit = تمييز الأفكار الجديرة
rule-doing-reveal-votes = كشف الأصوات
rule-doing-choose-priorities = اختيار الأولويات
rule-doing-reveal-ratings = كشف التقييمات
rule-doing-record-rating = تسجيل التقييم المتفق عليه
rule-doing-plan-actions = تخطيط الإجراءات

## الجلسة

rule-phase-moved = انتقلت الجلسة بالفعل إلى مرحلة «{ $phase }». أعد تحميل الصفحة لتراها.
rule-phase-one-step = انتقل مرحلة واحدة فقط إلى الأمام أو إلى الخلف في كل مرة
rule-start-needs-moments = لا توجد لحظات على اللوحة بعد، لذا لا يمكن أن تبدأ الجلسة من مرحلة «{ $phase }»: ابدأ من مرحلة «التسجيل».
rule-start-needs-priorities = لم تحدد أي جلسة سابقة أولويات على هذه اللوحة، لذا لا يمكن أن تبدأ الجلسة من مرحلة «{ $phase }»: ابدأ من مرحلة «تحديد الأولويات».
rule-between-one-and = يجب أن تكون القيمة بين ١ و{ $max }
rule-wrong-phase = لا يمكنك { $doing } إلا في مرحلة «{ $needed }»؛ الجلسة الآن في مرحلة «{ $current }».
rule-wrong-phases-1 = لا يمكنك { $doing } إلا في مرحلة «{ $phase1 }»؛ الجلسة الآن في مرحلة «{ $current }».
rule-wrong-phases-2 = لا يمكنك { $doing } إلا في مرحلتَي «{ $phase1 }» أو «{ $phase2 }»؛ الجلسة الآن في مرحلة «{ $current }».
rule-wrong-phases-3 = لا يمكنك { $doing } إلا في مراحل «{ $phase1 }» أو «{ $phase2 }» أو «{ $phase3 }»؛ الجلسة الآن في مرحلة «{ $current }».
rule-wrong-phases-4 = لا يمكنك { $doing } إلا في مراحل «{ $phase1 }» أو «{ $phase2 }» أو «{ $phase3 }» أو «{ $phase4 }»؛ الجلسة الآن في مرحلة «{ $current }».
rule-votes-revealed = كُشفت الأصوات؛ انتهى التصويت.
rule-dots-used = لقد استخدمت كل نقاطك ({ $limit }). استرجع نقطة لتصوّت من جديد.
rule-dot-already = لديك نقطة على هذه اللحظة بالفعل.
rule-no-dot = ليست لديك نقطة على هذه اللحظة.
rule-priorities-too-many = اختر { $cap } على الأكثر: حصر التركيز يسرّع التقدّم
rule-priorities-twice = اخترت إحدى اللحظات مرتين
rule-priorities-not-on-board = اللحظة { $moment } ليست على هذه اللوحة
rule-not-priority-in-session = لا تُقيَّم في هذه الجلسة إلا لحظات الأولوية
rule-not-priority = لا تُقيَّم إلا لحظات الأولوية
rule-ratings-revealed = كُشفت تقييمات هذه اللحظة؛ يسجّل الميسِّر الآن التقييم المتفق عليه.
rule-ideas-for-priorities = تُجمع الأفكار للحظات الأولوية
rule-ideas-no-criticism-change = لا انتقاد ما دامت الأفكار تتدفق: لا يمكنك تعديل فكرة شخص آخر أو إزالتها.
rule-idea-author-only = لا يستطيع تعديل هذه الفكرة إلا صاحبها أو الميسِّر.
rule-ideas-change-phase = يمكن تعديل الأفكار في مرحلتَي «الأفكار» و«الاختيار والتخطيط»؛ الجلسة الآن في مرحلة «{ $phase }».
rule-ideas-no-criticism-merit = لا انتقاد ما دامت الأفكار تتدفق: تُناقَش جدوى الأفكار في مرحلة «الاختيار والتخطيط».
rule-due-before-session = يسبق موعد الجلسة ({ $date })؛ اختر تاريخًا لاحقًا
rule-due-past = في الماضي؛ اختر اليوم أو يومًا لاحقًا
rule-ladder-empty = يجب أن يضم السلّم خطوة واحدة على الأقل
rule-too-many-steps =
    { $limit } { $limit ->
        [few] خطوات
       *[other] خطوة
    } على الأكثر؛ فكّر في خطوات صغيرة، خطوة تلو الأخرى
rule-step-no-text = بلا نص؛ اكتب مضمون الخطوة
rule-step-before-session = تاريخها يسبق موعد الجلسة ({ $date })
rule-step-before-session-quoted = تاريخها يسبق موعد الجلسة ({ $date }) («{ $step }»)
rule-step-before-previous = تاريخها يسبق تاريخ الخطوة التي فوقها؛ الخطوات الصغيرة تأتي واحدة تلو الأخرى
rule-step-before-previous-quoted = تاريخها يسبق تاريخ الخطوة التي فوقها («{ $step }»)؛ الخطوات الصغيرة تأتي واحدة تلو الأخرى
rule-measure-too-long =
    طول مقياسها { $length ->
        [zero] { $length } حرف
        [one] حرف واحد
        [two] حرفان
        [few] { $length } أحرف
        [many] { $length } حرفًا
       *[other] { $length } حرف
    }، والحد الأقصى { $limit }
rule-measure-control-char = يوجد في مقياسها محرف تحكم؛ يُرجى إزالته
rule-owner-missing = حدّد من سينفّذ ذلك: عضوًا أو اسمًا
rule-next-session-future = اختر تاريخًا في المستقبل
rule-timer-range = يعمل المؤقت من ثانية واحدة إلى ٤ ساعات

## التدقيق

rule-not-a-score = { $score } ليست درجة صالحة: أعطِ درجة من ١ (منخفضة) إلى ١٠ (مرتفعة)، أو «لا ينطبق»
rule-round-closed-invite = هذه الجولة مغلقة: لا يمكن دعوة مزيد من المقيِّمين.
rule-template-one-source = حدّد رحلة عميل أو جولة تدقيق لإنشاء القالب منها، لا كليهما.
rule-template-no-moments = لا توجد لحظات في هذه الرحلة بعد: سجّل بعضها أولًا.
rule-template-no-items = لا توجد بنود في هذا القالب: أضف بعضها قبل بدء جولة.
rule-closes-before-opens = يسبق تاريخ الفتح
rule-branches-none = اختر فرعًا واحدًا على الأقل
rule-links-count =
    أنشئ من ١ إلى { $max } { $max ->
        [few] روابط
       *[other] رابط
    } في المرة الواحدة
rule-links-made-already = أُنشئت روابط المقيِّمين هذه من قبل بالطلب نفسه. لا تُعرض عناوينها إلا مرة واحدة: أعد إصدار رابط من صفحة الجولة للحصول على عنوان جديد.
rule-item-not-in-audit = هذا البند ليس جزءًا من هذا التدقيق
rule-audit-not-open-yet = يبدأ هذا التدقيق في { $date }؛ يُرجى العودة حينها.
rule-audit-ended = أُغلق هذا التدقيق في { $date }؛ شكرًا لك، لم يعد بالإمكان قبول إجابات.
rule-audit-closed = هذا التدقيق مغلق؛ شكرًا لك، لم يعد بالإمكان قبول إجابات.
rule-audit-handed-in = لقد سلّمت هذا التدقيق بالفعل؛ شكرًا لك. لا يمكن تغيير الإجابات الآن.
rule-audit-link-not-taking = لم يعد رابط التدقيق هذا يقبل إجابات (سُلّم أو استُبدل أو أُغلق).

## قيمة فريدة مستخدمة من قبل

duplicate-join-code = رمز الانضمام هذا مستخدم بالفعل؛ حاول مرة أخرى.
duplicate-email = يوجد حساب بهذا البريد الإلكتروني بالفعل.
duplicate-member = هذا الشخص عضو في مساحة العمل بالفعل.
duplicate-set-up = تم إعداد mot بالفعل.
duplicate-request-in-progress = يجري التعامل مع هذا الطلب بالفعل؛ أعد تحميل الصفحة لترى ما أحدثه.

## سجل غير موجود (أو لا يخص القارئ)

error-not-found = تعذّر العثور على { $what }، أو ليس من حقك الاطلاع على ذلك.
thing-action = الإجراء
thing-audit-link = رابط التدقيق
thing-audit-round = جولة التدقيق
thing-branch = الفرع
thing-business = النشاط التجاري
thing-change = التغيير
thing-channel = القناة
thing-export-format = صيغة التصدير
thing-feedback-answer = إجابة الملاحظات
thing-feedback-link = رابط الملاحظات
thing-feedback-point = نقطة الملاحظات
thing-guest = الضيف
thing-idea = الفكرة
thing-item = البند
thing-journey = الرحلة
thing-member = العضو
thing-moment = اللحظة
thing-phase = مرحلة الجلسة
thing-rater-link = رابط المقيِّم
thing-session = الجلسة
thing-stage = مرحلة الرحلة
thing-template = القالب
thing-workspace = مساحة العمل

## أسماء الحقول، كما يبدأ بها خطأ الإدخال («العنوان: …»)

field-branches = الفروع
field-business = النشاط التجاري
field-channel = القناة
field-channel_id = القناة
field-closes_on = تاريخ الإغلاق
field-colour = اللون
field-comment = التعليق
field-count = العدد
field-date = التاريخ
field-description = الوصف
field-due = تاريخ الاستحقاق
field-due_on = تاريخ الاستحقاق
field-email = البريد الإلكتروني
field-expectation = التوقع
field-guidance = الإرشاد
field-held_on = تاريخ الجلسة
field-icon = الرمز
field-issue = المشكلة
field-item_id = البند
field-label = التسمية
field-labels = التسميات
field-moment_id = اللحظة
field-name = الاسم
field-next_session = الجلسة التالية
field-opens_on = تاريخ الفتح
field-owner = المسؤول
field-owner_name = المسؤول
field-password = كلمة المرور
field-phase = المرحلة
field-priorities = الأولويات
field-priority_cap = الحد الأقصى للأولويات
field-reality = الواقع
field-request_id = معرّف الطلب
field-role = الدور
field-score = الدرجة
field-seconds = الثواني
field-steps = الخطوات
field-text = النص
field-title = العنوان
field-vote_limit = عدد النقاط لكل شخص
field-what = الإجراء
field-workspace = مساحة العمل
field-step-1 = الخطوة ١
field-step-2 = الخطوة ٢
field-step-3 = الخطوة ٣
field-step-4 = الخطوة ٤
field-step-5 = الخطوة ٥
field-step-6 = الخطوة ٦
field-step-7 = الخطوة ٧
field-step-8 = الخطوة ٨
field-step-9 = الخطوة ٩
field-step-10 = الخطوة ١٠
field-step-11 = الخطوة ١١
field-step-12 = الخطوة ١٢
field-from = من
field-delta = الفرق
field-template_id = النموذج
field-branch_ids = الفروع
field-branch_id = الفرع
field-group = المجموعة
field-template = النموذج
field-branch = الفرع

## Customer feedback
rule-feedback-verdict = اختر أسوأ أو كما توقعت أو أفضل.
rule-feedback-period-future = لا يمكن أن تمتد الفترة إلى ما بعد اليوم.
rule-feedback-period-order = تنتهي الفترة في يوم بدايتها أو بعده.
rule-feedback-reason = هذا السبب ليس من الأسباب التي يعرضها هذا السؤال.
rule-feedback-too-many-reasons = اعرض { $max } أسباب على الأكثر.
rule-feedback-point-closed = رابط الملاحظات هذا مغلق؛ شكرًا لك على أي حال.
rule-feedback-already-answered = لقد أجبت عن هذا السؤال من قبل؛ شكرًا لك.
field-verdict = الإجابة
field-reason = السبب
field-reasons = الأسباب
field-question = السؤال
rule-last-owner-demoted = يبقى آخر مالك لمساحة العمل مالكًا: اجعل شخصًا آخر مالكًا أولًا.
rule-last-owner-removed = لا يمكن إزالة آخر مالك لمساحة العمل: اجعل شخصًا آخر مالكًا أولًا.
thing-invite = دعوة
thing-token = رمز
thing-user = حساب
thing-reset-link = رابط إعادة تعيين كلمة المرور
thing-page = صفحة
rule-sso-owner = من ينضم عبر تسجيل الدخول الموحّد لا يصبح مالكًا من تلقاء نفسه؛ يجعله أحد المالكين كذلك.
rule-client-role-needs-business = دور العميل خاص بنشاط تجاري واحد: اختر العميل.
rule-client-needs-client-role = يحصل أشخاص العميل على دور عميل (مالك لدى العميل، أو عضو لدى العميل، أو مشاهد لدى العميل، أو التقارير فقط).
rule-practice-only = هذا لأشخاص المكتب أنفسهم فقط.
rule-reports-only = يمكنك قراءة تقارير هذا النشاط التجاري؛ أما الباقي فلا يُشارَك معك.
rule-business-id = اختر مكتبك أو أحد عملائه.
field-business_id = العميل
rule-template-no-stages = يحتاج القالب إلى مرحلة واحدة على الأقل.
rule-template-too-big = يتسع القالب لـ { $stages } مرحلة و{ $moments } لحظة على الأكثر.
field-stages = المراحل
field-logo = الشعار
rule-logo-empty = اختر ملف شعار لرفعه.
rule-logo-too-big = الشعار أكبر من { $kib } كيلوبايت؛ احفظه بحجم أصغر وحاول مجددًا.
rule-logo-not-image = يجب أن يكون الشعار صورة PNG أو رسمًا بصيغة SVG.
rule-logo-script = يحتوي شعار SVG على نص برمجي أو معالج أحداث أو حركة؛ الشعار يرسم فقط. صدّره مجددًا كرسم بسيط.
rule-logo-elsewhere = يجلب شعار SVG شيئًا من مكان آخر ({ $what })؛ يجب أن يحمل الشعار كل ما يعرضه.
rule-logo-too-wide = الشعار أكبر من { $px } بكسل في أحد جانبيه؛ احفظه بحجم أصغر وحاول مجددًا.
thing-logo = الشعار
field-contact = بيانات الاتصال

field-recipients = المستلمون
rule-pack-nobody = اختر شخصًا واحدًا على الأقل لإرسال الحزمة إليه.
rule-pack-not-theirs = تُرسل الحزمة إلى أشخاص هذا العميل فقط.
rule-pack-no-mail = البريد الإلكتروني غير مُعدّ في هذا التثبيت (mot serve --smtp-url)؛ نزّل الحزمة وأرسلها بنفسك.
