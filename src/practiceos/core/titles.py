"""Healthcare job-title classifier: payroll/HRIS titles to seat kinds, roles and levels.

``classify_title("Founder & CEO / Orthopaedic Surgeon, MD")`` returns one
:class:`TitleClass` per seat the title describes, in the order written. Each carries the
seat kind, a normalised role title from :mod:`practiceos.core.role_templates`, a level
and whether the seat is a *provider lead* (a management seat that legitimately manages
providers, such as a medical director).

How a title is read
-------------------
1. The text is case-folded and cleaned: dots dropped (``Sr.``, ``M.D.``), common
   abbreviations expanded (``Asst``, ``Tech``, ``Mgr``, ``Coord``, ``Rep``), compound
   tokens protected (``OB/GYN``, ``OTR/L``, ``RT(R)(CT)``, ``Check-In/Check-Out``,
   ``PA-C``), and "to the CEO" tails removed (an assistant to the CEO is not a CEO).
2. It is split on ``/ & + ; | and``, commas, brackets and spaced dashes. Each piece is a
   role (``Office Manager``), a credential list (``MD``, ``PA-C``, ``RDH``), or a
   qualifier that names no role (``Pre-Op``, ``Float``, ``Foot``, ``Dermatology``).
3. Qualifiers join the neighbouring role; a bare head word (``Manager, Practice``,
   ``Assistant, Dental``, ``Vice President, Revenue Cycle``) absorbs the piece after it,
   which reads inverted HRIS titles the right way round. Credentials after a comma,
   bracket or dash annotate the role before them; a credential after ``/`` or ``&``
   (``Owner/DVM``, ``Surgical Coordinator / MA``) is a second hat.
4. Each role is matched against ordered word rules: leadership words, provider-lead and
   management phrases, then administrative, clinical-support and provider vocabularies.
   Order matters: ``Surgical Services Manager`` is management before ``surgical`` is
   seen, ``Physician Liaison`` is administrative before ``physician`` is seen, and
   ``Physical Therapist Assistant`` is support before ``Physical Therapist``. A role
   the words do not settle is decided by its credentials (``Therapist, LCSW``).

Seat-kind decisions (the domain calls)
--------------------------------------
* Providers are licensed clinicians who produce care under their own name: physicians,
  surgeons, dentists, NPs, PAs, CRNAs, midwives, DPTs/PTs, OTs, SLPs, chiropractors,
  optometrists, audiologists, psychologists, licensed therapists, dietitians and
  veterinarians. **Dental hygienists are providers**: they hold their own licence, run
  their own schedule and produce a large share of a dental practice's revenue.
* Support staff serve providers: nurses (RN/LPN), assistants (medical, dental, PTA,
  OTA, COTA), surgical and scrub techs, imaging techs, sonographers, vet techs, aides,
  scribes, phlebotomists, athletic trainers. A *lead* (Lead Dental Assistant, Scrub Tech
  Lead, Charge Nurse) is still support at level lead: leading the work is not managing
  the people.
* Management seats manage people: managers, supervisors, directors, administrators,
  chief officers other than the CEO (COO, CFO, CNO). Titles ending in *manager* that
  are individual work (project, account, case, care manager) are not management.
* A management seat is a provider lead when its title names clinical leadership
  (Medical/Clinical/Dental Director, Chief Medical Officer, Chief of Surgery), when a
  lead/chief/head/principal word sits on a doctor title (Lead Dentist, Chief Surgeon),
  when it manages a provider department (Hygiene, Rehab/Therapy) or when the manager
  holds a provider credential (``Clinic Director, PT, DPT``).
* Leadership is the owner/visionary seat: Owner, Founder, CEO, President, Managing
  Partner, Chair. An owner who also practises (``Owner Dentist``, ``Owner/DVM``,
  ``Owner, DDS``) gets a leadership and a provider seat.
* Combined titles give **one seat per seat kind**, in the order first written: the
  kinds are what the structure rules reason about, and two hats of the same kind
  (``Allergist/Immunologist``, ``Billing & Collections Specialist``) are one seat whose
  role is the first one named.
* Anything unrecognised is an administrative seat titled with the cleaned input and
  ``matched=False``, so the roster importer can warn about a guess.

Levels
------
* **lead**: Lead, Team Lead, Chief, Head, Principal, Charge, III and above; for
  management seats also Director, Vice President, Executive Director and chief
  officers; leadership seats are always lead.
* **junior**: Junior/Jr, Trainee, Apprentice, Entry level, Intern, Extern, Student,
  New Grad, Resident, Fellow, level I/1, Associate, Assistant Manager/Supervisor.
  *Associate* on a provider title (Associate Dentist, Associate Veterinarian) means a
  non-owner provider, not a junior one, so it does not lower the level there; an
  Assistant/Associate *Director* is senior.
* **senior**: Senior/Sr, II, and every plain title (a title without level words
  describes a fully competent person in the role). PRN, per diem, part time and float
  describe employment, not seniority, and are ignored.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from practiceos.core.model import Level, SeatKind
from practiceos.core.role_templates import ROLE_TEMPLATES, department_title


@dataclass(frozen=True, slots=True)
class TitleClass:
    """What one job title means for one seat: its kind, role template and level.

    ``matched`` is false when no rule recognised the title and the classifier fell back
    to an administrative seat named after the cleaned title: the importer warns on it.
    """

    kind: SeatKind
    role_title: str
    level: Level
    provider_lead: bool = False
    matched: bool = True


# --- text preparation ---------------------------------------------------------------

_SUBS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"(?<=[a-z])\.(?=[a-z]\b)", ""),  # M.D. -> MD, R.N. -> RN
        (r"\.", " "),
        (r"['’`]", ""),
        (r"\s+to\s+(the\s+)?.*$", ""),  # "Executive Assistant to the CEO"
        (r"\bob\s*[/-]?\s*gyn\b", "obgyn"),
        (r"\bpm\s*&\s*r\b", "pmr"),
        (r"\bear,?\s*nose\s*(and|&)\s*throat\b", "ent"),
        (r"\b(otr|cota|ota|ot)\s*/\s*l\b", r"\1l"),
        (r"\ba\s*/\s*r\b", "ar"),
        (r"\ba\s*/\s*p\b", "ap"),
        (r"\brt\s*\(\s*([a-z]+)\s*\)", r"rt\1"),
        (r"\brt([a-z]+)\s*\(\s*([a-z]+)\s*\)", r"rt\1 rt\2"),
        (r"\bcheck[\s-]*in\s*/\s*(check[\s-]*)?out\b", "checkin checkout"),
        (r"\bcheck[\s-]*in\b", "checkin"),
        (r"\bcheck[\s-]*out\b", "checkout"),
        (r"\bx[\s-]?ray\b", "xray"),
        (r"\b(pre|post)[\s-]?op\b", r"\1op"),
        (r"\bco-(?=[a-z])", "co"),
        (r"\bmid[\s-]level\b", "midlevel"),
        (r"\b([a-z]{2,6})-(c|bc|a)\b", r"\1"),  # PA-C, FNP-BC, CPC-A
        (r"\bccc-slp\b", "slp"),
        (r"\bvice[\s-]+president\b", "vicepresident"),
        (r"\bnew\s+grad(uate)?\b", "newgrad"),
        (r"\bentry[\s-]+level\b", "entrylevel"),
        (r"\bin[\s-]+training\b", "intraining"),
        (r"\bper[\s-]+diem\b", "perdiem"),
        (r"\b(part|full)[\s-]+time\b", r"\1time"),
        (r"\bteam[\s-]+lead(er)?\b", "teamlead"),
        (r"\bcharge\s+(?=(nurse|rn|lpn|lvn|therapist|technologist|tech)\b)", "lead "),
        (r"\blocum(s)?(\s+tenens)?\b", "locum"),
        (
            r"\badmin\b(?=\s+(assistant|asst|coordinator|specialist|support|clerk))",
            "administrative",
        ),
        (r"\bpractice\s+admin\b", "practice administrator"),
        (r"\bhelp\s+desk\b", "helpdesk"),
    )
)

# Separators: "hat" separators join two jobs, "note" separators annotate one.
_SPLIT = re.compile(r"(\s*(?:/|&|\+|;|\||\band\b)\s*|\s*[,()\[\]]\s*|\s+[-–—]+\s+|[–—])")
_HAT = re.compile(r"^\s*(?:/|&|\+|;|\||and)\s*$")
_TOKEN = re.compile(r"[a-z0-9]+")

_EXPAND = {
    "asst": "assistant",
    "assist": "assistant",
    "tech": "technician",
    "techs": "technician",
    "mgr": "manager",
    "mngr": "manager",
    "dir": "director",
    "coord": "coordinator",
    "rep": "representative",
    "reps": "representative",
    "spec": "specialist",
    "sr": "senior",
    "snr": "senior",
    "jr": "junior",
    "svc": "services",
    "svcs": "services",
    "mgmt": "management",
    "ops": "operations",
    "med": "medical",
    "nsg": "nursing",
    "surg": "surgical",
    "rad": "radiologic",
    "orthopaedic": "orthopedic",
    "orthopaedics": "orthopedics",
    "anaesthesia": "anesthesia",
    "anaesthetist": "anesthetist",
    "anaesthesiologist": "anesthesiologist",
    "paediatric": "pediatric",
    "paediatrician": "pediatrician",
    "peds": "pediatric",
    "gynaecologist": "gynecologist",
    "exec": "executive",
    "info": "information",
    "tx": "treatment",
    "sono": "sonographer",
    "phleb": "phlebotomist",
    "ins": "insurance",
    "auth": "authorization",
    "mktg": "marketing",
    "dev": "development",
    "recep": "receptionist",
    "lab": "lab",
    "centre": "center",
    "programme": "program",
    "hygeinist": "hygienist",
    "dr": "doctor",
    "doc": "doctor",
}

_LEAD_WORDS = frozenset(
    {"lead", "teamlead", "chief", "head", "principal", "iii", "iv", "v", "vi", "3", "4", "5"}
)
_SENIOR_WORDS = frozenset({"senior", "ii", "2", "experienced"})
_JUNIOR_WORDS = frozenset(
    {
        "junior",
        "i",
        "1",
        "trainee",
        "intraining",
        "apprentice",
        "entrylevel",
        "intern",
        "extern",
        "externship",
        "student",
        "newgrad",
        "resident",
        "fellow",
        "associate",
    }
)
# Level words that are part of what the role is ("Chief Operating Officer", "Head Nurse").
_ROLE_NAMING_LEVEL_WORDS = frozenset({"chief", "head", "resident", "fellow"})
# Words stripped before matching roles: the other level words, and words about the terms
# of the job.
_STRIP = ((_LEAD_WORDS | _SENIOR_WORDS | _JUNIOR_WORDS) - _ROLE_NAMING_LEVEL_WORDS) | frozenset(
    {
        "prn",
        "perdiem",
        "parttime",
        "fulltime",
        "float",
        "temp",
        "temporary",
        "locum",
        "relief",
        "contract",
        "seasonal",
        "level",
        "tier",
        "grade",
        "staff",
        "a",
        "an",
        "for",
        "in",
        "at",
        "with",
    }
)
# Head words that name no particular job: "Manager, Practice" reads as "Practice Manager".
_BARE = frozenset(
    {
        "manager",
        "director",
        "supervisor",
        "vicepresident",
        "vp",
        "coordinator",
        "specialist",
        "assistant",
        "technician",
        "technologist",
        "representative",
        "team",
        "clerk",
        "analyst",
        "therapist",
        "officer",
        "consultant",
        "aide",
        "attendant",
        "administrator",
        "executive",
        "head",
        "chief",
        "member",
        "agent",
        "professional",
        "worker",
        "generalist",
    }
)

# Words that name a department rather than a job: "HR/Payroll Manager" is one manager.
_DEPARTMENT_WORDS = frozenset(
    [
        "hr",
        "human",
        "resources",
        "payroll",
        "billing",
        "coding",
        "collections",
        "collection",
        "credentialing",
        "front",
        "desk",
        "office",
        "scheduling",
        "reception",
        "marketing",
        "it",
        "finance",
        "accounting",
        "insurance",
        "referral",
        "referrals",
        "authorization",
        "authorizations",
        "records",
        "medical",
        "ar",
        "ap",
        "accounts",
        "receivable",
        "payable",
        "patient",
        "benefits",
        "quality",
        "compliance",
        "purchasing",
        "operations",
        "clinical",
        "surgery",
        "surgical",
        "imaging",
        "radiology",
        "business",
        "revenue",
        "cycle",
        "cash",
        "posting",
        "admissions",
        "intake",
    ]
)

# Credentials: token -> the role they imply when the words do not settle it.
_CREDENTIALS: dict[str, str] = {}
for _cred_role, _cred_tokens in (
    ("Physician", "md do mbbs facs faaos faap facp facog faafp faad facc facep"),
    ("Dentist", "dds dmd"),
    ("Podiatrist", "dpm"),
    ("Nurse Practitioner", "np aprn arnp fnp agnp acnp pmhnp whnp cnp dnp cns agpcnp"),
    ("Physician Assistant", "pa"),
    ("Nurse Anesthetist", "crna"),
    ("Certified Nurse Midwife", "cnm"),
    ("Physical Therapist", "dpt pt mpt ocs scs"),
    ("Occupational Therapist", "ot otr otrl otd cht"),
    ("Speech-Language Pathologist", "slp"),
    ("Chiropractor", "dc"),
    ("Optometrist", "od"),
    ("Audiologist", "aud"),
    ("Psychologist", "psyd"),
    ("Behavioral Health Therapist", "lcsw licsw lmsw lpc lpcc lmhc lmft"),
    ("Registered Dietitian", "rd rdn"),
    ("Veterinarian", "dvm vmd bvsc bvms"),
    ("Dental Hygienist", "rdh"),
    ("Registered Nurse", "rn bsn msn adn ccrn cnor cen cpan"),
    ("Licensed Practical Nurse", "lpn lvn"),
    ("Nursing Assistant", "cna"),
    ("Medical Assistant", "cma rma ma ccma ncma"),
    ("Surgical Technologist", "cst"),
    ("Surgical First Assistant", "csfa csa"),
    ("Sterile Processing Technician", "crcst"),
    ("Dental Assistant", "efda rda cda rdaef"),
    ("Physical Therapist Assistant", "pta"),
    ("Occupational Therapy Assistant", "ota cota cotal"),
    ("Speech-Language Pathology Assistant", "slpa"),
    ("Athletic Trainer", "atc lat"),
    ("Veterinary Technician", "lvt cvt rvt lvmt cvmt vts"),
    ("Radiologic Technologist", "rtr arrt rt"),
    ("CT Technologist", "rtct"),
    ("MRI Technologist", "rtmr"),
    ("Diagnostic Medical Sonographer", "rdms rdcs rvs"),
    ("Ophthalmic Technician", "coa cot comt"),
    ("Pharmacy Technician", "cpht"),
    ("Medical Coder", "cpc ccs coc ccsp"),
    ("Medical Records Specialist", "rhit rhia"),
    ("Revenue Cycle Specialist", "crcr crcs chfp"),
    ("Accountant", "cpa"),
):
    for _cred in _cred_tokens.split():
        _CREDENTIALS[_cred] = _cred_role
# Degrees and certificates that say nothing about the job.
_IGNORED_CREDENTIALS = frozenset(
    [
        "mba",
        "mha",
        "mpa",
        "mph",
        "ms",
        "msc",
        "bs",
        "ba",
        "bsc",
        "phd",
        "edd",
        "jd",
        "cmpe",
        "fache",
        "facmpe",
        "shrm",
        "cp",
        "scp",
        "phr",
        "sphr",
        "chc",
        "cphq",
        "ccc",
        "bc",
        "c",
        "pmp",
        "cpm",
        "lssgb",
        "mhsa",
        "mbbs",
    ]
)

_KIND_ORDER = {SeatKind.PROVIDER: 0, SeatKind.SUPPORT: 1, SeatKind.ADMINISTRATIVE: 2}


def _credential_role(creds: tuple[str, ...]) -> str | None:
    """The most specific role a list of credentials implies (providers first)."""
    roles = [_CREDENTIALS[c] for c in creds if c in _CREDENTIALS]
    if not roles:
        return None
    return min(roles, key=lambda r: _KIND_ORDER.get(ROLE_TEMPLATES[r].kind, 3))


# --- rule tables --------------------------------------------------------------------


def _rules(*pairs: tuple[str, str]) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern), title) for pattern, title in pairs)


_LEADER = re.compile(
    r"\b(owner|coowner|founder|cofounder|proprietor|ceo|chief executive( officer)?|president"
    r"|managing (partner|member|director)|chairman|chairwoman|chairperson|chair|board chair)\b"
)
_LEADER_FILLER = frozenset({"practice", "operator", "board", "co", "and", "officer", "the", "of"})


def _leader_title(word: str) -> str:
    if word.startswith(("owner", "coowner", "founder", "cofounder", "proprietor")):
        return "Owner"
    if word in ("president",):
        return "President"
    if word.startswith("managing partner") or word.startswith("managing member"):
        return "Managing Partner"
    if word.startswith("chair") or word == "board chair":
        return "Chair of the Board"
    return "Chief Executive Officer"


_PROVIDER_LEAD = _rules(
    (r"\bchief (medical|clinical) officer\b|\bcmo\b", "Chief Medical Officer"),
    (
        r"\bchief (dental|dentistry) officer\b|\bdental director\b|\bdirector of dentistry\b",
        "Dental Director",
    ),
    (r"\bchief of (surgery|surgical services)\b", "Chief of Surgery"),
    (
        r"\b(medical|veterinary) director\b|\bchief of (staff|medicine)\b"
        r"|\bchief veterinary officer\b|\bdirector of (medicine|veterinary medicine)\b",
        "Medical Director",
    ),
    (r"\bclinical director\b|\bdirector of clinical( services)?$", "Clinical Director"),
)

_MANAGER_WORD = re.compile(
    r"\b(manager|supervisor|superintendent|director|vicepresident|vp|controller|administrator"
    r"|coo|cfo|cio|cto|cno|chro|cro|cfo|head of|head nurse|chief technologist"
    r"|chief \w+ officer|chief (operating|financial|nursing|information|technology|people"
    r"|revenue|experience|marketing|growth|strategy|compliance|quality|administrative))\b"
)
# "Manager" titles that describe individual work rather than managing people.
_IC_MANAGER = re.compile(
    r"\b(project|program|account|case|care|property|territory|product|social media|content"
    r"|community|utilization|disease)\s+manager\b"
)
_IC_ADMINISTRATOR = re.compile(
    r"\b(system|systems|network|database|ehr|emr|it|payroll|benefits|billing|application"
    r"|epic|pacs|ris|lms|hris|web|server|security|sharepoint|salesforce|data|cloud)"
    r"\s+administrator\b"
)
_EXECUTIVE = _rules(
    (r"\bexecutive director\b", "Executive Director"),
    (r"\bcoo\b|\bchief (operating|operations)\b", "Chief Operating Officer"),
    (r"\bcfo\b|\bchief financial\b", "Chief Financial Officer"),
    (r"\bci?o\b|\bcto\b|\bchief (information|technology)\b", "Chief Information Officer"),
    (r"\bcno\b|\bchief nursing\b", "Chief Nursing Officer"),
    (r"\badministrator\b", "Practice Administrator"),
)
# (pattern, department name or special key, provider_lead)
_DEPARTMENT_RULES: tuple[tuple[re.Pattern[str], str], ...] = _rules(
    (r"\b(nurs\w*|rn|don)\b|\bhead nurse\b", "@nursing"),
    (r"\bhygien\w*\b", "Hygiene"),
    (r"\b(rehab\w*|therapy|therapist|physical|pt|ot|occupational)\b", "Rehab"),
    (r"\bsteril\w*\b", "Sterile Processing"),
    (r"\b(surgical|surgery|or|operating|periop\w*|perioperative|asc)\b", "Surgical Services"),
    (
        r"\b(imaging|radiology|radiologic|xray|ct|mri|ultrasound|sonography|mammography"
        r"|technologist)\b",
        "Imaging",
    ),
    (r"\blab\w*\b|\bphlebotom\w*\b", "Laboratory"),
    (
        r"\b(billing|revenue|coding|ar|collections?|credentialing|business office|reimbursement"
        r"|patient accounts|patient financial|medical records|health information|him)\b",
        "Billing",
    ),
    (
        r"\b(front office|front desk|reception|patient access|scheduling|call center"
        r"|patient experience|patient services|guest services|contact center)\b",
        "Front Office",
    ),
    (
        r"\b(clinical|back office|ma|medical assistants?|dental assistants?|technician"
        r"|clinical operations)\b",
        "Clinical",
    ),
    (r"\b(hr|human resources|people|talent|recruiting|recruitment|benefits)\b", "Human Resources"),
    (r"\b(it|information|technology|systems|ehr|emr)\b", "IT"),
    (r"\b(marketing|growth|business development|outreach|brand)\b", "Marketing"),
    (r"\b(finance|financial|accounting|controller)\b", "Finance"),
    (r"\b(quality|compliance|risk|safety)\b", "Quality"),
    (r"\b(regional|region|area|district|divisional|multi site)\b", "@regional"),
    (r"\b(operations|operating)\b", "Operations"),
    (r"\boffice\b", "@office"),
    (r"\b(practice|clinic|center|site|location|hospital|branch)\b", "@practice"),
)

# Clinical titles whose words would otherwise be read as administrative.
_CLINICAL_FIRST = _rules(
    (
        r"\bnurse (coordinator|navigator|educator|liaison|consultant|specialist)\b"
        r"|\b(case|care|utilization) manager\b|\bnavigator\b",
        "Registered Nurse",
    ),
    (r"\bathletic trainer\b", "Athletic Trainer"),
    (r"\bscribe\b", "Medical Scribe"),
)
_ADMINISTRATIVE = _rules(
    (r"\bliaison\b", "Physician Liaison"),
    (r"\brecruit\w*\b|\btalent\b", "Recruiter"),
    (r"\bcredentialing\b|\benrollment\b", "Credentialing Specialist"),
    (r"\b(surgical|surgery) coordinator\b", "Surgical Coordinator"),
    (r"\bschedul\w*\b|\bappointments?\b|\b(hygiene|recall) coordinator\b", "Scheduler"),
    (r"\bbill(er|ing)\b", "Medical Biller"),
    (r"\bcod(er|ing)\b", "Medical Coder"),
    (
        r"\b(ar|accounts receivable|collections?|collector|denials?|payment posting"
        r"|payment poster|cash posting|posting|charge entry|reimbursement|revenue"
        r"|patient accounts?)\b",
        "Revenue Cycle Specialist",
    ),
    (
        r"\b(medical records|health information|him|release information|records)\b",
        "Medical Records Specialist",
    ),
    (r"\b(referral|referrals|authorization|authorizations|precert\w*)\b", "Referral Coordinator"),
    (r"\btreatment coordinator\b", "Treatment Coordinator"),
    (
        r"\b(insurance|verification|eligibility|financial (coordinator|counselor))\b",
        "Insurance Coordinator",
    ),
    (
        r"\b(receptionist|reception|front desk|front office|greeter|concierge|checkin"
        r"|checkout)\b",
        "Front Desk Coordinator",
    ),
    (
        r"\b(patient|client|customer|guest|member) (service|services|access|experience"
        r"|relations|care coordinator|coordinator)\b|\bpsr\b|\bcsr\b|\bcall center\b"
        r"|\bnew patient coordinator\b|\bcontact center\b|\bambassador\b",
        "Patient Service Representative",
    ),
    (r"\bcare coordinator\b", "Care Coordinator"),
    (r"\bpayroll\b", "Payroll Specialist"),
    (r"\b(hr|human resources|benefits|people operations)\b", "HR Generalist"),
    (
        r"\b(accountant|accounting|bookkeep\w*|accounts payable|ap|finance|financial"
        r"|controller|purchasing agent)\b",
        "Accountant",
    ),
    (r"\b(compliance|privacy|quality|risk)\b", "Compliance Specialist"),
    (
        r"\b(it|helpdesk|desktop|systems?|network|ehr|emr|epic|software|developer|engineer"
        r"|database|cybersecurity|applications?|programmer)\b",
        "IT Specialist",
    ),
    (r"\b(analyst|analytics|data|business intelligence|reporting)\b", "Data Analyst"),
    (
        r"\b(marketing|social media|graphic|designer|outreach|business development|brand"
        r"|communications|account manager|sales|webmaster)\b",
        "Marketing Coordinator",
    ),
    (r"\b(purchasing|inventory|supply|supplies|procurement|buyer)\b", "Purchasing Coordinator"),
    (
        r"\b(courier|driver|custodian|janitor\w*|housekeep\w*|environmental services|evs"
        r"|facilities|facility|maintenance|porter|cleaner|groundskeeper)\b",
        "Facilities Technician",
    ),
    (r"\bproject manager\b|\bprogram manager\b|\bproject coordinator\b", "Project Manager"),
    (r"\btrainer\b", "Trainer"),
    (r"\bcoordinator\b", "Administrative Assistant"),
    (
        r"\b(executive assistant|administrative|secretary|clerk|office assistant"
        r"|office coordinator|receptionist|clerical)\b",
        "Administrative Assistant",
    ),
)
# Support roles whose words overlap a provider title ("Physical Therapist Assistant").
_SUPPORT_FIRST = _rules(
    (r"\b(physical therap\w*|pt) assistant\b|\bpta\b", "Physical Therapist Assistant"),
    (
        r"\b(physical therap\w*|pt|rehab\w*|therapy|ot|occupational therapy) (aide|technician"
        r"|tech)\b|\brehab\w* aide\b|\bstudent aide\b",
        "Rehab Aide",
    ),
    (
        r"\boccupational therap\w* assistant\b|\bcota\w*\b|\bota\b|\bot assistant\b",
        "Occupational Therapy Assistant",
    ),
    (
        r"\bspeech (language )?patholog\w* assistant\b|\bslpa\b",
        "Speech-Language Pathology Assistant",
    ),
    (r"\bkennel\b|\banimal care\b|\b(veterinary|vet) assistant\b", "Veterinary Assistant"),
    (
        r"\b(veterinary|vet) (technician|technologist|nurse)\b|\b(lvt|cvt|lvmt|cvmt|vts)\b"
        r"|\bregistered veterinary\b",
        "Veterinary Technician",
    ),
    (
        r"\bdental assistant\b|\b(efda|rda|cda|rdaef)\b|\bchairside\b"
        r"|\b(orthodontic|ortho|oral surgery|surgical dental) assistant\b",
        "Dental Assistant",
    ),
    (r"\bdental lab\w*\b|\blab\w*\b", "Laboratory Technician"),
    (r"\bpharmacy (technician|tech|assistant)\b|\bcpht\b", "Pharmacy Technician"),
    (
        r"\b(ophthalmic|optometric|eye) (technician|technologist|assistant)\b|\boptician\b"
        r"|\b(coa|cot|comt)\b",
        "Ophthalmic Technician",
    ),
    (
        r"\b(respiratory therapist|sleep|polysomnograph\w*|ekg|ecg|cast|orthopedic technician"
        r"|ortho technician|histo\w*|infusion technician|anesthesia technician"
        r"|exercise physiologist|dialysis|cardiac monitor\w*|monitor technician)\b",
        "Clinical Technician",
    ),
    (r"\bsteril\w*\b|\binstrument technician\b|\bcrcst\b", "Sterile Processing Technician"),
    (
        r"\b(audiology|clinical|chiropractic|podiatry|podiatric|optometry|clinic) assistant\b",
        "Medical Assistant",
    ),
)
_PROVIDERS = _rules(
    (
        r"\bnurse practitioner\b|\b(np|aprn|arnp|fnp|agnp|acnp|pmhnp|whnp|cnp|agpcnp)\b"
        r"|\badvanced practice (registered )?nurse\b|\bclinical nurse specialist\b",
        "Nurse Practitioner",
    ),
    (r"\bcrna\b|\banesthetist\b", "Nurse Anesthetist"),
    (r"\bmidwife\b|\bcnm\b", "Certified Nurse Midwife"),
    (r"\bphysician (assistant|associate)\b|\bpa\b|\bpac\b", "Physician Assistant"),
    (
        r"\badvanced practice (provider|clinician)\b|\bapp\b|\bmidlevel\b",
        "Advanced Practice Provider",
    ),
    (r"\b(oral|maxillofacial) surgeon\b|\boms\b|\boral surgery\b", "Oral Surgeon"),
    (
        r"\b(ortho\w*|spine|spinal|hand|foot|ankle|joint|sports medicine|shoulder|knee) "
        r"(\w+ )?surgeon\b",
        "Orthopedic Surgeon",
    ),
    (
        r"\bveterinary (surgeon|doctor|physician|specialist|oncologist|cardiologist)\b"
        r"|\bveterinarian\b|\bvet\b|\b(dvm|vmd|bvsc|bvms)\b",
        "Veterinarian",
    ),
    (r"\bmohs surgeon\b", "Physician"),
    (r"\bsurgeon\b|\bneurosurgeon\b", "Surgeon"),
    (r"\bpodiatr\w*\b|\bdpm\b", "Podiatrist"),
    (r"\borthodontist\b", "Orthodontist"),
    (
        r"\b(periodontist|endodontist|prosthodontist|pedodontist|pediatric dentist"
        r"|dental specialist)\b",
        "Dental Specialist",
    ),
    (r"\bdentist\b|\b(dds|dmd)\b|\bdentistry\b", "Dentist"),
    (r"\bhygien\w*\b|\brdh\b", "Dental Hygienist"),
    (
        r"\bphysical therap\w*\b|\b(dpt|mpt|pt)\b|\bphysiotherapist\b|\brehab\w*\b",
        "Physical Therapist",
    ),
    (
        r"\boccupational therap\w*\b|\b(ot|otr|otrl|otd)\b|\bhand therapist\b",
        "Occupational Therapist",
    ),
    (r"\bspeech\b|\bslp\b|\blanguage pathologist\b", "Speech-Language Pathologist"),
    (r"\bchiropract\w*\b|\bdc\b", "Chiropractor"),
    (r"\boptometrist\b|\bod\b", "Optometrist"),
    (r"\baudiologist\b|\baud\b", "Audiologist"),
    (r"\bpsychologist\b|\bpsyd\b", "Psychologist"),
    (
        r"\b(lcsw|licsw|lmsw|lpc|lpcc|lmhc|lmft|mft)\b|\bsocial worker\b|\b(?<!genetic )counselor\b"
        r"|\b(mental|behavioral) health (therapist|clinician|counselor)\b|\bpsychotherapist\b"
        r"|\bmarriage (and )?family therapist\b",
        "Behavioral Health Therapist",
    ),
    (r"\bdietitian\b|\bdietician\b|\bnutritionist\b|\b(rd|rdn)\b", "Registered Dietitian"),
    (
        r"\b(physician|doctor|hospitalist|intensivist|(?!\w*technologist)\w+ologist|internist"
        r"|pediatrician"
        r"|psychiatrist|physiatrist|obstetrician|obgyn|allergist|pmr|ent|md|do|mbbs"
        r"|resident|fellow|geriatrician|gp|attending)\b",
        "Physician",
    ),
    (
        r"\bprovider\b|\bclinician\b|\bpharmacist\b|\bpharmd\b|\bacupuncturist\b"
        r"|\bgenetic counselor\b|\bmassage therapist\b|\blmt\b",
        "Provider",
    ),
)
_SUPPORT = _rules(
    (
        r"\bnursing assistant\b|\bcna\b|\bpatient care (technician|tech|assistant)\b"
        r"|\bnurse aide\b|\bmedical aide\b",
        "Nursing Assistant",
    ),
    (r"\b(lpn|lvn)\b|\b(practical|vocational) nurse\b", "Licensed Practical Nurse"),
    (
        r"\bfirst assistant\b|\b(csfa|csa)\b|\bsurgical assistant\b|\bsurgical first\b",
        "Surgical First Assistant",
    ),
    (
        r"\b(surgical|surgery|scrub|or|operating room) (technician|technologist)\b|\bscrub\b"
        r"|\bcst\b|\bsurgical technologist\b",
        "Surgical Technologist",
    ),
    (r"\b(nurse|rn|bsn|msn|nursing|circulator|circulating)\b", "Registered Nurse"),
    (r"\bct\b|\brtct\b|\bcat scan\b", "CT Technologist"),
    (r"\bmri\b|\bmr technologist\b|\brtmr\b", "MRI Technologist"),
    (
        r"\b(sonograph\w*|ultrasound|echo\w*|rdms|rdcs|rvs|vascular technologist)\b",
        "Diagnostic Medical Sonographer",
    ),
    (
        r"\b(xray|radiolog\w*|radiography|mammo\w*|nuclear medicine|dexa|imaging|rtr|arrt"
        r"|rt)\b",
        "Radiologic Technologist",
    ),
    (r"\bmedical assistant\b|\b(cma|rma|ma|ccma|ncma)\b|\bback office\b", "Medical Assistant"),
    (r"\bphlebotom\w*\b", "Phlebotomist"),
    (r"\b(technician|technologist)\b", "Clinical Technician"),
    (r"\b(aide|attendant)\b", "Nursing Assistant"),
)
# A role named only by a generic head word, used when nothing more specific matched.
_GENERIC = _rules(
    (r"\btherapist\b", "Provider"),
    (
        r"\b(assistant|coordinator|specialist|representative|clerk|officer|consultant|agent"
        r"|generalist)\b",
        "Administrative Assistant",
    ),
)

_DOCTOR_LEAD_TITLE = {
    "Physician": "Medical Director",
    "Provider": "Medical Director",
    "Podiatrist": "Medical Director",
    "Veterinarian": "Medical Director",
    "Surgeon": "Chief of Surgery",
    "Orthopedic Surgeon": "Chief of Surgery",
    "Oral Surgeon": "Chief of Surgery",
    "Dentist": "Lead Dentist",
    "Dental Specialist": "Lead Dentist",
    "Orthodontist": "Lead Dentist",
}
_LEAD_OVER_DOCTOR = frozenset({"lead", "teamlead", "chief", "head", "principal"})
_DIRECTOR_LEVEL = frozenset(
    {
        "director",
        "vicepresident",
        "vp",
        "chief",
        "head",
        "executive",
        "coo",
        "cfo",
        "cio",
        "cto",
        "cno",
        "chro",
        "cro",
        "cmo",
        "president",
    }
)


def _first(rules: tuple[tuple[re.Pattern[str], str], ...], text: str) -> str | None:
    for pattern, title in rules:
        if pattern.search(text):
            return title
    return None


# --- classification of one role -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Seat:
    kind: SeatKind
    role_title: str
    provider_lead: bool = False
    matched: bool = True


def _management(text: str, creds: tuple[str, ...]) -> _Seat | None:
    """A management seat when the words name a people manager, else ``None``."""
    if not _MANAGER_WORD.search(text) or _IC_MANAGER.search(text):
        return None
    if _IC_ADMINISTRATOR.search(text) and not re.search(r"\b(manager|director|supervisor)\b", text):
        return None
    cred_role = _credential_role(creds)
    provider_cred = cred_role is not None and ROLE_TEMPLATES[cred_role].kind is SeatKind.PROVIDER
    executive = _first(_EXECUTIVE, text)
    if executive is not None:
        return _Seat(SeatKind.MANAGEMENT, executive, provider_cred)
    if re.search(r"\b(director|vicepresident|vp|head of|chief)\b", text):
        head = "Director"
    elif re.search(r"\b(supervisor|superintendent)\b", text):
        head = "Supervisor"
    else:
        head = "Manager"
    department = _first(_DEPARTMENT_RULES, text)
    if department == "@nursing":
        title = "Director of Nursing" if head == "Director" else "Nurse Manager"
    elif department == "@regional":
        title = "Regional Director" if head == "Director" else "Regional Manager"
    elif department == "@office":
        title = "Office Manager"
    elif department == "@practice":
        title = "Clinic Director" if head == "Director" else "Practice Manager"
    elif department is None:
        title = head
    else:
        title = department_title(department, head)
    lead = ROLE_TEMPLATES[title].provider_lead or provider_cred
    return _Seat(SeatKind.MANAGEMENT, title, lead)


def _role(tokens: tuple[str, ...], creds: tuple[str, ...], levels: frozenset[str]) -> _Seat | None:
    """The non-leadership seat one role's words describe, or ``None`` if nothing matched."""
    text = " ".join(tokens)
    lead_title = _first(_PROVIDER_LEAD, text)
    if lead_title is not None:
        return _Seat(SeatKind.MANAGEMENT, lead_title, True)
    seat = _management(text, creds)
    if seat is not None:
        return seat
    title = (
        _first(_CLINICAL_FIRST, text)
        or _first(_ADMINISTRATIVE, text)
        or _first(_SUPPORT_FIRST, text)
        or _first(_PROVIDERS, text)
        or _first(_SUPPORT, text)
    )
    if title is None:
        generic = _first(_GENERIC, text)
        title = _credential_role(creds) or generic
    if title is None:
        return None
    if title in _DOCTOR_LEAD_TITLE and levels & _LEAD_OVER_DOCTOR:
        # A lead/chief/head dentist or physician leads the other doctors: a provider lead.
        return _Seat(SeatKind.MANAGEMENT, _DOCTOR_LEAD_TITLE[title], True)
    return _Seat(ROLE_TEMPLATES[title].kind, title)


