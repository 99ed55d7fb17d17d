# الجلسة ذات الخطوات الخمس: اللوحة العلوية فوق اللوحة، واستمارة تخطيط
# نقاط الاتصال، وما ترفضه نماذج الجلسة.

## الخطوات (المراحل) وما تطلبه كل منها من الفريق

session-step-capture = التسجيل
session-step-colour-code = الترميز بالألوان
session-step-prioritise = تحديد الأولويات
session-step-assess = التقييم
session-step-ideas = الأفكار
session-step-select-plan = الاختيار والتخطيط
session-step-wrap-up = الختام

session-instruction-capture = اكتب على ملاحظة كل نقطة يلتقي فيها العميل بالمؤسسة، بالترتيب الذي تحدث به.
session-instruction-colour-code = أعطِ كل ملاحظة قناتها: كيف يلتقي العميل بالمؤسسة هناك.
session-instruction-prioritise = ضع نقاطك على اللحظات الأكثر أهمية. تبقى الأصوات مخفية حتى يكشفها الميسِّر.
session-instruction-assess = لكل لحظة ذات أولوية: ماذا يتوقع العملاء، وماذا يحدث الآن، وهل هي بائسة أم محايدة أم ساحرة؟
session-instruction-ideas = كل فكرة مرحَّب بها مهما بدت غريبة. لا انتقاد ما دامت الأفكار تتدفق.
session-instruction-select-plan = ناقشوا أي الأفكار جديرة بالاهتمام، وحوِّلوا المختارة منها إلى إجراءات: من يفعل ماذا ومتى.
session-instruction-wrap-up = احجز الجلسة التالية وخذ معك استمارة تخطيط نقاط الاتصال.

## التقييمات وحالات الإجراءات

session-rating-miserable = بائس
session-rating-neutral = محايد
session-rating-magical = ساحر

session-status = الحالة
session-status-open = مفتوح
session-status-doing = قيد التنفيذ
session-status-done = منجز
session-status-dropped = متروك

## رأس اللوحة وأدوات الميسِّر

session-deleted-moment = (لحظة محذوفة)
session-phases = المراحل
session-timer-button =
    { $minutes ->
        [one] مؤقّت دقيقة واحدة
        [two] مؤقّت دقيقتين
        [few] مؤقّت { $minutes } دقائق
       *[other] مؤقّت { $minutes } دقيقة
    }
session-timer-start-title =
    { $minutes ->
        [one] تشغيل مؤقّت لمدة دقيقة واحدة
        [two] تشغيل مؤقّت لمدة دقيقتين
        [few] تشغيل مؤقّت لمدة { $minutes } دقائق
       *[other] تشغيل مؤقّت لمدة { $minutes } دقيقة
    }
session-timer-stop = إيقاف المؤقّت
session-done = انتهيت
session-done-undo = ✓ انتهيت (تراجع)
session-nobody-done = لم يعلن أحد انتهاءه بعد.
session-done-count = انتهى: { $count }
session-still-working = ما زالوا يعملون:
session-name-separator = {"، "}

## بدء جلسة

session-start-next = بدء الجلسة التالية
session-start-a-session = بدء جلسة
session-field-title = العنوان
session-default-title = جلسة { $date }
session-field-date = التاريخ
session-field-dots-per-person = النقاط لكل شخص (١–{ $max })
session-field-priorities-to-choose = عدد الأولويات المطلوب اختيارها (١–{ $max })
session-field-multi-vote = السماح بعدة نقاط على اللحظة نفسها
session-field-anonymous-ideas = أفكار دون ذكر أصحابها
session-field-start-at = البدء من
session-field-start-at-hint = (تخطَّ الخطوات الأولى إذا كانت الملاحظات موجودة؛ ابتداءً من «التقييم» تُنقل أولويات الجلسة السابقة)
session-start-the-session = بدء الجلسة

## التسجيل والترميز بالألوان: مراجعة الجلسات السابقة

session-review-open-actions = مراجعة الإجراءات المفتوحة
session-open-actions-before = إجراءات مفتوحة، لمراجعتها في الجلسة الأولى
session-update = تحديث
session-ratings-so-far = التقييمات حتى الآن
session-last-rated = آخر تقييم: { $rating }
session-magic-twice = ⚑ ساحرة مرتين متتاليتين: قد يتوقع العملاء هذا الآن؛ أعيدوا تقييمها.
session-review-empty = سجِّلوا اللحظات على اللوحة أدناه. ستُراجَع هنا الإجراءات المفتوحة من الجلسات السابقة.

## تحديد الأولويات: التصويت بالنقاط

session-votes-revealed = الأصوات المكشوفة
session-tally-dots =
    { $votes ->
        [zero] لا نقاط
        [one] نقطة واحدة
        [two] نقطتان
        [few] { $shown } نقاط
       *[other] { $shown } نقطة
    }
