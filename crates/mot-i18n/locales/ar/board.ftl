# لوحة رحلة العميل: المراحل أعمدةً من الملاحظات، وصفحاتها، واتصالها
# المباشر، وكلمات نصوصها البرمجية.

## ملاحظة
board-no-channel = لا قناة بعد
board-note-label = { $title }، { $channel }
board-grip-title = اسحب للنقل، أو اضغط مفتاح المسافة ثم مفاتيح الأسهم
board-move-note = نقل الملاحظة: { $title }
board-standard-title = لهذه اللحظة معيار
board-standard = ◆ معيار
board-score-title = آخر درجة تدقيق، من ١ (منخفضة) إلى ١٠ (مرتفعة)
board-score = التدقيق { $score }/١٠
board-edit = تعديل
board-delete-note = حذف الملاحظة: { $title }
board-ask-customers-about = اسأل العملاء عن: { $title }
board-delete = حذف

## عمود مرحلة
board-stage-notes = {" "}ملاحظات
board-edit-stage-label = تعديل المرحلة { $name }
board-new-moment-in = لحظة جديدة في
board-add-moment-placeholder = أضف لحظة من لحظات الحقيقة…
board-add-description = أضف وصفًا
board-new-description = وصف اللحظة الجديدة
board-description-placeholder = ما يفعله العميل أو يراه
board-channel = القناة
board-add = إضافة

## مفتاح القنوات واللوحة
board-channels = القنوات
board-show-all = عرض الكل
board-empty = لا توجد لحظات بعد. اكتب على ملاحظةٍ كلَّ نقطة يلتقي فيها العميل بالنشاط التجاري، بترتيب حدوثها: ابدأ بأول تواصل.
board-add-stage-label = أضف مرحلة
board-stage-placeholder = مثلًا: التوصيل
board-add-stage = إضافة مرحلة
board-offline-reload = غير متصل: تُحفظ التغييرات عند إعادة تحميل الصفحة
board-invite = دعوة أشخاص
board-standards = المعايير
board-join-code = رمز الانضمام
board-note-deleted = حُذفت الملاحظة.
board-undo = تراجع
board-help-keyboard = لوحة المفاتيح: انتقل إلى مقبض الملاحظة ⠿، واضغط مفتاح المسافة لالتقاطها، ومفاتيح الأسهم لتحريكها، ومفتاح المسافة لإفلاتها، وEscape للإلغاء.
board-help-undo = يعيد Ctrl+Z آخر ملاحظة محذوفة.
board-skip-to-add = انتقل إلى «أضف لحظة»

## تعديل ملاحظة أو مرحلة
board-back = → العودة إلى اللوحة
board-edit-moment = تعديل اللحظة
board-moment-of-truth = لحظة الحقيقة
board-description = الوصف
board-description-hint = (ما يفعله العميل أو يراه)
board-save = حفظ
board-move-to-stage = النقل إلى المرحلة
board-note-position = الموضع (١ = الأول)
board-move = نقل
board-edit-stage = تعديل المرحلة
board-stage-heading = المرحلة:
board-name = الاسم
board-rename = إعادة التسمية
board-stage-position = الموضع (من ١ إلى { $count })
board-stage-remove-hint = يمكن إزالة المرحلة متى خلت من الملاحظات.
board-remove-stage = إزالة المرحلة

## الرفض
board-field-position = الموضع
board-position-at-least-one = أدخل موضعًا قيمته ١ أو أكثر
board-field-stage = المرحلة
board-choose-stage = اختر مرحلة
board-session-ended-join = انتهت جلستك. أعد تحميل الصفحة لتنضم مجددًا.
board-live-origin = لا يجوز لهذه الصفحة فتح اتصال مباشر هنا.
board-live-join-first = انضم إلى اللوحة أو سجّل الدخول أولًا.
board-live-unreadable = تعذّرت قراءة الرسالة: { $detail }
board-live-session-ended = انتهت جلستك. أعد تحميل الصفحة لتسجيل الدخول أو للانضمام مجددًا.
board-live-access-changed = تغيّرت صلاحيات دخولك أثناء الحفظ، لذلك لم يُحفظ شيء. يُرجى المحاولة مرة أخرى.
board-api-name-or-index = أدخل اسمًا جديدًا أو ترتيبًا جديدًا أو كليهما.
board-api-limit = يجب أن تكون القيمة بين ١ و{ $max }