def _level(seat: _Seat, words: frozenset[str], first: str) -> Level:
    """The level the title's words give a seat of this kind (see the module docstring)."""
    if seat.kind is SeatKind.LEADERSHIP:
        return Level.LEAD
    if words & _LEAD_WORDS and not (seat.kind is SeatKind.MANAGEMENT and first == "assistant"):
        return Level.LEAD
    if seat.kind is SeatKind.MANAGEMENT:
        deputy = first in ("assistant", "associate", "deputy")
        if words & _DIRECTOR_LEVEL or seat.role_title in ("Chief Medical Officer",):
            return Level.SENIOR if deputy else Level.LEAD
        if deputy:
            return Level.JUNIOR
    junior = words & _JUNIOR_WORDS
    if seat.kind is SeatKind.PROVIDER:
        junior = junior - {"associate"}
    if junior:
        return Level.JUNIOR
    return Level.SENIOR


# --- splitting and merging -------------------------------------------------------------


@dataclass(slots=True)
class _Unit:
    """One role being assembled from the pieces of a title."""

    tokens: list[str]
    creds: list[str] = field(default_factory=list)
    words: set[str] = field(default_factory=set)
    absorbed: bool = False

    def core(self) -> tuple[str, ...]:
        return tuple(t for t in self.tokens if t not in _STRIP)

    def bare(self) -> bool:
        core = [t for t in self.core() if t not in _CREDENTIALS]
        return not self.absorbed and bool(core) and all(t in _BARE for t in core)


