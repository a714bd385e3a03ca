"""The crisis phrase rules in the community languages (issue 12): bot.components.crisis_patterns_i18n.

Real rules on real sentences, through ``crisis_patterns.detect`` (what the safety net calls). Each
language has messages that must be caught as the right crisis kind, typed with and without
diacritics, and everyday messages using the same verbs that must not be. The sentences were written
for these tests, not copied from the training data.
"""

from __future__ import annotations

import pytest

from bot.components.crisis_patterns import detect
from bot.components.crisis_patterns_i18n import CANNOT_SPEAK as CANNOT
from bot.components.crisis_patterns_i18n import CHILD, DANGER, LANGUAGES, SUICIDE, fold, normalise

POSITIVES: dict[str, list[tuple[str, str]]] = {
    "pl": [
        ("Zabije mnie jak wróci, proszę pomóżcie", DANGER),
        ("zabije mnie jak wroci prosze pomozcie", DANGER),
        ("on ma nóż w ręku i krzyczy", DANGER),
        ("RATUNKU", DANGER),
        ("krzyczy, że cię zabije", DANGER),
        ("zamknęłam się w sypialni a on kopie w drzwi", DANGER),
        ("dusił mnie przed chwilą, dalej jest w mieszkaniu", DANGER),
        ("nie mogę rozmawiać, on mnie usłyszy", CANNOT),
        ("nie moge dzwonic bo on jest tutaj obok", CANNOT),
        ("nie chcę już żyć", SUICIDE),
        ("chce sie zabic", SUICIDE),
        ("połknąłem całe opakowanie tabletek", SUICIDE),
        ("mam 14 lat i ojczym mnie bije", CHILD),
        ("sąsiad krzywdzi swoje dziecko, słychać krzyki", CHILD),
        ("on mnie bije, proszę pomóżcie mi", DANGER),
        ("nie chcę dłużej żyć", SUICIDE),
        ("ojczym dotyka mnie w nocy", CHILD),
        ("szuka go dwóch z nożami pod blokiem", DANGER),
        ("jak wezwać policję bez mówienia, on siedzi w kuchni", CANNOT),
        ("nie mogę nawet szeptać, on śpi obok", CANNOT),
        ("boję się, że dziś naprawdę coś mi zrobi", DANGER),
        ("zamknął mnie w piwnicy", DANGER),
        ("jutro mnie już nie będzie", SUICIDE),
        ("ojciec znowu leje małego kablem", CHILD),
        ("córka nie wróciła od wczoraj, widziano ją ze starszymi facetami", CHILD),
        ("pali się mieszkanie, nie mogę zejść po schodach", DANGER),
    ],
    "ro": [
        ("O să mă omoare când vine acasă", DANGER),
        ("o sa ma omoare cand vine acasa", DANGER),
        ("are un cuțit și urlă la mine", DANGER),
        ("îl caută niște tipi cu cuțite", DANGER),
        ("ajutor!!!", DANGER),
        ("urlă că o să te omor", DANGER),
        ("m-am ascuns în dormitor, vrea să intre cu forța", DANGER),
        ("nu pot vorbi, mă aude", CANNOT),
        ("vreau sa mor", SUICIDE),
        ("mă gândesc la sinucidere", SUICIDE),
        ("am înghițit toate pastilele din cutie", SUICIDE),
        ("am 12 ani si tatal meu ma bate", CHILD),
        ("copilul vecinilor e bătut în fiecare seară", CHILD),
        ("vecinii își bat copilul în fiecare zi", CHILD),
        ("m-a strâns de gât și e încă aici", DANGER),
        ("un tip mă urmărește de la magazin", DANGER),
        ("a luat foc bucătăria și copiii sunt sus", DANGER),
        ("cum sun la 112 fără să vorbesc?", CANNOT),
        ("m-a încuiat în baie", DANGER),
        ("m-am tăiat pe brațe aseară", SUICIDE),
        ("am înghițit aproape o cutie întreagă de pastile", SUICIDE),
        ("iubitul mamei vine noaptea în camera mea", CHILD),
    ],
    "pt": [
        ("Ele vai me matar hoje", DANGER),
        ("desculpem por tudo, adeus", SUICIDE),
        ("a cozinha está a arder e não consigo sair", DANGER),
        ("ele disse que vai matar-me", DANGER),
        ("ele tem uma faca e está aos gritos", DANGER),
        ("socorro", DANGER),
        ("ele grita que vai te matar", DANGER),
        ("ele está a arrombar a porta", DANGER),
        ("não posso falar, ele vai ouvir", CANNOT),
        ("nao consigo ligar ele ta no quarto ao lado", CANNOT),
        ("quero me matar", SUICIDE),
        ("penso em suicídio todos os dias", SUICIDE),
        ("tomei uma caixa inteira de comprimidos", SUICIDE),
        ("engoli um frasco inteiro de remédio", SUICIDE),
        ("tenho 13 anos e o meu padrasto bate-me", CHILD),
        ("a criança do vizinho está sempre com nódoas negras", CHILD),
        ("ele me ameaçou de morte", DANGER),
        ("o vizinho bate no filho todos os dias", CHILD),
        ("como peço ajuda sem falar? ele está ao lado", CANNOT),
        ("estou caladinha na casa de banho, ele está do lado de fora", CANNOT),
        ("trancaram-me no quarto", DANGER),
        ("amanhã já não vou estar cá", SUICIDE),
        ("o pai está a espancar o miúdo outra vez", CHILD),
        ("o namorado da minha mãe entra no meu quarto à noite", CHILD),
    ],
    "ur": [
        ("وہ مجھے جان سے مار دے گا", DANGER),
        ("اس کے ہاتھ میں چھری ہے", DANGER),
        ("بچاؤ", DANGER),
        ("کہتا ہے تمہیں مار دوں گا", DANGER),
        ("وہ دروازہ توڑ رہا ہے", DANGER),
        ("میں بات نہیں کر سکتی وہ ساتھ والے کمرے میں ہے", CANNOT),
        ("میں خودکشی کے بارے میں سوچ رہی ہوں", SUICIDE),
        ("اب مرنا چاہتی ہوں", SUICIDE),
        ("میں ۱۳ سال کی ہوں اور چچا مجھے مارتے ہیں", CHILD),
        ("ساتھ والے گھر میں بچے کو روز مارا جاتا ہے", CHILD),
        # Arabic-keyboard letters (ي, ك, ه) fold onto the Urdu ones.
        ("وه مجهے مار دے گا", DANGER),
        ("بغیر بولے مدد کیسے مانگوں", CANNOT),
        ("کہتا ہے اگر کسی کو بتایا تو سب کو مار دے گا", DANGER),
        ("بلیڈ سے کلائی پر کٹ لگا لیا", SUICIDE),
        ("بیٹی رات بھر گھر نہیں آئی، بڑے لڑکوں کے ساتھ تھی", CHILD),
    ],
    "ur-latn": [
        ("woh mujhe maar dalega", DANGER),
        ("mera shohar kehta hai mujhe jaan se maar dega", DANGER),
        ("uske haath mein chaku hai", DANGER),
        ("bachao", DANGER),
        ("bol nahi sakti woh sun lega", CANNOT),
        ("main marna chahti hoon", SUICIDE),
        ("khudkushi ka soch raha hoon", SUICIDE),
        ("main 14 saal ki hoon aur abbu mujhe maarte hain", CHILD),
        ("mujhe mar jana hai", SUICIDE),
        ("usne chaku nikal liya hai", DANGER),
        ("mera step dad mujhe touch karta hai main 13 ki hoon", CHILD),
        ("bina bole police kaise bulaun", CANNOT),
        ("kehta hai agar police ko bulaya to sab ko maar dega", DANGER),
        ("meri behen 13 saal ki hai, ek bada aadmi usay paise deta hai", CHILD),
        ("ammi ka dost raat ko mere kamre mein aata hai", CHILD),
        ("oh mainu maar reha hai, koi aao", DANGER),
        ("agar call kiya to woh maarega, sirf likh sakti hoon", CANNOT),
        ("ghar mein aag lag gayi hai, dadi upar hain", DANGER),
        ("dua hai kal subah aankh hi na khule", SUICIDE),
        # Eighth validation batch's families (4 Dec 2026), in other words.
        ("fone par baat ki to usay pta lag jayega", CANNOT),
        ("police ko batane ka koi dusra tarika hai kya", CANNOT),
        ("phone silent hai na? sound band rakhna, wo kamre mein hai", CANNOT),
        ("usne chhuri utha li aur darwaze ki taraf aa raha hai", DANGER),
        ("ab ji nahi sakta yaar", SUICIDE),
        ("patri ke paas khara hun, agli train ka wait", SUICIDE),
        ("bridge par hun, neeche kood jaun?", SUICIDE),
        ("meri beti ko wo log drugs le ja rahe hain Cheltenham", CHILD),
    ],
    "pa": [
        ("ਉਹ ਮੈਨੂੰ ਜਾਨੋਂ ਮਾਰ ਦੇਵੇਗਾ", DANGER),
        ("ਉਹਦੇ ਹੱਥ ਵਿੱਚ ਚਾਕੂ ਹੈ", DANGER),
        ("ਬਚਾਓ", DANGER),
        ("ਮੈਂ ਬੋਲ ਨਹੀਂ ਸਕਦੀ, ਉਹ ਸੁਣ ਲਵੇਗਾ", CANNOT),
        ("ਮੈਂ ਮਰਨਾ ਚਾਹੁੰਦੀ ਹਾਂ", SUICIDE),
        ("ਮੈਂ ਆਪਣੀ ਜਾਨ ਦੇਣਾ ਚਾਹੁੰਦੀ ਹਾਂ", SUICIDE),
        # Typed without the addak and nukta.
        ("ਖੁਦਕੁਸ਼ੀ ਕਰਨ ਬਾਰੇ ਸੋਚਦਾ ਹਾਂ", SUICIDE),
        ("ਮੈਂ 12 ਸਾਲ ਦੀ ਹਾਂ ਤੇ ਮਤਰੇਆ ਪਿਓ ਮੈਨੂੰ ਕੁੱਟਦਾ ਹੈ", CHILD),
        ("ਬਿਨਾਂ ਬੋਲੇ ਮਦਦ ਕਿਵੇਂ ਮੰਗਾਂ", CANNOT),
        ("ਕਹਿੰਦਾ ਜੇ ਕਿਸੇ ਨੂੰ ਦੱਸਿਆ ਤਾਂ ਸਾਰਿਆਂ ਨੂੰ ਮਾਰ ਦਊਂ", DANGER),
        ("ਮੈਨੂੰ ਕਮਰੇ ਵਿੱਚ ਡੱਕ ਦਿੱਤਾ", DANGER),
        ("ਗੁੱਟ ਤੇ ਬਲੇਡ ਮਾਰ ਲਿਆ", SUICIDE),
        ("ਮੰਮੀ ਦਾ ਦੋਸਤ ਰਾਤ ਨੂੰ ਆਉਂਦਾ", CHILD),
        ("ਘਰ ਵਿੱਚ ਅੱਗ ਲੱਗ ਗਈ, ਬੱਚੇ ਅੰਦਰ ਨੇ", DANGER),
    ],
    "gu": [
        ("એ મને મારી નાખશે", DANGER),
        ("એના હાથમાં છરી છે", DANGER),
        ("બચાવો", DANGER),
        ("હું બોલી શકતી નથી, એ સાંભળી જશે", CANNOT),
        ("મારે આત્મહત્યા કરવી છે", SUICIDE),
        ("હું મરી જવા માંગું છું", SUICIDE),
        ("મદદ કરો એ મને મારે છે", DANGER),
        ("હું ૧૩ વર્ષની છું અને કાકા મને મારે છે", CHILD),
        ("બોલ્યા વગર મદદ કેવી રીતે માંગું", CANNOT),
        ("કહે છે કોઈને કહીશ તો બધાને મારી નાખીશ", DANGER),
        ("હાથ પર બ્લેડ મારી દીધી", SUICIDE),
        ("મમ્મીનો મિત્ર રાત્રે આવે છે", CHILD),
        ("રસોડામાં આગ લાગી છે, દાદી ઉપર છે", DANGER),
        ("હું ન હોઉં તો બધા સુખી થાય", SUICIDE),
    ],
    "gu-latn": [
        ("mane aapghat na vichar aave che", SUICIDE),
        ("e chharo lai ne ubho che", DANGER),
        ("maru maathu bhint sathe pachhadyu", DANGER),
        ("notification bandh rakhjo, e bajuna room ma che", CANNOT),
        ("hu na hou to badha khush rahe", SUICIDE),
    ],
}

