"""Word lists for the demo practice generator (:mod:`practiceos.core.demo`).

Names of people are drawn from many origins because real healthcare rosters are that
varied; a few carry accents, apostrophes, hyphens or spaces so that anything reading a demo
roster (e-mail addresses, sorting, search) meets them early. Place names are invented or
generic neighbourhood and city names; none refers to a real practice.
"""

from __future__ import annotations

FIRST_NAMES: tuple[str, ...] = (
    # English-speaking
    "James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "William", "Linda",
    "David", "Elizabeth", "Richard", "Barbara", "Joseph", "Susan", "Thomas", "Jessica",
    "Christopher", "Sarah", "Daniel", "Karen", "Matthew", "Nancy", "Anthony", "Lisa",
    "Mark", "Margaret", "Steven", "Ashley", "Andrew", "Emily", "Joshua", "Michelle",
    "Kevin", "Amanda", "Brian", "Melissa", "Jonathan", "Rebecca", "Ryan", "Laura",
    "Tyler", "Samantha", "Brandon", "Katherine", "Justin", "Rachel", "Aaron", "Megan",
    "Ethan", "Hannah", "Noah", "Olivia", "Liam", "Emma", "Caleb", "Abigail",
    "Logan", "Madison", "Dylan", "Chloe",
    # Hispanic
    "José", "María", "Luis", "Carmen", "Carlos", "Guadalupe", "Juan", "Rosa",
    "Miguel", "Ana", "Jorge", "Lucía", "Francisco", "Sofía", "Alejandro", "Valentina",
    "Diego", "Camila", "Javier", "Isabella", "Ricardo", "Gabriela", "Fernando", "Daniela",
    "Andrés", "Paola",
    # East and South-East Asian
    "Wei", "Mei", "Jun", "Xiu", "Hao", "Lin", "Jian", "Yan", "Ming", "Ying",
    "Minh", "Linh", "Duc", "Thao", "Tuan", "Huong",
    "Ji-ho", "Seo-yeon", "Min-jun", "Ha-eun", "Hyun",
    "Haruto", "Yui", "Kenji", "Aiko", "Takeshi",
    "Jericho", "Maricel", "Rodel", "Liza",
    # South Asian
    "Priya", "Arjun", "Ananya", "Rahul", "Deepa", "Vikram", "Sanjay", "Kavya",
    "Rohan", "Lakshmi", "Aarav", "Neha", "Raj", "Sunita",
    # African
    "Oluwaseun", "Chidi", "Ngozi", "Adebayo", "Amara", "Emeka", "Folake", "Kwame",
    "Ama", "Kofi", "Chioma", "Tunde", "Wanjiru", "Tendai", "Abebe", "Makena",
    # Middle Eastern
    "Mohammed", "Fatima", "Ahmed", "Aisha", "Omar", "Layla", "Yusuf", "Noor",
    "Khalid", "Mariam", "Abdulrahman", "Rania", "Dariush", "Shirin", "Emre", "Elif",
    # European
    "Olga", "Dmitri", "Katarzyna", "Piotr", "Ivana", "Milan", "Nadia", "Bogdan",
    "Anastasia", "Tomasz", "Giulia", "Marco", "Sophie", "Lukas", "Ingrid", "Lars",
    "Sinéad", "Ciarán", "Pierre", "Chloé", "Matteo", "Anneke",
    "Avi", "Talia", "Eitan", "Miriam",
    # Pacific and others
    "Kai", "Leilani", "Malia", "Keanu",
    "Jamal", "Keisha", "DeShawn", "Imani", "Tamika", "Marcus", "Aaliyah", "Darnell",
)  # fmt: skip