def _prepare(title: str) -> str:
    text = unicodedata.normalize("NFKC", title).casefold()
    for pattern, repl in _SUBS:
        text = pattern.sub(repl, text)
    return text


def _tokens(piece: str) -> list[str]:
    return [_EXPAND.get(t, t) for t in _TOKEN.findall(piece)]


def _piece_kind(tokens: list[str]) -> str:
    """``empty`` (only level/employment words), ``cred``, ``role`` or ``qual``."""
    core = [t for t in tokens if t not in _STRIP]
    if not core:
        return "empty"
    if all(t in _CREDENTIALS or t in _IGNORED_CREDENTIALS for t in core):
        return "cred"
    text = " ".join(core)
    creds = tuple(t for t in core if t in _CREDENTIALS)
    if (
        _LEADER.search(text)
        or _role(tuple(core), creds, frozenset(tokens)) is not None
        or all(t in _BARE for t in core)
    ):
        return "role"
    return "qual"


def _leads_into_next(tokens: list[str], pieces: list[str], index: int) -> bool:
    """True when a department-only piece qualifies the job named in the next piece."""
    core = [t for t in tokens if t not in _STRIP]
    if not core or not all(t in _DEPARTMENT_WORDS for t in core):
        return False
    if index + 2 >= len(pieces) or not _HAT.match(pieces[index + 1]):
        return False
    following = [t for t in _tokens(pieces[index + 2]) if t not in _STRIP]
    return bool(following) and following[-1] in _BARE


