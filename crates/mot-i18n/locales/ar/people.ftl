## أشخاص مساحة العمل، والدعوات، وحساب الشخص نفسه.

role-owner = مالك
role-facilitator = ميسّر
role-member = عضو
role-viewer = مشاهد
role-owner-hint = كل شيء، بما في ذلك الأشخاص والإعدادات
role-facilitator-hint = يدير الجلسات والتدقيقات واللوحات
role-member-hint = يشارك ويحرر الملاحظات
role-viewer-hint = يقرأ فقط

people-title = الأشخاص
people-heading = أشخاص { $workspace }
people-intro = يعمل أشخاص مكتبك على كل نشاط تجاري في مساحة العمل هذه بحسب أدوارهم؛ أما أشخاص العميل فلا يرون إلا نشاطهم التجاري. الضيوف الذين ينضمون إلى لوحة عبر رابطها لا يظهرون هنا.
people-you = (أنت)
people-role-of = دور { $name }
people-role = الدور
people-only-owner = المالك الوحيد: اجعل شخصًا آخر مالكًا أولًا لتغيير ذلك
people-role-change = غيّر الدور
people-remove = إزالة…
people-remove-hint = يُسجَّل خروجه فورًا ويفقد الوصول؛ تبقى الملاحظات والتقييمات والإجراءات التي كتبها.
people-remove-confirm = أزل { $name } الآن
people-invite-heading = ادعُ شخصًا
people-invite-intro = يصله رابط يعمل مرة واحدة لمدة سبعة أيام ليحدد اسمه وكلمة مروره (أو لينضم بحسابه الموجود).
people-invite-submit = ادعُ
people-invited = الدعوة إلى { $email } جاهزة.
people-invite-link = رابطه (انسخه لترسله بنفسك)
people-invite-mailed = وأُرسل إليه أيضًا بالبريد الإلكتروني.
people-invite-not-mailed = لا ترسل هذه النسخة بريدًا إلكترونيًا: أرسل الرابط بنفسك. لا يظهر إلا الآن.
people-invites-open = الدعوات المفتوحة
people-no-invites = لا توجد دعوات مفتوحة.
people-invite-until = حتى { $date }
people-invite-cancel = اسحب
people-invite-cancel-label = اسحب دعوة { $email }

people-join-title = انضم
people-join-heading = انضم إلى { $workspace }
people-join-intro = هذه الدعوة لـ { $email }، بدور { $role }.
people-join-existing = لديك حساب بهذا العنوان: أدخل كلمة مروره لتنضم.
people-join-submit = انضم

people-account-title = حسابك
people-account-heading = حسابك
people-account-save = احفظ الاسم
people-account-saved = حُفظ اسمك.
people-account-language = لغتك تتبعك إلى كل جهاز: اخترها من { $switch } في الأعلى.
people-account-only = صفحة الحساب لأصحاب الحسابات فقط.
people-password-heading = غيّر كلمة مرورك
people-password-current = كلمة المرور الحالية
people-password-new = كلمة المرور الجديدة
people-password-hint = يُسجَّل خروج أجهزتك الأخرى؛ ويبقى هذا الجهاز مسجلًا.
people-password-submit = غيّر كلمة المرور
people-password-changed = تغيّرت كلمة مرورك، وسُجّل خروج أجهزتك الأخرى.
people-password-wrong = كلمة المرور الحالية غير صحيحة.
people-tokens-heading = رموز الواجهة البرمجية
people-tokens-intro = يتيح الرمز لبرنامج نصي استخدام واجهة JSON باسمك، في مساحة العمل هذه، بدورك. يظهر مرة واحدة عند إنشائه.
people-no-tokens = لا رموز بعد.
people-token-label = الغرض من الرمز
people-token-label-placeholder = مثلًا: تصدير أسبوعي
people-token-create = أنشئ رمزًا
people-token-created = أُنشئ الرمز.
people-token-made = رمزك الجديد (انسخه الآن: لن يظهر مرة أخرى)
people-token-made-on = أُنشئ في { $date }
people-token-revoke = ألغِ
people-token-revoke-label = ألغِ الرمز { $label }

