"""Write the sample roster exports in this folder (run once; the outputs are committed).

Each sample imitates one vendor's export, including its byte-level habits (BOM, code
page, delimiter), so the tests exercise the same decoding a real upload needs. The
``.xlsx`` sample is built at test time by :func:`paylocity_workbook` instead of being
committed as a binary.

    .venv/bin/python tests/data/roster/make_samples.py
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _csv(rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


# BambooHR custom report, dental practice, UTF-8 with BOM, managers as "Last, First".
# "Employment Status" is Full-Time/Part-Time; "Status" is Active/Inactive.
BAMBOOHR = [
    ["Employee #", "Last Name", "First Name", "Preferred Name", "Job Title", "Department",
     "Location", "Reporting to", "Work Email", "Hire Date", "Termination Date",
     "Employment Status", "Status"],
    ["E001", "Reyes", "Daniela", "", "Owner & Lead Dentist", "Clinical", "Maple Street",
     "", "daniela.reyes@brightsmile.example", "2012-05-01", "", "Full-Time", "Active"],
    ["E002", "Okafor", "Chinedu", "Chi", "Office Manager", "Administration", "Maple Street",
     "Reyes, Daniela", "chi.okafor@brightsmile.example", "2015-09-14", "", "Full-Time",
     "Active"],
    ["E003", "Lindqvist", "Maja", "", "Associate Dentist", "Clinical", "Maple Street",
     "Reyes, Daniela", "maja.lindqvist@brightsmile.example", "2018-01-08", "", "Full-Time",
     "Active"],
    ["E004", "Patel", "Anish", "", "Associate Dentist", "Clinical", "Riverside",
     "Reyes, Daniela", "anish.patel@brightsmile.example", "2020-06-01", "", "Part-Time",
     "Active"],
    ["E005", "Brennan", "Kate", "", "Dental Hygienist", "Clinical", "Maple Street",
     "Okafor, Chinedu", "kate.brennan@brightsmile.example", "2016-03-21", "", "Full-Time",
     "Active"],
    ["E006", "Nguyen", "Thi", "Tina", "Dental Hygienist", "Clinical", "Riverside",
     "Okafor, Chinedu", "tina.nguyen@brightsmile.example", "2019-11-04", "", "Part-Time",
     "Active"],
    ["E007", "Haddad", "Layla", "", "Lead Dental Assistant", "Clinical", "Maple Street",
     "Okafor, Chinedu", "layla.haddad@brightsmile.example", "2014-02-17", "", "Full-Time",
     "Active"],
    ["E008", "Alvarez", "Rosa", "", "Dental Assistant", "Clinical", "Maple Street",
     "Haddad, Layla", "rosa.alvarez@brightsmile.example", "2021-07-12", "", "Full-Time",
     "Active"],
    ["E009", "Kim", "Joon", "", "Dental Assistant", "Clinical", "Riverside",
     "Haddad, Layla", "joon.kim@brightsmile.example", "2022-04-04", "", "Full-Time",
     "Active"],
    ["E010", "Thompson", "Lee", "", "Dental Assistant", "Clinical", "Riverside",
     "Haddad, Layla", "lee.thompson@brightsmile.example", "2020-10-19", "2024-08-30",
     "Full-Time", "Inactive"],
    ["E011", "Morgan", "Ava", "", "Front Desk Coordinator", "Front Office", "Maple Street",
     "Okafor, Chinedu", "ava.morgan@brightsmile.example", "2019-05-06", "", "Full-Time",
     "Active"],
    ["E012", "Davis", "Jamal", "", "Treatment Coordinator", "Front Office", "Maple Street",
     "Okafor, Chinedu", "jamal.davis@brightsmile.example", "2017-08-28", "", "Full-Time",
     "Active"],
    ["E013", "Fischer", "Greta", "", "Billing Specialist", "Administration", "Maple Street",
     "Okafor, Chinedu", "greta.fischer@brightsmile.example", "2021-01-11", "", "Part-Time",
     "Active"],
    ["E014", "O'Neill", "Siobhan", "", "Insurance Coordinator", "Administration",
     "Riverside", "Okafor, Chinedu", "siobhan.oneill@brightsmile.example", "2023-02-27", "",
     "Full-Time", "Active"],
    ["E015", "Walker", "Sam", "", "Sterilization Technician", "Clinical", "Riverside",
     "Haddad, Layla", "sam.walker@brightsmile.example", "2023-09-18", "", "Part-Time",
     "Active"],
    ["E016", "Baker", "Tom", "", "Patient Care Coordinator", "Front Office", "Riverside",
     "Okafor, Chinedu", "tom.baker@brightsmile.example", "2024-03-04", "", "Full-Time",
     "Active"],
    ["E017", "Sato", "Emi", "", "Dental Hygienist", "Clinical", "Maple Street",
     "Okafor, Chinedu", "emi.sato@brightsmile.example", "2024-05-20", "", "Full-Time",
     "Active"],
    ["E018", "Ross", "Noah", "", "Front Desk Coordinator", "Front Office", "Riverside",
     "Okafor, Chinedu", "noah.ross@brightsmile.example", "2022-06-13", "", "Part-Time",
     "Active"],
]  # fmt: skip

# ADP Workforce Now custom report, orthopedic surgery group, Windows-1252,
# "Reports To Name" as "First Last" (one reference typed without its accents).
ADP = [
    ["Associate ID", "Legal First Name", "Legal Last Name", "Preferred Name",
     "Job Title Description", "Home Department Description", "Location Description",
     "Reports To Name", "Work Contact: Work Email", "Hire Date", "Termination Date",
     "Position Status", "Standard Hours"],
    ["G3K8QH2M1", "Marcus", "Whitfield", "", "Founder & CEO / Orthopedic Surgeon",
     "Executive", "Summit Main", "", "mwhitfield@summitortho.example", "03/01/2009", "",
     "Active", "40"],
    ["G3K8QH2M2", "José", "Peña", "", "Orthopedic Surgeon", "Surgery", "Summit Main",
     "Marcus Whitfield", "jpena@summitortho.example", "07/15/2013", "", "Active", "40"],
    ["G3K8QH2M3", "Hannah", "Cho", "", "Orthopedic Surgeon", "Surgery", "Eastgate",
     "Marcus Whitfield", "hcho@summitortho.example", "9/1/16", "", "Active", "40"],
    ["G3K8QH2M4", "Priya", "Raman", "", "Physician Assistant", "Surgery", "Summit Main",
     "Jose Pena", "praman@summitortho.example", "01/09/2019", "", "Active", "40"],
    ["G3K8QH2M5", "Kevin", "O'Brien", "", "Practice Administrator", "Administration",
     "Summit Main", "Marcus Whitfield", "kobrien@summitortho.example", "04/04/2011", "",
     "Active", "40"],
    ["G3K8QH2M6", "Renée", "Dubois", "", "Clinical Manager", "Clinical Support",
     "Summit Main", "Kevin O'Brien", "rdubois@summitortho.example", "10/22/2014", "",
     "Active", "40"],
    ["G3K8QH2M7", "Carlos", "Mendoza", "", "Surgical Technologist", "Clinical Support",
     "Summit Main", "Renée Dubois", "cmendoza@summitortho.example", "02/03/2020", "",
     "Active", "40"],
    ["G3K8QH2M8", "Aisha", "Bello", "", "Surgical Technologist", "Clinical Support",
     "Eastgate", "Renée Dubois", "abello@summitortho.example", "06/28/2021", "", "Active",
     "32"],
    ["G3K8QH2M9", "Megan", "Doyle", "", "Medical Assistant", "Clinical Support",
     "Summit Main", "Renée Dubois", "mdoyle@summitortho.example", "08/16/2018", "",
     "Active", "40"],
    ["G3K8QH2N1", "Luis", "Ortega", "", "Medical Assistant", "Clinical Support",
     "Eastgate", "Renée Dubois", "lortega@summitortho.example", "11/07/2022", "", "Active",
     "40"],
    ["G3K8QH2N2", "Zoë", "Hartmann", "", "Medical Assistant", "Clinical Support",
     "Summit Main", "Renée Dubois", "zhartmann@summitortho.example", "05/02/2017",
     "12/20/2024", "Terminated", "40"],
    ["G3K8QH2N3", "Brianna", "Scott", "", "Radiologic Technologist", "Clinical Support",
     "Summit Main", "Renée Dubois", "bscott@summitortho.example", "03/14/2016", "",
     "Active", "24"],
    ["G3K8QH2N4", "Daniel", "Kowalski", "", "Surgery Scheduler", "Administration",
     "Summit Main", "Kevin O'Brien", "dkowalski@summitortho.example", "09/09/2019", "",
     "Active", "40"],
    ["G3K8QH2N5", "Fatima", "Yusuf", "", "Front Desk Receptionist", "Administration",
     "Summit Main", "Kevin O'Brien", "fyusuf@summitortho.example", "01/17/2023", "",
     "Active", "40"],
    ["G3K8QH2N6", "Grace", "Liu", "", "Front Desk Receptionist", "Administration",
     "Eastgate", "Kevin O'Brien", "gliu@summitortho.example", "02/20/2023", "", "Active",
     "30"],
    ["G3K8QH2N7", "Owen", "Price", "", "Billing Manager", "Administration", "Summit Main",
     "Kevin O'Brien", "oprice@summitortho.example", "06/06/2012", "", "Active", "40"],
    ["G3K8QH2N8", "Chloé", "Martin", "", "Medical Biller", "Administration", "Summit Main",
     "Owen Price", "cmartin@summitortho.example", "07/24/2020", "", "Active", "40"],
    ["G3K8QH2N9", "Ravi", "Desai", "", "Medical Biller", "Administration", "Summit Main",
     "Owen Price", "rdesai@summitortho.example", "10/02/2023", "", "Leave", "40"],
    ["G3K8QH2P1", "Nora", "Quinn", "", "Physician Assistant", "Surgery", "Eastgate",
     "Hannah Cho", "nquinn@summitortho.example", "04/15/2024", "", "Active", "40"],
]  # fmt: skip

# Gusto people export, veterinary hospital, managers by email, no employee ids.
GUSTO = [
    ["First name", "Last name", "Preferred first name", "Job title", "Department",
     "Work location", "Manager email", "Work email", "Start date", "Dismissal date",
     "Employment status"],
    ["Helen", "Park", "", "Medical Director", "Doctors", "Harbor Animal Hospital", "",
     "helen.park@harborvet.example", "2010-04-01", "", "Active"],
    ["Tomás", "Reyes", "Tom", "Associate Veterinarian", "Doctors", "Harbor Animal Hospital",
     "helen.park@harborvet.example", "tom.reyes@harborvet.example", "2016-08-15", "",
     "Active"],
    ["Ingrid", "Holm", "", "Associate Veterinarian", "Doctors", "Harbor Animal Hospital",
     "helen.park@harborvet.example", "ingrid.holm@harborvet.example", "2019-02-11", "",
     "Active"],
    ["Marcus", "Bell", "", "Associate Veterinarian", "Doctors", "Harbor Animal Hospital",
     "helen.park@harborvet.example", "marcus.bell@harborvet.example", "2021-06-07",
     "2024-11-15", "Dismissed"],
    ["Jenna", "Cole", "", "Practice Manager", "Management", "Harbor Animal Hospital",
     "helen.park@harborvet.example", "jenna.cole@harborvet.example", "2014-10-20", "",
     "Active"],
    ["Pete", "Alvarez", "", "Lead Veterinary Technician", "Technicians",
     "Harbor Animal Hospital", "jenna.cole@harborvet.example",
     "pete.alvarez@harborvet.example", "2015-03-02", "", "Active"],
    ["Sara", "Lindgren", "", "Veterinary Technician", "Technicians",
     "Harbor Animal Hospital", "pete.alvarez@harborvet.example",
     "sara.lindgren@harborvet.example", "2018-05-14", "", "Active"],
    ["Devon", "Wright", "", "Veterinary Technician", "Technicians", "Harbor Animal Hospital",
     "pete.alvarez@harborvet.example", "devon.wright@harborvet.example", "2020-09-28", "",
     "Active"],
    ["Kayla", "Moss", "", "Veterinary Technician", "Technicians", "Harbor Animal Hospital",
     "pete.alvarez@harborvet.example", "kayla.moss@harborvet.example", "2022-01-10", "",
     "Active"],
    ["Ben", "Ito", "", "Veterinary Assistant", "Technicians", "Harbor Animal Hospital",
     "pete.alvarez@harborvet.example", "ben.ito@harborvet.example", "2023-04-03", "",
     "Active"],
    ["Maya", "Greene", "", "Veterinary Assistant", "Technicians", "Harbor Animal Hospital",
     "pete.alvarez@harborvet.example", "maya.greene@harborvet.example", "2023-07-17", "",
     "Active"],
    ["Leo", "Novak", "", "Kennel Attendant", "Kennel", "Harbor Animal Hospital",
     "jenna.cole@harborvet.example", "leo.novak@harborvet.example", "2024-02-05", "",
     "Active"],
    ["Ruth", "Adeyemi", "", "Kennel Attendant", "Kennel", "Harbor Animal Hospital",
     "jenna.cole@harborvet.example", "ruth.adeyemi@harborvet.example", "2021-11-22", "",
     "Active"],
    ["Olivia", "Stone", "", "Client Service Representative", "Front Desk",
     "Harbor Animal Hospital", "jenna.cole@harborvet.example",
     "olivia.stone@harborvet.example", "2019-08-19", "", "Active"],
    ["Hugo", "Brandt", "", "Client Service Representative", "Front Desk",
     "Harbor Animal Hospital", "jenna.cole@harborvet.example",
     "hugo.brandt@harborvet.example", "2022-10-03", "", "Active"],
    ["Amara", "Obi", "", "Client Service Representative", "Front Desk",
     "Harbor Animal Hospital", "JENNA.COLE@harborvet.example", "amara.obi@harborvet.example",
     "2024-06-24", "", "Active"],
]  # fmt: skip

# Hand-made export with headers nobody would guess; semicolon-separated; needs a column map.
GENERIC_WEIRD = [
    ["Emp #", "Worker", "Posn", "Site", "Boss", "Started", "Gone", "Hrs/Wk"],
    ["101", "Grace Holloway", "Owner Dentist", "Lakeside", "", "2008-02-01", "", "40"],
    ["102", "Victor Salas", "Regional Office Manager", "Lakeside", "Grace Holloway",
     "2013-05-20", "", "40"],
    ["103", "Imani Clarke", "Dentist", "Lakeside", "Grace Holloway", "2017-09-05", "", "32"],
    ["104", "Ethan Moore", "Dentist", "Hillcrest", "Grace Holloway", "2021-03-15", "", "40"],
    ["105", "Lucia Romano", "Office Manager", "Hillcrest", "Victor Salas", "2016-11-01", "",
     "40"],
    ["106", "Nadia Petrov", "Hygienist", "Lakeside", "Victor Salas", "2018-04-09", "", "36"],
    ["107", "Caleb Jones", "Hygienist", "Hillcrest", "Lucia Romano", "2022-08-22", "", "24"],
    ["108", "Ming Zhao", "Dental Assistant", "Lakeside", "Victor Salas", "2019-01-14", "",
     "40"],
    ["109", "Sofia Ruiz", "Dental Assistant", "Hillcrest", "Lucia Romano", "2020-06-29",
     "2023-12-31", "40"],
    ["110", "Aaron Blake", "Dental Assistant", "Hillcrest", "Lucia Romano", "2024-01-08", "",
     "40"],
    ["111", "Hana Suzuki", "Receptionist", "Lakeside", "Victor Salas", "2021-10-18", "",
     "20"],
    ["112", "Omar Farouk", "Receptionist", "Hillcrest", "Lucia Romano", "2023-05-01", "",
     "40"],
    ["113", "Bea Turner", "Billing", "Lakeside", "Victor Salas", "2015-07-07", "", "40"],
    ["114", "Jon Eriksen", "Sterilisation Tech", "Lakeside", "Victor Salas", "2024-09-30", "",
     "30"],
    ["115", "Paula Grant", "Treatment Coordinator", "Hillcrest", "Lucia Romano",
     "2022-02-14", "", "40"],
]  # fmt: skip

GENERIC_WEIRD_COLUMNS = """\
# Column map for generic_weird.csv: field name -> the header in the file.
employee_id: "Emp #"
full_name: Worker
job_title: Posn
location: Site
manager_name: Boss
hire_date: Started
termination_date: Gone
hours: Hrs/Wk
"""

# Every kind of problem at once (and two blank lines that must not shift row numbers).
BROKEN = [
    ["Employee ID", "Name", "Job Title", "Location", "Reports To", "Manager Email",
     "Email", "Hire Date", "Termination Date", "Status"],
    ["1", "Sandra Bloom", "Owner", "Main", "", "", "sandra@broken.example", "2010-01-04", "",
     "Active"],
    ["2", "Smith, John", "Practice Manager", "Main", "Bloom, Sandra", "",
     "john.smith@broken.example", "2012-03-05", "", "Active"],
    ["3", "Smythe, Joan", "Dentist", "Main", "Bloom, Sandra", "", "joan@broken.example",
     "2014-06-16", "", "Active"],
    ["4", "Garcia, Maria", "Dental Hygienist", "Main", "Smith, John", "",
     "maria.g@broken.example", "2016-09-01", "", "Active"],
    ["5", "Garcia, Maria", "Dental Assistant", "Main", "Smith, John", "",
     "maria.garcia@broken.example", "2018-02-12", "", "Active"],
    ["6", "Kerr, Alan", "Dental Assistant", "Main", "Smyth, Jon", "",
     "alan@broken.example", "2019-04-01", "", "Active"],
    ["7", "Lowe, Beth", "Receptionist", "Main", "Garcia, Maria", "",
     "beth@broken.example", "2020-05-11", "", "Active"],
    [],
    ["8", "Hart, Nina", "Receptionist", "Main", "Smith, John", "", "beth@broken.example",
     "2021-01-18", "", "Active"],
    ["9", "Kerr, Alan", "Dental Assistant", "Main", "Smith, John", "",
     "alan.kerr@broken.example", "2021-02-01", "", "Active"],
    ["7", "Frost, Ian", "Billing Specialist", "Main", "Smith, John", "",
     "ian@broken.example", "2021-03-01", "", "Active"],
    ["10", "", "Dental Assistant", "Main", "Smith, John", "", "", "2021-04-01", "",
     "Active"],
    ["11", "Vance, Olga", "", "Main", "Smith, John", "", "olga@broken.example",
     "2021-05-03", "", "Active"],
    ["12", "Quill, Rory", "Dental Assistant", "Main", "Smith, John", "",
     "rory@broken.example", "31/12/2020", "", "Active"],
    ["13", "Young, Zara", "Dental Assistant", "Main", "Smith, John", "",
     "zara@broken.example", "2019-07-01", "sometime in May", "Terminated"],
    ["14", "Pike, Evan", "Receptionist", "Main", "Smith, John", "", "evan@broken.example",
     "2022-08-01", "2021-08-01", "Terminated"],
    ["15", "Ames, Carl", "Lab Technician", "Main", "Drew, Pat", "", "carl@broken.example",
     "2017-01-09", "", "Active"],
    ["16", "Drew, Pat", "Lab Manager", "Main", "Ames, Carl", "", "pat@broken.example",
     "2015-01-12", "", "Active"],
    [],
    ["17", "Moss, Ivy", "Receptionist", "Main", "", "jon.smith@broken.example",
     "ivy@broken.example", "2023-01-09", "", "Active"],
]  # fmt: skip


def paylocity_rows() -> list[list[object]]:
    """Paylocity employee roster for a physical-therapy practice, with real date cells.

    Two blank rows come before the header, one inside the data; hire dates are real
    datetimes, one termination date is an Excel serial number as some exports leave it,
    statuses are Paylocity's one-letter codes.
    """
    d = dt.datetime
    return [
        [],
        [],
        ["Employee Id", "Last Name", "First Name", "Position", "Cost Center 1",
         "Work Location", "Supervisor", "Work Email", "Hire Date", "Term Date", "Status",
         "Scheduled Hours"],
        [5001, "Brooks", "Alicia", "Clinic Owner / Physical Therapist", "Clinical",
         "Peak Motion Downtown", None, "abrooks@peakmotion.example", d(2011, 4, 18), None,
         "A", 40],
        [5002, "Vega", "Marco", "Clinic Director", "Clinical", "Peak Motion Downtown",
         "Brooks, Alicia", "mvega@peakmotion.example", d(2014, 8, 4), None, "A", 40],
        [5003, "Khan", "Sana", "Physical Therapist", "Clinical", "Peak Motion Downtown",
         "Vega, Marco", "skhan@peakmotion.example", d(2017, 1, 9), None, "A", 40],
        [5004, "Murphy", "Declan", "Physical Therapist", "Clinical", "Peak Motion Northside",
         "Vega, Marco", "dmurphy@peakmotion.example", d(2019, 6, 3), None, "A", 32],
        [5005, "Ito", "Keiko", "Physical Therapist Assistant", "Clinical",
         "Peak Motion Northside", "Vega, Marco", "kito@peakmotion.example", d(2020, 2, 24),
         None, "A", 40],
        None,
        [5006, "Larsen", "Erik", "Rehab Aide", "Clinical", "Peak Motion Downtown",
         "Vega, Marco", "elarsen@peakmotion.example", d(2022, 5, 16), None, "A", 20],
        [5007, "Owens", "Tasha", "Rehab Aide", "Clinical", "Peak Motion Northside",
         "Vega, Marco", "towens@peakmotion.example", d(2021, 9, 7), 45291, "T", 20],
        [5008, "Silva", "Bruno", "Front Desk Coordinator", "Front Office",
         "Peak Motion Downtown", "Brooks, Alicia", "bsilva@peakmotion.example",
         d(2018, 3, 12), None, "A", 40],
        [5009, "Nakamura", "Yui", "Front Desk Coordinator", "Front Office",
         "Peak Motion Northside", "Brooks, Alicia", "ynakamura@peakmotion.example",
         d(2023, 10, 2), None, "A", 30],
        [5010, "Reed", "Colin", "Billing Specialist", "Front Office", "Peak Motion Downtown",
         "Brooks, Alicia", "creed@peakmotion.example", d(2016, 11, 28), None, "A", 80],
    ]  # fmt: skip


def paylocity_workbook() -> bytes:
    """The Paylocity sample as ``.xlsx`` bytes (openpyxl, written in memory)."""
    import openpyxl  # type: ignore[import-untyped]

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Employee Roster"
    for number, row in enumerate(paylocity_rows(), start=1):
        for column, value in enumerate(row or [], start=1):
            if value is not None:
                sheet.cell(row=number, column=column, value=value)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def main() -> None:
    """Write every committed sample."""
    (HERE / "bamboohr.csv").write_bytes(b"\xef\xbb\xbf" + _csv(BAMBOOHR).encode("utf-8"))
    (HERE / "adp.csv").write_bytes(_csv(ADP).encode("cp1252"))
    (HERE / "gusto.csv").write_bytes(_csv(GUSTO).encode("utf-8"))
    (HERE / "generic_weird.csv").write_bytes(_csv(GENERIC_WEIRD, ";").encode("utf-8"))
    (HERE / "generic_weird_columns.yaml").write_text(GENERIC_WEIRD_COLUMNS, encoding="utf-8")
    (HERE / "broken.csv").write_bytes(_csv(BROKEN).encode("utf-8"))


if __name__ == "__main__":
    main()
