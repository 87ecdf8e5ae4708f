import type { Analysis } from '../../analyze';
import type { Address } from '../../net/address';
import type { ConfigContext } from '../types';
import { type InstallPlan, installPlan } from './install';
import { interpret } from './interpret';
import type { NmConnection, NmDocument, ValueProblem } from './model';
import { parseKeyfile } from './parse';
import { type Prediction, predict } from './predict';

/** Another profile of the same folder, read for rules that need both sides (VPN and physical). */
export interface Sibling {
  readonly name: string;
  readonly connection: NmConnection;
}

/** Everything rules, hover and symbols share, computed once. */
export interface NmState {
  readonly doc: NmDocument;
  readonly connection: NmConnection;
  readonly plan: InstallPlan;
  readonly dump: Analysis | undefined;
  readonly dumpName: string;
  readonly siblings: readonly Sibling[];
  predict(address: Address): Prediction;
}

export function readDocument(text: string): NmDocument {
  const parsed = parseKeyfile(text);
  const values: ValueProblem[] = [];
  const connection = interpret(parsed.sections, values);
  return { ...parsed, values, connection };
}

export function createState(doc: NmDocument, context: ConfigContext, siblings: readonly Sibling[]): NmState {
  const plan = installPlan(doc.connection);
  const dumpName = context.dumpName ?? 'the route dump';
  return {
    doc, connection: doc.connection, plan, dump: context.dump, dumpName, siblings,
    predict: (address) => predict(plan, address, context.dump, dumpName),
  };
}