LAST_NAMES: tuple[str, ...] = (
    # English-speaking
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
    "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Thompson", "White",
    "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King",
    "Wright", "Scott", "Hill", "Green", "Adams", "Baker", "Nelson", "Carter",
    "Mitchell", "Roberts", "Campbell", "Parker", "Evans", "Edwards", "Collins", "Stewart",
    "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Peterson", "Reed",
    "Bailey", "Bell",
    "O'Brien", "O'Connor", "McCarthy", "Sullivan", "Gallagher", "MacLeod", "Fitzgerald",
    "Byrne",
    # Hispanic
    "Garcia", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Perez",
    "Sanchez", "Ramirez", "Torres", "Flores", "Rivera", "Gomez", "Diaz", "Reyes",
    "Morales", "Cruz", "Ortiz", "Gutierrez", "Chavez", "Castillo", "Vargas", "Mendoza",
    "Ruiz", "Jiménez", "Álvarez", "Romero", "Herrera", "Medina", "Aguilar",
    # East and South-East Asian
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou",
    "Lin", "Chan", "Wong", "Lee",
    "Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu",
    "Kim", "Park", "Choi", "Jung", "Kang",
    "Tanaka", "Suzuki", "Sato", "Yamamoto", "Nakamura",
    "Santos", "dela Cruz", "Bautista", "Villanueva", "Mercado",
    # South Asian
    "Patel", "Shah", "Singh", "Kumar", "Sharma", "Gupta", "Reddy", "Iyer", "Desai",
    "Mehta", "Rao", "Nair", "Chopra", "Banerjee",
    # African
    "Okafor", "Adeyemi", "Mensah", "Owusu", "Nwosu", "Okonkwo", "Abiodun", "Mwangi",
    "Kamau", "Diallo", "Traoré", "Bekele",
    # Middle Eastern
    "Haddad", "Khoury", "Al-Sayed", "Hassan", "Ibrahim", "Mansour", "Nasser", "Saleh",
    "Farah", "Aziz", "Hosseini", "Karimi", "Yilmaz", "Demir",
    # European
    "Kowalski", "Nowak", "Novak", "Petrov", "Ivanova", "Horvat", "Popescu", "Kovalenko",
    "Wiśniewski", "Dvořák", "Rossi", "Bianchi", "Müller", "Schmidt", "Fischer", "Dubois",
    "Moreau", "Jansen", "de Vries", "Lindqvist", "Andersen", "Costa", "Silva", "Ferreira",
    "Cohen", "Levy", "Friedman", "Goldberg", "Katz",
    # Others
    "Washington", "Jefferson", "Freeman", "Banks", "Kahananui", "Tsosie", "Begay",
    "Yazzie",
)  # fmt: skip

# Shortened forms some people go by; used for ``Person.preferred_name``.
NICKNAMES: dict[str, str] = {
    "William": "Bill",
    "Robert": "Bob",
    "Katherine": "Kate",
    "Elizabeth": "Liz",
    "Jennifer": "Jen",
    "Michael": "Mike",
    "Christopher": "Chris",
    "Margaret": "Maggie",
    "Jonathan": "Jon",
    "Samantha": "Sam",
    "Daniel": "Dan",
    "Rebecca": "Becca",
    "Thomas": "Tom",
    "Anthony": "Tony",
    "Guadalupe": "Lupe",
    "Francisco": "Paco",
    "Alejandro": "Alex",
    "Oluwaseun": "Seun",
    "Abdulrahman": "Abdul",
    "Anastasia": "Ana",
    "Valentina": "Vale",
    "Joshua": "Josh",
    "Matthew": "Matt",
    "Abigail": "Abby",
}

# Neighbourhoods and districts: the usual names of practice locations.
NEIGHBOURHOODS: tuple[str, ...] = (
    "Riverside", "Northgate", "Westlake", "Eastwood", "Southpark", "Oak Ridge",
    "Maple Grove", "Cedar Hills", "Pine Valley", "Willow Creek", "Brookfield", "Fairview",
    "Highland Park", "Lakeside", "Hillcrest", "Meadowbrook", "Stonebridge", "Kingsway",
    "Harbor Point", "Bayview", "Clearwater", "Sunnyside", "Greenwood", "Elmwood",
    "Ashford", "Briarwood", "Cherry Hill", "Crestview", "Deer Park", "Edgewater",
    "Forest Glen", "Glenview", "Hampton", "Ironwood", "Juniper Springs", "Kensington",
    "Laurel Heights", "Midtown", "Downtown", "Uptown", "Old Town", "Newport",
    "Oakmont", "Parkside", "Quail Run", "Rosedale", "Silver Lake", "Timberline",
    "University Park", "Valley View", "Woodland Hills", "Yorktown", "Aspen Grove",
    "Beacon Hill", "Canyon Ridge", "Driftwood", "Eagle Point", "Foxborough",
    "Garden City", "Heritage Park", "Indigo Bay", "Jasper", "Keystone", "Lincoln Park",
    "Mission Hills", "North Shore", "Orchard Park", "Pleasant Valley", "Red Oak",
    "Sandy Springs", "Three Rivers", "Union Square", "Vista Heights", "Waterford",
    "Arbor Lakes", "Bellmore", "Cobblestone", "Del Mar", "Evergreen", "Falcon Ridge",
    "Granite Bay", "Hawthorne", "Ivy Park", "Jefferson Square", "Kirkwood", "Linden",
    "Magnolia", "Northfield", "Oceanview", "Prairie View", "Quarry Hill", "Ridgewood",
    "Southgate", "Tanglewood", "Upland", "Verona", "West End", "Wildwood",
    "Alamo Heights", "Brookside", "Capitol Hill", "Shaker Heights", "Coral Gables",
    "Hyde Park", "Ballard", "Fremont", "Pearl District", "Mueller", "Lakewood",
    "Summerlin", "Green Valley", "Sugar Land", "Cypress Creek", "Stone Oak",
    "Ahwatukee", "Arcadia", "Biltmore", "Chandler Heights", "Desert Ridge", "Encanto",
    "Fox Chapel", "Germantown", "Harbor East", "Inner Harbor", "Jamaica Plain",
    "Kenwood", "Linwood", "Mount Vernon", "Near North", "Ocean Park", "Park Slope",
    "Queen Anne", "Rockridge", "Sellwood", "Tremont", "Upper Arlington", "Victory Park",
    "Wicker Park", "Ybor City", "Bay Ridge", "Carmel Valley", "Dilworth", "East Rock",
    "Five Points", "Grandview", "Hollins", "Irving Park", "Logan Square", "Medical District",
    "Northpark", "Overland", "Plaza Midwood", "River Oaks", "Spring Hill", "Town Center",
)  # fmt: skip

