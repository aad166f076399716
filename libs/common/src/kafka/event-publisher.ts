import { Injectable } from '@nestjs/common';
import type { IHeaders, Message } from 'kafkajs';
import { EventHeaders, type EventEnvelope } from '@app/contracts';
import { KafkaClient } from './kafka.client';

export function envelopeHeaders(e: EventEnvelope): IHeaders {
  return {
    [EventHeaders.eventId]: e.id,
    [EventHeaders.eventType]: e.type,
    [EventHeaders.eventVersion]: String(e.version),
    [EventHeaders.correlationId]: e.correlationId,
    [EventHeaders.source]: e.source,
    ...(e.causationId ? { [EventHeaders.causationId]: e.causationId } : {}),
  };
}

export function toKafkaMessage(e: EventEnvelope): Message {
  return { key: e.partitionKey, value: JSON.stringify(e), headers: envelopeHeaders(e) };
}

/** Sends envelopes to their topics (topic = `${type}.v${version}`), in the order given. */
@Injectable()
export class EventPublisher {
  constructor(private readonly client: KafkaClient) {}

  async publish(events: EventEnvelope[]): Promise<void> {
    if (events.length === 0) return;
    const byTopic = new Map<string, Message[]>();
    for (const e of events) {
      const topic = `${e.type}.v${e.version}`;
      const list = byTopic.get(topic) ?? [];
      list.push(toKafkaMessage(e));
      byTopic.set(topic, list);
    }
    const producer = await this.client.producer();
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }

  async sendRaw(topic: string, messages: Message[]): Promise<void> {
    const producer = await this.client.producer();
    await producer.send({ topic, acks: -1, messages });
  }
}