NEGATIVES: dict[str, list[str]] = {
    "pl": [
        "kupiłam nowy zestaw noży",
        "szef mnie zabije jak się spóźnię",
        "ten upał mnie zabija",
        "kupiłam nowy nóż do chleba",
        "potrzebuję pomocy z pracą domową",
        "pomocy z formularzem nie rozumiem",
        "nie mogę mówić po angielsku",
        "nie chce mi się iść do pracy",
        "mój syn ma jutro urodziny",
        "jak rozpoznać że dziecko jest krzywdzone",
        "co to są county lines, słyszałam że dzieci wożą narkotyki",
    ],
    "ro": [
        "am cumpărat un set de cuțite de bucătărie",
        "mă omoară căldura azi",
        "seful ma omoara daca intarzii",
        "taie painea cu cutitul",
        "am nevoie de ajutor cu temele",
        "cineva bate la ușă",
        "sotul meu ma bate",
        "copiii mei merg la scoala de luni",
        "ma auzi?",
    ],
    "pt": [
        "comprei facas novas para a cozinha",
        "este calor mata-me",
        "o meu chefe vai me matar se eu chegar atrasado",
        "corta o pão com uma faca",
        "fiz um curso de primeiros socorros",
        "alguém está a bater na porta",
        "vou morrer de fome se não almoçar",
        "o meu filho vai apanhar o autocarro",
        "não posso falar agora, estou no trabalho",
        "como saber se uma criança sofre abusos",
        "adeus, até amanhã",
        "a casa da minha avó é no campo",
    ],
    "ur": [
        "میرا بیٹا بیمار ہے",
        "ہمارا گھر گلوسٹر میں ہے",
        "سبزی کاٹنے کے لیے چاقو چاہیے",
        "مچھر مار دو",
        "وہ گانا سن رہا ہے",
        "میرا شوہر مجھے مارتا ہے",
        "باس مجھے مار ڈالے گا اگر میں پھر لیٹ ہوا",
    ],
    "ur-latn": [
        "machar maar do",
        "mera shohar mujhe marta hai",
        "mera beta school gaya hai",
        "aaj bohat kaam hai, subah jaldi uthna hai",
        "menu dekh ke order kar do",
        "mujhe khushi hai",
        "my stepdad took me to the market",
        "sotela bhai market gaya",
        "boss mujhe maar dalega agar aaj bhi late hua",
        "station pe train ka intezar kar raha hun, aaj phir late hai",
        "chhat pe kapray sukha rahi hun",
        "chat pe hun, neeche scroll karo",
        "mera beta lunch ka packet le ja raha hai",
        "school ne county lines ke bare mein letter bheja tha",
        "sabzi ke liye chhuri le lo",
        "phone pe baat karte hain shaam ko",
    ],
    "pa": [
        "ਮੇਰਾ ਪੁੱਤ ਬਿਮਾਰ ਹੈ",
        "ਮੱਛਰ ਮਾਰ ਦਿਓ",
        "ਮੇਰਾ ਪਤੀ ਮੈਨੂੰ ਕੁੱਟਦਾ ਹੈ",
        "ਬੌਸ ਨੇ ਮੈਨੂੰ ਮਾਰ ਦੇਣਾ ਜੇ ਮੈਂ ਫੇਰ ਲੇਟ ਹੋਇਆ",
    ],
    "gu": [
        "મારા દીકરાનો જન્મદિવસ છે",
        "મચ્છર મારી નાખો",
        "મારે ઘરે જવું છે",
        "મારા પતિ મને મારે છે",
        "બોસ મને મારી નાખશે જો હું મોડો પડીશ",
    ],
    "gu-latn": [
        "hu kale ghare aavish",
        "badha ne namaste",
        "shaak mate chappu joie che",
        "maru mathu dukhe che",
        "room ma TV ni sound vadhare che",
    ],
}


def test_every_language_of_issue_12_has_rules() -> None:
    assert set(LANGUAGES) == {"pl", "ro", "pt", "ur", "ur-latn", "pa", "gu", "gu-latn"}
    assert set(POSITIVES) == set(NEGATIVES) == set(LANGUAGES)


@pytest.mark.parametrize(("text", "kind"), [pair for pairs in POSITIVES.values() for pair in pairs])
def test_crisis_wording_is_caught_as_the_right_kind(text: str, kind: str) -> None:
    match = detect(text)
    assert match is not None, text
    assert match.intent == kind, (text, match)


@pytest.mark.parametrize("text", [text for texts in NEGATIVES.values() for text in texts])
def test_everyday_wording_is_not_a_crisis(text: str) -> None:
    assert detect(text) is None, (text, detect(text))


def test_folding_drops_accents_but_keeps_indic_vowel_signs() -> None:
    assert normalise("Mă omoară!!!") == "ma omoara"
    assert normalise("ZABIJĘ, Łukasz") == "zabije lukasz"
    assert fold("ਖ਼ਤਰੇ") == fold("ਖਤਰੇ")
    assert fold("ਕੁੱਟ") == fold("ਕੁਟ")
    assert fold("મારી નાખશે") == "મારી નાખશે"  # Gujarati vowel signs survive
    assert normalise("میری عمر ۱۲ سال") == "میری عمر 12 سال"


def test_english_is_still_judged_by_the_english_rules() -> None:
    # An English message a community-language rule also matches keeps its English answer.
    assert detect("he's going to kill me").intent == DANGER
    assert detect("my teacher will kill me if i'm late") is None
    assert detect("we killed it at the pub quiz") is None