# Metropolitan areas: the cities in addresses and the names of regions.
METROS: tuple[str, ...] = (
    "Springfield", "Austin", "Phoenix", "Denver", "Atlanta", "Charlotte", "Nashville",
    "Columbus", "Indianapolis", "Tampa", "Orlando", "Raleigh", "Richmond", "Louisville",
    "Memphis", "Oklahoma City", "Tulsa", "Omaha", "Kansas City", "St. Louis", "Milwaukee",
    "Minneapolis", "Des Moines", "Madison", "Boise", "Salt Lake City", "Albuquerque",
    "Tucson", "El Paso", "San Antonio", "Houston", "Dallas", "Fort Worth", "Baton Rouge",
    "Birmingham", "Jacksonville", "Savannah", "Charleston", "Knoxville", "Chattanooga",
    "Lexington", "Cincinnati", "Cleveland", "Pittsburgh", "Buffalo", "Rochester",
    "Albany", "Hartford", "Providence", "Portland", "Seattle", "Spokane", "Tacoma",
    "Sacramento", "Fresno", "San Diego", "Reno", "Las Vegas", "Colorado Springs",
    "Wichita", "Little Rock", "Jackson", "Greenville", "Columbia", "Harrisburg",
    "Allentown", "Syracuse", "Burlington", "Manchester", "Worcester", "Grand Rapids",
    "Lansing", "Toledo", "Akron", "Dayton", "Fort Wayne", "Peoria", "Rockford",
    "Sioux Falls", "Fargo", "Billings", "Anchorage", "Honolulu",
)  # fmt: skip

# Larger territories: the names of areas and divisions above regions.
TERRITORIES: tuple[str, ...] = (
    "Northeast", "Southeast", "Midwest", "Southwest", "Mountain West", "Pacific Northwest",
    "Great Lakes", "Mid-Atlantic", "Gulf Coast", "Great Plains", "New England", "Carolinas",
    "Texas", "Florida", "California", "Ohio Valley", "Appalachia", "Desert Southwest",
    "Upper Midwest", "Tidewater", "Piedmont", "Front Range", "Bay Area", "Inland Empire",
)  # fmt: skip

COMPASS: tuple[str, ...] = (
    "North", "South", "East", "West", "Central", "Northeast", "Northwest", "Southeast",
    "Southwest",
)  # fmt: skip

STREET_NAMES: tuple[str, ...] = (
    "Main", "Oak", "Maple", "Cedar", "Park", "Washington", "Lake", "Hill", "Pine", "Elm",
    "Church", "Market", "Spring", "Ridge", "Mill", "Center", "Union", "River", "Highland",
    "Medical Center", "Professional", "Commerce", "College", "Sunset", "Broad",
)  # fmt: skip

STREET_TYPES: tuple[str, ...] = (
    "Street", "Avenue", "Boulevard", "Drive", "Parkway", "Road", "Way", "Lane", "Court",
)  # fmt: skip

# Words practices put in front of their names.
BRANDS: tuple[str, ...] = (
    "Evergreen", "Summit", "Harbor", "Cedar", "Blue River", "Lakeshore", "Keystone",
    "Pioneer", "Northstar", "Silver Oak", "Bright Horizon", "Cornerstone", "Crescent",
    "Red Rock", "Prairie", "Tidewater", "Granite", "Sequoia", "Magnolia", "Willow",
    "Aspen", "Heritage", "Riverbend", "Meridian",
)  # fmt: skip
