## A feedback point's own question, closing its link, and a customer's consent to be contacted

feedback-question-title = السؤال
feedback-question-label = صياغتك الخاصة (اتركها فارغة للسؤال المعتاد)
feedback-question-hint = سطر واحد. يراه العملاء فوق الإجابات الثلاث، ويُطبع على البطاقات والملصق.
feedback-save-question = احفظ السؤال
feedback-qr-download-png = نزّل رمز QR ‏(PNG)
feedback-close-title = التوقف عن السؤال
feedback-close-text = إغلاق هذا الرابط يوقف استقبال الإجابات: من يمسحه يُشكر ويُبلَّغ بأنه لم يعد مستخدمًا. تبقى الإجابات السابقة في الأرقام. يمكنك فتحه مرة أخرى.
feedback-close = أغلق هذا الرابط
feedback-closed-title = هذا الرابط مغلق
feedback-closed-text = لا يستقبل إجابات الآن. من يفتحه يُشكر ويُبلَّغ بأنه لم يعد مستخدمًا.
feedback-reopen = افتحه مرة أخرى
feedback-bad-open = اختر إغلاق الرابط أو فتحه مرة أخرى.
feedback-contact-summary = هل يمكننا التواصل معك؟ (اختياري)
feedback-contact-consent = نعم، يمكن لـ { $business } التواصل معي بشأن هذه الإجابة.
feedback-contact-email = بريدك الإلكتروني
feedback-contact = للتواصل: { $email }
rule-feedback-contact-email = اكتب البريد الإلكتروني الذي يمكننا التواصل معك عليه، أو أزل علامة الاختيار.

## The same moment across branches, beside its standard

feedback-standard = المعيار:
feedback-branches-differ = تختلف الفروع بما يتجاوز الصدفة: درجات من { $low } إلى { $high } في { $n } فروع لديها إجابات كافية.
feedback-branches-alike = الفروع متشابهة في حدود الصدفة: درجات من { $low } إلى { $high } في { $n } فروع لديها إجابات كافية.

## Journey surveys: one link about several moments

feedback-survey-heading = بضعة أسئلة سريعة من { $business }
feedback-survey-intro = أجب عما تستطيع وتخطَّ الباقي. يستغرق ذلك دقيقة.
feedback-survey-add-comment = أضف تعليقًا
feedback-survey-new = اسأل عن عدة لحظات معًا
feedback-survey-new-text = رابط واحد يسأل عن { $max } لحظة كحد أقصى، مثلًا في رسالة بريد بعد التوصيل عن الطلب ويوم التوصيل والتركيب. كل إجابة تُحتسب للحظتها.
feedback-survey-title = الاسم (يراه العملاء عنوانًا)
feedback-survey-title-example = بعد التوصيل
feedback-survey-moments = اللحظات التي يسأل عنها
feedback-survey-make = أنشئ رابط الاستبيان
feedback-surveys = الاستبيانات
feedback-survey-asks = { $n ->
    [zero] لا يسأل عن أي لحظة
    [one] يسأل عن لحظة واحدة
    [two] يسأل عن لحظتين
    [few] يسأل عن { $n } لحظات
    [many] يسأل عن { $n } لحظة
   *[other] يسأل عن { $n } لحظة
}
feedback-survey-closed = مغلق
feedback-survey-hand-out-text = ضع هذا الرابط في رسالة بريد أو على إيصال. يقيّم العملاء كل لحظة بـ أسوأ أو كما هو متوقع أو أفضل، ويمكنهم تخطي أي منها.
feedback-survey-counts = تُحتسب كل إجابة في أرقام لحظتها في { $figures }.
rule-feedback-survey-moments = اختر بين 1 و{ $max } لحظة.
rule-feedback-survey-empty = أجب عن سؤال واحد على الأقل.
thing-survey = استبيان
thing-survey-link = رابط الاستبيان

## A note whose magic fades into expectation

board-worse = أسوأ من المعتاد
board-worse-title = قال عملاء أكثر «أسوأ» هنا مؤخرًا مما يفسره ماضي هذه اللحظة.
board-fading = السحر يتلاشى
board-fading-title = يقول العملاء «أفضل» هنا بشكل أقل فأقل: ما أسعدهم يصبح ما يتوقعونه.
