// The service catalogue of the fictional "Example Council" (jurisdiction example-council.gov.uk).
// Data only. Field names follow GeoReport v2 (shared/open311.md §1.4, §1.5) plus the FixMyStreet
// additions (§2.3): `groups`, `automated`, per-value `disable_message`, keywords `staff`/`inactive`.
// Fields marked "server-only" never go on the wire.
//
// Deliberate quirks, each seen on a real server (shared/open311.md §3):
// - codes `001` and `007` have leading zeros (SF, Gießen, Köln), `1204` is all digits (spec's bare numbers),
//   `BIN OVERFLOW` contains a space (FMS server uses category names as codes);
// - FT-10 has DC-like `order` values 9, 3, 1, 8, a missing one and a repeated 3 (§3.6 item 31);
// - FT-10 has a `Boolean (checkbox)` datatype (Boston 2017, §2.5) and list keys that look like numbers;
// - PTH-01 has an informational `variable=false` notice (DC, §3.6 item 29);
// - LGT-02 is `batch` (token flow), has a value with a `disable_message`, a `hidden_field` and
//   `server_set` attributes (FMS);
// - DRN-01 sits in two groups, OTH-99 in none, HWY-STAFF is staff-only and SNOW-01 inactive;
// - BIN OVERFLOW has metadata=false;
// - DS-01 is urgent only by its definition: an informational attribute coded `emergency` (FMS, issue 11).

/**
 * @typedef {object} AttributeValue
 * @property {string} key submitted value
 * @property {string} name label shown to the user
 * @property {string} [disable_message] FMS: choosing this value blocks the report and shows the message
 */

/**
 * @typedef {object} Attribute
 * @property {boolean} variable false = informational text only
 * @property {string} code
 * @property {string} datatype string | number | datetime | text | singlevaluelist | multivaluelist | anything else
 * @property {boolean} required
 * @property {string|null} datatype_description
 * @property {number|null} order null = missing on the wire
 * @property {string} description
 * @property {AttributeValue[]} [values] only for list datatypes
 * @property {'hidden_field'|'server_set'} [automated] FMS extension
 */

/**
 * @typedef {object} Service
 * @property {string} service_code
 * @property {string} service_name
 * @property {string} description
 * @property {boolean} metadata
 * @property {'realtime'|'batch'|'blackbox'} type
 * @property {string} keywords comma-separated
 * @property {string[]} groups empty = no group
 * @property {string} [agency] server-only: agency_responsible; defaults to the first group's agency
 * @property {string} notice server-only: service_notice returned on POST and GET
 * @property {number} [expectedDays] server-only: expected_datetime = requested + this many days
 * @property {Attribute[]} attributes
 */

export const JURISDICTION_ID = 'example-council.gov.uk';

/** Server-only: the agency_responsible for each group. */
export const GROUP_AGENCIES = /** @type {Record<string, string>} */ ({
  'Roads and pavements': 'Highways team',
  'Street lighting': 'Street lighting team',
  'Rubbish and fly-tipping': 'Waste and street cleansing',
  'Drains and flooding': 'Drainage and flood risk team',
  'Parks and trees': 'Parks and open spaces',
  'Graffiti and vandalism': 'Neighbourhood services',
});

export const DEFAULT_AGENCY = 'Customer services';

