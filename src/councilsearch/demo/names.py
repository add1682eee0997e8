"""Invented names for the fictional demo council: people, places, firms, streets.

Every name is made up for the demo. Nothing here is taken from a real paper.
Lists are tuples so that iteration order (and therefore generated output) never
depends on hashing.
"""

from __future__ import annotations

COUNCIL_NAME = "Harrowmere District Council"
COUNCIL_SHORT = "Harrowmere"
COUNCIL_SLUG = "harrowmere-dc"
TOWN_HALL = "Council Chamber, Harrowmere Civic Centre, Market Street, Harrowmere"

PLACES = (
    "Harrowmere", "Brackwell", "Fenmoor", "Ludhurst", "Wexcombe", "Thornby St Giles",
    "Caldwick", "Oxley Bridge", "Pennisford", "Marlow End", "Sallowby", "Kestrel Green",
    "Upper Dunsmore", "Ashby Fold", "Quarrington",
)

FIRST_NAMES = (
    "Alison", "Amir", "Beatrice", "Colin", "Deborah", "Dev", "Eleanor", "Farid", "Gareth",
    "Hannah", "Imran", "Janet", "Keith", "Leonie", "Malcolm", "Nadia", "Owen", "Priya",
    "Rachel", "Simon", "Tomasz", "Ursula", "Victor", "Wendy", "Yusuf", "Zoe", "Bernard",
    "Carys", "Declan", "Fiona", "Graham", "Helen", "Ian", "Joanna", "Kiran", "Lorna",
    "Martin", "Niamh", "Oliver", "Patricia", "Rhys", "Sunita", "Trevor", "Valerie",
)

SURNAMES = (
    "Ashworth", "Bellingham", "Carrow", "Denholm", "Eastwood", "Fairbairn", "Greenhalgh",
    "Hollis", "Ingleby", "Jessop", "Kilner", "Lowther", "Marchbank", "Nettleton", "Oakes",
    "Pemberton", "Quayle", "Rudd", "Shackleton", "Tansley", "Umpleby", "Varley", "Whitlock",
    "Yardley", "Ackroyd", "Birtwistle", "Cawthorne", "Dunmore", "Elsworth", "Fothergill",
    "Gathercole", "Haworth", "Iqbal", "Jowett", "Kaur", "Lister", "Mahmood", "Nuttall",
    "Okafor", "Priestley", "Rafferty", "Sowerby", "Thwaite", "Verity", "Wainwright",
)

SUPPLIERS = (
    "Meridian Fleet Services Ltd", "Northgate Civic Works Ltd", "Bramble Leisure Trust",
    "Greenway Recycling Ltd", "Kestrel Facilities Management Ltd", "Pinnacle Building Services Ltd",
    "Fernhill Grounds Maintenance Ltd", "Clearwater Consulting LLP", "Oakshott Construction Ltd",
    "Lantern Digital Ltd", "Harbour Energy Solutions Ltd", "Foxglove Housing Association",
)

STREETS = (
    "Mill Lane", "Station Road", "Church Street", "Orchard Way", "Quarry Hill", "Bridge Street",
    "Chapel Row", "Kiln Lane", "Granary Court", "Tanner's Yard", "Meadow Rise", "Lock Road",
)

VENUES = (
    "Harrowmere Leisure Centre", "Fenmoor Swimming Pool", "Ludhurst Community Hall",
    "Brackwell Sports Park", "Wexcombe Library", "Caldwick Country Park",
)

PREMISES = (
    "The Lamb and Flag", "Riverside Social Club", "Corner Stores", "The Old Mill Bar",
    "Station Kebab House", "Kestrel Green Village Shop", "The Copper Kettle Café",
)

# Contractors by trade, so that a grounds maintenance contract goes to a grounds firm.
SUPPLIERS_BY_TRADE = {
    "grounds": ("Fernhill Grounds Maintenance Ltd", "Oakleaf Amenity Services Ltd", "Greenway Landscapes Ltd"),
    "waste": ("Greenway Recycling Ltd", "Meridian Environmental Services Ltd", "Northgate Civic Works Ltd"),
    "leisure": ("Bramble Leisure Trust", "Active Vale Leisure Ltd", "Kestrel Community Leisure CIC"),
    "ict": ("Lantern Digital Ltd", "Cobalt Systems Ltd", "Brightwire IT Services Ltd"),
    "facilities": ("Kestrel Facilities Management Ltd", "Pinnacle Building Services Ltd", "Clearview Cleaning Services Ltd"),
    "security": ("Sentinel Monitoring Ltd", "Watchpoint Security Services Ltd"),
    "energy": ("Harbour Energy Solutions Ltd", "Brightside Power Ltd", "Midshire Energy Procurement Ltd"),
}