session-tie = تعادل
session-star-on-notes = ضع نجمة على ملاحظات الأولويات: حتى { $cap }. يرى فريقك النجوم فورًا.
session-star-suggested = { $count ->
    [zero] ضع نجمة على الأولويات المقترحة
    [one] ضع نجمة على الأولوية المقترحة
    [two] ضع نجمة على الأولويتين المقترحتين
    [few] ضع نجمة على الأولويات الـ{ $count } المقترحة
    [many] ضع نجمة على الأولويات الـ{ $count } المقترحة
   *[other] ضع نجمة على الأولويات الـ{ $count } المقترحة
}
session-priority = أولوية
session-star = اجعل { $moment } أولوية
session-unstar = { $moment } أولوية: أزل نجمتها
session-star-cap-reached = وُضعت { $cap } نجوم، وهو أقصى ما تسمح به هذه الجلسة: أزل نجمة أولًا
session-priorities-are = الأولويات: { $names }
session-audit-candidates = المرشَّحة من آخر تدقيق (الأدنى درجةً أولًا):
session-dots-left = بقي لديك { $left } من أصل { $total } من النقاط.
session-dots-so-far = النقاط حتى الآن: { $dots } من { $voters } من المشاركين؛ تبقى الأصوات مخفية حتى يكشفها الميسِّر.
session-dots-on-notes = ضع نقاطك على الملاحظات في اللوحة: المس ملاحظة أو زر «+ نقطة» فيها؛ وزر «− نقطة» يستعيد واحدة. بلوحة المفاتيح: ركّز على ملاحظة ثم اضغط + أو −.
session-all-dots-placed = وُضعت نقاطك كلها ({ $limit })
session-all-dots-placed-why = وُضعت نقاطك كلها ({ $limit }). لنقل إحداها، استرجعها بزر «− نقطة».
session-one-dot-per-moment = نقطة واحدة لكل لحظة: نقطتك عليها بالفعل
session-your-dots-here =
    { $count ->
        [zero] لا نقاط لك هنا
        [one] نقطة واحدة من نقاطك
        [two] نقطتان من نقاطك
        [few] { $count } نقاط من نقاطك
       *[other] { $count } نقطة من نقاطك
    }
session-put-dot = ضع نقطة على { $moment }
session-take-dot-back = استرجع نقطة من { $moment }
session-add-dot = + نقطة
session-remove-dot = − نقطة
session-reveal-votes = كشف الأصوات

## التقييم: تقييمات فردية مقارنةً بما يتوقعه العملاء

session-no-priorities-yet = لا أولويات بعد: يؤكدها الميسِّر في مرحلة تحديد الأولويات.
session-since-last = منذ الجلسة السابقة: { $movement }
session-last-time = المرة السابقة: { $rating }
session-disagreement = ⚑ الفريق مختلف (بائس وساحر معًا): ناقشوا ما يتوقعه العملاء.
session-everyones-answers = إجابات الجميع
session-customers-expect = يتوقع العملاء:
session-now = الآن:
session-ratings-hidden = عدد التقييمات المقدَّمة: { $count }، وتبقى مخفية حتى كشفها.
session-your-rating-legend = تقييمك، مقارنةً بما يتوقعه العملاء
session-your-rating-is = تقييمك: { $rating }. المس وجهًا آخر لتغييره.
session-add-what-customers-expect = أضف ما يتوقعه العملاء وما يحدث الآن (اختياري)
session-texts-go-with-face = ما تكتبه هنا يُرسل مع الوجه الذي تلمسه.
session-what-do-customers-expect = ماذا يتوقع العملاء؟
session-what-happens-now = ماذا يحدث الآن؟
session-what-happens-now-label = ما يحدث الآن:
session-optional = (اختياري)
session-reveal-ratings = كشف التقييمات
session-agreed-rating = التقييم المتفق عليه
session-not-agreed-yet = لم يُتفق عليه بعد
session-agreed-hint = (المتفق عليه)
session-issue-problem = المسألة / المشكلة
session-record = تسجيل
session-agreed = المتفق عليه:
session-issue = المسألة:

## الأفكار، والاختيار والتخطيط

session-idea-chosen = ✓ مختارة
session-merit-given = ✓ جديرة، { $count }
session-merit-add = أضف جدارة، { $count }
session-idea-choose = اختيار
session-idea-unchoose = إلغاء الاختيار
session-idea-remove = إزالة
session-idea-placeholder = كل فكرة مرحَّب بها…
session-add-idea = إضافة الفكرة

