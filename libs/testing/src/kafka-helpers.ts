import { Kafka, logLevel, type Consumer, type IHeaders, type Message } from 'kafkajs';
import { testBrokers, uniqueSuffix } from './test-env';

export interface ReadMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  json<T = unknown>(): T;
}

function kafka(): Kafka {
  return new Kafka({ clientId: `test-${uniqueSuffix()}`, brokers: testBrokers().split(','), logLevel: logLevel.NOTHING });
}

function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('utf8') : String(v)]));
}

/** Reads topics from the beginning into memory, so a test can wait for what it expects. */
export class TopicReader {
  readonly messages: ReadMessage[] = [];
  private consumer: Consumer | null = null;

  static async start(topics: string[]): Promise<TopicReader> {
    const reader = new TopicReader();
    const consumer = kafka().consumer({ groupId: `test-reader-${uniqueSuffix()}` });
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        reader.messages.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? null,
          value: message.value?.toString('utf8') ?? null,
          headers: decodeHeaders(message.headers),
          json<T>() {
            return JSON.parse(this.value ?? 'null') as T;
          },
        });
      },
    });
    reader.consumer = consumer;
    return reader;
  }

  async waitFor(predicate: (m: ReadMessage) => boolean, timeoutMs = 20000): Promise<ReadMessage> {
    const found = await waitUntil(() => this.messages.find(predicate), timeoutMs, 'message on topic');
    return found;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

/** Send raw messages (for malformed-event tests). */
export async function produceRaw(topic: string, messages: Message[]): Promise<void> {
  const producer = kafka().producer();
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}

/** Poll until `probe` returns a truthy value; fails with `what` after the timeout. */
export async function waitUntil<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 20000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