def _units(text: str) -> list[_Unit]:
    pieces = _SPLIT.split(text)
    units: list[_Unit] = []
    pending: list[str] = []  # qualifier and level words waiting for the next role
    hat = True
    for index, piece in enumerate(pieces):
        if index % 2 == 1:  # a separator
            hat = bool(_HAT.match(piece))
            continue
        tokens = _tokens(piece)
        if not tokens:
            continue
        kind = _piece_kind(tokens)
        last = units[-1] if units else None
        if kind == "empty":
            if last is not None:
                last.words.update(tokens)
            else:
                pending.extend(tokens)
        elif kind == "cred" and last is not None and not hat:
            last.creds.extend(t for t in tokens if t in _CREDENTIALS)
            last.words.update(tokens)
        elif kind == "qual" and last is not None:
            last.tokens[:0] = tokens  # "RN - Pre-Op" reads as "Pre-Op RN"
            last.words.update(tokens)
        elif kind == "qual":
            pending.extend(tokens)
        elif _leads_into_next(tokens, pieces, index):
            pending.extend(tokens)  # "HR/Payroll Manager": one manager of both
        elif last is not None and last.bare():
            last.tokens[:0] = tokens  # "Manager, Practice" reads as "Practice Manager"
            last.words.update(tokens)
            last.absorbed = True
        else:
            unit = _Unit(tokens=pending + tokens)
            unit.words.update(unit.tokens)
            unit.creds.extend(t for t in tokens if t in _CREDENTIALS)
            pending = []
            units.append(unit)
    if pending:
        if units:
            units[-1].tokens[:0] = pending
            units[-1].words.update(pending)
        else:
            units.append(_Unit(tokens=pending, words=set(pending)))
    return units