people-invite-mail-subject = { $name } يدعوك إلى { $workspace } في لحظات الحقيقة
people-invite-mail-body =
    يدعوك { $name } للانضمام إلى { $workspace } في لحظات الحقيقة، بدور { $role }.
    افتح هذا الرابط لتحدد اسمك وكلمة مرورك (يعمل مرة واحدة لمدة سبعة أيام):
    { $link }
    إن لم تكن تتوقع هذه الرسالة فتجاهلها.

people-reset-title = كلمة مرور جديدة
people-reset-heading = نسيت كلمة المرور؟
people-reset-intro = اكتب عنوان البريد الإلكتروني لحسابك: يُرسل إليه رابط لاختيار كلمة مرور جديدة، يعمل مرة واحدة لمدة ساعة.
people-reset-submit = أرسل الرابط
people-reset-sent = إن كان لحساب هذا العنوان فالرابط في طريقه إليه. افحص بريدك الوارد (ومجلد الرسائل غير المرغوب فيها).
people-reset-no-mail = لا ترسل هذه النسخة بريدًا إلكترونيًا. اطلب من أحد مالكي مساحة عملك أن يضع لك كلمة مرور جديدة (على الخادم: mot user reset-password).
people-reset-back = العودة إلى تسجيل الدخول
people-reset-new-heading = اختر كلمة مرور جديدة
people-reset-hint = يُسجَّل خروج كل جهاز مسجَّل بهذا الحساب؛ ويُسجَّل هذا الجهاز بكلمة المرور الجديدة.
people-reset-save = احفظ كلمة المرور الجديدة
people-reset-mail-subject = كلمة مرورك الجديدة في لحظات الحقيقة
people-reset-mail-body =
    مرحبًا { $name }،
    طلب أحدهم (نرجو أن تكون أنت) كلمة مرور جديدة لحسابك. افتح هذا الرابط لتختار واحدة (يعمل مرة واحدة لمدة ساعة):
    { $link }
    إن لم تكن أنت فتجاهل هذه الرسالة: تبقى كلمة مرورك كما هي.
people-email-heading = غيّر عنوان بريدك الإلكتروني
people-email-submit = غيّر عنوان البريد
people-email-changed = تغيّر عنوان بريدك الإلكتروني: سجّل الدخول به من الآن.
people-sso-heading = تسجيل الدخول الموحّد
people-sso-label = من يسجّل الدخول عبر { $provider } وليس له حساب هنا
people-sso-refused = يُرفض (يدعوه أحد المالكين)
people-sso-join-as = ينضم بدور { $role }
people-sso-save = احفظ
people-sso-hint = من له حساب بعنوان بريده الإلكتروني يدخل إليه دائمًا. إن سمحت عدة مساحات عمل بالانضمام فإنه ينضم إلى أقدمها.
people-invite-mail-failed = تعذّر إرسال البريد إليه: أرسل الرابط بنفسك. لا يظهر إلا الآن.

role-client-owner = مالك لدى العميل
role-client-member = عضو لدى العميل
role-client-viewer = مشاهد لدى العميل
role-reports = التقارير فقط
role-client-owner-hint = يدير جلسات نشاطه التجاري وتدقيقاته وآراء عملائه
role-client-member-hint = يشارك في لوحات نشاطه التجاري
role-client-viewer-hint = يقرأ لوحات نشاطه التجاري ونتائجه
role-reports-hint = يتلقى تقارير نشاطه التجاري ويقرؤها، ولا شيء غير ذلك
people-for = لمن
people-for-practice = مكتبك (كل العملاء)
people-roles-practice = أشخاص مكتبك
people-roles-client = أشخاص أحد العملاء
people-practice-heading = مكتبك
# $business is a client business's name.
people-client-heading = أشخاص { $business }
people-client-note = لا يرون إلا { $business }.