/** @type {Service[]} */
export const services = [
  {
    service_code: 'PTH-01',
    service_name: 'Pothole',
    description: 'A hole or sunken area in the surface of a road or cycle lane.',
    metadata: true,
    type: 'realtime',
    keywords: 'road, carriageway, hole, tarmac, pothole',
    groups: ['Roads and pavements'],
    notice: 'We aim to inspect reported potholes within 5 working days.',
    expectedDays: 5,
    attributes: [
      {
        variable: true,
        code: 'DEPTH',
        datatype: 'singlevaluelist',
        required: true,
        datatype_description: 'Choose the closest',
        order: 1,
        description: 'How deep is the hole?',
        values: [
          { key: 'SHALLOW', name: 'Less than 5 cm' },
          { key: 'MEDIUM', name: '5 to 10 cm' },
          { key: 'DEEP', name: 'More than 10 cm' },
        ],
      },
      {
        variable: false,
        code: 'EMERGENCY_NOTICE',
        datatype: 'text',
        required: false,
        datatype_description: null,
        order: 2,
        description: 'If the hole is deeper than 30 cm or is causing danger right now, call 0300 123 4567 (24 hours) instead.',
      },
      {
        variable: true,
        code: 'WIDTH_CM',
        datatype: 'number',
        required: false,
        datatype_description: 'Approximate width in centimetres',
        order: 3,
        description: 'How wide is the hole?',
      },
      {
        variable: true,
        code: 'usrn',
        datatype: 'string',
        required: false,
        datatype_description: null,
        order: 4,
        description: 'Unique street reference number',
        automated: 'server_set',
      },
    ],
  },
  {
    service_code: 'PAV-02',
    service_name: 'Damaged or uneven pavement',
    description: 'Cracked, loose or raised paving slabs, kerbs or footway surfaces.',
    metadata: true,
    type: 'realtime',
    keywords: 'footway, pavement, paving slab, trip hazard, kerb',
    groups: ['Roads and pavements'],
    notice: 'We aim to inspect damaged pavements within 10 working days.',
    expectedDays: 10,
    attributes: [
      {
        variable: true,
        code: 'SURFACE',
        datatype: 'singlevaluelist',
        required: true,
        datatype_description: null,
        order: 1,
        description: 'What is damaged?',
        values: [
          { key: 'SLAB', name: 'Paving slab' },
          { key: 'KERB', name: 'Kerb' },
          { key: 'TARMAC', name: 'Tarmac footway' },
          { key: 'OTHER', name: 'Something else' },
        ],
      },
      {
        variable: true,
        code: 'TRIP_HEIGHT',
        datatype: 'string',
        required: false,
        datatype_description: 'For example "about 3 cm"',
        order: 2,
        description: 'How high is the trip hazard?',
      },
    ],
  },
  {
    service_code: '001',
    service_name: 'Faded road markings',
    description: 'White or yellow lines, give-way markings or zebra crossings that are worn away.',
    metadata: false,
    type: 'realtime',
    keywords: 'lines, markings, yellow lines, crossing',
    groups: ['Roads and pavements'],
    notice: 'Road markings are repainted in a yearly programme.',
    attributes: [],
  },
  {
    service_code: '007',
    service_name: 'Damaged or missing road sign',
    description: 'Traffic signs, street name plates and bollards that are damaged, dirty, turned or missing.',
    metadata: true,
    type: 'realtime',
    keywords: 'sign, street name, bollard',
    groups: ['Roads and pavements'],
    notice: 'We aim to make damaged signs safe within 2 working days.',
    expectedDays: 2,
    attributes: [
      {
        variable: true,
        code: 'SIGN_TYPE',
        datatype: 'singlevaluelist',
        required: true,
        datatype_description: null,
        order: 1,
        description: 'What kind of sign?',
        values: [
          { key: 'TRAFFIC', name: 'Traffic sign' },
          { key: 'STREET_NAME', name: 'Street name plate' },
          { key: 'BOLLARD', name: 'Bollard' },
        ],
      },
      {
        variable: true,
        code: 'SIGN_TEXT',
        datatype: 'string',
        required: false,
        datatype_description: 'What the sign says, if you can read it',
        order: 2,
        description: 'Text on the sign',
      },
    ],
  },
  {
    service_code: '1204',
    service_name: 'Abandoned vehicle',
    description: 'A vehicle that seems to have been left on a road or council land for a long time.',
    metadata: true,
    type: 'realtime',
    keywords: 'car, van, untaxed, abandoned',
    groups: ['Roads and pavements'],
    agency: 'Parking services',
    notice: "We check the vehicle's tax and MOT before visiting.",
    attributes: [
      {
        variable: true,
        code: 'REG',
        datatype: 'string',
        required: true,
        datatype_description: 'For example AB12 CDE',
        order: 1,
        description: 'Registration number',
      },
      {
        variable: true,
        code: 'FIRST_SEEN',
        datatype: 'datetime',
        required: false,
        datatype_description: null,
        order: 2,
        description: 'When did you first notice it?',
      },
    ],
  },
  {
    service_code: 'LGT-02',
    service_name: 'Street light not working',
    description: 'A street light that is out, flickering, on during the day or damaged.',
    metadata: true,
    type: 'batch',
    keywords: 'lamp, lamp post, light, dark, flickering',
    groups: ['Street lighting'],
    notice: 'Our lighting contractor will repair the light within 10 working days.',
    expectedDays: 10,
    attributes: [
      {
        variable: true,
        code: 'PRIVATE',
        datatype: 'singlevaluelist',
        required: true,
        datatype_description: null,
        order: 1,
        description: 'Is it a private light?',
        values: [
          { key: 'NO', name: 'No, it is on a public road or path' },
          {
            key: 'PRIVATE',
            name: 'Yes, it is in a private car park, estate or garden',
            disable_message: 'Private lights are not maintained by the council. Please contact the owner or managing agent of the land.',
          },
        ],
      },
      {
        variable: true,
        code: 'FAULT',
        datatype: 'singlevaluelist',
        required: true,
        datatype_description: null,
        order: 2,
        description: 'What is wrong with the light?',
        values: [
          { key: 'OUT', name: 'Not working' },
          { key: 'DAY', name: 'On during the day' },
          { key: 'FLICKER', name: 'Flickering' },
          { key: 'DAMAGED', name: 'Damaged or leaning column' },
        ],
      },
      {
        variable: true,
        code: 'asset_id',
        datatype: 'string',
        required: false,
        datatype_description: null,
        order: 3,
        description: 'Street light number',
        automated: 'hidden_field',
      },
      {
        variable: true,
        code: 'usrn',
        datatype: 'string',
        required: false,
        datatype_description: null,
        order: 4,
        description: 'Unique street reference number',
        automated: 'server_set',
      },
    ],
  },
  {
    service_code: 'LGT-05',
    service_name: 'Illuminated sign or bollard not working',
    description: 'A lit traffic sign, bollard or belisha beacon that is not lit.',
    metadata: false,
    type: 'realtime',
    keywords: 'belisha beacon, lit bollard, illuminated sign',
    groups: ['Street lighting', 'Roads and pavements'],
    notice: 'We aim to repair illuminated signs within 10 working days.',
    expectedDays: 10,
    attributes: [],
  },
  {
    service_code: 'FT-10',
    service_name: 'Fly-tipping',
    description: 'Rubbish dumped illegally on a street, pavement, park or other public land.',
    metadata: true,
    type: 'realtime',
    keywords: 'dumping, rubbish, mattress, rubble, waste, fly tipping',
    groups: ['Rubbish and fly-tipping'],
    notice: 'We aim to clear fly-tipping within 3 working days.',
    expectedDays: 3,
    attributes: [
      {
        variable: true,
        code: 'WASTE_TYPE',
        datatype: 'multivaluelist',
        required: true,
        datatype_description: 'Choose all that apply',
        order: 9,
        description: 'What has been dumped?',
        values: [
          { key: 'BAGS', name: 'Black bags' },
          { key: 'FURNITURE', name: 'Furniture or mattresses' },
          { key: 'ELECTRICAL', name: 'Fridges or electrical items' },
          { key: 'BUILDING', name: 'Building rubble' },
          { key: 'ASBESTOS', name: 'Possible asbestos' },
          { key: 'OTHER', name: 'Other' },
        ],
      },
      {
        variable: true,
        code: 'SIZE',
        datatype: 'singlevaluelist',
        required: true,
        datatype_description: null,
        order: 3,
        description: 'How much is there?',
        values: [
          { key: '1', name: 'A single item or bag' },
          { key: '2', name: 'A car boot load' },
          { key: '3', name: 'A small van load' },
          { key: '4', name: 'A lorry load or more' },
        ],
      },
      {
        variable: true,
        code: 'SEEN_AT',
        datatype: 'datetime',
        required: false,
        datatype_description: 'When it was dumped, if you know',
        order: 1,
        description: 'When did you see it being dumped?',
      },
      {
        variable: true,
        code: 'VEHICLE',
        datatype: 'text',
        required: false,
        datatype_description: 'Make, colour and registration if you saw them',
        order: 8,
        description: 'Describe any vehicle involved',
      },
      {
        variable: true,
        code: 'WITNESS',
        datatype: 'Boolean (checkbox)',
        required: false,
        datatype_description: null,
        order: null,
        description: 'I saw it being dumped and am willing to be contacted as a witness',
      },
      {
        variable: true,
        code: 'ON_PRIVATE_LAND',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: null,
        order: 3,
        description: 'Is it on private land?',
        values: [
          { key: 'N', name: 'No' },
          { key: 'Y', name: 'Yes' },
          { key: 'U', name: 'Not sure' },
        ],
      },
    ],
  },
  {
    service_code: 'BIN OVERFLOW',
    service_name: 'Overflowing litter bin',
    description: 'A street litter bin or dog waste bin that is full.',
    metadata: false,
    type: 'realtime',
    keywords: 'litter, bin, full, dog bin',
    groups: ['Rubbish and fly-tipping'],
    notice: 'Litter bins are emptied within 2 working days of a report.',
    expectedDays: 2,
    attributes: [],
  },
  {
    service_code: 'FT-12',
    service_name: 'Dead animal',
    description: 'A dead animal on a road, pavement or other public place.',
    metadata: true,
    type: 'realtime',
    keywords: 'animal, fox, badger, deer, bird, carcass',
    groups: ['Rubbish and fly-tipping'],
    notice: 'We aim to remove dead animals within 1 working day.',
    expectedDays: 1,
    attributes: [
      {
        variable: true,
        code: 'ANIMAL',
        datatype: 'singlevaluelist',
        required: true,
        datatype_description: null,
        order: 1,
        description: 'What kind of animal?',
        values: [
          { key: 'SMALL', name: 'Small (for example a bird or squirrel)' },
          { key: 'MEDIUM', name: 'Medium (for example a fox, cat or badger)' },
          { key: 'LARGE', name: 'Large (for example a deer)' },
        ],
      },
    ],
  },
  {
    service_code: 'DRN-01',
    service_name: 'Blocked drain or gully',
    description: 'A road drain or gully that is blocked, smells or is overflowing.',
    metadata: true,
    type: 'realtime',
    keywords: 'drain, gully, grate, blocked, standing water',
    groups: ['Drains and flooding', 'Roads and pavements'],
    notice: 'We aim to clear blocked gullies within 10 working days.',
    expectedDays: 10,
    attributes: [
      {
        variable: true,
        code: 'SMELL',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: null,
        order: 1,
        description: 'Does it smell of sewage?',
        values: [
          { key: 'NO', name: 'No' },
          {
            key: 'SEWAGE',
            name: 'Yes, it smells of sewage',
            disable_message: 'Sewers are the responsibility of the water company. Please call Example Water on 0800 000 0000.',
          },
        ],
      },
    ],
  },
  {
    service_code: 'FLD-02',
    service_name: 'Flooding on a road or pavement',
    description: 'Standing or running water on a road, pavement or path.',
    metadata: true,
    type: 'realtime',
    keywords: 'flood, water, puddle, ice',
    groups: ['Drains and flooding'],
    notice: 'Flooding that puts property at risk is dealt with as an emergency.',
    expectedDays: 1,
    attributes: [
      {
        variable: true,
        code: 'WATER_DEPTH',
        datatype: 'number',
        required: true,
        datatype_description: 'Depth in centimetres',
        order: 1,
        description: 'How deep is the water?',
      },
      {
        variable: true,
        code: 'PROPERTY_AT_RISK',
        datatype: 'singlevaluelist',
        required: true,
        datatype_description: null,
        order: 2,
        description: 'Is water entering or about to enter a property?',
        values: [
          { key: 'NO', name: 'No' },
          { key: 'YES', name: 'Yes' },
        ],
      },
      {
        variable: true,
        code: 'SOURCE',
        datatype: 'text',
        required: false,
        datatype_description: null,
        order: 3,
        description: 'Where do you think the water is coming from?',
      },
    ],
  },
  {
    service_code: 'TRE-01',
    service_name: 'Fallen or dangerous tree',
    description: 'A council tree that has fallen, has loose branches or is blocking a path or sign.',
    metadata: true,
    type: 'realtime',
    keywords: 'tree, branch, fallen, overhanging, roots',
    groups: ['Parks and trees'],
    notice: 'Dangerous trees are made safe within 24 hours; other tree work is programmed.',
    attributes: [
      {
        variable: true,
        code: 'HAZARD',
        datatype: 'multivaluelist',
        required: true,
        datatype_description: null,
        order: 1,
        description: 'What is the problem?',
        values: [
          { key: 'FALLEN', name: 'Tree has fallen' },
          { key: 'BRANCH', name: 'Loose or hanging branch' },
          { key: 'BLOCKING', name: 'Blocking a path, road or sign' },
          { key: 'ROOTS', name: 'Roots lifting the pavement' },
        ],
      },
      {
        variable: true,
        code: 'BLOCKING_ROAD',
        datatype: 'singlevaluelist',
        required: true,
        datatype_description: null,
        order: 2,
        description: 'Is the road completely blocked?',
        values: [
          { key: 'NO', name: 'No' },
          { key: 'YES', name: 'Yes' },
        ],
      },
    ],
  },
  {
    service_code: 'PRK-03',
    service_name: 'Damaged play equipment',
    description: 'Broken swings, slides, fences or surfaces in a council playground.',
    metadata: true,
    type: 'realtime',
    keywords: 'playground, swing, slide, park, play area',
    groups: ['Parks and trees'],
    notice: 'Unsafe play equipment is closed off the same day.',
    attributes: [
      {
        variable: true,
        code: 'EQUIPMENT',
        datatype: 'string',
        required: true,
        datatype_description: 'For example "the tall slide"',
        order: 1,
        description: 'Which piece of equipment?',
      },
    ],
  },
  {
    service_code: 'GRF-01',
    service_name: 'Graffiti',
    description: 'Graffiti on council property, bus shelters, walls, signs or street furniture.',
    metadata: true,
    type: 'realtime',
    keywords: 'graffiti, tagging, spray paint, paint',
    groups: ['Graffiti and vandalism'],
    notice: 'Offensive graffiti is removed within 1 working day, other graffiti within 10.',
    expectedDays: 10,
    attributes: [
      {
        variable: true,
        code: 'OFFENSIVE',
        datatype: 'singlevaluelist',
        required: true,
        datatype_description: null,
        order: 1,
        description: 'Is it offensive or racist?',
        values: [
          { key: 'NO', name: 'No' },
          { key: 'YES', name: 'Yes' },
        ],
      },
      {
        variable: true,
        code: 'SURFACE',
        datatype: 'multivaluelist',
        required: false,
        datatype_description: null,
        order: 2,
        description: 'What is it on?',
        values: [
          { key: 'WALL', name: 'Wall or fence' },
          { key: 'SHELTER', name: 'Bus shelter' },
          { key: 'SIGN', name: 'Road sign' },
          { key: 'CABINET', name: 'Utility cabinet' },
        ],
      },
      {
        variable: true,
        code: 'AREA',
        datatype: 'string',
        required: false,
        datatype_description: 'Approximate size, for example 2 m by 1 m',
        order: 3,
        description: 'How big is it?',
      },
    ],
  },
  {
    service_code: 'VAN-02',
    service_name: 'Vandalised street furniture',
    description: 'Damaged benches, bus shelters, railings or other street furniture.',
    metadata: false,
    type: 'realtime',
    keywords: 'bench, bus shelter, railings, broken glass, vandalism',
    groups: ['Graffiti and vandalism'],
    notice: 'Broken glass is made safe within 1 working day.',
    attributes: [],
  },
  {
    service_code: 'HWY-STAFF',
    service_name: 'Highway inspection follow-up',
    description: 'For council inspectors only: follow-up work raised during a routine inspection.',
    metadata: false,
    type: 'realtime',
    keywords: 'staff',
    groups: ['Roads and pavements'],
    notice: "Added to the inspector's work list.",
    attributes: [],
  },
  {
    service_code: 'SNOW-01',
    service_name: 'Icy road or pavement',
    description: 'Roads, pavements or cycle paths that need gritting. Reports are taken in winter only.',
    metadata: false,
    type: 'realtime',
    keywords: 'ice, snow, grit, gritting, inactive',
    groups: ['Roads and pavements'],
    notice: 'Priority routes are gritted before other roads.',
    attributes: [],
  },
  {
    service_code: 'DS-01',
    service_name: 'Dangerous wall or structure',
    description: 'A wall, building, sign or structure that has collapsed or looks as if it could fall onto a road or path.',
    metadata: true,
    type: 'realtime',
    keywords: 'wall, building, collapse, falling, unsafe, structure',
    groups: ['Roads and pavements'],
    agency: 'Building control',
    notice: 'Building control will inspect a dangerous structure the same day.',
    expectedDays: 1,
    attributes: [
      {
        // Marks the service urgent the FixMyStreet way (an informational `emergency` field,
        // mysociety/fixmystreet#2446): <open311-report> repeats its urgent-danger notice on this step.
        variable: false,
        code: 'emergency',
        datatype: 'text',
        required: false,
        datatype_description: null,
        order: 1,
        description: 'If anything has fallen onto a road or path, or is about to, keep people away and call us now as well.',
      },
      {
        variable: true,
        code: 'BLOCKING',
        datatype: 'singlevaluelist',
        required: true,
        datatype_description: null,
        order: 2,
        description: 'Is it blocking a road or path?',
        values: [
          { key: 'NO', name: 'No' },
          { key: 'PARTLY', name: 'Partly' },
          { key: 'YES', name: 'Yes, completely' },
        ],
      },
    ],
  },
  {
    service_code: 'OTH-99',
    service_name: 'Other problem',
    description: 'A problem in a public place that is not in any other category.',
    metadata: false,
    type: 'realtime',
    keywords: 'other, general, enquiry',
    groups: [],
    notice: 'We will pass your report to the right team.',
    attributes: [],
  },
];

/** @type {Map<string, Service>} */
export const servicesByCode = new Map(services.map((s) => [s.service_code, s]));
