import type { Admin } from 'kafkajs';

/** Create the topics that do not exist yet (existing ones are left as they are). */
export async function ensureTopics(admin: Admin, topics: string[], numPartitions: number): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = [...new Set(topics)].filter((t) => !existing.has(t));
  if (missing.length === 0) return;
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor: 1 })),
    });
  } catch (err) {
    // Another service may have created the same topic meanwhile; anything else is real.
    const again = new Set(await admin.listTopics());
    if (missing.some((t) => !again.has(t))) throw err;
  }
}