## النصوص البرمجية للوحة
js-board-change-channel = تغيير القناة
js-board-timer-left = الوقت المتبقي: { $time }
js-board-time-up = انتهى الوقت!
js-board-time-up-phase = انتهى وقت هذه المرحلة.
js-board-note-restored = استُعيدت الملاحظة.
js-board-offline-kept = أنت غير متصل. هذا التغيير محفوظ على هذا الجهاز وسيُرسَل عند عودة الاتصال.
js-board-not-saved = لم يُحفظ ({ $status }).
js-board-not-available = غير متاح الآن
js-board-note-deleted = حُذفت الملاحظة.
js-board-undo = تراجع
js-board-priorities = الأولويات، واحدة تلو الأخرى
js-board-priority-of = الأولوية { $n } من { $count }
js-board-priority-previous = الأولوية السابقة
js-board-priority-next = الأولوية التالية
js-board-step-up = نقل الخطوة { $n } إلى الأعلى
js-board-step-down = نقل الخطوة { $n } إلى الأسفل
js-board-step-remove = إزالة الخطوة { $n }
js-board-add-step = + أضف خطوة
js-board-pending-label = { $title }، في انتظار الإرسال
js-board-waiting = في انتظار الإرسال
js-board-choose-channel = اختر قناة
js-board-access-ended = انتهى وصولك: أعد تحميل الصفحة لتسجيل الدخول أو للانضمام مجددًا.
js-board-live = مباشر
js-board-connecting = جارٍ الاتصال…
js-board-offline = غير متصل
js-board-reconnecting = غير متصل — جارٍ إعادة الاتصال
js-board-waiting-one = تغيير واحد في الانتظار
js-board-waiting-other = تغييرات في الانتظار: { $count }
js-board-dnd-position = الموضع { $index } من { $count } في { $stage }
js-board-dnd-picked-up = التُقطت. { $where }. استخدم مفاتيح الأسهم للتحريك، ومفتاح المسافة للإفلات، وEscape للإلغاء.
js-board-dnd-dropped = أُفلتت. { $where }.
js-board-dnd-cancelled = أُلغي النقل.

# The names a new journey's stages and a new business's channels start with
# (the team may rename them; they are then the team's own words).
board-stage-pre-engagement = قبل التواصل
board-stage-engagement = أثناء التواصل
board-stage-post-sale = بعد البيع
board-channel-f2f = وجهًا لوجه، فردي
board-channel-grp = وجهًا لوجه، جماعي
board-channel-tel = مكالمة هاتفية، فردية
board-channel-conf = مكالمة جماعية هاتفية
board-channel-vid = مؤتمر عبر الإنترنت، فردي
board-channel-vidg = مؤتمر عبر الإنترنت، جماعي
board-channel-post = البريد
board-channel-mail = البريد الإلكتروني
board-channel-dm = وسائل التواصل الاجتماعي، فردي
board-channel-soc = وسائل التواصل الاجتماعي، منشور عام
board-channel-web = الموقع الإلكتروني
board-channel-wbnr = ندوة عبر الإنترنت

## Why a live connection closed (a WebSocket close frame: at most 123 bytes)
live-close-ended = انتهت جلستك؛ سجّل الدخول أو انضم مجددًا
live-close-restart = يُعاد تشغيل الخادم؛ أعد الاتصال بعد قليل

## A note's other figures: the team's rating and its customers'
board-team-title = التقييم الذي اتفق عليه الفريق في آخر جلسة له
board-team = الفريق: { $rating }
board-customers-title = ما قاله العملاء في آخر { $days } يومًا، من −١٠٠ (الكل أسوأ) إلى +١٠٠ (الكل أفضل)، من { $n } إجابة
board-customers = العملاء { $score }
board-customers-few = العملاء: { $n ->
        [zero] لا إجابات
        [one] إجابة واحدة
        [two] إجابتان
        [few] { $n } إجابات
       *[other] { $n } إجابة
    }
js-board-here = حاضر
board-map = خريطة الرحلة
board-map-pdf = PDF بحجم A3
js-board-map-png-failed = تعذّر إنشاء PNG؛ نزّل SVG أو PDF بدلًا منه
board-map-svg = SVG
board-map-png = PNG