def _unit_seats(unit: _Unit) -> list[_Seat]:
    """The seats one assembled role describes: usually one, two for an owner-provider."""
    core = unit.core()
    creds = tuple(unit.creds)
    levels = frozenset(unit.words)
    text = " ".join(core)
    leader = _LEADER.search(text)
    if leader is None:
        seat = _role(core, creds, levels)
        return [seat] if seat is not None else []
    seats = [(leader.start(), _Seat(SeatKind.LEADERSHIP, _leader_title(leader.group(1))))]
    rest_text = _LEADER.sub(" ", text)
    rest = tuple(t for t in rest_text.split() if t not in _LEADER_FILLER)
    other = _role(rest, tuple(t for t in rest if t in _CREDENTIALS), levels) if rest else None
    if other is None:
        cred_role = _credential_role(creds)
        if cred_role is not None and ROLE_TEMPLATES[cred_role].kind is SeatKind.PROVIDER:
            other = _Seat(SeatKind.PROVIDER, cred_role)  # "Owner, DDS" practises too
    if other is not None and other.kind is not SeatKind.LEADERSHIP:
        before = bool(rest) and text.find(rest[0]) < leader.start()
        seats.append((-1 if before else len(text), other))
    return [seat for _, seat in sorted(seats, key=lambda pair: pair[0])]


@lru_cache(maxsize=65536)
def _classify(title: str) -> tuple[TitleClass, ...]:
    cleaned = " ".join(title.split())
    out: list[TitleClass] = []
    seen: set[SeatKind] = set()
    units = _units(_prepare(title))
    owner = any(seat.kind is SeatKind.LEADERSHIP for unit in units for seat in _unit_seats(unit))
    for unit in units:
        first = unit.tokens[0] if unit.tokens else ""
        for seat in _unit_seats(unit):
            if (
                owner
                and seat.kind is SeatKind.MANAGEMENT
                and seat.provider_lead
                and "lead" in unit.words
            ):
                # "Owner & Lead Veterinarian": the owner leads from the leadership seat
                # and still sees patients, so the lead part is a provider seat at lead level.
                practising = _role(tuple(unit.core()), tuple(unit.creds), frozenset())
                if practising is not None and practising.kind is SeatKind.PROVIDER:
                    seat = practising
            if seat.kind in seen:
                continue  # one seat per kind: the first role named wins
            seen.add(seat.kind)
            level = _level(seat, frozenset(unit.words), first)
            out.append(
                TitleClass(seat.kind, seat.role_title, level, seat.provider_lead, seat.matched)
            )
    if not out:
        words = frozenset(_tokens(_prepare(title)))
        fallback = _Seat(SeatKind.ADMINISTRATIVE, cleaned or "Staff", matched=False)
        level = _level(fallback, words, "")
        out.append(TitleClass(fallback.kind, fallback.role_title, level, False, False))
    return tuple(out)