session-actions = الإجراءات
session-no-actions-yet = لا إجراءات بعد.
session-plan-an-action = تخطيط إجراء
session-action-moment = للحظة
session-action-idea = من الفكرة
session-action-what = ماذا
session-action-who = من
session-action-who-hint = (اختر شخصًا من اللوحة، أو اكتب أي اسم)
session-action-by-when = متى
session-action-move-from = نقل التقييم من
session-action-move-to = إلى
session-save-action = حفظ الإجراء
session-action-due = ، بحلول { $date }
session-step-due = — بحلول { $date }

session-step-n = الخطوة { $n }
session-step-n-date = الخطوة { $n }: التاريخ المستهدف
session-step-n-measure = الخطوة { $n }: المقياس
session-step-placeholder = مثلًا: التسليم خلال ١٠ أيام
session-step-measure-placeholder = المقياس، مثلًا: مدة التسليم ١٠ أيام
session-ladder = سُلَّم الخطوات الصغيرة
session-ladder-hint = (اختياري؛ مثلًا ١٤ ← ١٠ ← ٧ أيام)
session-more-steps = مزيد من الخطوات (حتى { $limit })

## الختام

session-next-session = الجلسة التالية: { $date }
session-add-to-calendar = إضافة إلى تقويمي (ملف ics)
session-no-follow-up = لم تُحجز جلسة متابعة بعد.
session-book-next = حجز الجلسة التالية
session-book = حجز
session-what-we-agreed = ما اتفقنا عليه
session-not-agreed-yet-hint = (لم يُتفق عليه بعد)
session-planning-form = استمارة تخطيط نقاط الاتصال

## صفحة استمارة تخطيط نقاط الاتصال

session-form-back = العودة إلى اللوحة
session-form-download = تنزيل:
session-form-pdf = PDF
session-form-excel = Excel
session-form-csv = CSV
session-form-markdown = Markdown
session-form-print = أو اطبع هذه الصفحة.
session-form-empty = لا لحظات على اللوحة بعد.
session-form-moment = لحظة الحقيقة
session-form-description = الوصف
session-form-ranking = التصنيف
session-form-action = الإجراء
session-form-priority = أولوية
session-form-no-channel = لا قناة بعد
session-form-step-due = ، بحلول { $date }
session-form-step-done = ✓ منجز

## موعد الجلسة التالية في التقويم

session-no-next-session-booked = لم تُحجز جلسة تالية بعد.

## ما ترفضه نماذج الجلسة ($field اسم الحقل)

session-error-missing = { $field }: مفقود
session-error-not-a-number = { $field }: ليس رقمًا
session-error-not-a-phase = { $field }: ليس مرحلة
session-error-not-a-start-phase = { $field }: ليس مرحلة (capture أو colour_code أو prioritise أو assess أو ideas أو select_plan أو wrap_up)
session-error-not-a-rating = { $field }: يجب أن يكون miserable أو neutral أو magical
session-error-choose-rating = { $field }: اختر بائس أو محايد أو ساحر
session-error-not-a-status = { $field }: يجب أن يكون open أو doing أو done أو dropped
session-error-unknown-op = { $field }: عملية غير معروفة { $op }
session-error-too-many-steps =
    { $limit ->
        [few] { $field }: { $limit } خطوات على الأكثر؛ فكِّر بخطوات صغيرة، خطوة تلو الأخرى
       *[other] { $field }: { $limit } خطوة على الأكثر؛ فكِّر بخطوات صغيرة، خطوة تلو الأخرى
    }
session-step-field = الخطوة { $n }
session-error-step-date = { $field }: يجب أن يكون تاريخًا مثل 2026-12-16
session-error-step-date-quoted = { $field }: يجب أن يكون تاريخًا مثل 2026-12-16 («{ $step }»)
session-bar-dots-left = بقي { $left } من { $total } نقاط
session-people = المشاركون
session-person-done = انتهى
session-ideas-on-notes = أضف أفكارك تحت ملاحظات الأولويات على اللوحة: حقل لكل منها. كل فكرة مرحَّب بها؛ ولا يمكنك حذف إلا أفكارك.
session-merit-on-notes = على اللوحة، المس «أضف جدارة» على الأفكار التي تستحق التنفيذ؛ ويختار الميسِّر منها ويحوّلها إلى إجراءات في مكانها.
session-idea-count = { $count ->
    [zero] لا أفكار
    [one] فكرة واحدة
    [two] فكرتان
    [few] { $count } أفكار
    [many] { $count } فكرة
   *[other] { $count } فكرة
}
session-ideas-for = أفكار لـ{ $moment }
session-new-idea-for = فكرة جديدة لـ{ $moment }
session-action-planned = الإجراء:
session-plan-this-idea = حوّلها إلى إجراء
session-action-count = { $count ->
    [zero] لا إجراءات
    [one] إجراء واحد
    [two] إجراءان
    [few] { $count } إجراءات
    [many] { $count } إجراءً
   *[other] { $count } إجراء
}
session-card-stage = المرحلة:
session-card-channel = القناة:
