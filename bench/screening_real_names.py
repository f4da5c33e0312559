# ruff: noqa: RUF001 -- names in Arabic script on purpose
"""Real people's names in their own script against the Latin spelling a list gives them.

``python bench/screening_real_names.py`` scores each pair below both ways (the name in
Arabic script as a traveller's against the listed Latin spelling, and the other way
round), without a birth date and without a list around it. Without a list, no
common-name adjustment applies, and the whole undated offset is taken off. It prints
how many pairs reach the fitted threshold, then every pair that does not, with its part
pairs.

**What this data is.** 177 pairs, written by the project's engineers in session 29 (6
December 2026). They are people on the UN, US and EU sanctions lists and other public
figures of the region. Each name is in Arabic, Persian or Pashto script as it is commonly
written, against the Latin spelling of the lists or the press. Decision 241 was made by
reading these pairs' misses. So the figure is on the data the change was made for, not a
report figure: the issue's outside check is the one that counts. A pair may hold a
spelling that a list does not use; the Latin spellings are one of several each.

``--set 33a`` and ``--set 33b`` score the two sets of ``real_names_33.py`` (session 33)
instead, with the count for each region: ``33a`` is the data decisions 256-258 were made
on; ``33b`` is held out, so its misses are not printed (``--show`` prints them, and a
session that reads them says so: the set is then no longer held out). ``--set 34c``
scores ``real_names_34.py`` (session 34), and ``--set 40d`` ``real_names_40.py``
(session 40, 240 people none of the other sets holds), held out the same way.

``--in-list N`` screens them as the issue's outside check does instead: the Latin
spellings are listed among the ``N`` entries of the *report* world of
``bench/screening.py`` (its seed is ``--seed``; Wikidata names of the report half and the
report half's OFAC individuals), each with a birth date drawn at random, and each name in
its own script is screened as a traveller against the whole list, once with the listed
birth date and once without. Then the common-name adjustment and the list's chance
namesakes apply as they do at a counter, and retrieval must bring the entry up among
``N`` others. It prints how many travellers the list alerts on their own entry, per region,
and (for the sets whose misses may be read) each miss with its score and the best other
hit.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from passage.core.screening import make_subject, score_subjects
from passage.core.screening.calibration import FITTED_THRESHOLD

sys.path.insert(0, str(Path(__file__).resolve().parent))
from real_names_33 import SET_A, SET_B
from real_names_34 import SET_C
from real_names_40 import SET_D

# Sets whose misses are not printed unless asked (--show): their figures are report figures.
HELD_OUT = ("33b", "34c", "40d")

PAIRS: list[tuple[str, str]] = [
    ("عبد الغني برادر", "Abdul Ghani BARADAR"),
    ("أسامة بن لادن", "Usama BIN LADIN"),
    ("أيمن الظواهري", "Ayman AL-ZAWAHIRI"),
    ("أبو بكر البغدادي", "Abu Bakr AL-BAGHDADI"),
    ("سراج الدين حقاني", "Sirajuddin HAQQANI"),
    ("جلال الدين حقاني", "Jalaluddin HAQQANI"),
    ("محمد عمر", "Mohammed OMAR"),
    ("حافظ محمد سعيد", "Hafiz Muhammad SAEED"),
    ("مسعود أظهر", "Masood AZHAR"),
    ("ذكي الرحمن لكهوي", "Zaki-ur-Rehman LAKHVI"),
    ("أنور العولقي", "Anwar AL-AULAQI"),
    ("ناصر الوحيشي", "Nasir AL-WUHAYSHI"),
    ("قاسم الريمي", "Qasim AL-RAYMI"),
    ("عبد الله عزام", "Abdullah AZZAM"),
    ("خالد شيخ محمد", "Khalid Shaikh MOHAMMED"),
    ("رمزي بن الشيبة", "Ramzi BIN AL-SHIBH"),
    ("عبد الرحمن ياسين", "Abdul Rahman YASIN"),
    ("حمزة بن لادن", "Hamza BIN LADEN"),
    ("سيف العدل", "Sayf AL-ADL"),
    ("أبو محمد الجولاني", "Abu Muhammad AL-JAWLANI"),
    ("عبد المجيد الزنداني", "Abd-al-Majid AL-ZINDANI"),
    ("حسن نصر الله", "Hassan NASRALLAH"),
    ("عماد مغنية", "Imad MUGHNIYAH"),
    ("قاسم سليماني", "Qasem SOLEIMANI"),
    ("بشار الأسد", "Bashar AL-ASSAD"),
    ("ماهر الأسد", "Maher AL-ASSAD"),
    ("رامي مخلوف", "Rami MAKHLOUF"),
    ("معمر القذافي", "Muammar QADHAFI"),
    ("سيف الإسلام القذافي", "Saif al-Islam QADHAFI"),
    ("عائشة القذافي", "Aisha QADHAFI"),
    ("عزة إبراهيم الدوري", "Izzat Ibrahim AL-DURI"),
    ("علي حسن المجيد", "Ali Hassan AL-MAJID"),
    ("طارق عزيز", "Tariq AZIZ"),
    ("عدي صدام حسين", "Uday Saddam HUSSEIN"),
    ("قصي صدام حسين", "Qusay Saddam HUSSEIN"),
    ("عبد الحكيم بلحاج", "Abdelhakim BELHADJ"),
    ("مختار بلمختار", "Mokhtar BELMOKHTAR"),
    ("عبد المالك دروكدال", "Abdelmalek DROUKDEL"),
    ("إياد أغ غالي", "Iyad AG GHALI"),
    ("عمر حسن أحمد البشير", "Omar Hassan Ahmed AL-BASHIR"),
    ("علي كوشيب", "Ali KUSHAYB"),
    ("أحمد هارون", "Ahmad HARUN"),
    ("عبد الرحيم محمد حسين", "Abdel Raheem Muhammad HUSSEIN"),
    ("محمد حمدان دقلو", "Mohamed Hamdan DAGALO"),
    ("عبد الرحيم حمدان دقلو", "Abdelrahim Hamdan DAGALO"),
    ("گلبدین حکمتیار", "Gulbuddin HEKMATYAR"),
    ("محمد حسن آخوند", "Mohammad Hasan AKHUND"),
    ("امیر خان متقی", "Amir Khan MUTTAQI"),
    ("خلیل الرحمن حقانی", "Khalil Ur Rahman HAQQANI"),
    ("هبة الله آخوندزاده", "Haibatullah AKHUNDZADA"),
    ("محمد یعقوب", "Mohammad YAQOOB"),
    ("عبدالسلام ضعیف", "Abdul Salam ZAEEF"),
    ("عبدالرشید دوستم", "Abdul Rashid DOSTUM"),
    ("محمود احمدی\u200cنژاد", "Mahmoud AHMADINEJAD"),
    ("علی خامنه\u200cای", "Ali KHAMENEI"),
    ("ابراهیم رئیسی", "Ebrahim RAISI"),
    ("محسن رضایی", "Mohsen REZAEI"),
    ("علی اکبر ولایتی", "Ali Akbar VELAYATI"),
    ("حسین دهقان", "Hossein DEHGHAN"),
    ("یحیی رحیم صفوی", "Yahya Rahim SAFAVI"),
    ("اسماعیل قاآنی", "Esmail QAANI"),
    ("محمد باقر قالیباف", "Mohammad Bagher GHALIBAF"),
    ("عبد الملك الحوثي", "Abdulmalik AL-HOUTHI"),
    ("عبد الخالق الحوثي", "Abd al-Khaliq AL-HUTHI"),
    ("يحيى السنوار", "Yahya SINWAR"),
    ("إسماعيل هنية", "Ismail HANIYEH"),
    ("خالد مشعل", "Khaled MESHAAL"),
    ("محمد الضيف", "Mohammed DEIF"),
    ("صالح العاروري", "Saleh AL-AROURI"),
    ("موسى أبو مرزوق", "Mousa ABU MARZOUK"),
    ("عبد الله السنوسي", "Abdullah AL-SENUSSI"),
    ("خليفة حفتر", "Khalifa HAFTAR"),
    ("أبو مصعب الزرقاوي", "Abu Musab AL-ZARQAWI"),
    ("عبد الرحمن مصطفى القادولي", "Abd al-Rahman Mustafa AL-QADULI"),
    ("أبو محمد العدناني", "Abu Muhammad AL-ADNANI"),
    ("طارق الفضلي", "Tariq AL-FADHLI"),
    ("أبو عبيدة يوسف العنابي", "Abu Ubaydah Yusuf AL-ANABI"),
    ("عمر عبد الرحمن", "Omar Abdel RAHMAN"),
    ("محمد الظواهري", "Muhammad AL-ZAWAHIRI"),
    ("عبد العزيز الرنتيسي", "Abdel Aziz AL-RANTISI"),
    ("أحمد ياسين", "Ahmed YASSIN"),
    ("فتحي الشقاقي", "Fathi SHAQAQI"),
    ("رمضان عبد الله شلح", "Ramadan Abdullah SHALLAH"),
    ("زياد النخالة", "Ziyad AL-NAKHALAH"),
    ("محمد بديع", "Mohammed BADIE"),
    ("خيرت الشاطر", "Khairat AL-SHATER"),
    ("حجاج العجمي", "Hajjaj AL-AJMI"),
    ("شافي العجمي", "Shafi AL-AJMI"),
    ("عبد الرحمن بن عمير النعيمي", "Abd al-Rahman bin Umayr AL-NUAYMI"),
    ("خليفة محمد تركي السبيعي", "Khalifa Muhammad Turki AL-SUBAIY"),
    ("حامد حمد حامد العلي", "Hamid Hamad Hamid AL-ALI"),
    ("أحمد عبدي غودني", "Ahmed Abdi GODANE"),
    ("حسن ضاهر أويس", "Hassan Dahir AWEYS"),
    ("فؤاد محمد خلف", "Fuad Mohamed KHALAF"),
    ("مختار روبو", "Mukhtar ROBOW"),
    ("عبد الباسط المقرحي", "Abdelbaset AL-MEGRAHI"),
    ("حسن البنا", "Hassan AL-BANNA"),
    ("نوري المالكي", "Nouri AL-MALIKI"),
    ("مقتدى الصدر", "Muqtada AL-SADR"),
    ("أبو مهدي المهندس", "Abu Mahdi AL-MUHANDIS"),
    ("قيس الخزعلي", "Qais AL-KHAZALI"),
    ("هادي العامري", "Hadi AL-AMIRI"),
    ("فالح الفياض", "Falih AL-FAYYADH"),
    ("عبد الرؤوف عزيز", "Abdul Rauf AZIZ"),
    ("نور ولي محسود", "Noor Wali MEHSUD"),
    ("حكيم الله محسود", "Hakimullah MEHSUD"),
    ("بيت الله محسود", "Baitullah MEHSUD"),
    ("فضل الله", "Fazlullah"),
    ("محمد إلياس كشميري", "Mohammad Ilyas KASHMIRI"),
    ("ظفر إقبال", "Zafar IQBAL"),
    ("عبد الرحمن مكي", "Abdul Rehman MAKKI"),
    ("عبد الله مظفر", "Abdullah MUZAFFAR"),
    ("سعد الحريري", "Saad HARIRI"),
    ("حسن مشيمع", "Hassan MUSHAIMA"),
    ("عيسى قاسم", "Isa QASSIM"),
    ("يوسف القرضاوي", "Yusuf AL-QARADAWI"),
    ("عبد الله عبد الله", "Abdullah ABDULLAH"),
    ("أشرف غني", "Ashraf GHANI"),
    ("حامد كرزاي", "Hamid KARZAI"),
    ("سعد بن لادن", "Saad BIN LADEN"),
    ("عبد الله أحمد عبد الله", "Abdullah Ahmed ABDULLAH"),
    ("محمد عاطف", "Mohammed ATEF"),
    ("سليمان أبو غيث", "Sulaiman ABU GHAITH"),
    ("أبو حفص المصري", "Abu Hafs AL-MASRI"),
    ("محمد جمال خليفة", "Mohammed Jamal KHALIFA"),
    ("عبد الرحيم الناشري", "Abd al-Rahim AL-NASHIRI"),
    ("أبو زبيدة", "Abu ZUBAYDAH"),
    ("مروان الشحي", "Marwan AL-SHEHHI"),
    ("زياد الجراح", "Ziad JARRAH"),
    ("هاني حنجور", "Hani HANJOUR"),
    ("نواف الحازمي", "Nawaf AL-HAZMI"),
    ("خالد المحضار", "Khalid AL-MIHDHAR"),
    ("محمد عطا", "Mohamed ATTA"),
    ("رمزي يوسف", "Ramzi YOUSEF"),
    ("عبد الرؤوف جده", "Abd al-Rauf JDEY"),
    ("ضرار الصوفي", "Dirar AL-SUFI"),
    ("جعفر عمر ثالب", "Jafar Umar THALIB"),
    ("أبو بكر باعشير", "Abu Bakar BA'ASYIR"),
    ("عمر باتيك", "Umar PATEK"),
    ("نور الدين محمد توب", "Noordin Mohammad TOP"),
    ("عبد المالك الحوثي", "Abdulmalik AL-HOUTHI"),
    ("أحمد شاه مسعود", "Ahmad Shah MASSOUD"),
    ("جمعة خان نمنجاني", "Juma NAMANGANI"),
    ("طاهر يولداشيف", "Tohir YULDASHEV"),
    ("عبد الرحمن الجزائري", "Abdul Rahman AL-JAZAIRI"),
    ("مصطفى أبو اليزيد", "Mustafa ABU AL-YAZID"),
    ("عطية عبد الرحمن", "Atiyah Abd al-Rahman"),
    ("أبو يحيى الليبي", "Abu Yahya AL-LIBI"),
    ("عبد الله السعيد", "Abdullah AL-SAID"),
    ("سعيد الشهري", "Said AL-SHIHRI"),
    ("إبراهيم العسيري", "Ibrahim AL-ASIRI"),
    ("فهد القصع", "Fahd AL-QUSO"),
    ("جمال البدوي", "Jamal AL-BADAWI"),
    ("ربيع الحسني", "Rabie AL-HASANI"),
    ("شعيب محمد", "Shuaib MOHAMMED"),
    ("دعاء محمد", "Doaa MOHAMED"),
    ("علاء الدين", "Alaa EL DIN"),
    ("جعفر الطيار", "Jaafar AL-TAYYAR"),
    ("رابعة العدوية", "Rabia AL-ADAWIYA"),
    ("سعاد حسني", "Souad HOSNI"),
    ("نعمة الله خان", "Nematullah KHAN"),
    ("رحمة الله نبيل", "Rahmatullah NABIL"),
    ("عصمة الله مهاجر", "Ismatullah MUHAJIR"),
    ("مسعود البرزاني", "Masoud BARZANI"),
    ("مقتدى الصدر", "Moqtada AL-SADR"),
    ("عزت الدوري", "Izzat AL-DOURI"),
    ("إسماعيل هنية", "Ismail HANIYA"),
    ("صالح العاروري", "Salih AL-ARURI"),
    ("معاذ الخطيب", "Moaz AL-KHATIB"),
    ("عمر البشير", "Omar AL-BASHIR"),
    ("جعفر نميري", "Jaafar NIMEIRY"),
    ("علي عبد الله صالح", "Ali Abdullah SALEH"),
    ("عبد ربه منصور هادي", "Abd Rabbuh Mansur HADI"),
    ("معين عبد الملك", "Maeen ABDULMALIK"),
    ("عمر عبد الرحمن", "Umar ABD AL-RAHMAN"),
    ("حسن عبد الله", "Hassan ABDALLAH"),
    ("مصعب عبد العزيز", "Musab ABDULAZIZ"),
]


def _report_bench() -> Any:
    """``bench/screening.py`` as a module (its World, Query and AlertEntry)."""
    here = Path(__file__).resolve().parent
    spec = importlib.util.spec_from_file_location("screening_bench", here / "screening.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["screening_bench"] = module
    spec.loader.exec_module(module)
    return module


def in_list(
    pairs: list[tuple[str, str, str]],
    entries: int,
    seed: int,
    threshold: float,
    show: bool,
    cache: Path | None = None,
    name: str = "",
) -> None:
    """Screen each pair's own-script name against its Latin spelling listed among
    ``entries`` entries of the report world, with and without the listed birth date."""
    bench = _report_bench()
    bench.require_data()
    rng = random.Random(seed)
    world = bench.World("report", entries, rng)
    listed = []
    for n, (_written, latin, _region) in enumerate(pairs):
        y, m, d = bench.random_date(rng)
        born = bench.parse_birth_date(f"{y:04d}-{m:02d}-{d:02d}")
        listed.append(bench.AlertEntry(f"R{n}", (latin,), born, None, None))
    t0 = time.perf_counter()
    # The pairs' digest names the list too: an edited set is not read from a stale cache.
    digest = hashlib.sha256(repr(pairs).encode()).hexdigest()[:12]
    version = f"real-names-{name}-{entries}-seed{seed}-{digest}"
    index, loaded = bench.cached_index([*world.entries, *listed], version, cache, "real names")
    built = "index loaded" if loaded else f"index built in {time.perf_counter() - t0:.0f} s"
    print(
        f"real names in a list: {len(pairs)} Latin spellings among {entries:,} entries of "
        f"the report world, seed {seed} ({built}); threshold {threshold:.3f}"
    )
    for dated in (True, False):
        reached: Counter[str] = Counter()
        total: Counter[str] = Counter()
        under: list[str] = []
        for (written, latin, region), entry in zip(pairs, listed, strict=True):
            query = bench.Query("q", (written,), entry.birth_date if dated else None, None)
            hits = index.screen(query, threshold=0.0)
            mine = next((h for h in hits if h.entry_id == entry.id), None)
            other = next((h for h in hits if h.entry_id != entry.id), None)
            total[region] += 1
            if mine is not None and mine.score >= threshold:
                reached[region] += 1
                continue
            cal = mine.explanation["calibration"] if mine is not None else {}
            common = mine.explanation["common_name"]["adjustment"] if mine is not None else 0
            under.append(
                f"  {mine.score if mine else 0.0:.3f} {written} | {latin}"
                f"  (common {common}, namesakes {cal.get('chance_namesakes')}; best other "
                f"{other.score if other else 0.0:.3f} {other.explanation['name']['entry'] if other else ''})"
            )
        print(
            f"  {'with the listed birth date' if dated else 'without a birth date'}: "
            f"{reached.total()} of {total.total()} alert on their own entry"
        )
        for region in sorted(r for r in total if r):
            print(f"    {region}: {reached[region]} of {total[region]}")
        if show:
            for line in under:
                print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=FITTED_THRESHOLD)
    parser.add_argument("--set", choices=("29", "33a", "33b", "34c", "40d"), default="29")
    parser.add_argument("--show", action="store_true", help="print the held-out set's misses")
    parser.add_argument(
        "--in-list",
        type=int,
        metavar="N",
        help="screen the names against their Latin spellings listed among N entries of the "
        "report world (with and without a birth date), as the outside check does",
    )
    parser.add_argument("--seed", type=int, default=331, help="the report world's seed")
    parser.add_argument(
        "--index-cache",
        type=Path,
        help="with --in-list: load the list's index from this file if it was built for the "
        "same set, size, seed and normaliser; else build it and save it there",
    )
    args = parser.parse_args()
    pairs: list[tuple[str, str, str]] = {
        "29": [(w, listed, "") for w, listed in PAIRS],
        "33a": SET_A,
        "33b": SET_B,
        "34c": SET_C,
        "40d": SET_D,
    }[args.set]
    if args.in_list:
        show = args.set not in HELD_OUT or args.show
        in_list(pairs, args.in_list, args.seed, args.threshold, show, args.index_cache, args.set)
        return
    under: list[str] = []
    reached: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for written, listed, region in pairs:
        for query, entry in ((written, listed), (listed, written)):
            scored = score_subjects(
                make_subject([query], None, None, ""), make_subject([entry], None, None, "")
            )
            score = scored.score if scored is not None else 0.0
            total[region] += 1
            if score >= args.threshold:
                reached[region] += 1
                continue
            parts = (
                " ".join(f"{a}~{b}:{s:.2f}/{how}" for a, b, s, how in scored.name.pairs)
                if scored is not None
                else ""
            )
            under.append(f"  {score:.3f}  {query} | {entry}  {parts}")
    print(
        f"real names, set {args.set}: {reached.total()} of {total.total()} comparisons "
        f"({len(pairs)} pairs both ways) reach {args.threshold:.3f} without a birth date "
        "and without a list"
    )
    print(
        {
            "29": "  (data the engineers wrote in session 29 and decision 241 was made on: "
            "not a report figure)",
            "33a": "  (written by a helper in session 33; decisions 256-258 were made on it: "
            "not a report figure)",
            "33b": "  (written by a helper in session 33, held out: its misses were not read)",
            "34c": "  (written by a helper in session 34, held out: its misses were not read)",
            "40d": "  (written by a helper in session 40, held out: its misses were not read)",
        }[args.set]
    )
    if args.set in HELD_OUT and args.show:
        print("  (--show: its misses are printed below; once read, the set is no longer held out)")
    for region in sorted(r for r in total if r):
        print(f"  {region}: {reached[region]} of {total[region]}")
    if args.set not in HELD_OUT or args.show:
        for line in under:
            print(line)


if __name__ == "__main__":
    main()
