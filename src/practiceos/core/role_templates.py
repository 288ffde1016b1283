"""A catalogue of role templates: the starting definition of each normalised role title.

The title classifier (:mod:`practiceos.core.titles`) maps a messy payroll title to one of
the titles below; the roster importer and the demo generator then create a
:class:`~practiceos.core.model.Role` from the template, so that no imported seat starts
as an undefined "doctor" or "staff" role. A practice is expected to edit the wording.

People-manager roles for the usual departments are generated from one table
(``_DEPARTMENTS``) in three variants (supervisor, manager, director) because they share
their responsibilities and differ only in scope.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from practiceos.core.model import SeatKind


@dataclass(frozen=True, slots=True)
class RoleTemplate:
    """The default definition of a role: what a new role with this title starts from."""

    title: str
    kind: SeatKind
    purpose: str
    responsibilities: tuple[str, ...]
    decision_rights: tuple[str, ...]
    provider_lead: bool = False


_L = SeatKind.LEADERSHIP
_M = SeatKind.MANAGEMENT
_P = SeatKind.PROVIDER
_S = SeatKind.SUPPORT
_A = SeatKind.ADMINISTRATIVE

# (title, kind, purpose, responsibilities, decision rights, provider_lead)
_Row = tuple[str, SeatKind, str, tuple[str, ...], tuple[str, ...], bool]

_OWNER_RESP = (
    "Set the practice's direction, core values and three-year picture",
    "Define what good looks like for each kind of seat",
    "Choose and coach the managers who run day-to-day operations",
    "Review the practice's numbers and priorities every quarter",
)
_OWNER_RIGHTS = (
    "Strategy, new locations and service lines",
    "Hiring and removing direct-report managers",
    "Capital spending above the managers' limits",
)

_ROWS: tuple[_Row, ...] = (
    # --- leadership ----------------------------------------------------------------
    (
        "Owner",
        _L,
        "Owns the business and decides where it is going and what it stands for.",
        _OWNER_RESP,
        _OWNER_RIGHTS,
        False,
    ),
    (
        "Chief Executive Officer",
        _L,
        "Leads the whole organisation towards its vision and holds the managers to account.",
        _OWNER_RESP,
        _OWNER_RIGHTS,
        False,
    ),
    (
        "President",
        _L,
        "Heads the organisation and speaks for its direction and values.",
        _OWNER_RESP,
        _OWNER_RIGHTS,
        False,
    ),
    (
        "Managing Partner",
        _L,
        "Leads the partnership: direction, values and the partners' shared decisions.",
        (*_OWNER_RESP[:3], "Chair the partners' meeting and carry its decisions out"),
        _OWNER_RIGHTS,
        False,
    ),
    (
        "Chair of the Board",
        _L,
        "Leads the board that owns or governs the practice.",
        (
            "Run board meetings and their agenda",
            "Hold the chief executive to account",
            "Guard the long-term direction and values",
        ),
        ("Board agenda", "Appointment of the chief executive"),
        False,
    ),
    # --- general management ----------------------------------------------------------
    (
        "Practice Administrator",
        _M,
        "Runs the business side of the practice so that clinicians can focus on care.",
        (
            "Own the operating budget and monthly results",
            "Staffing, scheduling and payroll approval",
            "Vendor, facility and supply decisions",
            "Coach the department managers",
            "Bring process problems across teams to a fix",
        ),
        (
            "Operating spend within budget",
            "Hiring and scheduling of non-provider staff",
            "Supplier choice",
        ),
        False,
    ),
    (
        "Practice Manager",
        _M,
        "Manages the day-to-day running of a practice location and its staff.",
        (
            "Keep the location staffed and the schedule full",
            "Track the location's weekly numbers",
            "Hold one-to-ones and reviews with direct reports",
            "Fix workflow problems with peers",
        ),
        (
            "Staff schedules and time off",
            "Purchases within the location budget",
            "Local process changes",
        ),
        False,
    ),
    (
        "Office Manager",
        _M,
        "Keeps the office running smoothly: people, schedule, supplies and the patient flow.",
        (
            "Supervise front-office and support staff",
            "Manage supplies, equipment and vendors",
            "Watch collections and the daily schedule",
            "Onboard and train new staff",
        ),
        ("Staff schedules and coverage", "Office purchases within budget"),
        False,
    ),
    (
        "Clinic Director",
        _M,
        "Runs a clinic: its team, its numbers and the experience patients have there.",
        (
            "Hit the clinic's volume and visit targets",
            "Coach and review the clinic's staff",
            "Own patient-experience results",
            "Work with peer directors on shared processes",
        ),
        ("Clinic schedule templates", "Hiring for the clinic", "Local spend within budget"),
        False,
    ),
    (
        "Regional Manager",
        _M,
        "Manages a group of locations and the managers who run them.",
        (
            "Coach location managers to their numbers",
            "Compare locations and spread what works",
            "Open plans when a location is off track",
        ),
        ("Location manager hiring", "Moving staff between locations"),
        False,
    ),
    (
        "Regional Director",
        _M,
        "Leads a region's locations, their managers and their results.",
        (
            "Set the region's targets with the executives",
            "Coach and review location managers",
            "Plan openings, staffing and capital for the region",
        ),
        ("Regional budget", "Hiring location managers"),
        False,
    ),
    (
        "Executive Director",
        _M,
        "Runs the whole operation on behalf of the owners and reports to them.",
        (
            "Translate the owners' direction into annual goals",
            "Manage the senior managers",
            "Own the budget and operating results",
            "Report progress to the owners or board",
        ),
        ("Operating budget", "Senior management hiring", "Policies and procedures"),
        False,
    ),
    (
        "Chief Operating Officer",
        _M,
        "Leads operations across the organisation so the vision turns into daily results.",
        (
            "Own operating targets and the management team",
            "Standardise processes across sites",
            "Plan capacity and staffing",
        ),
        ("Operating policies", "Operations budget", "Senior operations hires"),
        False,
    ),
    (
        "Chief Financial Officer",
        _M,
        "Leads finance: cash, budgets, reporting and the financial health of the practice.",
        (
            "Produce budgets, forecasts and monthly reporting",
            "Manage cash and banking",
            "Lead the finance and revenue-cycle managers",
        ),
        ("Financial controls and approval limits", "Finance team hiring"),
        False,
    ),
    (
        "Chief Information Officer",
        _M,
        "Leads technology: systems, data, security and the IT team.",
        (
            "Choose and run the clinical and business systems",
            "Keep data secure and available",
            "Manage the IT staff and vendors",
        ),
        ("Technology vendors and standards", "IT budget"),
        False,
    ),
    (
        "Chief Nursing Officer",
        _M,
        "Leads nursing practice and the nurse managers across the organisation.",
        (
            "Set nursing standards and staffing models",
            "Manage the nurse managers",
            "Own nursing quality and safety measures",
        ),
        ("Nursing policies", "Nurse staffing levels", "Nurse manager hiring"),
        False,
    ),
    (
        "Director of Nursing",
        _M,
        "Manages the nursing team: staffing, standards, training and quality of care.",
        (
            "Staff and schedule the nurses",
            "Coach and review nursing staff",
            "Keep clinical protocols current",
            "Track nursing quality measures",
        ),
        ("Nurse schedules and assignments", "Nursing procedures", "Nurse hiring"),
        False,
    ),
    (
        "Nurse Manager",
        _M,
        "Manages a unit's nurses and clinical support staff day to day.",
        (
            "Make the daily staffing assignments",
            "Hold one-to-ones and reviews",
            "Fix process problems with the providers' managers",
            "Keep competencies current",
        ),
        ("Unit staffing and breaks", "Unit procedures"),
        False,
    ),
    (
        "Manager",
        _M,
        "Manages a team of staff and the results they produce.",
        (
            "Set weekly targets with the team",
            "Coach and review each direct report",
            "Solve process problems with peer managers",
        ),
        ("Team schedules", "Team procedures"),
        False,
    ),
    (
        "Supervisor",
        _M,
        "Supervises a team's daily work and coaches its members.",
        ("Assign the day's work", "Coach staff and flag problems early", "Keep the team trained"),
        ("Daily assignments", "Shift coverage"),
        False,
    ),
    (
        "Director",
        _M,
        "Leads a department, its managers and its results.",
        ("Set the department's goals", "Manage and coach its managers", "Own its budget"),
        ("Department budget", "Department hiring"),
        False,
    ),
    # --- provider leads (management seats that legitimately manage providers) --------
    (
        "Medical Director",
        _M,
        "Leads the clinicians: clinical standards, provider performance and medical decisions.",
        (
            "Set clinical protocols and quality standards",
            "Review provider productivity and outcomes",
            "Open plans with providers who are off track",
            "Mentor new providers",
            "Carry a reduced clinical schedule",
        ),
        ("Clinical protocols", "Provider schedules and case mix", "Provider hiring with the owner"),
        True,
    ),
    (
        "Chief Medical Officer",
        _M,
        "Leads the medical staff across the organisation and answers for clinical quality.",
        (
            "Manage the medical directors",
            "Own clinical quality and risk",
            "Set provider productivity and outcome expectations",
        ),
        ("Clinical policy", "Provider compensation design with finance", "Medical director hiring"),
        True,
    ),
    (
        "Clinical Director",
        _M,
        "Manages the clinical team, including the therapists or clinicians, and their results.",
        (
            "Coach clinicians on outcomes and productivity",
            "Review documentation and quality",
            "Plan clinical schedules and caseloads",
            "Carry a partial caseload",
        ),
        ("Clinical schedules", "Clinical procedures", "Clinician hiring"),
        True,
    ),
    (
        "Dental Director",
        _M,
        "Leads the dentists: clinical standards, peer review and dentist performance.",
        (
            "Set clinical standards for restorative and hygiene care",
            "Review dentists' production",
            "Mentor associate dentists",
            "Open plans when a dentist is off track",
        ),
        ("Clinical protocols", "Dentist schedules", "Associate dentist hiring with the owner"),
        True,
    ),
    (
        "Lead Dentist",
        _M,
        "The dentist who leads an office's clinical team and its other dentists.",
        (
            "Mentor and review the office's associate dentists",
            "Hold clinical case reviews",
            "Agree treatment standards with the hygiene team",
            "Keep a full clinical schedule",
        ),
        ("Clinical case standards", "Dentist schedule templates"),
        True,
    ),
    (
        "Chief of Surgery",
        _M,
        "Leads the surgeons: case standards, outcomes and surgeon performance.",
        (
            "Review surgical outcomes and complications",
            "Set block-time and case-mix rules",
            "Mentor and review surgeons",
            "Keep an operating schedule",
        ),
        ("Block time allocation", "Surgical protocols"),
        True,
    ),
    # --- providers ---------------------------------------------------------------
    (
        "Physician",
        _P,
        "Diagnoses and treats patients within the practice's specialty.",
        (
            "See the scheduled patient panel",
            "Document and sign charts on time",
            "Direct the care of nurses and medical assistants on the case",
            "Meet productivity and outcome targets",
        ),
        ("Diagnosis and treatment plans", "Orders and referrals"),
        False,
    ),
    (
        "Surgeon",
        _P,
        "Performs operations and follows surgical patients through recovery.",
        (
            "Run the scheduled operating and clinic sessions",
            "Consent and follow up patients",
            "Keep operative notes complete",
            "Meet case-volume and outcome targets",
        ),
        ("Surgical plan and technique", "Whether a case goes ahead"),
        False,
    ),
    (
        "Orthopedic Surgeon",
        _P,
        "Treats bone, joint and soft-tissue problems, in clinic and in theatre.",
        (
            "Run clinic and operating sessions",
            "Decide between operative and conservative care",
            "Keep notes and follow-ups on time",
            "Meet case-volume and outcome targets",
        ),
        ("Surgical plan and implant choice within the formulary", "Whether a case goes ahead"),
        False,
    ),
    (
        "Oral Surgeon",
        _P,
        "Performs extractions, implants and jaw surgery.",
        ("Run surgical sessions", "Consult and consent patients", "Coordinate with referrers"),
        ("Surgical plan", "Sedation approach"),
        False,
    ),
    (
        "Podiatrist",
        _P,
        "Treats foot and ankle conditions medically and surgically.",
        (
            "See the scheduled panel",
            "Perform office procedures and surgery",
            "Document and follow up",
        ),
        ("Treatment plan", "Procedure choice"),
        False,
    ),
    (
        "Nurse Practitioner",
        _P,
        "Examines, diagnoses and treats patients as a licensed clinician.",
        (
            "See the scheduled panel",
            "Order and interpret tests",
            "Document on time",
            "Meet visit and quality targets",
        ),
        ("Treatment plans within scope", "Prescriptions within scope"),
        False,
    ),
    (
        "Physician Assistant",
        _P,
        "Examines, diagnoses and treats patients in collaboration with physicians.",
        (
            "See clinic patients",
            "Assist in surgery when scheduled",
            "Document on time",
            "Meet visit and quality targets",
        ),
        ("Treatment plans within scope", "Prescriptions within scope"),
        False,
    ),
    (
        "Advanced Practice Provider",
        _P,
        "A nurse practitioner or physician assistant seeing patients independently.",
        (
            "See the scheduled panel",
            "Coordinate with the supervising physician",
            "Document and follow up",
        ),
        ("Treatment plans within scope", "Orders within scope"),
        False,
    ),
    (
        "Nurse Anesthetist",
        _P,
        "Gives and monitors anesthesia for procedures.",
        (
            "Assess patients before anesthesia",
            "Deliver and monitor anesthesia",
            "Hand over safely to recovery",
        ),
        ("Anesthetic plan within scope", "Whether a patient is fit to proceed"),
        False,
    ),
    (
        "Certified Nurse Midwife",
        _P,
        "Cares for patients through pregnancy, birth and after.",
        ("See prenatal and postpartum patients", "Attend births", "Refer complications"),
        ("Care plan within scope", "When to refer to a physician"),
        False,
    ),
    (
        "Dentist",
        _P,
        "Diagnoses and treats oral health problems and plans restorative care.",
        (
            "Examine and diagnose patients",
            "Deliver restorative treatment",
            "Present treatment plans",
            "Meet production and quality targets",
        ),
        ("Diagnosis and treatment plan", "Referral to specialists"),
        False,
    ),
    (
        "Dental Specialist",
        _P,
        "A dentist in a specialty (endodontics, periodontics, prosthodontics, pediatrics).",
        (
            "Treat referred patients in the specialty",
            "Report back to referring dentists",
            "Meet production and quality targets",
        ),
        ("Specialty treatment plan", "Accepting referrals"),
        False,
    ),
    (
        "Orthodontist",
        _P,
        "Plans and supervises tooth and jaw alignment treatment.",
        (
            "Examine and plan new starts",
            "Supervise adjustments by assistants",
            "Track treatment progress and finishes",
        ),
        ("Treatment plan and appliance choice", "Case acceptance"),
        False,
    ),
    (
        "Dental Hygienist",
        _P,
        "A licensed clinician who runs their own hygiene schedule of cleanings and periodontal care.",
        (
            "Provide cleanings, periodontal therapy and screenings",
            "Record findings for the dentist",
            "Educate patients on home care",
            "Meet hygiene production and recall targets",
        ),
        ("Hygiene treatment within scope", "Recall interval recommendation"),
        False,
    ),
    (
        "Physical Therapist",
        _P,
        "Evaluates patients and treats movement problems.",
        (
            "Evaluate and write plans of care",
            "Treat the scheduled caseload",
            "Supervise assistants and aides on the plan",
            "Meet visit and outcome targets",
        ),
        ("Plan of care", "Discharge"),
        False,
    ),
    (
        "Occupational Therapist",
        _P,
        "Helps patients regain daily function after injury or illness.",
        ("Evaluate and plan care", "Treat the caseload", "Fabricate splints when needed"),
        ("Plan of care", "Discharge"),
        False,
    ),
    (
        "Speech-Language Pathologist",
        _P,
        "Assesses and treats speech, language and swallowing.",
        ("Assess and plan care", "Treat the caseload", "Document progress"),
        ("Plan of care", "Discharge"),
        False,
    ),
    (
        "Chiropractor",
        _P,
        "Treats musculoskeletal problems with manual therapy.",
        ("Examine and plan care", "Treat scheduled patients", "Document and re-evaluate"),
        ("Care plan", "Referral out"),
        False,
    ),
    (
        "Optometrist",
        _P,
        "Examines eyes, prescribes correction and spots eye disease.",
        ("Run eye examinations", "Prescribe lenses and treatments", "Refer disease to specialists"),
        ("Prescriptions", "Referrals"),
        False,
    ),
    (
        "Audiologist",
        _P,
        "Tests hearing and balance and fits hearing devices.",
        ("Run hearing tests", "Fit and adjust devices", "Counsel patients"),
        ("Device recommendation", "Referral"),
        False,
    ),
    (
        "Psychologist",
        _P,
        "Assesses and treats mental-health conditions.",
        ("Run assessments", "Provide therapy sessions", "Keep records and outcome measures"),
        ("Treatment approach", "Referral for medication"),
        False,
    ),
    (
        "Behavioral Health Therapist",
        _P,
        "A licensed counsellor or social worker providing therapy.",
        (
            "Hold scheduled sessions",
            "Keep treatment plans and notes current",
            "Coordinate with prescribers",
        ),
        ("Treatment approach", "Session frequency"),
        False,
    ),
    (
        "Registered Dietitian",
        _P,
        "Provides nutrition assessment and therapy.",
        ("Assess and counsel patients", "Write nutrition plans", "Report to referrers"),
        ("Nutrition plan", "Follow-up interval"),
        False,
    ),
    (
        "Veterinarian",
        _P,
        "Examines, diagnoses and treats animals, medically and surgically.",
        (
            "See appointments and work-ins",
            "Perform surgery and dentistry",
            "Direct technicians on each case",
            "Meet production and client-experience targets",
        ),
        ("Diagnosis and treatment plan", "Euthanasia and referral decisions with the client"),
        False,
    ),
    (
        "Provider",
        _P,
        "A licensed clinician who sees patients under their own name.",
        ("See the scheduled panel", "Document on time", "Meet visit and quality targets"),
        ("Treatment within scope", "Referral"),
        False,
    ),
    # --- support -----------------------------------------------------------------
    (
        "Registered Nurse",
        _S,
        "Delivers and coordinates nursing care for the providers' patients.",
        (
            "Assess and prepare patients",
            "Give medication and treatments as ordered",
            "Educate patients and families",
            "Triage calls and messages",
        ),
        ("Nursing assessment", "When to escalate to a provider"),
        False,
    ),
    (
        "Licensed Practical Nurse",
        _S,
        "Provides basic nursing care under RN or provider direction.",
        (
            "Room patients and take vitals",
            "Give injections and medication as ordered",
            "Update the chart",
        ),
        ("Order of rooming", "When to call the RN or provider"),
        False,
    ),
    (
        "Nursing Assistant",
        _S,
        "Helps patients with care and comfort and supports the nurses.",
        ("Take vitals", "Help patients move and prepare", "Keep rooms stocked"),
        ("Order of routine tasks", "When to call a nurse"),
        False,
    ),
    (
        "Medical Assistant",
        _S,
        "Keeps the provider's clinic flowing: rooming, vitals and follow-up.",
        (
            "Room patients and record vitals and history",
            "Assist with procedures",
            "Handle refills and messages as delegated",
            "Keep rooms clean and stocked",
        ),
        ("Rooming order", "Restocking"),
        False,
    ),
    (
        "Medical Scribe",
        _S,
        "Documents visits in real time so the provider can focus on the patient.",
        ("Record the encounter", "Queue orders for signature", "Keep the chart complete"),
        ("Note layout", "Flagging gaps to the provider"),
        False,
    ),
    (
        "Phlebotomist",
        _S,
        "Draws blood and prepares specimens.",
        ("Collect specimens", "Label and send them correctly", "Keep the draw station stocked"),
        ("Draw order", "Recollection when a sample is unfit"),
        False,
    ),
    (
        "Laboratory Technician",
        _S,
        "Runs in-house tests and keeps the lab in control.",
        ("Run tests and report results", "Run quality controls", "Maintain analysers"),
        ("Rejecting unfit specimens", "Rerunning failed controls"),
        False,
    ),
    (
        "Surgical Technologist",
        _S,
        "Prepares and passes instruments and keeps the sterile field.",
        (
            "Set up the sterile field and instruments",
            "Anticipate the surgeon's needs",
            "Count instruments and sponges",
            "Turn over the room",
        ),
        ("Sterile field breaks", "Instrument set preparation"),
        False,
    ),
    (
        "Surgical First Assistant",
        _S,
        "Assists the surgeon directly during operations.",
        (
            "Expose, retract and close as directed",
            "Help position the patient",
            "Keep the surgeon's preference cards current",
        ),
        ("Assisting technique within scope", "Room set-up"),
        False,
    ),
    (
        "Sterile Processing Technician",
        _S,
        "Cleans, sterilises and assembles instruments.",
        ("Decontaminate and sterilise instruments", "Assemble sets", "Log sterilisation loads"),
        ("Pulling a set that fails inspection", "Load order"),
        False,
    ),
    (
        "Radiologic Technologist",
        _S,
        "Takes diagnostic X-ray images safely.",
        (
            "Position patients and capture images",
            "Apply radiation safety",
            "Send images to the reading provider",
        ),
        ("Retakes", "Image protocol within the order"),
        False,
    ),
    (
        "CT Technologist",
        _S,
        "Performs CT scans.",
        ("Prepare and scan patients", "Give contrast as ordered", "Check image quality"),
        ("Retakes", "Scan protocol within the order"),
        False,
    ),
    (
        "MRI Technologist",
        _S,
        "Performs MRI scans and keeps the magnet room safe.",
        ("Screen patients for MRI safety", "Scan to protocol", "Check image quality"),
        ("Stopping an unsafe scan", "Sequence choice within protocol"),
        False,
    ),
    (
        "Diagnostic Medical Sonographer",
        _S,
        "Performs ultrasound examinations.",
        ("Scan to protocol", "Record measurements", "Flag urgent findings"),
        ("Additional views", "Escalating urgent findings"),
        False,
    ),
    (
        "Dental Assistant",
        _S,
        "Assists the dentist chairside and keeps the operatory ready.",
        (
            "Seat patients and prepare trays",
            "Assist chairside",
            "Take radiographs",
            "Sterilise instruments",
        ),
        ("Operatory set-up", "Restocking"),
        False,
    ),
    (
        "Physical Therapist Assistant",
        _S,
        "Treats patients under the therapist's plan of care.",
        ("Carry out treatments on the plan", "Record progress", "Flag changes to the therapist"),
        ("Exercise progression within the plan", "Session order"),
        False,
    ),
    (
        "Occupational Therapy Assistant",
        _S,
        "Treats patients under the occupational therapist's plan.",
        ("Carry out treatments on the plan", "Record progress", "Flag changes to the therapist"),
        ("Activity choice within the plan", "Session order"),
        False,
    ),
    (
        "Speech-Language Pathology Assistant",
        _S,
        "Carries out speech therapy under an SLP's plan.",
        ("Deliver planned sessions", "Record progress", "Prepare materials"),
        ("Activity choice within the plan", "Session order"),
        False,
    ),
    (
        "Rehab Aide",
        _S,
        "Keeps the rehab clinic running so therapists can treat.",
        ("Set up equipment and modalities", "Clean and turn over tables", "Guide exercises as set"),
        ("Task order between sessions", "Restocking"),
        False,
    ),
    (
        "Athletic Trainer",
        _S,
        "Supports physicians and therapists with injury care and rehab.",
        ("Take histories and assist exams", "Fit braces and splints", "Teach home programmes"),
        ("Bracing choice within protocol", "Escalation to the physician"),
        False,
    ),
    (
        "Ophthalmic Technician",
        _S,
        "Runs the eye-clinic work-up before the doctor sees the patient.",
        (
            "Take histories and measure vision and pressure",
            "Run diagnostic imaging",
            "Prepare patients for procedures",
        ),
        ("Test order within protocol", "Escalating urgent findings"),
        False,
    ),
    (
        "Veterinary Technician",
        _S,
        "Provides nursing, anaesthesia and lab work for the veterinarians.",
        (
            "Monitor anaesthesia",
            "Place catheters and give treatments",
            "Run lab samples",
            "Educate clients on home care",
        ),
        ("Treatment sheet order", "Escalating changes to the veterinarian"),
        False,
    ),
    (
        "Veterinary Assistant",
        _S,
        "Supports the technicians and veterinarians with animal care.",
        ("Restrain and care for patients", "Clean kennels and equipment", "Stock rooms"),
        ("Order of husbandry tasks", "Restocking"),
        False,
    ),
    (
        "Pharmacy Technician",
        _S,
        "Prepares medication under a pharmacist's or provider's check.",
        ("Prepare and label medication", "Manage stock", "Process refills"),
        ("Stock reorder", "Flagging interactions"),
        False,
    ),
    (
        "Clinical Technician",
        _S,
        "Runs a specialised clinical test or procedure step (EKG, casting, sleep study).",
        ("Perform the assigned tests or procedures", "Maintain equipment", "Record results"),
        ("Repeating a failed test", "Equipment set-up"),
        False,
    ),
    # --- administrative ------------------------------------------------------------
    (
        "Front Desk Coordinator",
        _A,
        "Welcomes patients and keeps check-in and check-out accurate.",
        (
            "Greet, check in and check out patients",
            "Verify demographics and insurance",
            "Collect co-pays and balances",
            "Answer the phone and book appointments",
        ),
        ("Schedule changes within the template", "Waiving small fees within policy"),
        False,
    ),
    (
        "Patient Service Representative",
        _A,
        "The first contact for patients, by phone and in person.",
        ("Answer calls and messages", "Book and confirm appointments", "Register new patients"),
        ("Booking within the template", "Routing calls"),
        False,
    ),
    (
        "Scheduler",
        _A,
        "Books appointments and procedures so schedules stay full and right.",
        ("Book and confirm appointments", "Fill cancellations", "Prepare the next day's schedule"),
        ("Slot choice within templates", "Wait-list order"),
        False,
    ),
    (
        "Surgical Coordinator",
        _A,
        "Arranges surgeries from booking through authorisation.",
        (
            "Book cases and facilities",
            "Obtain authorisations",
            "Prepare patients' paperwork",
            "Quote patient costs",
        ),
        ("Case dates within the surgeon's block", "Rescheduling"),
        False,
    ),
    (
        "Referral Coordinator",
        _A,
        "Moves referrals and authorisations through quickly.",
        (
            "Process incoming and outgoing referrals",
            "Obtain prior authorisations",
            "Track open referrals",
        ),
        ("Referral priority order", "Chasing overdue authorisations"),
        False,
    ),
    (
        "Insurance Coordinator",
        _A,
        "Verifies coverage and explains costs to patients.",
        (
            "Verify benefits before visits",
            "Explain estimates to patients",
            "Update insurance records",
        ),
        ("Payment plan set-up within policy", "Estimate method"),
        False,
    ),
    (
        "Treatment Coordinator",
        _A,
        "Presents treatment plans and arranges financing.",
        ("Present treatment plans and fees", "Arrange financing", "Track unscheduled treatment"),
        ("Payment options within policy", "Follow-up order"),
        False,
    ),
    (
        "Care Coordinator",
        _A,
        "Coordinates appointments and services across a patient's care.",
        ("Arrange follow-ups and outside services", "Keep patients informed", "Close care gaps"),
        ("Follow-up order", "Escalating to clinical staff"),
        False,
    ),
    (
        "Medical Records Specialist",
        _A,
        "Keeps patient records complete, correct and private.",
        (
            "File and index documents",
            "Release records on valid requests",
            "Audit chart completeness",
        ),
        ("Release of information within policy", "Filing standard"),
        False,
    ),
    (
        "Medical Biller",
        _A,
        "Turns visits into clean claims and follows them until paid.",
        (
            "Submit claims",
            "Work denials and rejections",
            "Post payments",
            "Answer patient billing calls",
        ),
        ("Claim corrections", "Small-balance adjustments within policy"),
        False,
    ),
    (
        "Medical Coder",
        _A,
        "Assigns accurate codes to visits and procedures.",
        (
            "Code encounters and operative notes",
            "Query providers on unclear notes",
            "Keep up with coding changes",
        ),
        ("Code selection", "Provider queries"),
        False,
    ),
    (
        "Revenue Cycle Specialist",
        _A,
        "Keeps receivables moving: posting, follow-up and collections.",
        (
            "Post payments",
            "Follow up unpaid claims",
            "Work patient balances and collections",
            "Report ageing",
        ),
        ("Payment plans within policy", "Follow-up order"),
        False,
    ),
    (
        "Credentialing Specialist",
        _A,
        "Keeps providers credentialed and enrolled with payers.",
        ("Prepare credentialing applications", "Track expirations", "Enrol providers with payers"),
        ("Application order", "Chasing payers"),
        False,
    ),
    (
        "HR Generalist",
        _A,
        "Runs the people processes: hiring paperwork, benefits and policies.",
        (
            "Onboard and offboard staff",
            "Administer benefits and leave",
            "Keep personnel files",
            "Advise managers on policy",
        ),
        ("HR forms and process", "Policy interpretation for routine cases"),
        False,
    ),
    (
        "Recruiter",
        _A,
        "Finds and hires the people the managers need.",
        ("Post jobs and source candidates", "Screen and schedule interviews", "Make offers"),
        ("Candidate shortlist", "Sourcing channels"),
        False,
    ),
    (
        "Payroll Specialist",
        _A,
        "Pays everyone correctly and on time.",
        ("Run payroll", "Keep time and pay records", "File payroll taxes"),
        ("Payroll corrections within policy", "Payroll calendar"),
        False,
    ),
    (
        "Accountant",
        _A,
        "Keeps the books accurate and closes each month.",
        ("Record transactions and reconcile accounts", "Pay vendors", "Prepare monthly close"),
        ("Account coding", "Reconciling items"),
        False,
    ),
    (
        "Data Analyst",
        _A,
        "Turns practice data into reports managers can act on.",
        ("Build and maintain reports", "Answer data questions", "Check data quality"),
        ("Report design", "Data definitions"),
        False,
    ),
    (
        "IT Specialist",
        _A,
        "Keeps computers, systems and the EHR working for everyone.",
        ("Resolve support tickets", "Set up users and devices", "Maintain systems and backups"),
        ("Ticket priority", "Device configuration"),
        False,
    ),
    (
        "Marketing Coordinator",
        _A,
        "Brings in new patients and keeps the practice visible.",
        (
            "Run campaigns and social media",
            "Maintain the website and listings",
            "Track lead sources",
        ),
        ("Content calendar", "Spend within the campaign budget"),
        False,
    ),
    (
        "Physician Liaison",
        _A,
        "Builds referral relationships with outside providers.",
        ("Visit referring offices", "Track referral volume", "Solve referrers' problems"),
        ("Visit plan", "Referrer follow-up"),
        False,
    ),
    (
        "Administrative Assistant",
        _A,
        "Keeps administrative work moving for the team it supports.",
        ("Manage calendars and correspondence", "Prepare documents", "Order supplies"),
        ("Calendar priorities as delegated", "Office supply orders"),
        False,
    ),
    (
        "Compliance Specialist",
        _A,
        "Keeps the practice within regulations and its own policies.",
        ("Run audits", "Keep policies and training current", "Investigate reported issues"),
        ("Audit schedule", "Escalating findings"),
        False,
    ),
    (
        "Facilities Technician",
        _A,
        "Keeps buildings, equipment and premises clean, safe and working.",
        ("Clean and maintain premises", "Fix or schedule repairs", "Run deliveries and errands"),
        ("Repair priority", "Vendor call-outs within limits"),
        False,
    ),
    (
        "Purchasing Coordinator",
        _A,
        "Buys supplies at the right price and keeps stock in balance.",
        ("Place orders", "Track inventory levels", "Compare vendors"),
        ("Reorder quantities", "Vendor choice within contracts"),
        False,
    ),
    (
        "Project Manager",
        _A,
        "Delivers projects on time without managing staff directly.",
        ("Plan project tasks and dates", "Coordinate the people involved", "Report progress"),
        ("Project plan", "Meeting cadence"),
        False,
    ),
    (
        "Trainer",
        _A,
        "Teaches staff the systems and processes they use.",
        (
            "Run onboarding and system training",
            "Keep training material current",
            "Check staff competence",
        ),
        ("Training content", "Training schedule"),
        False,
    ),
)

# Department manager roles: key -> (area name for titles, what it covers, responsibilities,
# decision rights, provider_lead). A hygiene or rehab manager manages licensed providers.
_DEPARTMENTS: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...], bool], ...] = (
    (
        "Surgical Services",
        "the operating rooms, their staff and the surgical schedule",
        (
            "Staff each room with nurses and techs",
            "Keep turnover and first-case starts on time",
            "Manage supplies and instrument sets",
            "Fix flow problems with the surgeons' manager",
        ),
        ("Room assignments", "Surgical staff schedules", "Supply par levels"),
        False,
    ),
    (
        "Front Office",
        "check-in, scheduling, phones and the patient's first impression",
        (
            "Staff the desk and phones",
            "Track call, scheduling and collection-at-visit numbers",
            "Coach and review front-office staff",
            "Improve the check-in process",
        ),
        ("Front-office schedules", "Scripts and procedures"),
        False,
    ),
    (
        "Billing",
        "claims, payments and receivables",
        (
            "Track days in AR, denials and collections",
            "Assign and review billing work",
            "Coach and review billing staff",
            "Fix charge-capture problems with peers",
        ),
        ("Write-offs within limits", "Work assignments", "Billing procedures"),
        False,
    ),
    (
        "Clinical",
        "the medical or dental assistants and clinical support staff",
        (
            "Schedule support staff to the providers they serve",
            "Coach and review support staff",
            "Keep competencies and rooms to standard",
            "Fix clinic flow with the provider lead",
        ),
        ("Support staff assignments", "Clinical support procedures"),
        False,
    ),
    (
        "Imaging",
        "the imaging equipment, technologists and schedule",
        (
            "Staff each modality",
            "Keep equipment and safety checks current",
            "Track turnaround and volume",
        ),
        ("Technologist schedules", "Imaging procedures"),
        False,
    ),
    (
        "Rehab",
        "the therapists, assistants and aides and their caseloads",
        (
            "Review therapists' visits and outcomes",
            "Plan caseloads and schedules",
            "Coach and review clinical staff",
            "Carry a partial caseload",
        ),
        ("Therapist schedules", "Clinical procedures", "Therapy staff hiring"),
        True,
    ),
    (
        "Hygiene",
        "the hygienists, their schedules and the recall system",
        (
            "Review hygiene production and recall",
            "Coach and calibrate hygienists",
            "Keep periodontal protocols current",
        ),
        ("Hygiene schedule templates", "Hygiene protocols"),
        True,
    ),
    (
        "Laboratory",
        "the in-house lab, its staff and its quality control",
        ("Staff the lab", "Keep quality control and compliance current", "Track turnaround"),
        ("Lab procedures", "Lab staff schedules"),
        False,
    ),
    (
        "Sterile Processing",
        "instrument reprocessing and its staff",
        (
            "Staff the department",
            "Track set readiness and errors",
            "Keep to sterilisation standards",
        ),
        ("Reprocessing procedures", "Staff schedules"),
        False,
    ),
    (
        "Human Resources",
        "hiring, onboarding, benefits and people policies",
        (
            "Run recruitment and onboarding",
            "Keep policies compliant",
            "Support managers on reviews",
        ),
        ("HR policy drafts", "Benefits administration"),
        False,
    ),
    (
        "IT",
        "systems, devices, security and the support desk",
        ("Run the support desk", "Keep systems secure and backed up", "Manage IT vendors"),
        ("IT procedures", "Device standards"),
        False,
    ),
    (
        "Marketing",
        "the practice's brand, campaigns and new-patient flow",
        ("Plan campaigns and budgets", "Track new-patient sources", "Manage marketing staff"),
        ("Campaign choices", "Marketing spend within budget"),
        False,
    ),
    (
        "Finance",
        "accounting, budgets and financial reporting",
        ("Close the books each month", "Prepare budgets and forecasts", "Manage finance staff"),
        ("Account policies", "Payments within limits"),
        False,
    ),
    (
        "Operations",
        "daily operations across teams or locations",
        ("Track operating numbers", "Coach the managers who report in", "Standardise processes"),
        ("Operating procedures", "Resource moves between teams"),
        False,
    ),
    (
        "Quality",
        "quality, safety and compliance programmes",
        ("Run audits and incident reviews", "Track quality measures", "Lead improvement projects"),
        ("Audit plans", "Corrective actions"),
        False,
    ),
)

# Director titles that do not read well as "Director of <department>".
_DIRECTOR_NAMES = {
    "Clinical": "Director of Clinical Operations",
    "Rehab": "Director of Rehabilitation",
}

_VARIANTS = (
    ("Supervisor", "Supervises day to day"),
    ("Manager", "Manages"),
    ("Director", "Leads, through its managers,"),
)


def department_title(department: str, head: str) -> str:
    """The normalised title of a department's people manager, e.g. ``Billing Manager``."""
    if head == "Director":
        return _DIRECTOR_NAMES.get(department, f"Director of {department}")
    return f"{department} {head}"


def _department_templates() -> dict[str, RoleTemplate]:
    out: dict[str, RoleTemplate] = {}
    for name, scope, resp, rights, lead in _DEPARTMENTS:
        for head, verb in _VARIANTS:
            title = department_title(name, head)
            out[title] = RoleTemplate(
                title=title,
                kind=_M,
                purpose=f"{verb} {scope}.",
                responsibilities=resp,
                decision_rights=rights,
                provider_lead=lead,
            )
    return out


def _build() -> Mapping[str, RoleTemplate]:
    out = _department_templates()
    for title, kind, purpose, resp, rights, lead in _ROWS:
        out[title] = RoleTemplate(title, kind, purpose, resp, rights, lead)
    return MappingProxyType(out)


ROLE_TEMPLATES: Mapping[str, RoleTemplate] = _build()
"""Every role template, keyed by its normalised title."""

_BY_FOLDED = {title.casefold(): template for title, template in ROLE_TEMPLATES.items()}


def template_for(role_title: str) -> RoleTemplate | None:
    """The template for a normalised role title (case-insensitive), or ``None``."""
    return _BY_FOLDED.get(" ".join(role_title.split()).casefold())
