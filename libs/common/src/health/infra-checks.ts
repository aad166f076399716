import type { Connection } from 'mongoose';
import type { KafkaClient } from '../kafka/kafka.client';
import type { ReadinessCheck } from './readiness';

export function mongoCheck(connection: Connection): ReadinessCheck {
  return {
    name: 'database',
    async check() {
      if (!connection.db) throw new Error('not connected');
      await connection.db.admin().ping();
    },
  };
}

export function kafkaCheck(client: KafkaClient): ReadinessCheck {
  return {
    name: 'broker',
    async check() {
      const admin = await client.admin();
      await admin.describeCluster();
    },
  };
}
