import mongoose, { Schema, type Connection } from 'mongoose';
import { testDatabaseUrl } from '@app/testing';
import { isDuplicateKeyError } from '../idempotency/idempotent-consumer';

/**
 * The database features the services rely on, exercised through mongoose against whatever
 * server the tests run on (mongo-java-server here, real MongoDB 7 under testcontainers), so a
 * gap in the stand-in shows up here and not as a surprise in a feature.
 * Known gaps of mongo-java-server, asserted below so that they stay known:
 * multi-document transactions, and partialFilterExpression (use sparse unique indexes).
 */
describe('database compatibility (through mongoose)', () => {
  let conn: Connection;

  interface Doc {
    key: string;
    group?: string;
    n: number;
    tags: string[];
    at?: Date;
    optional?: string;
    items: Array<{ id: string; qty: number }>;
  }
  const schema = new Schema<Doc>({
    key: { type: String, required: true },
    group: String,
    n: { type: Number, default: 0 },
    tags: { type: [String], default: [] },
    at: Date,
    optional: String,
    items: { type: [{ id: String, qty: Number, _id: false }], default: [] },
  });
  schema.index({ key: 1 }, { unique: true });
  schema.index({ group: 1, at: -1 });
  schema.index({ optional: 1 }, { unique: true, sparse: true });
  schema.index({ at: 1 }, { expireAfterSeconds: 3600 * 24 * 365 });

  const model = () => conn.model<Doc>('CompatDoc', schema);

  beforeAll(async () => {
    conn = await mongoose.createConnection(testDatabaseUrl('compat'), { serverSelectionTimeoutMS: 5000 }).asPromise();
    await model().syncIndexes();
  });
  afterAll(async () => {
    await conn.dropDatabase();
    await conn.close();
  });
  beforeEach(async () => {
    await model().deleteMany({});
  });

  it('creates unique, compound, sparse-unique and TTL indexes', async () => {
    const names = (await model().listIndexes()).map((i) => i.name as string);
    expect(names).toEqual(expect.arrayContaining(['key_1', 'group_1_at_-1', 'optional_1', 'at_1']));
  });

  it('enforces a unique index with duplicate-key error code 11000', async () => {
    await model().create({ key: 'a' });
    const err = await model()
      .create({ key: 'a' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(isDuplicateKeyError(err)).toBe(true);
  });

  it('a sparse unique index allows many documents without the field but not two with the same value', async () => {
    await model().create([{ key: 'a' }, { key: 'b' }, { key: 'c', optional: 'x' }]);
    const err = await model()
      .create({ key: 'd', optional: 'x' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(isDuplicateKeyError(err)).toBe(true);
  });

  it('upserts with $setOnInsert and $inc; racing upserts converge on one document', async () => {
    await Promise.all(
      Array.from({ length: 20 }, () =>
        model()
          .updateOne({ key: 'race' }, { $setOnInsert: { group: 'g' }, $inc: { n: 1 } }, { upsert: true })
          .catch((e: unknown) => {
            if (!isDuplicateKeyError(e)) throw e;
          }),
      ),
    );
    expect(await model().countDocuments({ key: 'race' })).toBe(1);
  });

  it('findOneAndUpdate with a condition, $inc and $push($each, $slice) is atomic and returns the new document', async () => {
    await model().create({ key: 'bal', n: 10 });
    const spend = (amount: number) =>
      model()
        .findOneAndUpdate(
          { key: 'bal', n: { $gte: amount } },
          { $inc: { n: -amount }, $push: { tags: { $each: [`spent-${amount}`], $slice: -5 } } },
          { new: true },
        )
        .lean();
    const results = await Promise.all([spend(6), spend(6), spend(6)]);
    expect(results.filter(Boolean)).toHaveLength(1); // only one of three concurrent spends fits
    expect((await model().findOne({ key: 'bal' }).lean())?.n).toBe(4);
    expect(await spend(5)).toBeNull();
  });

  it('guards an update with $ne on an array (apply-once) and pulls array items by sub-field', async () => {
    await model().create({
      key: 'g',
      items: [
        { id: 'e1', qty: 1 },
        { id: 'e2', qty: 2 },
      ],
    });
    const once = () => model().updateOne({ key: 'g', tags: { $ne: 'evt-1' } }, { $inc: { n: 1 }, $push: { tags: 'evt-1' } });
    expect((await once()).modifiedCount).toBe(1);
    expect((await once()).modifiedCount).toBe(0);
    await model().updateOne({ key: 'g' }, { $pull: { items: { id: { $in: ['e1'] } } } });
    const doc = await model().findOne({ key: 'g' }).lean();
    expect(doc?.items.map((i) => i.id)).toEqual(['e2']);
    expect(await model().countDocuments({ 'items.0': { $exists: true } })).toBe(1);
    expect(await model().countDocuments({ key: 'g', items: { $size: 1 } })).toBe(1);
  });

  it('bulkWrite unordered reports duplicate keys and still applies the rest', async () => {
    await model().create({ key: 'dup' });
    const err = (await model()
      .bulkWrite(
        [
          { insertOne: { document: { key: 'b1', n: 1 } } },
          { insertOne: { document: { key: 'dup' } } },
          { updateOne: { filter: { key: 'b1' }, update: { $inc: { n: 1 } } } },
        ],
        { ordered: false },
      )
      .then(
        () => null,
        (e: unknown) => e,
      )) as { code?: number; writeErrors?: unknown[] } | null;
    expect(err?.code).toBe(11000);
    expect((await model().findOne({ key: 'b1' }).lean())?.n).toBe(2);
  });

  it('runs the aggregation stages the services use', async () => {
    const at = new Date('2026-03-01T00:00:00Z');
    await model().create([
      { key: 'a1', group: 'x', n: 10, tags: ['t1', 't2'], at },
      { key: 'a2', group: 'x', n: 5, tags: ['t1'], at: new Date('2026-02-01T00:00:00Z') },
      { key: 'a3', group: 'y', n: 1, tags: [], at },
    ]);
    const grouped = await model().aggregate<{ _id: string; total: number; count: number; last: Date }>([
      { $match: { n: { $gte: 1 } } },
      { $group: { _id: '$group', total: { $sum: '$n' }, count: { $sum: 1 }, last: { $max: '$at' } } },
      { $sort: { _id: 1 } },
    ]);
    expect(grouped).toEqual([
      { _id: 'x', total: 15, count: 2, last: at },
      { _id: 'y', total: 1, count: 1, last: at },
    ]);
    const unwound = await model().aggregate([{ $unwind: '$tags' }, { $group: { _id: '$tags', n: { $sum: 1 } } }, { $sort: { _id: 1 } }]);
    expect(unwound).toEqual([
      { _id: 't1', n: 2 },
      { _id: 't2', n: 1 },
    ]);
    const faceted = await model().aggregate([
      { $facet: { total: [{ $count: 'n' }], top: [{ $sort: { n: -1 } }, { $limit: 1 }, { $project: { _id: 0, key: 1 } }] } },
    ]);
    expect(faceted).toEqual([{ total: [{ n: 3 }], top: [{ key: 'a1' }] }]);
    const projected = await model().aggregate([
      { $match: { key: 'a1' } },
      {
        $project: {
          _id: 0,
          big: { $cond: [{ $gt: ['$n', 5] }, true, false] },
          days: { $divide: [{ $subtract: [new Date('2026-03-11T00:00:00Z'), '$at'] }, 86400000] },
        },
      },
    ]);
    expect(projected).toEqual([{ big: true, days: 10 }]);
    const joined = await model().aggregate([
      { $match: { key: 'a1' } },
      { $lookup: { from: model().collection.name, localField: 'group', foreignField: 'group', as: 'same' } },
      { $project: { _id: 0, n: { $size: '$same' } } },
    ]);
    expect(joined).toEqual([{ n: 2 }]);
  });

  it('pages with sort, skip and limit and counts', async () => {
    await model().create(Array.from({ length: 7 }, (_, i) => ({ key: `p${i}`, n: i })));
    const page = await model()
      .find({ n: { $gte: 0 } })
      .sort({ n: -1 })
      .skip(2)
      .limit(3)
      .lean();
    expect(page.map((d) => d.n)).toEqual([4, 3, 2]);
    expect(await model().countDocuments({ n: { $lt: 3 } })).toBe(3);
    expect((await model().distinct('key', { n: { $lt: 2 } })).sort()).toEqual(['p0', 'p1']);
  });

  it('filters that pin _id and add conditions (guards, exact-match settles) match exactly, also with $in and in updates', async () => {
    const raw = conn.collection<{ _id: string; n: number; tags: string[] }>('compat_pinned');
    await raw.insertMany([
      { _id: 'a', n: 1, tags: ['x'] },
      { _id: 'b', n: 2, tags: [] },
      { _id: 'c', n: 1, tags: ['y'] },
    ]);
    expect(await raw.findOne({ _id: 'a', n: 1 })).toMatchObject({ _id: 'a' });
    expect(await raw.findOne({ _id: 'a', n: 2 })).toBeNull();
    expect((await raw.find({ _id: { $in: ['a', 'b', 'c'] }, n: 1 }).toArray()).map((d) => d._id).sort()).toEqual(['a', 'c']);
    expect((await raw.find({ _id: { $ne: 'a' }, n: 1 }).toArray()).map((d) => d._id)).toEqual(['c']);
    expect((await raw.updateOne({ _id: 'a', tags: { $ne: 'x' } }, { $push: { tags: 'x' } })).matchedCount).toBe(0);
    expect((await raw.updateOne({ _id: 'b', tags: { $size: 0 } }, { $set: { n: 3 } })).modifiedCount).toBe(1);
    expect(await raw.findOneAndUpdate({ _id: 'c', n: 1, $or: [{ tags: 'y' }, { tags: 'z' }] }, { $inc: { n: 1 } }, { returnDocument: 'after' })).toMatchObject({
      _id: 'c',
      n: 2,
    });
    expect(await raw.countDocuments({ _id: { $in: ['a', 'b'] }, n: { $gte: 1 } })).toBe(2);
    expect((await raw.deleteMany({ _id: { $in: ['a', 'b'] }, n: 3 })).deletedCount).toBe(1);
  });

  it('queries on a non-unique (compound, multikey) index field match exactly, also after the field changes and documents go', async () => {
    const raw = conn.collection<{ _id: string; memberId?: string | number | null; at: number; tags: string[] }>('compat_secondary');
    await raw.createIndex({ memberId: 1, at: -1 });
    await raw.createIndex({ tags: 1 });
    await raw.insertMany([
      { _id: 'a', memberId: 'm1', at: 1, tags: ['x', 'y'] },
      { _id: 'b', memberId: 'm1', at: 2, tags: [] },
      { _id: 'c', memberId: 'm2', at: 3, tags: ['y'] },
      { _id: 'd', at: 4, tags: ['x'] },
      { _id: 'e', memberId: null, at: 5, tags: [] },
      { _id: 'f', memberId: 7, at: 6, tags: [] },
    ]);
    const ids = async (filter: object, sort: object = { _id: 1 }) =>
      (
        await raw
          .find(filter)
          .sort(sort as never)
          .toArray()
      ).map((d) => d._id);
    expect(await ids({ memberId: 'm1' })).toEqual(['a', 'b']);
    expect(await ids({ memberId: 'm1', at: { $gt: 1 } })).toEqual(['b']);
    expect(await ids({ memberId: { $in: ['m1', 'm2', 'none'] } }, { at: -1 })).toEqual(['c', 'b', 'a']);
    expect(await ids({ memberId: 7.0 })).toEqual(['f']);
    expect(await ids({ memberId: null })).toEqual(['d', 'e']);
    expect(await ids({ memberId: { $exists: false } })).toEqual(['d']);
    expect(await ids({ tags: 'x' })).toEqual(['a', 'd']);
    expect(await ids({ tags: { $in: ['y'] }, memberId: 'm2' })).toEqual(['c']);
    expect(await raw.countDocuments({ memberId: 'm1' })).toBe(2);
    await raw.updateOne({ _id: 'a' }, { $set: { memberId: 'm2' }, $pull: { tags: 'x' } });
    await raw.updateOne({ memberId: 'm1', at: 2 }, { $set: { memberId: 'm3' } });
    expect(await ids({ memberId: 'm1' })).toEqual([]);
    expect(await ids({ memberId: 'm2' })).toEqual(['a', 'c']);
    expect(await ids({ memberId: 'm3' })).toEqual(['b']);
    expect(await ids({ tags: 'x' })).toEqual(['d']);
    expect((await raw.deleteMany({ memberId: 'm2', at: 3 })).deletedCount).toBe(1);
    expect(await ids({ memberId: { $in: ['m2', 'm3'] } })).toEqual(['a', 'b']);
    await raw.replaceOne({ _id: 'b' }, { memberId: 'm1', at: 9, tags: ['z'] });
    expect(await ids({ memberId: 'm1' })).toEqual(['b']);
    expect(await ids({ tags: 'z' })).toEqual(['b']);
  });

  it('known gap: the stand-in has no multi-document transactions, so the code never uses them', async () => {
    if (process.env.TEST_DATABASE_FLAVOUR === 'mongodb') return; // real MongoDB (replica set) supports them
    const session = await conn.startSession().catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
    const outcome =
      session instanceof Error
        ? session.message
        : await (async () => {
            try {
              await session.withTransaction(async () => {
                await model().create([{ key: 'tx' }], { session });
              });
              return 'supported';
            } catch (e) {
              return (e as Error).message;
            } finally {
              await session.endSession();
            }
          })();
    expect(outcome).not.toBe('supported');
  });
});
