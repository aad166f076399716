// The bare baseline: the minimum a POS crediting endpoint must do per sale, with the same
// drivers the platform uses and nothing else: parse JSON, one insert into MongoDB (unique on
// store + transaction, so a retry is answered from the stored sale), one Kafka publish (acks=all,
// idempotent producer), answer. No framework, no auth, no rules, no ledger, no outbox.
import http from 'node:http';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { MongoClient } from 'mongodb';

export async function startBaseline({ mongoUrl, dbName, brokers, topic, port = 0 }) {
  const client = await new MongoClient(mongoUrl).connect();
  const sales = client.db(dbName).collection('baseline_sales');
  await sales.createIndex({ storeId: 1, transactionId: 1 }, { unique: true });
  const kafka = new Kafka({ clientId: 'bench-baseline', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true }).catch(() => undefined);
  await admin.disconnect();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      try {
        const sale = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const points = Math.floor(sale.totalMinor / 100);
        try {
          await sales.insertOne({
            storeId: sale.storeId,
            transactionId: sale.transactionId,
            memberId: sale.member.memberId,
            totalMinor: sale.totalMinor,
            points,
          });
          await producer.send({
            topic,
            acks: -1,
            messages: [{ key: sale.member.memberId, value: JSON.stringify({ storeId: sale.storeId, transactionId: sale.transactionId, points }) }],
          });
          res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ points }));
        } catch (err) {
          if (err?.code !== 11000) throw err;
          const stored = await sales.findOne({ storeId: sale.storeId, transactionId: sale.transactionId });
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ points: stored?.points }));
        }
      } catch (err) {
        res.writeHead(500).end(String(err));
      }
    });
  });
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    async verify() {
      const [row] = await sales.aggregate([{ $group: { _id: null, points: { $sum: '$points' }, n: { $sum: 1 } } }]).toArray();
      return { sales: row?.n ?? 0, points: row?.points ?? 0 };
    },
    async stop() {
      await new Promise((r) => server.close(r));
      await producer.disconnect();
      await client.db(dbName).dropDatabase();
      await client.close();
    },
  };
}