def classify_title(title: str) -> tuple[TitleClass, ...]:
    """Classify a job title into one or more seats (combined titles give several).

    Never raises: an empty or unrecognised title gives one administrative seat with
    ``matched=False``. Results are cached, so re-classifying a roster's repeated titles
    costs a dictionary look-up.
    """
    if not isinstance(title, str):
        title = str(title)
    return _classify(title)


def classify_one(title: str) -> TitleClass:
    """The first (primary) seat of :func:`classify_title`, for callers that need one."""
    return classify_title(title)[0]


# --- the practice's own words ---------------------------------------------------------

# Level and employment-terms words taken off a title to name the role ("Billing Specialist
# II" is the role "Billing Specialist" at senior level); "Lead", "Chief" and "Head" stay:
# "Lead Dental Assistant" is a role of its own.
_OWN_LEVEL = re.compile(
    r"(?i)(?:\(\s*)?\b(?:sr|jr|senior|junior|level\s*[0-9]+|grade\s*[0-9]+|tier\s*[0-9]+"
    r"|i{1,3}|iv|vi?|[1-5]|prn|per\s*diem|part[\s-]*time|full[\s-]*time|pt|ft|float"
    r"|temp|temporary|locum|relief|contract|seasonal)\b\.?(?:\s*\))?"
)
_OWN_SPLIT = re.compile(r"\s*(?:&|/|\+|\band\b|;|\|)\s*|\s+[-–—]\s+", re.I)
_OWN_MAX = 120


