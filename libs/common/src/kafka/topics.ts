import type { Admin } from 'kafkajs';

const ATTEMPTS = 10;

/**
 * Create the topics that do not exist yet (existing ones are left as they are). Several
 * services start at once against a fresh broker and create the same topics: metadata may lag
 * ("does not host this topic-partition"), so retry until every topic is there.
 */
export async function ensureTopics(admin: Admin, topics: string[], numPartitions: number): Promise<void> {
  const wanted = [...new Set(topics)];
  let lastError: unknown;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const existing = new Set(await admin.listTopics());
      const missing = wanted.filter((t) => !existing.has(t));
      if (missing.length === 0) return;
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor: 1 })),
      });
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 200 * attempt));
  }
  throw new Error(`Could not create Kafka topics after ${ATTEMPTS} attempts: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
}
