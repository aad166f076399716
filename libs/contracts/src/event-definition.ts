/** A typed, versioned event: its type, version, topic, payload class and partition key. */
export type PayloadClass<P extends object = object> = new () => P;

export interface EventDefinition<P extends object = object, N extends string = string> {
  /** `${type}.v${version}`; also the Kafka topic name. */
  readonly name: N;
  readonly type: string;
  readonly version: number;
  readonly topic: N;
  readonly description: string;
  /** class-validator decorated class; incoming payloads are validated against it. */
  readonly payload: PayloadClass<P>;
  /** Partition key of an event (member id where a member is concerned). */
  key(payload: P): string;
}

export function defineEvent<P extends object, T extends string, V extends number>(def: {
  type: T;
  version: V;
  description: string;
  payload: PayloadClass<P>;
  key: (payload: P) => string;
}): EventDefinition<P, `${T}.v${V}`> {
  // tsc widens this template to string and needs the cast; typescript-eslint's view of the same
  // expression keeps the literal type and calls the cast unnecessary. tsc is the authority here.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
  const name = `${def.type}.v${def.version}` as `${T}.v${V}`;
  return { ...def, name, topic: name };
}
