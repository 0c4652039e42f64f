// The boundary format (issue 19, pin contract item 4), read once for the local server and the
// gateway: which polygons are ours, which features are neighbours, who is named for a place.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import booleanPointInPolygonModule from '@turf/boolean-point-in-polygon';
import { BoundaryError, locate, outsideDescription, outsideItem, readBoundary, safeContact } from '@open311-elements/georeport-wire/boundary';

/** @type {(p: number[], poly: object) => boolean} */
const inside = /** @type {any} */ (booleanPointInPolygonModule).default ?? booleanPointInPolygonModule;

/** A square polygon from (west, south) to (east, north). */
const square = (/** @type {number} */ w, /** @type {number} */ s, /** @type {number} */ e, /** @type {number} */ n) => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});
const feature = (/** @type {object} */ geometry, /** @type {object|null} */ properties = {}) => ({ type: 'Feature', properties, geometry });

describe('readBoundary', () => {
  test('a polygon, a feature or a collection without url or phone is all ours', () => {
    for (const data of [
      square(0, 0, 1, 1),
      feature(square(0, 0, 1, 1), { name: 'Us' }),
      feature(square(0, 0, 1, 1), null),
      { type: 'FeatureCollection', features: [feature(square(0, 0, 1, 1)), feature(square(2, 0, 3, 1), { name: 'Also us' })] },
    ]) {
      const b = readBoundary(data);
      assert.equal(b.neighbours.length, 0);
      assert.ok(b.ours.length >= 1);
      assert.deepEqual(locate(b, { lat: 0.5, long: 0.5 }, inside), { ours: true });
    }
  });

  test('features with a url or a phone are neighbours, named for a place in their area, first in the file first', () => {
    const b = readBoundary({
      type: 'FeatureCollection',
      features: [
        feature(square(0, 0, 1, 1), { name: 'Us' }),
        feature(square(1, 0, 2, 1), { name: 'East Council', url: 'https://east.example/report', phone: ' ' }),
        feature(square(1, 0, 3, 1), { name: 'Wide Board', phone: '0117 496 0000' }),
      ],
    });
    assert.equal(b.ours.length, 1);
    assert.deepEqual(
      b.neighbours.map((n) => n.contact),
      [
        { name: 'East Council', url: 'https://east.example/report' },
        { name: 'Wide Board', phone: '0117 496 0000' },
      ],
    );
    assert.deepEqual(locate(b, { lat: 0.5, long: 1.5 }, inside), { ours: false, contact: { name: 'East Council', url: 'https://east.example/report' } });
    assert.deepEqual(locate(b, { lat: 0.5, long: 2.5 }, inside), { ours: false, contact: { name: 'Wide Board', phone: '0117 496 0000' } });
    assert.deepEqual(locate(b, { lat: 5, long: 5 }, inside), { ours: false, contact: undefined });
  });

  test('refuses what cannot be used, naming the field', () => {
    const bad = (/** @type {unknown} */ data, /** @type {RegExp} */ words) =>
      assert.throws(
        () => readBoundary(data),
        (e) => e instanceof BoundaryError && words.test(e.message),
      );
    bad(
      { type: 'FeatureCollection', features: [feature(square(0, 0, 1, 1), { name: 'X', url: 'ftp://x.example/' })] },
      /^features\[0\]\.properties\.url: must start with https/,
    );
    bad({ type: 'FeatureCollection', features: [feature(square(0, 0, 1, 1), { url: 'https://x.example/' })] }, /^features\[0\]\.properties\.name/);
    bad(feature(square(0, 0, 1, 1), { name: 'X', phone: 'ring us' }), /^properties\.phone: "ring us" is not a phone number/);
    bad(feature({ type: 'Point', coordinates: [0, 0] }, { name: 'X', phone: '0117 496 0000' }), /needs a Polygon or MultiPolygon/);
    bad(
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
      /^coordinates\[0\]: a ring needs at least four/,
    );
    bad(
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 100],
            [0, 0],
          ],
        ],
      },
      /coordinates\[0\]\[2\]: must be \[longitude, latitude\]/,
    );
    bad(
      {
        type: 'LineString',
        coordinates: [
          [0, 0],
          [1, 1],
        ],
      },
      /holds no Polygon or MultiPolygon/,
    );
  });
});

describe('the outside_area item', () => {
  test('names the neighbour, or the council for that area with the GOV.UK lookup', () => {
    const contact = { name: 'East Council', url: 'https://east.example/report', phone: '0117 496 0000' };
    const item = outsideItem(outsideDescription('the area Us looks after', contact), contact);
    assert.deepEqual(Object.keys(item), ['code', 'description', 'outside_area', 'contact']);
    assert.equal(item.code, 400);
    assert.equal(item.outside_area, true);
    assert.equal(
      item.description,
      'This place is outside the area Us looks after. East Council looks after it: report it to them at https://east.example/report or by phone on 0117 496 0000',
    );
    const none = outsideItem(outsideDescription('the area Us looks after', undefined), undefined);
    assert.equal('contact' in none, false);
    assert.match(none.description, /council for that area: find it at https:\/\/www\.gov\.uk\/find-local-council$/);
  });

  test("keeps only the checked fields of someone else's contact", () => {
    assert.deepEqual(safeContact({ name: ' East  Council ', url: 'javascript:alert(1)', phone: '0117 496 0000', extra: 'x' }), {
      name: 'East Council',
      phone: '0117 496 0000',
    });
    assert.deepEqual(safeContact({ name: 'East', url: 'https://east.example/', phone: '<b>' }), { name: 'East', url: 'https://east.example/' });
    assert.equal(safeContact({ url: 'https://east.example/' }), undefined);
    assert.equal(safeContact('East'), undefined);
  });
});