def _own_clean(text: str) -> str:
    cleaned = _OWN_LEVEL.sub(" ", text)
    cleaned = " ".join(cleaned.replace("()", " ").split()).strip(" ,-–—/&")
    if cleaned.isupper() and len(cleaned) > 5:  # "MEDICAL ASSISTANT" -> "Medical Assistant"
        cleaned = cleaned.title()
    return cleaned[:_OWN_MAX].strip()


def _is_credential(text: str) -> bool:
    return _piece_kind(_tokens(_prepare(text))) in ("cred", "empty")


def own_role_title(title: str, seat: TitleClass, seats: int = 1) -> str:
    """The role title in the practice's own words for ``seat``, one of the ``seats`` the
    classifier read from ``title``: "Billing Specialist II" -> "Billing Specialist"; the
    part naming this seat of a combined title ("Owner & Lead Veterinarian" -> "Owner" and
    "Lead Veterinarian"). Falls back to the library title when the words are only a
    credential ("Owner/DVM" -> "Veterinarian") or no part names this seat."""
    if not isinstance(title, str) or not seat.matched:
        return seat.role_title
    if seats <= 1:
        own = _own_clean(title)
        return own if own and not _is_credential(own) else seat.role_title
    parts = _OWN_SPLIT.split(title)
    if len(parts) == 1:  # "Owner Dentist": one phrase, two seats; the library names each
        return seat.role_title
    # The longest run of neighbouring parts that all name this seat ("Founder & CEO").
    run: list[str] = []
    for part in [*parts, ""]:
        own = _own_clean(part)
        names_it = bool(own) and not _is_credential(own)
        if names_it:
            found = classify_title(own)
            names_it = any(
                c.matched
                and (c.kind is seat.kind or (seat.kind is SeatKind.PROVIDER and c.provider_lead))
                for c in found
            ) or (
                seat.kind is SeatKind.LEADERSHIP
                and bool(_LEADER.search(" ".join(_tokens(_prepare(own)))))
            )
        if names_it:
            run.append(own)
        elif run:
            break
    return " & ".join(run)[:_OWN_MAX] if run else seat.role_title


def title_states_level(title: str, kind: SeatKind | None = None) -> bool:
    """True when the title's own words say a level ("II", "Senior", "Lead", "Sr.", "I",
    "Director"); the importer reads the level from tenure otherwise. For a provider
    "Associate" names the terms (not an owner), not a level."""
    words = set(_tokens(_prepare(title if isinstance(title, str) else str(title))))
    if kind is SeatKind.PROVIDER:
        words.discard("associate")
    return bool(words & (_LEAD_WORDS | _SENIOR_WORDS | _JUNIOR_WORDS | _DIRECTOR_LEVEL))
